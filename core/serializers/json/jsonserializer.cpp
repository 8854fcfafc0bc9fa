#include "serializers/json/jsonserializer.h"

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
#include <vector>

namespace Pyro {

namespace {

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// ---------------------------------------------------------------------------------------
// Encoder: CPython's c_make_encoder with Pyro4's default() hook.

class JsonWriter : public EncodeWriter
{
public:
    explicit JsonWriter(qsizetype reserve) : EncodeWriter("json", reserve) { }

    // Streaming (WriterItemEncoder): '[', the items joined by ", ", then ']' (also "[]"); a
    // tuple is a list in json.
    void beginItems(bool) { m_out.put('['); }
    bool writeItem(const Value &item, qsizetype index)
    {
        if (index > 0)
            m_out.append(", ");
        return write(item, 1);
    }
    QByteArray finishItems(bool, qsizetype)
    {
        m_out.put(']');
        return m_out.take();
    }

    bool write(const Value &v, int depth);
    bool writeStr(const QString &s);

private:
    void writeFloat(double d);
    bool writeKey(const Value &key);
    bool unsupported(const Value &v)
    {
        return fail(QStringLiteral("don't know how to serialize class <class '%1'> using serializer "
                                   "JsonSerializer. Give it vars() or an appropriate __getstate__")
                            .arg(v.typeName()));
    }
};

void JsonWriter::writeFloat(double d)
{
    TextCodec::appendFloat(m_out, d, "NaN", "Infinity", "-Infinity");
}

// json's encode_basestring with ensure_ascii=False, then UTF-8 (which fails on lone
// surrogates, as Python's str.encode('utf-8') does).
bool JsonWriter::writeStr(const QString &s)
{
    const char16_t *u = reinterpret_cast<const char16_t *>(s.utf16());
    const qsizetype n = s.size();
    m_out.put('"');
    char16_t lone = 0;
    const bool ok = m_out.writeUtf16(n, 6, [&](qsizetype &i, char *o) -> char * {
        const char16_t c = u[i];
        if (c < 0x80) {
            if (c >= 0x20 && c != '"' && c != '\\') {
                *o++ = char(c);
                return o;
            }
            *o++ = '\\';
            switch (c) {
            case '"': *o++ = '"'; break;
            case '\\': *o++ = '\\'; break;
            case '\n': *o++ = 'n'; break;
            case '\r': *o++ = 'r'; break;
            case '\t': *o++ = 't'; break;
            case '\b': *o++ = 'b'; break;
            case '\f': *o++ = 'f'; break;
            default:
                *o++ = 'u';
                *o++ = '0';
                *o++ = '0';
                *o++ = PythonText::HexDigits[c >> 4];
                *o++ = PythonText::HexDigits[c & 15];
            }
            return o;
        }
        char32_t cp = c;
        if (QChar::isSurrogate(c)) {
            if (!(QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(u[i + 1]))) {
                lone = c;
                return nullptr;
            }
            cp = QChar::surrogateToUcs4(c, u[i + 1]);
            ++i;
        }
        return TextCodec::writeUtf8(o, cp);
    });
    if (!ok)
        return fail(QStringLiteral("'utf-8' codec can't encode character '\\u%1': surrogates not allowed")
                            .arg(uint(lone), 4, 16, QLatin1Char('0')));
    m_out.put('"');
    return true;
}

// encoder_encode_key_value: str as is; float, bool, None and int as their JSON text.
bool JsonWriter::writeKey(const Value &key)
{
    switch (key.type()) {
    case Value::Type::Str:
        return writeStr(key.toStr());
    case Value::Type::Float:
        m_out.put('"');
        writeFloat(key.toDouble());
        m_out.put('"');
        return true;
    case Value::Type::Bool:
        if (key.toBool())
            m_out.append("\"true\"");
        else
            m_out.append("\"false\"");
        return true;
    case Value::Type::None:
        m_out.append("\"null\"");
        return true;
    case Value::Type::Int:
        m_out.put('"');
        TextCodec::appendInt(m_out, key);
        m_out.put('"');
        return true;
    default:
        return fail(QStringLiteral("keys must be str, int, float, bool or None, not %1").arg(key.typeName()));
    }
}

bool JsonWriter::write(const Value &v, int depth)
{
    if (depth > JsonSerializer::MaxEncodeDepth)
        return fail(QStringLiteral("maximum recursion depth exceeded while encoding a JSON object"));
    switch (v.type()) {
    case Value::Type::None:
        m_out.append("null");
        return true;
    case Value::Type::Bool:
        if (v.toBool())
            m_out.append("true");
        else
            m_out.append("false");
        return true;
    case Value::Type::Int:
        TextCodec::appendInt(m_out, v);
        return true;
    case Value::Type::Float:
        writeFloat(v.toDouble());
        return true;
    case Value::Type::Str:
        return writeStr(v.toStr());
    case Value::Type::Tuple:
    case Value::Type::List:
    case Value::Type::Set: { // Pyro's default() turns a set into a tuple
        const ValueList &items = v.items();
        if (items.isEmpty()) {
            m_out.append("[]");
            return true;
        }
        m_out.put('[');
        for (const Value &item : items) {
            if (!write(item, depth + 1))
                return false;
            m_out.append(", ");
        }
        m_out.chop(2);
        m_out.put(']');
        return true;
    }
    case Value::Type::Dict: {
        const Dict &d = v.toDict();
        if (d.isEmpty()) {
            m_out.append("{}");
            return true;
        }
        m_out.put('{');
        for (const auto &[key, value] : d.items()) {
            if (!writeKey(key))
                return false;
            m_out.append(": ");
            if (!write(value, depth + 1))
                return false;
            m_out.append(", ");
        }
        m_out.chop(2);
        m_out.put('}');
        return true;
    }
    case Value::Type::Complex:
    case Value::Type::Bytes:
    case Value::Type::ByteArray:
    case Value::Type::FrozenSet:
        return unsupported(v);
    }
    return unsupported(v);
}

// ---------------------------------------------------------------------------------------
// Decoder: CPython's json scanner (strict mode), reading the UTF-8 bytes directly.

class JsonReader : public TextReader
{
public:
    JsonReader(QByteArrayView data, const DecodeLimits &limits, ItemSink *sink = nullptr)
        : TextReader(data, "json"), m_limits(limits), m_sink(sink)
    {
    }

