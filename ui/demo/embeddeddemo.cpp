#include "demo/embeddeddemo.h"

#include "server/daemon.h"
#include "server/demo/demoobjects.h"
#include "server/nameserver.h"

namespace Pyro::Ui {

EmbeddedDemo::EmbeddedDemo(QObject *parent)
    : QObject(parent), m_daemon(new Daemon(this)), m_ns(new NameServer(this)), m_demo(new Demo::DemoObjects(this))
{
}

EmbeddedDemo::~EmbeddedDemo()
{
    // The daemon stops first: shutdown() ends every connection thread and waits for the calls
    // still running, which may be inside the name server or a demo object; only then may
    // those die.
    m_daemon->shutdown();
    delete m_ns;
    delete m_daemon;
    delete m_demo;
}

Error EmbeddedDemo::start(const QString &host, quint16 port)
{
    if (!m_daemon->listen(host, port))
        return m_daemon->error();
    m_ns->attach(m_daemon);
    const QStringList names = m_demo->registerWith(m_daemon);
    const auto tags = Demo::DemoObjects::metadataTags();
    for (const QString &name : names) {
        const Error e = m_ns->registerName(name, m_daemon->uriFor(name).toString(), tags.value(name));
        if (e)
            return e;
    }
    return Error();
}

PyroUri EmbeddedDemo::nameServerUri() const
{
    return m_ns->uri();
}

} // namespace Pyro::Ui
