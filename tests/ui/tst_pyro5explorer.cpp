// The explorer against a real Python Pyro5 5.16 daemon (tests/peers/pyro5_echo_daemon.py)
// and name server (tests/peers/pyro5_ns.py): the inspector's protocol badge, "Copy as Python
// code" writing Pyro5 code (one call, and a batch as Pyro5.api.BatchProxy, run by Python Pyro5),
// the per-call serializer list following the object's protocol, the main window's connection
// line naming the protocol, and the About text naming both.
#include "history/historymodel.h"
#include "history/historyview.h"
#include "browser/browserwidget.h"
#include "browser/nameservermodel.h"
#include "client/protocolmemory.h"
#include "mainwindow.h"
#include "inspector/objectinspector.h"
#include "invoke/argumentmodel.h"
#include "invoke/invokepanel.h"
#include "results/resultview.h"
#include "session/session.h"
#include "settings/settingsdialog.h"
#include "peerprocess.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLineEdit>
#include <QJsonObject>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Pyro;
using namespace Pyro::Ui;

static constexpr int Timeout = 30000;

class tst_Pyro5Explorer : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void inspectorShowsPyro5Badge();
    void copyAsPythonWritesPyro5();
    void pyro4CodeUnlessPyro5();
    void settingsFollowProtocol();
    void serializerListFollowsProtocol();
    void batchCopyAsPythonWritesBatchProxy();
    void connectionLineShowsProtocol();
    void profileProtocolAppliesAtOnce();
    void aboutNamesBothProtocols();

private:
    PyroUri echoUri() const { return PyroUri::parse(QString(m_peer.readyText()).replace(QStringLiteral("{}"), QStringLiteral("demo.echo"))).value(); }
    QTemporaryDir m_dir;
    Test::PeerProcess m_peer;
};

void tst_Pyro5Explorer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("pyro-explorer-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_pyro5explorer"));
    QSettings().clear();
    QVERIFY2(Test::PeerProcess::pyro5Failure().isEmpty(), qPrintable(Test::PeerProcess::pyro5Failure()));
    QVERIFY2(m_peer.start(QStringLiteral("pyro5_echo_daemon.py"), {}, 30000, Test::PeerProcess::pyro5Environment()),
             qPrintable(m_peer.failure()));
    QVERIFY2(PyroUri::parse(QString(m_peer.readyText()).replace(QStringLiteral("{}"), QStringLiteral("demo.echo"))), qPrintable(m_peer.readyText()));
}

void tst_Pyro5Explorer::inspectorShowsPyro5Badge()
{
    Session session;
    ObjectInspector inspector(&session);
    inspector.show();
    inspector.setObject(echoUri(), QStringLiteral("demo.echo"));
    QTRY_VERIFY_WITH_TIMEOUT(inspector.methodList()->count() > 0, Timeout);
    QCOMPARE(inspector.protocolText(), QStringLiteral("Pyro5"));
    QTRY_VERIFY_WITH_TIMEOUT(inspector.badgeHtml().contains(QStringLiteral("&nbsp;Pyro5&nbsp;")), Timeout);
    // Pyro5 has no HMAC: no "no HMAC" warning for it; and no pickle to accept.
    QVERIFY2(!inspector.badgeHtml().contains(QStringLiteral("HMAC")), qPrintable(inspector.badgeHtml()));
    QVERIFY2(!inspector.badgeHtml().contains(QStringLiteral("pickle")), qPrintable(inspector.badgeHtml()));
}

void tst_Pyro5Explorer::copyAsPythonWritesPyro5()
{
    HistoryModel history(m_dir.filePath(QStringLiteral("history.jsonl")));
    Session session;
    InvokePanel panel(&session);
    panel.setHistoryModel(&history);
    HistoryView view(&session, &history);
    const QString uri = echoUri().toString();
    QVERIFY(panel.pastePyroctl(QStringLiteral("pyroctl call %1 echo \"(1, 'x')\"").arg(uri)));
    QSignalSpy done(&panel, &InvokePanel::callFinished);
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, Timeout);
    QCOMPARE(panel.resultView()->reprText(), QStringLiteral("(1, 'x')"));
    QCOMPARE(history.rowCount(), 1);
    QVERIFY(history.entry(0).invocation.protocol == ProtocolVersion::Pyro5);

    view.view()->selectRow(0);
    view.copyAsPython();
    const QString code = QApplication::clipboard()->text();
    const QString expected = QStringLiteral("import Pyro5.api\nfrom math import inf, nan  # in case the arguments hold them\n\n"
                                            "proxy = Pyro5.api.Proxy('%1')\n"
                                            "result = proxy.echo((1, 'x'))\nprint(repr(result))\n")
                                     .arg(uri);
    QCOMPARE(code, expected);
    QVERIFY(!code.contains(QStringLiteral("Pyro4")));
    // The form's own copy knows the protocol too, and the history file keeps it.
    QVERIFY(panel.invocation().protocol == ProtocolVersion::Pyro5);
    QVERIFY(HistoryModel(history.filePath()).entry(0).invocation.protocol == ProtocolVersion::Pyro5);
}

