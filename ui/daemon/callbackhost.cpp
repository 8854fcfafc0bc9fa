#include "daemon/callbackhost.h"

#include "server/callcontext.h"
#include "server/daemon.h"
#include "server/exposedobject.h"
#include "server/pythonerror.h"
#include "value/displayrepr.h"
#include "value/literalparser.h"

#include <QColor>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QPointer>
#include <QThread>

namespace Pyro::Ui {

class CallbackHost::CallbackObject : public ExposedObject
{
public:
    CallbackObject(CallbackHost *host, QString name) : m_host(host), m_name(std::move(name)) { }

    void setMethods(const QHash<QString, MethodReply> &m)
    {
        QMutexLocker lock(&m_mutex);
        m_methods = m;
    }
    QHash<QString, MethodReply> methods() const
    {
        QMutexLocker lock(&m_mutex);
        return m_methods;
    }

    ObjectMetadata metadata() const override
    {
        QMutexLocker lock(&m_mutex);
        ObjectMetadata md;
        for (auto it = m_methods.cbegin(); it != m_methods.cend(); ++it) {
            md.methods << it.key();
            if (it.value().oneway)
                md.oneway << it.key();
        }
        md.methods.sort();
        md.oneway.sort();
        return md;
    }

    CallResult call(const QString &method, const ValueList &args, const Dict &kwargs) override
    {
        const MethodReply reply = methods().value(method);
        LogEntry entry;
        entry.time = QDateTime::currentDateTime();
        entry.caller = CallContext::current().client;
        entry.object = m_name;
        entry.method = method;
        QStringList parts;
        // Proxies and URIs (a callback's own listener, say) as the Python that makes them.
        const auto text = [](const Value &v) { return DisplayRepr::write(v, DisplayRepr::ObjectStyle::Constructor); };
        for (const Value &a : args)
            parts << text(a);
        for (const auto &[k, v] : kwargs.items())
            parts << k.toStr() + u'=' + text(v);
        entry.arguments = parts.join(QStringLiteral(", "));
        if (reply.delayMs > 0) {
            // On a daemon worker, never the GUI thread; stop early when the daemon shuts down.
            QDeadlineTimer deadline(reply.delayMs);
            while (!deadline.hasExpired() && !CallContext::current().isStopping())
                QThread::msleep(qMin<qint64>(20, qMax<qint64>(1, deadline.remainingTime())));
        }
        CallResult result;
        if (reply.kind == MethodReply::Raise) {
            result = PythonError::withTracebackLocation(PythonError::builtin(reply.exceptionClass, reply.literal), method);
            // Python syntax, not prose: the same in every language.
            entry.reply = QStringLiteral("raise %1(%2)").arg(reply.exceptionClass, Value(reply.literal).repr());
            entry.raised = true;
        } else {
            const Result<Value> v = LiteralParser::parse(reply.literal);
            if (v) {
                result = v.value();
                entry.reply = DisplayRepr::write(v.value(), DisplayRepr::ObjectStyle::Constructor);
            } else {
                result = PythonError::withTracebackLocation(
                        PythonError::valueError(QStringLiteral("canned reply is not a literal: %1").arg(v.error().message())), method);
                entry.reply = tr("error: %1").arg(v.error().message());
                entry.raised = true;
            }
        }
        entry.oneway = reply.oneway;
        if (reply.oneway)
            entry.reply = QStringLiteral("(oneway) ") + entry.reply;
        entry.replied = QDateTime::currentDateTime();
        QPointer<CallbackHost> host = m_host;
        QMetaObject::invokeMethod(m_host, [host, entry] {
            if (host)
                host->logCall(entry);
        }, Qt::QueuedConnection);
        return result;
    }
    // Every method of a workbench object is a callback: what it raises is reported here too.
    bool isCallback(const QString &) const override { return true; }
    CallResult getAttribute(const QString &name) override { return PythonError::attributeError(name); }
    CallResult setAttribute(const QString &name, const Value &) override { return PythonError::attributeError(name); }

private:
    CallbackHost *m_host; // outlives the daemon's use of this object (the daemon dies first)
    QString m_name;
    mutable QMutex m_mutex;
    QHash<QString, MethodReply> m_methods;
};

CallbackHost::CallbackHost(QObject *parent) : QAbstractTableModel(parent) { }

CallbackHost::~CallbackHost()
{
    delete m_daemon; // waits for running calls before the objects' host pointer dies
}

CallbackHost *CallbackHost::instance()
{
    static QPointer<CallbackHost> host;
    if (!host)
        host = new CallbackHost(QCoreApplication::instance());
    return host;
}

bool CallbackHost::start()
{
    if (m_daemon && m_daemon->isListening())
        return true;
    if (!m_daemon) {
        m_daemon = new Daemon;
        connect(m_daemon, &Daemon::callbackFailed, this, &CallbackHost::markCallbackError);
    }
    if (!m_daemon->listen(QStringLiteral("127.0.0.1"), 0)) {
        m_errorString = m_daemon->error().message();
        return false;
    }
    return true;
}

QString CallbackHost::address() const
{
    return m_daemon && m_daemon->isListening() ? m_daemon->location() : QString();
}

QString CallbackHost::createObject(const QString &name, const QHash<QString, MethodReply> &methods)
{
    if (!start() || name.isEmpty())
        return QString();
    auto object = std::make_shared<CallbackObject>(this, name);
    object->setMethods(methods);
    if (m_objects.contains(name))
        m_daemon->unregisterObject(name);
    if (m_daemon->registerObject(object, name).isEmpty())
        return QString();
    m_objects.insert(name, object);
    emit objectsChanged();
    return uriOf(name);
}

void CallbackHost::removeObject(const QString &name)
{
    if (m_objects.remove(name) && m_daemon)
        m_daemon->unregisterObject(name);
    emit objectsChanged();
}

QStringList CallbackHost::objectNames() const
{
    QStringList names = m_objects.keys();
    names.sort();
    return names;
}

QString CallbackHost::uriOf(const QString &name) const
{
    return m_objects.contains(name) && m_daemon ? m_daemon->uriFor(name).toString() : QString();
}

QStringList CallbackHost::uris() const
{
    QStringList out;
    for (const QString &n : objectNames())
        out << uriOf(n);
    return out;
}

void CallbackHost::setMethod(const QString &object, const QString &method, const MethodReply &reply)
{
    if (auto o = m_objects.value(object)) {
        auto m = o->methods();
        m.insert(method, reply);
        o->setMethods(m);
        emit objectsChanged();
    }
}

void CallbackHost::removeMethod(const QString &object, const QString &method)
{
    if (auto o = m_objects.value(object)) {
        auto m = o->methods();
        m.remove(method);
        o->setMethods(m);
        emit objectsChanged();
    }
}

QHash<QString, CallbackHost::MethodReply> CallbackHost::methods(const QString &object) const
{
    auto o = m_objects.value(object);
    return o ? o->methods() : QHash<QString, MethodReply>();
}

void CallbackHost::logCall(const LogEntry &entry)
{
    if (m_log.size() >= MaxLog) {
        beginRemoveRows(QModelIndex(), 0, 0);
        m_log.removeFirst();
        endRemoveRows();
    }
    beginInsertRows(QModelIndex(), int(m_log.size()), int(m_log.size()));
    m_log.append(entry);
    endInsertRows();
    emit callLogged(entry);
}

void CallbackHost::markCallbackError(const QString &object, const QString &method, const Error &error)
{
    // The object logged the call before the daemon reported its error, and both were queued
    // to this thread from the same connection thread: the entry is here, normally the last.
    constexpr qsizetype SearchBack = 1000;
    for (qsizetype row = m_log.size() - 1; row >= 0 && row >= m_log.size() - SearchBack; --row) {
        LogEntry &e = m_log[row];
        if (e.object != object || e.method != method || !e.raised || e.callbackError)
            continue;
        e.callbackError = true;
        e.traceback = error.remoteTraceback();
        emit dataChanged(index(int(row), 0), index(int(row), ColumnCount - 1));
        emit callbackErrorLogged(e);
        return;
    }
    // The entry was cleared meanwhile: log the error on its own.
    LogEntry e;
    e.time = e.replied = QDateTime::currentDateTime();
    e.object = object;
    e.method = method;
    e.reply = error.toString();
    e.raised = e.callbackError = true;
    e.traceback = error.remoteTraceback();
    logCall(e);
    emit callbackErrorLogged(e);
}

void CallbackHost::clearLog()
{
    beginResetModel();
    m_log.clear();
    endResetModel();
}

int CallbackHost::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_log.size());
}

