// libFuzzer target for FrameReader: the input is split into pieces of sizes taken from the
// input itself, appended piece by piece with next() drained after each, as a socket would.
// The first byte also chooses an HMAC key and a small size limit.

#include "protocol/framereader.h"

#include <QByteArrayView>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const uint8_t mode = data[0];
    const QByteArrayView input(data + 1, qsizetype(size - 1));

    Pyro::FrameReader reader;
    if (mode & 1)
        reader.setHmacKey(QByteArrayLiteral("fuzzkey"));
    if (mode & 2)
        reader.setMaxMessageSize(4096);

    // Piece sizes cycle through the bytes of the input (1..64 bytes each).
    qsizetype pos = 0;
    qsizetype k = 0;
    while (pos < input.size()) {
        const qsizetype piece = qMin<qsizetype>(1 + (uchar(input[k % input.size()]) & 63), input.size() - pos);
        ++k;
        reader.append(input.sliced(pos, piece));
        pos += piece;
        while (reader.next()) { }
        if (reader.hasFailed())
            break;
    }
    if (reader.hasFailed() && reader.next())
        std::abort(); // no messages after a failure
    (void)Pyro::FrameReader::parse(input, (mode & 1) ? QByteArrayLiteral("fuzzkey") : QByteArray(),
                                   (mode & 2) ? 4096 : Pyro::FrameReader::DefaultMaxMessageSize);
    return 0;
}
