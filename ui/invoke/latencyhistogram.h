#pragma once

#include <QWidget>

namespace Pyro::Ui {

//! Histogram of call latencies (milliseconds): 12 bins between the smallest and the largest.
class LatencyHistogram : public QWidget
{
    Q_OBJECT
public:
    explicit LatencyHistogram(QWidget *parent = nullptr);
    void setSamples(const QList<double> &samples);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<double> m_samples;
};

} // namespace Pyro::Ui
