#include "watches/watchdock.h"

#include "charts/linechart.h"
#include "watches/watchlist.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Pyro::Ui {

WatchDock::WatchDock(Session *session, QWidget *parent)
    : QWidget(parent), m_list(new WatchList(session, this)), m_view(new QTableView(this)), m_chart(new LineChart(this)),
      m_interval(new QDoubleSpinBox(this)), m_pause(new QPushButton(tr("&Pause"), this)),
      m_remove(new QPushButton(tr("Remo&ve"), this)), m_split(new QSplitter(Qt::Horizontal, this))
{
    m_view->setModel(m_list);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().lineSpacing() + 6);
    m_view->setWordWrap(false);
    m_view->setTabKeyNavigation(false);
    m_view->setAccessibleName(tr("Watches"));
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(WatchList::WhatColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(WatchList::ValueColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(WatchList::ChangedColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(WatchList::IntervalColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(WatchList::StateColumn, QHeaderView::Stretch);
    m_view->setTextElideMode(Qt::ElideRight);

    m_interval->setRange(Watch::MinIntervalMs / 1000.0, Watch::MaxIntervalMs / 1000.0);
    m_interval->setDecimals(1);
    m_interval->setSingleStep(0.5);
    m_interval->setSuffix(tr(" s"));
    m_interval->setToolTip(tr("How often the selected watch asks (0.1 to 60 seconds)"));
    m_interval->setAccessibleName(tr("Poll interval"));
    m_interval->setKeyboardTracking(false);
    auto *intervalLabel = new QLabel(tr("&Every:"), this);
    intervalLabel->setBuddy(m_interval);
    m_pause->setCheckable(true);
    for (const QString &text : { tr("Resu&me"), tr("&Pause") }) { // as wide as the wider text
        m_pause->setText(text);
        m_pause->setMinimumWidth(qMax(m_pause->minimumWidth(), m_pause->sizeHint().width()));
    }
    m_pause->setToolTip(tr("Stop asking for the selected watch until resumed"));
    m_remove->setToolTip(tr("Stop watching the selected member"));
    // No separate hint line: while there is no watch, the empty chart says how to add one.
    m_view->setMinimumHeight(m_view->horizontalHeader()->sizeHint().height() + m_view->verticalHeader()->defaultSectionSize() * 2);
    m_chart->setAccessibleName(tr("Watch chart"));

    connect(m_interval, &QDoubleSpinBox::valueChanged, this, [this](double seconds) {
        if (Watch *w = currentWatch())
            w->setInterval(int(std::lround(seconds * 1000)));
    });
    connect(m_pause, &QPushButton::toggled, this, [this](bool paused) {
        if (Watch *w = currentWatch())
            w->setPaused(paused);
        updateControls();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_view->currentIndex().row();
        m_list->remove(row);
        if (m_list->rowCount() > 0)
            m_view->selectRow(qMin(row, m_list->rowCount() - 1));
        onCurrentChanged();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &WatchDock::onCurrentChanged);
    connect(m_list, &QAbstractItemModel::modelReset, this, [this] {
        if (m_list->rowCount() > 0)
            m_view->selectRow(0);
        onCurrentChanged();
    });
    connect(m_list, &QAbstractItemModel::rowsInserted, this, &WatchDock::updateControls);

    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(intervalLabel);
    controls->addWidget(m_interval);
    controls->addWidget(m_pause);
    controls->addWidget(m_remove);
    controls->addStretch();
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(controls);
    leftLayout->addWidget(m_view, 1);
    m_split->addWidget(left);
    m_split->addWidget(m_chart);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    m_split->setCollapsible(0, false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 4);
    layout->addWidget(m_split);
    setTabOrder(m_view, m_interval);
    setTabOrder(m_interval, m_pause);
    setTabOrder(m_pause, m_remove);

    if (m_list->rowCount() > 0)
        m_view->selectRow(0);
    onCurrentChanged();
}

WatchDock::~WatchDock()
{
    // The list is deleted with the other children, after this part of the object.
    disconnect(m_list, nullptr, this, nullptr);
    disconnect(m_sampleConnection);
    disconnect(m_settingsConnection);
}

Watch *WatchDock::currentWatch() const
{
    return m_list->watch(m_view->currentIndex().row());
}

Watch *WatchDock::addWatch(const QString &uri, const QString &member, Watch::Kind kind)
{
    Watch *w = m_list->add(uri, member, kind);
    selectWatch(w);
    return w;
}

void WatchDock::selectWatch(Watch *watch)
{
    const int row = m_list->rowOf(watch);
    if (row >= 0) {
        m_view->setCurrentIndex(m_list->index(row, 0));
        m_view->selectRow(row);
    }
    onCurrentChanged();
}

void WatchDock::onCurrentChanged()
{
    Watch *w = currentWatch();
    if (w == m_current && w)
        return updateControls();
    disconnect(m_sampleConnection);
    disconnect(m_settingsConnection);
    m_current = w;
    m_chart->clear();
    if (w) {
        for (const Watch::Sample &s : w->samples())
            m_chart->addSample(s.series, s.msecsSinceEpoch, s.value);
        m_sampleConnection = connect(w, &Watch::sampleAdded, m_chart,
                                     [this](const Watch::Sample &s) { m_chart->addSample(s.series, s.msecsSinceEpoch, s.value); });
        m_settingsConnection = connect(w, &Watch::settingsChanged, this, &WatchDock::updateControls);
    }
    updateControls();
}

void WatchDock::updateControls()
{
    Watch *w = currentWatch();
    const bool any = w != nullptr;
    m_chart->setPlaceholderText(m_list->rowCount() == 0
                                        ? tr("Watch an attribute or a method without arguments: right-click it in the inspector "
                                             "(or a call in the history) and choose Watch.")
                                        : tr("Numbers of the selected watch are charted here over time."));
    for (QWidget *c : std::initializer_list<QWidget *> { m_interval, m_pause, m_remove })
        c->setEnabled(any);
    if (!any)
        return;
    {
        const QSignalBlocker block(m_interval);
        m_interval->setValue(w->interval() / 1000.0);
    }
    {
        const QSignalBlocker block(m_pause);
        m_pause->setChecked(w->isPaused());
    }
    m_pause->setText(w->isPaused() ? tr("Resu&me") : tr("&Pause"));
}

} // namespace Pyro::Ui
