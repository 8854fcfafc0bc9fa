#include "history/historymodel.h"

#include "history/pythonscript.h"

#include <QColor>
#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

namespace Pyro::Ui {

namespace {
constexpr qsizetype MaxResultChars = 10000;
}

HistoryModel::HistoryModel(const QString &filePath, QObject *parent) : QAbstractTableModel(parent), m_filePath(filePath)
{
    reload();
}

HistoryModel *HistoryModel::instance()
{
    static QPointer<HistoryModel> model;
    if (!model)
        model = new HistoryModel(defaultFilePath(), QCoreApplication::instance());
    return model;
}

QString HistoryModel::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/history.jsonl");
}

void HistoryModel::setMaxEntries(int max)
{
    m_max = qMax(1, max);
    if (m_entries.size() > m_max) {
        beginResetModel();
        m_entries = m_entries.mid(m_entries.size() - m_max);
        endResetModel();
        rewriteFile();
    }
}

QJsonObject HistoryModel::entryToJson(const HistoryEntry &e)
{
    QJsonObject o = e.invocation.toJson();
    o.insert(QStringLiteral("time"), e.time.toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("ok"), e.ok);
    o.insert(QStringLiteral("result"), e.result);
    o.insert(QStringLiteral("ms"), e.milliseconds);
    return o;
}

bool HistoryModel::entryFromJson(const QJsonObject &o, HistoryEntry *e)
{
    const Result<Invocation> inv = Invocation::fromJson(o);
    if (!inv)
        return false;
    e->invocation = inv.value();
    e->time = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    e->ok = o.value(QStringLiteral("ok")).toBool(true);
    e->result = o.value(QStringLiteral("result")).toString();
    e->milliseconds = o.value(QStringLiteral("ms")).toDouble(-1);
    return true;
}

void HistoryModel::add(const HistoryEntry &entry)
{
    HistoryEntry e = entry;
    if (e.result.size() > MaxResultChars)
        e.result = e.result.left(MaxResultChars) + QStringLiteral("…");
    if (!e.time.isValid())
        e.time = QDateTime::currentDateTime();
    if (m_entries.size() >= m_max) {
        const int drop = int(m_entries.size()) - m_max + 1;
        beginRemoveRows(QModelIndex(), 0, drop - 1);
        m_entries.remove(0, drop);
        endRemoveRows();
    }
    beginInsertRows(QModelIndex(), int(m_entries.size()), int(m_entries.size()));
    m_entries.append(e);
    endInsertRows();
    if (m_filePath.isEmpty())
        return;
    QFile file(m_filePath);
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    // Appending keeps saving cheap; the file is compacted when it grew past twice the bound.
    if (file.open(QIODevice::Append)) {
        file.write(QJsonDocument(entryToJson(e)).toJson(QJsonDocument::Compact) + '\n');
        file.close();
    }
    if (file.size() > 0 && m_entries.size() == m_max && file.size() > 2 * m_max * 200)
        rewriteFile();
}

void HistoryModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
    rewriteFile();
}

void HistoryModel::reload()
{
    beginResetModel();
    m_entries.clear();
    QFile file(m_filePath);
    if (!m_filePath.isEmpty() && file.open(QIODevice::ReadOnly)) {
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            if (line.isEmpty())
                continue;
            HistoryEntry e;
            if (entryFromJson(QJsonDocument::fromJson(line).object(), &e))
                m_entries.append(e);
        }
    }
    if (m_entries.size() > m_max)
        m_entries = m_entries.mid(m_entries.size() - m_max);
    endResetModel();
}

void HistoryModel::rewriteFile()
{
    if (m_filePath.isEmpty())
        return;
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly))
        return;
    for (const HistoryEntry &e : std::as_const(m_entries))
        file.write(QJsonDocument(entryToJson(e)).toJson(QJsonDocument::Compact) + '\n');
    file.commit();
}

void HistoryModel::requestReplay(int row)
{
    if (row < 0 || row >= m_entries.size())
        return;
    emit replayRequested(m_entries.at(row).invocation, true);
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return QVariant();
    const HistoryEntry &e = m_entries.at(index.row());
    if (role == Qt::ForegroundRole && index.column() == OutcomeColumn && !e.ok)
        return QColor(Qt::red);
    if (role == Qt::ToolTipRole && index.column() == OutcomeColumn)
        return e.result.left(2000);
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (index.column()) {
    case TimeColumn: // the date only when it is not today
        return e.time.date() == QDate::currentDate() ? e.time.toString(QStringLiteral("HH:mm:ss"))
                                                     : e.time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case TargetColumn: return e.invocation.uri;
    case MethodColumn: return e.invocation.oneway ? e.invocation.method + tr(" (oneway)") : e.invocation.method;
    case ArgumentsColumn: return PythonScript::argumentsText(e.invocation).left(500);
    case OutcomeColumn: return e.result.left(500);
    case DurationColumn: return e.milliseconds >= 0 ? tr("%1 ms").arg(e.milliseconds, 0, 'f', 1) : QString();
    }
    return QVariant();
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case TimeColumn: return tr("Time");
    case TargetColumn: return tr("Object");
    case MethodColumn: return tr("Method");
    case ArgumentsColumn: return tr("Arguments");
    case OutcomeColumn: return tr("Result or error");
    case DurationColumn: return tr("Duration");
    }
    return QVariant();
}

} // namespace Pyro::Ui
