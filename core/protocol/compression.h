#pragma once

#include "support/result.h"

#include <QByteArray>
#include <QByteArrayView>

/*!
    Pyro4's payload compression: a zlib stream (RFC 1950, header 78 9c, default level), the
    output of Python's zlib.compress(data). Stateless and thread-safe.
*/
namespace Pyro::Compression {

//! Python's zlib.compress(data, level): byte-identical with the same zlib version. The default
//! level is zlib's own (Pyro4); Pyro5 uses 4.
QByteArray compress(QByteArrayView data, int level = -1);

/*!
    Python's zlib.decompress(data), bounded: fails with Error::Code::MessageTooLarge as soon
    as the output would exceed \a maxSize bytes (a small input can inflate 1000-fold), and
    with Error::Code::ProtocolError on a bad or truncated stream. Bytes after the end of the
    stream are ignored, as Python ignores them. The output buffer grows only as data inflates.
*/
Result<QByteArray> decompress(QByteArrayView data, qint64 maxSize);

} // namespace Pyro::Compression
