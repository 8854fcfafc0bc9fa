#pragma once

#include "support/result.h"
#include "value/value.h"

#include <functional>
#include <memory>
#include <optional>

namespace Pyro {

/*!
    A C++ "generator": the result of a call that Pyro4 clients receive as a remote iterator
    (item streaming, doc 5.4). The daemon calls next() once per \c get_next_stream_item
    request, so items are produced lazily, one at a time.

    next() returns an item, \c std::nullopt at the end (the client sees StopIteration), or an
    Error (the client sees that exception, and the stream ends). The daemon never calls
    next() concurrently on one generator, but successive calls may come from different
    worker threads. The generator is destroyed when the stream ends, is closed, expires, or
    the daemon goes away.
    \code
    HandlerObject::Handler countdown = [](const ValueList &args, const Dict &) -> CallResult {
        int n = int(args.value(0).toInt64());
        return ItemGenerator::fromFunction([n]() mutable -> Result<std::optional<Value>> {
            if (n <= 0)
                return std::optional<Value>();
            return std::optional<Value>(Value(n--));
        });
    };
    \endcode
*/
class ItemGenerator
{
public:
    using Step = Result<std::optional<Value>>;
    virtual ~ItemGenerator() = default;
    virtual Step next() = 0;

    static std::shared_ptr<ItemGenerator> fromFunction(std::function<Step()> next);
    //! A generator over a fixed list of items.
    static std::shared_ptr<ItemGenerator> fromList(const ValueList &items);
};

} // namespace Pyro
