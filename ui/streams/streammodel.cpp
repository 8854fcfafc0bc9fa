#include "streams/streammodel.h"

#include <QBuffer>
#include <QDateTime>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace Pyro::Ui {

StreamModel::StreamModel(QObject *parent) : QAbstractTableModel(parent), m_textCache(4096)
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

void StreamModel::appendItem(const Value &item, qint64 receivedMs)
{
    ++m_total;
    if (m_fieldNames.isEmpty() && item.isDict()) {
        for (const auto &[k, v] : item.toDict().items())
            if (v.isNumber() && !v.isBool())
                m_fieldNames.append(k.isStr() ? k.toStr() : k.repr());
    }
    m_pending.push_back({ item, receivedMs >= 0 ? receivedMs : QDateTime::currentMSecsSinceEpoch() });
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
    auto from = m_pending.begin();
    if (count > m_maxRows) {
        const int skip = count - m_maxRows;
        from += skip;
        count = m_maxRows;
        if (!m_rows.empty()) {
            // firstIndex() changes only after the rows are gone: proxies map them before.
            beginRemoveRows(QModelIndex(), 0, int(m_rows.size()) - 1);
            m_dropped += qint64(m_rows.size());
            m_rows.clear();
            endRemoveRows();
        }
        m_dropped += skip;
    } else {
        const int overflow = int(m_rows.size()) + count - m_maxRows;
        if (overflow > 0) {
            beginRemoveRows(QModelIndex(), 0, overflow - 1);
            m_rows.erase(m_rows.begin(), m_rows.begin() + overflow);
            m_dropped += overflow;
            endRemoveRows();
        }
    }
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + count - 1);
    for (auto it = from; it != m_pending.end(); ++it)
        m_rows.push_back(std::move(*it));
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
    m_rows.shrink_to_fit();
    m_pending.clear();
    m_textCache.clear();
    m_total = 0;
    m_dropped = 0;
    m_rate = 0;
    m_rateCount = 0;
    m_fieldNames.clear();
    endResetModel();
}

QString StreamModel::displayText(int row) const
{
    const qint64 key = m_dropped + row;
    if (const QString *cached = m_textCache.object(key))
        return *cached;
    QString text = m_rows[size_t(row)].value.repr();
    if (text.size() > MaxTextLength)
        text = text.left(MaxTextLength) + QStringLiteral("…");
    m_textCache.insert(key, new QString(text));
    return text;
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
        case IndexColumn: return m_dropped + index.row();
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(it.msecsSinceEpoch).toString(QStringLiteral("HH:mm:ss.zzz"));
        case ValueColumn: return displayText(index.row());
        }
    } else if (role == NumericRole) {
        QVariantList l;
        for (double d : numericFields(it.value))
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

bool StreamModel::exportTo(QIODevice *device, ExportFormat format, const std::function<bool(int row)> &accept) const
{
    // Written in chunks so that a million rows never sit in memory twice.
    QByteArray chunk;
    if (format == ExportFormat::Csv)
        chunk = "index,time,value\n";
    const int rows = int(m_rows.size());
    for (int row = 0; row < rows; ++row) {
        if (accept && !accept(row))
            continue;
        const Item &it = m_rows[size_t(row)];
        const qint64 index = m_dropped + row;
        const QString time = QDateTime::fromMSecsSinceEpoch(it.msecsSinceEpoch).toString(Qt::ISODateWithMs);
        if (format == ExportFormat::Csv) {
            chunk += QByteArray::number(index) + ',' + time.toUtf8() + ',' + csvField(it.value.repr()) + '\n';
        } else {
            QJsonObject o;
            o.insert(QStringLiteral("index"), index);
            o.insert(QStringLiteral("time"), time);
            o.insert(QStringLiteral("value"), it.value.repr());
            chunk += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
        }
        if (chunk.size() >= 1 << 20) {
            if (device->write(chunk) != chunk.size())
                return false;
            chunk.clear();
        }
    }
    return device->write(chunk) == chunk.size();
}

QByteArray StreamModel::exportCsv() const
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    exportTo(&buffer, ExportFormat::Csv);
    return out;
}

QByteArray StreamModel::exportJsonLines() const
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    exportTo(&buffer, ExportFormat::JsonLines);
    return out;
}

} // namespace Pyro::Ui
