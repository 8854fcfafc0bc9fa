#pragma once

#include "protocol/pyrouri.h"
#include "support/error.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>

class QAction;
class QDockWidget;
class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QMenu;

namespace Pyro::Ui {

class BrowserWidget;
class EmbeddedDemo;
class ObjectInspector;
class Session;
class WatchDock;
struct Invocation;

//! How the explorer starts (pyro-explorer's command line).
struct StartOptions
{
    bool demo = false; //!< --demo: embedded name server and demo objects
    QString nameServer; //!< --ns HOST[:PORT]
    QString uri; //!< a PYRO:/PYRONAME:/PYROMETA: URI or a pyroexplorer:// deep link to open directly
};

/*!
    The explorer's main window: the name-server browser on the left, the object inspector
    and the invocation panel in the middle, the callback workbench and the history in docks,
    a status bar with the connection state and a progress indicator for anything that waits.
*/
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    //! Starts as the options say; everything that waits runs asynchronously.
    void start(const StartOptions &options);

    Session *session() const { return m_session; }
    //! The embedded demo after start() with --demo, else nullptr.
    EmbeddedDemo *demo() const { return m_demo; }
    BrowserWidget *browser() const { return m_browser; }
    ObjectInspector *inspector() const { return m_inspector; }
    QWidget *invokePanel() const { return m_invokePanel; }
    QWidget *callbackWorkbench() const { return m_workbench; }
    QWidget *historyView() const { return m_history; }
    //! The text of the empty state ("no name server found: tried …"), empty when hidden.
    QString emptyStateText() const;
    /*!
        The pyroexplorer:// link to what the inspector shows (and the method selected in the
        inspector); a PYRONAME: link when the object came from the name server,
        so that it outlives a daemon restart. Empty when no object is open.
    */
    QString currentDeepLink() const;
    //! "Copy deep link" (File menu, inspector's method list): copies currentDeepLink().
    QAction *copyDeepLinkAction() const { return m_copyDeepLink; }
    QDockWidget *historyDock() const { return m_historyDock; }
    QDockWidget *callbackDock() const { return m_callbackDock; }
    QDockWidget *watchDock() const { return m_watchDock; }
    WatchDock *watches() const { return m_watches; }

    //! QSettings keys of the saved window geometry and dock layout.
    static QString geometryKey();
    static QString stateKey();
    //! QSettings key of the sizes of the three panes (browser, inspector, call area).
    static QString splitKey();
    QSplitter *paneSplitter() const { return m_mainSplit; }
    //! The status bar's connection line ("Connected to 127.0.0.1:9090 (Pyro5)", "Not connected", ...).
    QString connectionText() const;
    //! The Help › About text (rich text): version, and both protocols spoken.
    static QString aboutText();

public slots:
    void connectToNameServer(const QString &hostPort);
    //! Opens a PYRO:/PYRONAME:/PYROMETA: URI, or a pyroexplorer:// deep link.
    void openUri(const QString &uri);
    //! Opens a pyroexplorer:// link (see DeepLink); a bad link is reported, not opened.
    void openDeepLink(const QString &link);
    void locateNameServer();
    //! Starts the embedded demo (once) and shows its name server; false when it cannot start.
    bool startDemo();

protected:
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void buildUi();
    void buildMenus();
    void showNameServer(const PyroUri &nsUri);
    void showEmptyState(const QString &text);
    void openObject(const QString &name, const PyroUri &uri);
    void setBusy(bool busy, const QString &text = QString());
    void editSettings();
    void askNameServer();
    void askUri();
    void updateRecentMenu();
    void about();
    void reportBadInput(const QString &title, const Error &error);
    //! Selects \a method in the inspector (now or once the metadata arrives) and the form.
    void selectMethod(const QString &method);
    void selectPendingMethod();
    //! Adds (or finds) the watch of \a member and shows it in the Watches dock.
    void showWatch(const QString &uri, const QString &member, bool method);
    //! A replayed or pasted call: its object is selected in the browser and the inspector too.
    void showReplayTarget(const Invocation &invocation);
    QString browserDeepLink() const;
    void restoreLayout();
    void saveLayout();

    Session *m_session;
    EmbeddedDemo *m_demo = nullptr;
    BrowserWidget *m_browser;
    ObjectInspector *m_inspector;
    QWidget *m_invokePanel = nullptr;
    QWidget *m_workbench = nullptr;
    QWidget *m_history = nullptr;
    QStackedWidget *m_leftStack;
    int m_treeModeWidth = 0; //!< the browser pane's width before the flat table widened it
    QSplitter *m_mainSplit = nullptr;
    QAction *m_browserToggle = nullptr;
    QAction *m_inspectorToggle = nullptr;
    QWidget *m_emptyPage;
    QLabel *m_emptyState;
    QPushButton *m_retryButton;
    std::function<void()> m_retry; //!< what Retry in the empty state does again
    QLabel *m_statusState;
    QProgressBar *m_progress;
    QMenu *m_recentMenu = nullptr;
    QDockWidget *m_historyDock = nullptr;
    QDockWidget *m_callbackDock = nullptr;
    QDockWidget *m_watchDock = nullptr;
    WatchDock *m_watches = nullptr;
    QAction *m_copyDeepLink = nullptr;
    QString m_objectName; //!< name-server name of the open object, if it came from there
    QString m_busyText; //!< the status message shown while waiting, cleared when the wait ends
    QString m_pendingMethod; //!< from a deep link, selected once the inspector lists it
    bool m_shownOnce = false;
};

} // namespace Pyro::Ui
