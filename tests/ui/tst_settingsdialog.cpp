// The explorer's connection profile: read from the environment as Pyro4 reads it (PYRO_*),
// edited in the settings dialog (METADATA off included), kept per name server; and a profile
// without metadata against a real Python Pyro4 daemon: no methods listed, calls still work.
#include "inspector/objectinspector.h"
#include "session/session.h"
#include "settings/settingsdialog.h"
#include "peerprocess.h"

#include <QCheckBox>
#include <QListWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Pyro;
using namespace Pyro::Ui;

class tst_SettingsDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void environmentAsPyro4ReadsIt();
    void metadataOffIsOfferedAndKept();
    void inspectorWithoutMetadata();
};

void tst_SettingsDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("pyro-explorer-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_settingsdialog"));
    QSettings().clear();
}

void tst_SettingsDialog::environmentAsPyro4ReadsIt()
{
    qputenv("PYRO_SERIALIZER", "json");
    qputenv("PYRO_COMMTIMEOUT", "2.5");
    qputenv("PYRO_MAX_RETRIES", "2");
    qputenv("PYRO_METADATA", "false");
    qputenv("PYRO_HMAC_KEY", "k3y");
    const auto restore = qScopeGuard([] {
        for (const char *name : { "PYRO_SERIALIZER", "PYRO_COMMTIMEOUT", "PYRO_MAX_RETRIES", "PYRO_METADATA", "PYRO_HMAC_KEY" })
            qunsetenv(name);
    });
    Session session;
    const ProxySettings s = session.settings();
    QVERIFY(s.serializer == SerializerId::Json);
    QCOMPARE(s.timeout, 2.5);
    QCOMPARE(s.maxRetries, 2);
    QVERIFY(!s.metadata);
    QCOMPARE(s.hmacKey, QByteArray("k3y"));
    // A name server without a stored profile starts from the environment too.
    QVERIFY(!Session::loadProfile(QStringLiteral("127.0.0.1:1")).metadata);
}

void tst_SettingsDialog::metadataOffIsOfferedAndKept()
{
    SettingsDialog dialog(QStringLiteral("127.0.0.1:9091"), ProxySettings());
    auto *metadata = dialog.findChild<QCheckBox *>(QStringLiteral("metadataCheck"));
    QVERIFY(metadata);
    QVERIFY(metadata->isChecked()); // Pyro4's default: METADATA on
    QVERIFY(dialog.settings().metadata);
    metadata->setChecked(false);
    QVERIFY(!dialog.settings().metadata);
    Session::saveProfile(QStringLiteral("127.0.0.1:9091"), dialog.settings());
    QVERIFY(!Session::loadProfile(QStringLiteral("127.0.0.1:9091")).metadata);
    QVERIFY(Session::loadProfile(QStringLiteral("127.0.0.1:9092")).metadata);
}

void tst_SettingsDialog::inspectorWithoutMetadata()
{
    Test::PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("gui_callback_peer.py")), qPrintable(peer.failure()));
    const PyroUri uri = PyroUri::parse(peer.readyText()).value();
    Session session;
    ProxySettings s = session.settings();
    s.metadata = false;
    session.setSettings(s);
    ObjectInspector inspector(&session);
    inspector.setObject(uri, QStringLiteral("gui.caller"));
    // Connected (a ping answers), but nothing was asked: no methods to list.
    QTRY_VERIFY_WITH_TIMEOUT(inspector.stateText().contains(QStringLiteral("ping")), 30000);
    QCOMPARE(inspector.methodList()->count(), 0);
    // A call still goes out as it is (Pyro4 checks nothing without metadata either).
    Proxy *proxy = session.proxyFor(uri);
    QVERIFY(proxy);
    QFuture<Value> echoed = proxy->invoke(QStringLiteral("echo"), { 7 });
    QTRY_VERIFY_WITH_TIMEOUT(echoed.isFinished(), 30000);
    QCOMPARE(echoed.result(), Value(7));
}

QTEST_MAIN(tst_SettingsDialog)
#include "tst_settingsdialog.moc"
