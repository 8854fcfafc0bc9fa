#pragma once

#include "client/pendingcall.h"
#include "client/proxy.h"
#include "protocol/pyrouri.h"

#include <QSignalSpy>
#include <QTest>

namespace Pyro::Test {

//! Waits for \a op (autoDelete is switched off; the caller owns it), checking that
//! finished() came exactly once and errorOccurred() exactly when there is an error.
struct Finished
{
    Value result;
    Error error;
    bool ok = false;
    qint64 requestWireSize = -1; //!< PendingCall::requestWireSize()
    qint64 replyWireSize = -1;
};

//! Switches auto-delete off, for operations waited for after others (the caller then owns them).
template<typename Op>
inline Op *keep(Op *op)
{
    op->setAutoDelete(false);
    return op;
}

inline Finished waitFor(PendingCall *op, int timeoutMs = 30000)
{
    Finished out;
    op->setAutoDelete(false);
    QSignalSpy finished(op, &PendingCall::finished);
    QSignalSpy errors(op, &PendingCall::errorOccurred);
    const bool wasFinished = op->isFinished();
    if (!op->waitForFinished(timeoutMs)) {
        out.error = Error(Error::Code::Timeout, QStringLiteral("test: operation did not finish"));
        delete op;
        return out;
    }
    // Let the event loop run on: finished() must not come a second time.
    QCoreApplication::processEvents();
    const int expected = wasFinished ? 0 : 1;
    if (finished.count() != expected || errors.count() != (op->hasError() && !wasFinished ? 1 : 0)) {
        out.error = Error(Error::Code::ProtocolError,
                          QStringLiteral("test: finished emitted %1 times, errorOccurred %2 times").arg(finished.count()).arg(errors.count()));
        delete op;
        return out;
    }
    out.result = op->result();
    out.error = op->error();
    out.ok = !op->hasError();
    out.requestWireSize = op->requestWireSize();
    out.replyWireSize = op->replyWireSize();
    delete op;
    return out;
}

inline PyroUri uriFrom(const QString &text)
{
    return PyroUri::parse(text).valueOr(PyroUri());
}

} // namespace Pyro::Test
