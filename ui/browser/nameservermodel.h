#pragma once

#include "naming/nameserverclient.h"

#include <QAbstractTableModel>
#include <QHash>

namespace Pyro::Ui {

/*!
    The registrations of one name server as a flat table: Name, URI, Location, Tags,
    Reachability. setEntries() applies a new listing as a diff (rows inserted, removed and
    changed individually, never a reset), so a live refresh keeps the views' selection and
    scroll position. Reachability is filled in by a ReachabilityChecker.
    Lives in the GUI thread.
*/
class NameServerModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, UriColumn, LocationColumn, TagsColumn, ReachabilityColumn, ColumnCount };
    enum Role {
        NameRole = Qt::UserRole + 1,
        UriRole, // QString
        TagsRole, // QStringList
        ReachabilityRole, // int (Reachability)
    };
    enum class Reachability { Unknown, Checking, Reachable, Refused, Unreachable, Rejected };
    Q_ENUM(Reachability)

    explicit NameServerModel(QObject *parent = nullptr);

    //! Replaces the listing (sorted or not); emits fine-grained change signals.
    void setEntries(const QList<NameServerEntry> &entries);
    QList<NameServerEntry> entries() const { return m_entries; }
    const NameServerEntry &entryAt(int row) const { return m_entries.at(row); }
    int rowOf(const QString &name) const { return m_rowByName.value(name, -1); }

    void setReachability(const QString &name, Reachability r, const QString &detail = QString());
    //! Host of the name server; entries on loopback or 0.0.0.0 are flagged when it is remote.
    void setNameServerHost(const QString &host);
    //! A warning for entries whose address cannot work from here, or empty.
    QString addressWarning(const NameServerEntry &entry) const;
    static QString reachabilityText(Reachability r);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rebuildIndex();
    QList<NameServerEntry> m_entries; // sorted by name
    QHash<QString, int> m_rowByName;
    QHash<QString, std::pair<Reachability, QString>> m_reachability;
    QString m_nameServerHost;
};

} // namespace Pyro::Ui
