#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QVariantMap>

class QTimer;

namespace Pyro::Demo {

/*!
    demo.thermostat: a QObject with state. Attributes: \c target (float, read-write),
    \c mode ('heat', 'cool' or 'off', read-write) and \c temperature (float, read-only), which
    drifts towards the target while the mode is not 'off' and wobbles a little, so polling it
    shows a live value. \c reset() is oneway (declared with Q_CLASSINFO("pyro.oneway", ...)):
    Python clients do not wait for it. \c status() returns all three as a dict.
    Lives in the thread that created it, which must run an event loop (the drift timer).
*/
class DemoThermostat : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("pyro.oneway", "reset")
    Q_PROPERTY(double target READ target WRITE setTarget NOTIFY changed)
    Q_PROPERTY(QString mode READ mode WRITE setMode NOTIFY changed)
    Q_PROPERTY(double temperature READ temperature NOTIFY changed)
public:
    explicit DemoThermostat(QObject *parent = nullptr);

    double target() const { return m_target; }
    void setTarget(double target);
    QString mode() const { return m_mode; }
    //! Unknown modes are ignored (the property keeps its value).
    void setMode(const QString &mode);
    double temperature() const { return m_temperature; }

    //! Back to 20.0 degrees, target 21.0, mode 'heat'.
    Q_INVOKABLE void reset();
    //! Sets target and mode in one call (for clients that cannot set attributes, e.g. marshal).
    Q_INVOKABLE void configure(double target, const QString &mode);
    Q_INVOKABLE QVariantMap status() const;

signals:
    void changed();

private:
    void drift();

    double m_target = 21.0;
    QString m_mode = QStringLiteral("heat");
    double m_temperature = 20.0;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_clock;
};

} // namespace Pyro::Demo
