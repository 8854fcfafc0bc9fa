// libFuzzer target for FrameReader on protocol 502 (docs/pyro5-protocol.md): the input is
// split into pieces of sizes taken from the input itself and appended piece by piece, as a
// socket would deliver it. The first byte chooses the mode: bit 0 detects each frame's
// version instead of fixing 502, bit 1 sets a small size limit, bit 2 sets an HMAC key
// (which every 502 frame must refuse). Each message that comes out is written again and
// must read back the same (the writer and reader agree on everything they accept).

#include "protocol/framereader.h"

#include <QByteArrayView>

#include <cstdint>
#include <cstdlib>

namespace {

bool same(const Pyro::Message &a, const Pyro::Message &b)
{
    return a.protocol == b.protocol && a.type == b.type && a.flags == b.flags && a.seq == b.seq && a.serializerId == b.serializerId
        && a.correlationId == b.correlationId && a.annotations == b.annotations && a.data == b.data;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const uint8_t mode = data[0];
    const QByteArrayView input(data + 1, qsizetype(size - 1));
    const qint64 limit = (mode & 2) ? 4096 : Pyro::FrameReader::DefaultMaxMessageSize;
    const QByteArray key = (mode & 4) ? QByteArrayLiteral("fuzzkey") : QByteArray();
    const std::optional<Pyro::ProtocolVersion> protocol = (mode & 1) ? std::nullopt : std::optional(Pyro::ProtocolVersion::Pyro5);

    Pyro::FrameReader reader;
    if (protocol)
        reader.setProtocol(*protocol);
    else
        reader.detectProtocol();
    reader.setMaxMessageSize(limit);
    reader.setHmacKey(key);

    qsizetype pos = 0;
    qsizetype k = 0;
    while (pos < input.size()) {
        const qsizetype piece = qMin<qsizetype>(1 + (uchar(input[k % input.size()]) & 63), input.size() - pos);
        ++k;
        reader.append(input.sliced(pos, piece));
        pos += piece;
        while (auto m = reader.next()) {
            if (m->protocol == Pyro::ProtocolVersion::Pyro5 && !key.isEmpty())
                std::abort(); // a Pyro5 frame must never pass with an HMAC key
            if (m->protocol != Pyro::ProtocolVersion::Pyro5)
                continue;
            const Pyro::Result<QByteArray> again = Pyro::MessageWriter::tryWrite(*m);
            if (!again)
                std::abort(); // what the reader accepts, the writer can write
            const Pyro::Result<Pyro::Message> back = Pyro::FrameReader::parse(again.value(), QByteArray(), 0, Pyro::ProtocolVersion::Pyro5);
            if (!back || !same(back.value(), *m))
                std::abort();
        }
        if (reader.hasFailed())
            break;
    }
    if (reader.hasFailed() && reader.next())
        std::abort(); // no messages after a failure
    (void)Pyro::FrameReader::parse(input, key, limit, protocol);
    return 0;
}
