#pragma once

#include <QByteArray>

#include <algorithm>
#include <cstring>

namespace Pyro {

/*!
    A growable byte buffer the text encoders (serpent, json) write into. It writes through a
    raw pointer and checks capacity once per chunk, not once per byte as
    QByteArray::append(char) does, and hands the result over without a copy.
    Used by one encoder call on one thread.
*/
class OutputBuffer
{
public:
    explicit OutputBuffer(qsizetype reserve = 256)
    {
        m_data.resize(std::max<qsizetype>(reserve, 16));
        m_p = m_data.data();
        m_end = m_p + m_data.size();
    }

    //! Makes room for \a n more bytes; the next \a n put/raw writes need no further check.
    void ensure(qsizetype n)
    {
        if (m_end - m_p < n)
            grow(n);
    }
    void put(char c)
    {
        ensure(1);
        *m_p++ = c;
    }
    void putUnchecked(char c) { *m_p++ = c; }
    void append(const char *s, qsizetype n)
    {
        if (n <= 0)
            return; // s may be null then (an empty QByteArray's data), which memcpy must not get
        ensure(n);
        std::memcpy(m_p, s, size_t(n));
        m_p += n;
    }
    template<size_t N>
    void append(const char (&literal)[N])
    {
        append(literal, qsizetype(N - 1));
    }
    void append(QByteArrayView bytes) { append(bytes.data(), bytes.size()); }

    //! For writers that fill memory themselves: ensure(n), write at cursor(), then advance().
    char *cursor() { return m_p; }
    void advance(qsizetype n) { m_p += n; }

    /*!
        Writes \a n UTF-16 units through \a write in chunks, with room
        for \a maxBytesPerUnit bytes per unit (and one unit more, for a surrogate pair read
        across a chunk's end). write(i, o) writes the unit at i at o (it may take the next
        unit of a pair by advancing i) and returns where its output ends, or nullptr to stop;
        what was written before is kept. Returns false when write stopped.
    */
    template<typename Write>
    bool writeUtf16(qsizetype n, qsizetype maxBytesPerUnit, Write &&write)
    {
        qsizetype i = 0;
        while (i < n) {
            const qsizetype chunkEnd = std::min(n, i + 1024);
            ensure((chunkEnd - i + 1) * maxBytesPerUnit);
            char *o = m_p;
            for (; i < chunkEnd; ++i) {
                char *const next = write(i, o);
                if (!next) {
                    m_p = o;
                    return false;
                }
                o = next;
            }
            m_p = o;
        }
        return true;
    }

    qsizetype size() const { return m_p - m_data.constData(); }
    char lastChar() const { return m_p[-1]; }
    void chop(qsizetype n) { m_p -= n; }

    QByteArray take()
    {
        m_data.truncate(size());
        m_p = m_end = nullptr;
        return std::move(m_data);
    }

private:
    void grow(qsizetype n)
    {
        const qsizetype used = size();
        const qsizetype newSize = std::max(m_data.size() * 2, used + n);
        m_data.resize(newSize);
        m_p = m_data.data() + used;
        m_end = m_data.data() + newSize;
    }

    QByteArray m_data;
    char *m_p = nullptr;
    char *m_end = nullptr;
};

} // namespace Pyro
