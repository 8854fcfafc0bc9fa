#pragma once

#include "server/itemgenerator.h"
#include "support/error.h"
#include "value/value.h"

#include <memory>

namespace Pyro {

/*!
    What a handler of a HandlerObject returns: a value, an Error (sent to the client as an
    exception, see PythonError) or a generator (streamed to the client as a remote iterator).
    Converts implicitly from each, so handlers simply \c return any of them.
*/
class CallResult
{
public:
    CallResult() = default; // None
    CallResult(const Value &value) : m_value(value) { }
    CallResult(const Error &error) : m_error(error) { }
    CallResult(std::shared_ptr<ItemGenerator> generator) : m_generator(std::move(generator)) { }
    template<typename T>
    CallResult(const Result<T> &result)
    {
        if (result.ok())
            m_value = Value(result.value());
        else
            m_error = result.error();
    }

    bool isError() const { return m_error.isError(); }
    bool isGenerator() const { return m_generator != nullptr; }
    const Value &value() const { return m_value; }
    const Error &error() const { return m_error; }
    const std::shared_ptr<ItemGenerator> &generator() const { return m_generator; }

private:
    Value m_value;
    Error m_error;
    std::shared_ptr<ItemGenerator> m_generator;
};

} // namespace Pyro
