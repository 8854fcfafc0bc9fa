#pragma once

#include "value/value.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QElapsedTimer>
#include <QTimer>

#include <deque>
#include <functional>
#include <vector>

class QIODevice;

namespace Pyro::Ui {

/*!
    The items of one remote stream as a table: index, time received, value.

    Built for 10,000 items/s and 1,000,000 items kept:
    \list
    \li appendItem() only queues; a timer flushes the queue into the model every
        flushInterval ms with one beginInsertRows(), so a fast stream costs a few model
        updates per second whatever its rate.
    \li An item is stored as its Value and its receive time, nothing else (about 48 bytes plus
        what the Value itself holds on the heap; nothing for ints and floats). The index is
        implicit (firstIndex() + row); the display text (a repr cut to MaxTextLength) and the
        numeric fields are computed when asked for, and the texts of recently shown rows are
        cached.
    \li At most maxRows() items are kept; the oldest are dropped (droppedCount()).
    \endlist
    Lives in the GUI thread.
*/
class StreamModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { IndexColumn, TimeColumn, ValueColumn, ColumnCount };
    enum Role { NumericRole = Qt::UserRole + 1 }; // QVariantList of doubles for the chart

    static constexpr int DefaultMaxRows = 1000000;
    static constexpr int MaxTextLength = 512;

    explicit StreamModel(QObject *parent = nullptr);

    void setMaxRows(int rows);
    int maxRows() const { return m_maxRows; }
    void setFlushInterval(int ms) { m_flushTimer.setInterval(ms); }

    //! Queues an item received now (or at \a receivedMs since the epoch); it appears at the
    //! next flush.
    void appendItem(const Value &item, qint64 receivedMs = -1);
    //! Moves queued items into the model now.
    void flush();
    void clear();
    //! Items queued and not yet flushed.
    qsizetype pendingCount() const { return qsizetype(m_pending.size()); }

    qint64 totalReceived() const { return m_total; }
    qint64 droppedCount() const { return m_dropped; }
    //! The stream index of row 0 (items are numbered from 0 in arrival order).
    qint64 firstIndex() const { return m_dropped; }
    //! Items per second over the last second or so.
    double itemsPerSecond() const { return m_rate; }

    const Value &value(int row) const { return m_rows[size_t(row)].value; }
    qint64 receivedAt(int row) const { return m_rows[size_t(row)].msecsSinceEpoch; }
    //! The Value column's text: the repr, cut to MaxTextLength characters.
    QString displayText(int row) const;

    //! The numbers of an item: the value itself, or the numeric fields of a record / sequence.
    static QList<double> numericFields(const Value &item);
    //! Names of the numeric fields of records (dict keys), for the chart legend.
    QStringList numericFieldNames() const { return m_fieldNames; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    enum class ExportFormat { Csv, JsonLines };
    //! Writes the rows for which \a accept is true (all when empty) as CSV (index,time,value)
    //! or JSON lines, with the full repr of each value, streaming to \a device. Returns false
    //! on a write error.
    bool exportTo(QIODevice *device, ExportFormat format, const std::function<bool(int row)> &accept = {}) const;
    QByteArray exportCsv() const;
    QByteArray exportJsonLines() const;

signals:
    //! After each flush: how many rows arrived (they are the last \a count rows).
    void itemsFlushed(int count);

private:
    struct Item
    {
        Value value;
        qint64 msecsSinceEpoch;
    };
    std::deque<Item> m_rows;
    std::vector<Item> m_pending;
    QTimer m_flushTimer;
    int m_maxRows = DefaultMaxRows;
    qint64 m_total = 0;
    qint64 m_dropped = 0;
    double m_rate = 0;
    qint64 m_rateCount = 0;
    QElapsedTimer m_rateClock;
    QStringList m_fieldNames;
    mutable QCache<qint64, QString> m_textCache; // by stream index; the rows a view shows
};

} // namespace Pyro::Ui
