#include "common/errortext.h"

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
    if (error.code() == Error::Code::HandshakeRejected)
        text = tr("the daemon refused the connection: %1").arg(error.message());
    if (error.code() == Error::Code::UnsupportedSerializer)
        text = tr("%1 (pick another serializer in the settings)").arg(text);
    if (!error.detail().isEmpty() && error.category() != Error::Category::Remote)
        text += QStringLiteral(" (%1)").arg(error.detail());
    return layer(error) + QStringLiteral(": ") + text;
}

} // namespace Pyro::Ui
