#pragma once

#include "results/arraydata.h"
#include "results/arrayimage.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTabWidget;
class QTableView;

namespace Pyro::Ui {

class ArrayCanvas;
class ElidedLabel;
class ArrayTableModel;

/*!
    A numeric array from a result (ArrayData: the inert numpy array value, or nested lists of
    numbers) as an image with a colour map and a pixel readout (row, column and value under the
    mouse), and as a table. Decoding and drawing run on a worker thread (QtConcurrent), so a
    2000 x 2000 array never blocks the window; ready() says when the image and table are
    there (or errorText() why not: a malformed array is a message, never a crash). Lives in
    the GUI thread.
*/
class ArrayView : public QWidget
{
    Q_OBJECT
public:
    explicit ArrayView(QWidget *parent = nullptr);

    //! Decodes and draws \a value in the background (replaces what is shown).
    void setValue(const Value &value);
    void clear();
    bool isBusy() const { return m_busy; }
    QString errorText() const { return m_error; }
    ArrayData array() const { return m_array; }
    QImage image() const;
    ArrayImage::ColourMap colourMap() const { return m_map; }
    void setColourMap(ArrayImage::ColourMap map);
    //! The readout for element (row, column), as shown when the mouse is over it.
    void showElement(qint64 row, qint64 column);
    QString readoutText() const;
    QString infoText() const;
    ArrayCanvas *canvas() const { return m_canvas; }
    QTableView *tableView() const { return m_table; }
    ArrayTableModel *tableModel() const { return m_model; }
    void showImage();
    void showTable();

signals:
    void ready();

private:
    void finish(int generation, const ArrayData &array, const ArrayImage::Built &built, const QString &error);

    ElidedLabel *m_info;
    QComboBox *m_colours;
    QLabel *m_readout;
    QTabWidget *m_tabs;
    ArrayCanvas *m_canvas;
    QLabel *m_message;
    QTableView *m_table;
    ArrayTableModel *m_model;
    ArrayData m_array;
    ArrayImage::ColourMap m_map = ArrayImage::Grey;
    double m_low = 0, m_high = 0;
    QString m_error;
    bool m_busy = false;
    int m_generation = 0;
};

} // namespace Pyro::Ui