    bool parseDocument(Value &out);

private:
    bool expecting(const char *at, const QString &what);
    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    bool matchWord(QByteArrayView word)
    {
        if (m_end - m_p >= word.size() && std::memcmp(m_p, word.data(), size_t(word.size())) == 0) {
            m_p += word.size();
            return true;
        }
        return false;
    }
    bool parseValue(Value &out);
    bool parseNumber(Value &out);
    bool parseString(QString &out);
    bool parseArray(Value &out);
    bool parseObject(Value &out);

    const DecodeLimits m_limits;
    ItemSink *const m_sink; // the top-level array's items go there (decodeItems)
    // The items of the arrays and objects being read, innermost last: each container is
    // allocated once at its final size when it closes, and nesting costs no stack.
    std::vector<Value> m_values;
    std::vector<Dict::Item> m_items;
};

thread_local ShortStringCache t_jsonStrings;

bool JsonReader::expecting(const char *at, const QString &what)
{
    if (at < m_end && uchar(*at) >= 0x80 && TextCodec::checkUtf8(at, m_end) == at)
        return fail(at, QStringLiteral("invalid UTF-8"));
    return fail(at, QStringLiteral("Expecting %1").arg(what));
}

bool JsonReader::parseDocument(Value &out)
{
    skipSpace();
    if (!parseValue(out))
        return false;
    skipSpace();
    if (m_p < m_end) {
        if (uchar(*m_p) >= 0x80 && TextCodec::checkUtf8(m_p, m_end) == m_p)
            return fail(m_p, QStringLiteral("invalid UTF-8"));
        return fail(m_p, QStringLiteral("Extra data"));
    }
    return true;
}

bool JsonReader::parseValue(Value &out)
{
    if (m_p >= m_end)
        return expecting(m_p, QStringLiteral("value"));
    switch (*m_p) {
    case '"': {
        QString s;
        if (!parseString(s))
            return false;
        out = Value(s);
        return true;
    }
    case '{':
        return parseObject(out);
    case '[':
        return parseArray(out);
    case 'n':
        if (matchWord("null")) {
            out = Value();
            return true;
        }
        break;
    case 't':
        if (matchWord("true")) {
            out = Value(true);
            return true;
        }
        break;
    case 'f':
        if (matchWord("false")) {
            out = Value(false);
            return true;
        }
        break;
    case 'N':
        if (matchWord("NaN")) {
            out = Value(std::numeric_limits<double>::quiet_NaN());
            return true;
        }
        break;
    case 'I':
        if (matchWord("Infinity")) {
            out = Value(std::numeric_limits<double>::infinity());
            return true;
        }
        break;
    case '-':
        if (matchWord("-Infinity")) {
            out = Value(-std::numeric_limits<double>::infinity());
            return true;
        }
        if (m_p + 1 < m_end && isDigit(m_p[1]))
            return parseNumber(out);
        break;
    default:
        if (isDigit(*m_p))
            return parseNumber(out);
        break;
    }
    return expecting(m_p, QStringLiteral("value"));
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?  -- a '.' or 'e' without digits after it
// ends the number there (and the rest is then extra data), as in Python's scanner.
bool JsonReader::parseNumber(Value &out)
{
    const char *start = m_p;
    const PythonText::Number number = PythonText::scanNumber(m_p, m_end, PythonText::NumberGrammar::Json);
    m_p += number.length;
    if (!PythonText::numberValue(start, number, m_limits.maxIntDigits, out))
        return fail(start, QStringLiteral("integer longer than %1 digits").arg(m_limits.maxIntDigits));
    return true;
}

bool JsonReader::parseString(QString &out)
{
    const char *open = m_p++;
    for (;;) {
        const char *seg = m_p;
        uchar seen = 0;
        while (m_p < m_end) {
            const uchar c = uchar(*m_p);
            if (c == '"' || c == '\\' || c < 0x20)
                break;
            seen |= c;
            ++m_p;
        }
        if (m_p >= m_end)
            return fail(open, QStringLiteral("Unterminated string starting"));
        const char c = *m_p;
        if (c == '"' && out.isEmpty() && seen < 0x80 && m_p - seg <= ShortStringCache::MaxLength && seg == open + 1) {
            size_t slot;
            if (const QString *cached = t_jsonStrings.find(seg, m_p - seg, slot)) {
                out = *cached;
            } else {
                out = QString::fromLatin1(seg, m_p - seg);
                t_jsonStrings.store(slot, seg, m_p - seg, out);
            }
            ++m_p;
            return true;
        }
        if (m_p > seg) {
            if (const char *bad = TextCodec::appendUtf8(out, seg, m_p))
                return fail(bad, QStringLiteral("invalid UTF-8"));
        }
        if (c == '"') {
            ++m_p;
            return true;
        }
        if (c != '\\')
            return fail(m_p, QStringLiteral("Invalid control character"));
        const char *esc = m_p;
        if (m_p + 1 >= m_end)
            return fail(open, QStringLiteral("Unterminated string starting"));
        const PythonText::Escape e = PythonText::decodeEscape(esc, m_end, PythonText::EscapeGrammar::Json);
        if (e.kind != PythonText::Escape::Kind::CodePoint)
            return fail(esc, e.fault == PythonText::Escape::Fault::BadHex ? QStringLiteral("Invalid \\uXXXX escape")
                                                                           : QStringLiteral("Invalid \\escape"));
        m_p = esc + e.length;
        if (e.codePoint >= 0x10000) {
            out.append(QChar(QChar::highSurrogate(e.codePoint)));
            out.append(QChar(QChar::lowSurrogate(e.codePoint)));
        } else {
            out.append(QChar(char16_t(e.codePoint))); // a lone surrogate stays, as in Python
        }
    }
}

bool JsonReader::parseArray(Value &out)
{
    const char *open = m_p++;
    if (++m_depth > m_limits.maxDepth)
        return fail(open, QStringLiteral("nesting deeper than %1 levels").arg(m_limits.maxDepth));
    skipSpace();
    const size_t first = m_values.size();
    ItemSink *const sink = m_depth == 1 ? m_sink : nullptr;
    if (sink)
        sink->begin(Value::Type::List, -1);
    if (m_p < m_end && *m_p == ']') {
        ++m_p;
    } else {
        for (;;) {
            Value item;
            if (!parseValue(item))
                return false;
            if (sink)
                sink->add(std::move(item));
            else
                m_values.push_back(std::move(item));
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                skipSpace();
                continue;
            }
            if (m_p < m_end && *m_p == ']') {
                ++m_p;
                break;
            }
            return expecting(m_p, QStringLiteral("',' delimiter"));
        }
    }
    --m_depth;
    ValueList list;
    list.reserve(qsizetype(m_values.size() - first));
    for (size_t i = first; i < m_values.size(); ++i)
        list.append(std::move(m_values[i]));
    m_values.resize(first);
    out = Value::list(list);
    return true;
}

bool JsonReader::parseObject(Value &out)
{
    const char *open = m_p++;
    if (++m_depth > m_limits.maxDepth)
        return fail(open, QStringLiteral("nesting deeper than %1 levels").arg(m_limits.maxDepth));
    skipSpace();
    const size_t first = m_items.size();
    if (m_p < m_end && *m_p == '}') {
        ++m_p;
    } else {
        for (;;) {
            if (!(m_p < m_end && *m_p == '"'))
                return expecting(m_p, QStringLiteral("property name enclosed in double quotes"));
            QString key;
            if (!parseString(key))
                return false;
            skipSpace();
            if (!(m_p < m_end && *m_p == ':'))
                return expecting(m_p, QStringLiteral("':' delimiter"));
            ++m_p;
            skipSpace();
            Value value;
            if (!parseValue(value))
                return false;
            m_items.emplace_back(Value(key), std::move(value));
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                skipSpace();
                continue;
            }
            if (m_p < m_end && *m_p == '}') {
                ++m_p;
                break;
            }
            return expecting(m_p, QStringLiteral("',' delimiter"));
        }
    }
    --m_depth;
    Dict d;
    d.reserve(qsizetype(m_items.size() - first));
    for (size_t i = first; i < m_items.size(); ++i)
        d.insert(m_items[i].first, m_items[i].second);
    m_items.resize(first);
    out = Value(std::move(d));
    return true;
}

} // namespace

