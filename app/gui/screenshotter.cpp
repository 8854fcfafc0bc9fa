#include "screenshotter.h"

#include "browser/browserwidget.h"
#include "results/arrayview.h"
#include "results/resultview.h"
#include "streams/streamconsole.h"
#include "browser/nameservermodel.h"
#include "browser/nametreemodel.h"
#include "inspector/objectinspector.h"
#include "mainwindow.h"
#include "settings/settingsdialog.h"
#include "session/session.h"
#include "client/protocolmemory.h"
#include "watches/watchdock.h"
#include "watches/watchlist.h"

#if __has_include("invoke/invokepanel.h")
#include "invoke/invocation.h"
#include "invoke/invokepanel.h"
#include "invoke/argumentmodel.h"
#include "daemon/callbackworkbench.h"
#include "daemon/callsequencemodel.h"
#include "daemon/callsequenceview.h"
#define PYRO_HAS_INVOKEPANEL 1
#endif

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QDockWidget>
#include <QListWidget>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeView>

#include <cmath>

namespace Pyro::Ui {

static constexpr int PollMs = 100;

Screenshotter::Screenshotter(MainWindow *window, const QString &directory, QObject *parent)
    : QObject(parent), m_window(window), m_directory(directory)
{
    m_timer.setInterval(PollMs);
    connect(&m_timer, &QTimer::timeout, this, &Screenshotter::poll);
}

void Screenshotter::add(const QString &what, std::function<bool()> ready, std::function<void()> action, int timeoutMs)
{
    m_steps.append({ what, std::move(ready), std::move(action), timeoutMs });
}

void Screenshotter::grab(QWidget *widget, const QString &fileName)
{
    const QString path = QDir(m_directory).filePath(fileName);
    if (!widget->grab().save(path))
        qWarning("screenshot: cannot write %s", qPrintable(path));
    else
        qInfo("screenshot: %s", qPrintable(path));
}

void Screenshotter::start()
{
    QDir().mkpath(m_directory);
    MainWindow *w = m_window;
    // The README's size unless PYRO_SCREENSHOT_SIZE (e.g. 1024x768) asks for another.
    QSize size(1280, 720);
    const QStringList wh = qEnvironmentVariable("PYRO_SCREENSHOT_SIZE").split(u'x');
    if (wh.size() == 2 && wh.at(0).toInt() > 0 && wh.at(1).toInt() > 0)
        size = QSize(wh.at(0).toInt(), wh.at(1).toInt());
    w->resize(size);
    BrowserWidget *browser = w->browser();
    ObjectInspector *inspector = w->inspector();
    auto calculatorPath = QStringLiteral("demo.calculator");

    // PYRO_SCREENSHOT_PROTOCOL=5 (scripts/screenshots.sh's default): once the demo is listed,
    // its name server's profile says Pyro5, so the listing, the inspector and every call that
    // follows speak protocol 502 to the embedded name server and daemon (which serve both).
    if (qEnvironmentVariable("PYRO_SCREENSHOT_PROTOCOL") == QLatin1String("5")) {
        add(QStringLiteral("first listing"),
            [browser] { return browser->model()->rowOf(QStringLiteral("demo.calculator")) >= 0; },
            [w] {
                ProxySettings settings = w->session()->settings();
                settings.protocol = ProxySettings::Protocol::Pyro5;
                w->session()->setSettings(settings);
                w->browser()->refresh();
            });
        add(QStringLiteral("listing over Pyro5"),
            [w] { return ProtocolMemory::recall(w->session()->nameServer()) == ProtocolVersion::Pyro5; }, [] {});
    }
    add(QStringLiteral("listing"),
        [browser] { return browser->model()->rowOf(QStringLiteral("demo.calculator")) >= 0; },
        [browser, calculatorPath] {
            browser->treeModel()->rebuildIfPending();
            const QModelIndex calc = browser->treeModel()->indexOfPath(calculatorPath);
            browser->treeView()->expand(calc.parent());
            browser->treeView()->selectionModel()->setCurrentIndex(calc, QItemSelectionModel::ClearAndSelect
                                                                                 | QItemSelectionModel::Rows);
        });
    add(QStringLiteral("metadata"), [inspector] { return inspector->methodList()->count() > 0; },
        [inspector] { inspector->readAttributes(); });
    add(QStringLiteral("attributes and reachability"),
        [inspector, browser] {
            QTableWidget *t = inspector->attributeTable();
            for (int r = 0; r < t->rowCount(); ++r)
                if (!t->item(r, 1) || !t->item(r, 1)->data(Qt::UserRole).toBool())
                    return false;
            NameServerModel *m = browser->model();
            for (int r = 0; r < m->rowCount(); ++r) {
                const int state = m->index(r, NameServerModel::ReachabilityColumn).data(NameServerModel::ReachabilityRole).toInt();
                if (state == int(NameServerModel::Reachability::Unknown) || state == int(NameServerModel::Reachability::Checking))
                    return false;
            }
            return true;
        },
        [this, w, inspector] {
            grab(w, QStringLiteral("explorer-inspector.png"));
            // Open the form of add() as a double-click on the method would.
            emit inspector->methodActivated(inspector->object(), QStringLiteral("add"));
        });
    add(QStringLiteral("method form"), [] { return true; },
        [this, w, inspector] {
#ifdef PYRO_HAS_INVOKEPANEL
            // Select add() in the inspector and type the arguments, as a user does.
            QListWidget *methods = inspector->methodList();
            for (int i = 0; i < methods->count(); ++i)
                if (methods->item(i)->data(Qt::UserRole).toString() == QLatin1String("add"))
                    methods->setCurrentRow(i);
            auto *panel = static_cast<InvokePanel *>(w->invokePanel());
            panel->argumentLine()->setText(QStringLiteral("20, 22"));
            emit panel->argumentLine()->textEdited(panel->argumentLine()->text());
#else
            Q_UNUSED(inspector);
#endif
            grab(w, QStringLiteral("explorer-method-form.png"));
#ifdef PYRO_HAS_INVOKEPANEL
            panel->callAction()->trigger();
#endif
        });
    // The result arrives asynchronously.
    add(QStringLiteral("result"),
        [w] {
#ifdef PYRO_HAS_INVOKEPANEL
            return static_cast<InvokePanel *>(w->invokePanel())->resultView()->value() == Value(42);
#else
            Q_UNUSED(w);
            return true;
#endif
        },
        [this, w, browser] {
            grab(w, QStringLiteral("explorer-call-result.png"));
            browser->setTreeMode(false);
        });
    add(QStringLiteral("table"), [] { return true; },
        [this, w, browser] {
            grab(w, QStringLiteral("explorer-table.png"));
            browser->setTreeMode(true);
#ifdef PYRO_HAS_INVOKEPANEL
            // A stream of quotes into the stream console.
            browser->selectName(QStringLiteral("demo.quotes"));
#endif
        });
#ifdef PYRO_HAS_INVOKEPANEL
    add(QStringLiteral("quotes metadata"), [inspector] { return inspector->methodList()->count() > 0; },
        [w] {
            auto *panel = static_cast<InvokePanel *>(w->invokePanel());
            Invocation call;
            call.uri = panel->targetUri().toString();
            call.method = QStringLiteral("stream");
            call.args = { Value(400), Value(0.02) };
            panel->setInvocation(call);
            panel->callAction()->trigger();
        });
    add(QStringLiteral("stream items"), [n = 0]() mutable { return ++n > 25; },
        [this, w] { grab(w, QStringLiteral("explorer-stream.png")); });
    // Results with objects in them: demo.echo returns a proxy and a URI as links, then a
    // 2-D list of numbers, shown as an image.
    const auto echo = [w](const Value &x) {
        w->browser()->selectName(QStringLiteral("demo.echo"));
        auto *panel = static_cast<InvokePanel *>(w->invokePanel());
        const PyroUri echoUri = w->session()->resolveTarget(PyroUri::parse(QStringLiteral("PYRONAME:demo.echo")).value());
        Invocation call;
        call.uri = echoUri.toString();
        call.method = QStringLiteral("echo");
        call.args = { x };
        panel->setInvocation(call);
        panel->callAction()->trigger();
    };
    add(QStringLiteral("stream stopped"), [] { return true; },
        [w, echo] {
            auto *panel = static_cast<InvokePanel *>(w->invokePanel());
            panel->streamConsole()->stop();
            NameServerModel *names = w->browser()->model();
            const PyroUri calc = names->entryAt(names->rowOf(QStringLiteral("demo.calculator"))).uri;
            const PyroUri thermo = names->entryAt(names->rowOf(QStringLiteral("demo.thermostat"))).uri;
            Dict proxy { { QStringLiteral("__class__"), QStringLiteral("Pyro4.core.Proxy") },
                         { QStringLiteral("state"), Value::tuple({ calc.toString(), Value::tuple({}), Value::tuple({}), Value::tuple({}), 0.0, Value(),
                                                                   QStringLiteral("hello"), 0, Value() }) } };
            Dict devices { { QStringLiteral("calculator"), Value(proxy) }, { QStringLiteral("thermostat"), thermo.toValue() },
                           { QStringLiteral("count"), 2 } };
            echo(Value(devices));
        });
    add(QStringLiteral("links"),
        [w] { return static_cast<InvokePanel *>(w->invokePanel())->resultView()->value().isDict(); },
        [this, w, echo] {
            auto *panel = static_cast<InvokePanel *>(w->invokePanel());
            panel->resultView()->treeView()->expandAll();
            panel->resultView()->treeView()->resizeColumnToContents(0);
            panel->resultView()->treeView()->resizeColumnToContents(1);
            grab(w, QStringLiteral("explorer-result-links.png"));
            ValueList rows;
            for (int y = 0; y < 48; ++y) {
                ValueList row;
                for (int x = 0; x < 64; ++x)
                    row.append(int(127.5 + 64 * std::sin(x / 6.0) + 63 * std::cos(y / 5.0)));
                rows.append(Value::list(row));
            }
            echo(Value::list(rows));
        });
    add(QStringLiteral("array"),
        [w] {
            ResultView *view = static_cast<InvokePanel *>(w->invokePanel())->resultView();
            return view->value().isList() && view->hasArrayTab();
        },
        [w] {
            ResultView *view = static_cast<InvokePanel *>(w->invokePanel())->resultView();
            view->showArray(view->value());
            view->arrayView()->setColourMap(ArrayImage::Viridis);
        });
    add(QStringLiteral("array image"),
        [w] { return !static_cast<InvokePanel *>(w->invokePanel())->resultView()->arrayView()->isBusy(); },
        [this, w] {
            ArrayView *arrays = static_cast<InvokePanel *>(w->invokePanel())->resultView()->arrayView();
            arrays->showElement(20, 10);
            grab(w, QStringLiteral("explorer-array.png"));
        });
#endif
    // Watches: the thermostat's drifting temperature and its status() dict, polled 5 times a second.
    add(QStringLiteral("watches"), [] { return true; },
        [w] {
            WatchDock *dock = w->watches();
            dock->addWatch(QStringLiteral("PYRONAME:demo.thermostat"), QStringLiteral("status"), Watch::Kind::Method)->setInterval(500);
            dock->addWatch(QStringLiteral("PYRONAME:demo.thermostat"), QStringLiteral("mode"), Watch::Kind::Attribute);
            dock->addWatch(QStringLiteral("PYRONAME:demo.thermostat"), QStringLiteral("temperature"), Watch::Kind::Attribute)->setInterval(200);
            w->watchDock()->raise();
            w->resizeDocks({ w->watchDock() }, { w->height() * 2 / 5 }, Qt::Vertical);
        });
    add(QStringLiteral("watch samples"),
        [w] {
            const Watch *t = w->watches()->currentWatch();
            return t && t->samples().size() > 25;
        },
        [this, w] { grab(w, QStringLiteral("explorer-watches.png")); });
    add(QStringLiteral("callback workbench"), [] { return true; },
        [w] {
            for (QDockWidget *dock : w->findChildren<QDockWidget *>())
                if (dock->objectName() == QLatin1String("callbackDock")) {
                    dock->raise();
                    w->resizeDocks({ dock }, { w->height() * 2 / 5 }, Qt::Vertical);
                }
#ifdef PYRO_HAS_INVOKEPANEL
            // A callback object, passed to demo.callbacks, which calls it back: the log and the
            // sequence diagram get their messages.
            auto *bench = qobject_cast<CallbackWorkbench *>(w->callbackWorkbench());
            if (!bench)
                return;
            for (QDockWidget *dock : w->findChildren<QDockWidget *>())
                if (dock->objectName() == QLatin1String("callbackDock"))
                    w->resizeDocks({ dock }, { w->height() / 2 }, Qt::Vertical);
            const QString listener = bench->createObject(QStringLiteral("listener"));
            bench->setReply(QStringLiteral("listener"), QStringLiteral("notify"), QStringLiteral("return"), QStringLiteral("'ack'"), 0);
            w->browser()->selectName(QStringLiteral("demo.callbacks"));
            auto *panel = static_cast<InvokePanel *>(w->invokePanel());
            Invocation call;
            call.uri = w->browser()->model()->entryAt(w->browser()->model()->rowOf(QStringLiteral("demo.callbacks"))).uri.toString();
            call.method = QStringLiteral("call_back");
            call.args = { ArgumentModel::proxyDict(listener), QStringLiteral("notify"), Value::tuple({ 21 }) };
            panel->setInvocation(call);
            panel->callAction()->trigger();
            // The shot shows the sequence diagram (the incoming-calls log is the other tab).
            if (auto *tabs = bench->findChild<QTabWidget *>(QStringLiteral("callbackLogTabs")))
                tabs->setCurrentWidget(bench->sequenceView()->parentWidget());
#endif
        });
#ifdef PYRO_HAS_INVOKEPANEL
    add(QStringLiteral("callback messages"),
        [w] {
            auto *bench = qobject_cast<CallbackWorkbench *>(w->callbackWorkbench());
            return !bench || bench->sequenceModel()->rowCount() >= 4;
        },
        [] { });
#endif
    add(QStringLiteral("callback layout"), [n = 0]() mutable { return ++n > 2; },
        [this, w] {
            grab(w, QStringLiteral("explorer-callbacks.png"));
            auto *dialog = new SettingsDialog(w->session()->nameServer(), w->session()->settings(), w);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show();
            QTimer::singleShot(300, this, [this, dialog] {
                grab(dialog, QStringLiteral("explorer-settings.png"));
                dialog->close();
                QApplication::exit(m_failures);
            });
        });
    m_timer.start();
}

void Screenshotter::poll()
{
    if (m_steps.isEmpty()) {
        m_timer.stop();
        return;
    }
    Step &step = m_steps.first();
    m_waitedMs += PollMs;
    const bool ready = step.ready();
    if (!ready && m_waitedMs < step.timeoutMs)
        return;
    if (!ready) {
        qWarning("screenshot: gave up waiting for %s", qPrintable(step.what));
        ++m_failures;
    }
    const Step current = m_steps.takeFirst();
    m_waitedMs = 0;
    current.action();
}

} // namespace Pyro::Ui
