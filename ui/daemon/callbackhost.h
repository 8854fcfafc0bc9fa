#pragma once

#include "value/value.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QMutex>

#include <memory>

namespace Pyro {
class Daemon;
}

namespace Pyro::Ui {

/*!
    The explorer's built-in daemon for callback objects: the user creates objects, gives each
    method a canned reply (return a literal, raise an exception, after a delay), passes the
    object's proxy as an argument, and every incoming call is logged (this model: time,
    caller, object, method, arguments, reply, in arrival order).

    One per application: instance() (created on first use; listens on 127.0.0.1, a free port,
    when the first object is created). Replies are computed on the daemon's worker threads
    (delays never block the window); the log is updated in the GUI thread.
*/
class CallbackHost : public QAbstractTableModel
{
    Q_OBJECT
public:
    struct MethodReply
    {
        enum Kind { Return, Raise };
        Kind kind = Return;
        QString literal = QStringLiteral("None"); //!< Return: the value; Raise: the message
        QString exceptionClass = QStringLiteral("ValueError"); //!< builtins.<name>
        int delayMs = 0;
        bool oneway = false;
    };
    struct LogEntry
    {
        QDateTime time;
        QString caller;
        QString object;
        QString method;
        QString arguments;
        QString reply;
    };
    enum Column { TimeColumn, CallerColumn, ObjectColumn, MethodColumn, ArgumentsColumn, ReplyColumn, ColumnCount };

    explicit CallbackHost(QObject *parent = nullptr);
    ~CallbackHost() override;
    static CallbackHost *instance();

    //! Starts listening if needed; false with errorString() when it cannot.
    bool start();
    QString errorString() const { return m_errorString; }
    //! "127.0.0.1:port", empty before start().
    QString address() const;
    Daemon *daemon() const { return m_daemon; }

    //! Creates (or replaces) an object with the given methods; returns its PYRO: URI.
    QString createObject(const QString &name, const QHash<QString, MethodReply> &methods = {});
    void removeObject(const QString &name);
    QStringList objectNames() const;
    QString uriOf(const QString &name) const;
    QStringList uris() const;
    void setMethod(const QString &object, const QString &method, const MethodReply &reply);
    void removeMethod(const QString &object, const QString &method);
    QHash<QString, MethodReply> methods(const QString &object) const;

    QList<LogEntry> log() const { return m_log; }
    void clearLog();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void objectsChanged();
    void callLogged(const Pyro::Ui::CallbackHost::LogEntry &entry);

private:
    class CallbackObject;
    void logCall(const LogEntry &entry);
    Daemon *m_daemon = nullptr;
    QString m_errorString;
    QHash<QString, std::shared_ptr<CallbackObject>> m_objects;
    QList<LogEntry> m_log;
    static constexpr int MaxLog = 100000;
};

} // namespace Pyro::Ui
