#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <deque>

namespace Pyro::Ui {

/*!
    A small live line chart over time, drawn with QPainter (no Qt Charts): named series of
    (time, value) samples, time on the x-axis (clock labels), values on the y-axis (labelled
    grid), a legend with one colour per series. Used by the stream console (one series per
    value of a chosen key) and the Watches dock (one series per watched number).

    Memory and painting are bounded whatever the rate. Each series keeps at most maxPoints()
    points, each summarising a bucket of stride() consecutive samples (the mean, drawn as the
    line, and the min / max, drawn as a band so spikes stay visible). A series starts with one
    sample per point; when its points fill up it merges neighbours and doubles its stride,
    until a full series covers window() samples; from then on its oldest points scroll out.
    At most maxSeries() series are kept; samples of further series are only counted
    (hiddenSamples()). Samples should come in time order per series. Lives in the GUI thread.
*/
class LineChart : public QWidget
{
    Q_OBJECT
public:
    explicit LineChart(QWidget *parent = nullptr);

    //! Points per series (default 500); clears the chart.
    void setMaxPoints(int points);
    int maxPoints() const { return m_maxPoints; }
    //! How many of the newest samples a full series spans at most (default 20,000).
    void setWindow(qint64 samples) { m_window = qMax<qint64>(m_maxPoints, samples); }
    qint64 window() const { return m_window; }
    //! Series kept and drawn (default 12).
    void setMaxSeries(int series) { m_maxSeries = qMax(1, series); }
    int maxSeries() const { return m_maxSeries; }
    //! Shown in the middle while there is nothing to draw.
    void setPlaceholderText(const QString &text);
    QString placeholderText() const { return m_placeholder; }

    //! One sample of series \a series taken at \a msecsSinceEpoch. Non-finite values are skipped.
    void addSample(const QString &series, qint64 msecsSinceEpoch, double value);
    void clear();

    //! Names of the series held, in the order they first appeared.
    QStringList seriesNames() const;
    qsizetype seriesCount() const { return qsizetype(m_series.size()); }
    //! The colour series \a index is drawn in.
    static QColor seriesColour(int index);
    //! Samples added to \a series since clear() (0 for an unknown series).
    qint64 sampleCount(const QString &series) const;
    //! The points the largest series holds (complete buckets plus the one being filled).
    qsizetype pointCount() const;
    //! The largest series' samples per point.
    qint64 stride() const;
    //! Samples added since clear(), all series together (hidden ones included).
    qint64 itemCount() const { return m_items; }
    //! Samples of series beyond maxSeries(), not kept.
    qint64 hiddenSamples() const { return m_hiddenSamples; }
    //! The time span held, in ms since the epoch (0, 0 when empty).
    std::pair<qint64, qint64> timeRange() const;
    //! The value range held (min, max of all points; NaN when empty).
    std::pair<double, double> valueRange() const;

    QSize sizeHint() const override { return { 360, 160 }; }
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Point
    {
        qint64 tFirst = 0;
        qint64 tLast = 0;
        double min = 0;
        double max = 0;
        double sum = 0;
        qint64 count = 0;
    };
    struct Series
    {
        QString name;
        std::deque<Point> points;
        Point current;
        qint64 stride = 1;
        qint64 samples = 0;
    };
    static void merge(Point &into, const Point &from);
    void add(Series &series, qint64 msecs, double value);
    const Series *find(const QString &name) const;
    //! Points of \a s to draw, oldest first (current included when it has samples).
    template<typename F>
    static void forEachPoint(const Series &s, F fn);

    std::deque<Series> m_series;
    QString m_placeholder;
    int m_maxPoints = 500;
    int m_maxSeries = 12;
    qint64 m_window = 20000;
    qint64 m_items = 0;
    qint64 m_hiddenSamples = 0;
};

} // namespace Pyro::Ui