Result<QByteArray> JsonSerializer::encode(const Value &value) const
{
    JsonWriter writer(256);
    return writer.finish(writer.write(value, 0));
}

Result<Value> JsonSerializer::decode(QByteArrayView data, const DecodeLimits &limits) const
{
    JsonReader reader(data, limits);
    Value v;
    if (!reader.parseDocument(v))
        return reader.error();
    return v;
}

Result<Value> JsonSerializer::decodeItems(QByteArrayView data, ItemSink &sink, const DecodeLimits &limits) const
{
    JsonReader reader(data, limits, &sink);
    Value v;
    if (!reader.parseDocument(v))
        return reader.error();
    return v;
}

std::unique_ptr<ItemEncoder> JsonSerializer::itemEncoder() const
{
    return std::make_unique<WriterItemEncoder<JsonWriter>>([] { return std::make_unique<JsonWriter>(4096); });
}

Result<QByteArray> JsonSerializer::encodeCall(const CallEnvelope &call) const
{
    // {"object": ..., "method": ..., "params": ..., "kwargs": ...} in this key order
    JsonWriter writer(256);
    OutputBuffer &out = writer.out();
    out.append("{\"object\": ");
    if (!writer.writeStr(call.objectId))
        return writer.error();
    out.append(", \"method\": ");
    if (!writer.writeStr(call.method))
        return writer.error();
    out.append(", \"params\": ");
    if (!writer.write(Value::list(call.args), 1))
        return writer.error();
    out.append(", \"kwargs\": ");
    if (!writer.write(call.kwargsIsNone ? Value() : Value(call.kwargs), 1))
        return writer.error();
    out.put('}');
    return writer.finish(true);
}

