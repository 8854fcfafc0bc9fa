#include "mainwindow.h"

#include "browser/browserwidget.h"
#include "client/pendingcall.h"
#include "client/protocolmemory.h"
#include "links/deeplink.h"
#include "demo/embeddeddemo.h"
#include "errors/errortext.h"
#include "session/session.h"
#include "inspector/objectinspector.h"
#include "naming/nameserverclient.h"
#include "naming/nameserverlocator.h"
#include "naming/resolve.h"
#include "browser/nameservermodel.h"
#include "settings/settingsdialog.h"
#include "streams/streamconsole.h"
#include "watches/watchdock.h"

#if __has_include("invoke/invokepanel.h")
#include "invoke/invokepanel.h"
#include "results/resultview.h"
#define PYRO_HAS_INVOKEPANEL 1
#endif
#if __has_include("daemon/callbackworkbench.h")
#include "daemon/callbackworkbench.h"
#define PYRO_HAS_WORKBENCH 1
#endif
#if __has_include("history/historyview.h")
#include "history/historyview.h"
#define PYRO_HAS_HISTORY 1
#endif

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QTreeView>

namespace Pyro::Ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), m_session(new Session(this))
{
    setWindowIcon(QIcon(QStringLiteral(":/icons/pyro-explorer-256.png")));
    buildUi();
    buildMenus();
    resize(1200, 800);
    restoreLayout();
}

MainWindow::~MainWindow()
{
    // The children go after this body: the session's proxies then end their pending calls,
    // whose handlers must no longer reach this half-destroyed window (its status bar).
    for (QObject *child : { static_cast<QObject *>(m_inspector), static_cast<QObject *>(m_browser), static_cast<QObject *>(m_invokePanel) })
        if (child)
            disconnect(child, nullptr, this, nullptr);
    disconnect(m_inspector->methodList()->model(), nullptr, this, nullptr);
}

