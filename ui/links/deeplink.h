#pragma once

#include "protocol/pyrouri.h"
#include "support/result.h"

#include <QCoreApplication>
#include <QString>

namespace Pyro::Ui {

/*!
    A \c pyroexplorer: link that opens the explorer on a name server or on an object, so that
    a place in the explorer can be shared in chat, a wiki or a bug report and opened with a
    click (the .desktop file registers the scheme):

    \list
    \li \c pyroexplorer://ns/HOST[:PORT] — browse the name server (port 9090 when left out;
        IPv6 in brackets: \c pyroexplorer://ns/[::1]:9090)
    \li \c pyroexplorer://object/URI — inspect an object; URI is a percent-encoded
        PYRO:, PYRONAME: or PYROMETA: URI (an unencoded one is accepted too)
    \li \c pyroexplorer://object/URI?method=NAME — and pick NAME in the invocation form
    \endlist

    The scheme and the kind are case-insensitive; one trailing '/' is ignored (some browsers
    add it). A plain value; parse() gives a UsageError saying what is wrong.
*/
class DeepLink
{
    Q_DECLARE_TR_FUNCTIONS(DeepLink)
public:
    enum class Kind { Invalid, NameServer, Object };

    DeepLink() = default; // invalid

    static DeepLink nameServer(const QString &host, int port = 9090);
    static DeepLink object(const PyroUri &uri, const QString &method = QString());
    static Result<DeepLink> parse(QStringView text);
    //! True when \a text uses the pyroexplorer: scheme (whether or not it is well formed).
    static bool hasScheme(QStringView text);

    Kind kind() const { return m_kind; }
    bool isValid() const { return m_kind != Kind::Invalid; }
    //! NameServer: the host (IPv6 without brackets) and port.
    QString host() const { return m_host; }
    int port() const { return m_port; }
    //! NameServer: "host:port" ("[::1]:9090" for IPv6), as --ns takes it.
    QString location() const;
    //! Object: the object's URI and the optional method.
    PyroUri uri() const { return m_uri; }
    QString method() const { return m_method; }

    //! The canonical link text (empty when invalid).
    QString toString() const;

    friend bool operator==(const DeepLink &a, const DeepLink &b)
    {
        return a.m_kind == b.m_kind && a.m_host == b.m_host && a.m_port == b.m_port && a.m_uri == b.m_uri
                && a.m_method == b.m_method;
    }

private:
    Kind m_kind = Kind::Invalid;
    QString m_host;
    int m_port = 0;
    PyroUri m_uri;
    QString m_method;
};

} // namespace Pyro::Ui
