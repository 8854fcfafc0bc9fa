#pragma once

#include "invoke/invocation.h"
#include "protocol/pyrouri.h"
#include "history/historymodel.h"
#include "results/resultview.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;

namespace Pyro {
class PendingCall;
class Proxy;
class Serializer;
}

namespace Pyro::Ui {

class ArgumentModel;
class Session;
class StreamConsole;

/*!
    The invocation form for one method of one object: a table of typed arguments
    (ArgumentModel + ArgumentDelegate) with live validation, a serializer-aware preview of what
    the server will receive, a serializer for the call (the profile's unless the user picks
    another; kept with the form), Call / Call again / Cancel, oneway, repeat N times with
    min/mean/max latency and a histogram, a batch builder, "paste pyroctl command", and the
    result (ResultView) or stream (StreamConsole) below.

    Forms are remembered per (object, method) in QSettings ("workbench/drafts/...") and restored
    by setTarget(), whatever the metadata says; a pinned signature ("workbench/pinned/...") is
    what new forms start from. Every call goes into HistoryModel::instance() (or the model given
    with setHistoryModel()), and the panel replays what that model's replayRequested() sends.
    Lives in the GUI thread; all calls are asynchronous.
*/
class InvokePanel : public QWidget
{
    Q_OBJECT
public:
    explicit InvokePanel(Session *session, QWidget *parent = nullptr);
    ~InvokePanel() override;

    void setHistoryModel(HistoryModel *model);
    HistoryModel *historyModel() const { return m_history; }

    ArgumentModel *argumentModel() const { return m_arguments; }
    QTableView *argumentView() const { return m_argumentView; }
    ResultView *resultView() const { return m_result; }
    StreamConsole *streamConsole() const { return m_stream; }
    QPushButton *callButton() const { return m_callButton; }
    //! The per-call serializer choice: the profile's (empty data) or one by name.
    QComboBox *serializerCombo() const { return m_serializer; }
    QList<QAction *> actions() const { return m_actions; }

    PyroUri targetUri() const { return m_uri; }
    QString method() const;
    //! The call the form describes now (args/kwargs empty while a row is invalid).
    Invocation invocation() const;
    //! Fills the form from \a invocation (target, method, arguments, oneway).
    void setInvocation(const Invocation &invocation);
    bool isPending() const { return !m_pending.isNull(); }
    //! The serializer preview text, or the reason the arguments cannot be encoded.
    QString previewText() const;
    bool previewOk() const { return m_previewOk; }
    //! The form's validation message ("" when valid).
    QString formError() const;
    QString repeatSummary() const;

    //! The pinned signature for (uri, method), empty when none.
    static QString settingsKey(const QString &uri, const QString &method);

public slots:
    void setTarget(const Pyro::PyroUri &uri, const QString &method);
    //! Shows the object's methods to pick from (metadata from the handshake).
    void setTargetObject(const Pyro::PyroUri &uri);
    void call();
    void callAgain();
    void cancel();
    //! Runs the current call \a times times, one after the other, and shows latency stats.
    void repeat(int times);
    void addToBatch();
    void runBatch();
    void clearBatch();
    void pinSignature();
    void resetToPinned();
    //! Fills the form from a pyroctl command line; false (and an inline message) when it does not parse.
    bool pastePyroctl(const QString &commandLine);
    void copyAsPyroctl();
    void copyAsPython();

signals:
    //! A call (or batch, or repeat run) finished; the result view shows it.
    void callFinished();

private:
    void run(const Invocation &inv, bool record);
    void finishCall(PendingCall *call, const Invocation &inv, bool record);
    void startNextRepeat();
    void updateState();
    void updatePreview();
    void saveDraft();
    void loadDraft();
    //! The proxy that runs \a inv: the session's, or one with the invocation's own serializer.
    Proxy *proxyFor(const QString &uri, const QString &serializer = QString());
    //! The serializer \a name stands for (empty: the profile's); nullptr when unknown.
    const Serializer *serializerFor(const QString &name) const;
    void updateSerializerChoice();

    Session *m_session;
    QPointer<HistoryModel> m_history;
    PyroUri m_uri;
    QComboBox *m_methodCombo;
    QLabel *m_targetLabel;
    ArgumentModel *m_arguments;
    QTableView *m_argumentView;
    QLabel *m_formError;
    QLabel *m_preview;
    QComboBox *m_serializer;
    QCheckBox *m_oneway;
    QDoubleSpinBox *m_timeout;
    QSpinBox *m_repeatCount;
    QPushButton *m_callButton;
    QPushButton *m_againButton;
    QPushButton *m_cancelButton;
    QPushButton *m_repeatButton;
    QListWidget *m_batchList;
    QPushButton *m_runBatchButton;
    QLabel *m_repeatLabel;
    QWidget *m_histogram;
    QLineEdit *m_pasteEdit;
    QTabWidget *m_outputTabs;
    ResultView *m_result;
    StreamConsole *m_stream;
    QList<QAction *> m_actions;

    QPointer<PendingCall> m_pending;
    QElapsedTimer m_clock;
    Invocation m_last;
    QList<Invocation> m_batch;
    bool m_previewOk = true;
    bool m_loading = false;
    int m_repeatLeft = 0;
    QList<double> m_latencies;
};

} // namespace Pyro::Ui
