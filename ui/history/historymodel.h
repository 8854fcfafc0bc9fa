#pragma once

#include "invoke/invocation.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace Pyro::Ui {

//! One finished call as the history keeps it.
struct HistoryEntry
{
    Invocation invocation;
    QDateTime time;
    bool ok = true;
    QString result; //!< repr of the result (cut at 10,000 characters), or the error text
    double milliseconds = -1;
};

/*!
    Every call made from the workbench: invocation, result or error, timing. Newest last.
    Persisted as JSON lines (one entry per line) in QStandardPaths::AppDataLocation
    "history.jsonl", bounded to maxEntries() (older entries are dropped and the file rewritten).

    Sharing: the InvokePanels and the HistoryView use the one instance(); replay goes through
    it too: HistoryView (or anyone) calls requestReplay(), and the InvokePanel connected to
    replayRequested() fills its form and calls again. Lives in the GUI thread.
*/
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, TargetColumn, MethodColumn, ArgumentsColumn, OutcomeColumn, DurationColumn, ColumnCount };
    static constexpr int DefaultMaxEntries = 1000;

    //! \a filePath empty: no persistence.
    explicit HistoryModel(const QString &filePath = QString(), QObject *parent = nullptr);

    //! The application's history (created on first use, stored in AppDataLocation).
    static HistoryModel *instance();
    //! The file instance() uses.
    static QString defaultFilePath();

    QString filePath() const { return m_filePath; }
    int maxEntries() const { return m_max; }
    void setMaxEntries(int max);

    void add(const HistoryEntry &entry);
    HistoryEntry entry(int row) const { return m_entries.value(row); }
    QList<HistoryEntry> entries() const { return m_entries; }
    void clear();
    //! Reads the file again (entries that do not parse are skipped).
    void reload();

    //! Emits replayRequested() for the entry in \a row.
    void requestReplay(int row);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QJsonObject entryToJson(const HistoryEntry &entry);
    static bool entryFromJson(const QJsonObject &object, HistoryEntry *entry);

signals:
    //! Connect an InvokePanel: fill the form with \a invocation and \a run it when true.
    void replayRequested(const Pyro::Ui::Invocation &invocation, bool run);

private:
    void rewriteFile();
    QString m_filePath;
    int m_max = DefaultMaxEntries;
    QList<HistoryEntry> m_entries;
};

} // namespace Pyro::Ui

Q_DECLARE_METATYPE(Pyro::Ui::Invocation)
