#pragma once

#include "naming/nameserverclient.h"
#include "protocol/pyrouri.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Pyro::Cli {

class CliContext;

/*!
    What pyroctl suggests when a name or URI did not work (issue 11): only forms that would
    have worked, checked against the name server. The name server is asked once per run
    (list with metadata) and only on an error path; the one a URI names, else --ns, else
    Pyro4's search. Every hint is one line "(...)\n" to add below the error; an empty string
    when there is nothing true to suggest. Exit codes are never changed by a hint.
    \code
    NameHints hints(ctx);
    CliContext::writeErr(hints.forUnknownName(QStringLiteral("example.lb"))); // (registered names close to it: example.lab)
    \endcode
*/
class NameHints
{
public:
    explicit NameHints(CliContext &ctx);

    //! Ask the name server at \a host:\a port instead of --ns / the search (a URI's location).
    void setNameServer(const QString &host, int port);
    //! Without --ns or PYRO_NS_HOST, do not search for a name server (the broadcast takes seconds).
    void setOnlyIfCheap(bool cheap) { m_onlyIfCheap = cheap; }

    //! The name server's registrations with their tags (Pyro.NameServer left out); nullptr
    //! when none could be asked.
    const QList<NameServerEntry> *registrations();
    const NameServerEntry *registered(const QString &name);

    //! Registered names close to \a name (typos, case, a missing prefix such as "lab" for
    //! "example.lab"), best first, at most \a max.
    QStringList nearNames(const QString &name, int max = 5);
    //! Names registered with the PYRO: URI \a uri (same object at the same address).
    QStringList namesOf(const PyroUri &uri);
    //! Registrations whose PYRO: URI names the object id \a objectId.
    QList<NameServerEntry> withObjectId(const QString &objectId);

    //! "unknown name: NAME": the close registered names, if any.
    QString forUnknownName(const QString &name);
    //! PYROMETA with tags nothing carries: tags that would match, or the registered ones.
    QString forUnknownTags(const QStringList &tags);
    /*!
        URI text that did not parse (PYRO: without address, a mistyped protocol, no port,
        PYROMETA: without tags, ...): the PYRONAME:/PYRO:/PYROMETA: forms that would have
        worked for the object it seems to name.
    */
    QString forBadUri(const QString &text);
    //! A PYRO: URI that could not be reached or has no such object: the name server's
    //! current address of that object or of a name it registers.
    QString forUnreachable(const PyroUri &uri);
    /*!
        An 'ns' subcommand that takes a NAME given a URI (PYRONAME:x, PYRO:...): the name
        that works (when registered), as "pyroctl ns SUBCOMMAND NAME".
    */
    QString forNameCommand(const QString &subcommand, const QString &given, const QStringList &rest = {});

    //! Optimal string alignment distance (Levenshtein with transpositions), case-sensitive.
    static int distance(QStringView a, QStringView b);
    //! Words of \a candidates within a small distance of \a word, best first.
    static QStringList closest(const QString &word, const QStringList &candidates, int max = 5);

private:
    CliContext &m_ctx;
    QString m_nsHost;
    int m_nsPort = 0;
    bool m_onlyIfCheap = false;
    bool m_asked = false;
    std::optional<QList<NameServerEntry>> m_entries;
};

} // namespace Pyro::Cli