void MainWindow::buildUi()
{
    m_browser = new BrowserWidget(m_session, this);
    // The empty state: what was tried and why it failed, and the ways on from there.
    m_emptyPage = new QWidget(this);
    m_emptyState = new QLabel(m_emptyPage);
    m_emptyState->setWordWrap(true);
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setMargin(12);
    m_emptyState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retryButton = new QPushButton(tr("&Retry"), m_emptyPage);
    auto *connectButton = new QPushButton(tr("Connect…"), m_emptyPage);
    auto *demoButton = new QPushButton(tr("Start demo"), m_emptyPage);
    demoButton->setToolTip(tr("Serve the demo objects and a name server from this process"));
    connect(m_retryButton, &QPushButton::clicked, this, [this] {
        if (m_retry)
            m_retry();
    });
    connect(connectButton, &QPushButton::clicked, this, &MainWindow::askNameServer);
    connect(demoButton, &QPushButton::clicked, this, &MainWindow::startDemo);
    auto *emptyLayout = new QVBoxLayout(m_emptyPage);
    emptyLayout->addStretch();
    emptyLayout->addWidget(m_emptyState);
    for (QPushButton *b : { m_retryButton, connectButton, demoButton })
        emptyLayout->addWidget(b, 0, Qt::AlignHCenter);
    emptyLayout->addStretch();
    m_leftStack = new QStackedWidget(this);
    m_leftStack->addWidget(m_browser);
    m_leftStack->addWidget(m_emptyPage);

    m_inspector = new ObjectInspector(m_session, this);
#ifdef PYRO_HAS_INVOKEPANEL
    auto *panel = new InvokePanel(m_session, this);
    m_invokePanel = panel;
    connect(m_inspector, &ObjectInspector::methodSelected, panel,
            [panel](const PyroUri &uri, const QString &method) { panel->setTarget(uri, method); });
    connect(m_inspector, &ObjectInspector::methodActivated, panel, &InvokePanel::activateMethod);
    connect(panel, &InvokePanel::replayTargetChanged, this, &MainWindow::showReplayTarget);
    connect(panel, &InvokePanel::callCompleted, m_inspector,
            [this](const Invocation &inv, const Error &e) { m_inspector->noteCallOutcome(inv.uri, e); });
    // URIs and proxies in a result are links: open in the inspector, or open to call a method.
    const auto openLink = [this](const QString &text) {
        const Result<PyroUri> uri = PyroUri::parse(text);
        if (!uri)
            return reportBadInput(tr("Open URI"), uri.error());
        openObject(QString(), m_session->resolveTarget(uri.value()));
    };
    connect(panel->resultView(), &ResultView::openRequested, this, openLink);
    connect(panel->resultView(), &ResultView::callRequested, this, [this, openLink](const QString &text) {
        openLink(text);
        m_inspector->methodList()->setFocus(Qt::OtherFocusReason);
    });
    // After Reconnect the form's method list is filled again too.
    connect(m_inspector, &ObjectInspector::reloaded, panel, [panel](const PyroUri &uri) {
        if (panel->targetUri() == uri || !panel->targetUri().isValid())
            panel->setTargetObject(uri);
    });
#else
    m_invokePanel = new QLabel(tr("Select a method to call it."), this);
#endif
    // Three panes side by side, so that the call area has the full height for its result:
    // the name server (can shrink to a name column), the inspector (compact, collapsible),
    // the call line and its result. No scroll areas: nothing here needs more than it gets.
    m_browser->setMinimumWidth(120);
    m_inspector->setMinimumWidth(150);
    m_invokePanel->setMinimumWidth(320);
    m_mainSplit = new QSplitter(Qt::Horizontal, this);
    m_mainSplit->setObjectName(QStringLiteral("mainSplit"));
    m_mainSplit->addWidget(m_leftStack);
    m_mainSplit->addWidget(m_inspector);
    m_mainSplit->addWidget(m_invokePanel);
    m_mainSplit->setCollapsible(2, false);
    m_mainSplit->setStretchFactor(0, 0);
    m_mainSplit->setStretchFactor(1, 0);
    m_mainSplit->setStretchFactor(2, 1);
    setCentralWidget(m_mainSplit);

#ifdef PYRO_HAS_WORKBENCH
    m_workbench = new CallbackWorkbench(m_session, this);
#else
    m_workbench = new QLabel(tr("Callback workbench"), this);
#endif
#ifdef PYRO_HAS_HISTORY
    m_history = new HistoryView(m_session, this);
#else
    m_history = new QLabel(tr("History"), this);
#endif
    // The docks are secondary and share one tabbed strip at the bottom. Their contents sit in
    // scroll areas: the workbench's form alone wants ~400 px, and a dock never shrinks below
    // its widget's minimum, which left the central area with half the window.
    const auto scrolled = [](QWidget *content) {
        auto *scroll = new QScrollArea;
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(content);
        return scroll;
    };
    const auto makeDock = [this, scrolled](const QString &title, const QString &objectName, QWidget *content) {
        auto *dock = new QDockWidget(title, this);
        dock->setObjectName(objectName);
        dock->setWidget(scrolled(content));
        return dock;
    };
    m_historyDock = makeDock(tr("History"), QStringLiteral("historyDock"), m_history);
    m_callbackDock = makeDock(tr("Callback workbench"), QStringLiteral("callbackDock"), m_workbench);
    m_watches = new WatchDock(m_session, this);
    m_watchDock = makeDock(tr("Watches"), QStringLiteral("watchDock"), m_watches);
    addDockWidget(Qt::BottomDockWidgetArea, m_historyDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_callbackDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_watchDock);
    tabifyDockWidget(m_historyDock, m_callbackDock);
    tabifyDockWidget(m_callbackDock, m_watchDock);
    m_historyDock->raise();
    // Watch (inspector, history): by name when the object came from the name server, so a
    // watch outlives a daemon restart on another port.
    connect(m_inspector, &ObjectInspector::watchRequested, this, [this](const PyroUri &uri, const QString &member, bool method) {
        QString target = uri.toString();
        if (!m_objectName.isEmpty() && uri == m_inspector->object())
            target = QStringLiteral("PYRONAME:") + m_objectName;
        else if (uri.protocol() == PyroUri::Protocol::PyroName && uri.location() == m_session->nameServer())
            target = QStringLiteral("PYRONAME:") + uri.object(); // through whatever name server the session shows
        showWatch(target, member, method);
    });
#ifdef PYRO_HAS_HISTORY
    auto *watchCall = new QAction(tr("Watch"), this);
    watchCall->setToolTip(tr("Call this method again and again in the Watches dock (calls without arguments)"));
    connect(watchCall, &QAction::triggered, this, [this] {
        const Invocation inv = static_cast<HistoryView *>(m_history)->currentInvocation();
        if (!inv.isValid())
            return;
        if (!inv.args.isEmpty() || !inv.kwargs.isEmpty() || inv.oneway) {
            statusBar()->showMessage(tr("Only calls without arguments can be watched"), 10000);
            return;
        }
        showWatch(inv.uri, inv.method, true);
    });
    static_cast<HistoryView *>(m_history)->view()->addAction(watchCall);
#endif

    m_statusState = new QLabel(tr("Not connected"), this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(120);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_statusState);

    // The flat table has five columns: it gets up to half the window while it is shown, and the
    // tree its narrow pane back afterwards.
    connect(m_browser, &BrowserWidget::treeModeChanged, this, [this](bool tree) {
        QList<int> sizes = m_mainSplit->sizes();
        if (sizes.size() < 3 || sizes[0] == 0)
            return;
        const int target = tree ? m_treeModeWidth : qMax(sizes[0], width() / 2);
        if (!tree)
            m_treeModeWidth = sizes[0];
        if (target <= 0 || target == sizes[0])
            return;
        sizes[2] = qMax(0, sizes[2] + sizes[0] - target);
        sizes[0] = target;
        m_mainSplit->setSizes(sizes);
    });
    connect(m_browser, &BrowserWidget::objectActivated, this, &MainWindow::openObject);
    connect(m_browser, &BrowserWidget::currentObjectChanged, this, &MainWindow::openObject);
    connect(m_browser, &BrowserWidget::refreshed, this, [this](const Error &e) {
        setBusy(false);
        if (e && m_browser->model()->rowCount() == 0) {
            // Nothing listed, nothing to show: say what was tried, offer Retry / Connect / demo.
            showEmptyState(tr("<h3>No name server at %1</h3><p>%2</p><p>Retry, connect to another one "
                              "(File › Connect to name server…, Ctrl+O), or start the demo.</p>")
                                   .arg(m_session->nameServer().toHtmlEscaped(), ErrorText::describe(e).toHtmlEscaped()));
            statusBar()->showMessage(ErrorText::describe(e), 10000);
            return;
        }
        if (e)
            statusBar()->showMessage(ErrorText::describe(e), 10000);
        // The protocol the listing's handshake spoke (remembered per endpoint by the client).
        const std::optional<ProtocolVersion> protocol = ProtocolMemory::recall(m_session->nameServer());
        if (e)
            m_statusState->setText(tr("Name server %1: %2").arg(m_session->nameServer(), ErrorText::layer(e)));
        else if (protocol)
            m_statusState->setText(tr("Connected to %1 (%2)").arg(m_session->nameServer(), ProtocolInfo::name(*protocol)));
        else
            m_statusState->setText(tr("Name server %1").arg(m_session->nameServer()));
    });
    connect(m_inspector, &ObjectInspector::statusMessage, this, [this](const QString &t) { statusBar()->showMessage(t, 10000); });
    // Queued: a QListWidgetItem is inserted before its data (the method name) is set.
    connect(m_inspector->methodList()->model(), &QAbstractItemModel::rowsInserted, this, &MainWindow::selectPendingMethod,
            Qt::QueuedConnection);

    m_copyDeepLink = new QAction(tr("Copy &deep link"), this);
    m_copyDeepLink->setToolTip(tr("Copy a pyroexplorer:// link that opens this object (and the selected method)"));
    connect(m_copyDeepLink, &QAction::triggered, this, [this] {
        const QString link = currentDeepLink();
        if (link.isEmpty())
            return;
        QApplication::clipboard()->setText(link);
        statusBar()->showMessage(tr("Copied %1").arg(link), 5000);
    });
    m_inspector->methodList()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_inspector->methodList()->addAction(m_copyDeepLink);
    // In the browser: the selected registration (by name, through its name server), or the name server itself.
    auto *browserLink = new QAction(tr("Copy deep link"), this);
    connect(browserLink, &QAction::triggered, this, [this] {
        const QString link = browserDeepLink();
        if (!link.isEmpty())
            QApplication::clipboard()->setText(link);
    });
    m_browser->treeView()->addAction(browserLink);
    m_browser->tableView()->addAction(browserLink);

    // Keyboard path: browser -> methods -> arguments -> Call -> results (the panel orders its own).
    setTabOrder(m_browser->treeView(), m_browser->tableView());
    setTabOrder(m_browser->tableView(), m_inspector->methodList());
#ifdef PYRO_HAS_INVOKEPANEL
    panel->chainTabOrder(m_inspector->methodList());
#endif
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Connect to &name server…"), QKeySequence(Qt::CTRL | Qt::Key_O), this, &MainWindow::askNameServer);
    file->addAction(tr("Open &URI…"), QKeySequence(Qt::CTRL | Qt::Key_U), this, &MainWindow::askUri);
    file->addAction(m_copyDeepLink);
    file->addAction(tr("&Locate name server"), this, &MainWindow::locateNameServer);
    m_recentMenu = file->addMenu(tr("&Recent name servers"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
    file->addSeparator();
    file->addAction(tr("&Settings…"), QKeySequence::Preferences, this, &MainWindow::editSettings);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);

    QMenu *ns = menuBar()->addMenu(tr("&Name server"));
    auto *find = ns->addAction(tr("&Find…"), QKeySequence::Find, m_browser, &BrowserWidget::focusFilter);
    find->setShortcutContext(Qt::WindowShortcut);
    ns->addActions(m_browser->actions());

#ifdef PYRO_HAS_INVOKEPANEL
    // The call and stream actions work from anywhere in the window, not only inside the panel.
    auto *panel = static_cast<InvokePanel *>(m_invokePanel);
    QMenu *call = menuBar()->addMenu(tr("&Call"));
    const QList<QAction *> streamActions = panel->streamConsole()->actions();
    for (QAction *a : panel->actions()) {
        a->setShortcutContext(Qt::WindowShortcut);
        addAction(a);
        if (!streamActions.contains(a))
            call->addAction(a);
    }
    QMenu *stream = menuBar()->addMenu(tr("&Stream"));
    stream->addActions(streamActions);
#endif
    QMenu *view = menuBar()->addMenu(tr("&View"));
    const auto paneToggle = [this, view](const QString &text, QWidget *pane, const QKeySequence &key) {
        QAction *a = view->addAction(text);
        a->setCheckable(true);
        a->setChecked(true);
        a->setShortcut(key);
        connect(a, &QAction::toggled, pane, &QWidget::setVisible);
        return a;
    };
    m_browserToggle = paneToggle(tr("Name server &browser"), m_leftStack, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    m_inspectorToggle = paneToggle(tr("&Inspector"), m_inspector, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    connect(m_mainSplit, &QSplitter::splitterMoved, this, [this] {
        // A pane dragged shut is hidden as far as the menu is concerned, too.
        const QList<int> sizes = m_mainSplit->sizes();
        m_browserToggle->setChecked(sizes.value(0) > 0);
        m_inspectorToggle->setChecked(sizes.value(1) > 0);
    });
    view->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Pyro Explorer"), this, &MainWindow::about);
}

void MainWindow::start(const StartOptions &options)
{
    if (options.demo) {
        if (!startDemo())
            return;
    } else if (!options.nameServer.isEmpty()) {
        connectToNameServer(options.nameServer);
    } else if (options.uri.isEmpty()) {
        locateNameServer();
    }
    if (!options.uri.isEmpty())
        openUri(options.uri);
}

bool MainWindow::startDemo()
{
    if (!m_demo) {
        // The demo listens where it listened last time when that port is still free, so that
        // what the explorer keeps per name server (profile, watches) and the PYRO: URIs in
        // history and drafts still lead to it after a restart; any free port otherwise.
        QSettings settings;
        const quint16 lastPort = quint16(settings.value(QStringLiteral("demo/port"), 0).toUInt());
        m_demo = new EmbeddedDemo(this);
        Error e = m_demo->start(QStringLiteral("127.0.0.1"), lastPort);
        if (e && lastPort != 0) {
            delete m_demo;
            m_demo = new EmbeddedDemo(this);
            e = m_demo->start(QStringLiteral("127.0.0.1"), 0);
        }
        if (!e)
            settings.setValue(QStringLiteral("demo/port"), m_demo->nameServerUri().port());
        if (e) {
            m_retry = nullptr;
            showEmptyState(tr("The embedded demo could not start: %1").arg(ErrorText::describe(e)));
            delete m_demo;
            m_demo = nullptr;
            return false;
        }
    }
    showNameServer(m_demo->nameServerUri());
    statusBar()->showMessage(tr("Demo objects are served by this process at %1").arg(m_demo->nameServerUri().location()), 10000);
    return true;
}

void MainWindow::locateNameServer()
{
    m_retry = [this] { locateNameServer(); };
    setBusy(true, tr("Looking for a name server…"));
    const LocateOptions opts = LocateOptions::fromEnvironment();
    PendingResolve *op = NameServerLocator::locate(opts, m_session->settings(), this);
    connect(op, &PendingResolve::finished, this, [this, op, opts] {
        op->deleteLater();
        setBusy(false);
        if (op->error()) {
            QStringList tried;
            if (!qEnvironmentVariableIsEmpty("PYRO_NS_HOST"))
                tried << tr("PYRO_NS_HOST=%1").arg(qEnvironmentVariable("PYRO_NS_HOST"));
            tried << tr("UDP broadcast to port %1 (%2)").arg(opts.bcPort).arg(opts.broadcastAddresses.join(QStringLiteral(", ")));
            tried << tr("%1:%2").arg(opts.nsHost).arg(opts.nsPort);
            showEmptyState(tr("<h3>No name server found</h3><p>Tried: %1.</p>"
                              "<p>%2</p><p>Use <b>File › Connect to name server…</b> (Ctrl+O), open an object URI "
                              "(Ctrl+U), or start <tt>pyro-explorer --demo</tt>.</p>")
                                   .arg(tried.join(QStringLiteral("; ")).toHtmlEscaped(),
                                        ErrorText::describe(op->error()).toHtmlEscaped()));
            return;
        }
        showNameServer(op->uri());
    });
}

void MainWindow::connectToNameServer(const QString &hostPort)
{
    QString host = hostPort;
    int port = 9090;
    const int colon = hostPort.lastIndexOf(QLatin1Char(':'));
    if (colon > 0 && !hostPort.endsWith(QLatin1Char(']'))) {
        bool ok = false;
        port = hostPort.mid(colon + 1).toInt(&ok);
        if (!ok) {
            showEmptyState(tr("Not a name server address: %1 (expected HOST[:PORT])").arg(hostPort));
            return;
        }
        host = hostPort.left(colon);
    }
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    m_retry = [this, hostPort] { connectToNameServer(hostPort); };
    showNameServer(NameServerClient::nameServerUri(host, port));
}

void MainWindow::showNameServer(const PyroUri &nsUri)
{
    m_session->setNameServer(nsUri.location());
    m_leftStack->setCurrentWidget(m_browser);
    setBusy(true, tr("Listing %1…").arg(nsUri.location()));
    m_browser->setNameServer(nsUri);
    // The application's display name is added by the platform: the title says only where.
    setWindowTitle(nsUri.location());
}

void MainWindow::showEmptyState(const QString &text)
{
    m_emptyState->setText(text);
    m_retryButton->setVisible(bool(m_retry));
    m_leftStack->setCurrentWidget(m_emptyPage);
    m_statusState->setText(tr("Not connected"));
}

QString MainWindow::emptyStateText() const
{
    return m_leftStack->currentWidget() == m_emptyPage ? m_emptyState->text() : QString();
}

void MainWindow::reportBadInput(const QString &title, const Error &error)
{
    statusBar()->showMessage(ErrorText::describe(error), 10000);
    // Not modal: this also runs at start-up for a URI given on the command line.
    auto *box = new QMessageBox(QMessageBox::Warning, title, ErrorText::describe(error), QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::openUri(const QString &text)
{
    if (DeepLink::hasScheme(text)) {
        openDeepLink(text);
        return;
    }
    const auto uri = PyroUri::parse(text.trimmed());
    if (!uri) {
        reportBadInput(tr("Open URI"), uri.error());
        return;
    }
    openObject(QString(), m_session->resolveTarget(uri.value()));
}

void MainWindow::openDeepLink(const QString &text)
{
    const Result<DeepLink> link = DeepLink::parse(text);
    if (!link) {
        reportBadInput(tr("Open link"), link.error());
        return;
    }
    switch (link.value().kind()) {
    case DeepLink::Kind::NameServer:
        connectToNameServer(link.value().location());
        break;
    case DeepLink::Kind::Object:
        openObject(QString(), m_session->resolveTarget(link.value().uri()));
        if (!link.value().method().isEmpty())
            selectMethod(link.value().method());
        break;
    case DeepLink::Kind::Invalid:
        break;
    }
}

void MainWindow::selectMethod(const QString &method)
{
    m_pendingMethod = method;
#ifdef PYRO_HAS_INVOKEPANEL
    static_cast<InvokePanel *>(m_invokePanel)->setTarget(m_inspector->object(), method);
#endif
    selectPendingMethod();
}

void MainWindow::selectPendingMethod()
{
    if (m_pendingMethod.isEmpty())
        return;
    QListWidget *list = m_inspector->methodList();
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->data(Qt::UserRole).toString() == m_pendingMethod) {
            list->setCurrentRow(i);
            list->scrollToItem(list->item(i));
            m_pendingMethod.clear();
            return;
        }
    }
}

QString MainWindow::currentDeepLink() const
{
    const PyroUri uri = m_inspector->object();
    if (!uri.isValid())
        return QString();
    PyroUri target = uri;
    if (!m_objectName.isEmpty() && m_browser->nameServer().isValid()) {
        const auto byName = PyroUri::parse(QStringLiteral("PYRONAME:%1@%2").arg(m_objectName, m_browser->nameServer().location()));
        if (byName)
            target = byName.value();
    }
    // Only a method the user selected: the form always shows one (the first) once it is filled.
    QString method;
    if (const QListWidgetItem *item = m_inspector->methodList()->currentItem())
        method = item->data(Qt::UserRole).toString();
    return DeepLink::object(target, method).toString();
}

QString MainWindow::browserDeepLink() const
{
    const PyroUri ns = m_browser->nameServer();
    if (!ns.isValid())
        return QString();
    const QString name = m_browser->currentName();
    if (name.isEmpty())
        return DeepLink::nameServer(ns.host(), ns.port()).toString();
    const auto uri = PyroUri::parse(QStringLiteral("PYRONAME:%1@%2").arg(name, ns.location()));
    return uri ? DeepLink::object(uri.value()).toString() : QString();
}

QString MainWindow::geometryKey()
{
    return QStringLiteral("mainwindow/geometry");
}

QString MainWindow::stateKey()
{
    return QStringLiteral("mainwindow/state");
}

// Bump when the docks change so that an old saved layout is ignored rather than misapplied.
static constexpr int LayoutVersion = 2;

QString MainWindow::splitKey()
{
    return QStringLiteral("mainwindow/panes");
}

void MainWindow::restoreLayout()
{
    // The geometry now, so that the window shows at its size; the docks in the first
    // showEvent(), when the layout has that size: restored earlier, the dock sizes are
    // rescaled from the constructor's default size.
    const QSettings settings;
    if (settings.contains(geometryKey()))
        restoreGeometry(settings.value(geometryKey()).toByteArray());
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(geometryKey(), saveGeometry());
    settings.setValue(stateKey(), saveState(LayoutVersion));
    settings.setValue(splitKey(), m_mainSplit->saveState());
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_shownOnce)
        return;
    m_shownOnce = true;
    const QSettings settings;
    if (!settings.contains(splitKey()) || !m_mainSplit->restoreState(settings.value(splitKey()).toByteArray())) {
        // First run: the browser and the inspector get what their content needs at most,
        // the call area (and its result) the rest.
        const int w = width();
        const int left = qBound(200, w * 20 / 100, 320);
        const int inspector = qBound(170, w * 17 / 100, 270);
        m_mainSplit->setSizes({ left, inspector, qMax(320, w - left - inspector) });
    }
    m_browserToggle->setChecked(m_mainSplit->sizes().value(0) > 0 && m_leftStack->isVisibleTo(this));
    m_inspectorToggle->setChecked(m_mainSplit->sizes().value(1) > 0 && m_inspector->isVisibleTo(this));
    if (settings.contains(stateKey()) && restoreState(settings.value(stateKey()).toByteArray(), LayoutVersion))
        return;
    // First run: the bottom strip gets two sevenths of the height (at least ~9 lines: its
    // search row, header and four entries), the central area the rest. Here the layout has its
    // geometry, which resizeDocks() needs.
    const int lines = fontMetrics().lineSpacing() * 9;
    resizeDocks({ m_historyDock }, { qMax(lines, height() * 2 / 7) }, Qt::Vertical);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::showWatch(const QString &uri, const QString &member, bool method)
{
    m_watches->addWatch(uri, member, method ? Watch::Kind::Method : Watch::Kind::Attribute);
    m_watchDock->show();
    m_watchDock->raise();
}

void MainWindow::openObject(const QString &name, const PyroUri &uri)
{
    m_pendingMethod.clear();
    if (m_inspector->object() == uri)
        return;
    m_objectName = name;
    m_inspector->setObject(uri, name);
#ifdef PYRO_HAS_INVOKEPANEL
    static_cast<InvokePanel *>(m_invokePanel)->setTargetObject(uri);
#endif
}

void MainWindow::showReplayTarget(const Invocation &invocation)
{
#ifdef PYRO_HAS_INVOKEPANEL
    const Result<PyroUri> parsed = PyroUri::parse(invocation.uri);
    if (!parsed)
        return;
    const PyroUri uri = m_session->resolveTarget(parsed.value());
    // The browser selects the registration (by name, or the one with this URI): that opens it
    // in the inspector; otherwise the inspector opens the URI itself.
    QString name = uri.protocol() == PyroUri::Protocol::PyroName ? uri.object() : QString();
    if (name.isEmpty()) {
        NameServerModel *model = m_browser->model();
        for (int r = 0; r < model->rowCount() && name.isEmpty(); ++r)
            if (model->entryAt(r).uri == uri)
                name = model->entryAt(r).name;
    }
    if (name.isEmpty() || !m_browser->selectName(name))
        openObject(QString(), uri);
    m_pendingMethod = invocation.method;
    selectPendingMethod();
#else
    Q_UNUSED(invocation);
#endif
}

void MainWindow::setBusy(bool busy, const QString &text)
{
    m_progress->setVisible(busy);
    if (!text.isEmpty()) {
        statusBar()->showMessage(text, busy ? 0 : 5000);
        if (busy)
            m_busyText = text;
    } else if (!busy && !m_busyText.isEmpty() && statusBar()->currentMessage() == m_busyText) {
        // "Listing…" and the like end with the wait, whatever comes after.
        statusBar()->clearMessage();
    }
    if (!busy)
        m_busyText.clear();
}

void MainWindow::editSettings()
{
    SettingsDialog dialog(m_session->nameServer(), m_session->settings(), this);
    if (dialog.exec() == QDialog::Accepted)
        m_session->setSettings(dialog.settings());
}

void MainWindow::askNameServer()
{
    bool ok = false;
    const QStringList recent = m_session->recentNameServers();
    const QString hp = QInputDialog::getItem(this, tr("Connect to name server"), tr("Name server (HOST[:PORT]):"),
                                             recent.isEmpty() ? QStringList { QStringLiteral("localhost:9090") } : recent,
                                             0, true, &ok);
    if (ok && !hp.isEmpty())
        connectToNameServer(hp);
}

void MainWindow::askUri()
{
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Open URI"), tr("PYRO:, PYRONAME: or PYROMETA: URI, or a pyroexplorer:// link:"),
                                               QLineEdit::Normal, QStringLiteral("PYRO:"), &ok);
    if (ok)
        openUri(text);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    for (const QString &hp : m_session->recentNameServers())
        m_recentMenu->addAction(hp, this, [this, hp] { connectToNameServer(hp); });
    if (m_recentMenu->isEmpty())
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
}

QString MainWindow::aboutText()
{
    return tr("<h3>Pyro Explorer %1</h3><p>Browse Pyro4 and Pyro5 name servers, inspect remote objects, call "
              "their methods, watch streams and test callbacks.</p><p>Speaks Pyro4 protocol 48 (Pyro4 4.82) and "
              "Pyro5 protocol 502 (Pyro5 5.16), detected per name server and object.</p>")
            .arg(QStringLiteral(PYRO_VERSION));
}

QString MainWindow::connectionText() const
{
    return m_statusState->text();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Pyro Explorer"), aboutText());
}

} // namespace Pyro::Ui