void tst_Pyro5Explorer::pyro4CodeUnlessPyro5()
{
    Invocation inv;
    inv.uri = QStringLiteral("PYRONAME:demo.echo");
    inv.method = QStringLiteral("ping");
    inv.oneway = true;
    inv.serializer = QStringLiteral("json");
    QVERIFY(inv.toPython().startsWith(QStringLiteral("import Pyro4\n")));
    QVERIFY(inv.toPython().contains(QStringLiteral("Pyro4.config.SERIALIZER = 'json'\nproxy = Pyro4.Proxy('PYRONAME:demo.echo')\n")));
    inv.protocol = ProtocolVersion::Pyro5;
    QCOMPARE(inv.toPython(), QStringLiteral("import Pyro5.api\nfrom math import inf, nan  # in case the arguments hold them\n\n"
                                            "Pyro5.api.config.SERIALIZER = 'json'\n"
                                            "proxy = Pyro5.api.Proxy('PYRONAME:demo.echo')\n"
                                            "proxy._pyroOneway.add('ping')\nproxy.ping()\n"));
    // Read back from the history file form; an unknown version is "not known", never a crash.
    QVERIFY(Invocation::fromJson(inv.toJson()).value().protocol == ProtocolVersion::Pyro5);
    QJsonObject bad = inv.toJson();
    bad.insert(QStringLiteral("protocol"), 99999);
    QVERIFY(!Invocation::fromJson(bad).value().protocol.has_value());
}

void tst_Pyro5Explorer::settingsFollowProtocol()
{
    ProxySettings base;
    base.serializer = SerializerId::Pickle;
    base.hmacKey = "secret";
    SettingsDialog dialog(QStringLiteral("127.0.0.1:9090"), base);
    auto *protocol = dialog.findChild<QComboBox *>(QStringLiteral("protocolCombo"));
    auto *serializer = dialog.findChild<QComboBox *>(QStringLiteral("serializerCombo"));
    auto *hmac = dialog.findChild<QLineEdit *>(QStringLiteral("hmacEdit"));
    QVERIFY(protocol && serializer && hmac);
    QVERIFY(dialog.settings().protocol == ProxySettings::Protocol::Auto);
    QVERIFY(serializer->findText(QStringLiteral("pickle")) >= 0);
    QVERIFY(dialog.settings().serializer == SerializerId::Pickle);
    QCOMPARE(dialog.settings().hmacKey, QByteArray("secret"));

    // Pyro5: no pickle offered (serpent instead), no HMAC.
    protocol->setCurrentIndex(protocol->findData(int(ProxySettings::Protocol::Pyro5)));
    QCOMPARE(serializer->findText(QStringLiteral("pickle")), -1);
    for (const char *name : { "serpent", "json", "marshal", "msgpack" })
        QVERIFY2(serializer->findText(QString::fromLatin1(name)) >= 0, name);
    QVERIFY(dialog.settings().serializer == SerializerId::Serpent);
    QVERIFY(!hmac->isEnabled());
    QVERIFY(dialog.settings().hmacKey.isEmpty());
    QVERIFY(dialog.settings().protocol == ProxySettings::Protocol::Pyro5);

    // Back to Pyro4: pickle and the key are there again; a chosen serializer stays.
    serializer->setCurrentIndex(serializer->findText(QStringLiteral("json")));
    protocol->setCurrentIndex(protocol->findData(int(ProxySettings::Protocol::Pyro4)));
    QVERIFY(serializer->findText(QStringLiteral("pickle")) >= 0);
    QVERIFY(dialog.settings().serializer == SerializerId::Json);
    QVERIFY(hmac->isEnabled());
    QCOMPARE(dialog.settings().hmacKey, QByteArray("secret"));

    // Stored per name server.
    ProxySettings five = dialog.settings();
    five.protocol = ProxySettings::Protocol::Pyro5;
    Session::saveProfile(QStringLiteral("127.0.0.1:9090"), five);
    QVERIFY(Session::loadProfile(QStringLiteral("127.0.0.1:9090")).protocol == ProxySettings::Protocol::Pyro5);
    QVERIFY(Session::loadProfile(QStringLiteral("127.0.0.1:9091")).protocol == ProxySettings::Protocol::Auto);
}

