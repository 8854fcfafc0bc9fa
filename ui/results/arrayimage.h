#pragma once

#include "results/arraydata.h"

#include <QImage>
#include <QStringList>

namespace Pyro::Ui {

/*!
    Turns an ArrayData into a QImage: a 2-D array into an 8-bit indexed image (values mapped
    linearly from [low, high] to the 256 entries of a colour map: 0..255 for uint8, 0..1 for
    bool, the array's finite minimum and maximum otherwise; NaN is drawn as low), a 3-D array
    with 3 or 4 channels into RGB32 / ARGB32 (uint8 as is, floats within [0, 1] times 255, other
    values scaled from their minimum and maximum). Changing the colour map only swaps the
    colour table (no rebuild). Pure; build() runs on a worker thread (QtConcurrent) for big
    arrays. At most MaxPixels pixels (memory bound: 4 bytes each at most).
*/
class ArrayImage
{
public:
    enum ColourMap { Grey, Viridis, Inferno, Hot, ColourMapCount };
    static constexpr qint64 MaxPixels = 64 * 1024 * 1024;

    struct Built
    {
        QImage image; //!< null when the array cannot be drawn (error says why)
        double low = 0, high = 0; //!< the value range mapped to the colours
        QString error;
    };

    static Built build(const ArrayData &array, ColourMap map = Grey);
    static QList<QRgb> colourTable(ColourMap map);
    static QString colourMapName(ColourMap map);
};

} // namespace Pyro::Ui
