#include "mainwindow.h"

#include "browser/browserwidget.h"
#include "client/pendingcall.h"
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
#include <QDockWidget>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>

namespace Pyro::Ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), m_session(new Session(this))
{
    setWindowTitle(tr("Pyro Explorer"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/pyro-explorer-256.png")));
    buildUi();
    buildMenus();
    resize(1200, 800);
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
    auto *centerSplit = new QSplitter(Qt::Vertical, this);
    centerSplit->addWidget(m_inspector);
    centerSplit->addWidget(m_invokePanel);
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
    auto *workbenchDock = new QDockWidget(tr("Callback workbench"), this);
    workbenchDock->setObjectName(QStringLiteral("callbackDock"));
    workbenchDock->setWidget(m_workbench);
    auto *historyDock = new QDockWidget(tr("History"), this);
    historyDock->setObjectName(QStringLiteral("historyDock"));
    historyDock->setWidget(m_history);
    addDockWidget(Qt::BottomDockWidgetArea, historyDock);
    addDockWidget(Qt::BottomDockWidgetArea, workbenchDock);
    tabifyDockWidget(historyDock, workbenchDock);
    historyDock->raise();
    // The docks are secondary: keep them low so the inspector and the form get the room.
    // (after the first layout: before it, the dock's large size hint wins)
    QTimer::singleShot(0, this, [this, historyDock] { resizeDocks({ historyDock }, { 200 }, Qt::Vertical); });

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
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Connect to &name server…"), QKeySequence(Qt::CTRL | Qt::Key_O), this, &MainWindow::askNameServer);
    file->addAction(tr("Open &URI…"), QKeySequence(Qt::CTRL | Qt::Key_L), this, &MainWindow::askUri);
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

void MainWindow::openUri(const QString &text)
{
    const auto uri = PyroUri::parse(text.trimmed());
    if (!uri) {
        statusBar()->showMessage(ErrorText::describe(uri.error()), 10000);
        // Not modal: this also runs at start-up for a URI given on the command line.
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Open URI"), ErrorText::describe(uri.error()),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    openObject(QString(), uri.value());
}

void MainWindow::openObject(const QString &name, const PyroUri &uri)
{
    if (m_inspector->object() == uri)
        return;
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
    const QString text = QInputDialog::getText(this, tr("Open URI"), tr("PYRO:, PYRONAME: or PYROMETA: URI:"),
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
