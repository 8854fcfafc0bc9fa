#include "serializers/serpent/serpentserializer.h"

#include "serializers/writeritemencoder.h"
#include "value/encodewriter.h"
#include "value/pythontext.h"
#include "value/shortstringcache.h"
#include "value/textcodec.h"
#include "value/textreader.h"

#include <QChar>

#include <cmath>
#include <cstring>
#include <limits>

namespace Pyro {

namespace {

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
inline bool isIdentChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// ---------------------------------------------------------------------------------------
// Encoder: serpent.Serializer._serialize with indent=False, module_in_classname=True.

constexpr char SerpentHeader[] = "# serpent utf-8 python3.2\n";

class SerpentWriter : public EncodeWriter
{
public:
    explicit SerpentWriter(qsizetype reserve) : EncodeWriter("serpent", reserve) { }

    // Streaming (WriterItemEncoder): the opening bracket, each item and its comma, then the
    // end write() gives the same list or tuple.
    void beginItems(bool tuple) { m_out.put(tuple ? '(' : '['); }
    bool writeItem(const Value &item, qsizetype)
    {
        if (!write(item, 1))
            return false;
        m_out.put(',');
        return true;
    }
    QByteArray finishItems(bool tuple, qsizetype count)
    {
        if (tuple ? count > 1 : count > 0)
            m_out.chop(1);
        m_out.put(tuple ? ')' : ']');
        return m_out.take();
    }

