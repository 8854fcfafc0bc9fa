#include "server/demo/demothermostat.h"

#include <QTimer>

#include <cmath>

namespace Pyro::Demo {

DemoThermostat::DemoThermostat(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_clock.start();
    m_timer->setInterval(250);
    connect(m_timer, &QTimer::timeout, this, &DemoThermostat::drift);
    m_timer->start();
}

void DemoThermostat::setTarget(double target)
{
    m_target = target;
    emit changed();
}

void DemoThermostat::setMode(const QString &mode)
{
    if (mode != QLatin1String("heat") && mode != QLatin1String("cool") && mode != QLatin1String("off"))
        return;
    m_mode = mode;
    emit changed();
}

void DemoThermostat::reset()
{
    m_target = 21.0;
    m_mode = QStringLiteral("heat");
    m_temperature = 20.0;
    emit changed();
}

void DemoThermostat::configure(double target, const QString &mode)
{
    setTarget(target);
    setMode(mode);
}

QVariantMap DemoThermostat::status() const
{
    return { { QStringLiteral("target"), m_target },
             { QStringLiteral("mode"), m_mode },
             { QStringLiteral("temperature"), m_temperature } };
}

void DemoThermostat::drift()
{
    // Moves 5% of the way to the target per tick, plus a small deterministic wobble.
    if (m_mode != QLatin1String("off"))
        m_temperature += (m_target - m_temperature) * 0.05;
    m_temperature += 0.02 * std::sin(double(m_clock.elapsed()) / 700.0);
    m_temperature = std::round(m_temperature * 1000.0) / 1000.0;
    emit changed();
}

} // namespace Pyro::Demo
