#include "streams/streamconsole.h"

#include "client/pendingstream.h"
#include "errors/errortext.h"
#include "charts/linechart.h"
#include "streams/streamchart.h"
#include "streams/streammodel.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Pyro::Ui {

StreamConsole::StreamConsole(Session *, QWidget *parent)
    : QWidget(parent), m_model(new StreamModel(this)), m_filter(new StreamFilterModel(this)), m_view(new QTableView(this)),
      m_chart(new StreamChart(m_model, m_filter, this)), m_split(new QSplitter(Qt::Horizontal, this)),
      m_startStop(new QPushButton(this)), m_filterEdit(new QLineEdit(this)), m_status(new QLabel(this))
{
    m_filter->setSourceModel(m_model);
    m_view->setModel(m_filter);
    m_view->verticalHeader()->hide();
    // Fixed, uniform rows: the view never measures a row, whatever the count.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 4);
    m_view->horizontalHeader()->setStretchLastSection(true);
    // Index and time as wide as their text (and header), the value gets the rest.
    const auto fit = [this](int column, const QString &sample) {
        const int header = m_view->horizontalHeader()->fontMetrics().horizontalAdvance(
                m_model->headerData(column, Qt::Horizontal).toString());
        m_view->horizontalHeader()->resizeSection(column, qMax(header, m_view->fontMetrics().horizontalAdvance(sample)) + 16);
    };
    fit(StreamModel::IndexColumn, QStringLiteral("0000000"));
    fit(StreamModel::TimeColumn, QStringLiteral("00:00:00.000"));
    m_view->setWordWrap(false);
    m_view->setAccessibleName(tr("Stream items"));
    m_filterEdit->setPlaceholderText(tr("Filter items (regular expression)"));
    m_filterEdit->setAccessibleName(tr("Filter items"));
    m_filterEdit->setClearButtonEnabled(true);

    // Each toolbar command is an action: a shortcut within the console, a button in the bar,
    // and an entry for the menus that show actions().
    const auto makeAction = [this](const QString &text, const QKeySequence &key, const QString &tip, bool checkable) {
        auto *a = new QAction(text, this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setCheckable(checkable);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        addAction(a);
        return a;
    };
    m_pauseScrollAction = makeAction(tr("Pause &auto-scroll"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A),
                                     tr("Keep the table where it is instead of following the newest item"), true);
    m_pausePullAction = makeAction(tr("Pause &pulling"), QKeySequence(Qt::Key_F8),
                                   tr("Stop asking the server for items: the remote generator is not advanced while paused"), true);
    m_stepAction = makeAction(tr("S&tep"), QKeySequence(Qt::Key_F10),
                              tr("While paused: show one more item, pulling exactly one from the server when none is waiting"), false);
    m_stopAction = makeAction(tr("&Stop"), QKeySequence(Qt::Key_Escape), tr("Stop the stream and close it on the server"), false);
    m_actions = { m_pauseScrollAction, m_pausePullAction, m_stepAction, m_stopAction };
    connect(m_pauseScrollAction, &QAction::toggled, this, &StreamConsole::setAutoScrollPaused);
    connect(m_pausePullAction, &QAction::toggled, this, &StreamConsole::setHeld);
    connect(m_stepAction, &QAction::triggered, this, &StreamConsole::step);
    connect(m_stopAction, &QAction::triggered, this, &StreamConsole::stop);

    // Start / Stop: one button whose meaning follows the stream (Stop is also Esc).
    m_startStop->setAccessibleName(tr("Start or stop the stream"));
    for (const QString &text : { tr("Start"), tr("Stop") }) { // as wide as the wider text: no jumping
        m_startStop->setText(text);
        m_startStop->setMinimumWidth(qMax(m_startStop->minimumWidth(), m_startStop->sizeHint().width()));
    }
    connect(m_startStop, &QPushButton::clicked, this, [this] {
        if (isRunning())
            m_stopAction->trigger();
        else
            emit startRequested();
    });

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_startStop);
    QList<QWidget *> tabOrder { m_startStop };
    for (QAction *a : { m_pauseScrollAction, m_pausePullAction, m_stepAction }) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(a);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setFocusPolicy(Qt::StrongFocus); // reachable with Tab, pressed with Space
        button->setAccessibleName(a->iconText());
        bar->addWidget(button);
        tabOrder << button;
    }
    auto *exportButton = new QPushButton(tr("&Export…"), this);
    bar->addWidget(exportButton);
    bar->addStretch(1);
    tabOrder << exportButton << m_filterEdit << m_view;
    for (qsizetype i = 0; i + 1 < tabOrder.size(); ++i)
        setTabOrder(tabOrder.at(i), tabOrder.at(i + 1));

    connect(m_filterEdit, &QLineEdit::textChanged, this, &StreamConsole::setFilter);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString name = QFileDialog::getSaveFileName(this, tr("Export stream"), QString(),
                                                          tr("JSON lines (*.jsonl);;CSV (*.csv)"));
        if (!name.isEmpty() && !exportTo(name))
            m_status->setText(tr("Could not write %1").arg(name));
    });
    connect(m_model, &StreamModel::itemsFlushed, this, &StreamConsole::onFlushed);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &StreamConsole::updateStatus);
    // Rows reach the view from flushes and from filter scan slices; follow both.
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &StreamConsole::scrollIfFollowing);
    connect(m_filter, &StreamFilterModel::scanFinished, this, &StreamConsole::updateStatus);

    // Items and chart side by side: the items keep the console's whole height (15 rows and
    // more at 1024x768), the chart takes the rest of the width.
    m_split->setObjectName(QStringLiteral("streamSplit"));
    // The filter sits over the items it filters (and the chart follows it).
    auto *itemsPane = new QWidget(m_split);
    auto *items = new QVBoxLayout(itemsPane);
    items->setContentsMargins(0, 0, 0, 0);
    items->setSpacing(2);
    items->addWidget(m_filterEdit);
    items->addWidget(m_view, 1);
    m_split->addWidget(itemsPane);
    m_split->addWidget(m_chart);
    m_split->setStretchFactor(0, 2); // the values need the width more than the chart
    m_split->setStretchFactor(1, 1);
    m_split->setChildrenCollapsible(true);
    m_split->setCollapsible(0, false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_split, 1);
    layout->addWidget(m_status);
    updateActions();
}

