// libFuzzer target for one serializer's decoder, chosen at compile time by
// PYRO_FUZZ_SERIALIZER ("serpent", "json", "marshal", "msgpack", "pickle").
//
// Every input goes through decode() and decodeCall(); whatever decodes is encoded again, and
// Serializer::transcode() (the streaming path) must agree with decode() + encode().
// With PYRO_FUZZ_ROUNDTRIP the re-encoded bytes must decode and encode to the same bytes
// again, which holds for formats whose decoder only produces values the encoder writes
// back unchanged.

#include "serializers/serializer.h"

#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const Pyro::Serializer *serializer = Pyro::Serializer::byName(QStringLiteral(PYRO_FUZZ_SERIALIZER));
    if (!serializer)
        std::abort();
    const QByteArrayView input(data, qsizetype(size));
    const Pyro::Result<Pyro::Value> decoded = serializer->decode(input);
    if (decoded.ok()) {
        const Pyro::Result<QByteArray> encoded = serializer->encode(decoded.value());
#ifdef PYRO_FUZZ_ROUNDTRIP
        // Compared as bytes: Value == cannot say that {nan: 1} equals itself (nan != nan as
        // a dict key, as in Python), but re-encoding must be a fixed point.
        if (!encoded.ok()) {
            std::fprintf(stderr, "decoded value does not encode: %s\n", qPrintable(encoded.error().message()));
            std::abort();
        }
        const Pyro::Result<Pyro::Value> again = serializer->decode(encoded.value());
        const Pyro::Result<QByteArray> reencoded =
                again.ok() ? serializer->encode(again.value()) : Pyro::Result<QByteArray>(again.error());
        if (!reencoded.ok() || reencoded.value() != encoded.value()) {
            std::fprintf(stderr, "round trip changed the value: %s -> %s\n", qPrintable(decoded.value().repr()),
                         qPrintable(again.ok() ? again.value().repr() : again.error().message()));
            std::abort();
        }
#else
        (void)encoded;
#endif
    } else if (decoded.error().offset() < 0 || decoded.error().offset() > qsizetype(size)) {
        std::fprintf(stderr, "error offset %lld outside the input of %zu bytes: %s\n",
                     static_cast<long long>(decoded.error().offset()), size,
                     qPrintable(decoded.error().message()));
        std::abort();
    }
    // The streaming path (pyroctl convert: a top-level list's items encoded as they are
    // decoded) must give exactly what decode() then encode() give, bytes or error.
    bool decodeFailed = false;
    const Pyro::Result<QByteArray> streamed = Pyro::Serializer::transcode(*serializer, *serializer, input, &decodeFailed);
    const Pyro::Result<QByteArray> whole =
            decoded.ok() ? serializer->encode(decoded.value()) : Pyro::Result<QByteArray>(decoded.error());
    const bool same = streamed.ok() == whole.ok() && decodeFailed == !decoded.ok()
            && (streamed.ok() ? streamed.value() == whole.value() : streamed.error().message() == whole.error().message());
    if (!same) {
        std::fprintf(stderr, "streamed transcode differs: %s / %s\n",
                     qPrintable(streamed.ok() ? QStringLiteral("ok") : streamed.error().message()),
                     qPrintable(whole.ok() ? QStringLiteral("ok") : whole.error().message()));
        std::abort();
    }
    const Pyro::Result<Pyro::CallEnvelope> call = serializer->decodeCall(input);
    (void)call;
    return 0;
}
