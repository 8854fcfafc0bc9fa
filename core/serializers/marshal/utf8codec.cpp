#include "serializers/marshal/utf8codec.h"

#include "value/textcodec.h"

namespace Pyro {

namespace {

TextCodec::Utf8Errors errorsFor(Utf8Codec::Mode mode)
{
    return mode == Utf8Codec::Mode::Strict ? TextCodec::Utf8Errors::Strict : TextCodec::Utf8Errors::SurrogatePass;
}

} // namespace

std::optional<QString> Utf8Codec::decode(QByteArrayView bytes, Mode mode, qsizetype *errorIndex)
{
    QString out;
    if (const char *bad = TextCodec::appendUtf8(out, bytes.data(), bytes.data() + bytes.size(), errorsFor(mode))) {
        if (errorIndex)
            *errorIndex = bad - bytes.data();
        return std::nullopt;
    }
    return out;
}

std::optional<QByteArray> Utf8Codec::encode(QStringView text, Mode mode, qsizetype *errorIndex)
{
    return TextCodec::encodeUtf8(text, errorsFor(mode), errorIndex);
}

} // namespace Pyro
