#pragma once

#include "support/error.h"
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

    The objects' methods are callbacks in Pyro4's sense (\c @Pyro4.callback): an exception
    one raises (a "raise" canned reply) goes back to its caller and is also reported by the
    daemon (Daemon::callbackFailed), which marks its log entry as a callback error with the
    traceback (shown as the row's tooltip) and closes that caller's connection, as Pyro4 does.

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
        QDateTime time; //!< when the call arrived
        QDateTime replied; //!< when the reply was ready (after the delay)
        QString caller;
        QString object;
        QString method;
        QString arguments;
        QString reply;
        bool oneway = false;
        bool raised = false; //!< the canned reply raised (or the literal did not parse)
        //! The daemon reported the raise as a callback error (see Daemon::callbackFailed).
        bool callbackError = false;
        QString traceback; //!< of the callback error, as the daemon logged it
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
    //! The daemon reported a callback error; the log entry \a entry now says so.
    void callbackErrorLogged(const Pyro::Ui::CallbackHost::LogEntry &entry);

private:
    class CallbackObject;
    void logCall(const LogEntry &entry);
    void markCallbackError(const QString &object, const QString &method, const Error &error);
    Daemon *m_daemon = nullptr;
    QString m_errorString;
    QHash<QString, std::shared_ptr<CallbackObject>> m_objects;
    QList<LogEntry> m_log;
    static constexpr int MaxLog = 100000;
};

} // namespace Pyro::Ui
