#include "browser/browserwidget.h"

#include "browser/namefilterproxymodel.h"
#include "browser/nameservermodel.h"
#include "browser/nametreemodel.h"
#include "browser/reachabilitychecker.h"
#include "client/pendingcall.h"
#include "client/proxy.h"
#include "session/session.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QScrollBar>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>

namespace Pyro::Ui {

BrowserWidget::BrowserWidget(Session *session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_model(new NameServerModel(this)),
      m_filter(new NameFilterProxyModel(this)),
      m_tree(new NameTreeModel(this)),
      m_checker(new ReachabilityChecker(m_model, this))
{
    m_filter->setSourceModel(m_model);
    m_filter->sort(NameServerModel::NameColumn);
    m_tree->setSourceModel(m_filter);
    buildUi();
    connect(m_tree, &QAbstractItemModel::modelAboutToBeReset, this, &BrowserWidget::rememberTreeState);
    connect(m_tree, &QAbstractItemModel::modelReset, this, &BrowserWidget::restoreTreeState);
    connect(&m_refreshTimer, &QTimer::timeout, this, &BrowserWidget::refresh);
    // A changed profile (protocol, serializer, HMAC, TLS...) applies to the name server's own
    // connection and to the reachability checks too, from the next listing on.
    if (m_session) {
        connect(m_session, &Session::settingsChanged, this, [this] {
            if (m_ns && m_ns->proxy()) {
                const bool reconnect = Session::needsNewConnection(m_ns->proxy()->settings(), m_session->settings());
                m_ns->proxy()->setSettings(m_session->settings());
                if (reconnect) {
                    m_ns->proxy()->release();
                    refresh();
                }
            }
            m_checker->setSettings(m_session->settings());
        });
    }
}

BrowserWidget::~BrowserWidget()
{
    // The name server client's proxy fails its open calls when it is deleted, and their
    // handlers use this widget: let that happen now, while the widget is whole, rather than in
    // QWidget's deletion of its children after this destructor (found by UBSan). Signals are
    // blocked: whoever listens to refreshed() may be going away too.
    blockSignals(true);
    delete m_ns.data();
}

void BrowserWidget::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *filterRow = new QHBoxLayout;
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("filterEdit"));
    m_filterEdit->setPlaceholderText(tr("Filter names (Ctrl+F)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_regexBox = new QCheckBox(tr("Regex"), this);
    m_regexBox->setObjectName(QStringLiteral("regexBox"));
    filterRow->addWidget(m_filterEdit, 1);
    filterRow->addWidget(m_regexBox);
    layout->addLayout(filterRow);

    auto *tagRow = new QHBoxLayout;
    m_tagsEdit = new QLineEdit(this);
    m_tagsEdit->setObjectName(QStringLiteral("tagsEdit"));
    m_tagsEdit->setPlaceholderText(tr("Tags, comma separated"));
    m_tagsEdit->setClearButtonEnabled(true);
    m_tagModeBox = new QComboBox(this);
    m_tagModeBox->setObjectName(QStringLiteral("tagModeBox"));
    m_tagModeBox->addItem(tr("all of"), int(NameFilterProxyModel::TagMode::All));
    m_tagModeBox->addItem(tr("any of"), int(NameFilterProxyModel::TagMode::Any));
    tagRow->addWidget(new QLabel(tr("Tags:"), this));
    tagRow->addWidget(m_tagModeBox);
    tagRow->addWidget(m_tagsEdit, 1);
    layout->addLayout(tagRow);

    m_filterError = new QLabel(this);
    m_filterError->setObjectName(QStringLiteral("filterError"));
    m_filterError->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_filterError->hide();
    layout->addWidget(m_filterError);

    m_stack = new QStackedWidget(this);
    m_treeView = new QTreeView(this);
    m_treeView->setModel(m_tree);
    m_treeView->setUniformRowHeights(true);
    m_treeView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_treeView->setContextMenuPolicy(Qt::ActionsContextMenu);
    // The name column takes the pane's width, so a narrow pane never scrolls sideways.
    m_treeView->header()->setStretchLastSection(false);
    m_treeView->header()->setSectionResizeMode(NameServerModel::NameColumn, QHeaderView::Stretch);
    m_treeView->setColumnHidden(NameServerModel::UriColumn, true);
    m_treeView->setColumnHidden(NameServerModel::TagsColumn, true);
    // The tree is a name column alone: a dot before each name says whether it answers, the
    // address and the reachability in words are in its tooltip and in the table view.
    m_treeView->setColumnHidden(NameServerModel::LocationColumn, true);
    m_treeView->setColumnHidden(NameServerModel::ReachabilityColumn, true);
    m_tableView = new QTableView(this);
    m_tableView->setModel(m_filter);
    m_tableView->setSortingEnabled(true);
    m_tableView->sortByColumn(NameServerModel::NameColumn, Qt::AscendingOrder);
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tableView->verticalHeader()->hide();
    m_tableView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_tableView->horizontalHeader()->setStretchLastSection(true);
    m_tableView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tableView->setWordWrap(false);
    m_tableView->setTabKeyNavigation(false); // Tab leaves the table
    m_stack->addWidget(m_treeView);
    m_stack->addWidget(m_tableView);
    layout->addWidget(m_stack, 1);

    auto *bottom = new QHBoxLayout;
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    auto *viewToggle = new QToolButton(this);
    viewToggle->setText(tr("Table"));
    viewToggle->setCheckable(true);
    viewToggle->setToolTip(tr("Show the registrations as a flat table"));
    connect(viewToggle, &QToolButton::toggled, this, [this](bool table) { setTreeMode(!table); });
    m_intervalBox = new QSpinBox(this);
    m_intervalBox->setRange(0, 3600);
    m_intervalBox->setSuffix(tr(" s"));
    m_intervalBox->setSpecialValueText(tr("manual"));
    m_intervalBox->setToolTip(tr("Refresh the listing automatically every N seconds (manual: F5)"));
    connect(m_intervalBox, &QSpinBox::valueChanged, this, &BrowserWidget::setRefreshInterval);
    // The count may wrap: the pane can shrink to a name column.
    m_countLabel->setWordWrap(true);
    m_countLabel->setMinimumWidth(1);
    bottom->addWidget(m_countLabel, 1);
    bottom->addWidget(m_intervalBox);
    bottom->addWidget(viewToggle);
    layout->addLayout(bottom);

    connect(m_filterEdit, &QLineEdit::textChanged, this, &BrowserWidget::applyFilter);
    connect(m_regexBox, &QCheckBox::toggled, this, &BrowserWidget::applyFilter);
    connect(m_tagsEdit, &QLineEdit::textChanged, this, &BrowserWidget::applyFilter);
    connect(m_tagModeBox, &QComboBox::currentIndexChanged, this, &BrowserWidget::applyFilter);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &BrowserWidget::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &BrowserWidget::updateCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &BrowserWidget::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &BrowserWidget::updateCount);

    auto activateTree = [this](const QModelIndex &idx) {
        const QModelIndex src = m_tree->sourceIndex(idx);
        if (src.isValid()) {
            const QModelIndex m = m_filter->mapToSource(src);
            emit objectActivated(m_model->entryAt(m.row()).name, m_model->entryAt(m.row()).uri);
        }
    };
    connect(m_treeView, &QTreeView::activated, this, activateTree);
    connect(m_tableView, &QTableView::activated, this, [this](const QModelIndex &idx) {
        const QModelIndex m = m_filter->mapToSource(idx);
        emit objectActivated(m_model->entryAt(m.row()).name, m_model->entryAt(m.row()).uri);
    });
    connect(m_treeView->selectionModel(), &QItemSelectionModel::currentChanged, this, &BrowserWidget::emitCurrent);
    connect(m_tableView->selectionModel(), &QItemSelectionModel::currentChanged, this, &BrowserWidget::emitCurrent);

    // Reachability of what the user sees first: whenever the visible part changes, those
    // entries jump the checker's queue (the rest is checked behind them).
    m_visibleTimer.setSingleShot(true);
    m_visibleTimer.setInterval(50);
    connect(&m_visibleTimer, &QTimer::timeout, this, [this] { m_checker->prioritize(visibleNames()); });
    const auto visibleChanged = [this] { m_visibleTimer.start(); };
    connect(m_treeView->verticalScrollBar(), &QScrollBar::valueChanged, this, visibleChanged);
    connect(m_tableView->verticalScrollBar(), &QScrollBar::valueChanged, this, visibleChanged);
    connect(m_treeView, &QTreeView::expanded, this, visibleChanged);
    connect(m_tree, &QAbstractItemModel::modelReset, this, visibleChanged);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, visibleChanged);
    connect(m_filter, &QAbstractItemModel::modelReset, this, visibleChanged);

