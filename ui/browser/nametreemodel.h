#pragma once

#include <QAbstractItemModel>
#include <QPersistentModelIndex>

#include <memory>
#include <vector>

namespace Pyro::Ui {

/*!
    The rows of a (filtered) name-server table as a tree of dotted name segments:
    "lab.sensor.t1" appears under "lab" > "sensor". Leaves carry the source row's data
    (NameServerModel roles); inner nodes show the segment and the number of names below.
    Rebuilt from its source after structural changes (with a model reset, coalesced: once per
    event-loop turn however many rows the source inserted or removed); BrowserWidget restores
    expansion and selection by name path afterwards.
*/
class NameTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    explicit NameTreeModel(QObject *parent = nullptr);
    ~NameTreeModel() override;

    void setSourceModel(QAbstractItemModel *source);
    //! The full dotted path of a node ("lab.sensor" for an inner node).
    QString pathOf(const QModelIndex &index) const;
    QModelIndex indexOfPath(const QString &path) const;
    //! The source-model row of a leaf, or an invalid index for inner nodes.
    QModelIndex sourceIndex(const QModelIndex &index) const;
    //! Applies a pending rebuild now (normally done when the event loop runs next).
    void rebuildIfPending();

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node;
    void rebuild();
    void scheduleRebuild();
    Node *nodeFor(const QModelIndex &index) const;

    QAbstractItemModel *m_source = nullptr;
    std::unique_ptr<Node> m_root;
    bool m_rebuildPending = false;
};

} // namespace Pyro::Ui
