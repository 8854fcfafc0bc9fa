#include "invoke/argumentline.h"

#include "invoke/invocation.h"
#include "value/literalparser.h"
#include "value/pythontext.h"

#include <QCoreApplication>

namespace Pyro::Ui {

namespace {

Error lineError(const QString &message, qsizetype offset)
{
    Error e(Error::Code::UsageError, message);
    e.setOffset(offset);
    return e;
}

//! Length of "name =" at the start of \a part (after blanks), 0 when the part is not a keyword argument.
qsizetype keywordPrefix(QStringView part, QString *name)
{
    qsizetype i = 0;
    while (i < part.size() && part.at(i).isSpace())
        ++i;
    const qsizetype start = i;
    i += PythonText::identifierLength(part, start);
    if (i == start)
        return 0;
    const qsizetype end = i;
    while (i < part.size() && part.at(i).isSpace())
        ++i;
    if (i >= part.size() || part.at(i) != u'=' || (i + 1 < part.size() && part.at(i + 1) == u'='))
        return 0;
    *name = part.mid(start, end - start).toString();
    return i + 1;
}

} // namespace

QList<std::pair<qsizetype, qsizetype>> ArgumentLine::split(QStringView text)
{
    QList<std::pair<qsizetype, qsizetype>> parts;
    qsizetype start = 0;
    int depth = 0;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        const QChar c = text.at(i);
        if (c == u'\'' || c == u'"') {
            // A string literal (any prefix is part of the word before it): skip to its end.
            const bool triple = i + 2 < n && text.at(i + 1) == c && text.at(i + 2) == c;
            const qsizetype quoteLen = triple ? 3 : 1;
            i += quoteLen;
            while (i < n) {
                if (text.at(i) == u'\\') {
                    i += 2;
                    continue;
                }
                if (text.at(i) == c && (!triple || (i + 2 < n && text.at(i + 1) == c && text.at(i + 2) == c))) {
                    i += quoteLen;
                    break;
                }
                ++i;
            }
            continue;
        }
        if (c == u'#') { // a comment runs to the end of the line
            while (i < n && text.at(i) != u'\n')
                ++i;
            continue;
        }
        if (c == u'(' || c == u'[' || c == u'{')
            ++depth;
        else if ((c == u')' || c == u']' || c == u'}') && depth > 0)
            --depth;
        else if (c == u',' && depth == 0) {
            parts.append({ start, i });
            start = i + 1;
        }
        ++i;
    }
    parts.append({ start, n });
    return parts;
}

Result<ArgumentLine::Arguments> ArgumentLine::parse(QStringView text)
{
    Arguments out;
    const auto parts = split(text);
    LiteralParser::Options options;
    options.errorCode = Error::Code::UsageError;
    bool sawKeyword = false;
    for (qsizetype p = 0; p < parts.size(); ++p) {
        const auto [start, end] = parts.at(p);
        const QStringView part = text.mid(start, end - start);
        if (part.trimmed().isEmpty()) {
            // Nothing at all, or a trailing comma after at least one argument.
            if (parts.size() == 1 || (p == parts.size() - 1 && p > 0))
                continue;
            return lineError(QCoreApplication::translate("Pyro::Ui::ArgumentLine", "argument %1 is empty").arg(p + 1), start);
        }
        QString name;
        const qsizetype prefix = keywordPrefix(part, &name);
        const QStringView literal = part.mid(prefix);
        Result<Value> value = LiteralParser::parse(literal, options);
        if (!value) {
            const qsizetype at = start + prefix + qMax<qsizetype>(0, value.error().offset());
            QString reason = value.error().message();
            // A bare word is most likely meant as a string: say how to send one.
            const QString word = literal.trimmed().toString();
            if (PythonText::isIdentifier(word))
                reason = QCoreApplication::translate("Pyro::Ui::ArgumentLine", "%1 is not a Python literal; for a string write '%1'")
                                 .arg(word);
            return lineError(QCoreApplication::translate("Pyro::Ui::ArgumentLine", "argument %1: %2").arg(p + 1).arg(reason), at);
        }
        if (prefix > 0) {
            if (out.kwargs.contains(Value(name)))
                return lineError(QCoreApplication::translate("Pyro::Ui::ArgumentLine", "keyword argument repeated: %1").arg(name), start);
            out.kwargs.insert(Value(name), value.value());
            sawKeyword = true;
        } else {
            if (sawKeyword)
                return lineError(QCoreApplication::translate("Pyro::Ui::ArgumentLine", "positional argument follows keyword argument"),
                                 start);
            out.args.append(value.value());
        }
    }
    return out;
}

QString ArgumentLine::format(const ValueList &args, const Dict &kwargs)
{
    Invocation inv;
    inv.args = args;
    inv.kwargs = kwargs;
    return inv.argumentText();
}

} // namespace Pyro::Ui
