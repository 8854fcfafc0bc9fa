// Error and empty states (issue 12 items 7 and 10): connection-level errors show no empty
// "Remote traceback" box, remote tracebacks wrap, tuple children are labelled [0], [1], the
// validation message never moves the Call button; --ns to an address where nothing listens
// shows what was tried with Retry, Connect... and Start demo; an object whose call failed at
// the connection level is shown disconnected until a call succeeds, and Reconnect fills the
// method lists again. Real peers: the explorer's demo objects hosted by our own Daemon (closed
// and opened again on the same port), no mocks.
#include "browser/browserwidget.h"
#include "browser/nameservermodel.h"
#include "demo/embeddeddemo.h"
#include "inspector/objectinspector.h"
#include "invoke/invokepanel.h"
#include "mainwindow.h"
#include "results/resultview.h"
#include "results/valuetreemodel.h"
#include "server/daemon.h"
#include "server/demo/demoobjects.h"
#include "session/session.h"

#include <QComboBox>
#include <QLabel>
#include <QStatusBar>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace Pyro;
using namespace Pyro::Ui;

static constexpr int Timeout = 30000;

class tst_ErrorStates : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void connectionErrorHasNoTracebackBox();
    void tracebackWraps();
    void tupleChildrenAreIndexed();
    void validationMessageDoesNotMoveCall();
    void nsWhereNothingListens();
    void disconnectedUntilACallSucceeds();

private:
    static quint16 closedPort()
    {
        QTcpServer s;
        s.listen(QHostAddress::LocalHost, 0);
        const quint16 port = s.serverPort();
        s.close();
        return port;
    }
    EmbeddedDemo *m_demo = nullptr;
    Session *m_session = nullptr;
};

void tst_ErrorStates::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("pyro-explorer-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_errorstates"));
    QSettings().clear();
    m_demo = new EmbeddedDemo; // not parented: see tst_invokepanel
    const Error e = m_demo->start();
    QVERIFY2(!e, qPrintable(e.message()));
    m_session = new Session(this);
}

void tst_ErrorStates::connectionErrorHasNoTracebackBox()
{
    InvokePanel panel(m_session);
    panel.resize(800, 600);
    panel.show();
    panel.setTarget(PyroUri::parse(QStringLiteral("PYRO:gone@127.0.0.1:%1").arg(closedPort())).value(), QStringLiteral("ping"));
    QSignalSpy done(&panel, &InvokePanel::callFinished);
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, Timeout);
    ResultView *view = panel.resultView();
    QCOMPARE(view->error().code(), Error::Code::ConnectionRefused);
    QVERIFY2(view->errorText().startsWith(QStringLiteral("Connection")), qPrintable(view->errorText()));
    QVERIFY(!view->tracebackView()->isVisible());
    for (QLabel *label : view->findChildren<QLabel *>())
        QVERIFY2(!(label->isVisible() && label->text().contains(QStringLiteral("traceback"), Qt::CaseInsensitive)), qPrintable(label->text()));

    // A remote exception afterwards shows its traceback again.
    panel.setTarget(m_demo->daemon()->uriFor(QStringLiteral("demo.echo")), QStringLiteral("fail"));
    panel.argumentLine()->setText(QStringLiteral("'KeyError', 'k'"));
    emit panel.argumentLine()->textEdited(panel.argumentLine()->text());
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, Timeout);
    QCOMPARE(view->error().code(), Error::Code::RemoteException);
    QVERIFY(view->tracebackView()->isVisible());
    QVERIFY(!view->tracebackText().isEmpty());
}

