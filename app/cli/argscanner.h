#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Pyro::Cli {

/*!
    Splits a command's words into its own options and positional words. Only the options
    the command declares are recognised, by exact name ("--max N" or "--max=N"); every other
    word is positional, so "-5", "-1.5e3" and "--x" reach the command as ARG literals.
    A lone "--" ends option recognition.
    \code
    ArgScanner s({QStringLiteral("--meta")}, {QStringLiteral("--regex")});
    if (!s.scan(args)) return usage(s.errorWhat(), s.errorWhy());
    bool meta = s.isSet(QStringLiteral("--meta"));
    \endcode
*/
class ArgScanner
{
public:
    ArgScanner(const QStringList &flags, const QStringList &valueOptions);

    bool scan(const QStringList &args);
    QStringList positional() const { return m_positional; }
    bool isSet(const QString &name) const { return m_flags.contains(name) || m_values.contains(name); }
    //! The last value given for \a name, or \a fallback.
    QString value(const QString &name, const QString &fallback = QString()) const;
    //! Every value given for a repeatable option such as --tag, in order.
    QStringList values(const QString &name) const { return m_values.value(name); }

    QString errorWhat() const { return m_errorWhat; }
    QString errorWhy() const { return m_errorWhy; }

private:
    QSet<QString> m_knownFlags;
    QSet<QString> m_knownValues;
    QSet<QString> m_flags;
    QHash<QString, QStringList> m_values;
    QStringList m_positional;
    QString m_errorWhat;
    QString m_errorWhy;
};

} // namespace Pyro::Cli
