#pragma once

#include "protocol/pyrouri.h"
#include "support/error.h"

#include <QObject>

namespace Pyro {
class Daemon;
class NameServer;
namespace Demo {
class DemoObjects;
}
}

namespace Pyro::Ui {

/*!
    The explorer's --demo mode: a name server and the demo objects (demo.echo,
    demo.calculator, demo.thermostat, demo.quotes, demo.callbacks) hosted in this process on
    127.0.0.1 and a free port, registered with their metadata tags. No Python needed.
    Owns its daemon; lives in the GUI thread (the demo objects' calls run on the daemon's
    workers or in their QObject's thread, never blocking the window).
*/
class EmbeddedDemo : public QObject
{
    Q_OBJECT
public:
    explicit EmbeddedDemo(QObject *parent = nullptr);
    ~EmbeddedDemo() override;
    //! Starts listening; returns the error if the daemon could not.
    Error start(const QString &host = QStringLiteral("127.0.0.1"), quint16 port = 0);
    //! PYRO:Pyro.NameServer@host:port
    PyroUri nameServerUri() const;
    Daemon *daemon() const { return m_daemon; }
    Demo::DemoObjects *objects() const { return m_demo; }

private:
    Daemon *m_daemon;
    NameServer *m_ns;
    Demo::DemoObjects *m_demo;
};

} // namespace Pyro::Ui
