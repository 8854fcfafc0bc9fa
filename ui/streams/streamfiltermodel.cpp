#include "streams/streamfiltermodel.h"

#include "streams/streammodel.h"

#include <QElapsedTimer>

#include <algorithm>

namespace Pyro::Ui {

StreamFilterModel::StreamFilterModel(QObject *parent) : QAbstractProxyModel(parent)
{
    m_scanTimer.setInterval(0);
    m_scanTimer.setSingleShot(true);
    // A slice short enough that the window keeps painting and items keep arriving.
    connect(&m_scanTimer, &QTimer::timeout, this, [this] { scan(15); });
}

void StreamFilterModel::setSourceModel(QAbstractItemModel *model)
{
    beginResetModel();
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_source = qobject_cast<StreamModel *>(model);
    Q_ASSERT(m_source || !model);
    QAbstractProxyModel::setSourceModel(m_source);
    m_matches.clear();
    m_scanned = m_sourceEnd = m_source ? m_source->firstIndex() + m_source->rowCount() : 0;
    if (m_source) {
        m_connections = {
            connect(m_source, &QAbstractItemModel::rowsAboutToBeInserted, this, &StreamFilterModel::onRowsAboutToBeInserted),
            connect(m_source, &QAbstractItemModel::rowsInserted, this, &StreamFilterModel::onRowsInserted),
            connect(m_source, &QAbstractItemModel::rowsAboutToBeRemoved, this, &StreamFilterModel::onRowsAboutToBeRemoved),
            connect(m_source, &QAbstractItemModel::rowsRemoved, this, &StreamFilterModel::onRowsRemoved),
            connect(m_source, &QAbstractItemModel::modelAboutToBeReset, this, &StreamFilterModel::onAboutToBeReset),
            connect(m_source, &QAbstractItemModel::modelReset, this, &StreamFilterModel::onReset),
        };
        if (m_filtering)
            m_scanned = m_source->firstIndex();
    }
    endResetModel();
    if (m_filtering)
        scan(15);
}

void StreamFilterModel::setFilterRegularExpression(const QRegularExpression &re)
{
    beginResetModel();
    m_re = re;
    m_filtering = re.isValid() && !re.pattern().isEmpty();
    m_matches.clear();
    m_scanTimer.stop();
    m_scanned = m_source ? m_source->firstIndex() : 0;
    endResetModel();
    if (m_filtering)
        scan(15);
    else
        emit scanFinished();
}

void StreamFilterModel::finishScan()
{
    if (isScanning())
        scan(-1);
}

bool StreamFilterModel::matches(int sourceRow) const
{
    return m_re.match(m_source->displayText(sourceRow)).hasMatch();
}

bool StreamFilterModel::acceptsSourceRow(int sourceRow) const
{
    if (!m_filtering)
        return true;
    const qint64 stream = m_source->firstIndex() + sourceRow;
    return std::binary_search(m_matches.begin(), m_matches.end(), stream);
}

void StreamFilterModel::scan(int budgetMs)
{
    if (!m_source || !m_filtering)
        return;
    QElapsedTimer clock;
    clock.start();
    const qint64 first = m_source->firstIndex();
    m_scanned = std::max(m_scanned, first);
    std::vector<qint64> found;
    while (m_scanned < m_sourceEnd) {
        if (matches(int(m_scanned - first)))
            found.push_back(m_scanned);
        ++m_scanned;
        if (budgetMs >= 0 && (m_scanned & 255) == 0 && clock.elapsed() >= budgetMs)
            break;
    }
    if (!found.empty()) {
        const int row = int(m_matches.size());
        beginInsertRows(QModelIndex(), row, row + int(found.size()) - 1);
        m_matches.insert(m_matches.end(), found.begin(), found.end());
        endInsertRows();
    }
    if (m_scanned < m_sourceEnd)
        m_scanTimer.start();
    else
        emit scanFinished();
}

void StreamFilterModel::onRowsAboutToBeInserted(const QModelIndex &, int first, int last)
{
    if (!m_filtering)
        beginInsertRows(QModelIndex(), first, last);
}

void StreamFilterModel::onRowsInserted(const QModelIndex &, int first, int last)
{
    const bool caughtUp = m_scanned >= m_sourceEnd;
    m_sourceEnd = m_source->firstIndex() + m_source->rowCount();
    if (!m_filtering) {
        m_scanned = m_sourceEnd;
        endInsertRows();
        return;
    }
    Q_UNUSED(first);
    Q_UNUSED(last);
    // Only the new rows are tested; while an older scan runs they simply join its range.
    if (caughtUp)
        scan(-1);
}

void StreamFilterModel::onRowsAboutToBeRemoved(const QModelIndex &, int first, int last)
{
    Q_ASSERT(first == 0); // a stream model drops only its oldest rows
    if (!m_filtering) {
        beginRemoveRows(QModelIndex(), first, last);
        return;
    }
    const qint64 newFirst = m_source->firstIndex() + last + 1;
    const auto end = std::lower_bound(m_matches.begin(), m_matches.end(), newFirst);
    const int gone = int(end - m_matches.begin());
    if (gone > 0) {
        beginRemoveRows(QModelIndex(), 0, gone - 1);
        m_matches.erase(m_matches.begin(), end);
        endRemoveRows();
    }
}

void StreamFilterModel::onRowsRemoved(const QModelIndex &, int, int)
{
    m_sourceEnd = m_source->firstIndex() + m_source->rowCount();
    m_scanned = std::max(m_scanned, m_source->firstIndex());
    if (!m_filtering)
        endRemoveRows();
}

void StreamFilterModel::onAboutToBeReset()
{
    beginResetModel();
}

void StreamFilterModel::onReset()
{
    m_matches.clear();
    m_scanTimer.stop();
    m_scanned = m_source->firstIndex();
    m_sourceEnd = m_source->firstIndex() + m_source->rowCount();
    if (!m_filtering)
        m_scanned = m_sourceEnd;
    endResetModel();
    if (m_filtering)
        scan(15);
}

QModelIndex StreamFilterModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!m_source || !proxyIndex.isValid())
        return QModelIndex();
    if (!m_filtering)
        return m_source->index(proxyIndex.row(), proxyIndex.column());
    const qint64 stream = m_matches[size_t(proxyIndex.row())];
    return m_source->index(int(stream - m_source->firstIndex()), proxyIndex.column());
}

QModelIndex StreamFilterModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!m_source || !sourceIndex.isValid())
        return QModelIndex();
    if (!m_filtering)
        return createIndex(sourceIndex.row(), sourceIndex.column());
    const qint64 stream = m_source->firstIndex() + sourceIndex.row();
    const auto it = std::lower_bound(m_matches.begin(), m_matches.end(), stream);
    if (it == m_matches.end() || *it != stream)
        return QModelIndex();
    return createIndex(int(it - m_matches.begin()), sourceIndex.column());
}

QModelIndex StreamFilterModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return QModelIndex();
    return createIndex(row, column);
}

QModelIndex StreamFilterModel::parent(const QModelIndex &) const
{
    return QModelIndex();
}

int StreamFilterModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_source)
        return 0;
    return m_filtering ? int(m_matches.size()) : m_source->rowCount();
}

int StreamFilterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_source ? 0 : m_source->columnCount();
}

} // namespace Pyro::Ui
