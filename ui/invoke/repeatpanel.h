#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;

namespace Pyro::Ui {

class LatencyHistogram;

/*!
    The "Repeat" tab: how many times to run the current call, and the latencies of the last
    run (min / mean / max and a histogram). The runs themselves are the InvokePanel's: it asks
    with repeatRequested() and reports each latency with addSample().
*/
class RepeatPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RepeatPanel(QWidget *parent = nullptr);

    int count() const;
    void setRunEnabled(bool enabled);
    //! A run of \a times calls starts: forgets the previous samples.
    void begin(int times);
    void addSample(double milliseconds);
    //! The run ended (all calls, or one failed): shows the statistics.
    void finish();
    QString summary() const;

signals:
    void repeatRequested(int times);

private:
    QSpinBox *m_count;
    QPushButton *m_run;
    QLabel *m_summary;
    LatencyHistogram *m_histogram;
    QList<double> m_samples;
};

} // namespace Pyro::Ui
