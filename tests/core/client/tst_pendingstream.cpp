// PendingStream's pull mode against a real Python Pyro4 4.82 daemon
// (tests/peers/server_stream_pull.py) whose generator counts how often it was advanced:
// a paused stream must not advance the remote generator, and each requested item advances it
// by exactly one get_next_stream_item.
#include "clienttestutil.h"
#include "peerprocess.h"

#include "client/pendingstream.h"
#include "client/proxy.h"

#include <QtTest>

using namespace Pyro;
using namespace Pyro::Test;

class tst_PendingStream : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data();
    void initTestCase();
    void cleanupTestCase();
    void pullFromStart();
    void pauseStepResume();
    void pullPastTheEnd();

private:
    Proxy *proxy(QObject *parent);
    //! How far the remote generator \a name was advanced, asked on \a via's connection: the
    //! daemon serves a connection in order, so every item request sent before is counted.
    qint64 advanced(Proxy *via, const QString &name);

    PeerProcess m_thread;
    PeerProcess m_multiplex;
};

void tst_PendingStream::initTestCase_data()
{
    QTest::addColumn<QString>("servertype");
    QTest::newRow("thread") << QStringLiteral("thread");
    QTest::newRow("multiplex") << QStringLiteral("multiplex");
}

void tst_PendingStream::initTestCase()
{
    QVERIFY2(m_thread.start(QStringLiteral("server_stream_pull.py"), { QStringLiteral("--servertype"), QStringLiteral("thread") }),
             qPrintable(m_thread.failure()));
    QVERIFY2(m_multiplex.start(QStringLiteral("server_stream_pull.py"), { QStringLiteral("--servertype"), QStringLiteral("multiplex") }),
             qPrintable(m_multiplex.failure()));
}

void tst_PendingStream::cleanupTestCase()
{
    m_thread.kill();
    m_multiplex.kill();
}

Proxy *tst_PendingStream::proxy(QObject *parent)
{
    QFETCH_GLOBAL(QString, servertype);
    ProxySettings s;
    s.timeout = 60; // a hung test fails instead of blocking forever
    s.streamWindow = 16;
    PeerProcess &peer = servertype == QLatin1String("thread") ? m_thread : m_multiplex;
    return new Proxy(uriFrom(peer.readyText()), s, parent);
}

qint64 tst_PendingStream::advanced(Proxy *via, const QString &name)
{
    const Finished f = waitFor(via->call(QStringLiteral("advanced"), { name }));
    if (!f.ok)
        qWarning() << f.error;
    return f.ok ? f.result.toInt64() : -2;
}

void tst_PendingStream::pullFromStart()
{
    QObject owner;
    Proxy *p = proxy(&owner);
    const QString name = QStringLiteral("start-") + QString::fromLatin1(QTest::currentDataTag());
    PendingStream *stream = keep(p->callStream(QStringLiteral("counted"), { name, 100 }));
    stream->setAutoFetch(false); // before the call's reply: nothing is requested at all
    QVERIFY(!stream->autoFetch());
    QList<qint64> items;
    connect(stream, &PendingStream::itemReceived, this, [&](const Value &v) { items.append(v.toInt64()); });
    QTRY_VERIFY_WITH_TIMEOUT(!stream->streamId().isEmpty(), 30000);
    QCOMPARE(stream->inFlight(), 0);
    QCOMPARE(advanced(p, name), qint64(0));
    QCOMPARE(advanced(p, name), qint64(0));
    QVERIFY(items.isEmpty());

    stream->fetchNext();
    QCOMPARE(stream->inFlight(), 1); // exactly one request
    QTRY_COMPARE_WITH_TIMEOUT(items.size(), 1, 30000);
    QCOMPARE(advanced(p, name), qint64(1));

    stream->requestItems(3);
    QCOMPARE(stream->inFlight(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(items.size(), 4, 30000);
    QCOMPARE(stream->inFlight(), 0);
    QCOMPARE(advanced(p, name), qint64(4));
    QCOMPARE(items, (QList<qint64> { 0, 1, 2, 3 }));
    QCOMPARE(stream->itemCount(), qint64(4));
    QVERIFY(!stream->isFinished());
    stream->close();
    delete stream;
}

void tst_PendingStream::pauseStepResume()
{
    QObject owner;
    Proxy *p = proxy(&owner);
    const QString name = QStringLiteral("pause-") + QString::fromLatin1(QTest::currentDataTag());
    PendingStream *stream = keep(p->callStream(QStringLiteral("counted"), { name, 1000000 }));
    qint64 next = 0;
    bool inOrder = true;
    connect(stream, &PendingStream::itemReceived, this, [&](const Value &v) { inOrder = inOrder && v.toInt64() == next++; });
    QTRY_VERIFY_WITH_TIMEOUT(next >= 50, 30000);

    // Pause: the requests already sent are answered, then the generator stands still.
    stream->setAutoFetch(false);
    QTRY_COMPARE_WITH_TIMEOUT(stream->inFlight(), 0, 30000);
    const qint64 paused = stream->itemCount();
    QCOMPARE(next, paused);
    QCOMPARE(advanced(p, name), paused);
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents();
    QCOMPARE(advanced(p, name), paused);
    QCOMPARE(stream->itemCount(), paused);

    // Each step advances it by exactly one.
    for (int step = 1; step <= 5; ++step) {
        stream->fetchNext();
        QTRY_COMPARE_WITH_TIMEOUT(stream->itemCount(), paused + step, 30000);
        QCOMPARE(advanced(p, name), paused + step);
    }
    QCOMPARE(stream->inFlight(), 0);

    // Resume: the window is refilled and items flow again.
    stream->setAutoFetch(true);
    QTRY_VERIFY_WITH_TIMEOUT(stream->itemCount() >= paused + 100, 30000);
    stream->close();
    QVERIFY(inOrder);
    QVERIFY(stream->isFinished());
    QVERIFY(!stream->hasError());
    delete stream;
}

void tst_PendingStream::pullPastTheEnd()
{
    QObject owner;
    Proxy *p = proxy(&owner);
    const QString name = QStringLiteral("end-") + QString::fromLatin1(QTest::currentDataTag());
    PendingStream *stream = keep(p->callStream(QStringLiteral("counted"), { name, 3 }));
    stream->setAutoFetch(false);
    QSignalSpy items(stream, &PendingStream::itemReceived);
    stream->requestItems(10); // asked for before the stream id is known: sent once it is
    QCOMPARE(stream->pendingRequests(), qint64(10));
    const Finished f = waitFor(stream);
    QVERIFY2(f.ok, qPrintable(f.error.toString()));
    QCOMPARE(items.count(), 3);
    QCOMPARE(advanced(p, name), qint64(3));
}

QTEST_MAIN(tst_PendingStream)
#include "tst_pendingstream.moc"
