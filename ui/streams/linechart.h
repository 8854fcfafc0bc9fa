#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>

#include <deque>

namespace Pyro::Ui {

/*!
    A small live line chart: one polyline per numeric field over the last maxPoints() points,
    each series scaled to the common min/max. Painting is O(points); no Qt Charts needed.
*/
class LineChart : public QWidget
{
    Q_OBJECT
public:
    explicit LineChart(QWidget *parent = nullptr);

    void setMaxPoints(int points) { m_maxPoints = qMax(2, points); }
    int maxPoints() const { return m_maxPoints; }
    void setSeriesNames(const QStringList &names) { m_names = names; }
    //! One point: a value per series (missing series are skipped).
    void addPoint(const QList<double> &values);
    void clear();
    qsizetype pointCount() const { return m_points.size(); }

    QSize sizeHint() const override { return { 300, 120 }; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::deque<QList<double>> m_points;
    QStringList m_names;
    int m_maxPoints = 500;
};

} // namespace Pyro::Ui
