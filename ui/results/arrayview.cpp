#include "results/arrayview.h"

#include "results/arraycanvas.h"
#include "results/arraytablemodel.h"
#include "widgets/elidedlabel.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Pyro::Ui {

namespace {
struct Decoded
{
    ArrayData array;
    ArrayImage::Built built;
    QString error;
};
} // namespace

ArrayView::ArrayView(QWidget *parent)
    : QWidget(parent), m_info(new ElidedLabel(this)), m_colours(new QComboBox(this)), m_readout(new QLabel(this)),
      m_tabs(new QTabWidget(this)), m_canvas(new ArrayCanvas(this)), m_message(new QLabel(this)), m_table(new QTableView(this)),
      m_model(new ArrayTableModel(this))
{
    for (int m = 0; m < ArrayImage::ColourMapCount; ++m)
        m_colours->addItem(ArrayImage::colourMapName(ArrayImage::ColourMap(m)));
    m_colours->setToolTip(tr("Colour map for 2-D arrays"));
    connect(m_colours, &QComboBox::currentIndexChanged, this, [this](int i) { setColourMap(ArrayImage::ColourMap(i)); });
    m_readout->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_readout->setMinimumWidth(m_readout->fontMetrics().averageCharWidth() * 16);
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->hide();
    m_table->setModel(m_model);
    m_table->setTabKeyNavigation(false);
    m_table->horizontalHeader()->setDefaultSectionSize(m_table->fontMetrics().averageCharWidth() * 10);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().lineSpacing() + 4);
    m_table->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *imagePage = new QWidget(this);
    auto *imageLayout = new QVBoxLayout(imagePage);
    imageLayout->setContentsMargins(0, 0, 0, 0);
    imageLayout->addWidget(m_message);
    imageLayout->addWidget(m_canvas, 1);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(imagePage, tr("Image"));
    m_tabs->addTab(m_table, tr("Table"));
    connect(m_canvas, &ArrayCanvas::hovered, this, [this](int row, int column) { showElement(row, column); });

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_info, 1);
    bar->addWidget(m_readout);
    auto *coloursLabel = new QLabel(tr("Colours:"), this);
    coloursLabel->setBuddy(m_colours);
    bar->addWidget(coloursLabel);
    bar->addWidget(m_colours);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_tabs, 1);
}

QImage ArrayView::image() const
{
    return m_canvas->image();
}

void ArrayView::clear()
{
    ++m_generation;
    m_busy = false;
    m_array = ArrayData();
    m_error.clear();
    m_model->setArray(ArrayData());
    m_canvas->setImage(QImage());
    m_info->setText(QString());
    m_readout->clear();
    m_message->hide();
}

void ArrayView::setValue(const Value &value)
{
    clear();
    const int generation = m_generation;
    m_busy = true;
    m_info->setText(tr("Decoding…"));
    const ArrayImage::ColourMap map = m_map;
    // Decoding (and copying nested lists) and drawing can take a while for big arrays: a
    // worker thread does both; only the finished image and the decoded array come back.
    auto *watcher = new QFutureWatcher<Decoded>(this);
    connect(watcher, &QFutureWatcher<Decoded>::finished, this, [this, watcher, generation] {
        const Decoded d = watcher->result();
        watcher->deleteLater();
        finish(generation, d.array, d.built, d.error);
    });
    watcher->setFuture(QtConcurrent::run([value, map] {
        Decoded d;
        Result<ArrayData> a = ArrayData::fromValue(value);
        if (!a) {
            d.error = a.error().message();
            return d;
        }
        d.array = a.value();
        d.built = ArrayImage::build(d.array, map); // or why it cannot be drawn
        return d;
    }));
}

void ArrayView::finish(int generation, const ArrayData &array, const ArrayImage::Built &built, const QString &error)
{
    if (generation != m_generation)
        return; // a newer value replaced this one meanwhile
    m_busy = false;
    m_error = error;
    if (!error.isEmpty()) {
        m_info->setText(tr("Not an array that can be shown"));
        m_message->setText(tr("Cannot show this value as an array: %1").arg(error));
        m_message->show();
        emit ready();
        return;
    }
    m_array = array;
    m_low = built.low;
    m_high = built.high;
    m_model->setArray(array);
    QImage image = built.image;
    if (image.format() == QImage::Format_Indexed8)
        image.setColorTable(ArrayImage::colourTable(m_map)); // the map may have changed meanwhile
    m_canvas->setImage(image);
    if (built.image.isNull()) {
        m_message->setText(built.error);
        m_message->show();
        m_tabs->setCurrentIndex(1);
        m_info->setText(array.description());
    } else {
        m_message->hide();
        const auto number = [&array](double x) {
            return array.kind() == ArrayData::Kind::Float ? Value(x).repr() : QString::number(qint64(x));
        };
        m_info->setText(tr("%1 · colours from %2 to %3").arg(array.description(), number(m_low), number(m_high)));
    }
    m_colours->setEnabled(!built.image.isNull() && array.channels() == 1);
    emit ready();
}

void ArrayView::setColourMap(ArrayImage::ColourMap map)
{
    m_map = map;
    if (m_colours->currentIndex() != int(map))
        m_colours->setCurrentIndex(int(map));
    QImage img = m_canvas->image();
    if (img.format() == QImage::Format_Indexed8) {
        img.setColorTable(ArrayImage::colourTable(map)); // the pixels stay, only the table changes
        m_canvas->setImage(img);
    }
}

void ArrayView::showElement(qint64 row, qint64 column)
{
    if (row < 0 || column < 0 || row >= m_array.rows() || column >= m_array.columns()) {
        m_readout->clear();
        return;
    }
    m_readout->setText(tr("[%1, %2] = %3").arg(row).arg(column).arg(m_array.text(row, column)));
}

QString ArrayView::readoutText() const
{
    return m_readout->text();
}

QString ArrayView::infoText() const
{
    return m_info->text();
}

void ArrayView::showImage()
{
    m_tabs->setCurrentIndex(0);
}

void ArrayView::showTable()
{
    m_tabs->setCurrentIndex(1);
}

} // namespace Pyro::Ui
