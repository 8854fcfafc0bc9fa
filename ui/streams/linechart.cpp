#include "streams/linechart.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace Pyro::Ui {

LineChart::LineChart(QWidget *parent) : QWidget(parent)
{
    setMinimumHeight(80);
}

void LineChart::setMaxPoints(int points)
{
    m_maxPoints = qMax(2, points);
    m_window = qMax<qint64>(m_window, m_maxPoints);
    clear();
}

void LineChart::add(Point &into, const QList<double> &values)
{
    if (into.series.size() < values.size())
        into.series.resize(values.size(), Range { INFINITY, -INFINITY, 0, 0 });
    for (qsizetype s = 0; s < values.size(); ++s) {
        const double v = values.at(s);
        if (!std::isfinite(v))
            continue;
        Range &r = into.series[s];
        r.min = std::min(r.min, v);
        r.max = std::max(r.max, v);
        r.sum += v;
        ++r.count;
    }
    ++into.count;
}

void LineChart::merge(Point &into, const Point &from)
{
    if (into.series.size() < from.series.size())
        into.series.resize(from.series.size(), Range { INFINITY, -INFINITY, 0, 0 });
    for (qsizetype s = 0; s < from.series.size(); ++s) {
        Range &r = into.series[s];
        const Range &f = from.series.at(s);
        r.min = std::min(r.min, f.min);
        r.max = std::max(r.max, f.max);
        r.sum += f.sum;
        r.count += f.count;
    }
    into.count += from.count;
}

void LineChart::addPoint(const QList<double> &values)
{
    ++m_items;
    add(m_current, values);
    if (m_current.count < m_stride)
        return;
    m_points.push_back(std::move(m_current));
    m_current = Point();
    if (int(m_points.size()) > m_maxPoints) {
        if (m_stride * 2 * m_maxPoints <= m_window) {
            // Halve the resolution: every two neighbours become one point.
            std::deque<Point> merged;
            for (size_t i = 0; i + 1 < m_points.size(); i += 2) {
                Point p = std::move(m_points[i]);
                merge(p, m_points[i + 1]);
                merged.push_back(std::move(p));
            }
            if (m_points.size() % 2)
                m_current = std::move(m_points.back()); // half a bucket: keep filling it
            m_points = std::move(merged);
            m_stride *= 2;
        } else {
            m_points.pop_front();
        }
    }
    update();
}

void LineChart::clear()
{
    m_points.clear();
    m_current = Point();
    m_stride = 1;
    m_items = 0;
    update();
}

void LineChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    p.setPen(palette().mid().color());
    p.drawRect(rect().adjusted(0, 0, -1, -1));
    std::vector<const Point *> points;
    for (const Point &pt : m_points)
        points.push_back(&pt);
    if (m_current.count > 0)
        points.push_back(&m_current);
    if (points.size() < 2)
        return;
    double lo = INFINITY, hi = -INFINITY;
    int series = 0;
    for (const Point *pt : points) {
        series = qMax(series, int(pt->series.size()));
        for (const Range &r : pt->series) {
            if (r.count > 0) {
                lo = std::min(lo, r.min);
                hi = std::max(hi, r.max);
            }
        }
    }
    if (!std::isfinite(lo) || !std::isfinite(hi))
        return;
    if (hi == lo) {
        hi += 1;
        lo -= 1;
    }
    const QRectF area = QRectF(rect()).adjusted(4, 4, -4, -16);
    const double dx = area.width() / double(m_maxPoints);
    const auto y = [&](double v) { return area.bottom() - (v - lo) / (hi - lo) * area.height(); };
    static const QColor colours[] = { QColor(0x1f77b4), QColor(0xff7f0e), QColor(0x2ca02c), QColor(0xd62728), QColor(0x9467bd) };
    p.setRenderHint(QPainter::Antialiasing);
    for (int s = 0; s < qMin(series, 5); ++s) {
        QPainterPath line;
        bool started = false;
        int i = m_maxPoints - int(points.size());
        QColor band = colours[s];
        band.setAlpha(60);
        for (const Point *pt : points) {
            if (s < pt->series.size() && pt->series.at(s).count > 0) {
                const Range &r = pt->series.at(s);
                const double x = area.left() + (i + 0.5) * dx;
                if (r.max > r.min) // a decimated bucket: its spread
                    p.fillRect(QRectF(x - dx / 2, y(r.max), qMax(1.0, dx), y(r.min) - y(r.max)), band);
                const QPointF at(x, y(r.sum / r.count));
                started ? line.lineTo(at) : line.moveTo(at);
                started = true;
            }
            ++i;
        }
        p.setPen(QPen(colours[s], 1.5));
        p.drawPath(line);
        if (s < m_names.size())
            p.drawText(QPointF(area.left() + 4 + s * 90, height() - 3), m_names.at(s));
    }
    p.setPen(palette().text().color());
    p.drawText(area, Qt::AlignTop | Qt::AlignRight, QString::number(hi, 'g', 6));
    p.drawText(area, Qt::AlignBottom | Qt::AlignRight, QString::number(lo, 'g', 6));
    if (m_stride > 1)
        p.drawText(QRectF(rect()).adjusted(4, 0, -4, -1), Qt::AlignBottom | Qt::AlignRight,
                   tr("%1 items per point").arg(m_stride));
}

} // namespace Pyro::Ui
