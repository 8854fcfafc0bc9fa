#pragma once

#include "naming/nameserverclient.h"

#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;
class QTableView;
class QTreeView;
class QAction;

namespace Pyro::Ui {

class NameFilterProxyModel;
class NameServerModel;
class NameTreeModel;
class ReachabilityChecker;
class Session;

/*!
    The name-server browser: the registrations as a tree of dotted names or as a flat table
    (URI, host:port, tags, reachability), a filter box (substring or regex, any level), tag
    filters (all / any), live refresh on an interval that keeps selection, expansion and
    scroll position, counts, and register / remove / edit-tags / copy actions.
    Everything talks to the name server asynchronously through NameServerClient.
*/
class BrowserWidget : public QWidget
{
    Q_OBJECT
public:
    explicit BrowserWidget(Session *session, QWidget *parent = nullptr);
    ~BrowserWidget() override;

    //! Shows the name server at \a nsUri (a PYRO: URI of Pyro.NameServer) and lists it.
    void setNameServer(const PyroUri &nsUri);
    PyroUri nameServer() const { return m_nsUri; }
    NameServerModel *model() const { return m_model; }
    NameFilterProxyModel *filterModel() const { return m_filter; }
    NameTreeModel *treeModel() const { return m_tree; }
    QTreeView *treeView() const { return m_treeView; }
    QTableView *tableView() const { return m_tableView; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    //! The selected registration's name (empty if none or an inner tree node).
    QString currentName() const;
    void setTreeMode(bool tree);
    //! Selects the registration \a name (expanding its parents); false when it is not listed.
    bool selectName(const QString &name);
    //! Names of the registrations shown in the view's viewport now (at most ~500).
    QStringList visibleNames() const;
    ReachabilityChecker *reachabilityChecker() const { return m_checker; }
    //! Lists up to this many names are all checked in the background; longer ones as they show.
    static constexpr int BackgroundLimit = 2000;
    //! Auto-refresh every \a seconds (0 = off).
    void setRefreshInterval(int seconds);
    QList<QAction *> actions() const { return m_actions; }

public slots:
    void refresh();
    void focusFilter();

signals:
    //! A registration was activated (double-click / Enter).
    void objectActivated(const QString &name, const Pyro::PyroUri &uri);
    //! The selection moved to another registration.
    void currentObjectChanged(const QString &name, const Pyro::PyroUri &uri);
    //! A refresh finished (ok) or failed (error set); for the status bar.
    void refreshed(const Pyro::Error &error);
    //! The view switched between the name tree and the flat table (which wants more width).
    void treeModeChanged(bool tree);

private:
    void buildUi();
    void applyFilter();
    void onListed(const QList<NameServerEntry> &entries);
    bool isFiltering() const;
    void rememberTreeState();
    void restoreTreeState();
    void emitCurrent();
    void copyName();
    void copyUri();
    void registerName();
    void removeSelected();
    void editTags();
    void updateCount();

    Session *m_session;
    PyroUri m_nsUri;
    QPointer<NameServerClient> m_ns;
    NameServerModel *m_model;
    NameFilterProxyModel *m_filter;
    NameTreeModel *m_tree;
    ReachabilityChecker *m_checker;
    QStackedWidget *m_stack;
    QTreeView *m_treeView;
    QTableView *m_tableView;
    QLineEdit *m_filterEdit;
    QCheckBox *m_regexBox;
    QLineEdit *m_tagsEdit;
    QComboBox *m_tagModeBox;
    QLabel *m_countLabel;
    QLabel *m_filterError;
    QSpinBox *m_intervalBox;
    QTimer m_refreshTimer;
    QTimer m_visibleTimer;
    bool m_refreshing = false;
    QList<QAction *> m_actions;
    // tree state kept across rebuilds
    QSet<QString> m_expanded;
    QString m_selectedPath;
    int m_scroll = 0;
};

} // namespace Pyro::Ui
