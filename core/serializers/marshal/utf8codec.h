#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>

namespace Pyro {

/*!
    Exact UTF-8 for the binary serializers (marshal: SurrogatePass, msgpack: Strict), as
    CPython's codec does it: the same as TextCodec's Utf8Errors, which does the work.
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