void tst_ErrorStates::tracebackWraps()
{
    InvokePanel panel(m_session);
    panel.resize(700, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setTarget(m_demo->daemon()->uriFor(QStringLiteral("demo.echo")), QStringLiteral("fail"));
    const QString longMessage = QStringLiteral("word ").repeated(200);
    panel.argumentLine()->setText(QStringLiteral("'ValueError', '%1'").arg(longMessage));
    emit panel.argumentLine()->textEdited(panel.argumentLine()->text());
    QSignalSpy done(&panel, &InvokePanel::callFinished);
    panel.call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, Timeout);
    QPlainTextEdit *tb = panel.resultView()->tracebackView();
    QVERIFY(tb->isVisible());
    QVERIFY2(tb->toPlainText().contains(longMessage.trimmed()), qPrintable(tb->toPlainText()));
    QCOMPARE(tb->lineWrapMode(), QPlainTextEdit::WidgetWidth);
    QTRY_COMPARE(tb->horizontalScrollBar()->maximum(), 0); // wrapped, nothing to scroll sideways
}

void tst_ErrorStates::tupleChildrenAreIndexed()
{
    ResultView view;
    view.setResult(Value::tuple({ 1, QStringLiteral("a"), Value::tuple({ 2.5 }) }));
    QAbstractItemModel *model = view.treeView()->model();
    const QModelIndex root = model->index(0, 0);
    QCOMPARE(model->rowCount(root), 3);
    QCOMPARE(model->index(0, 0, root).data().toString(), QStringLiteral("[0]"));
    QCOMPARE(model->index(1, 0, root).data().toString(), QStringLiteral("[1]"));
    QCOMPARE(model->index(2, 0, root).data().toString(), QStringLiteral("[2]"));
    QCOMPARE(model->index(0, 0, model->index(2, 0, root)).data().toString(), QStringLiteral("[0]"));
    QCOMPARE(model->index(2, ValueTreeModel::ValueColumn, root).data().toString(), QStringLiteral("(2.5,)"));
}

void tst_ErrorStates::validationMessageDoesNotMoveCall()
{
    for (const QSize size : { QSize(1024, 768), QSize(1280, 720) }) {
        MainWindow w;
        w.resize(size);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *panel = static_cast<InvokePanel *>(w.invokePanel());
        panel->setTarget(m_demo->daemon()->uriFor(QStringLiteral("demo.calculator")), QStringLiteral("add"));
        QPushButton *call = panel->callButton();
        const auto where = [&] { return QRect(call->mapTo(&w, QPoint(0, 0)), call->size()); };
        QTest::qWait(0);
        const QRect before = where();
        for (const QString &text : { QStringLiteral("20, (22"), QStringLiteral("20, 22, kind="), QStringLiteral("nonsense word here"),
                                     QStringLiteral("20, 22"), QString() }) {
            panel->argumentLine()->setText(text);
            emit panel->argumentLine()->textEdited(text);
            QCoreApplication::processEvents();
            QCOMPARE(where(), before);
        }
        // And an error message really was shown meanwhile.
        panel->argumentLine()->setText(QStringLiteral("20, (22"));
        emit panel->argumentLine()->textEdited(panel->argumentLine()->text());
        QVERIFY(!panel->formError().isEmpty());
        QVERIFY(!call->isEnabled());
        QCoreApplication::processEvents();
        QCOMPARE(where(), before);
    }
}

