#pragma once

#include "support/error.h"

#include <utility>
#include <variant>

namespace Pyro {

/*!
    Either a value or an Error; what synchronous core functions return instead of throwing.
    \code
    Result<Value> r = serializer->decode(bytes);
    if (!r)
        qWarning() << r.error();
    else
        use(r.value());
    \endcode
*/
template<typename T>
class Result
{
public:
    Result(const T &value) : m_v(value) { }
    Result(T &&value) : m_v(std::move(value)) { }
    Result(const Error &error) : m_v(error) { }

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<0>(m_v); }
    T &value() { return std::get<0>(m_v); }
    T valueOr(const T &fallback) const { return ok() ? value() : fallback; }
    Error error() const { return ok() ? Error() : std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

} // namespace Pyro
