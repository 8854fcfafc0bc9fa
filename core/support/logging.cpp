#include "support/logging.h"

Q_LOGGING_CATEGORY(lcPyroProtocol, "pyro.core.protocol", QtWarningMsg)
Q_LOGGING_CATEGORY(lcPyroSerializer, "pyro.core.serializer", QtWarningMsg)
Q_LOGGING_CATEGORY(lcPyroClient, "pyro.core.client", QtWarningMsg)
Q_LOGGING_CATEGORY(lcPyroNaming, "pyro.core.naming", QtWarningMsg)
Q_LOGGING_CATEGORY(lcPyroDaemon, "pyro.core.daemon", QtWarningMsg)
