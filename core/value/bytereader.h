#pragma once

#include "support/error.h"

#include <QByteArrayView>
#include <QString>
#include <QtEndian>

namespace Pyro {

/*!
    A bounded cursor over the bytes of one binary decode (marshal, msgpack): every read is
    checked against the bytes left, every declared count against what the input can still pay
    for, and the first failure is kept as a SerializeError "<format>: <what> at offset <n>".
    Decoders derive from it; nothing here allocates from a declared size.
*/
class ByteReader
{
public:
    ByteReader(QByteArrayView data, const char *format)
        : m_p(reinterpret_cast<const uchar *>(data.data())), m_size(data.size()), m_format(format)
    {
    }

    qsizetype pos() const { return m_pos; }
    qsizetype size() const { return m_size; }
    qsizetype remaining() const { return m_size - m_pos; }
    const uchar *begin() const { return m_p; }
    const Error &error() const { return m_error; }

    static Error makeError(const char *format, const QString &what, qsizetype offset = -1)
    {
        Error e(Error::Code::SerializeError,
                offset >= 0 ? QStringLiteral("%1: %2 at offset %3").arg(QLatin1String(format), what).arg(offset)
                            : QStringLiteral("%1: %2").arg(QLatin1String(format), what));
        e.setOffset(offset);
        return e;
    }

    bool fail(const QString &what, qsizetype offset)
    {
        m_error = makeError(m_format, what, offset);
        return false;
    }

    //! The next \a n bytes, or a "truncated input" failure.
    bool take(qsizetype n, const uchar *&ptr, const char *what)
    {
        if (n > remaining()) [[unlikely]]
            return truncated(n, what);
        ptr = m_p + m_pos;
        m_pos += n;
        return true;
    }

    template<typename T>
    bool readBE(T &out, const char *what)
    {
        const uchar *p = nullptr;
        if (!take(sizeof(T), p, what))
            return false;
        out = qFromBigEndian<T>(p);
        return true;
    }

    template<typename T>
    bool readLE(T &out, const char *what)
    {
        const uchar *p = nullptr;
        if (!take(sizeof(T), p, what))
            return false;
        out = qFromLittleEndian<T>(p);
        return true;
    }

    /*!
        Accepts a declared count \a n (read at offset \a at) only when the bytes left can hold
        that many items of at least \a bytesPerItem bytes each: so a reserve(count) is paid for.
    */
    bool checkCount(qint64 n, qsizetype at, qsizetype bytesPerItem, const char *what, qsizetype &count)
    {
        if (n < 0)
            return fail(QStringLiteral("negative %1 length %2").arg(QLatin1String(what)).arg(n), at);
        if (n > remaining() / bytesPerItem)
            return fail(QStringLiteral("%1 length %2 exceeds the %3 bytes left")
                                .arg(QLatin1String(what))
                                .arg(n)
                                .arg(remaining()),
                        at);
        count = qsizetype(n);
        return true;
    }

private:
    bool truncated(qsizetype n, const char *what)
    {
        return fail(QStringLiteral("truncated input: %1 needs %2 bytes, %3 left")
                            .arg(QLatin1String(what))
                            .arg(n)
                            .arg(remaining()),
                    m_pos);
    }

    const uchar *m_p;
    qsizetype m_size;
    qsizetype m_pos = 0;
    const char *m_format;
    Error m_error;
};

} // namespace Pyro
