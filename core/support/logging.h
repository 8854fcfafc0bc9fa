#pragma once

#include <QLoggingCategory>

// Logging categories of the core, quiet by default (enable with QT_LOGGING_RULES,
// e.g. "pyro.core.protocol.debug=true").
Q_DECLARE_LOGGING_CATEGORY(lcPyroProtocol)
Q_DECLARE_LOGGING_CATEGORY(lcPyroSerializer)
Q_DECLARE_LOGGING_CATEGORY(lcPyroClient)
Q_DECLARE_LOGGING_CATEGORY(lcPyroNaming)
Q_DECLARE_LOGGING_CATEGORY(lcPyroDaemon)
