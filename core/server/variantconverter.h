#pragma once

#include "support/result.h"
#include "value/value.h"

#include <QMetaType>
#include <QVariant>

namespace Pyro {

/*!
    Converts between Pyro values and the QVariants a QObject's Q_INVOKABLE methods and
    Q_PROPERTYs take and return (used by QObjectExposure).

    Supported C++ types: int, qint64, double, bool, QString, QByteArray, QStringList,
    QVariantList, QVariantMap, QVariant and Pyro::Value itself (which receives the argument
    exactly as sent).
*/
class VariantConverter
{
public:
    //! Loose conversion for nested values: containers become QVariantList/QVariantMap.
    static QVariant toVariant(const Value &value);
    //! A return value or property back to a Pyro value (void/invalid -> None).
    static Value fromVariant(const QVariant &variant);

    /*!
        Strict conversion of an argument to the declared type \a type, with a Python style
        TypeError naming \a function and \a parameter on a mismatch, e.g.
        "add() argument 'a' must be int, not str".
    */
    static Result<QVariant> toParameter(const Value &value, QMetaType type, const QString &function,
                                        const QString &parameter);
    //! Whether toParameter() knows \a type.
    static bool isSupported(QMetaType type);
    //! The Python name of a C++ type for messages ("int", "float", "str", ...).
    static QString pythonName(QMetaType type);
};

} // namespace Pyro
