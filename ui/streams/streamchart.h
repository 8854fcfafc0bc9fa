#pragma once

#include "value/value.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;

namespace Pyro::Ui {

class LineChart;
class StreamFilterModel;
class StreamModel;

/*!
    The stream console's chart: a LineChart of the shown items (those the filter lets through)
    over their receive time, with two choices above it:
    \list
    \li Plot: the numeric field to draw — a dict key with numbers (e.g. \c price), an index of
        a tuple / list, or the item itself for plain numbers. Filled from the items as they
        come; the first numeric key is chosen until the user picks one.
    \li Series: a key whose value splits the items into one series each (e.g. \c symbol for a
        ticker yielding {'symbol': 'ACME', 'price': 101.5}), or none (one series). The first
        key with str values is chosen until the user picks one.
    \endlist
    It follows the filter model: new matching rows are added as they are inserted (at most
    the chart's window of them per insert), a new filter or choice redraws from the rows
    shown. Lives in the GUI thread.
*/
class StreamChart : public QWidget
{
    Q_OBJECT
public:
    StreamChart(StreamModel *model, StreamFilterModel *filter, QWidget *parent = nullptr);

    LineChart *chart() const { return m_chart; }
    QComboBox *fieldCombo() const { return m_field; }
    QComboBox *seriesCombo() const { return m_series; }

    //! The plotted field: "" for the item itself, a dict key, or "[N]" for an index.
    QString field() const;
    //! The key that splits the series; "" for one series.
    QString seriesKey() const;
    //! Chooses the field / series key (as field() / seriesKey() name them); redraws.
    void setField(const QString &field);
    void setSeriesKey(const QString &key);

    //! The number \a field names in \a item (see field()), if it has one (bools are not numbers).
    static std::optional<double> numberOf(const Value &item, const QString &field);
    //! The series \a item belongs to under \a key: its value's text (a str as is), "–" when absent.
    static QString seriesOf(const Value &item, const QString &key);

public slots:
    //! Clears the chart and adds the rows the filter shows (the newest window() of them).
    void rebuild();

private:
    void onRowsInserted(int first, int last);
    void addRow(int proxyRow);
    //! Learns fields and keys from \a item and fills the combos; true when the choice changed.
    bool discover(const Value &item);
    void forget();
    void updatePlaceholder();

    StreamModel *m_model;
    StreamFilterModel *m_filter;
    LineChart *m_chart;
    QComboBox *m_field;
    QComboBox *m_series;
    QLabel *m_fieldLabel;
    QLabel *m_seriesLabel;
    QStringList m_numericKeys;
    QStringList m_splitKeys;
    int m_sequenceLength = 0;
    bool m_plainNumbers = false;
    bool m_userField = false;  // the user chose; do not change the choice automatically
    bool m_userSeries = false;
    bool m_filling = false;    // combos being filled by code
    bool m_choiceChanged = false;
    bool m_rebuilding = false;
    int m_discovered = 0;      // items looked at for fields and keys
};

} // namespace Pyro::Ui