void tst_ErrorStates::nsWhereNothingListens()
{
    const quint16 port = closedPort();
    MainWindow w;
    w.resize(1024, 768);
    w.show();
    StartOptions options;
    options.nameServer = QStringLiteral("127.0.0.1:%1").arg(port);
    w.start(options);
    QTRY_VERIFY_WITH_TIMEOUT(!w.emptyStateText().isEmpty(), Timeout);
    const QString text = w.emptyStateText();
    QVERIFY2(text.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(text));
    QStringList buttons;
    for (QPushButton *b : w.findChildren<QPushButton *>())
        if (b->isVisible())
            buttons << b->text().remove(u'&');
    for (const QString &wanted : { QStringLiteral("Retry"), QStringLiteral("Connect…"), QStringLiteral("Start demo") })
        QVERIFY2(buttons.contains(wanted), qPrintable(buttons.join(u'|')));
    // The status bar does not stay on a "busy" text.
    QTRY_VERIFY(!w.statusBar()->currentMessage().contains(QStringLiteral("…")) || w.statusBar()->currentMessage().isEmpty());

    // Retry once something listens there: the empty state goes away.
    auto *demo = new EmbeddedDemo; // not deleted: see initTestCase
    QVERIFY(!demo->start(QStringLiteral("127.0.0.1"), port).isError());
    for (QPushButton *b : w.findChildren<QPushButton *>())
        if (b->text().remove(u'&') == QStringLiteral("Retry"))
            b->click();
    QTRY_VERIFY_WITH_TIMEOUT(w.emptyStateText().isEmpty(), Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(w.browser()->model()->rowOf(QStringLiteral("demo.calculator")) >= 0, Timeout);
    QTRY_VERIFY(!w.statusBar()->currentMessage().startsWith(QStringLiteral("Listing")));
}

void tst_ErrorStates::disconnectedUntilACallSucceeds()
{
    auto daemon = std::make_unique<Daemon>();
    Demo::DemoObjects objects;
    QVERIFY(daemon->listen(QStringLiteral("127.0.0.1"), 0));
    const quint16 port = daemon->port();
    objects.registerWith(daemon.get());
    const PyroUri uri = daemon->uriFor(QStringLiteral("demo.calculator"));

    MainWindow w;
    w.resize(1280, 720);
    w.show();
    w.openUri(uri.toString());
    ObjectInspector *inspector = w.inspector();
    auto *panel = static_cast<InvokePanel *>(w.invokePanel());
    QTRY_VERIFY_WITH_TIMEOUT(inspector->methodList()->count() > 0, Timeout);
    QVERIFY(!inspector->isDisconnected());
    QVERIFY(panel->methodCombo()->count() > 0);

    // The daemon goes away; a call fails at the connection level.
    daemon.reset();
    panel->setTarget(uri, QStringLiteral("add"));
    panel->argumentLine()->setText(QStringLiteral("1, 2"));
    emit panel->argumentLine()->textEdited(panel->argumentLine()->text());
    QSignalSpy done(panel, &InvokePanel::callFinished);
    panel->call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, Timeout);
    QVERIFY(panel->resultView()->error());
    QTRY_VERIFY(inspector->isDisconnected());
    QVERIFY2(!inspector->stateText().startsWith(QStringLiteral("Connected")), qPrintable(inspector->stateText()));
    QVERIFY2(inspector->stateText().contains(QStringLiteral("Disconnected")), qPrintable(inspector->stateText()));

    // Still disconnected after another failing call.
    panel->call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, Timeout);
    QVERIFY(inspector->isDisconnected());

    // The daemon is back on the same port: the next successful call clears the state.
    daemon = std::make_unique<Daemon>();
    QVERIFY(daemon->listen(QStringLiteral("127.0.0.1"), port));
    Demo::DemoObjects again;
    again.registerWith(daemon.get());
    panel->call();
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 3, Timeout);
    QVERIFY2(!panel->resultView()->error(), qPrintable(panel->resultView()->errorText()));
    QCOMPARE(panel->resultView()->value().toDouble(), 3.0);
    QTRY_VERIFY_WITH_TIMEOUT(!inspector->isDisconnected(), Timeout);

    // Reconnect (the inspector's button) fills both method lists again.
    inspector->methodList()->clear();
    QToolButton *reconnect = nullptr;
    for (QToolButton *b : inspector->findChildren<QToolButton *>())
        if (b->text() == QStringLiteral("Reconnect"))
            reconnect = b;
    QVERIFY(reconnect);
    reconnect->click();
    QTRY_VERIFY_WITH_TIMEOUT(inspector->methodList()->count() > 0, Timeout);
    QVERIFY(!inspector->methodList()->findItems(QStringLiteral("add"), Qt::MatchStartsWith).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(panel->methodCombo()->findText(QStringLiteral("add")) >= 0, Timeout);
    daemon.reset(); // before the objects registered with it
}

QTEST_MAIN(tst_ErrorStates)
#include "tst_errorstates.moc"
