#pragma once

#include "server/daemon.h"
#include "server/demo/demoobjects.h"

#include <QThread>

namespace Pyro::Test {

/*!
    A Daemon with the demo objects, running in a thread of its own (with an event loop) so
    that a test can block on a Python peer (PeerProcess waits synchronously) while the
    daemon keeps serving. Everything is created and destroyed in that thread.
*/
class DaemonHost
{
public:
    explicit DaemonHost(const DaemonSettings &settings = DaemonSettings())
    {
        m_thread.start();
        m_context.moveToThread(&m_thread);
        run([&] {
            m_daemon = new Daemon(settings);
            m_demo = new Demo::DemoObjects;
            m_demo->registerWith(m_daemon);
            m_listening = m_daemon->listen(QStringLiteral("127.0.0.1"), 0);
            if (!m_listening)
                m_error = m_daemon->error().message() + QStringLiteral(": ") + m_daemon->error().detail();
            m_port = m_daemon->port();
        });
    }
    ~DaemonHost()
    {
        run([&] {
            delete m_daemon;
            delete m_demo;
        });
        QThread *owner = QThread::currentThread();
        run([&] { m_context.moveToThread(owner); });
        m_thread.quit();
        m_thread.wait();
    }

    bool isListening() const { return m_listening; }
    QString error() const { return m_error; }
    quint16 port() const { return m_port; }
    //! "PYRO:{}@127.0.0.1:port": the peers put the object id where {} is.
    QString uriPattern() const { return QStringLiteral("PYRO:{}@127.0.0.1:%1").arg(m_port); }
    Daemon *daemon() const { return m_daemon; }

    //! Runs \a f in the daemon's thread and waits for it.
    template<typename F>
    void run(F f)
    {
        QMetaObject::invokeMethod(&m_context, f, Qt::BlockingQueuedConnection);
    }
    int streamCount()
    {
        int n = 0;
        run([&] { n = m_daemon->streamCount(); });
        return n;
    }
    int connectionCount()
    {
        int n = 0;
        run([&] { n = m_daemon->connectionCount(); });
        return n;
    }

private:
    QThread m_thread;
    QObject m_context;
    Daemon *m_daemon = nullptr;
    Demo::DemoObjects *m_demo = nullptr;
    bool m_listening = false;
    QString m_error;
    quint16 m_port = 0;
};

} // namespace Pyro::Test