static QStringList serializerNames(const QComboBox *combo)
{
    QStringList out;
    for (int i = 1; i < combo->count(); ++i) // 0 is "as settings (...)"
        out << combo->itemData(i).toString();
    return out;
}

void tst_Pyro5Explorer::serializerListFollowsProtocol()
{
    Session session;
    InvokePanel panel(&session);
    QComboBox *combo = panel.serializerCombo();
    // No object yet, protocol not known: every serializer.
    QVERIFY2(serializerNames(combo).contains(QStringLiteral("pickle")), qPrintable(serializerNames(combo).join(u' ')));

    // A Pyro4 endpoint (as remembered from a handshake): pickle is offered; pick it.
    const PyroUri pyro4 = PyroUri::parse(QStringLiteral("PYRO:thing@127.0.0.1:1")).value();
    ProtocolMemory::remember(pyro4.location(), ProtocolVersion::Pyro4);
    panel.setTarget(pyro4, QStringLiteral("ping"));
    QVERIFY(serializerNames(combo).contains(QStringLiteral("pickle")));
    combo->setCurrentIndex(combo->findData(QStringLiteral("pickle")));

    // The Pyro5 object: after its handshake the list has no pickle, and the pickle choice
    // falls back to the settings' serializer.
    panel.setTargetObject(echoUri());
    QTRY_VERIFY_WITH_TIMEOUT(panel.methodCombo()->findText(QStringLiteral("echo")) >= 0, Timeout);
    QCOMPARE(serializerNames(combo), (QStringList { QStringLiteral("serpent"), QStringLiteral("json"), QStringLiteral("marshal"),
                                                    QStringLiteral("msgpack") }));
    QCOMPARE(combo->currentIndex(), 0);
    QCOMPARE(panel.invocation().serializer, QString());
    // A chosen Pyro5 serializer is used for the call.
    combo->setCurrentIndex(combo->findData(QStringLiteral("msgpack")));
    QVERIFY(panel.pastePyroctl(QStringLiteral("pyroctl --serializer msgpack call %1 echo 7").arg(echoUri().toString())));
    QSignalSpy done(&panel, &InvokePanel::callFinished);
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, Timeout);
    QCOMPARE(panel.resultView()->reprText(), QStringLiteral("7"));
    QCOMPARE(combo->currentData().toString(), QStringLiteral("msgpack"));

    // The serializer preview shows what the Pyro5 daemon receives: a proxy argument in Pyro5's
    // class names (the client renames it for the protocol it speaks), not Pyro4's.
    panel.setTarget(echoUri(), QStringLiteral("echo"));
    combo->setCurrentIndex(combo->findData(QStringLiteral("serpent")));
    panel.argumentModel()->clear();
    panel.argumentModel()->appendRow({ QString(), ArgumentModel::Type::Literal, QStringLiteral("Proxy('PYRO:obj@127.0.0.1:9')") });
    QVERIFY2(panel.previewText().contains(QStringLiteral("Pyro5.client.Proxy('PYRO:obj@127.0.0.1:9')")), qPrintable(panel.previewText()));
    QVERIFY2(!panel.previewText().contains(QStringLiteral("changed by the serializer")), qPrintable(panel.previewText()));
    panel.argumentModel()->clear();

    // Back to the Pyro4 object: pickle is there again.
    panel.setTarget(pyro4, QStringLiteral("ping"));
    QVERIFY(serializerNames(combo).contains(QStringLiteral("pickle")));
    ProtocolMemory::forget(pyro4.location());
}

