#pragma once

#include "server/exposedobject.h"

#include <QMetaMethod>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace Pyro {

/*!
    Serves a QObject as a Pyro object (what Daemon::registerObject(QObject *) uses).

    Exposure rules: public Q_INVOKABLE methods (not slots or signals, and nothing declared
    by QObject itself) are the Pyro methods; Q_PROPERTYs (except objectName) are the
    attributes, writable where the property is; methods named in
    \c Q_CLASSINFO("pyro.oneway", "reset,fire") are oneway, and those named in
    \c Q_CLASSINFO("pyro.callback", "notify,done") are callbacks (Pyro4's \c @callback, see
    ExposedObject::isCallback(); not published in the metadata). Names starting with '_' are
    never exposed. Overloads are chosen by argument count (positional plus keyword);
    keywords match the parameter names as written in the declaration.

    Arguments are converted by VariantConverter (int, qint64, double, bool, QString,
    QByteArray, QStringList, QVariantList, QVariantMap, QVariant, Pyro::Value). A Q_INVOKABLE
    raises a Python exception by throwing a Pyro::Error (see PythonError).

    Threads: calls run in the object's thread, which must run an event loop. The daemon's
    worker posts the call there and waits for it (a queued call plus a semaphore, given up
    when the daemon stops), so one slow method delays only callers of objects living in the
    same thread. Objects living in the calling thread are called directly.
*/
class QObjectExposure : public ExposedObject
{
public:
    explicit QObjectExposure(QObject *object);

    QObject *object() const { return m_object.data(); }
    ObjectMetadata metadata() const override { return m_metadata; }
    bool hasMethod(const QString &name) const override { return m_methods.contains(name); }
    CallResult call(const QString &method, const ValueList &args, const Dict &kwargs) override;
    CallResult getAttribute(const QString &name) override;
    CallResult setAttribute(const QString &name, const Value &value) override;
    bool isCallback(const QString &method) const override { return m_callbacks.contains(method); }

private:
    //! Runs \a f in the object's thread and waits for it; false when it could not run.
    bool runInObjectThread(const std::function<void()> &f);

    QPointer<QObject> m_object;
    ObjectMetadata m_metadata;
    QMultiHash<QString, QMetaMethod> m_methods;
    QSet<QString> m_callbacks; // fixed after construction, so read without a lock
};

} // namespace Pyro