StreamConsole::~StreamConsole()
{
    if (m_stream && !m_stream->isFinished())
        m_stream->close();
}

void StreamConsole::start(PendingStream *stream)
{
    if (m_stream && !m_stream->isFinished())
        m_stream->close();
    if (m_stream)
        disconnect(m_stream, nullptr, this, nullptr);
    m_model->clear(); // the chart follows (StreamChart)
    m_held.clear();
    m_stepsWanted = 0;
    m_finishText.clear();
    m_stream = stream;
    if (stream) {
        if (m_isHeld)
            stream->setAutoFetch(false);
        connect(stream, &PendingStream::itemReceived, this, &StreamConsole::onItem);
        connect(stream, &PendingCall::finished, this, [this, stream] {
            if (stream != m_stream)
                return;
            m_model->flush();
            releaseHeld();
            m_finishText = stream->error() ? ErrorText::describe(stream->error()) : tr("stream ended");
            updateActions();
            updateStatus();
            emit streamFinished();
        });
    }
    updateActions();
    updateStatus();
}

bool StreamConsole::isRunning() const
{
    return m_stream && !m_stream->isFinished();
}

bool StreamConsole::isAutoScrollPaused() const
{
    return m_pauseScrollAction->isChecked();
}

LineChart *StreamConsole::chart() const
{
    return m_chart->chart();
}

void StreamConsole::stop()
{
    if (m_stream && !m_stream->isFinished())
        m_stream->close();
    releaseHeld();
    updateActions();
    updateStatus();
}

void StreamConsole::releaseHeld()
{
    // Nothing more is pulled: what was held back is shown, and pause / step start afresh.
    m_isHeld = false;
    m_stepsWanted = 0;
    if (m_pausePullAction->isChecked()) {
        const QSignalBlocker block(m_pausePullAction);
        m_pausePullAction->setChecked(false);
    }
    for (const Value &v : m_held)
        m_model->appendItem(v);
    m_held.clear();
    m_model->flush();
    updateActions();
}

void StreamConsole::onItem(const Value &item)
{
    if (m_isHeld) {
        if (m_stepsWanted > 0) {
            --m_stepsWanted;
            m_model->appendItem(item);
            m_model->flush();
            return;
        }
        m_held.push_back(item);
        updateStatus();
        return;
    }
    m_model->appendItem(item);
}

