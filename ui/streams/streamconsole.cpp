#include "streams/streamconsole.h"

#include "client/pendingstream.h"
#include "common/errortext.h"
#include "streams/linechart.h"
#include "streams/streammodel.h"

#include <QAction>
#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Pyro::Ui {

StreamConsole::StreamConsole(Session *, QWidget *parent)
    : QWidget(parent), m_model(new StreamModel(this)), m_filter(new QSortFilterProxyModel(this)), m_view(new QTableView(this)),
      m_chart(new LineChart(this)), m_filterEdit(new QLineEdit(this)), m_autoScroll(new QCheckBox(tr("Auto-scroll"), this)),
      m_hold(new QCheckBox(tr("Hold"), this)), m_stepButton(new QPushButton(tr("Step"), this)),
      m_stopButton(new QPushButton(tr("Stop"), this)), m_status(new QLabel(this))
{
    m_filter->setSourceModel(m_model);
    m_filter->setFilterKeyColumn(StreamModel::ValueColumn);
    m_view->setModel(m_filter);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 4);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_autoScroll->setChecked(true);
    m_filterEdit->setPlaceholderText(tr("Filter items (regular expression)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_hold->setToolTip(tr("Keep arriving items in a queue instead of showing them; Step shows one at a time. "
                          "The remote stream keeps being fetched (Pyro4 streams are pulled in a window)."));
    m_stepButton->setEnabled(false);
    m_stopButton->setEnabled(false);
    auto *exportButton = new QPushButton(tr("Export…"), this);

    connect(m_filterEdit, &QLineEdit::textChanged, this, &StreamConsole::setFilter);
    connect(m_hold, &QCheckBox::toggled, this, &StreamConsole::setHeld);
    connect(m_stepButton, &QPushButton::clicked, this, &StreamConsole::step);
    connect(m_stopButton, &QPushButton::clicked, this, &StreamConsole::stop);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString name = QFileDialog::getSaveFileName(this, tr("Export stream"), QString(),
                                                          tr("JSON lines (*.jsonl);;CSV (*.csv)"));
        if (!name.isEmpty())
            exportTo(name);
    });
    connect(m_model, &StreamModel::itemsFlushed, this, &StreamConsole::onFlushed);

    auto *stopAction = new QAction(tr("Stop stream"), this);
    stopAction->setShortcut(QKeySequence(Qt::Key_Escape));
    stopAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(stopAction, &QAction::triggered, this, &StreamConsole::stop);
    addAction(stopAction);
    m_actions = { stopAction };

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(m_autoScroll);
    bar->addWidget(m_hold);
    bar->addWidget(m_stepButton);
    bar->addWidget(m_stopButton);
    bar->addWidget(exportButton);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
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
    m_model->clear();
    m_chart->clear();
    m_held.clear();
    m_finishText.clear();
    m_stream = stream;
    m_stopButton->setEnabled(stream && !stream->isFinished());
    if (!stream)
        return;
    connect(stream, &PendingStream::itemReceived, this, &StreamConsole::onItem);
    connect(stream, &PendingCall::finished, this, [this, stream] {
        if (stream != m_stream)
            return;
        m_stopButton->setEnabled(false);
        m_model->flush();
        m_finishText = stream->error() ? ErrorText::describe(stream->error()) : tr("stream ended");
        updateStatus();
        emit streamFinished();
    });
    updateStatus();
}

bool StreamConsole::isRunning() const
{
    return m_stream && !m_stream->isFinished();
}

void StreamConsole::stop()
{
    if (m_stream && !m_stream->isFinished())
        m_stream->close();
}

void StreamConsole::onItem(const Value &item)
{
    if (m_isHeld) {
        m_held.push_back(item);
        if (m_held.size() % 1000 == 1)
            updateStatus();
        return;
    }
    m_model->appendItem(item);
}

void StreamConsole::setHeld(bool held)
{
    m_isHeld = held;
    m_stepButton->setEnabled(held);
    if (m_hold->isChecked() != held)
        m_hold->setChecked(held);
    if (!held) {
        while (!m_held.empty()) {
            m_model->appendItem(m_held.front());
            m_held.pop_front();
        }
    }
    updateStatus();
}

void StreamConsole::step()
{
    if (m_held.empty())
        return;
    m_model->appendItem(m_held.front());
    m_held.pop_front();
    m_model->flush();
    updateStatus();
}

void StreamConsole::setFilter(const QString &regex)
{
    QRegularExpression re(regex, QRegularExpression::CaseInsensitiveOption);
    m_filterEdit->setStyleSheet(re.isValid() ? QString() : QStringLiteral("color: red"));
    if (re.isValid())
        m_filter->setFilterRegularExpression(re);
}

bool StreamConsole::exportTo(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(fileName.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? m_model->exportCsv() : m_model->exportJsonLines());
    return true;
}

void StreamConsole::onFlushed(int count)
{
    // Chart: only the newest points matter; at most maxPoints() of this batch.
    const int rows = m_model->rowCount();
    const int from = qMax(rows - count, rows - m_chart->maxPoints());
    if (m_chart->pointCount() == 0)
        m_chart->setSeriesNames(m_model->numericFieldNames());
    for (int r = qMax(0, from); r < rows; ++r) {
        const QVariantList nums = m_model->index(r, 0).data(StreamModel::NumericRole).toList();
        if (nums.isEmpty())
            continue;
        QList<double> values;
        for (const QVariant &v : nums)
            values << v.toDouble();
        m_chart->addPoint(values);
    }
    if (m_autoScroll->isChecked())
        m_view->scrollToBottom();
    updateStatus();
}

void StreamConsole::updateStatus()
{
    QStringList parts;
    parts << tr("%n item(s)", nullptr, int(qMin<qint64>(m_model->totalReceived(), INT_MAX)));
    if (isRunning())
        parts << tr("%1 items/s").arg(m_model->itemsPerSecond(), 0, 'f', 0);
    if (m_model->droppedCount() > 0)
        parts << tr("%1 oldest dropped (keeping %2)").arg(m_model->droppedCount()).arg(m_model->maxRows());
    if (!m_held.empty())
        parts << tr("%1 held").arg(m_held.size());
    if (!m_finishText.isEmpty())
        parts << m_finishText;
    m_status->setText(parts.join(QStringLiteral(" · ")));
}

} // namespace Pyro::Ui
