#include "streams/streamchart.h"

#include "charts/linechart.h"
#include "streams/streamfiltermodel.h"
#include "streams/streammodel.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace Pyro::Ui {

namespace {
//! Items looked at for fields and keys after a clear (fields of later items are still plotted).
constexpr int DiscoverItems = 256;
constexpr int MaxChoices = 64;

QString keyName(const Value &key)
{
    return key.isStr() ? key.toStr() : key.repr();
}

bool isPlainNumber(const Value &v)
{
    return v.isNumber() && !v.isBool();
}

//! "[N]" -> N, else -1.
int indexOf(const QString &field)
{
    if (field.size() < 3 || !field.startsWith(u'[') || !field.endsWith(u']'))
        return -1;
    bool ok = false;
    const int i = QStringView(field).mid(1, field.size() - 2).toInt(&ok);
    return ok && i >= 0 ? i : -1;
}
} // namespace

StreamChart::StreamChart(StreamModel *model, StreamFilterModel *filter, QWidget *parent)
    : QWidget(parent), m_model(model), m_filter(filter), m_chart(new LineChart(this)), m_field(new QComboBox(this)),
      m_series(new QComboBox(this)), m_fieldLabel(new QLabel(tr("P&lot:"), this)), m_seriesLabel(new QLabel(tr("Se&ries by:"), this))
{
    m_fieldLabel->setBuddy(m_field);
    m_seriesLabel->setBuddy(m_series);
    m_field->setToolTip(tr("The number to draw: a field of the items, or the item itself"));
    m_series->setToolTip(tr("One line per value of this field (e.g. symbol), or one line for all items"));
    m_field->setAccessibleName(tr("Field to plot"));
    m_series->setAccessibleName(tr("Series by field"));
    for (QComboBox *c : { m_field, m_series }) {
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->setMinimumContentsLength(6);
    }
    m_chart->setAccessibleName(tr("Stream chart"));
    forget();

    connect(m_field, &QComboBox::currentIndexChanged, this, [this] {
        if (m_filling)
            return;
        m_userField = true;
        rebuild();
    });
    connect(m_series, &QComboBox::currentIndexChanged, this, [this] {
        if (m_filling)
            return;
        m_userSeries = true;
        rebuild();
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(m_filter, &QAbstractItemModel::modelReset, this, &StreamChart::rebuild);
    // A new stream (the model was cleared): learn its fields again.
    connect(m_model, &QAbstractItemModel::modelReset, this, &StreamChart::forget);

    // Two short rows, so that a narrow chart pane still fits them in any language.
    auto *controls = new QGridLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->setVerticalSpacing(2);
    controls->addWidget(m_fieldLabel, 0, 0);
    controls->addWidget(m_field, 0, 1);
    controls->addWidget(m_seriesLabel, 1, 0);
    controls->addWidget(m_series, 1, 1);
    controls->setColumnStretch(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(controls);
    layout->addWidget(m_chart, 1);
}

QString StreamChart::field() const
{
    return m_field->currentData().toString();
}

QString StreamChart::seriesKey() const
{
    return m_series->currentData().toString();
}

void StreamChart::setField(const QString &field)
{
    const int i = m_field->findData(field);
    if (i >= 0)
        m_field->setCurrentIndex(i); // rebuilds through currentIndexChanged when it changed
    m_userField = true;
}

void StreamChart::setSeriesKey(const QString &key)
{
    const int i = m_series->findData(key);
    if (i >= 0)
        m_series->setCurrentIndex(i);
    m_userSeries = true;
}

std::optional<double> StreamChart::numberOf(const Value &item, const QString &field)
{
    if (field.isEmpty())
        return isPlainNumber(item) ? std::optional(item.toDouble()) : std::nullopt;
    if (item.isDict()) {
        const Dict &d = item.toDict();
        const auto number = [](const Value &v) { return isPlainNumber(v) ? std::optional(v.toDouble()) : std::nullopt; };
        if (const Value key(field); d.contains(key)) // the usual case: a str key
            return number(d.value(key));
        for (const auto &[k, v] : d.items())
            if (!k.isStr() && keyName(k) == field) // other keys go by their repr
                return number(v);
        return std::nullopt;
    }
    if (item.isSequence()) {
        const int i = indexOf(field);
        const QList<Value> &items = item.items();
        if (i >= 0 && i < items.size() && isPlainNumber(items.at(i)))
            return items.at(i).toDouble();
    }
    return std::nullopt;
}

QString StreamChart::seriesOf(const Value &item, const QString &key)
{
    if (item.isDict()) {
        for (const auto &[k, v] : item.toDict().items())
            if (keyName(k) == key)
                return v.isStr() ? v.toStr() : v.repr();
    }
    return QStringLiteral("–");
}

void StreamChart::forget()
{
    m_filling = true;
    m_numericKeys.clear();
    m_splitKeys.clear();
    m_sequenceLength = 0;
    m_plainNumbers = false;
    m_userField = m_userSeries = false;
    m_discovered = 0;
    m_field->clear();
    m_series->clear();
    m_series->addItem(tr("(one series)"), QString());
    m_field->setEnabled(false);
    m_series->setEnabled(false);
    m_filling = false;
    updatePlaceholder();
}

bool StreamChart::discover(const Value &item)
{
    ++m_discovered;
    const QString field = this->field();
    const QString key = seriesKey();
    bool changed = false;
    m_filling = true;
    if (isPlainNumber(item) && !m_plainNumbers) {
        m_plainNumbers = true;
        m_field->insertItem(0, tr("value"), QString());
        changed = true;
    } else if (item.isDict()) {
        for (const auto &[k, v] : item.toDict().items()) {
            const QString name = keyName(k);
            if (isPlainNumber(v) && !m_numericKeys.contains(name) && m_numericKeys.size() < MaxChoices) {
                m_numericKeys << name;
                m_field->addItem(name, name);
                changed = true;
            } else if ((v.isStr() || v.isInt() || v.isBool()) && !m_splitKeys.contains(name) && m_splitKeys.size() < MaxChoices) {
                m_splitKeys << name;
                m_series->addItem(name, name);
                changed = true;
            }
        }
    } else if (item.isSequence()) {
        const QList<Value> &items = item.items();
        for (int i = m_sequenceLength; i < std::min<qsizetype>(items.size(), MaxChoices); ++i) {
            const QString name = QStringLiteral("[%1]").arg(i);
            m_field->addItem(name, name);
            changed = true;
        }
        m_sequenceLength = std::max<int>(m_sequenceLength, int(std::min<qsizetype>(items.size(), MaxChoices)));
    }
    if (changed) {
        // Automatic choices until the user picks: the first numeric field that is not a
        // timestamp, and the first field with text values (symbol, channel, ...).
        if (!m_userField) {
            int best = 0;
            for (int i = 0; i < m_field->count(); ++i) {
                const QString name = m_field->itemData(i).toString().toLower();
                if (name != QLatin1String("time") && name != QLatin1String("timestamp") && name != QLatin1String("t")) {
                    best = i;
                    break;
                }
            }
            m_field->setCurrentIndex(best);
        } else {
            m_field->setCurrentIndex(qMax(0, m_field->findData(field)));
        }
        if (!m_userSeries) {
            int best = 0;
            for (int i = 1; i < m_series->count(); ++i) {
                if (item.isDict() && item.toDict().value(Value(m_series->itemData(i).toString())).isStr()) {
                    best = i;
                    break;
                }
            }
            m_series->setCurrentIndex(best);
        } else {
            m_series->setCurrentIndex(qMax(0, m_series->findData(key)));
        }
        m_field->setEnabled(m_field->count() > 1);
        m_series->setEnabled(m_series->count() > 1);
    }
    m_filling = false;
    return changed && (this->field() != field || seriesKey() != key);
}

void StreamChart::addRow(int proxyRow)
{
    const int row = m_filter->mapToSource(m_filter->index(proxyRow, 0)).row();
    if (row < 0)
        return;
    const Value &item = m_model->value(row);
    if (m_discovered < DiscoverItems && discover(item))
        m_choiceChanged = true; // what was drawn so far used another choice
    if (m_field->count() == 0)
        return;
    const QString field = this->field();
    const std::optional<double> number = numberOf(item, field);
    if (!number)
        return;
    const QString key = seriesKey();
    const QString series = key.isEmpty() ? (field.isEmpty() ? tr("value") : field) : seriesOf(item, key);
    m_chart->addSample(series, m_model->receivedAt(row), *number);
}

void StreamChart::onRowsInserted(int first, int last)
{
    // A burst bigger than a full chart: only its newest rows can still be seen.
    const int from = int(qMax<qint64>(first, qint64(last) - m_chart->window() + 1));
    for (int r = from; r <= last; ++r)
        addRow(r);
    if (m_choiceChanged && !m_rebuilding)
        rebuild();
    updatePlaceholder();
}

void StreamChart::rebuild()
{
    m_rebuilding = true;
    // Discovery may change the choice while the rows are added (only in the first few
    // hundred items, so this repeats at most a few times).
    for (int pass = 0; pass < 4; ++pass) {
        m_choiceChanged = false;
        m_chart->clear();
        const int rows = m_filter->rowCount();
        if (rows > 0)
            onRowsInserted(0, rows - 1);
        if (!m_choiceChanged)
            break;
    }
    m_rebuilding = false;
    updatePlaceholder();
}

void StreamChart::updatePlaceholder()
{
    if (m_model->rowCount() == 0)
        m_chart->setPlaceholderText(tr("Numbers in the items are charted here over time."));
    else if (m_field->count() == 0)
        m_chart->setPlaceholderText(tr("The items have no numbers to chart."));
    else
        m_chart->setPlaceholderText(m_filter->rowCount() == 0 ? tr("No item matches the filter.")
                                                              : tr("No shown item has the field %1.").arg(m_field->currentText()));
}

} // namespace Pyro::Ui
