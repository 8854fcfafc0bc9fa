#include "value/literalparser.h"

#include "value/bigint.h"
#include "value/pyroobjects.h"
#include "value/pythontext.h"

#include <QList>

#include <clocale>
#include <cmath>
#include <cstdlib>
#include <locale.h>
#include <optional>

namespace Pyro {

namespace {

// How literal_eval sees an operand: it only allows a sign before a number constant and
// "real +/- imaginary" between number constants, so every parsed item carries its shape.
enum class Kind {
    Number, // an unsigned int/float/imaginary literal, possibly in parentheses
    SignedNumber, // a sign applied to a Number
    ComplexSum, // real +/- imaginary
    Other,
};

struct Item
{
    Value value;
    Kind kind = Kind::Other;
    qsizetype start = 0;
};

enum class FrameType { Top, Paren, List, Brace, Call };

// One open bracket (or the top level). The parser keeps these on a heap stack instead of
// recursing, so nesting depth is bounded by Options::maxDepth only.
struct Frame
{
    FrameType type = FrameType::Top;
    qsizetype open = 0; // offset of the bracket (or of the call's name)
    QString callName;
    ValueList items;
    Dict dict;
    bool isDict = false;
    bool isSet = false;
    bool sawComma = false;
    std::optional<Item> key; // dict key waiting for its value