Result<CallEnvelope> JsonSerializer::decodeCall(QByteArrayView data, const DecodeLimits &limits) const
{
    const Result<Value> decoded = decode(data, limits);
    if (!decoded)
        return decoded.error();
    const Value &v = decoded.value();
    auto bad = [](const QString &what) {
        return Error(Error::Code::SerializeError, QStringLiteral("json: invalid call envelope: ") + what);
    };
    if (!v.isDict())
        return bad(QStringLiteral("expected an object with object, method, params and kwargs"));
    const Dict &d = v.toDict();
    const Value object = d.value(QStringLiteral("object"));
    const Value method = d.value(QStringLiteral("method"));
    const Value params = d.value(QStringLiteral("params"));
    const Value kwargs = d.value(QStringLiteral("kwargs"));
    if (!d.contains(QStringLiteral("object")) || !d.contains(QStringLiteral("method"))
        || !d.contains(QStringLiteral("params")) || !d.contains(QStringLiteral("kwargs")))
        return bad(QStringLiteral("expected the keys object, method, params and kwargs"));
    if (!object.isStr() || !method.isStr())
        return bad(QStringLiteral("object id and method must be strings"));
    if (!params.isList())
        return bad(QStringLiteral("params must be an array"));
    CallEnvelope call;
    call.objectId = object.toStr();
    call.method = method.toStr();
    call.args = params.items();
    if (kwargs.isNone())
        call.kwargsIsNone = true;
    else if (kwargs.isDict())
        call.kwargs = kwargs.toDict();
    else
        return bad(QStringLiteral("kwargs must be an object or null"));
    return call;
}

} // namespace Pyro
