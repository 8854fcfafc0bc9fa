#pragma once

#include <memory>

namespace Pyro {

class Daemon;
class HandlerObject;

/*!
    The built-in \c Pyro.Daemon object every Daemon serves (internal): ping, registered,
    info, get_metadata, get_next_stream_item and close_stream, as Python's DaemonObject.
*/
class DaemonObject
{
public:
    static std::shared_ptr<HandlerObject> create(Daemon *daemon);
};

} // namespace Pyro
