#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>

namespace Pyro {

/*!
    Exact UTF-8 for the binary serializers. QString::fromUtf8() silently replaces bad
    sequences with U+FFFD and QString::toUtf8() replaces lone surrogates; both would hide
    corrupt input or change a value on a round trip. These functions instead do what
    CPython's codec does:
    \list
    \li \c Strict (msgpack, Python's default "strict" handler): overlong forms, code points
        above U+10FFFF and encoded surrogates (ED A0..BF xx) are errors.
    \li \c SurrogatePass (marshal writes and reads str with "surrogatepass"): encoded
        surrogates are accepted and produce lone UTF-16 surrogates, and lone surrogates in a
        QString are written as three bytes.
    \endlist
*/
class Utf8Codec
{
public:
    enum class Mode { Strict, SurrogatePass };

    //! The text, or nullopt with \a errorIndex set to where the first bad sequence starts (as Python reports it).
    static std::optional<QString> decode(QByteArrayView bytes, Mode mode, qsizetype *errorIndex = nullptr);
    //! The bytes, or nullopt (Strict only) when \a text holds a lone surrogate; \a errorIndex is its index.
    static std::optional<QByteArray> encode(QStringView text, Mode mode, qsizetype *errorIndex = nullptr);
};

} // namespace Pyro
