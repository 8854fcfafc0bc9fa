#include "charts/linechart.h"

#include <QDateTime>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Pyro::Ui {

LineChart::LineChart(QWidget *parent) : QWidget(parent)
{
    setMinimumHeight(60);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

QSize LineChart::minimumSizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    return { fm.horizontalAdvance(QStringLiteral("00:00:00")) * 3, fm.lineSpacing() * 4 };
}

void LineChart::setMaxPoints(int points)
{
    m_maxPoints = qMax(2, points);
    m_window = qMax<qint64>(m_window, m_maxPoints);
    clear();
}

void LineChart::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    update();
}

QColor LineChart::seriesColour(int index)
{
    // Tableau 10: tells neighbours apart on light and dark backgrounds.
    static const QRgb colours[] = { 0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                    0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf };
    return QColor(colours[index % int(std::size(colours))]);
}

void LineChart::merge(Point &into, const Point &from)
{
    if (from.count == 0)
        return;
    if (into.count == 0) {
        into = from;
        return;
    }
    into.tFirst = std::min(into.tFirst, from.tFirst);
    into.tLast = std::max(into.tLast, from.tLast);
    into.min = std::min(into.min, from.min);
    into.max = std::max(into.max, from.max);
    into.sum += from.sum;
    into.count += from.count;
}

void LineChart::add(Series &s, qint64 msecs, double value)
{
    ++s.samples;
    merge(s.current, Point { msecs, msecs, value, value, value, 1 });
    if (s.current.count < s.stride)
        return;
    s.points.push_back(s.current);
    s.current = Point();
    if (qsizetype(s.points.size()) <= m_maxPoints)
        return;
    if (s.stride * 2 * m_maxPoints <= m_window) {
        // Halve the resolution: every two neighbours become one point.
        std::deque<Point> merged;
        for (size_t i = 0; i + 1 < s.points.size(); i += 2) {
            Point p = s.points[i];
            merge(p, s.points[i + 1]);
            merged.push_back(p);
        }
        if (s.points.size() % 2)
            s.current = s.points.back(); // half a bucket: keep filling it
        s.points = std::move(merged);
        s.stride *= 2;
    } else {
        s.points.pop_front();
    }
}

void LineChart::addSample(const QString &series, qint64 msecsSinceEpoch, double value)
{
    ++m_items;
    if (!std::isfinite(value))
        return;
    for (Series &s : m_series) {
        if (s.name == series) {
            add(s, msecsSinceEpoch, value);
            update();
            return;
        }
    }
    if (int(m_series.size()) >= m_maxSeries) {
        ++m_hiddenSamples;
        return;
    }
    m_series.push_back(Series { series, {}, Point(), 1, 0 });
    add(m_series.back(), msecsSinceEpoch, value);
    update();
}

void LineChart::clear()
{
    m_series.clear();
    m_items = 0;
    m_hiddenSamples = 0;
    update();
}

QStringList LineChart::seriesNames() const
{
    QStringList names;
    for (const Series &s : m_series)
        names << s.name;
    return names;
}

const LineChart::Series *LineChart::find(const QString &name) const
{
    for (const Series &s : m_series)
        if (s.name == name)
            return &s;
    return nullptr;
}

qint64 LineChart::sampleCount(const QString &series) const
{
    const Series *s = find(series);
    return s ? s->samples : 0;
}

qsizetype LineChart::pointCount() const
{
    qsizetype most = 0;
    for (const Series &s : m_series)
        most = std::max(most, qsizetype(s.points.size()) + (s.current.count > 0 ? 1 : 0));
    return most;
}

qint64 LineChart::stride() const
{
    qint64 most = 1;
    for (const Series &s : m_series)
        most = std::max(most, s.stride);
    return most;
}

template<typename F>
void LineChart::forEachPoint(const Series &s, F fn)
{
    for (const Point &p : s.points)
        fn(p);
    if (s.current.count > 0)
        fn(s.current);
}

