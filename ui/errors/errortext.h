#pragma once

#include "support/error.h"

#include <QCoreApplication>
#include <QString>

namespace Pyro::Ui {

/*!
    User sentences for errors that always say which layer failed — name server, connection,
    protocol/serializer, security or remote code — so that a server-side serialization error
    never reads like a network problem.
*/
struct ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(ErrorText)
public:
    //! "Connection: connection refused by 127.0.0.1:9090" style text, with the remote class.
    static QString describe(const Error &error);
    //! The layer's name alone ("Connection", "Remote code", ...).
    static QString layer(const Error &error);
};

} // namespace Pyro::Ui