    bool write(const Value &v, int level);

private:
    void writeFloat(double d);
    void writeStr(const QString &s);
    bool checkKeyType(const Value &key);
};

void SerpentWriter::writeFloat(double d)
{
    TextCodec::appendFloat(m_out, d, "{'__class__':'float','value':'nan'}", "1e30000", "-1e30000");
}

// Python's repr(str), written as UTF-8.
void SerpentWriter::writeStr(const QString &s)
{
    const char16_t *u = reinterpret_cast<const char16_t *>(s.utf16());
    const qsizetype n = s.size();
    const char q = PythonText::reprQuote(s);
    m_out.put(q);
    // at most 6 output bytes per UTF-16 unit (\\uXXXX; a pair's \\UXXXXXXXX is 10 for two units)
    m_out.writeUtf16(n, 6, [&](qsizetype &i, char *o) {
        const char16_t c = u[i];
        if (c < 0x7f && c >= 0x20 && c != '\\' && c != char16_t(q)) {
            *o++ = char(c);
            return o;
        }
        char32_t cp = c;
        if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(u[i + 1])) {
            cp = QChar::surrogateToUcs4(c, u[i + 1]);
            ++i;
        }
        if (const int escaped = PythonText::reprEscape(cp, q, o))
            return o + escaped;
        return TextCodec::writeUtf8(o, cp);
    });
    m_out.put(q);
}

// serpent's _check_hashable_type: bool, bytes, str, tuple and numbers only.
bool SerpentWriter::checkKeyType(const Value &key)
{
    switch (key.type()) {
    case Value::Type::Bool:
    case Value::Type::Int:
    case Value::Type::Float:
    case Value::Type::Complex:
    case Value::Type::Str:
    case Value::Type::Bytes:
    case Value::Type::Tuple:
        return true;
    default:
        return fail(QStringLiteral("one of the keys in a dict or set is not of a primitive hashable type: "
                                   "<class '%1'>. Use simple types as keys or use a list or tuple as container.")
                            .arg(key.typeName()));
    }
}

bool SerpentWriter::write(const Value &v, int level)
{
    if (level > SerpentSerializer::MaxEncodeLevel)
        return fail(QStringLiteral("Object graph nesting too deep (more than %1 levels)")
                            .arg(SerpentSerializer::MaxEncodeLevel));
    switch (v.type()) {
    case Value::Type::None:
        m_out.append("None");
        return true;
    case Value::Type::Bool:
        if (v.toBool())
            m_out.append("True");
        else
            m_out.append("False");
        return true;
    case Value::Type::Int:
        TextCodec::appendInt(m_out, v);
        return true;
    case Value::Type::Float:
        writeFloat(v.toDouble());
        return true;
    case Value::Type::Complex: {
        const Complex c = v.toComplex();
        m_out.put('(');
        writeFloat(c.real());
        if (c.imag() >= 0) // true for -0.0 as well, giving serpent's "+-0.0j"
            m_out.put('+');
        writeFloat(c.imag());
        m_out.append("j)");
        return true;
    }
    case Value::Type::Str:
        writeStr(v.toStr());
        return true;
    case Value::Type::Bytes:
    case Value::Type::ByteArray:
        // repr() of {'data': <base64>, 'encoding': 'base64'}: the one place with spaces
        m_out.append("{'data': '");
        m_out.append(v.toBytes().toBase64());
        m_out.append("', 'encoding': 'base64'}");
        return true;
    case Value::Type::Tuple: {
        const ValueList &items = v.items();
        m_out.put('(');
        for (const Value &item : items) {
            if (!write(item, level + 1))
                return false;
            m_out.put(',');
        }
        if (items.size() > 1)
            m_out.chop(1);
        m_out.put(')');
        return true;
    }
    case Value::Type::List: {
        const ValueList &items = v.items();
        m_out.put('[');
        for (const Value &item : items) {
            if (!write(item, level + 1))
                return false;
            m_out.put(',');
        }
        if (!items.isEmpty())
            m_out.chop(1);
        m_out.put(']');
        return true;
    }
    case Value::Type::Dict: {
        const Dict &d = v.toDict();
        m_out.put('{');
        for (const auto &[key, value] : d.items()) {
            if (!checkKeyType(key) || !write(key, level + 1))
                return false;
            m_out.put(':');
            if (!write(value, level + 1))
                return false;
            m_out.put(',');
        }
        if (!d.isEmpty())
            m_out.chop(1);
        m_out.put('}');
        return true;
    }
    case Value::Type::Set:
    case Value::Type::FrozenSet: {
        const ValueList &items = v.items();
        if (items.isEmpty()) {
            m_out.append("()"); // there is no empty set literal; serpent writes an empty tuple
            return true;
        }
        m_out.put('{');
        for (const Value &item : items) {
            if (!checkKeyType(item) || !write(item, level + 1))
                return false;
            m_out.put(',');
        }
        m_out.chop(1);
        m_out.put('}');
        return true;
    }
    }
    return fail(QStringLiteral("unsupported value type"));
}

// ---------------------------------------------------------------------------------------
// Decoder: what ast.literal_eval accepts, parsed straight from the UTF-8 bytes.

class SerpentReader : public TextReader
{
public:
    SerpentReader(QByteArrayView data, const DecodeLimits &limits, ItemSink *sink = nullptr)
        : TextReader(data, "serpent"), m_limits(limits), m_sink(sink)
    {
    }

    bool parseDocument(Value &out);
    //! After parseDocument() failed without an error: the streamed list or tuple was only the
    //! first item of a top-level tuple ("[1, 2], 3"); the sink must forget it.
    bool sinkCancelled() const { return m_sinkCancelled; }

private:
    bool failUnexpected(const char *at, const QString &expected);
    bool skipSpace(bool inBrackets);
    bool skipComment();
    bool parseExpr(Value &out, bool inBrackets);
    bool parseUnsignedNumber(Value &out);
    bool complexTail(Value &out, bool inBrackets);
    bool parseStrings(Value &out, bool inBrackets);
    bool parseOneString(bool raw, bool isBytes, QString &str, QByteArray &bytes, bool first);
    bool parseName(Value &out, bool inBrackets);
    bool parseParen(Value &out);
    bool parseList(Value &out);
    bool parseBraces(Value &out);
    bool enter(const char *at);
    bool floatFromClassDict(const Dict &d, const char *at, Value &out);

    // Length of a string prefix (r, u, b, rb, br in any case) at p when a quote follows,
    // -1 when p does not start a string literal.
    int stringPrefix(const char *p, bool &raw, bool &isBytes) const;

    // The sink for the items of the document's first expression when it is a list or tuple
    // (decodeItems); null once that expression has been read.
    ItemSink *topLevelSink() const { return m_depth == 1 ? m_sink : nullptr; }