int CallbackHost::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CallbackHost::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_log.size())
        return QVariant();
    const LogEntry &e = m_log.at(index.row());
    if (e.callbackError) {
        if (role == Qt::ForegroundRole)
            return QColor(Qt::red);
        if (role == Qt::ToolTipRole && !e.traceback.isEmpty())
            return e.oneway ? tr("Callback error (oneway, logged by the callback daemon):\n%1").arg(e.traceback)
                            : tr("Callback error (logged by the callback daemon, which closed the caller's connection):\n%1").arg(e.traceback);
        if (role == Qt::DisplayRole && index.column() == ReplyColumn)
            return tr("callback error: %1").arg(e.reply);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return QVariant();
    switch (index.column()) {
    case TimeColumn: return e.time.toString(QStringLiteral("HH:mm:ss.zzz"));
    case CallerColumn: return e.caller;
    case ObjectColumn: return e.object;
    case MethodColumn: return e.method;
    case ArgumentsColumn: return e.arguments.left(role == Qt::ToolTipRole ? 5000 : 300);
    case ReplyColumn: return e.reply;
    }
    return QVariant();
}

QVariant CallbackHost::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case TimeColumn: return tr("Time");
    case CallerColumn: return tr("Caller");
    case ObjectColumn: return tr("Object");
    case MethodColumn: return tr("Method");
    case ArgumentsColumn: return tr("Arguments");
    case ReplyColumn: return tr("Reply");
    }
    return QVariant();
}

} // namespace Pyro::Ui
