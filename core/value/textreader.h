#pragma once

#include "support/error.h"

#include <QByteArrayView>
#include <QString>

namespace Pyro {

/*!
    The cursor of the text decoders (serpent, json): the bytes [m_begin, m_end), the read
    position m_p, the nesting depth, and the first failure as a SerializeError
    "<format>: <what> at byte <n>". Decoders derive from it; ByteReader is its binary twin.
*/
class TextReader
{
public:
    TextReader(QByteArrayView data, const char *format)
        : m_begin(data.data()), m_p(data.data()), m_end(data.data() + data.size()), m_format(format)
    {
    }

    Error error() const { return m_error; }

protected:
    bool fail(const char *at, const QString &what)
    {
        const qsizetype offset = at - m_begin;
        m_error = Error(Error::Code::SerializeError,
                        QStringLiteral("%1: %2 at byte %3").arg(QLatin1String(m_format), what).arg(offset));
        m_error.setOffset(offset);
        return false;
    }

    const char *const m_begin;
    const char *m_p;
    const char *const m_end;
    const char *const m_format;
    int m_depth = 0;
    Error m_error;
};

} // namespace Pyro
