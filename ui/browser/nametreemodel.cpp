#include "browser/nametreemodel.h"

#include "browser/nameservermodel.h"

#include <QMap>

namespace Pyro::Ui {

struct NameTreeModel::Node
{
    Node *parent = nullptr;
    int row = 0;
    QString segment;
    QString path;
    QPersistentModelIndex source; // leaves only (a name can also be a prefix of others)
    int leafCount = 0;
    std::vector<std::unique_ptr<Node>> children;
    QMap<QString, Node *> bySegment;
};

NameTreeModel::NameTreeModel(QObject *parent) : QAbstractItemModel(parent), m_root(new Node) { }

NameTreeModel::~NameTreeModel() = default;

void NameTreeModel::setSourceModel(QAbstractItemModel *source)
{
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    m_source = source;
    if (m_source) {
        // A filter change can emit thousands of rowsRemoved/rowsInserted for scattered rows;
        // rebuilding for each would be quadratic, so structural changes are coalesced into
        // one rebuild when the event loop runs next.
        connect(m_source, &QAbstractItemModel::rowsInserted, this, &NameTreeModel::scheduleRebuild);
        connect(m_source, &QAbstractItemModel::rowsRemoved, this, &NameTreeModel::scheduleRebuild);
        connect(m_source, &QAbstractItemModel::rowsMoved, this, &NameTreeModel::scheduleRebuild);
        connect(m_source, &QAbstractItemModel::modelReset, this, &NameTreeModel::scheduleRebuild);
        connect(m_source, &QAbstractItemModel::layoutChanged, this, &NameTreeModel::scheduleRebuild);
        connect(m_source, &QAbstractItemModel::dataChanged, this, [this] {
            // Leaves read through persistent source indexes; tell the views to repaint.
            if (!m_rebuildPending && rowCount() > 0)
                emit dataChanged(index(0, 0), index(rowCount() - 1, NameServerModel::ColumnCount - 1));
        });
    }
    rebuild();
}

void NameTreeModel::scheduleRebuild()
{
    if (m_rebuildPending)
        return;
    m_rebuildPending = true;
    QMetaObject::invokeMethod(this, &NameTreeModel::rebuildIfPending, Qt::QueuedConnection);
}

void NameTreeModel::rebuildIfPending()
{
    if (m_rebuildPending)
        rebuild();
}

void NameTreeModel::rebuild()
{
    m_rebuildPending = false;
    beginResetModel();
    m_root.reset(new Node);
    if (m_source) {
        const int n = m_source->rowCount();
        for (int r = 0; r < n; ++r) {
            const QModelIndex src = m_source->index(r, 0);
            const QString name = src.data(NameServerModel::NameRole).toString();
            const QStringList segments = name.split(QLatin1Char('.'));
            Node *node = m_root.get();
            QString path;
            for (const QString &seg : segments) {
                path = path.isEmpty() ? seg : path + QLatin1Char('.') + seg;
                ++node->leafCount;
                Node *child = node->bySegment.value(seg);
                if (!child) {
                    auto owned = std::make_unique<Node>();
                    owned->parent = node;
                    owned->segment = seg;
                    owned->path = path;
                    child = owned.get();
                    node->bySegment.insert(seg, child);
                    node->children.push_back(std::move(owned));
                }
                node = child;
            }
            ++node->leafCount;
            node->source = src;
        }
        // Children sorted by segment, rows numbered.
        std::vector<Node *> stack { m_root.get() };
        while (!stack.empty()) {
            Node *node = stack.back();
            stack.pop_back();
            std::sort(node->children.begin(), node->children.end(),
                      [](const auto &a, const auto &b) { return a->segment < b->segment; });
            for (size_t i = 0; i < node->children.size(); ++i) {
                node->children[i]->row = int(i);
                stack.push_back(node->children[i].get());
            }
        }
    }
    endResetModel();
}

NameTreeModel::Node *NameTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QString NameTreeModel::pathOf(const QModelIndex &index) const
{
    return index.isValid() ? nodeFor(index)->path : QString();
}

QModelIndex NameTreeModel::indexOfPath(const QString &path) const
{
    Node *node = m_root.get();
    for (const QString &seg : path.split(QLatin1Char('.'))) {
        node = node->bySegment.value(seg);
        if (!node)
            return QModelIndex();
    }
    return node == m_root.get() ? QModelIndex() : createIndex(node->row, 0, node);
}

QModelIndex NameTreeModel::sourceIndex(const QModelIndex &index) const
{
    return index.isValid() ? QModelIndex(nodeFor(index)->source) : QModelIndex();
}

QModelIndex NameTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    Node *p = nodeFor(parent);
    if (row < 0 || column < 0 || column >= NameServerModel::ColumnCount || row >= int(p->children.size()))
        return QModelIndex();
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex NameTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return QModelIndex();
    Node *p = nodeFor(child)->parent;
    if (!p || p == m_root.get())
        return QModelIndex();
    return createIndex(p->row, 0, p);
}

int NameTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int NameTreeModel::columnCount(const QModelIndex &) const
{
    return NameServerModel::ColumnCount;
}

QVariant NameTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return QVariant();
    Node *n = nodeFor(index);
    if (n->source.isValid()) {
        if (index.column() == NameServerModel::NameColumn && role == Qt::DisplayRole)
            return n->children.empty() ? n->segment : QStringLiteral("%1 (%2)").arg(n->segment).arg(n->leafCount - 1);
        return m_source->index(n->source.row(), index.column()).data(role);
    }
    if (role == Qt::DisplayRole && index.column() == NameServerModel::NameColumn)
        return QStringLiteral("%1 (%2)").arg(n->segment).arg(n->leafCount);
    if (role == NameServerModel::NameRole)
        return n->path;
    return QVariant();
}

QVariant NameTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return m_source ? m_source->headerData(section, orientation, role) : QVariant();
}

} // namespace Pyro::Ui