void StreamConsole::setHeld(bool held)
{
    if (m_pausePullAction->isChecked() != held)
        m_pausePullAction->setChecked(held); // comes back here through toggled()
    if (m_isHeld == held)
        return;
    m_isHeld = held;
    m_stepsWanted = 0;
    if (m_stream && !m_stream->isFinished())
        m_stream->setAutoFetch(!held);
    if (!held) {
        for (const Value &v : m_held)
            m_model->appendItem(v);
        m_held.clear();
    }
    updateActions();
    updateStatus();
}

void StreamConsole::step()
{
    if (!m_isHeld)
        return;
    if (!m_held.empty()) {
        m_model->appendItem(m_held.front());
        m_held.pop_front();
        m_model->flush();
        updateStatus();
        return;
    }
    if (!isRunning())
        return;
    // Requests already on their way bring the next item; otherwise ask for exactly one.
    ++m_stepsWanted;
    if (m_stream->inFlight() + m_stream->pendingRequests() < m_stepsWanted)
        m_stream->fetchNext();
    updateStatus();
}

void StreamConsole::setAutoScrollPaused(bool paused)
{
    if (m_pauseScrollAction->isChecked() != paused)
        m_pauseScrollAction->setChecked(paused);
    if (!paused)
        scrollIfFollowing();
}

void StreamConsole::setFilter(const QString &regex)
{
    QRegularExpression re(regex, QRegularExpression::CaseInsensitiveOption);
    m_filterEdit->setStyleSheet(re.isValid() ? QString() : QStringLiteral("color: red"));
    m_filterEdit->setToolTip(re.isValid() ? QString() : re.errorString());
    if (re.isValid())
        m_filter->setFilterRegularExpression(re);
    updateStatus();
}

bool StreamConsole::exportTo(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const auto format = fileName.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? StreamModel::ExportFormat::Csv
                                                                                       : StreamModel::ExportFormat::JsonLines;
    // What the table shows: with a filter, its rows only.
    m_filter->finishScan();
    if (!m_filter->isFiltering())
        return m_model->exportTo(&file, format);
    return m_model->exportTo(&file, format, [this](int row) { return m_filter->acceptsSourceRow(row); });
}

void StreamConsole::onFlushed(int)
{
    updateStatus(); // the chart follows the filter model's inserts itself
}

void StreamConsole::scrollIfFollowing()
{
    if (isAutoScrollPaused() || m_scrollQueued)
        return;
    // Once per event-loop pass, however many inserts came: scrolling is the view's cost.
    m_scrollQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_scrollQueued = false;
        if (!isAutoScrollPaused())
            m_view->scrollToBottom();
    });
}

void StreamConsole::updateActions()
{
    const bool running = isRunning();
    m_stopAction->setEnabled(running);
    m_startStop->setText(running ? tr("Stop") : tr("Start"));
    m_startStop->setToolTip(running ? tr("Stop the stream and close it on the server (Esc)")
                                    : tr("Call the method in the call line and stream its items here"));
    m_stepAction->setEnabled(m_isHeld && (running || !m_held.empty()));
}

void StreamConsole::updateStatus()
{
    QStringList parts;
    parts << tr("%n item(s)", nullptr, int(qMin<qint64>(m_model->totalReceived(), INT_MAX)));
    if (isRunning() && !m_isHeld)
        parts << tr("%1 items/s").arg(m_model->itemsPerSecond(), 0, 'f', 0);
    if (m_model->droppedCount() > 0)
        parts << tr("%1 oldest dropped (keeping %2)").arg(m_model->droppedCount()).arg(m_model->maxRows());
    if (m_filter->isFiltering())
        parts << (m_filter->isScanning() ? tr("%1 shown, filtering…") : tr("%1 shown")).arg(m_filter->rowCount());
    if (m_isHeld && isRunning())
        parts << tr("pulling paused");
    if (!m_held.empty())
        parts << tr("%1 held").arg(m_held.size());
    if (!m_finishText.isEmpty())
        parts << m_finishText;
    m_status->setText(parts.join(QStringLiteral(" · ")));
}

} // namespace Pyro::Ui
