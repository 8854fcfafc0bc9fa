#include "protocol/compression.h"

#include <zlib.h>

#include <limits>

namespace Pyro::Compression {

QByteArray compress(QByteArrayView data, int level)
{
    QByteArray out;
    z_stream zs {};
    if (level < -1 || level > 9 || deflateInit(&zs, level) != Z_OK)
        return out;
    // deflateBound() is exact enough to finish in one call; uInt chunks keep >4 GiB inputs correct.
    out.resize(qsizetype(deflateBound(&zs, uLong(data.size()))));
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    qsizetype inLeft = data.size();
    qsizetype outLeft = out.size();
    int rc = Z_OK;
    while (rc == Z_OK) {
        const uInt inChunk = uInt(qMin<qsizetype>(inLeft, std::numeric_limits<uInt>::max()));
        const uInt outChunk = uInt(qMin<qsizetype>(outLeft, std::numeric_limits<uInt>::max()));
        zs.avail_in = inChunk;
        zs.avail_out = outChunk;
        rc = deflate(&zs, inLeft == qsizetype(inChunk) ? Z_FINISH : Z_NO_FLUSH);
        inLeft -= inChunk - zs.avail_in;
        outLeft -= outChunk - zs.avail_out;
        if (rc == Z_BUF_ERROR)
            break;
    }
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        return QByteArray();
    out.truncate(out.size() - outLeft);
    return out;
}

Result<QByteArray> decompress(QByteArrayView data, qint64 maxSize)
{
    z_stream zs {};
    if (inflateInit(&zs) != Z_OK)
        return Error(Error::Code::ProtocolError, QStringLiteral("zlib: cannot initialise the decompressor"));
    // Room for one byte more than allowed: producing it proves the stream is too large
    // without ever allocating more than maxSize + 1 bytes.
    const qint64 capacity = qMax<qint64>(0, maxSize) + 1;
    constexpr qsizetype Step = 64 * 1024;
    QByteArray out;
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    qsizetype inLeft = data.size();
    int rc = Z_OK;
    for (;;) {
        const qsizetype before = out.size();
        const qsizetype grow = qsizetype(qMin<qint64>(Step, capacity - before));
        out.resize(before + grow);
        const uInt inChunk = uInt(qMin<qsizetype>(inLeft, std::numeric_limits<uInt>::max()));
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + before);
        zs.avail_out = uInt(grow);
        zs.avail_in = inChunk;
        rc = inflate(&zs, Z_NO_FLUSH);
        inLeft -= inChunk - zs.avail_in;
        out.resize(before + grow - qsizetype(zs.avail_out));
        if (out.size() > maxSize) {
            inflateEnd(&zs);
            return Error(Error::Code::MessageTooLarge, QStringLiteral("decompressed payload exceeds the max message size"),
                         QStringLiteral("more than %1 bytes").arg(maxSize));
        }
        if (rc == Z_STREAM_END)
            break;
        if (rc == Z_OK)
            continue;
        if (rc == Z_BUF_ERROR && inLeft > 0)
            continue;
        QString why;
        if (rc == Z_BUF_ERROR) // Python: "Error -5 while decompressing data: incomplete or truncated stream"
            why = QStringLiteral("incomplete or truncated stream");
        else
            why = zs.msg ? QString::fromLatin1(zs.msg) : QStringLiteral("error %1").arg(rc);
        inflateEnd(&zs);
        return Error(Error::Code::ProtocolError, QStringLiteral("zlib: ") + why);
    }
    inflateEnd(&zs);
    return out;
}

} // namespace Pyro::Compression
