#pragma once

#include "value/value.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace Pyro::Ui {

/*!
    A Value shown as a tree: columns Name (dict key or index), Type (Python type name, or the
    "__class__" of class dicts) and Value (repr for scalars, a summary for containers).
    Containers (tuple, list, dict, set, frozenset) expand; children are created lazily when a
    node is first expanded, so a result with a million items costs nothing until opened.
    Bytes show as hex and text in the tooltip; big ints exactly. URIs and proxies received in a
    result (Pyro4's and Pyro5's class dicts) are leaves shown as the Python that makes them,
    \c Pyro4.core.Proxy('PYRO:obj@host:port'), styled as links (RemoteUriRole has their URI);
    inert objects and numpy arrays show as pyroctl prints them (DisplayRepr).
    Lives in the GUI thread; setValue() replaces the whole tree.
*/
class ValueTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, ValueColumn, ColumnCount };
    enum Role {
        ValueRole = Qt::UserRole + 1, //!< the node's Pyro::Value as QVariant
        RemoteUriRole, //!< the URI text of a received URI or proxy, else empty
    };

    explicit ValueTreeModel(QObject *parent = nullptr);
    ~ValueTreeModel() override;

    void setValue(const Value &value);
    Value value() const { return m_root; }
    //! The Value at \a index (the root value for an invalid index).
    Value valueAt(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    //! A one-line summary of a value for the Value column ("list of 3", "'text'", "b'\\x00'"...).
    static QString summary(const Value &value, int maxLength = 200);
    //! The type column text: the Python type, or the class name for "__class__" dicts.
    static QString typeLabel(const Value &value);
    //! The URI text of a received URI or proxy (class dict or not), else empty.
    static QString remoteUri(const Value &value);

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    static int childCountOf(const Value &value);
    void populate(Node *node) const;

    Value m_root;
    std::unique_ptr<Node> m_rootNode;
    bool m_fetching = false;
    bool m_resetting = false; // views fetch during modelReset; that must wait until the reset is over
};

} // namespace Pyro::Ui
