// ObjectInspector against the embedded demo (real Daemon + NameServer in this process):
// methods and attributes of demo.calculator, reading and editing attributes, errors.
#include "demo/embeddeddemo.h"
#include "session/session.h"
#include "inspector/objectinspector.h"
#include "server/daemon.h"
#include "peerprocess.h"

#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

using namespace Pyro;
using namespace Pyro::Ui;

static constexpr int Timeout = 30000;

class tst_ObjectInspector : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void calculatorMethodsAndAttributes();
    void readAndEditAttributes();
    void methodActivation();
    void unreachableObject();
    void reconnectFollowsTheName();

private:
    static QStringList methodNames(ObjectInspector &inspector);
    static int attributeRow(ObjectInspector &inspector, const QString &name);
    EmbeddedDemo *m_demo = nullptr;
};

void tst_ObjectInspector::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_demo = new EmbeddedDemo(this);
    const Error e = m_demo->start();
    QVERIFY2(!e.isError(), qPrintable(e.toString()));
}

QStringList tst_ObjectInspector::methodNames(ObjectInspector &inspector)
{
    QStringList out;
    for (int i = 0; i < inspector.methodList()->count(); ++i)
        out << inspector.methodList()->item(i)->data(Qt::UserRole).toString();
    return out;
}

int tst_ObjectInspector::attributeRow(ObjectInspector &inspector, const QString &name)
{
    QTableWidget *t = inspector.attributeTable();
    for (int r = 0; r < t->rowCount(); ++r)
        if (t->item(r, 0) && t->item(r, 0)->text() == name)
            return r;
    return -1;
}

void tst_ObjectInspector::calculatorMethodsAndAttributes()
{
    Session session;
    ObjectInspector inspector(&session);
    inspector.show();
    const PyroUri uri = m_demo->daemon()->uriFor(QStringLiteral("demo.calculator"));
    inspector.setObject(uri, QStringLiteral("demo.calculator"));
    QCOMPARE(inspector.object(), uri);
    QTRY_VERIFY_WITH_TIMEOUT(inspector.methodList()->count() > 0, Timeout);
    const QStringList methods = methodNames(inspector);
    for (const char *m : { "add", "sub", "mul", "div" })
        QVERIFY2(methods.contains(QString::fromLatin1(m)), qPrintable(methods.join(QLatin1Char(','))));
    QVERIFY(attributeRow(inspector, QStringLiteral("memory")) >= 0);
    QVERIFY(attributeRow(inspector, QStringLiteral("version")) >= 0);
    QTRY_VERIFY_WITH_TIMEOUT(inspector.stateText().contains(uri.location()), Timeout);
    QVERIFY2(inspector.stateText().contains(QStringLiteral("serpent")), qPrintable(inspector.stateText()));
    // ping round trip appears once measured
    QTRY_VERIFY_WITH_TIMEOUT(inspector.stateText().contains(QStringLiteral("ping")), Timeout);

    // The thermostat's oneway method is marked.
    inspector.setObject(m_demo->daemon()->uriFor(QStringLiteral("demo.thermostat")), QStringLiteral("demo.thermostat"));
    QTRY_VERIFY_WITH_TIMEOUT(inspector.methodList()->count() > 0, Timeout);
    bool onewayShown = false;
    for (int i = 0; i < inspector.methodList()->count(); ++i)
        onewayShown = onewayShown || inspector.methodList()->item(i)->text().contains(QStringLiteral("oneway"));
    QVERIFY(onewayShown);
}

