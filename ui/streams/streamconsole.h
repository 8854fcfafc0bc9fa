#pragma once

#include "streams/streamfiltermodel.h"
#include "value/value.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <deque>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QToolButton;

namespace Pyro {
class PendingStream;
}

namespace Pyro::Ui {

class LineChart;
class Session;
class StreamChart;
class StreamModel;

/*!
    The console of one remote stream (Proxy::callStream / PendingStream): items appear in a
    table (StreamModel: index, time, value) as they arrive, beside a live chart, items/s, a regex filter (StreamFilterModel), CSV /
    JSON-lines export, and a toolbar whose actions are also keyboard shortcuts:
    \list
    \li Pause auto-scroll (Ctrl+Shift+A): the table stops following the newest item.
    \li Pause pulling (F8): the stream switches to pull mode (PendingStream::setAutoFetch), so
        the remote generator is not advanced any more. Items already requested still arrive;
        they are held back and counted (heldCount()).
    \li Step (F10, while paused): shows the next held item, or when none is held asks the
        daemon for exactly one more (PendingStream::fetchNext) and shows it when it arrives.
    \li Stop (Esc): closes the remote stream; items held back by a pause are shown and the
        pause ends. The Start / Stop button in the bar stops a running stream, or asks for a
        new one (startRequested(): the invocation panel calls the method in its call line).
    \endlist
    The chart (StreamChart) plots a chosen numeric field over time, one series per value of a
    chosen key, for the items the filter shows.
    Scale: items reach the model in timer batches, the chart decimates, the filter tests only
    new rows, so 10,000 items/s and a million kept items leave the window responsive.
    Lives in the GUI thread.
*/
class StreamConsole : public QWidget
{
    Q_OBJECT
public:
    explicit StreamConsole(Session *session, QWidget *parent = nullptr);
    ~StreamConsole() override;

    //! Shows \a stream's items (clearing earlier ones). Does not take ownership; the stream
    //! keeps PendingStream's auto-delete rule. A paused console pauses the new stream too.
    void start(PendingStream *stream);
    bool isRunning() const;
    PendingStream *stream() const { return m_stream; }

    StreamModel *model() const { return m_model; }
    StreamFilterModel *filterModel() const { return m_filter; }
    QTableView *view() const { return m_view; }
    //! The chart with its field and series choices; chart() is its LineChart.
    StreamChart *streamChart() const { return m_chart; }
    LineChart *chart() const;
    //! Start (when no stream runs: asks for one with startRequested()) / Stop.
    QPushButton *startStopButton() const { return m_startStop; }
    //! Pause auto-scroll, pause pulling, step, stop: for menus; shortcuts work within the console.
    QList<QAction *> actions() const { return m_actions; }
    //! Items that arrived while pulling was paused and are not shown yet.
    qsizetype heldCount() const { return qsizetype(m_held.size()); }
    bool isHeld() const { return m_isHeld; }
    bool isAutoScrollPaused() const;

public slots:
    void stop();
    //! Pause (true) or resume pulling items from the daemon.
    void setHeld(bool held);
    //! While paused: one more item (see the class description).
    void step();
    void setAutoScrollPaused(bool paused);
    void setFilter(const QString &regex);
    bool exportTo(const QString &fileName); // .csv or anything else = JSON lines

signals:
    void streamFinished();
    //! Start was pressed while no stream runs: the owner calls the stream method again.
    void startRequested();

private:
    void onItem(const Value &item);
    void onFlushed(int count);
    void scrollIfFollowing();
    void updateActions();
    void updateStatus();
    //! Shows the held items and leaves pull-pause and step (after Stop or the end).
    void releaseHeld();

    StreamModel *m_model;
    StreamFilterModel *m_filter;
    QTableView *m_view;
    StreamChart *m_chart;
    QSplitter *m_split;
    QPushButton *m_startStop;
    QLineEdit *m_filterEdit;
    QAction *m_pauseScrollAction;
    QAction *m_pausePullAction;
    QAction *m_stepAction;
    QAction *m_stopAction;
    QLabel *m_status;
    QList<QAction *> m_actions;
    QPointer<PendingStream> m_stream;
    std::deque<Value> m_held;
    int m_stepsWanted = 0; // steps waiting for an item from the daemon
    bool m_isHeld = false;
    bool m_scrollQueued = false;
    QString m_finishText;
};

} // namespace Pyro::Ui