    auto addAction = [this](const QString &text, const QKeySequence &key, void (BrowserWidget::*slot)()) {
        auto *a = new QAction(text, this);
        if (!key.isEmpty())
            a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        m_treeView->addAction(a);
        m_tableView->addAction(a);
        m_actions.append(a);
        return a;
    };
    addAction(tr("&Refresh"), QKeySequence::Refresh, &BrowserWidget::refresh);
    addAction(tr("Copy &name"), QKeySequence::Copy, &BrowserWidget::copyName);
    addAction(tr("Copy &URI"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), &BrowserWidget::copyUri);
    addAction(tr("Re&gister…"), QKeySequence(Qt::CTRL | Qt::Key_N), &BrowserWidget::registerName);
    addAction(tr("&Edit tags…"), QKeySequence(Qt::Key_F2), &BrowserWidget::editTags);
    addAction(tr("Re&move…"), QKeySequence::Delete, &BrowserWidget::removeSelected);
    auto *check = new QAction(tr("Check &reachability"), this);
    connect(check, &QAction::triggered, m_checker, &ReachabilityChecker::checkAll);
    m_treeView->addAction(check);
    m_tableView->addAction(check);
    m_actions.append(check);
    updateCount();
}

void BrowserWidget::setNameServer(const PyroUri &nsUri)
{
    m_nsUri = nsUri;
    if (m_ns)
        m_ns->deleteLater();
    m_ns = new NameServerClient(nsUri, m_session ? m_session->settings() : ProxySettings(), this);
    m_model->setNameServerHost(nsUri.host());
    m_model->setEntries({});
    if (m_session)
        m_checker->setSettings(m_session->settings());
    refresh();
}

