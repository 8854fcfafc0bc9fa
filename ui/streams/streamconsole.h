#pragma once

#include "value/value.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <deque>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace Pyro {
class PendingStream;
}

namespace Pyro::Ui {

class LineChart;
class Session;
class StreamModel;

/*!
    The console of one remote stream (Proxy::callStream / PendingStream): items appear in a
    table (StreamModel: index, time, value) as they arrive, with a live line chart of numeric
    items or numeric record fields, items/s, auto-scroll that can be paused, a regex filter,
    CSV / JSON-lines export and Stop (closes the remote stream).

    Step: Pyro4 streams are pulled by PendingStream with a window of requests in flight and
    PendingStream has no one-at-a-time API, so "Hold" keeps arriving items in a queue instead of
    showing them, and "Step" releases one queued item at a time (the remote side keeps
    producing). Lives in the GUI thread.
*/
class StreamConsole : public QWidget
{
    Q_OBJECT
public:
    explicit StreamConsole(Session *session, QWidget *parent = nullptr);
    ~StreamConsole() override;

    //! Shows \a stream's items (clearing earlier ones). Does not take ownership; the stream
    //! keeps PendingStream's auto-delete rule.
    void start(PendingStream *stream);
    bool isRunning() const;

    StreamModel *model() const { return m_model; }
    QSortFilterProxyModel *filterModel() const { return m_filter; }
    LineChart *chart() const { return m_chart; }
    QList<QAction *> actions() const { return m_actions; }
    //! Items waiting while held.
    qsizetype heldCount() const { return m_held.size(); }

public slots:
    void stop();
    void setHeld(bool held);
    void step();
    void setFilter(const QString &regex);
    bool exportTo(const QString &fileName); // .csv or anything else = JSON lines

signals:
    void streamFinished();

private:
    void onItem(const Value &item);
    void onFlushed(int count);
    void updateStatus();

    StreamModel *m_model;
    QSortFilterProxyModel *m_filter;
    QTableView *m_view;
    LineChart *m_chart;
    QLineEdit *m_filterEdit;
    QCheckBox *m_autoScroll;
    QCheckBox *m_hold;
    QPushButton *m_stepButton;
    QPushButton *m_stopButton;
    QLabel *m_status;
    QList<QAction *> m_actions;
    QPointer<PendingStream> m_stream;
    std::deque<Value> m_held;
    bool m_isHeld = false;
    QString m_finishText;
};

} // namespace Pyro::Ui
