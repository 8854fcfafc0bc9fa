#include "streams/linechart.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace Pyro::Ui {

LineChart::LineChart(QWidget *parent) : QWidget(parent)
{
    setMinimumHeight(80);
}

void LineChart::addPoint(const QList<double> &values)
{
    m_points.push_back(values);
    while (int(m_points.size()) > m_maxPoints)
        m_points.pop_front();
    update();
}

void LineChart::clear()
{
    m_points.clear();
    update();
}

void LineChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    p.setPen(palette().mid().color());
    p.drawRect(rect().adjusted(0, 0, -1, -1));
    if (m_points.size() < 2)
        return;
    double lo = INFINITY, hi = -INFINITY;
    int series = 0;
    for (const auto &pt : m_points) {
        series = qMax(series, int(pt.size()));
        for (double v : pt) {
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
    }
    if (!std::isfinite(lo))
        return;
    if (hi == lo) {
        hi += 1;
        lo -= 1;
    }
    const QRectF area = QRectF(rect()).adjusted(4, 4, -4, -16);
    const double dx = area.width() / double(m_maxPoints - 1);
    static const QColor colours[] = { QColor(0x1f77b4), QColor(0xff7f0e), QColor(0x2ca02c), QColor(0xd62728), QColor(0x9467bd) };
    p.setRenderHint(QPainter::Antialiasing);
    for (int s = 0; s < qMin(series, 5); ++s) {
        QPainterPath path;
        bool started = false;
        int i = m_maxPoints - int(m_points.size());
        for (const auto &pt : m_points) {
            if (s < pt.size() && std::isfinite(pt.at(s))) {
                const QPointF at(area.left() + i * dx, area.bottom() - (pt.at(s) - lo) / (hi - lo) * area.height());
                started ? path.lineTo(at) : path.moveTo(at);
                started = true;
            }
            ++i;
        }
        p.setPen(QPen(colours[s], 1.5));
        p.drawPath(path);
        if (s < m_names.size())
            p.drawText(QPointF(area.left() + 4 + s * 90, height() - 3), m_names.at(s));
    }
    p.setPen(palette().text().color());
    p.drawText(area, Qt::AlignTop | Qt::AlignRight, QString::number(hi, 'g', 6));
    p.drawText(area, Qt::AlignBottom | Qt::AlignRight, QString::number(lo, 'g', 6));
}

} // namespace Pyro::Ui
