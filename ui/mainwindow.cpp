#include "mainwindow.h"

#include "browser/browserwidget.h"
#include "client/pendingcall.h"
#include "common/deeplink.h"
#include "common/embeddeddemo.h"
#include "common/errortext.h"
#include "common/session.h"
#include "inspector/objectinspector.h"
#include "naming/nameserverclient.h"
#include "naming/nameserverlocator.h"
#include "naming/resolve.h"
#include "settings/settingsdialog.h"

#if __has_include("invoke/invokepanel.h")
#include "invoke/invokepanel.h"
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
    setWindowTitle(tr("Pyro Explorer"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/pyro-explorer-256.png")));
    buildUi();
    buildMenus();
    resize(1200, 800);
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildUi()
{
    m_browser = new BrowserWidget(m_session, this);
    m_emptyState = new QLabel(this);
    m_emptyState->setWordWrap(true);
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setMargin(24);
    m_emptyState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_leftStack = new QStackedWidget(this);
    m_leftStack->addWidget(m_browser);
    m_leftStack->addWidget(m_emptyState);

    m_inspector = new ObjectInspector(m_session, this);
#ifdef PYRO_HAS_INVOKEPANEL
    auto *panel = new InvokePanel(m_session, this);
    m_invokePanel = panel;
    connect(m_inspector, &ObjectInspector::methodActivated, panel,
            [panel](const PyroUri &uri, const QString &method) { panel->setTarget(uri, method); });
#else
    m_invokePanel = new QLabel(tr("Select a method to call it."), this);
#endif
    // Inspector and invoke panel scroll rather than impose their minimum heights (together
    // ~650 px) on the window, so it still fits a 768-pixel screen.
    const auto scrolled = [](QWidget *content) {
        auto *scroll = new QScrollArea;
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(content);
        return scroll;
    };
    auto *centerSplit = new QSplitter(Qt::Vertical, this);
    centerSplit->addWidget(scrolled(m_inspector));
    centerSplit->addWidget(scrolled(m_invokePanel));
    centerSplit->setStretchFactor(0, 2);
    centerSplit->setStretchFactor(1, 3);
    centerSplit->setSizes({ 300, 450 });

    auto *mainSplit = new QSplitter(Qt::Horizontal, this);
    mainSplit->addWidget(m_leftStack);
    mainSplit->addWidget(centerSplit);
    mainSplit->setStretchFactor(1, 2);
    mainSplit->setSizes({ 380, 820 });
    setCentralWidget(mainSplit);

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
    const auto makeDock = [this, scrolled](const QString &title, const QString &objectName, QWidget *content) {
        auto *dock = new QDockWidget(title, this);
        dock->setObjectName(objectName);
        dock->setWidget(scrolled(content));
        return dock;
    };
    m_historyDock = makeDock(tr("History"), QStringLiteral("historyDock"), m_history);
    m_callbackDock = makeDock(tr("Callback workbench"), QStringLiteral("callbackDock"), m_workbench);
    addDockWidget(Qt::BottomDockWidgetArea, m_historyDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_callbackDock);
    tabifyDockWidget(m_historyDock, m_callbackDock);
    m_historyDock->raise();

    m_statusState = new QLabel(tr("Not connected"), this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(120);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_statusState);

    connect(m_browser, &BrowserWidget::objectActivated, this, &MainWindow::openObject);
    connect(m_browser, &BrowserWidget::currentObjectChanged, this, &MainWindow::openObject);
    connect(m_browser, &BrowserWidget::refreshed, this, [this](const Error &e) {
        setBusy(false);
        if (e)
            statusBar()->showMessage(ErrorText::describe(e), 10000);
        m_statusState->setText(e ? tr("Name server %1: %2").arg(m_session->nameServer(), ErrorText::layer(e))
                                 : tr("Name server %1").arg(m_session->nameServer()));
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
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Connect to &name server…"), QKeySequence(Qt::CTRL | Qt::Key_O), this, &MainWindow::askNameServer);
    file->addAction(tr("Open &URI…"), QKeySequence(Qt::CTRL | Qt::Key_L), this, &MainWindow::askUri);
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
    QMenu *call = menuBar()->addMenu(tr("&Call"));
    call->addActions(static_cast<InvokePanel *>(m_invokePanel)->actions());
#endif
    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Pyro Explorer"), this, &MainWindow::about);
}

void MainWindow::start(const StartOptions &options)
{
    if (options.demo) {
        m_demo = new EmbeddedDemo(this);
        const Error e = m_demo->start();
        if (e) {
            showEmptyState(tr("The embedded demo could not start: %1").arg(ErrorText::describe(e)));
            return;
        }
        showNameServer(m_demo->nameServerUri());
        statusBar()->showMessage(tr("Demo objects are served by this process at %1").arg(m_demo->nameServerUri().location()), 10000);
    } else if (!options.nameServer.isEmpty()) {
        connectToNameServer(options.nameServer);
    } else if (options.uri.isEmpty()) {
        locateNameServer();
    }
    if (!options.uri.isEmpty())
        openUri(options.uri);
}

void MainWindow::locateNameServer()
{
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
                              "(Ctrl+L), or start <tt>pyro-explorer --demo</tt>.</p>")
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
    showNameServer(NameServerClient::nameServerUri(host, port));
}

void MainWindow::showNameServer(const PyroUri &nsUri)
{
    m_session->setNameServer(nsUri.location());
    m_leftStack->setCurrentWidget(m_browser);
    setBusy(true, tr("Listing %1…").arg(nsUri.location()));
    m_browser->setNameServer(nsUri);
    setWindowTitle(tr("Pyro Explorer — %1").arg(nsUri.location()));
}

void MainWindow::showEmptyState(const QString &text)
{
    m_emptyState->setText(text);
    m_leftStack->setCurrentWidget(m_emptyState);
    m_statusState->setText(tr("Not connected"));
}

QString MainWindow::emptyStateText() const
{
    return m_leftStack->currentWidget() == m_emptyState ? m_emptyState->text() : QString();
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
    openObject(QString(), uri.value());
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
        openObject(QString(), link.value().uri());
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
static constexpr int LayoutVersion = 1;

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
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_shownOnce)
        return;
    m_shownOnce = true;
    const QSettings settings;
    if (settings.contains(stateKey()) && restoreState(settings.value(stateKey()).toByteArray(), LayoutVersion))
        return;
    // First run: the bottom strip gets a fifth of the height (at least ~6 lines), the central
    // area the rest. Here the layout has its geometry, which resizeDocks() needs.
    const int lines = fontMetrics().lineSpacing() * 6;
    resizeDocks({ m_historyDock }, { qMax(lines, height() / 5) }, Qt::Vertical);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
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

void MainWindow::setBusy(bool busy, const QString &text)
{
    m_progress->setVisible(busy);
    if (!text.isEmpty())
        statusBar()->showMessage(text, busy ? 0 : 5000);
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

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Pyro Explorer"),
                       tr("<h3>Pyro Explorer %1</h3><p>Browse Pyro4 name servers, inspect remote objects, call "
                          "their methods, watch streams and test callbacks.</p><p>Speaks Pyro4 protocol 48 "
                          "(Pyro4 4.82).</p>").arg(QStringLiteral(PYRO_VERSION)));
}

} // namespace Pyro::Ui
