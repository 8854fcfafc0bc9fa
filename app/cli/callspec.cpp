#include "callspec.h"

#include "value/literalparser.h"
#include "value/pythontext.h"

namespace Pyro::Cli {

namespace {

Error specError(const QString &why, qsizetype offset)
{
    Error e(Error::Code::UsageError, QStringLiteral("%1 at %2").arg(why).arg(offset), why);
    e.setOffset(offset);
    return e;
}

/*
    The end of the string literal whose opening quote is at \a i (the index after the
    closing quote), or -1 when it is unterminated. Backslashes always skip the next
    character, which is also right for raw strings as far as finding the end goes.
*/
qsizetype skipString(QStringView s, qsizetype i)
{
    const QChar q = s[i];
    const bool triple = i + 2 < s.size() && s[i + 1] == q && s[i + 2] == q;
    qsizetype j = i + (triple ? 3 : 1);
    while (j < s.size()) {
        const QChar c = s[j];
        if (c == u'\\') {
            j += 2;
            continue;
        }
        if (c == q) {
            if (!triple)
                return j + 1;
            if (j + 2 < s.size() && s[j + 1] == q && s[j + 2] == q)
                return j + 3;
        } else if (c == u'\n' && !triple) {
            return -1;
        }
        ++j;
    }
    return -1;
}

} // namespace

Result<CallSpec> CallSpec::parse(QStringView text)
{
    CallSpec spec;
    qsizetype i = 0;
    while (i < text.size() && text[i].isSpace())
        ++i;
    const qsizetype nameStart = i;
    i += PythonText::identifierLength(text, i);
    if (i == nameStart)
        return specError(QStringLiteral("expected a method name"), i);
    spec.method = text.mid(nameStart, i - nameStart).toString();
    while (i < text.size() && text[i].isSpace())
        ++i;
    if (i >= text.size())
        return spec; // "method" alone: no arguments
    if (text[i] != u'(')
        return specError(QStringLiteral("expected '(' after the method name"), i);
    const qsizetype open = i++;

    // Split the argument list at top-level commas.
    int depth = 0;
    qsizetype pieceStart = i;
    qsizetype close = -1;
    QList<std::pair<qsizetype, qsizetype>> pieces;
    while (i < text.size()) {
        const QChar c = text[i];
        if (c == u'\'' || c == u'"') {
            const qsizetype end = skipString(text, i);
            if (end < 0)
                return specError(QStringLiteral("unterminated string"), i);
            i = end;
            continue;
        }
        if (c == u'(' || c == u'[' || c == u'{') {
            ++depth;
        } else if (c == u')' || c == u']' || c == u'}') {
            if (depth == 0) {
                if (c != u')')
                    return specError(QStringLiteral("unexpected '%1'").arg(c), i);
                pieces.append({ pieceStart, i });
                close = i;
                break;
            }
            --depth;
        } else if (c == u',' && depth == 0) {
            pieces.append({ pieceStart, i });
            pieceStart = i + 1;
        }
        ++i;
    }
    if (close < 0)
        return specError(QStringLiteral("'(' was never closed"), open);
    for (qsizetype k = close + 1; k < text.size(); ++k) {
        if (!text[k].isSpace())
            return specError(QStringLiteral("unexpected text after ')'"), k);
    }

    LiteralParser::Options options;
    options.errorCode = Error::Code::UsageError;
    for (qsizetype p = 0; p < pieces.size(); ++p) {
        qsizetype b = pieces[p].first;
        qsizetype e = pieces[p].second;
        while (b < e && text[b].isSpace())
            ++b;
        while (e > b && text[e - 1].isSpace())
            --e;
        if (b == e) {
            // Only "f()" and a trailing comma "f(1,)" leave an empty piece, and only the last.
            if (p == pieces.size() - 1)
                continue;
            return specError(QStringLiteral("empty argument"), b);
        }
        QString name;
        qsizetype valueStart = b;
        if (const qsizetype nameLength = PythonText::identifierLength(text.first(e), b)) {
            const qsizetype k = b + nameLength;
            qsizetype eq = k;
            while (eq < e && text[eq].isSpace())
                ++eq;
            if (eq < e && text[eq] == u'=' && (eq + 1 >= e || text[eq + 1] != u'=')) {
                name = text.mid(b, k - b).toString();
                valueStart = eq + 1;
                while (valueStart < e && text[valueStart].isSpace())
                    ++valueStart;
            }
        }
        if (name.isEmpty() && !spec.kwargs.isEmpty())
            return specError(QStringLiteral("positional argument follows keyword argument"), b);
        const Result<Value> v = LiteralParser::parse(text.mid(valueStart, e - valueStart), options);
        if (!v) {
            Error err = v.error();
            const qsizetype at = valueStart + qMax<qsizetype>(0, err.offset());
            Error out(Error::Code::UsageError,
                      QStringLiteral("%1 at %2").arg(err.detail().isEmpty() ? err.message() : err.detail()).arg(at),
                      err.detail());
            out.setOffset(at);
            return out;
        }
        if (name.isEmpty())
            spec.args.append(v.value());
        else
            spec.kwargs.insert(name, v.value());
    }
    return spec;
}

} // namespace Pyro::Cli