void tst_Pyro5Explorer::batchCopyAsPythonWritesBatchProxy()
{
    HistoryModel history(m_dir.filePath(QStringLiteral("batch-history.jsonl")));
    Session session;
    InvokePanel panel(&session);
    panel.setHistoryModel(&history);
    const QString uri = echoUri().toString();
    QVERIFY(panel.pastePyroctl(QStringLiteral("pyroctl call %1 echo 1").arg(uri)));
    panel.addToBatch();
    QVERIFY(panel.pastePyroctl(QStringLiteral("pyroctl call %1 echo \"'x'\" ").arg(uri)));
    panel.addToBatch();
    QVERIFY(panel.pastePyroctl(QStringLiteral("pyroctl call %1 echo x=[2.5]").arg(uri)));
    panel.addToBatch();
    QSignalSpy done(&panel, &InvokePanel::callFinished);
    panel.runBatch(); // the batch's handshake shows the object speaks Pyro5
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, Timeout);
    QCOMPARE(panel.resultView()->reprText(), QStringLiteral("[1, 'x', [2.5]]"));

    auto *copy = panel.findChild<QPushButton *>(QStringLiteral("copyBatchPython"));
    QVERIFY(copy);
    QVERIFY(copy->isEnabled());
    copy->click();
    const QString code = QApplication::clipboard()->text();
    const QString expected = QStringLiteral("import Pyro5.api\nfrom math import inf, nan  # in case the arguments hold them\n\n"
                                            "proxy = Pyro5.api.Proxy('%1')\n"
                                            "batch = Pyro5.api.BatchProxy(proxy)\n"
                                            "batch.echo(1)\n"
                                            "batch.echo('x')\n"
                                            "batch.echo(x=[2.5])\n"
                                            "for result in batch():\n    print(repr(result))\n")
                                     .arg(uri);
    QCOMPARE(code, expected);

    // Python Pyro5 runs it against the same daemon.
    QProcess python;
    python.setProcessEnvironment(Test::PeerProcess::pyro5Environment());
    python.start(Test::PeerProcess::python(), { QStringLiteral("-c"), code });
    QVERIFY(python.waitForFinished(Timeout));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    QCOMPARE(python.readAllStandardOutput(), QByteArray("1\n'x'\n[2.5]\n"));

    // Not known to be Pyro5: Pyro4's batch.
    QVERIFY(Invocation::batchToPython({}, std::nullopt).isEmpty());
    Invocation inv;
    inv.uri = QStringLiteral("PYRONAME:demo.echo");
    inv.method = QStringLiteral("echo");
    inv.args = { Value(1) };
    inv.serializer = QStringLiteral("json");
    QCOMPARE(Invocation::batchToPython({ inv }, std::nullopt),
             QStringLiteral("import Pyro4\nfrom math import inf, nan  # in case the arguments hold them\n\n"
                            "Pyro4.config.SERIALIZER = 'json'\n"
                            "proxy = Pyro4.Proxy('PYRONAME:demo.echo')\n"
                            "batch = Pyro4.batch(proxy)\n"
                            "batch.echo(1)\n"
                            "for result in batch():\n    print(repr(result))\n"));
}

// Settings › Protocol 5 for the name server the window shows takes effect at once: the
// listing reconnects over 502 (our embedded demo serves both protocols on its port).
void tst_Pyro5Explorer::profileProtocolAppliesAtOnce()
{
    MainWindow w;
    w.show();
    StartOptions options;
    options.demo = true;
    w.start(options);
    QTRY_VERIFY_WITH_TIMEOUT(w.browser()->model()->rowOf(QStringLiteral("demo.echo")) >= 0, Timeout);
    QTRY_VERIFY2_WITH_TIMEOUT(w.connectionText().endsWith(QStringLiteral("(Pyro4)")), qPrintable(w.connectionText()), Timeout);
    ProxySettings settings = w.session()->settings();
    settings.protocol = ProxySettings::Protocol::Pyro5;
    w.session()->setSettings(settings);
    QTRY_VERIFY2_WITH_TIMEOUT(w.connectionText().endsWith(QStringLiteral("(Pyro5)")), qPrintable(w.connectionText()), Timeout);
    QVERIFY(w.browser()->model()->rowOf(QStringLiteral("demo.echo")) >= 0);
}

void tst_Pyro5Explorer::connectionLineShowsProtocol()
{
    Test::PeerProcess ns;
    QVERIFY2(ns.start(QStringLiteral("pyro5_ns.py"), {}, 30000, Test::PeerProcess::pyro5Environment()), qPrintable(ns.failure()));
    const QString location = ns.readyText(); // 127.0.0.1:PORT
    MainWindow w;
    w.show();
    StartOptions options;
    options.nameServer = location;
    w.start(options);
    QTRY_VERIFY_WITH_TIMEOUT(w.browser()->model()->rowCount() == 1, Timeout); // Pyro.NameServer
    QTRY_COMPARE_WITH_TIMEOUT(w.connectionText(), QStringLiteral("Connected to %1 (Pyro5)").arg(location), Timeout);
}

void tst_Pyro5Explorer::aboutNamesBothProtocols()
{
    const QString text = MainWindow::aboutText();
    for (const char *part : { "Pyro4 protocol 48", "Pyro5 protocol 502", "Pyro4 and Pyro5 name servers" })
        QVERIFY2(text.contains(QLatin1String(part)), part);
}

QTEST_MAIN(tst_Pyro5Explorer)
#include "tst_pyro5explorer.moc"
