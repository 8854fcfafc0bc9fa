#pragma once

#include "serializers/serializer.h"

#include <memory>

namespace Pyro {

/*!
    The ItemEncoder of a format whose writer can write a top-level list or tuple one item at a
    time. Writer has
      - beginItems(bool tuple),
      - bool writeItem(const Value &item, qsizetype index) (false: error() says why),
      - finishItems(bool tuple, qsizetype count): the bytes encode() writes for the whole value
        (QByteArray or Result<QByteArray>),
    and \a makeWriter gives a fresh writer (with any header already written) for each begin().
    After a failed item the rest are only counted: the error is the first one, as encode() of
    the whole value would report it.
*/
template<typename Writer>
class WriterItemEncoder final : public ItemEncoder
{
public:
    using MakeWriter = std::unique_ptr<Writer> (*)();
    explicit WriterItemEncoder(MakeWriter makeWriter) : m_makeWriter(makeWriter) { }

    void begin(Value::Type kind, qsizetype) override
    {
        m_writer = m_makeWriter();
        m_tuple = kind == Value::Type::Tuple;
        m_count = 0;
        m_ok = true;
        m_writer->beginItems(m_tuple);
    }
    void add(Value &&item) override
    {
        if (m_ok)
            m_ok = m_writer->writeItem(item, m_count);
        ++m_count;
    }
    void cancel() override { m_writer.reset(); }
    bool begun() const override { return bool(m_writer); }
    Result<QByteArray> finish() override
    {
        if (!m_ok)
            return m_writer->error();
        return m_writer->finishItems(m_tuple, m_count);
    }

private:
    MakeWriter m_makeWriter;
    std::unique_ptr<Writer> m_writer;
    qsizetype m_count = 0;
    bool m_tuple = false;
    bool m_ok = true;
};

} // namespace Pyro
