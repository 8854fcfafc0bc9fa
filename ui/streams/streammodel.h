#pragma once

#include "value/value.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTimer>

#include <deque>

namespace Pyro::Ui {

/*!
    The items of one remote stream as a table: index, time received, value.

    Built for speed: appendItem() only queues; a timer flushes the queue into the model every
    \c flushInterval ms with a single beginInsertRows(), so 10,000 items/s cost a few
    model updates per second. Memory is bounded twice: each item keeps only a truncated repr
    (maxTextLength characters) and its numeric fields for the chart, and at most maxRows()
    items are kept — the oldest are dropped, and droppedCount() says how many.
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

    //! Queues an item; it appears at the next flush.
    void appendItem(const Value &item);
    //! Moves queued items into the model now.
    void flush();
    void clear();

    qint64 totalReceived() const { return m_total; }
    qint64 droppedCount() const { return m_dropped; }
    //! Items per second over the last second or so.
    double itemsPerSecond() const { return m_rate; }
    //! The numbers of an item: the value itself, or the numeric fields of a record / sequence.
    static QList<double> numericFields(const Value &item);
    //! Names of the numeric fields of records (dict keys), for the chart legend.
    QStringList numericFieldNames() const { return m_fieldNames; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    //! CSV (index,time,value) or JSON lines of what the model holds.
    QByteArray exportCsv() const;
    QByteArray exportJsonLines() const;

signals:
    //! After each flush: how many rows arrived and the new totals.
    void itemsFlushed(int count);

private:
    struct Item
    {
        qint64 index;
        qint64 msecsSinceEpoch;
        QString text;
        QList<double> numbers;
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
};

} // namespace Pyro::Ui
