#pragma once

#include "support/error.h"
#include "support/result.h"
#include "value/outputbuffer.h"

#include <QString>

namespace Pyro {

/*!
    The output side of one encode (serpent, json, marshal, msgpack): the OutputBuffer the
    encoder writes into, and its first failure as a SerializeError "<format>: <what>".
    Encoders derive from it; TextReader and ByteReader are its decoding twins.
*/
class EncodeWriter
{
public:
    explicit EncodeWriter(const char *format, qsizetype reserve = 256) : m_out(reserve), m_format(format) { }

    OutputBuffer &out() { return m_out; }
    const Error &error() const { return m_error; }
    //! The bytes written when \a ok, else the failure.
    Result<QByteArray> finish(bool ok)
    {
        if (!ok)
            return m_error;
        return m_out.take();
    }

protected:
    bool fail(const QString &what)
    {
        m_error = Error(Error::Code::SerializeError, QLatin1String(m_format) + QLatin1String(": ") + what);
        return false;
    }

    OutputBuffer m_out;
    Error m_error;

private:
    const char *m_format;
};

} // namespace Pyro
