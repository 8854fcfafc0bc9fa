#pragma once

#include "results/arraydata.h"

#include <QAbstractTableModel>

namespace Pyro::Ui {

/*!
    An ArrayData as a table: rows x columns (0-based headers, as numpy indexes), one element per
    cell, or a tuple per cell for H x W x C arrays. Cells are formatted on demand, so a
    2000 x 2000 array costs nothing until scrolled to. Lives in the GUI thread.
*/
class ArrayTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setArray(const ArrayData &array);
    ArrayData array() const { return m_array; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ArrayData m_array;
};

} // namespace Pyro::Ui
