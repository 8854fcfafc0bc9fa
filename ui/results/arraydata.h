#pragma once

#include "support/result.h"
#include "value/value.h"

#include <QByteArray>
#include <QList>

#include <memory>
#include <vector>

namespace Pyro::Ui {

/*!
    A numeric array received in a result, ready to be shown as an image or a table: the inert
    numpy array value (docs/inert-objects.md: {'__class__': 'numpy.ndarray', 'shape', 'dtype',
    'byteorder', 'data'}) or a list of lists (of lists) of numbers from any serializer.

    A numpy array keeps its raw bytes (shared with the Value, never copied) and decodes elements
    on access with its dtype and byte order (bool, int8..int64, uint8..uint64, float32,
    float64); a nested list is copied once into doubles. fromValue() checks everything (shape
    against the data size, rectangular rows, numbers only, the element bound) and says what is
    wrong; it is pure and may run on a worker thread. A plain value, cheap to copy.

    Shapes are viewed as rows x columns x channels: 1-D arrays are one column, 2-D arrays rows
    x columns, 3-D arrays H x W x C (C = 3 or 4 is an RGB(A) image; other C only a table).
*/
class ArrayData
{
public:
    enum class Kind { Bool, Int, UInt, Float };
    //! Elements accepted from a nested list, and pixels for an image (memory bound).
    static constexpr qint64 MaxListElements = 16 * 1024 * 1024;

    ArrayData() = default;

    //! Cheap test (no full scan): a numpy array dict, or a non-empty list/tuple whose first
    //! item is a list/tuple of numbers (or of such lists).
    static bool isArrayLike(const Value &value);
    //! The array, or an error saying what is malformed (SerializeError code).
    static Result<ArrayData> fromValue(const Value &value);

    bool isValid() const { return !m_shape.isEmpty() || m_scalar; }
    QList<qint64> shape() const { return m_shape; }
    qint64 rows() const { return m_rows; }
    qint64 columns() const { return m_columns; }
    int channels() const { return m_channels; }
    qint64 count() const { return m_rows * m_columns * m_channels; }
    //! numpy's dtype name ("uint8", "float64"...), "float64" for nested lists of floats,
    //! "int64" for nested lists of ints.
    QString dtype() const { return m_dtype; }
    Kind kind() const { return m_kind; }
    //! Whether the array can be drawn: 2-D, or 3-D with 3 or 4 channels, and not empty.
    bool isImage() const;
    //! "48 x 64, uint8" / "480 x 640 x 3, uint8".
    QString description() const;

    //! Element (row, column, channel) as a double (no range check beyond asserts).
    double at(qint64 row, qint64 column, int channel = 0) const { return atFlat((row * m_columns + column) * m_channels + channel); }
    double atFlat(qint64 i) const;
    //! The element as Python prints it ("7", "0.5", "True"); a tuple for all channels when
    //! \a channel is -1 and there are several.
    QString text(qint64 row, qint64 column, int channel = -1) const;

private:
    QList<qint64> m_shape;
    qint64 m_rows = 0, m_columns = 0;
    int m_channels = 1;
    bool m_scalar = false;
    QString m_dtype;
    Kind m_kind = Kind::Float;
    int m_itemSize = 8;
    bool m_swap = false;
    QByteArray m_bytes; //!< numpy: the raw data
    std::shared_ptr<const std::vector<double>> m_doubles; //!< nested lists
};

} // namespace Pyro::Ui
