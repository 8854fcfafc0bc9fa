#include "invoke/repeatpanel.h"

#include "invoke/latencyhistogram.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace Pyro::Ui {

RepeatPanel::RepeatPanel(QWidget *parent)
    : QWidget(parent), m_count(new QSpinBox(this)), m_run(new QPushButton(tr("Repeat"), this)), m_summary(new QLabel(this)),
      m_histogram(new LatencyHistogram(this))
{
    m_count->setRange(1, 100000);
    m_count->setValue(10);
    m_summary->setWordWrap(true);
    connect(m_run, &QPushButton::clicked, this, [this] { emit repeatRequested(m_count->value()); });
    auto *row = new QHBoxLayout;
    auto *label = new QLabel(tr("Times:"), this);
    label->setBuddy(m_count);
    row->addWidget(label);
    row->addWidget(m_count);
    row->addWidget(m_run);
    row->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_summary);
    layout->addWidget(m_histogram, 1);
}

int RepeatPanel::count() const
{
    return m_count->value();
}

void RepeatPanel::setRunEnabled(bool enabled)
{
    m_run->setEnabled(enabled);
}

void RepeatPanel::begin(int times)
{
    m_samples.clear();
    m_histogram->setSamples({});
    m_summary->setText(tr("Running %1 calls…").arg(times));
}

void RepeatPanel::addSample(double milliseconds)
{
    m_samples << milliseconds;
}

void RepeatPanel::finish()
{
    m_histogram->setSamples(m_samples);
    m_summary->setText(summary());
}

QString RepeatPanel::summary() const
{
    if (m_samples.isEmpty())
        return QString();
    const auto [lo, hi] = std::minmax_element(m_samples.cbegin(), m_samples.cend());
    double sum = 0;
    for (double v : m_samples)
        sum += v;
    return tr("%1 calls: min %2 ms, mean %3 ms, max %4 ms")
            .arg(m_samples.size())
            .arg(*lo, 0, 'f', 2)
            .arg(sum / m_samples.size(), 0, 'f', 2)
            .arg(*hi, 0, 'f', 2);
}

} // namespace Pyro::Ui
