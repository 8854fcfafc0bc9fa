#pragma once

namespace Pyro::Cli {

//! pyroctl's exit statuses; scripts depend on them, so they never change meaning.
enum ExitCode : int {
    ExitOk = 0,
    ExitRemote = 1, //!< the remote code raised; or convert got bad input
    ExitUsage = 2, //!< bad command line, URI or argument literal
    ExitCommunication = 3, //!< refused, timeout, closed, protocol, serializer or security error
    ExitNaming = 4, //!< unknown name, no name server found
};

} // namespace Pyro::Cli
