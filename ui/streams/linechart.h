#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>

#include <deque>

namespace Pyro::Ui {

/*!
    A small live line chart of the newest items of a stream: one line per numeric field.

    Memory and painting are bounded whatever the rate: the chart keeps at most maxPoints()
    points, each summarising a bucket of stride() consecutive items (per series the mean,
    drawn as the line, and the min / max, drawn as a band so spikes stay visible). It starts
    with one item per point; when the points fill up it merges neighbours and doubles the
    stride, until a full chart covers window() items; from then on the oldest points scroll
    out. So a slow stream shows every item and a fast one its last window() items, decimated.
    No Qt Charts needed.
*/
class LineChart : public QWidget
{
    Q_OBJECT
public:
    explicit LineChart(QWidget *parent = nullptr);

    void setMaxPoints(int points);
    int maxPoints() const { return m_maxPoints; }
    //! How many of the newest items a full chart spans at most (default 20,000).
    void setWindow(qint64 items) { m_window = qMax<qint64>(m_maxPoints, items); }
    qint64 window() const { return m_window; }
    void setSeriesNames(const QStringList &names) { m_names = names; }
    //! One item: a value per series (missing series are skipped).
    void addPoint(const QList<double> &values);
    void clear();
    //! Points held (complete buckets plus the one being filled).
    qsizetype pointCount() const { return m_points.size() + (m_current.count > 0 ? 1 : 0); }
    //! Items per point.
    qint64 stride() const { return m_stride; }
    //! Items added since clear().
    qint64 itemCount() const { return m_items; }

    QSize sizeHint() const override { return { 300, 120 }; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Range
    {
        double min;
        double max;
        double sum;
        int count;
    };
    struct Point
    {
        QList<Range> series;
        qint64 count = 0; // items in this bucket
    };
    static void merge(Point &into, const Point &from);
    void add(Point &into, const QList<double> &values);

    std::deque<Point> m_points;
    Point m_current;
    QStringList m_names;
    int m_maxPoints = 500;
    qint64 m_window = 20000;
    qint64 m_stride = 1;
    qint64 m_items = 0;
};

} // namespace Pyro::Ui
