#pragma once

#include "value/value.h"

#include <QJsonValue>
#include <QVariant>

namespace Pyro {

/*!
    \file valueconvert.h
    Conversions between Value and Qt's variant types, for views (models, QML, QSettings) and
    for tools that already hold Qt data. They are lossy on purpose; what is lost is listed
    below. None of them is a wire format: for exact text use ReprWriter, for bytes a
    Serializer. All functions are pure and thread-safe.
*/

/*!
    A Value as a QVariant:
    \list
    \li None -> an invalid (null) QVariant; bool -> bool; int in qint64 -> qlonglong.
    \li int beyond qint64 -> QString with its decimal digits (the type is lost).
    \li float -> double; complex -> QString with its repr, e.g. "(1-2j)".
    \li str -> QString; bytes and bytearray -> QByteArray (which of the two is lost).
    \li tuple, list, set, frozenset -> QVariantList (the container type is lost; sets keep
        their member order).
    \li dict with only str keys -> QVariantMap (insertion order is lost: QVariantMap sorts by
        key); any other dict -> QVariantList of two-element [key, value] QVariantLists, in
        insertion order.
    \endlist
*/
QVariant toVariant(const Value &value);

/*!
    A Value as a QJsonValue (for JSON views and the GUI's copy-as-JSON):
    \list
    \li None -> null; bool -> bool; int in qint64 -> an exact JSON integer.
    \li int beyond qint64 -> a string with its decimal digits.
    \li float -> a number; inf, -inf and nan (which JSON cannot hold) -> the strings "inf",
        "-inf", "nan"; complex -> its repr as a string.
    \li str -> string; bytes and bytearray -> a standard base64 string (the type is lost).
    \li tuple, list, set, frozenset -> array.
    \li dict -> object: str keys as they are, other keys by their repr (1 -> "1",
        (1, 2) -> "(1, 2)"); if two keys end up equal the later one wins. QJsonObject sorts
        its keys, so insertion order is lost.
    \endlist
*/
QJsonValue toJson(const Value &value);

/*!
    A QVariant as a Value: invalid or null variants and std::nullptr_t -> None; bool; every
    integer type -> int (quint64 above qint64 too); double and float -> float; QString and
    QChar -> str; QByteArray -> bytes; QVariantList and QStringList -> list; QVariantMap and
    QVariantHash -> dict with str keys (in the map's order); QJsonValue, QJsonArray,
    QJsonObject and QJsonDocument -> as fromJson(); a QVariant holding a Value -> that value.
    Any other type becomes str when QVariant can convert it to QString (QDate, QUrl, ...),
    otherwise None.
*/
Value fromVariant(const QVariant &variant);

/*!
    A QJsonValue as a Value: null and undefined -> None; bool; numbers that are integral and
    fit in qint64 -> int (QJsonValue itself stores 2.0 as 2 and -0.0 as 0, so float-ness of
    integral numbers is lost), other numbers -> float; string -> str; array -> list; object ->
    dict (in QJsonObject's key order).
*/
Value fromJson(const QJsonValue &json);

} // namespace Pyro