void tst_ObjectInspector::readAndEditAttributes()
{
    Session session;
    ObjectInspector inspector(&session);
    inspector.show();
    inspector.setObject(m_demo->daemon()->uriFor(QStringLiteral("demo.calculator")), QStringLiteral("demo.calculator"));
    QTRY_VERIFY_WITH_TIMEOUT(attributeRow(inspector, QStringLiteral("memory")) >= 0, Timeout);
    QTableWidget *t = inspector.attributeTable();
    const int memory = attributeRow(inspector, QStringLiteral("memory"));
    const int version = attributeRow(inspector, QStringLiteral("version"));
    inspector.readAttributes();
    QTRY_COMPARE_WITH_TIMEOUT(t->item(version, 1)->text(), QStringLiteral("'1.0'"), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(t->item(memory, 1)->text(), QStringLiteral("0.0"), Timeout);

    // Editing a value (a Python literal) sets the attribute and reads it back.
    t->item(memory, 1)->setText(QStringLiteral("4.5"));
    QTRY_COMPARE_WITH_TIMEOUT(t->item(memory, 1)->text(), QStringLiteral("4.5"), Timeout);
    Session other;
    ObjectInspector second(&other);
    second.setObject(m_demo->daemon()->uriFor(QStringLiteral("demo.calculator")));
    QTRY_VERIFY_WITH_TIMEOUT(attributeRow(second, QStringLiteral("memory")) >= 0, Timeout);
    // The other inspector reads on its own connection, which the daemon serves concurrently
    // with the first one's set: read again until the set has landed.
    const auto secondMemory = [&second] {
        second.readAttributes();
        return second.attributeTable()->item(attributeRow(second, QStringLiteral("memory")), 1)->text();
    };
    QTRY_COMPARE_WITH_TIMEOUT(secondMemory(), QStringLiteral("4.5"), Timeout);

    // Not a literal: a clear input error, nothing sent.
    auto *error = inspector.findChild<QLabel *>(QStringLiteral("errorLabel"));
    QVERIFY(error);
    t->item(memory, 1)->setText(QStringLiteral("4.5 +"));
    QVERIFY(!error->isHidden());
    QVERIFY2(error->text().startsWith(QStringLiteral("Input")), qPrintable(error->text()));
    // Read-only attribute: the remote error is shown, the value is re-read.
    t->item(version, 1)->setText(QStringLiteral("'2.0'"));
    QTRY_VERIFY_WITH_TIMEOUT(!error->isHidden() && !error->text().startsWith(QStringLiteral("Input")), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(t->item(version, 1)->text(), QStringLiteral("'1.0'"), Timeout);
    t->item(memory, 1)->setText(QStringLiteral("0.0"));
    QTRY_COMPARE_WITH_TIMEOUT(secondMemory(), QStringLiteral("0.0"), Timeout);
}

void tst_ObjectInspector::methodActivation()
{
    Session session;
    ObjectInspector inspector(&session);
    inspector.show();
    const PyroUri uri = m_demo->daemon()->uriFor(QStringLiteral("demo.echo"));
    inspector.setObject(uri);
    QTRY_VERIFY_WITH_TIMEOUT(methodNames(inspector).contains(QStringLiteral("echo")), Timeout);
    QSignalSpy activated(&inspector, &ObjectInspector::methodActivated);
    inspector.methodList()->setCurrentRow(int(methodNames(inspector).indexOf(QStringLiteral("echo"))));
    inspector.methodList()->setFocus();
    QTest::keyClick(inspector.methodList(), Qt::Key_Return);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).value<PyroUri>(), uri);
    QCOMPARE(activated.at(0).at(1).toString(), QStringLiteral("echo"));
}

void tst_ObjectInspector::unreachableObject()
{
    Session session;
    ObjectInspector inspector(&session);
    inspector.show();
    // A port nothing listens on: the daemon's own port after it closed is not reliable,
    // so use a fresh daemon that we close right away.
    Daemon closed;
    QVERIFY(closed.listen(QStringLiteral("127.0.0.1"), 0));
    const PyroUri uri = closed.uriFor(QStringLiteral("gone"));
    closed.close();
    QSignalSpy status(&inspector, &ObjectInspector::statusMessage);
    inspector.setObject(uri);
    QTRY_VERIFY_WITH_TIMEOUT(status.size() > 0, Timeout);
    QVERIFY2(status.at(0).at(0).toString().startsWith(QStringLiteral("Connection")), qPrintable(status.at(0).at(0).toString()));
    QCOMPARE(inspector.methodList()->count(), 0);
}

void tst_ObjectInspector::reconnectFollowsTheName()
{
    // Issue 11 item 3: Reconnect on an object opened by name looks the name up again (Pyro4
    // _pyroReconnect), so an object re-registered at a new port in a Python Pyro4 name server is
    // found; before, the first Reconnect pinned the proxy to the address it had found.
    Test::PeerProcess peer;
    QVERIFY2(peer.start(QStringLiteral("connection_peer.py"), { QStringLiteral("--ns") }), qPrintable(peer.failure()));
    const QStringList parts = peer.readyText().split(u' ');
    QCOMPARE(parts.size(), 2);
    const PyroUri first = PyroUri::parse(parts.at(0)).value();
    const PyroUri ns = PyroUri::parse(parts.at(1)).value();
    Session session;
    ObjectInspector inspector(&session);
    inspector.show();
    QSignalSpy reloaded(&inspector, &ObjectInspector::reloaded);
    inspector.setObject(PyroUri::parse(QStringLiteral("PYRONAME:example.flaky@%1").arg(ns.location())).value(), QStringLiteral("example.flaky"));
    QTRY_COMPARE_WITH_TIMEOUT(reloaded.count(), 1, Timeout); // setObject() reconnects
    QTRY_VERIFY_WITH_TIMEOUT(inspector.stateText().contains(first.location()), Timeout);

    peer.writeLine(QStringLiteral("move"));
    const QString moved = peer.readLine();
    QVERIFY2(moved.startsWith(QStringLiteral("MOVED ")), qPrintable(moved));
    const PyroUri second = PyroUri::parse(moved.mid(6).trimmed()).value();
    inspector.reload();
    QTRY_COMPARE_WITH_TIMEOUT(reloaded.count(), 2, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(inspector.stateText().contains(second.location()), Timeout);
    QVERIFY(methodNames(inspector).contains(QStringLiteral("where")));
}

QTEST_MAIN(tst_ObjectInspector)
#include "tst_objectinspector.moc"