    const DecodeLimits m_limits;
    ItemSink *m_sink;
    bool m_sinkBegun = false;
    bool m_sinkCancelled = false;
    // The items of the containers being read, innermost last: each container is allocated
    // once at its final size when it closes, and nesting costs no stack.
    QList<Value> m_values;
    QList<Dict::Item> m_items;

    ValueList popValues(qsizetype first)
    {
        ValueList list;
        list.reserve(m_values.size() - first);
        for (qsizetype i = first; i < m_values.size(); ++i)
            list.append(std::move(m_values[i]));
        m_values.resize(first);
        return list;
    }
};

thread_local ShortStringCache t_serpentStrings;


bool SerpentReader::failUnexpected(const char *at, const QString &expected)
{
    if (at >= m_end)
        return fail(at, QStringLiteral("unexpected end of data, expected %1").arg(expected));
    if (uchar(*at) >= 0x80 && TextCodec::checkUtf8(at, m_end) == at)
        return fail(at, QStringLiteral("invalid UTF-8"));
    if (uchar(*at) >= 0x20 && uchar(*at) < 0x7f)
        return fail(at, QStringLiteral("unexpected '%1', expected %2").arg(QLatin1Char(*at)).arg(expected));
    return fail(at, QStringLiteral("unexpected byte 0x%1, expected %2")
                            .arg(uchar(*at), 2, 16, QLatin1Char('0')).arg(expected));
}

bool SerpentReader::enter(const char *at)
{
    if (++m_depth > m_limits.maxDepth)
        return fail(at, QStringLiteral("nesting deeper than %1 levels").arg(m_limits.maxDepth));
    return true;
}

bool SerpentReader::skipComment()
{
    const char *nl = m_p;
    while (nl < m_end && *nl != '\n' && *nl != '\r')
        ++nl;
    if (const char *bad = TextCodec::checkUtf8(m_p, nl))
        return fail(bad, QStringLiteral("invalid UTF-8"));
    m_p = nl;
    return true;
}

// Outside brackets a newline ends the expression, so only blanks, comments and
// backslash continuations are skipped there.
bool SerpentReader::skipSpace(bool inBrackets)
{
    while (m_p < m_end) {
        const char c = *m_p;
        if (c == ' ' || c == '\t' || c == '\f') {
            ++m_p;
        } else if (inBrackets && (c == '\n' || c == '\r')) {
            ++m_p;
        } else if (c == '#') {
            if (!skipComment())
                return false;
        } else if (c == '\\' && m_p + 1 < m_end && (m_p[1] == '\n' || m_p[1] == '\r')) {
            m_p += 2;
            if (m_p[-1] == '\r' && m_p < m_end && *m_p == '\n')
                ++m_p;
        } else {
            break;
        }
    }
    return true;
}

bool SerpentReader::parseDocument(Value &out)
{
    // An empty QByteArray has a null data pointer, and memchr(nullptr, ..., 0) is undefined.
    const void *nul = m_begin != m_end ? std::memchr(m_begin, 0, size_t(m_end - m_begin)) : nullptr;
    if (nul)
        return fail(static_cast<const char *>(nul), QStringLiteral("raw NUL byte (serpent refuses 0-bytes)"));
    // ast.literal_eval strips leading blanks; after that the expression must start in
    // column 0 of its line, optionally after header/comment/blank lines.
    while (m_p < m_end && (*m_p == ' ' || *m_p == '\t'))
        ++m_p;
    for (;;) {
        const char *lineStart = m_p;
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\f'))
            ++m_p;
        if (m_p < m_end && *m_p == '#' && !skipComment())
            return false;
        if (m_p < m_end && (*m_p == '\n' || *m_p == '\r')) {
            ++m_p;
            continue;
        }
        if (m_p >= m_end)
            return fail(m_p, QStringLiteral("no value in the data"));
        if (m_p != lineStart)
            return fail(lineStart, QStringLiteral("unexpected indent"));
        break;
    }
    if (!parseExpr(out, false))
        return false;
    m_sink = nullptr;
    if (!skipSpace(false))
        return false;
    if (m_p < m_end && *m_p == ',') {
        if (m_sinkBegun) { // the streamed items belong to the first item of a tuple
            m_sinkCancelled = true;
            return false;
        }
        // "1, 2" at top level is a tuple without brackets
        ValueList items { out };
        while (m_p < m_end && *m_p == ',') {
            ++m_p;
            if (!skipSpace(false))
                return false;
            if (m_p >= m_end || *m_p == '\n' || *m_p == '\r')
                break;
            Value item;
            if (!parseExpr(item, false) || !skipSpace(false))
                return false;
            items.append(item);
        }
        out = Value::tuple(items);
    }
    while (m_p < m_end) {
        if (!skipSpace(true))
            return false;
        if (m_p < m_end)
            return failUnexpected(m_p, QStringLiteral("the end of the data"));
    }
    return true;
}

bool SerpentReader::parseExpr(Value &out, bool inBrackets)
{
    if (m_p >= m_end)
        return failUnexpected(m_p, QStringLiteral("a value"));
    const char c = *m_p;
    if (c == '-' || c == '+') {
        const char *signPos = m_p++;
        if (!skipSpace(inBrackets))
            return false;
        if (!(m_p < m_end && (isDigit(*m_p) || (*m_p == '.' && m_p + 1 < m_end && isDigit(m_p[1])))))
            return fail(signPos, QStringLiteral("a sign must be followed by a number"));
        if (!parseUnsignedNumber(out))
            return false;
        if (c == '-') {
            switch (out.type()) {
            case Value::Type::Int:
                out = out.isBigInt() ? Value(-out.toBigInt()) : Value(-out.toInt64());
                break;
            case Value::Type::Float:
                out = Value(-out.toDouble());
                break;
            default: {
                const Complex z = out.toComplex();
                out = Value(Complex(-z.real(), -z.imag()));
            }
            }
        }
        return complexTail(out, inBrackets);
    }
    if (isDigit(c) || (c == '.' && m_p + 1 < m_end && isDigit(m_p[1])))
        return parseUnsignedNumber(out) && complexTail(out, inBrackets);
    switch (c) {
    case '(':
        return parseParen(out);
    case '[':
        return parseList(out);
    case '{':
        return parseBraces(out);
    case '\'':
    case '"':
        return parseStrings(out, inBrackets);
    case '.':
        if (m_end - m_p >= 3 && m_p[1] == '.' && m_p[2] == '.')
            return fail(m_p, QStringLiteral("Ellipsis is not supported"));
        break;
    default:
        break;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
        bool raw, isBytes;
        if (stringPrefix(m_p, raw, isBytes) >= 0)
            return parseStrings(out, inBrackets);
        return parseName(out, inBrackets);
    }
    return failUnexpected(m_p, QStringLiteral("a value"));
}

// ast.literal_eval's BinOp rule: a real number plus or minus an imaginary literal.
bool SerpentReader::complexTail(Value &out, bool inBrackets)
{
    if (!out.isInt() && !out.isFloat())
        return true;
    const char *save = m_p;
    if (!skipSpace(inBrackets))
        return false;
    if (m_p >= m_end || (*m_p != '+' && *m_p != '-')) {
        m_p = save;
        return true;
    }
    const char *opPos = m_p;
    const char op = *m_p++;
    if (!skipSpace(inBrackets))
        return false;
    Value right;
    if (!(m_p < m_end && (isDigit(*m_p) || (*m_p == '.' && m_p + 1 < m_end && isDigit(m_p[1])))))
        return fail(opPos, QStringLiteral("only 'real+imaginary' complex literals may use + or -"));
    if (!parseUnsignedNumber(right))
        return false;
    if (!right.isComplex())
        return fail(opPos, QStringLiteral("only 'real+imaginary' complex literals may use + or -"));
    const double left = out.toDouble();
    if (out.isBigInt() && std::isinf(left))
        return fail(opPos, QStringLiteral("int too large to convert to float"));
    const Complex r = right.toComplex();
    // Python computes complex(left, 0.0) +/- r, which decides the sign of zero parts.
    out = op == '+' ? Value(Complex(left + r.real(), 0.0 + r.imag()))
                    : Value(Complex(left - r.real(), 0.0 - r.imag()));
    return true;
}

bool SerpentReader::parseUnsignedNumber(Value &out)
{
    const char *start = m_p;
    const PythonText::Number number = PythonText::scanNumber(m_p, m_end, PythonText::NumberGrammar::Python);
    m_p += number.length;
    if (number.fault != PythonText::Number::Fault::None)
        return fail(start + number.faultAt, PythonText::numberFaultText(number, QLatin1Char(start[number.faultAt])));
    if (!PythonText::numberValue(start, number, m_limits.maxIntDigits, out))
        return fail(start, QStringLiteral("integer literal longer than %1 digits").arg(m_limits.maxIntDigits));
    return true;
}

int SerpentReader::stringPrefix(const char *p, bool &raw, bool &isBytes) const
{
    raw = isBytes = false;
    bool unicode = false;
    int n = 0;
    while (p + n < m_end && n < 3) {
        const char c = char(p[n] | 0x20);
        if (p[n] == '\'' || p[n] == '"')
            return n;
        if (c == 'r' && !raw && !unicode)
            raw = true;
        else if (c == 'b' && !isBytes && !unicode)
            isBytes = true;
        else if (c == 'u' && n == 0)
            unicode = true;
        else
            return -1;
        ++n;
    }
    return -1;
}

bool SerpentReader::parseStrings(Value &out, bool inBrackets)
{
    QString str;
    QByteArray bytes;
    bool first = true;
    bool isBytes = false;
    for (;;) {
        bool raw, b;
        const char *litStart = m_p;
        const int prefix = stringPrefix(m_p, raw, b);
        if (!first && b != isBytes)
            return fail(litStart, QStringLiteral("cannot mix bytes and nonbytes literals"));
        isBytes = b;
        m_p += prefix;
        if (!parseOneString(raw, isBytes, str, bytes, first))
            return false;
        first = false;
        // Adjacent literals concatenate ('a' 'b' == 'ab').
        const char *save = m_p;
        if (!skipSpace(inBrackets))
            return false;
        bool r2, b2;
        if (m_p >= m_end || stringPrefix(m_p, r2, b2) < 0) {
            m_p = save;
            break;
        }
    }
    out = isBytes ? Value::bytes(bytes) : Value(str);
    return true;
}

bool SerpentReader::parseOneString(bool raw, bool isBytes, QString &str, QByteArray &bytes, bool first)
{
    const char *open = m_p;
    const char q = *m_p;
    const bool triple = m_end - m_p >= 3 && m_p[1] == q && m_p[2] == q;
    m_p += triple ? 3 : 1;

    auto appendSegment = [&](const char *b, const char *e) -> bool {
        if (isBytes) {
            for (const char *x = b; x < e; ++x)
                if (uchar(*x) >= 0x80)
                    return fail(x, QStringLiteral("bytes can only contain ASCII literal characters"));
            bytes.append(b, e - b);
            return true;
        }
        if (const char *bad = TextCodec::appendUtf8(str, b, e))
            return fail(bad, QStringLiteral("invalid UTF-8"));
        return true;
    };
    auto appendCodePoint = [&](char32_t cp) {
        if (isBytes) {
            bytes.append(char(cp & 0xFF));
        } else if (cp >= 0x10000) {
            str.append(QChar(QChar::highSurrogate(cp)));
            str.append(QChar(QChar::lowSurrogate(cp)));
        } else {
            str.append(QChar(char16_t(cp)));
        }
    };

    for (;;) {
        const char *seg = m_p;
        uchar seen = 0;
        while (m_p < m_end) {
            const char c = *m_p;
            if (c == q || c == '\\' || c == '\n' || c == '\r')
                break;
            seen |= uchar(c);
            ++m_p;
        }
        if (m_p >= m_end)
            return fail(open, QStringLiteral("unterminated string literal"));
        const char c = *m_p;
        // Fast path: a short plain ASCII str literal, shared through the cache.
        if (first && !isBytes && !triple && c == q && str.isEmpty() && seen < 0x80
            && m_p - seg <= ShortStringCache::MaxLength) {
            size_t slot;
            if (const QString *cached = t_serpentStrings.find(seg, m_p - seg, slot)) {
                str = *cached;
            } else {
                str = QString::fromLatin1(seg, m_p - seg);
                t_serpentStrings.store(slot, seg, m_p - seg, str);
            }
            ++m_p;
            return true;
        }
        if (m_p > seg && !appendSegment(seg, m_p))
            return false;
        if (c == q) {
            if (!triple) {
                ++m_p;
                return true;
            }
            if (m_end - m_p >= 3 && m_p[1] == q && m_p[2] == q) {
                m_p += 3;
                return true;
            }
            appendCodePoint(char32_t(q));
            ++m_p;
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (!triple)
                return fail(open, QStringLiteral("unterminated string literal"));
            appendCodePoint('\n'); // the tokenizer turns \r\n and \r into \n
            if (c == '\r' && m_p + 1 < m_end && m_p[1] == '\n')
                ++m_p;
            ++m_p;
            continue;
        }
        // a backslash
        const char *esc = m_p;
        if (m_p + 1 >= m_end)
            return fail(open, QStringLiteral("unterminated string literal"));
        const char e = m_p[1];
        if (raw) {
            // raw: the backslash stays, and it only keeps a quote or newline from ending things
            appendCodePoint('\\');
            ++m_p;
            if (e == q || e == '\\') {
                appendCodePoint(char32_t(e));
                ++m_p;
            } else if (e == '\n' || e == '\r') {
                appendCodePoint('\n');
                if (e == '\r' && m_p + 1 < m_end && m_p[1] == '\n')
                    ++m_p;
                ++m_p;
            }
            continue;
        }
        const PythonText::Escape decoded = PythonText::decodeEscape(
                esc, m_end, isBytes ? PythonText::EscapeGrammar::Bytes : PythonText::EscapeGrammar::Str);
        switch (decoded.kind) {
        case PythonText::Escape::Kind::CodePoint:
            appendCodePoint(decoded.codePoint); // lone surrogates are allowed, as in Python
            m_p = esc + decoded.length;
            continue;
        case PythonText::Escape::Kind::LineContinuation:
            m_p = esc + decoded.length;
            continue;
        case PythonText::Escape::Kind::Fault:
            return fail(esc, PythonText::escapeFaultText(decoded));
        case PythonText::Escape::Kind::Unknown:
            break;
        }
        // Unknown escapes keep the backslash; the next character is read normally.
        appendCodePoint('\\');
        m_p = esc + 1;
    }
}

bool SerpentReader::parseName(Value &out, bool inBrackets)
{
    const char *start = m_p;
    while (m_p < m_end && isIdentChar(*m_p))
        ++m_p;
    const QByteArrayView word(start, m_p - start);
    if (word == "None") {
        out = Value();
        return true;
    }
    if (word == "True") {
        out = Value(true);
        return true;
    }
    if (word == "False") {
        out = Value(false);
        return true;
    }
    if (word == "set") {
        if (!skipSpace(inBrackets))
            return false;
        if (m_p < m_end && *m_p == '(') {
            ++m_p;
            if (!skipSpace(true))
                return false;
            if (m_p < m_end && *m_p == ')') {
                ++m_p;
                out = Value::set({});
                return true;
            }
        }
        return fail(start, QStringLiteral("only set() without arguments may be called"));
    }
    if (m_p < m_end && uchar(*m_p) >= 0x80)
        return failUnexpected(m_p, QStringLiteral("a value"));
    return fail(start, QStringLiteral("unsupported name '%1'").arg(QLatin1String(word)));
}

bool SerpentReader::parseParen(Value &out)
{
    const char *open = m_p++;
    if (!enter(open) || !skipSpace(true))
        return false;
    if (m_p < m_end && *m_p == ')') {
        ++m_p;
        --m_depth;
        out = Value::tuple({});
        return true;
    }
    Value first;
    if (!parseExpr(first, true) || !skipSpace(true))
        return false;
    if (m_p < m_end && *m_p == ')') { // just grouping
        ++m_p;
        --m_depth;
        out = first;
        return true;
    }
    if (m_p >= m_end || *m_p != ',')
        return failUnexpected(m_p, QStringLiteral("',' or ')'"));
    const qsizetype firstValue = m_values.size();
    ItemSink *const sink = topLevelSink();
    if (sink) {
        sink->begin(Value::Type::Tuple, -1);
        m_sinkBegun = true;
        sink->add(std::move(first));
    } else {
        m_values.append(first);
    }
    for (;;) {
        ++m_p; // the comma
        if (!skipSpace(true))
            return false;
        if (m_p < m_end && *m_p == ')')
            break;
        Value item;
        if (!parseExpr(item, true) || !skipSpace(true))
            return false;
        if (sink)
            sink->add(std::move(item));
        else
            m_values.append(item);
        if (m_p < m_end && *m_p == ',')
            continue;
        if (m_p < m_end && *m_p == ')')
            break;
        return failUnexpected(m_p, QStringLiteral("',' or ')'"));
    }
    ++m_p;
    --m_depth;
    out = Value::tuple(popValues(firstValue));
    return true;
}

bool SerpentReader::parseList(Value &out)
{
    const char *open = m_p++;
    if (!enter(open) || !skipSpace(true))
        return false;
    const qsizetype firstValue = m_values.size();
    ItemSink *const sink = topLevelSink();
    if (sink) {
        sink->begin(Value::Type::List, -1);
        m_sinkBegun = true;
    }
    while (!(m_p < m_end && *m_p == ']')) {
        Value item;
        if (!parseExpr(item, true) || !skipSpace(true))
            return false;
        if (sink)
            sink->add(std::move(item));
        else
            m_values.append(item);
        if (m_p < m_end && *m_p == ',') {
            ++m_p;
            if (!skipSpace(true))
                return false;
            continue;
        }
        if (m_p < m_end && *m_p == ']')
            break;
        return failUnexpected(m_p, QStringLiteral("',' or ']'"));
    }
    ++m_p;
    --m_depth;
    out = Value::list(popValues(firstValue));
    return true;
}

bool SerpentReader::parseBraces(Value &out)
{
    const char *open = m_p++;
    if (!enter(open) || !skipSpace(true))
        return false;
    if (m_p < m_end && *m_p == '}') {
        ++m_p;
        --m_depth;
        out = Value(Dict());
        return true;
    }
    const char *itemPos = m_p;
    Value first;
    if (!parseExpr(first, true) || !skipSpace(true))
        return false;
    auto unhashable = [&](const Value &v, const char *at) {
        return fail(at, QStringLiteral("unhashable type: '%1'").arg(v.typeName()));
    };
    if (m_p < m_end && *m_p == ':') {
        // Items gather on m_items (innermost dict last); the dict is allocated once at the end.
        const qsizetype firstItem = m_items.size();
        bool hasClass = false;
        Value key = first;
        for (;;) {
            if (!key.isHashable())
                return unhashable(key, itemPos);
            ++m_p; // the colon
            Value value;
            if (!skipSpace(true) || !parseExpr(value, true) || !skipSpace(true))
                return false;
            if (!hasClass && key.isStr() && key.toStr().size() == 9 && key.toStr() == QLatin1String("__class__"))
                hasClass = true;
            m_items.append(Dict::Item(key, std::move(value)));
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                if (!skipSpace(true))
                    return false;
            } else if (!(m_p < m_end && *m_p == '}')) {
                return failUnexpected(m_p, QStringLiteral("',' or '}'"));
            }
            if (m_p < m_end && *m_p == '}')
                break;
            itemPos = m_p;
            if (!parseExpr(key, true) || !skipSpace(true))
                return false;
            if (!(m_p < m_end && *m_p == ':'))
                return failUnexpected(m_p, QStringLiteral("':'"));
        }
        ++m_p;
        --m_depth;
        Dict d;
        d.reserve(m_items.size() - firstItem);
        for (qsizetype i = firstItem; i < m_items.size(); ++i)
            d.insert(m_items[i].first, m_items[i].second);
        m_items.resize(firstItem);
        if (hasClass) {
            const Value cls = d.value(QStringLiteral("__class__"));
            if (cls.isStr() && cls.toStr() == QLatin1String("float"))
                return floatFromClassDict(d, open, out);
        }
        out = Value(std::move(d));
        return true;
    }
    const qsizetype firstValue = m_values.size();
    Value item = first;
    for (;;) {
        if (!item.isHashable())
            return unhashable(item, itemPos);
        m_values.append(item);
        if (m_p < m_end && *m_p == ',') {
            ++m_p;
            if (!skipSpace(true))
                return false;
        } else if (!(m_p < m_end && *m_p == '}')) {
            return failUnexpected(m_p, QStringLiteral("',' or '}'"));
        }
        if (m_p < m_end && *m_p == '}')
            break;
        itemPos = m_p;
        if (!parseExpr(item, true) || !skipSpace(true))
            return false;
    }
    ++m_p;
    --m_depth;
    out = Value::set(popValues(firstValue));
    return true;
}

