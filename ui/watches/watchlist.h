#pragma once

#include "watches/watch.h"

#include <QAbstractTableModel>
#include <QList>

namespace Pyro::Ui {

class Session;

/*!
    The watches of the current name server as a table (what, value, last change, interval,
    state), owning their Watch objects.

    Kept in QSettings per name server (group "watches/<host:port>", "watches/direct" without
    one): URI, member, kind, interval and paused, saved on every change. When the session
    switches name server, the watches of the old one stop and those of the new one are
    loaded and started. Lives in the GUI thread.
*/
class WatchList : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { WhatColumn, ValueColumn, ChangedColumn, IntervalColumn, StateColumn, ColumnCount };

    explicit WatchList(Session *session, QObject *parent = nullptr);
    ~WatchList() override;

    /*!
        Watches \a member of \a uri (polling at once), or returns the existing watch of it.
        \a intervalMs is clamped to Watch's range.
    */
    Watch *add(const QString &uri, const QString &member, Watch::Kind kind, int intervalMs = 1000);
    void remove(int row);
    Watch *watch(int row) const { return m_watches.value(row); }
    int rowOf(const Watch *watch) const { return int(m_watches.indexOf(const_cast<Watch *>(watch))); }
    QList<Watch *> watches() const { return m_watches; }

    //! The name server whose watches are shown ("" for none).
    QString nameServer() const { return m_nameServer; }
    //! Saves nothing, drops the current watches and loads those of \a hostPort.
    void load(const QString &hostPort);
    //! Writes the current watches to QSettings.
    void save() const;
    //! The QSettings group of \a hostPort's watches.
    static QString settingsGroup(const QString &hostPort);
    //! The probe interval while unreachable, for new and loaded watches (tests shorten it).
    void setReconnectInterval(int ms);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Watch *create(const QString &uri, const QString &member, Watch::Kind kind, int intervalMs, bool paused);
    void clearWatches();

    Session *m_session;
    QString m_nameServer;
    QList<Watch *> m_watches;
    int m_reconnectMs = Watch::DefaultReconnectMs;
    bool m_loading = false;
};

} // namespace Pyro::Ui