void BrowserWidget::setTreeMode(bool tree)
{
    QWidget *page = tree ? static_cast<QWidget *>(m_treeView) : m_tableView;
    if (m_stack->currentWidget() == page)
        return;
    m_stack->setCurrentWidget(page);
    emit treeModeChanged(tree);
}

void BrowserWidget::setRefreshInterval(int seconds)
{
    if (m_intervalBox->value() != seconds)
        m_intervalBox->setValue(seconds);
    if (seconds <= 0)
        m_refreshTimer.stop();
    else
        m_refreshTimer.start(seconds * 1000);
}

void BrowserWidget::focusFilter()
{
    m_filterEdit->setFocus();
    m_filterEdit->selectAll();
}

void BrowserWidget::refresh()
{
    if (!m_ns || m_refreshing)
        return;
    m_refreshing = true;
    PendingCall *call = m_ns->list(NameServerFilter(), true);
    connect(call, &PendingCall::finished, this, [this, call] {
        m_refreshing = false;
        if (call->error()) {
            emit refreshed(call->error());
            return;
        }
        const auto entries = NameServerClient::entriesFromListResult(call->result());
        if (!entries) {
            emit refreshed(entries.error());
            return;
        }
        onListed(entries.value());
        emit refreshed(Error());
    });
}

void BrowserWidget::onListed(const QList<NameServerEntry> &entries)
{
    const bool first = m_model->rowCount() == 0;
    m_model->setEntries(entries);
    // Reachability: the visible entries first, whatever the size of the list (and again as
    // the user scrolls or filters); the whole list in the background up to BackgroundLimit
    // names. Longer lists are checked as they come into view, and the count says so.
    if (first && !entries.isEmpty()) {
        if (entries.size() <= BackgroundLimit)
            m_checker->checkAll();
        else
            m_checker->reset();
        m_visibleTimer.start();
    }
}

