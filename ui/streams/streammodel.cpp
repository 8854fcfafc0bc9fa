#include "streams/streammodel.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace Pyro::Ui {

StreamModel::StreamModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_flushTimer.setInterval(50);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &StreamModel::flush);
    m_rateClock.start();
}

void StreamModel::setMaxRows(int rows)
{
    m_maxRows = qMax(1, rows);
    flush();
    if (int(m_rows.size()) > m_maxRows) {
        const int excess = int(m_rows.size()) - m_maxRows;
        beginRemoveRows(QModelIndex(), 0, excess - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + excess);
        m_dropped += excess;
        endRemoveRows();
    }
}

QList<double> StreamModel::numericFields(const Value &item)
{
    QList<double> out;
    if (item.isNumber() && !item.isBool()) {
        out.append(item.toDouble());
    } else if (item.isDict()) {
        for (const auto &[k, v] : item.toDict().items())
            if (v.isNumber() && !v.isBool())
                out.append(v.toDouble());
    } else if (item.isSequence()) {
        for (const Value &v : item.items())
            if (v.isNumber() && !v.isBool())
                out.append(v.toDouble());
    }
    return out;
}

void StreamModel::appendItem(const Value &item)
{
    Item it;
    it.index = m_total++;
    it.msecsSinceEpoch = QDateTime::currentMSecsSinceEpoch();
    it.text = item.repr();
    if (it.text.size() > MaxTextLength)
        it.text = it.text.left(MaxTextLength) + QStringLiteral("…");
    it.numbers = numericFields(item);
    if (m_fieldNames.isEmpty() && item.isDict()) {
        for (const auto &[k, v] : item.toDict().items())
            if (v.isNumber() && !v.isBool())
                m_fieldNames.append(k.isStr() ? k.toStr() : k.repr());
    }
    m_pending.push_back(std::move(it));
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void StreamModel::flush()
{
    m_flushTimer.stop();
    if (m_pending.empty())
        return;
    int count = int(m_pending.size());
    // Items beyond the cap never enter the model.
    if (count > m_maxRows) {
        const int skip = count - m_maxRows;
        m_pending.erase(m_pending.begin(), m_pending.begin() + skip);
        m_dropped += skip;
        count = m_maxRows;
    }
    const int overflow = int(m_rows.size()) + count - m_maxRows;
    if (overflow > 0) {
        beginRemoveRows(QModelIndex(), 0, overflow - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + overflow);
        m_dropped += overflow;
        endRemoveRows();
    }
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + count - 1);
    for (Item &it : m_pending)
        m_rows.push_back(std::move(it));
    m_pending.clear();
    endInsertRows();

    m_rateCount += count;
    const qint64 elapsed = m_rateClock.elapsed();
    if (elapsed >= 1000) {
        m_rate = m_rateCount * 1000.0 / double(elapsed);
        m_rateCount = 0;
        m_rateClock.restart();
    }
    emit itemsFlushed(count);
}

void StreamModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_pending.clear();
    m_total = 0;
    m_dropped = 0;
    m_rate = 0;
    m_rateCount = 0;
    m_fieldNames.clear();
    endResetModel();
}

int StreamModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StreamModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StreamModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return QVariant();
    const Item &it = m_rows[size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case IndexColumn: return it.index;
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(it.msecsSinceEpoch).toString(QStringLiteral("HH:mm:ss.zzz"));
        case ValueColumn: return it.text;
        }
    } else if (role == NumericRole) {
        QVariantList l;
        for (double d : it.numbers)
            l.append(d);
        return l;
    } else if (role == Qt::TextAlignmentRole && index.column() == IndexColumn) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return QVariant();
}

QVariant StreamModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case IndexColumn: return tr("#");
    case TimeColumn: return tr("Received");
    case ValueColumn: return tr("Value");
    }
    return QVariant();
}

static QByteArray csvField(const QString &s)
{
    QString f = s;
    f.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return '"' + f.toUtf8() + '"';
}

QByteArray StreamModel::exportCsv() const
{
    QByteArray out = "index,time,value\n";
    for (const Item &it : m_rows) {
        out += QByteArray::number(it.index) + ',' +
               QDateTime::fromMSecsSinceEpoch(it.msecsSinceEpoch).toString(Qt::ISODateWithMs).toUtf8() + ',' +
               csvField(it.text) + '\n';
    }
    return out;
}

QByteArray StreamModel::exportJsonLines() const
{
    QByteArray out;
    for (const Item &it : m_rows) {
        QJsonObject o;
        o.insert(QStringLiteral("index"), it.index);
        o.insert(QStringLiteral("time"), QDateTime::fromMSecsSinceEpoch(it.msecsSinceEpoch).toString(Qt::ISODateWithMs));
        o.insert(QStringLiteral("value"), it.text);
        out += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    }
    return out;
}

} // namespace Pyro::Ui
