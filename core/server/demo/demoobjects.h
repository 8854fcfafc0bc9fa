#pragma once

#include "server/handlerobject.h"

#include <QMap>
#include <QObject>
#include <QStringList>

#include <memory>

namespace Pyro {
class Daemon;
}

namespace Pyro::Demo {

class DemoCalculator;
class DemoThermostat;

/*!
    The demo objects that \c pyroctl serve-demo hosts, written with the public server API
    as examples (start reading here):

    \list
    \li demo.echo (HandlerObject): echo(x); types(x); fail(kind, message); sleep(seconds);
        kw(a, b=2, *args, **kwargs); attribute \c greeting (read-write).
    \li demo.calculator (DemoCalculator, a QObject with Q_INVOKABLEs and Q_PROPERTYs).
    \li demo.thermostat (DemoThermostat, a QObject with a oneway method).
    \li demo.quotes (HandlerObject with generators): stream(count, interval), ticks(n).
    \li demo.callbacks (HandlerObject calling back client objects): call_back(proxy, method,
        args=()), call_back_oneway(proxy, method, args=()), subscribe(proxy, count, interval).
    \endlist

    \c types(x) describes what the daemon received, after the serializer's conversions:
    a scalar gives its Python type name ('int', 'str', 'NoneType', ...); a tuple, list, set
    or frozenset gives [name, [types of its items]]; a dict gives
    ['dict', [[types(key), types(value)], ...]] in item order. So types((1, 'a')) is
    ['tuple', ['int', 'str']] under serpent and ['list', ['int', 'str']] under json.

    Threads: the QObjects live in the thread that created DemoObjects; the handler objects
    run on the daemon's workers.
*/
class DemoObjects : public QObject
{
    Q_OBJECT
public:
    explicit DemoObjects(QObject *parent = nullptr);
    ~DemoObjects() override;

    //! Registers every demo object under its demo.* name; returns the names registered.
    QStringList registerWith(Daemon *daemon);
    //! The metadata tags each object is registered with in a name server.
    static QMap<QString, QStringList> metadataTags();

    static std::shared_ptr<HandlerObject> makeEcho();
    static std::shared_ptr<HandlerObject> makeQuotes();
    static std::shared_ptr<HandlerObject> makeCallbacks();
    //! The types(x) description above.
    static Value typesOf(const Value &value);

    DemoCalculator *calculator() const { return m_calculator; }
    DemoThermostat *thermostat() const { return m_thermostat; }

private:
    DemoCalculator *m_calculator;
    DemoThermostat *m_thermostat;
};

} // namespace Pyro::Demo