void BrowserWidget::applyFilter()
{
    m_filter->setNameFilter(m_filterEdit->text(), m_regexBox->isChecked());
    m_filterError->setVisible(!m_filter->isNameFilterValid());
    m_filterError->setText(m_filter->nameFilterError());
    QStringList tags;
    for (const QString &t : m_tagsEdit->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        tags.append(t.trimmed());
    m_filter->setTagFilter(tags, NameFilterProxyModel::TagMode(m_tagModeBox->currentData().toInt()));
    updateCount();
}

void BrowserWidget::updateCount()
{
    const int shown = m_filter->rowCount();
    const int total = m_model->rowCount();
    m_countLabel->setText(shown == total ? tr("%n name(s)", nullptr, total)
                                         : tr("%1 of %n name(s)", nullptr, total).arg(shown));
    m_countLabel->setToolTip(total > BackgroundLimit
                                     ? tr("More than %1 names: reachability is checked for the entries you scroll to").arg(BackgroundLimit)
                                     : tr("Every entry's reachability is checked in the background"));
}

bool BrowserWidget::isFiltering() const
{
    return !m_filterEdit->text().isEmpty() || !m_tagsEdit->text().trimmed().isEmpty();
}

void BrowserWidget::rememberTreeState()
{
    m_selectedPath = m_tree->pathOf(m_treeView->currentIndex());
    m_scroll = m_treeView->verticalScrollBar()->value();
    // While filtering everything is expanded; keep the user's own expansion for afterwards.
    if (isFiltering())
        return;
    m_expanded.clear();
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int r = 0; r < m_tree->rowCount(parent); ++r) {
            const QModelIndex i = m_tree->index(r, 0, parent);
            if (m_treeView->isExpanded(i)) {
                m_expanded.insert(m_tree->pathOf(i));
                walk(i);
            }
        }
    };
    walk(QModelIndex());
}

