#pragma once

#include "invoke/invocation.h"
#include "protocol/pyrouri.h"
#include "history/historymodel.h"
#include "results/resultview.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableView;
class QToolButton;

namespace Pyro {
class PendingCall;
class Proxy;
class Serializer;
}

namespace Pyro::Ui {

class ArgumentModel;
class BatchBuilder;
class ElidedLabel;
class RepeatPanel;
class Session;
class StreamConsole;

/*!
    The call area for one method of one object, laid out so that the result gets the room:

    \list
    \li one line: the method, the arguments as a Python argument list (ArgumentLine:
        \c{20, 22, kind='x'}; Enter calls), Call (Cancel while waiting) and Call again;
    \li one status line that never moves anything: the first problem with the arguments, or
        what the chosen serializer will deliver;
    \li "Details" (collapsed by default, remembered): the typed argument grid (ArgumentModel +
        ArgumentDelegate, mirroring the line both ways), pin / reset, oneway, the serializer
        and timeout of this call, and a line that takes a pasted pyroctl command;
    \li the output tabs: Result (ResultView), Stream (StreamConsole), Repeat (RepeatPanel),
        Batch (BatchBuilder).
    \endlist

    Forms are remembered per (object, method) by DraftStore. Every call goes into
    HistoryModel::instance() (or the model given with setHistoryModel()), and the panel
    replays what that model's replayRequested() sends. Lives in the GUI thread; all calls are
    asynchronous.
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
    //! The one-line argument entry.
    QLineEdit *argumentLine() const { return m_argumentLine; }
    QComboBox *methodCombo() const { return m_methodCombo; }
    ResultView *resultView() const { return m_result; }
    StreamConsole *streamConsole() const { return m_stream; }
    QTabWidget *outputTabs() const { return m_outputTabs; }
    QPushButton *callButton() const { return m_callButton; }
    //! Shows or hides the details (argument grid, options, pyroctl paste line).
    QToolButton *detailsButton() const { return m_detailsButton; }
    //! The per-call serializer choice: the profile's (empty data) or one by name.
    QComboBox *serializerCombo() const { return m_serializer; }
    //! Call, Call again, the stream console's, copy as pyroctl / Python (for the window's menus).
    QList<QAction *> actions() const { return m_actions; }
    QAction *callAction() const { return m_callAction; }

    PyroUri targetUri() const { return m_uri; }
    QString method() const;
    //! The call the form describes now (args/kwargs empty while the arguments are invalid).
    Invocation invocation() const;
    //! Fills the form from \a invocation (target, method, arguments, oneway).
    void setInvocation(const Invocation &invocation);
    bool isPending() const { return !m_pending.isNull(); }
    //! The serializer preview text, or the reason the arguments cannot be encoded.
    QString previewText() const;
    bool previewOk() const { return m_previewOk; }
    //! The form's validation message ("" when valid); may span lines (text, then a caret).
    QString formError() const { return m_formError; }
    QString repeatSummary() const;
    /*!
        True when \a method is known to need no arguments: its pinned signature is empty, or
        the history's latest successful call of it had no arguments. Pyro4 metadata has no
        signatures, so nothing else can tell.
    */
    bool knownWithoutArguments(const QString &method) const;

    //! The pinned signature for (uri, method), empty when none.
    static QString settingsKey(const QString &uri, const QString &method);

public slots:
    void setTarget(const Pyro::PyroUri &uri, const QString &method);
    //! Shows the object's methods to pick from (metadata from the handshake).
    void setTargetObject(const Pyro::PyroUri &uri);
    /*!
        What a double-click on a method does: selects it, then calls it at once when it
        needs no arguments (knownWithoutArguments()), else puts the focus in the argument line.
    */
    void activateMethod(const Pyro::PyroUri &uri, const QString &method);
    void focusArgumentLine();
    //! Tab order: \a before (if any) -> argument line -> Call -> results -> details -> method.
    void chainTabOrder(QWidget *before);
    void setDetailsVisible(bool visible);
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
    //! The Batch tab's calls as a Python script (Pyro4.batch or Pyro5.api.BatchProxy).
    void copyBatchAsPython();

signals:
    //! A call (or batch, or repeat run) finished; the result view shows it.
    void callFinished();
    //! A call (not a repeat run) on \a invocation's object ended with \a error (no error: it succeeded).
    void callCompleted(const Pyro::Ui::Invocation &invocation, const Pyro::Error &error);
    //! A replayed call targets \a invocation's object: the window shows it in the browser and inspector.
    void replayTargetChanged(const Pyro::Ui::Invocation &invocation);

private:
    void buildLayout();
    void run(const Invocation &inv, bool record);
    void finishCall(PendingCall *call, const Invocation &inv, bool record);
    void startNextRepeat();
    void updateState();
    void updatePreview();
    void showMessage();
    void saveDraft();
    void loadDraft();
    void onLineEdited();
    void onGridEdited();
    //! The proxy that runs \a inv: the session's, or one with the invocation's own serializer.
    Proxy *proxyFor(const QString &uri, const QString &serializer = QString());
    //! The serializer \a name stands for (empty: the profile's); nullptr when unknown.
    const Serializer *serializerFor(const QString &name) const;
    //! Rebuilds the per-call serializer list for the target's protocol (no pickle for Pyro5).
    void updateSerializerChoice();
    /*!
        The protocol of the object at \a uri: the profile's when it names one, else what a
        handshake with it (or, for a PYRO: URI, with its endpoint) showed; nullopt when not known.
    */
    std::optional<ProtocolVersion> protocolOf(const QString &uri) const;
    bool argumentsValid() const;

    Session *m_session;
    QPointer<HistoryModel> m_history;
    PyroUri m_uri;
    QComboBox *m_methodCombo;
    QLineEdit *m_argumentLine;
    QPushButton *m_callButton;
    QPushButton *m_againButton;
    QPushButton *m_cancelButton;
    QToolButton *m_detailsButton;
    ElidedLabel *m_message;
    QWidget *m_details;
    ArgumentModel *m_arguments;
    QTableView *m_argumentView;
    QComboBox *m_serializer;
    QCheckBox *m_oneway;
    QDoubleSpinBox *m_timeout;
    QLineEdit *m_pasteEdit;
    QTabWidget *m_outputTabs;
    ResultView *m_result;
    StreamConsole *m_stream;
    RepeatPanel *m_repeat;
    BatchBuilder *m_batch;
    QAction *m_callAction;
    QList<QAction *> m_actions;

    QPointer<PendingCall> m_pending;
    QElapsedTimer m_clock;
    Invocation m_last;
    //! The protocol each target URI (as text) was last called with, for invocation().
    QHash<QString, ProtocolVersion> m_protocols;
    QString m_formError;
    QString m_lineError; //!< the argument line does not parse (the grid keeps the last good arguments)
    QString m_preview;
    QString m_previewError; //!< the arguments cannot be encoded with the chosen serializer
    bool m_previewOk = true;
    bool m_loading = false;
    bool m_mirroring = false;
    int m_repeatLeft = 0;
};

} // namespace Pyro::Ui
