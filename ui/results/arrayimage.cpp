#include "results/arrayimage.h"

#include <QColor>
#include <QCoreApplication>

#include <cmath>
#include <limits>

namespace Pyro::Ui {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ArrayImage)
};

QList<QRgb> interpolate(const QList<QRgb> &anchors)
{
    QList<QRgb> table;
    table.reserve(256);
    const int segments = int(anchors.size()) - 1;
    for (int i = 0; i < 256; ++i) {
        const double t = i / 255.0 * segments;
        const int s = qMin(segments - 1, int(t));
        const double f = t - s;
        const QRgb a = anchors.at(s), b = anchors.at(s + 1);
        const auto mix = [f](int x, int y) { return int(std::lround(x + (y - x) * f)); };
        table << qRgb(mix(qRed(a), qRed(b)), mix(qGreen(a), qGreen(b)), mix(qBlue(a), qBlue(b)));
    }
    return table;
}

void range(const ArrayData &a, double *low, double *high)
{
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    const qint64 n = a.count();
    for (qint64 i = 0; i < n; ++i) {
        const double x = a.atFlat(i);
        if (!std::isfinite(x))
            continue;
        lo = qMin(lo, x);
        hi = qMax(hi, x);
    }
    if (lo > hi)
        lo = hi = 0;
    *low = lo;
    *high = hi;
}

} // namespace

QString ArrayImage::colourMapName(ColourMap map)
{
    switch (map) {
    case Grey: return Tr::tr("Grey");
    case Viridis: return QStringLiteral("Viridis");
    case Inferno: return QStringLiteral("Inferno");
    case Hot: return Tr::tr("Hot");
    case ColourMapCount: break;
    }
    return QString();
}

QList<QRgb> ArrayImage::colourTable(ColourMap map)
{
    switch (map) {
    case Viridis:
        return interpolate({ qRgb(68, 1, 84), qRgb(72, 40, 120), qRgb(62, 74, 137), qRgb(49, 104, 142), qRgb(38, 130, 142),
                             qRgb(31, 158, 137), qRgb(53, 183, 121), qRgb(109, 205, 89), qRgb(180, 222, 44), qRgb(253, 231, 37) });
    case Inferno:
        return interpolate({ qRgb(0, 0, 4), qRgb(31, 12, 72), qRgb(85, 15, 109), qRgb(136, 34, 106), qRgb(186, 54, 85),
                             qRgb(227, 89, 51), qRgb(249, 140, 10), qRgb(249, 201, 50), qRgb(252, 255, 164) });
    case Hot:
        return interpolate({ qRgb(0, 0, 0), qRgb(230, 0, 0), qRgb(255, 210, 0), qRgb(255, 255, 255) });
    default:
        return interpolate({ qRgb(0, 0, 0), qRgb(255, 255, 255) });
    }
}

ArrayImage::Built ArrayImage::build(const ArrayData &a, ColourMap map)
{
    Built out;
    if (!a.isImage()) {
        out.error = a.shape().size() == 3 ? Tr::tr("A 3-D array is drawn when its last dimension is 3 (RGB) or 4 (RGBA); this one is %1.")
                                                    .arg(a.description())
                                          : Tr::tr("Only 2-D arrays (and H × W × 3 RGB) are drawn; this one is %1.").arg(a.description());
        return out;
    }
    if (a.rows() * a.columns() > MaxPixels || a.rows() > 32767 || a.columns() > 32767) {
        out.error = Tr::tr("%1 is too big to draw (at most %2 pixels); the table shows it.").arg(a.description()).arg(MaxPixels);
        return out;
    }
    const int w = int(a.columns()), h = int(a.rows());
    if (a.channels() == 1) {
        if (a.dtype() == QLatin1String("uint8")) {
            out.low = 0;
            out.high = 255;
        } else if (a.kind() == ArrayData::Kind::Bool) {
            out.low = 0;
            out.high = 1;
        } else {
            range(a, &out.low, &out.high);
        }
        QImage img(w, h, QImage::Format_Indexed8);
        if (img.isNull()) {
            out.error = Tr::tr("not enough memory for a %1 × %2 image").arg(w).arg(h);
            return out;
        }
        img.setColorTable(colourTable(map));
        const double span = out.high > out.low ? out.high - out.low : 1.0;
        for (int y = 0; y < h; ++y) {
            uchar *line = img.scanLine(y);
            for (int x = 0; x < w; ++x) {
                const double v = a.at(y, x);
                const double t = std::isfinite(v) ? (v - out.low) / span : (v > 0 ? 1.0 : 0.0);
                line[x] = uchar(qBound(0, int(std::lround(t * 255.0)), 255));
            }
        }
        out.image = img;
        return out;
    }
    // RGB(A)
    const int channels = a.channels();
    double scale = 1.0, offset = 0.0;
    if (a.dtype() == QLatin1String("uint8")) {
        out.low = 0;
        out.high = 255;
    } else {
        range(a, &out.low, &out.high);
        if (a.kind() == ArrayData::Kind::Float && out.low >= 0 && out.high <= 1) {
            scale = 255.0;
            out.low = 0;
            out.high = 1;
        } else {
            offset = out.low;
            scale = out.high > out.low ? 255.0 / (out.high - out.low) : 1.0;
        }
    }
    QImage img(w, h, channels == 4 ? QImage::Format_ARGB32 : QImage::Format_RGB32);
    if (img.isNull()) {
        out.error = Tr::tr("not enough memory for a %1 × %2 image").arg(w).arg(h);
        return out;
    }
    const auto channel = [&](int y, int x, int c) {
        const double v = a.at(y, x, c);
        return std::isfinite(v) ? qBound(0, int(std::lround((v - offset) * scale)), 255) : 0;
    };
    for (int y = 0; y < h; ++y) {
        auto *line = reinterpret_cast<QRgb *>(img.scanLine(y));
        for (int x = 0; x < w; ++x)
            line[x] = qRgba(channel(y, x, 0), channel(y, x, 1), channel(y, x, 2), channels == 4 ? channel(y, x, 3) : 255);
    }
    out.image = img;
    return out;
}

} // namespace Pyro::Ui
