#include "argscanner.h"

namespace Pyro::Cli {

ArgScanner::ArgScanner(const QStringList &flags, const QStringList &valueOptions)
    : m_knownFlags(flags.cbegin(), flags.cend()), m_knownValues(valueOptions.cbegin(), valueOptions.cend())
{
}

bool ArgScanner::scan(const QStringList &args)
{
    bool optionsDone = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (optionsDone) {
            m_positional.append(arg);
            continue;
        }
        if (arg == QLatin1String("--")) {
            optionsDone = true;
            continue;
        }
        QString name = arg;
        QString inlineValue;
        bool hasInline = false;
        const qsizetype eq = arg.indexOf(u'=');
        if (arg.startsWith(QLatin1String("--")) && eq > 2) {
            name = arg.left(eq);
            inlineValue = arg.mid(eq + 1);
            hasInline = true;
        }
        if (m_knownFlags.contains(name)) {
            if (hasInline) {
                m_errorWhat = name;
                m_errorWhy = QStringLiteral("takes no value");
                return false;
            }
            m_flags.insert(name);
            continue;
        }
        if (m_knownValues.contains(name)) {
            if (!hasInline) {
                if (i + 1 >= args.size()) {
                    m_errorWhat = name;
                    m_errorWhy = QStringLiteral("missing value");
                    return false;
                }
                inlineValue = args.at(++i);
            }
            m_values[name].append(inlineValue);
            continue;
        }
        m_positional.append(arg);
    }
    return true;
}

QString ArgScanner::value(const QString &name, const QString &fallback) const
{
    const QStringList v = m_values.value(name);
    return v.isEmpty() ? fallback : v.last();
}

} // namespace Pyro::Cli