    // The expression being parsed inside this frame.
    int sign = 0; // -1 or +1 when a unary sign is pending
    qsizetype signPos = 0;
    std::optional<Item> left; // left operand of a pending binary +/-
    bool subtract = false;
    qsizetype opPos = 0;
};

struct ParseError
{
    QString reason;
    qsizetype pos;
};

// The proxy constructors pyro-explorer and pyroctl print a proxy argument as
// (Pyro4.core.Proxy('PYRO:...')), read back into the proxy's class dict. 0: not one.
int proxyConstructorVersion(QStringView name)
{
    if (name == u"Proxy" || name == u"Pyro4.Proxy" || name == u"Pyro4.core.Proxy")
        return 4;
    if (name == u"Pyro5.api.Proxy" || name == u"Pyro5.client.Proxy")
        return 5;
    return 0;
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

QString quoteChar(QChar c)
{
    if (c.unicode() < 0x20 || c.unicode() == 0x7f)
        return QStringLiteral("'\\x%1'").arg(c.unicode(), 2, 16, QLatin1Char('0'));
    return QLatin1Char('\'') + c + QLatin1Char('\'');
}

// strtod in the C locale: correctly rounded, overflow to inf and gradual underflow as
// Python's float(), and independent of the LC_NUMERIC a Qt application sets.
double parseDouble(const QByteArray &ascii)
{
    static const locale_t cLocale = newlocale(LC_ALL_MASK, "C", locale_t(nullptr));
    return strtod_l(ascii.constData(), nullptr, cLocale);
}

class Parser
{
public:
    Parser(QStringView text, const LiteralParser::Options &options) : m_text(text), m_options(options) { }

    Result<Value> run();

private:
    // --- lexing helpers
    QChar peek(qsizetype offset = 0) const
    {
        const qsizetype i = m_pos + offset;
        return i < m_text.size() ? m_text[i] : QChar();
    }
    bool atTop() const { return m_frames.size() == 1; }
    void skipSpace();
    bool restIsBlank(qsizetype from) const;
    bool stringStartsAt(qsizetype pos, qsizetype *prefixLen = nullptr) const;

    std::optional<ParseError> parseNumber(Item &out);
    std::optional<ParseError> parseStrings(Item &out);
    std::optional<ParseError> parseOneString(bool &isBytes, QString &text, QByteArray &bytes);

    // --- grammar
    std::optional<ParseError> deliver(Item item);
    std::optional<ParseError> addToFrame(Frame &frame, const Item &item, qsizetype separatorPos);
    std::optional<ParseError> closeFrame(qsizetype closerPos);
    std::optional<ParseError> finishCall(const Frame &frame, Item &out);

    QStringView m_text;
    const LiteralParser::Options &m_options;
    qsizetype m_pos = 0;
    QList<Frame> m_frames;
    std::optional<Item> m_current; // completed value waiting for a separator or closer
    bool m_closeAllowed = false; // an empty close is valid here: "()" or "(1,)"
    bool m_started = false;
    std::optional<Value> m_result;
};

void Parser::skipSpace()
{
    while (m_pos < m_text.size()) {
        const QChar c = m_text[m_pos];
        if (c == u' ' || c == u'\t' || c == u'\f') {
            ++m_pos;
        } else if ((c == u'\n' || c == u'\r') && !atTop()) {
            ++m_pos;
        } else if (c == u'#') {
            while (m_pos < m_text.size() && m_text[m_pos] != u'\n' && m_text[m_pos] != u'\r')
                ++m_pos;
        } else if (c == u'\\' && (peek(1) == u'\n' || peek(1) == u'\r')) {
            // explicit line continuation
            m_pos += (peek(1) == u'\r' && peek(2) == u'\n') ? 3 : 2;
        } else {
            return;
        }
    }
}

bool Parser::restIsBlank(qsizetype from) const
{
    for (qsizetype i = from; i < m_text.size(); ++i) {
        const QChar c = m_text[i];
        if (c == u'#') {
            while (i < m_text.size() && m_text[i] != u'\n' && m_text[i] != u'\r')
                ++i;
            --i;
        } else if (!(c == u' ' || c == u'\t' || c == u'\f' || c == u'\n' || c == u'\r' || c == u'\\')) {
            return false;
        }
    }
    return true;
}

bool Parser::stringStartsAt(qsizetype pos, qsizetype *prefixLen) const
{
    qsizetype i = pos;
    while (i < m_text.size() && i - pos < 2) {
        const char16_t c = m_text[i].toLower().unicode();
        if (c != u'r' && c != u'u' && c != u'b' && c != u'f')
            break;
        ++i;
    }
    if (i >= m_text.size() || (m_text[i] != u'\'' && m_text[i] != u'"'))
        return false;
    if (prefixLen)
        *prefixLen = i - pos;
    return true;
}

std::optional<ParseError> Parser::parseNumber(Item &out)
{
    const qsizetype start = m_pos;
    out.start = start;
    out.kind = Kind::Number;
    const char16_t *const p = reinterpret_cast<const char16_t *>(m_text.utf16()) + start;
    const PythonText::Number number =
            PythonText::scanNumber(p, p + (m_text.size() - start), PythonText::NumberGrammar::Python);
    m_pos = start + number.length;
    if (number.fault != PythonText::Number::Fault::None)
        return ParseError { PythonText::numberFaultText(number, m_text[start + number.faultAt]), start + number.faultAt };
    const bool tooLong = number.kind == PythonText::Number::Kind::Int && number.base == 10
            && number.intDigits > m_options.maxIntDigits;
    if (tooLong || !PythonText::numberValue(p, number, m_options.maxIntDigits, out.value)) {
        return ParseError { QStringLiteral("integer literal has %1 digits, more than the limit of %2")
                                    .arg(number.intDigits)
                                    .arg(m_options.maxIntDigits),
                            start };
    }
    return std::nullopt;
}

std::optional<ParseError> Parser::parseOneString(bool &isBytes, QString &text, QByteArray &bytes)
{
    const qsizetype start = m_pos;
    qsizetype prefixLen = 0;
    stringStartsAt(m_pos, &prefixLen);
    bool raw = false, isB = false, isF = false, isU = false;
    for (qsizetype i = 0; i < prefixLen; ++i) {
        const char16_t c = m_text[m_pos + i].toLower().unicode();
        bool &flag = c == u'r' ? raw : c == u'b' ? isB : c == u'f' ? isF : isU;
        if (flag)
            return ParseError { QStringLiteral("invalid string prefix"), start };
        flag = true;
    }
    if ((isU && prefixLen > 1) || (isB && isF))
        return ParseError { QStringLiteral("invalid string prefix"), start };
    if (isF)
        return ParseError { QStringLiteral("f-strings are not literals"), start };
    isBytes = isB;
    m_pos += prefixLen;

    const QChar quote = m_text[m_pos];
    const bool triple = peek(1) == quote && peek(2) == quote;
    m_pos += triple ? 3 : 1;

    const auto unterminated = [&] {
        return ParseError { QStringLiteral("unterminated string starting"), start };
    };
    const auto appendCodePoint = [&](char32_t cp, qsizetype at) -> std::optional<ParseError> {
        if (isBytes) {
            if (cp > 0x7f)
                return ParseError { QStringLiteral("bytes can only contain ASCII literal characters"), at };
            bytes.append(char(cp));
        } else if (cp > 0xffff) {
            text += QChar(QChar::highSurrogate(cp));
            text += QChar(QChar::lowSurrogate(cp));
        } else {
            text += QChar(char16_t(cp));
        }
        return std::nullopt;
    };
    // A raw character from the source; surrogate pairs pass through unchanged.
    const auto appendSource = [&](QChar c, qsizetype at) -> std::optional<ParseError> {
        if (isBytes) {
            if (c.unicode() > 0x7f)
                return ParseError { QStringLiteral("bytes can only contain ASCII literal characters"), at };
            bytes.append(char(c.unicode()));
        } else {
            text += c;
        }
        return std::nullopt;
    };

    while (true) {
        if (m_pos >= m_text.size())
            return unterminated();
        const QChar c = m_text[m_pos];
        if (c == quote) {
            if (!triple) {
                ++m_pos;
                return std::nullopt;
            }
            if (peek(1) == quote && peek(2) == quote) {
                m_pos += 3;
                return std::nullopt;
            }
        }
        if (c == u'\n' || c == u'\r') {
            if (!triple)
                return unterminated();
            // The tokenizer reads universal newlines.
            m_pos += (c == u'\r' && peek(1) == u'\n') ? 2 : 1;
            appendSource(u'\n', m_pos);
            continue;
        }
        if (c != u'\\') {
            if (auto e = appendSource(c, m_pos))
                return e;
            ++m_pos;
            continue;
        }
        // backslash
        const qsizetype escPos = m_pos;
        if (m_pos + 1 >= m_text.size())
            return unterminated();
        const QChar e = m_text[m_pos + 1];
        if (raw) {
            // The backslash stays; it only keeps the next character from ending the string.
            appendSource(u'\\', escPos);
            if (e == u'\r' || e == u'\n') {
                appendSource(u'\n', escPos + 1);
                m_pos += (e == u'\r' && peek(2) == u'\n') ? 3 : 2;
                continue;
            }
            if (auto err = appendSource(e, escPos + 1))
                return err;
            m_pos += 2;
            continue;
        }
        const char16_t *const units = reinterpret_cast<const char16_t *>(m_text.utf16());
        const PythonText::Escape decoded = PythonText::decodeEscape(
                units + escPos, units + m_text.size(), isBytes ? PythonText::EscapeGrammar::Bytes : PythonText::EscapeGrammar::Str);
        if (decoded.kind == PythonText::Escape::Kind::Fault)
            return ParseError { PythonText::escapeFaultText(decoded), escPos };
        if (decoded.kind != PythonText::Escape::Kind::Unknown)
            m_pos = escPos + decoded.length;
        if (decoded.kind == PythonText::Escape::Kind::LineContinuation)
            continue;
        if (decoded.kind == PythonText::Escape::Kind::CodePoint) {
            if (isBytes)
                bytes.append(char(decoded.codePoint)); // below 256; octal keeps the low 8 bits, as Python 3.11
            else
                appendCodePoint(decoded.codePoint, escPos);
            continue;
        }
        // Unknown escape: Python keeps the backslash (with a DeprecationWarning).
        if (auto err = appendSource(u'\\', escPos))
            return err;
        m_pos = escPos + 1; // the escaped character is read again as an ordinary one
    }
}

std::optional<ParseError> Parser::parseStrings(Item &out)
{
    out.start = m_pos;
    out.kind = Kind::Other;
    bool first = true, wantBytes = false;
    QString text;
    QByteArray bytes;
    while (true) {
        const qsizetype at = m_pos;
        bool isBytes = false;
        if (auto e = parseOneString(isBytes, text, bytes))
            return e;
        if (!first && isBytes != wantBytes)
            return ParseError { QStringLiteral("cannot mix bytes and nonbytes literals"), at };
        wantBytes = isBytes;
        first = false;
        skipSpace();
        if (!stringStartsAt(m_pos))
            break;
    }
    out.value = wantBytes ? Value::bytes(bytes) : Value(text);
    return std::nullopt;
}

std::optional<ParseError> Parser::deliver(Item item)
{
    Frame &f = m_frames.last();
    if (f.sign) {
        if (item.kind != Kind::Number)
            return ParseError { QStringLiteral("a sign can only be applied to a number"), f.signPos };
        if (f.sign < 0) {
            const Value &v = item.value;
            if (v.isFloat())
                item.value = Value(-v.toDouble());
            else if (v.isComplex())
                item.value = Value(Complex(-v.toComplex().real(), -v.toComplex().imag()));
            else
                item.value = Value(-v.toBigInt());
        }
        item.kind = Kind::SignedNumber;
        item.start = f.signPos;
        f.sign = 0;
    }
    if (f.left) {
        if (item.kind != Kind::Number || !item.value.isComplex()) {
            return ParseError { QStringLiteral("an imaginary number must follow '%1'").arg(QChar(f.subtract ? u'-' : u'+')),
                                item.start };
        }
        const Value &l = f.left->value;
        double real = 0.0;
        if (l.isFloat()) {
            real = l.toDouble();
        } else {
            real = l.toBigInt().toDouble();
            if (std::isinf(real))
                return ParseError { QStringLiteral("int too large to convert to float"), f.left->start };
        }
        // complex(real, 0.0) +/- right, as Python computes it
        const Complex r = item.value.toComplex();
        const Complex sum = f.subtract ? Complex(real - r.real(), 0.0 - r.imag())
                                       : Complex(real + r.real(), 0.0 + r.imag());
        item = Item { Value(sum), Kind::ComplexSum, f.left->start };
        f.left.reset();
    }
    m_current = item;
    return std::nullopt;
}

std::optional<ParseError> Parser::addToFrame(Frame &f, const Item &item, qsizetype separatorPos)
{
    switch (f.type) {
    case FrameType::Top:
    case FrameType::Paren:
    case FrameType::List:
    case FrameType::Call:
        f.items.append(item.value);
        return std::nullopt;
    case FrameType::Brace:
        if (f.key) {
            f.dict.insert(f.key->value, item.value);
            f.key.reset();
            return std::nullopt;
        }
        if (f.isDict)
            return ParseError { QStringLiteral("':' expected after dictionary key"), separatorPos };
        if (!item.value.isHashable())
            return ParseError { QStringLiteral("unhashable set member of type '%1'").arg(item.value.typeName()),
                                item.start };
        f.isSet = true;
        f.items.append(item.value);
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<ParseError> Parser::finishCall(const Frame &f, Item &out)
{
    const QString &name = f.callName;
    const ValueList &args = f.items;
    const auto bad = [&](const QString &why) { return ParseError { why, f.open }; };
    if (args.size() > 1)
        return bad(QStringLiteral("%1() takes at most 1 argument").arg(name));
    const Value arg = args.isEmpty() ? Value() : args.first();

    if (const int version = proxyConstructorVersion(name)) {
        // The class dict a Python Pyro client sends for a proxy (its __getstate__ tuple),
        // with no methods known and the default handshake; the URI is checked for its scheme
        // only here (the client layer parses it when it is used).
        const QString uri = arg.isStr() ? arg.toStr() : QString();
        static const QStringList schemes { QStringLiteral("PYRO:"), QStringLiteral("PYRONAME:"), QStringLiteral("PYROMETA:") };
        bool known = false;
        for (const QString &scheme : schemes)
            known = known || uri.startsWith(scheme, Qt::CaseInsensitive);
        if (!known)
            return bad(QStringLiteral("%1() needs a PYRO:, PYRONAME: or PYROMETA: URI string").arg(name));
        out.value = PyroObjects::proxyValue(uri, version == 5);
        return std::nullopt;
    }

    if (name == u"set" || name == u"frozenset") {
        ValueList items;
        if (!args.isEmpty()) {
            if (!arg.hasItems())
                return bad(QStringLiteral("%1() needs a tuple, list, set or frozenset literal").arg(name));
            items = arg.items();
            for (const Value &v : std::as_const(items))
                if (!v.isHashable())
                    return bad(QStringLiteral("unhashable set member of type '%1'").arg(v.typeName()));
        }
        out.value = name == u"set" ? Value::set(items) : Value::frozenSet(items);
        return std::nullopt;
    }
    if (name == u"bytearray") {
        if (args.isEmpty() || arg.isBytesLike()) {
            out.value = Value::byteArray(arg.toBytes());
            return std::nullopt;
        }
        if (arg.isSequence()) {
            QByteArray data;
            for (const Value &v : arg.items()) {
                bool ok = false;
                const qint64 b = v.toInt64(&ok);
                if (!ok || v.isBool() || b < 0 || b > 255)
                    return bad(QStringLiteral("bytearray() items must be ints in range(0, 256)"));
                data.append(char(b));
            }
            out.value = Value::byteArray(data);
            return std::nullopt;
        }
        return bad(QStringLiteral("bytearray() needs a bytes literal or a list of ints"));
    }
    // float
    if (args.isEmpty()) {
        out.value = Value(0.0);
        return std::nullopt;
    }
    if (arg.isNumber() && !arg.isBool()) {
        if (arg.isBigInt() && std::isinf(arg.toDouble()))
            return bad(QStringLiteral("int too large to convert to float"));
        out.value = Value(arg.toDouble());
        return std::nullopt;
    }
    if (arg.isStr()) {
        // What float(str) accepts, minus underscores and non-ASCII digits.
        const QString s = arg.toStr().trimmed();
        QString body = s;
        bool negative = false;
        if (body.startsWith(u'-') || body.startsWith(u'+')) {
            negative = body.startsWith(u'-');
            body.remove(0, 1);
        }
        const QString lower = body.toLower();
        if (lower == u"inf" || lower == u"infinity") {
            out.value = Value(negative ? -INFINITY : INFINITY);
            return std::nullopt;
        }
        if (lower == u"nan") {
            out.value = Value(negative ? -NAN : NAN);
            return std::nullopt;
        }
        bool digits = false, valid = !body.isEmpty();
        for (qsizetype i = 0; i < body.size() && valid; ++i) {
            const QChar c = body[i];
            if (isDigit(c)) {
                digits = true;
            } else if (c == u'.' || c == u'e' || c == u'E'
                       || ((c == u'+' || c == u'-') && i > 0 && (body[i - 1] == u'e' || body[i - 1] == u'E'))) {
            } else {
                valid = false;
            }
        }
        if (valid && digits && body.count(u'.') <= 1 && body.count(u'e', Qt::CaseInsensitive) <= 1) {
            const double d = parseDouble(body.toLatin1());
            out.value = Value(negative ? -d : d);
            return std::nullopt;
        }
        return bad(QStringLiteral("could not convert string to float: %1").arg(arg.repr()));
    }
    return bad(QStringLiteral("float() needs a number or a string"));
}

std::optional<ParseError> Parser::closeFrame(qsizetype closerPos)
{
    Frame f = m_frames.takeLast();
    Item item;
    item.start = f.open;
    switch (f.type) {
    case FrameType::Top:
        break; // not reached: the top level has no closer
    case FrameType::Paren:
        if (!f.sawComma && m_current) {
            item = *m_current; // grouping: keeps its shape, so "-(1)" works as in Python
            item.start = f.open;
        } else {
            item.value = Value::tuple(f.items);
        }
        break;
    case FrameType::List:
        item.value = Value::list(f.items);
        break;
    case FrameType::Brace:
        if (f.key)
            return ParseError { QStringLiteral("expected a value for the dictionary key"), closerPos };
        item.value = f.isSet ? Value::set(f.items) : Value(f.dict);
        break;
    case FrameType::Call:
        if (auto e = finishCall(f, item))
            return e;
        break;
    }
    m_current.reset();
    return deliver(item);
}

Result<Value> Parser::run()
{
    const auto fail = [this](const ParseError &e) -> Result<Value> {
        Error err(m_options.errorCode, QStringLiteral("%1 at %2").arg(e.reason).arg(e.pos), e.reason);
        err.setOffset(e.pos);
        return err;
    };

    const qsizetype nul = m_text.indexOf(QChar(0));
    if (nul >= 0)
        return fail({ QStringLiteral("the text contains a NUL character"), nul });

    m_frames.append(Frame());
    enum class State { ExpectValue, AfterValue } state = State::ExpectValue;
    m_closeAllowed = false;

    while (true) {
        skipSpace();
        const qsizetype pos = m_pos;
        QChar c = peek();
        const bool newline = c == u'\n' || c == u'\r';
        const bool end = pos >= m_text.size() || (atTop() && newline && restIsBlank(pos));
        if (newline && !end) {
            // Leading blank lines are fine (literal_eval strips them); a newline between
            // tokens outside brackets ends the expression in Python.
            if (!m_started) {
                ++m_pos;
                continue;
            }
            return fail({ QStringLiteral("unexpected newline outside brackets"), pos });
        }
        const auto closerFor = [](FrameType t) {
            return t == FrameType::List ? u']' : t == FrameType::Brace ? u'}' : u')';
        };
        const bool isCloser = c == u')' || c == u']' || c == u'}';
        Frame &f = m_frames.last();

        if (state == State::ExpectValue) {
            if (end) {
                if (atTop() && f.sawComma && !f.sign && !f.left && m_closeAllowed)
                    return Value::tuple(f.items); // "1, 2,"
                if (!atTop()) {
                    return fail({ QStringLiteral("'%1' was never closed").arg(QChar(closerFor(f.type) == u']' ? u'['
                                                                                   : closerFor(f.type) == u'}' ? u'{'
                                                                                                               : u'(')),
                                  f.open });
                }
                return fail({ QStringLiteral("unexpected end of input"), m_text.size() });
            }
            m_started = true;
            if (c == u'+' || c == u'-') {
                if (f.sign)
                    return fail({ QStringLiteral("a sign can only be applied to a number"), f.signPos });
                f.sign = c == u'-' ? -1 : 1;
                f.signPos = pos;
                ++m_pos;
                m_closeAllowed = false;
                continue;
            }
            if (c == u'(' || c == u'[' || c == u'{') {
                if (m_frames.size() > m_options.maxDepth)
                    return fail({ QStringLiteral("nesting deeper than %1 levels").arg(m_options.maxDepth), pos });
                Frame nf;
                nf.type = c == u'(' ? FrameType::Paren : c == u'[' ? FrameType::List : FrameType::Brace;
                nf.open = pos;
                m_frames.append(nf);
                ++m_pos;
                m_closeAllowed = true;
                continue;
            }
            if (isCloser) {
                if (m_closeAllowed && !atTop() && c == closerFor(f.type) && !f.sign && !f.left && !f.key) {
                    ++m_pos;
                    m_current.reset();
                    if (auto e = closeFrame(pos))
                        return fail(*e);
                    state = State::AfterValue;
                    continue;
                }
                return fail({ QStringLiteral("unexpected %1").arg(quoteChar(c)), pos });
            }
            Item item;
            std::optional<ParseError> err;
            if (stringStartsAt(pos)) {
                err = parseStrings(item);
            } else if (isDigit(c) || (c == u'.' && isDigit(peek(1)))) {
                err = parseNumber(item);
            } else if (const qsizetype nameLength = PythonText::identifierLength(m_text, pos)) {
                m_pos = pos + nameLength;
                // A dotted name (Pyro4.core.Proxy): only constructors below accept one.
                while (m_pos + 1 < m_text.size() && m_text[m_pos] == u'.') {
                    const qsizetype part = PythonText::identifierLength(m_text, m_pos + 1);
                    if (!part)
                        break;
                    m_pos += 1 + part;
                }
                const QStringView name = m_text.sliced(pos, m_pos - pos);
                item.start = pos;
                if (name == u"None") {
                    item.value = Value();
                } else if (name == u"True" || name == u"False") {
                    item.value = Value(name == u"True");
                } else if (name == u"inf" || name == u"nan") {
                    item.value = Value(name == u"inf" ? INFINITY : NAN);
                    item.kind = Kind::Number;
                } else if (name == u"infj" || name == u"nanj") {
                    item.value = Value(Complex(0.0, name == u"infj" ? INFINITY : NAN));
                    item.kind = Kind::Number;
                } else if (name == u"set" || name == u"frozenset" || name == u"bytearray" || name == u"float"
                           || proxyConstructorVersion(name)) {
                    skipSpace();
                    if (peek() != u'(')
                        return fail({ QStringLiteral("'%1' must be called, as in %1()").arg(name), pos });
                    if (m_frames.size() > m_options.maxDepth)
                        return fail({ QStringLiteral("nesting deeper than %1 levels").arg(m_options.maxDepth), pos });
                    Frame nf;
                    nf.type = FrameType::Call;
                    nf.open = pos;
                    nf.callName = name.toString();
                    m_frames.append(nf);
                    ++m_pos;
                    m_closeAllowed = true;
                    continue;
                } else {
                    return fail({ QStringLiteral("unknown name '%1'").arg(name), pos });
                }
            } else {
                return fail({ QStringLiteral("unexpected %1").arg(quoteChar(c)), pos });
            }
            if (err)
                return fail(*err);
            if (auto e = deliver(item))
                return fail(*e);
            state = State::AfterValue;
            continue;
        }

        // AfterValue: m_current holds a complete operand.
        const Item cur = *m_current;
        if (end) {
            if (!atTop()) {
                return fail({ QStringLiteral("'%1' was never closed").arg(QChar(closerFor(f.type) == u']' ? u'['
                                                                               : closerFor(f.type) == u'}' ? u'{'
                                                                                                           : u'(')),
                              f.open });
            }
            if (!f.sawComma)
                return cur.value;
            f.items.append(cur.value);
            return Value::tuple(f.items);
        }
        if (c == u'+' || c == u'-') {
            const bool real = (cur.kind == Kind::Number || cur.kind == Kind::SignedNumber) && !cur.value.isComplex();
            if (!real) {
                return fail({ QStringLiteral("'%1' is only allowed between a real and an imaginary number").arg(c),
                              pos });
            }
            f.left = cur;
            f.subtract = c == u'-';
            f.opPos = pos;
            m_current.reset();
            ++m_pos;
            m_closeAllowed = false;
            state = State::ExpectValue;
            continue;
        }
        if (c == u',') {
            if (auto e = addToFrame(f, cur, pos))
                return fail(*e);
            f.sawComma = true;
            m_current.reset();
            ++m_pos;
            m_closeAllowed = true;
            state = State::ExpectValue;
            continue;
        }
        if (c == u':' && f.type == FrameType::Brace && !f.key && !f.isSet && (f.isDict || f.dict.isEmpty())) {
            if (!cur.value.isHashable()) {
                return fail({ QStringLiteral("unhashable dict key of type '%1'").arg(cur.value.typeName()),
                              cur.start });
            }
            f.key = cur;
            f.isDict = true;
            m_current.reset();
            ++m_pos;
            m_closeAllowed = false;
            state = State::ExpectValue;
            continue;
        }
        if (isCloser && !atTop() && c == closerFor(f.type)) {
            ++m_pos;
            if (f.type != FrameType::Paren || f.sawComma) {
                if (auto e = addToFrame(f, cur, pos))
                    return fail(*e);
            }
            if (auto e = closeFrame(pos))
                return fail(*e);
            continue;
        }
        return fail({ QStringLiteral("unexpected %1").arg(quoteChar(c)), pos });
    }
}

} // namespace

Result<Value> LiteralParser::parse(QStringView text, const Options &options)
{
    Parser p(text, options);
    return p.run();
}

Result<Value> LiteralParser::parse(QStringView text)
{
    return parse(text, Options());
}

} // namespace Pyro
