#include "history/historyview.h"

#include "daemon/callbackhost.h"
#include "history/historymodel.h"
#include "history/pythonscript.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QToolButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Pyro::Ui {

HistoryView::HistoryView(Session *session, QWidget *parent) : HistoryView(session, HistoryModel::instance(), parent) { }

HistoryView::HistoryView(Session *session, HistoryModel *model, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(model), m_filter(new QSortFilterProxyModel(this)), m_view(new QTableView(this)),
      m_search(new QLineEdit(this))
{
    m_filter->setSourceModel(m_model);
    m_filter->setFilterKeyColumn(-1);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_search->setPlaceholderText(tr("Search the history (object, method, arguments, result)"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    // Object, arguments and outcome share the width; time, method and duration take what they need.
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(HistoryModel::TimeColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(HistoryModel::TargetColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(HistoryModel::MethodColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(HistoryModel::ArgumentsColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(HistoryModel::OutcomeColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(HistoryModel::DurationColumn, QHeaderView::ResizeToContents);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().lineSpacing() + 6);
    m_view->setTabKeyNavigation(false);
    connect(m_view, &QTableView::doubleClicked, this, &HistoryView::replaySelected);

    auto *replay = new QAction(tr("Replay"), this);
    auto *pyroctl = new QAction(tr("Copy as pyroctl command"), this);
    auto *python = new QAction(tr("Copy as Python code"), this);
    auto *clear = new QAction(tr("Clear history"), this);
    connect(replay, &QAction::triggered, this, &HistoryView::replaySelected);
    connect(pyroctl, &QAction::triggered, this, &HistoryView::copyAsPyroctl);
    connect(python, &QAction::triggered, this, &HistoryView::copyAsPython);
    connect(clear, &QAction::triggered, m_model, &HistoryModel::clear);
    m_actions = { replay, pyroctl, python, clear };
    m_view->addActions(m_actions);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    // Compact: Replay, a "Copy as" menu, Clear, so the row fits a narrow window in any language.
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_search, 1);
    auto *replayButton = new QToolButton(this);
    replayButton->setDefaultAction(replay);
    auto *copyButton = new QToolButton(this);
    copyButton->setText(tr("Copy as"));
    copyButton->setPopupMode(QToolButton::InstantPopup);
    auto *copyMenu = new QMenu(copyButton);
    copyMenu->addActions({ pyroctl, python });
    copyButton->setMenu(copyMenu);
    auto *clearButton = new QToolButton(this);
    clearButton->setDefaultAction(clear);
    for (QToolButton *b : { replayButton, copyButton, clearButton })
        buttons->addWidget(b);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
}

int HistoryView::currentSourceRow() const
{
    QModelIndex i = m_view->currentIndex();
    if (!i.isValid() && m_filter->rowCount() > 0)
        i = m_filter->index(m_filter->rowCount() - 1, 0); // nothing selected: the newest shown
    return i.isValid() ? m_filter->mapToSource(i).row() : -1;
}

Invocation HistoryView::currentInvocation() const
{
    const int row = currentSourceRow();
    return row >= 0 ? m_model->entry(row).invocation : Invocation();
}

QString HistoryView::pyroctlText() const
{
    const Invocation inv = currentInvocation();
    return inv.isValid() ? inv.toPyroctl() : QString();
}

QString HistoryView::pythonText() const
{
    const Invocation inv = currentInvocation();
    return inv.isValid() ? PythonScript::write(inv, CallbackHost::instance()) : QString();
}

void HistoryView::replaySelected()
{
    const int row = currentSourceRow();
    if (row < 0)
        return;
    emit replayRequested(m_model->entry(row).invocation);
    m_model->requestReplay(row);
}

void HistoryView::copyAsPyroctl()
{
    if (const QString t = pyroctlText(); !t.isEmpty())
        QApplication::clipboard()->setText(t);
}

void HistoryView::copyAsPython()
{
    if (const QString t = pythonText(); !t.isEmpty())
        QApplication::clipboard()->setText(t);
}

} // namespace Pyro::Ui