// Pyro4's SerpentSerializer.dict_to_class: {'__class__':'float','value':X} is float(X).
bool SerpentReader::floatFromClassDict(const Dict &d, const char *at, Value &out)
{
    const Value v = d.value(QStringLiteral("value"));
    const QByteArray text = v.toStr().trimmed().toLatin1().toLower();
    if (v.isStr()) {
        QByteArrayView t(text);
        bool negative = false;
        if (t.startsWith('-') || t.startsWith('+')) {
            negative = t.front() == '-';
            t = t.sliced(1);
        }
        double result = 0.0;
        bool ok = false;
        if (t == "nan") {
            result = std::numeric_limits<double>::quiet_NaN();
            ok = true;
        } else if (t == "inf" || t == "infinity") {
            result = std::numeric_limits<double>::infinity();
            ok = true;
        } else if (!t.isEmpty()) {
            // digits, one '.', optional exponent: the grammar parseDecimal expects
            qsizetype i = 0, mantissaDigits = 0;
            while (i < t.size() && isDigit(t[i]))
                ++i, ++mantissaDigits;
            if (i < t.size() && t[i] == '.') {
                ++i;
                while (i < t.size() && isDigit(t[i]))
                    ++i, ++mantissaDigits;
            }
            ok = mantissaDigits > 0;
            if (ok && i < t.size() && t[i] == 'e') {
                ++i;
                if (i < t.size() && (t[i] == '+' || t[i] == '-'))
                    ++i;
                ok = i < t.size();
                while (i < t.size() && isDigit(t[i]))
                    ++i;
            }
            ok = ok && i == t.size();
            if (ok)
                result = TextCodec::parseDecimal(t.data(), t.data() + t.size());
        }
        if (ok) {
            out = Value(negative ? -result : result);
            return true;
        }
    }
    return fail(at, QStringLiteral("float class dict without a valid 'value'"));
}

} // namespace

Result<QByteArray> SerpentSerializer::encode(const Value &value) const
{
    SerpentWriter writer(256);
    writer.out().append(SerpentHeader);
    return writer.finish(writer.write(value, 0));
}

Result<Value> SerpentSerializer::decode(QByteArrayView data, const DecodeLimits &limits) const
{
    SerpentReader reader(data, limits);
    Value v;
    if (!reader.parseDocument(v))
        return reader.error();
    return v;
}

Result<Value> SerpentSerializer::decodeItems(QByteArrayView data, ItemSink &sink, const DecodeLimits &limits) const
{
    SerpentReader reader(data, limits, &sink);
    Value v;
    if (reader.parseDocument(v))
        return v;
    if (!reader.sinkCancelled())
        return reader.error();
    sink.cancel();
    return decode(data, limits);
}

std::unique_ptr<ItemEncoder> SerpentSerializer::itemEncoder() const
{
    return std::make_unique<WriterItemEncoder<SerpentWriter>>([] {
        auto writer = std::make_unique<SerpentWriter>(4096);
        writer->out().append(SerpentHeader);
        return writer;
    });
}

} // namespace Pyro
