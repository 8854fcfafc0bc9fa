#include "invoke/latencyhistogram.h"

#include <QPainter>

#include <algorithm>

namespace Pyro::Ui {

LatencyHistogram::LatencyHistogram(QWidget *parent) : QWidget(parent)
{
    setMinimumHeight(50);
}

void LatencyHistogram::setSamples(const QList<double> &samples)
{
    m_samples = samples;
    update();
}

void LatencyHistogram::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (m_samples.isEmpty())
        return;
    const auto [lo, hi] = std::minmax_element(m_samples.cbegin(), m_samples.cend());
    constexpr int Bins = 12;
    QList<int> bins(Bins, 0);
    const double span = qMax(1e-9, *hi - *lo);
    for (double s : std::as_const(m_samples))
        ++bins[qMin(Bins - 1, int((s - *lo) / span * Bins))];
    const int top = *std::max_element(bins.cbegin(), bins.cend());
    const int textHeight = fontMetrics().height();
    const double w = double(width()) / Bins;
    for (int i = 0; i < Bins; ++i) {
        const double h = double(bins.at(i)) / top * (height() - textHeight);
        p.fillRect(QRectF(i * w + 1, height() - textHeight - h, w - 2, h), palette().highlight());
    }
    p.setPen(palette().text().color());
    p.drawText(rect(), Qt::AlignBottom | Qt::AlignLeft, tr("%1 ms").arg(*lo, 0, 'f', 2));
    p.drawText(rect(), Qt::AlignBottom | Qt::AlignRight, tr("%1 ms").arg(*hi, 0, 'f', 2));
}

} // namespace Pyro::Ui
