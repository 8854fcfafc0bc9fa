#include "results/valuetreemodel.h"

#include "value/displayrepr.h"
#include "value/pyroobjects.h"

#include <QFont>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QPalette>

namespace Pyro::Ui {

// Nodes are built on demand: a node knows its value and, once populated, its children.
struct ValueTreeModel::Node
{
    Node *parent = nullptr;
    int row = 0;
    QString name;
    Value value;
    bool populated = false;
    std::vector<std::unique_ptr<Node>> children;
};

// Children are added in pages so that opening a list of a million items stays smooth.
static constexpr int FetchPage = 1000;

ValueTreeModel::ValueTreeModel(QObject *parent) : QAbstractItemModel(parent), m_rootNode(new Node) { }

ValueTreeModel::~ValueTreeModel() = default;

void ValueTreeModel::setValue(const Value &value)
{
    m_resetting = true;
    beginResetModel();
    m_root = value;
    m_rootNode.reset(new Node);
    // The invisible root holds one visible row: the value itself.
    auto top = std::make_unique<Node>();
    top->parent = m_rootNode.get();
    top->name = tr("result");
    top->value = value;
    m_rootNode->children.push_back(std::move(top));
    m_rootNode->populated = true;
    endResetModel();
    m_resetting = false;
}

Value ValueTreeModel::valueAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_root;
    return nodeFor(index)->value;
}

ValueTreeModel::Node *ValueTreeModel::nodeFor(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_rootNode.get();
    return static_cast<Node *>(index.internalPointer());
}

QString ValueTreeModel::remoteUri(const Value &value)
{
    if (PyroObjects::isProxy(value))
        return PyroObjects::proxyUri(value);
    if (PyroObjects::isUri(value))
        return DisplayRepr::uriText(value);
    return QString();
}

int ValueTreeModel::childCountOf(const Value &value)
{
    // A received URI or proxy is one thing (a link), not a dict to open.
    if (value.isDict() && !remoteUri(value).isEmpty())
        return 0;
    if (value.hasItems())
        return int(value.items().size());
    if (value.isDict())
        return int(value.toDict().size());
    return 0;
}

void ValueTreeModel::populate(Node *node) const
{
    // Appends the next page of children; callers wrap this in begin/endInsertRows.
    const Value &v = node->value;
    const int total = childCountOf(v);
    const int start = int(node->children.size());
    const int end = qMin(total, start + FetchPage);
    for (int i = start; i < end; ++i) {
        auto child = std::make_unique<Node>();
        child->parent = node;
        child->row = i;
        if (v.isDict()) {
            const auto &item = v.toDict().items().at(i);
            child->name = item.first.isStr() ? item.first.toStr() : item.first.repr();
            child->value = item.second;
        } else {
            child->name = QStringLiteral("[%1]").arg(i);
            child->value = v.items().at(i);
        }
        node->children.push_back(std::move(child));
    }
    node->populated = int(node->children.size()) >= total;
}

QModelIndex ValueTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return QModelIndex();
    Node *p = nodeFor(parent);
    if (row >= rowCount(parent))
        return QModelIndex();
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex ValueTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return QModelIndex();
    Node *n = nodeFor(child);
    Node *p = n->parent;
    if (!p || p == m_rootNode.get())
        return QModelIndex();
    return createIndex(p->row, 0, p);
}

int ValueTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    // The first page of children is created silently on first access, the usual lazy-tree
    // pattern; further pages come through fetchMore() with proper insert signals.
    Node *n = nodeFor(parent);
    if (n->children.empty() && !n->populated)
        populate(n);
    return int(n->children.size());
}

int ValueTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool ValueTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    Node *n = nodeFor(parent);
    if (n == m_rootNode.get())
        return !n->children.empty();
    return childCountOf(n->value) > 0;
}

bool ValueTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (m_resetting || m_fetching || !parent.isValid() || parent.column() > 0)
        return false;
    Node *n = nodeFor(parent);
    return !n->populated && childCountOf(n->value) > int(n->children.size());
}

void ValueTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    Node *n = nodeFor(parent);
    const int start = int(n->children.size());
    const int end = qMin(childCountOf(n->value), start + FetchPage);
    // Testers and views may ask for more from inside rowsInserted; one page at a time.
    m_fetching = true;
    beginInsertRows(parent, start, end - 1);
    populate(n);
    endInsertRows();
    m_fetching = false;
}

QString ValueTreeModel::typeLabel(const Value &value)
{
    const QString cls = value.className();
    return cls.isEmpty() ? value.typeName() : cls;
}

QString ValueTreeModel::summary(const Value &value, int maxLength)
{
    QString text;
    switch (value.type()) {
    case Value::Type::Tuple:
    case Value::Type::List:
    case Value::Type::Set:
    case Value::Type::FrozenSet:
    case Value::Type::Dict: {
        const int n = childCountOf(value);
        text = DisplayRepr::write(value, DisplayRepr::ObjectStyle::Constructor);
        if (text.size() > maxLength)
            text = tr("%1 items: %2…").arg(n).arg(text.left(maxLength));
        return text;
    }
    default:
        text = DisplayRepr::write(value, DisplayRepr::ObjectStyle::Constructor);
        if (text.size() > maxLength)
            text = text.left(maxLength) + QStringLiteral("…");
        return text;
    }
}

static QString hexDump(const QByteArray &bytes, int maxBytes = 4096)
{
    QString out = QString::fromLatin1(bytes.left(maxBytes).toHex(' '));
    if (bytes.size() > maxBytes)
        out += QStringLiteral(" …");
    return out;
}

QVariant ValueTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return QVariant();
    const Node *n = nodeFor(index);
    const Value &v = n->value;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return n->name;
        case TypeColumn: return typeLabel(v);
        case ValueColumn: return v.isBytesLike() ? hexDump(v.toBytes(), 64) : summary(v);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ValueColumn && v.isBytesLike())
            return tr("%n byte(s)\nhex: %1\ntext: %2", nullptr, int(v.toBytes().size()))
                    .arg(hexDump(v.toBytes()), QString::fromLatin1(v.toBytes().left(4096)));
        if (v.isDict() && !remoteUri(v).isEmpty())
            return tr("%1\nDouble-click or Enter: open in the inspector; right-click: call, copy URI").arg(remoteUri(v));
        if (index.column() == ValueColumn)
            return summary(v, 2000);
        break;
    case Qt::FontRole:
        if (index.column() == ValueColumn) {
            QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
            font.setUnderline(v.isDict() && !remoteUri(v).isEmpty());
            return font;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == ValueColumn && v.isDict() && !remoteUri(v).isEmpty())
            return QGuiApplication::palette().brush(QPalette::Link);
        break;
    case ValueRole:
        return QVariant::fromValue(v);
    case RemoteUriRole:
        return v.isDict() ? remoteUri(v) : QString();
    default:
        break;
    }
    return QVariant();
}

QVariant ValueTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case NameColumn: return tr("Name");
    case TypeColumn: return tr("Type");
    case ValueColumn: return tr("Value");
    }
    return QVariant();
}

} // namespace Pyro::Ui
