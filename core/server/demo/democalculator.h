#pragma once

#include <QObject>
#include <QString>

namespace Pyro::Demo {

/*!
    demo.calculator: a plain QObject served by a Daemon, showing how a Qt class becomes a
    Pyro object. Every public Q_INVOKABLE is a remote method with typed parameters (a Python
    client passing a str to add() gets a TypeError naming the parameter); each Q_PROPERTY is
    a remote attribute, writable when it has a WRITE accessor. Errors reach Python clients
    as built-in exceptions by throwing a Pyro::Error made with PythonError.

    Python: \c calc.add(2, 3) -> 5, \c calc.div(1, 0) raises ZeroDivisionError,
    \c calc.memory = 4.5, \c calc.version -> '1.0' (read-only).
    Lives in the thread that created it; the daemon calls it there.
*/
class DemoCalculator : public QObject
{
    Q_OBJECT
    Q_PROPERTY(double memory READ memory WRITE setMemory NOTIFY memoryChanged)
    Q_PROPERTY(QString version READ version CONSTANT)
public:
    explicit DemoCalculator(QObject *parent = nullptr) : QObject(parent) { }

    Q_INVOKABLE qint64 add(qint64 a, qint64 b) const { return a + b; }
    Q_INVOKABLE qint64 sub(qint64 a, qint64 b) const { return a - b; }
    Q_INVOKABLE double mul(double a, double b) const { return a * b; }
    //! Raises ZeroDivisionError for b == 0, as Python does.
    Q_INVOKABLE double div(double a, double b) const;

    double memory() const { return m_memory; }
    void setMemory(double value);
    QString version() const { return QStringLiteral("1.0"); }

signals:
    void memoryChanged(double memory);

private:
    double m_memory = 0.0;
};

} // namespace Pyro::Demo
