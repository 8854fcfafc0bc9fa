#include "errors/errortext.h"

#include "protocol/connectfail.h"

namespace Pyro::Ui {

QString ErrorText::layer(const Error &error)
{
    switch (error.category()) {
    case Error::Category::None: return QString();
    case Error::Category::Connection: return tr("Connection");
    case Error::Category::Protocol: return tr("Protocol");
    case Error::Category::Serialization: return tr("Serializer");
    case Error::Category::Security: return tr("Security");
    case Error::Category::Remote: return tr("Remote code");
    case Error::Category::Naming: return tr("Name server");
    case Error::Category::Usage: return tr("Input");
    }
    return QString();
}

QString ErrorText::describe(const Error &error)
{
    if (!error.isError())
        return QString();
    QString text = error.toString();
    bool showDetail = !error.detail().isEmpty() && error.category() != Error::Category::Remote;
    if (error.code() == Error::Code::HandshakeRejected)
        text = tr("the daemon refused the connection: %1").arg(error.message());
    if (error.code() == Error::Code::UnsupportedSerializer) {
        // Pyro4 names only the refused serializer's id; say its name instead.
        const QString refused = refusedSerializerName(error.detail());
        if (!refused.isEmpty()) {
            text = tr("the server refuses the %1 serializer and does not say which ones it accepts").arg(refused);
            showDetail = false; // the detail is that same reason in Pyro4's words
        }
        text = tr("%1 (pick another serializer in the settings)").arg(text);
    }
    if (error.code() == Error::Code::ProtocolMismatch || error.code() == Error::Code::NotPyro) {
        // The message already says what answered; the detail is only the raw bytes.
        if (error.code() == Error::Code::NotPyro)
            text = tr("%1 (check the host and port)").arg(error.message());
        showDetail = false;
    }
    if (showDetail)
        text += QStringLiteral(" (%1)").arg(error.detail());
    return tr("%1: %2", "failing layer (e.g. 'Remote code'), then the message").arg(layer(error), text);
}

} // namespace Pyro::Ui