void BrowserWidget::restoreTreeState()
{
    if (isFiltering()) {
        m_treeView->expandAll();
    } else {
        for (const QString &path : std::as_const(m_expanded)) {
            const QModelIndex i = m_tree->indexOfPath(path);
            if (i.isValid())
                m_treeView->setExpanded(i, true);
        }
    }
    if (!m_selectedPath.isEmpty()) {
        const QModelIndex i = m_tree->indexOfPath(m_selectedPath);
        if (i.isValid())
            m_treeView->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    // The view lays out lazily; lay out now so that the scroll range fits the new tree.
    m_treeView->doItemsLayout();
    m_treeView->verticalScrollBar()->setValue(m_scroll);
}

QString BrowserWidget::currentName() const
{
    if (m_stack->currentWidget() == m_treeView) {
        const QModelIndex src = m_tree->sourceIndex(m_treeView->currentIndex());
        return src.isValid() ? src.data(NameServerModel::NameRole).toString() : QString();
    }
    const QModelIndex i = m_tableView->currentIndex();
    return i.isValid() ? i.data(NameServerModel::NameRole).toString() : QString();
}

QStringList BrowserWidget::visibleNames() const
{
    QStringList names;
    if (m_stack->currentWidget() == m_treeView) {
        const int bottom = m_treeView->viewport()->height();
        for (QModelIndex i = m_treeView->indexAt(QPoint(1, 1)); i.isValid() && m_treeView->visualRect(i).top() < bottom;
             i = m_treeView->indexBelow(i)) {
            const QModelIndex src = m_tree->sourceIndex(i);
            if (src.isValid())
                names << src.data(NameServerModel::NameRole).toString();
            if (names.size() > 500)
                break;
        }
    } else {
        const int first = qMax(0, m_tableView->rowAt(0));
        int last = m_tableView->rowAt(m_tableView->viewport()->height() - 1);
        if (last < 0)
            last = qMin(m_filter->rowCount() - 1, first + 200);
        for (int r = first; r <= last; ++r)
            names << m_filter->index(r, 0).data(NameServerModel::NameRole).toString();
    }
    return names;
}

bool BrowserWidget::selectName(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return false;
    if (name == currentName())
        return true;
    const auto flags = QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows;
    if (m_stack->currentWidget() == m_treeView) {
        m_tree->rebuildIfPending();
        const QModelIndex i = m_tree->indexOfPath(name);
        if (!i.isValid())
            return false;
        m_treeView->expand(i.parent());
        m_treeView->selectionModel()->setCurrentIndex(i, flags);
        m_treeView->scrollTo(i);
        return true;
    }
    const QModelIndex i = m_filter->mapFromSource(m_model->index(row, 0));
    if (!i.isValid())
        return false;
    m_tableView->selectionModel()->setCurrentIndex(i, flags);
    m_tableView->scrollTo(i);
    return true;
}

void BrowserWidget::emitCurrent()
{
    const QString name = currentName();
    const int row = m_model->rowOf(name);
    if (row >= 0)
        emit currentObjectChanged(name, m_model->entryAt(row).uri);
}

void BrowserWidget::copyName()
{
    if (!currentName().isEmpty())
        QApplication::clipboard()->setText(currentName());
}

void BrowserWidget::copyUri()
{
    const int row = m_model->rowOf(currentName());
    if (row >= 0)
        QApplication::clipboard()->setText(m_model->entryAt(row).uri.toString());
}

void BrowserWidget::registerName()
{
    if (!m_ns)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Register"), tr("Name:"), QLineEdit::Normal, QString(), &ok);
    if (!ok || name.isEmpty())
        return;
    const QString uriText = QInputDialog::getText(this, tr("Register"), tr("URI of %1:").arg(name),
                                                  QLineEdit::Normal, QStringLiteral("PYRO:"), &ok);
    if (!ok)
        return;
    const auto uri = PyroUri::parse(uriText);
    if (!uri) {
        QMessageBox::warning(this, tr("Register"), tr("Not a valid Pyro URI: %1").arg(uri.error().message()));
        return;
    }
    const QString tags = QInputDialog::getText(this, tr("Register"), tr("Tags (comma separated, optional):"),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    QStringList tagList;
    for (const QString &t : tags.split(QLatin1Char(','), Qt::SkipEmptyParts))
        tagList << t.trimmed();
    PendingCall *call = m_ns->registerName(name, uri.value(), tagList, true);
    connect(call, &PendingCall::finished, this, [this, call] {
        if (call->error())
            QMessageBox::warning(this, tr("Register"), call->error().toString());
        refresh();
    });
}

void BrowserWidget::removeSelected()
{
    const QString name = currentName();
    if (!m_ns || name.isEmpty())
        return;
    if (QMessageBox::question(this, tr("Remove"), tr("Remove the registration '%1' from the name server?").arg(name))
        != QMessageBox::Yes)
        return;
    PendingCall *call = m_ns->remove(name);
    connect(call, &PendingCall::finished, this, [this, call] {
        if (call->error())
            QMessageBox::warning(this, tr("Remove"), call->error().toString());
        refresh();
    });
}

void BrowserWidget::editTags()
{
    const QString name = currentName();
    const int row = m_model->rowOf(name);
    if (!m_ns || row < 0)
        return;
    bool ok = false;
    const QString tags = QInputDialog::getText(this, tr("Edit tags"), tr("Tags of %1 (comma separated):").arg(name),
                                               QLineEdit::Normal, m_model->entryAt(row).metadata.join(QStringLiteral(", ")), &ok);
    if (!ok)
        return;
    QStringList tagList;
    for (const QString &t : tags.split(QLatin1Char(','), Qt::SkipEmptyParts))
        tagList << t.trimmed();
    PendingCall *call = m_ns->setMetadata(name, tagList);
    connect(call, &PendingCall::finished, this, [this, call] {
        if (call->error())
            QMessageBox::warning(this, tr("Edit tags"), call->error().toString());
        refresh();
    });
}

} // namespace Pyro::Ui
