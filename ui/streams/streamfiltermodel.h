#pragma once

#include <QAbstractProxyModel>
#include <QRegularExpression>
#include <QTimer>

#include <deque>

namespace Pyro::Ui {

class StreamModel;

/*!
    The rows of a StreamModel whose value text matches a regular expression.

    Unlike QSortFilterProxyModel, whose mappings are rebuilt in O(rows) on every insert, this
    proxy relies on what a stream model does: rows are only appended at the end and dropped at
    the front. It keeps the stream indexes of the matching rows in order, so new rows are
    tested once each when they arrive, dropped rows leave from the front, and mapping a row is
    a lookup (proxy to source) or a binary search (source to proxy).

    A new expression is applied to the rows already there in slices of bounded duration on
    the event loop (the first slice right away, so small models are filtered at once);
    matches are appended as they are found, isScanning() is true meanwhile and
    scanFinished() comes at the end. With an empty expression the proxy passes every row
    through without any mapping. Lives in the GUI thread.
*/
class StreamFilterModel : public QAbstractProxyModel
{
    Q_OBJECT
public:
    explicit StreamFilterModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *model) override; // a StreamModel
    void setFilterRegularExpression(const QRegularExpression &re);
    QRegularExpression filterRegularExpression() const { return m_re; }
    bool isFiltering() const { return m_filtering; }
    bool isScanning() const { return m_filtering && m_scanned < m_sourceEnd; }
    //! Scans all remaining rows now (tests, export).
    void finishScan();
    //! Whether the source row \a sourceRow is shown (always true without a filter).
    bool acceptsSourceRow(int sourceRow) const;

    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;

signals:
    void scanFinished();

private:
    void onRowsAboutToBeInserted(const QModelIndex &parent, int first, int last);
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void onRowsRemoved(const QModelIndex &parent, int first, int last);
    void onAboutToBeReset();
    void onReset();
    //! Tests source rows from m_scanned on, for at most \a budgetMs (all when < 0), and appends
    //! the matches.
    void scan(int budgetMs);
    bool matches(int sourceRow) const;

    StreamModel *m_source = nullptr;
    QRegularExpression m_re;
    bool m_filtering = false;
    std::deque<qint64> m_matches; // stream indexes of matching rows, ascending
    qint64 m_scanned = 0;         // stream index of the first row not tested yet
    qint64 m_sourceEnd = 0;       // stream index after the last source row
    QTimer m_scanTimer;
    QList<QMetaObject::Connection> m_connections;
};

} // namespace Pyro::Ui
