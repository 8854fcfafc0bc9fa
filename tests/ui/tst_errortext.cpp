// The GUI's error sentences name the layer and say plainly when the peer is the wrong kind
// of server (Pyro5, not Pyro, a refused serializer).
#include "errors/errortext.h"

#include <QTest>

using namespace Pyro;
using namespace Pyro::Ui;

class tst_ErrorText : public QObject
{
    Q_OBJECT

private slots:
    void describe_data();
    void describe();
};

void tst_ErrorText::describe_data()
{
    QTest::addColumn<Error>("error");
    QTest::addColumn<QString>("text");

    QTest::newRow("none") << Error() << QString();
    QTest::newRow("pyro5") << Error(Error::Code::ProtocolMismatch,
                                    QStringLiteral("The server at h:1 is a Pyro5 server (protocol 502); Pyro Explorer speaks Pyro4 (protocol 48)"),
                                    QStringLiteral("protocol version 502 in the reply header (50 59 52 4f 01 f6)"))
                           << QStringLiteral("Protocol: The server at h:1 is a Pyro5 server (protocol 502); Pyro Explorer speaks Pyro4 (protocol 48)");
    QTest::newRow("not_pyro") << Error(Error::Code::NotPyro, QStringLiteral("The server at h:1 does not speak Pyro (it answered 'HTTP/1.0 400 Bad')"),
                                       QStringLiteral("first bytes of the reply: 48 54 54 50"))
                              << QStringLiteral("Protocol: The server at h:1 does not speak Pyro (it answered 'HTTP/1.0 400 Bad') (check the host and port)");
    QTest::newRow("serpent_refused")
            << Error(Error::Code::UnsupportedSerializer,
                     QStringLiteral("connection to h:1 rejected: message used serializer that is not accepted: 1"),
                     QStringLiteral("message used serializer that is not accepted: 1"))
            << QStringLiteral("Serializer: the server refuses the serpent serializer and does not say which ones it accepts "
                              "(pick another serializer in the settings)");
    QTest::newRow("serializer_other_reason")
            << Error(Error::Code::UnsupportedSerializer, QStringLiteral("no such serializer"))
            << QStringLiteral("Serializer: no such serializer (pick another serializer in the settings)");
    QTest::newRow("handshake_rejected") << Error(Error::Code::HandshakeRejected, QStringLiteral("unknown object"), QStringLiteral("unknown object"))
                                        << QStringLiteral("Protocol: the daemon refused the connection: unknown object (unknown object)");
    QTest::newRow("refused") << Error(Error::Code::ConnectionRefused, QStringLiteral("connection to h:1 failed: refused"))
                             << QStringLiteral("Connection: connection to h:1 failed: refused");
}

void tst_ErrorText::describe()
{
    QFETCH(Error, error);
    QFETCH(QString, text);
    QCOMPARE(ErrorText::describe(error), text);
}

QTEST_MAIN(tst_ErrorText)
#include "tst_errortext.moc"
