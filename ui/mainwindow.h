#pragma once

#include "naming/pyrouri.h"
#include "support/error.h"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QProgressBar;
class QSplitter;
class QStackedWidget;
class QMenu;

namespace Pyro::Ui {

class BrowserWidget;
class EmbeddedDemo;
class ObjectInspector;
class Session;

//! How the explorer starts (pyro-explorer's command line).
struct StartOptions
{
    bool demo = false; //!< --demo: embedded name server and demo objects
    QString nameServer; //!< --ns HOST[:PORT]
    QString uri; //!< a PYRO:/PYRONAME:/PYROMETA: URI to open directly
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

public slots:
    void connectToNameServer(const QString &hostPort);
    void openUri(const QString &uri);
    void locateNameServer();

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

    Session *m_session;
    EmbeddedDemo *m_demo = nullptr;
    BrowserWidget *m_browser;
    ObjectInspector *m_inspector;
    QWidget *m_invokePanel = nullptr;
    QWidget *m_workbench = nullptr;
    QWidget *m_history = nullptr;
    QStackedWidget *m_leftStack;
    QLabel *m_emptyState;
    QLabel *m_statusState;
    QProgressBar *m_progress;
    QMenu *m_recentMenu = nullptr;
};

} // namespace Pyro::Ui