std::pair<qint64, qint64> LineChart::timeRange() const
{
    qint64 lo = std::numeric_limits<qint64>::max(), hi = std::numeric_limits<qint64>::min();
    for (const Series &s : m_series) {
        forEachPoint(s, [&](const Point &p) {
            lo = std::min(lo, p.tFirst);
            hi = std::max(hi, p.tLast);
        });
    }
    return lo > hi ? std::pair<qint64, qint64> { 0, 0 } : std::pair { lo, hi };
}

std::pair<double, double> LineChart::valueRange() const
{
    double lo = INFINITY, hi = -INFINITY;
    for (const Series &s : m_series) {
        forEachPoint(s, [&](const Point &p) {
            lo = std::min(lo, p.min);
            hi = std::max(hi, p.max);
        });
    }
    if (lo > hi)
        return { NAN, NAN };
    return { lo, hi };
}

void LineChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    p.setPen(palette().mid().color());
    p.drawRect(rect().adjusted(0, 0, -1, -1));
    const QFontMetrics fm = fontMetrics();
    const int line = fm.lineSpacing();
    const auto [t0, t1] = timeRange();
    auto [lo, hi] = valueRange();
    if (!std::isfinite(lo) || !std::isfinite(hi)) {
        p.setPen(palette().placeholderText().color());
        p.drawText(rect().adjusted(8, 4, -8, -4), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    if (hi == lo) {
        const double pad = lo == 0 ? 1 : std::abs(lo) * 0.01;
        hi += pad;
        lo -= pad;
    } else {
        const double pad = (hi - lo) * 0.05;
        hi += pad;
        lo -= pad;
    }
    const qint64 span = std::max<qint64>(1, t1 - t0);

    // Legend: swatch + name, flowing over at most two lines; what does not fit is counted.
    const int margin = 6;
    int x = margin, y = margin, lines = 1;
    int shownSeries = 0;
    QStringList notes;
    if (stride() > 1)
        notes << tr("%1 samples per point").arg(stride());
    if (m_hiddenSamples > 0)
        notes << tr("only the first %n series shown", nullptr, m_maxSeries);
    const QString noteText = notes.join(QStringLiteral(" · "));
    for (int i = 0; i < int(m_series.size()); ++i) {
        const QString name = fm.elidedText(m_series[size_t(i)].name, Qt::ElideRight, width() / 3);
        const int w = 14 + fm.horizontalAdvance(name) + 12;
        if (x + w > width() - margin && x > margin) {
            if (lines == 2)
                break;
            ++lines;
            x = margin;
            y += line;
        }
        p.fillRect(QRect(x, y + (line - 10) / 2, 10, 10), seriesColour(i));
        p.setPen(palette().text().color());
        p.drawText(QRect(x + 14, y, w - 14, line), Qt::AlignLeft | Qt::AlignVCenter, name);
        x += w;
        ++shownSeries;
    }
    if (shownSeries < int(m_series.size())) {
        p.setPen(palette().placeholderText().color());
        p.drawText(QRect(x, y, width() - x - margin, line), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("+%1 more").arg(int(m_series.size()) - shownSeries));
    }
    int top = margin + lines * line + 4;
    if (!noteText.isEmpty()) {
        p.setPen(palette().placeholderText().color());
        p.drawText(QRect(margin, top - 2, width() - 2 * margin, line), Qt::AlignRight | Qt::AlignVCenter, noteText);
        top += line;
    }

    // Axes: value labels on the left at round numbers, clock labels under the plot.
    const double plotHeight = height() - top - line / 2 - line - 6;
    const int maxTicks = std::clamp(int(plotHeight / (line * 1.8)), 2, 6);
    const double rawStep = (hi - lo) / maxTicks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rawStep)));
    const double norm = rawStep / magnitude;
    const double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * magnitude;
    const int decimals = std::clamp(int(-std::floor(std::log10(step) + 1e-9)) + (norm > 2 && norm <= 2.5 ? 1 : 0), 0, 9);
    const auto valueText = [decimals](double v) {
        if (std::abs(v) >= 1e7 || (v != 0 && std::abs(v) < 1e-4))
            return QString::number(v, 'g', 4);
        return QString::number(v, 'f', decimals);
    };
    QList<double> ticksY;
    for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9 && ticksY.size() < 12; v += step)
        ticksY << (std::abs(v) < step * 1e-9 ? 0.0 : v);
    int labelWidth = 0;
    for (double v : std::as_const(ticksY))
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(valueText(v)));
    const QRectF area(margin + labelWidth + 6, top + line / 2, width() - (margin + labelWidth + 6) - margin - 2, plotHeight);
    if (area.width() < 20 || area.height() < 10)
        return;
    const auto yOf = [&](double v) { return area.bottom() - (v - lo) / (hi - lo) * area.height(); };
    const auto xOf = [&](qint64 t) { return area.left() + double(t - t0) / double(span) * area.width(); };
    QColor grid = palette().mid().color();
    grid.setAlpha(90);
    for (double v : std::as_const(ticksY)) {
        const double gy = yOf(v);
        p.setPen(grid);
        p.drawLine(QPointF(area.left(), gy), QPointF(area.right(), gy));
        p.setPen(palette().text().color());
        p.drawText(QRectF(margin, gy - line / 2.0, labelWidth, line), Qt::AlignRight | Qt::AlignVCenter, valueText(v));
    }
    const QString format = span < 10000 ? QStringLiteral("HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss");
    const auto timeText = [&](qint64 t) {
        QString s = QDateTime::fromMSecsSinceEpoch(t).toString(format);
        return span < 10000 ? s.chopped(2) : s; // tenths of a second
    };
    const int timeWidth = fm.horizontalAdvance(timeText(t1)) + 24;
    const int ticks = std::clamp(int(area.width() / (timeWidth * 1.4)), 2, 6); // the end labels hang inwards
    p.setPen(palette().text().color());
    for (int i = 0; i < ticks; ++i) {
        const qint64 t = t0 + span * i / (ticks - 1);
        const double tx = xOf(t);
        const Qt::Alignment align = i == 0 ? Qt::AlignLeft : i == ticks - 1 ? Qt::AlignRight : Qt::AlignHCenter;
        QRectF box(tx - timeWidth / 2.0, area.bottom() + 3, timeWidth, line);
        if (i == 0)
            box.moveLeft(tx);
        else if (i == ticks - 1)
            box.moveRight(tx);
        p.drawText(box, align | Qt::AlignTop, timeText(t));
        p.setPen(grid);
        p.drawLine(QPointF(tx, area.top()), QPointF(tx, area.bottom()));
        p.setPen(palette().text().color());
    }

    p.setRenderHint(QPainter::Antialiasing);
    p.setClipRect(area.adjusted(-2, -2, 2, 2));
    for (int i = 0; i < int(m_series.size()); ++i) {
        const Series &s = m_series[size_t(i)];
        const QColor colour = seriesColour(i);
        QColor band = colour;
        band.setAlpha(60);
        QPainterPath path;
        int n = 0;
        QPointF last;
        forEachPoint(s, [&](const Point &pt) {
            const double px = xOf((pt.tFirst + pt.tLast) / 2);
            if (pt.max > pt.min) { // a decimated bucket: its spread
                const double x0 = xOf(pt.tFirst), x1 = xOf(pt.tLast);
                p.fillRect(QRectF(x0, yOf(pt.max), std::max(1.0, x1 - x0), yOf(pt.min) - yOf(pt.max)), band);
            }
            last = QPointF(px, yOf(pt.sum / double(pt.count)));
            n++ ? path.lineTo(last) : path.moveTo(last);
        });
        p.setPen(QPen(colour, 1.5));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setBrush(colour);
        p.drawEllipse(last, 2.5, 2.5); // the newest value
    }
}

} // namespace Pyro::Ui
