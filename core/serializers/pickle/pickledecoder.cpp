#include "serializers/pickle/pickledecoder.h"

#include "serializers/pickle/picklenumpy.h"
#include "value/inertobjects.h"
#include "value/pythontext.h"
#include "value/textcodec.h"

#include <QtEndian>

#include <charconv>
#include <cstring>

namespace Pyro {

using PickleGlobals::Builder;

namespace {

// Python's pickle ints above this many bytes would exceed DecodeLimits::maxIntDigits in
// decimal (one byte carries about 2.4 digits); the quadratic decimal conversion is the cost.
qsizetype maxIntBytes(const DecodeLimits &limits)
{
    return limits.maxIntDigits / 2 + 1;
}

void appendCodePoint(QString &out, char32_t cp)
{
    if (cp >= 0x10000) {
        out.append(QChar(QChar::highSurrogate(cp)));
        out.append(QChar(QChar::lowSurrogate(cp)));
    } else {
        out.append(QChar(char16_t(cp)));
    }
}

// UTF-8 with Python's 'surrogatepass': lone surrogates (ED A0 80..ED BF BF) are accepted,
// because Python's pickler writes str with that error handler.
bool decodeUtf8SurrogatePass(QByteArrayView in, QString &out)
{
    out.clear();
    return !TextCodec::appendUtf8(out, in.data(), in.data() + in.size(), TextCodec::Utf8Errors::SurrogatePass);
}

} // namespace

PickleDecoder::PickleDecoder(QByteArrayView data, const DecodeLimits &limits)
    : m_data(data), m_limits(limits)
{
    // Shared references may legitimately repeat values; 2^22 plus 16 per input byte is far
    // above anything Python's pickler writes for real data and far below a "billion laughs".
    m_maxExpanded = (quint64(1) << 22) + 16 * quint64(data.size());
}

bool PickleDecoder::fail(const QString &message, Error::Code code)
{
    m_error = Error(code, QStringLiteral("pickle: ") + message);
    m_error.setOffset(m_opPos);
    return false;
}

const char *PickleDecoder::opName(quint8 op) const
{
    switch (op) {
    case 'I': return "INT";
    case 'J': return "BININT";
    case 'K': return "BININT1";
    case 'M': return "BININT2";
    case 'L': return "LONG";
    case 0x8a: return "LONG1";
    case 0x8b: return "LONG4";
    case 'S': return "STRING";
    case 'T': return "BINSTRING";
    case 'U': return "SHORT_BINSTRING";
    case 'B': return "BINBYTES";
    case 'C': return "SHORT_BINBYTES";
    case 0x8e: return "BINBYTES8";
    case 0x96: return "BYTEARRAY8";
    case 0x97: return "NEXT_BUFFER";
    case 0x98: return "READONLY_BUFFER";
    case 'N': return "NONE";
    case 0x88: return "NEWTRUE";
    case 0x89: return "NEWFALSE";
    case 'V': return "UNICODE";
    case 0x8c: return "SHORT_BINUNICODE";
    case 'X': return "BINUNICODE";
    case 0x8d: return "BINUNICODE8";
    case 'F': return "FLOAT";
    case 'G': return "BINFLOAT";
    case ']': return "EMPTY_LIST";
    case 'a': return "APPEND";
    case 'e': return "APPENDS";
    case 'l': return "LIST";
    case ')': return "EMPTY_TUPLE";
    case 't': return "TUPLE";
    case 0x85: return "TUPLE1";
    case 0x86: return "TUPLE2";
    case 0x87: return "TUPLE3";
    case '}': return "EMPTY_DICT";
    case 'd': return "DICT";
    case 's': return "SETITEM";
    case 'u': return "SETITEMS";
    case 0x8f: return "EMPTY_SET";
    case 0x90: return "ADDITEMS";
    case 0x91: return "FROZENSET";
    case '0': return "POP";
    case '2': return "DUP";
    case '(': return "MARK";
    case '1': return "POP_MARK";
    case 'g': return "GET";
    case 'h': return "BINGET";
    case 'j': return "LONG_BINGET";
    case 'p': return "PUT";
    case 'q': return "BINPUT";
    case 'r': return "LONG_BINPUT";
    case 0x94: return "MEMOIZE";
    case 0x82: return "EXT1";
    case 0x83: return "EXT2";
    case 0x84: return "EXT4";
    case 'c': return "GLOBAL";
    case 0x93: return "STACK_GLOBAL";
    case 'R': return "REDUCE";
    case 'b': return "BUILD";
    case 'i': return "INST";
    case 'o': return "OBJ";
    case 0x81: return "NEWOBJ";
    case 0x92: return "NEWOBJ_EX";
    case 0x80: return "PROTO";
    case '.': return "STOP";
    case 0x95: return "FRAME";
    case 'P': return "PERSID";
    case 'Q': return "BINPERSID";
    }
    return "?";
}

// ---- reading -------------------------------------------------------------------------------

bool PickleDecoder::need(quint64 count)
{
    const quint64 left = quint64(m_data.size() - m_pos);
    if (count <= left)
        return true;
    return fail(QStringLiteral("data truncated: %1 at offset %2 needs %3 more bytes, %4 left")
                        .arg(QLatin1String(opName(m_op))).arg(m_opPos).arg(count).arg(left));
}

bool PickleDecoder::readBytes(quint64 count, QByteArrayView &out)
{
    if (!need(count))
        return false;
    out = m_data.sliced(m_pos, qsizetype(count));
    m_pos += qsizetype(count);
    return true;
}

bool PickleDecoder::readUInt(int size, quint64 &out)
{
    QByteArrayView b;
    if (!readBytes(quint64(size), b))
        return false;
    out = 0;
    for (int i = size - 1; i >= 0; --i)
        out = (out << 8) | quint8(b[i]);
    return true;
}

bool PickleDecoder::readLine(QByteArrayView &out)
{
    const qsizetype nl = m_data.indexOf('\n', m_pos);
    if (nl < 0)
        return fail(QStringLiteral("data truncated: %1 at offset %2 has no end of line")
                            .arg(QLatin1String(opName(m_op))).arg(m_opPos));
    out = m_data.sliced(m_pos, nl - m_pos);
    m_pos = nl + 1;
    return true;
}

bool PickleDecoder::readLength(int size, quint64 &out)
{
    if (!readUInt(size, out))
        return false;
    if (size == 4 && (m_op == 'T' || m_op == 0x8b) && qint32(quint32(out)) < 0)
        return fail(QStringLiteral("negative length %1 in %2 at offset %3")
                            .arg(qint32(quint32(out))).arg(QLatin1String(opName(m_op))).arg(m_opPos));
    return true;
}

// ---- stack and nodes -----------------------------------------------------------------------

bool PickleDecoder::newNode(Kind kind, const Value &value, NodeId &out)
{
    if (m_nodes.size() >= NoNode)
        return fail(QStringLiteral("too many objects"));
    Node n;
    n.kind = kind;
    n.value = value;
    m_nodes.push_back(std::move(n));
    out = NodeId(m_nodes.size() - 1);
    return true;
}

bool PickleDecoder::pushNew(Kind kind, const Value &value)
{
    NodeId id;
    if (!newNode(kind, value, id))
        return false;
    m_stack.push_back(id);
    return true;
}

bool PickleDecoder::pop(NodeId &out)
{
    if (qsizetype(m_stack.size()) <= fence())
        return fail(QStringLiteral("stack underflow: %1 at offset %2 needs a value on the stack")
                            .arg(QLatin1String(opName(m_op))).arg(m_opPos));
    out = m_stack.back();
    m_stack.pop_back();
    return true;
}

bool PickleDecoder::top(NodeId &out)
{
    if (qsizetype(m_stack.size()) <= fence())
        return fail(QStringLiteral("stack underflow: %1 at offset %2 needs a value on the stack")
                            .arg(QLatin1String(opName(m_op))).arg(m_opPos));
    out = m_stack.back();
    return true;
}

bool PickleDecoder::popMark(std::vector<NodeId> &items)
{
    if (m_marks.empty())
        return fail(QStringLiteral("%1 at offset %2 without a MARK").arg(QLatin1String(opName(m_op))).arg(m_opPos));
    const qsizetype mark = m_marks.back();
    m_marks.pop_back();
    items.assign(m_stack.begin() + mark, m_stack.end());
    m_stack.resize(size_t(mark));
    return true;
}

bool PickleDecoder::addItem(NodeId container, NodeId item)
{
    Node &c = m_nodes[container];
    c.items.push_back(item);
    const int h = m_nodes[item].height + 1;
    if (h > c.height) {
        c.height = h;
        if (h > m_limits.maxDepth)
            return fail(QStringLiteral("nesting deeper than %1 levels at offset %2").arg(m_limits.maxDepth).arg(m_opPos));
    }
    return true;
}

bool PickleDecoder::collection(Kind kind, std::vector<NodeId> items)
{
    NodeId id;
    if (!newNode(kind, Value(), id))
        return false;
    m_nodes[id].items.reserve(items.size());
    for (NodeId item : items)
        if (!addItem(id, item))
            return false;
    m_stack.push_back(id);
    return true;
}

QString PickleDecoder::kindName(NodeId id) const
{
    const Node &n = m_nodes[id];
    switch (n.kind) {
    case Kind::Scalar: return n.value.typeName();
    case Kind::Tuple: return QStringLiteral("tuple");
    case Kind::List: return QStringLiteral("list");
    case Kind::Dict: return QStringLiteral("dict");
    case Kind::Set: return QStringLiteral("set");
    case Kind::FrozenSet: return QStringLiteral("frozenset");
    case Kind::Global: return QStringLiteral("class '%1'").arg(n.value.toStr());
    case Kind::Exception: return QStringLiteral("%1 exception").arg(n.value.toStr());
    case Kind::Uri: return QStringLiteral("Pyro4.core.URI");
    case Kind::Proxy: return QStringLiteral("Pyro4.core.Proxy");
    case Kind::ExceptionWrapper: return QStringLiteral("Pyro4.futures._ExceptionWrapper");
    case Kind::Inert: return QStringLiteral("%1 object").arg(n.value.toStr());
    case Kind::InertMember: return QStringLiteral("%1 member").arg(n.value.items().value(0).toStr());
    }
    return QString();
}

// ---- the machine ---------------------------------------------------------------------------

Result<Value> PickleDecoder::decode()
{
    if (!newNode(Kind::Scalar, Value(), m_none) || !newNode(Kind::Scalar, Value(true), m_true)
        || !newNode(Kind::Scalar, Value(false), m_false) || !newNode(Kind::Tuple, Value(), m_emptyTuple))
        return m_error;
    while (!m_stopped) {
        m_opPos = m_pos;
        if (m_pos >= m_data.size()) {
            fail(m_pos == 0 ? QStringLiteral("empty data")
                            : QStringLiteral("data truncated: no STOP opcode before the end at offset %1").arg(m_pos));
            return m_error;
        }
        m_op = quint8(m_data[m_pos++]);
        if (!step(m_op))
            return m_error;
    }
    if (m_pos != m_data.size()) {
        m_opPos = m_pos;
        fail(QStringLiteral("%1 bytes of trailing data after STOP at offset %2").arg(m_data.size() - m_pos).arg(m_pos));
        return m_error;
    }
    m_visit.assign(m_nodes.size(), 0);
    m_converted.assign(m_nodes.size(), Value());
    m_expanded.assign(m_nodes.size(), 0);
    Value result;
    if (!convert(m_result, 1, result))
        return m_error;
    return result;
}

bool PickleDecoder::step(quint8 op)
{
    quint64 n = 0;
    QByteArrayView bytes;
    NodeId a = NoNode, b = NoNode, c = NoNode;
    std::vector<NodeId> items;
    switch (op) {
    case 0x80: // PROTO
        if (!readUInt(1, n))
            return false;
        if (n > 5)
            return fail(QStringLiteral("unsupported pickle protocol %1 at offset %2").arg(n).arg(m_opPos));
        m_protocol = int(n);
        return true;
    case 0x95: // FRAME: framing only helps buffered readers; check that the frame is really there.
        if (!readUInt(8, n))
            return false;
        return need(n);
    case '.': // STOP
        if (!pop(m_result))
            return false;
        m_stopped = true;
        return true;
    case '(': // MARK
        m_marks.push_back(qsizetype(m_stack.size()));
        return true;
    case '0': // POP: right after a MARK it pops the mark, as CPython's unpickler does
        if (!m_marks.empty() && m_marks.back() == qsizetype(m_stack.size())) {
            m_marks.pop_back();
            return true;
        }
        return pop(a);
    case '1': // POP_MARK
        return popMark(items);
    case '2': // DUP
        if (!top(a))
            return false;
        m_stack.push_back(a);
        return true;

    case 'N':
        m_stack.push_back(m_none);
        return true;
    case 0x88:
        m_stack.push_back(m_true);
        return true;
    case 0x89:
        m_stack.push_back(m_false);
        return true;
    case 'J': // BININT
        if (!readUInt(4, n))
            return false;
        return pushScalar(qint64(qint32(quint32(n))));
    case 'K': // BININT1
        if (!readUInt(1, n))
            return false;
        return pushScalar(qint64(n));
    case 'M': // BININT2
        if (!readUInt(2, n))
            return false;
        return pushScalar(qint64(n));
    case 0x8a: // LONG1
    case 0x8b: // LONG4
        if (!readLength(op == 0x8a ? 1 : 4, n))
            return false;
        if (n > quint64(maxIntBytes(m_limits)))
            return fail(QStringLiteral("%1 at offset %2 has %3 bytes, more than the limit of %4")
                                .arg(QLatin1String(opName(op))).arg(m_opPos).arg(n).arg(maxIntBytes(m_limits)));
        if (!readBytes(n, bytes))
            return false;
        return pushScalar(BigInt::fromTwosComplementLE(bytes));
    case 'G': { // BINFLOAT, big-endian
        if (!readBytes(8, bytes))
            return false;
        const quint64 bits = qFromBigEndian<quint64>(bytes.data());
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return pushScalar(d);
    }
    case 'I':
    case 'L':
    case 'F':
    case 'S':
    case 'V':
    case 'g':
    case 'p':
        return loadText(op);

    case 'T': // BINSTRING
    case 'U': // SHORT_BINSTRING
        if (!readLength(op == 'U' ? 1 : 4, n) || !readBytes(n, bytes))
            return false;
        return loadString(bytes);
    case 'X': // BINUNICODE
    case 0x8c: // SHORT_BINUNICODE
    case 0x8d: // BINUNICODE8
        if (!readLength(op == 0x8c ? 1 : op == 'X' ? 4 : 8, n) || !readBytes(n, bytes))
            return false;
        return loadUtf8(bytes);
    case 'B': // BINBYTES
    case 'C': // SHORT_BINBYTES
    case 0x8e: // BINBYTES8
        if (!readLength(op == 'C' ? 1 : op == 'B' ? 4 : 8, n) || !readBytes(n, bytes))
            return false;
        return pushScalar(Value::bytes(bytes.toByteArray()));
    case 0x96: // BYTEARRAY8
        if (!readLength(8, n) || !readBytes(n, bytes))
            return false;
        return pushScalar(Value::byteArray(bytes.toByteArray()));
    case 0x97:
    case 0x98:
        return fail(QStringLiteral("%1 at offset %2: out-of-band buffers (pickle protocol 5 buffer_callback) are not supported")
                            .arg(QLatin1String(opName(op))).arg(m_opPos));

    case ']':
        return pushNew(Kind::List);
    case ')':
        m_stack.push_back(m_emptyTuple);
        return true;
    case '}':
        return pushNew(Kind::Dict);
    case 0x8f:
        return pushNew(Kind::Set);
    case 'l': // LIST
    case 't': // TUPLE
    case 'd': // DICT
    case 0x91: // FROZENSET
        if (!popMark(items))
            return false;
        if (op == 'd' && items.size() % 2)
            return fail(QStringLiteral("DICT at offset %1 has an odd number of items").arg(m_opPos));
        return collection(op == 'l' ? Kind::List : op == 't' ? Kind::Tuple : op == 'd' ? Kind::Dict : Kind::FrozenSet,
                          std::move(items));
    case 0x85: // TUPLE1..3
    case 0x86:
    case 0x87: {
        const int count = op - 0x84;
        items.resize(size_t(count));
        for (int i = count - 1; i >= 0; --i)
            if (!pop(items[size_t(i)]))
                return false;
        return collection(Kind::Tuple, std::move(items));
    }
    case 'a': // APPEND
        if (!pop(b) || !top(a))
            return false;
        if (m_nodes[a].kind != Kind::List && m_nodes[a].kind != Kind::Inert)
            return fail(QStringLiteral("APPEND at offset %1 to a %2, not a list").arg(m_opPos).arg(kindName(a)));
        return addItem(a, b);
    case 'e': // APPENDS
    case 0x90: // ADDITEMS
        if (!popMark(items) || !top(a))
            return false;
        if (m_nodes[a].kind != (op == 'e' ? Kind::List : Kind::Set) && !(op == 'e' && m_nodes[a].kind == Kind::Inert))
            return fail(QStringLiteral("%1 at offset %2 to a %3, not a %4")
                                .arg(QLatin1String(opName(op))).arg(m_opPos).arg(kindName(a),
                                     op == 'e' ? QStringLiteral("list") : QStringLiteral("set")));
        for (NodeId item : items)
            if (!addItem(a, item))
                return false;
        return true;
    case 's': // SETITEM
        if (!pop(c) || !pop(b) || !top(a))
            return false;
        if (m_nodes[a].kind == Kind::Inert)
            return addInertDictItems(a, { b, c });
        if (m_nodes[a].kind != Kind::Dict)
            return fail(QStringLiteral("SETITEM at offset %1 on a %2, not a dict").arg(m_opPos).arg(kindName(a)));
        return addItem(a, b) && addItem(a, c);
    case 'u': // SETITEMS
        if (!popMark(items) || !top(a))
            return false;
        if (m_nodes[a].kind != Kind::Dict && m_nodes[a].kind != Kind::Inert)
            return fail(QStringLiteral("SETITEMS at offset %1 on a %2, not a dict").arg(m_opPos).arg(kindName(a)));
        if (items.size() % 2)
            return fail(QStringLiteral("SETITEMS at offset %1 has an odd number of items").arg(m_opPos));
        if (m_nodes[a].kind == Kind::Inert)
            return addInertDictItems(a, items);
        for (NodeId item : items)
            if (!addItem(a, item))
                return false;
        return true;

    case 'h': // BINGET
    case 'j': // LONG_BINGET
    case 'q': // BINPUT
    case 'r': // LONG_BINPUT
    case 0x94: // MEMOIZE
        if (op == 0x94)
            n = quint64(m_memo.size());
        else if (!readUInt(op == 'h' || op == 'q' ? 1 : 4, n))
            return false;
        if (op == 'h' || op == 'j') {
            const auto it = m_memo.constFind(n);
            if (it == m_memo.cend())
                return fail(QStringLiteral("memo key %1 not found (%2 at offset %3)")
                                    .arg(n).arg(QLatin1String(opName(op))).arg(m_opPos));
            m_stack.push_back(it.value());
            return true;
        }
        if (!top(a))
            return false;
        m_memo.insert(n, a);
        return true;

    case 'c': // GLOBAL
    case 'i': { // INST
        QByteArrayView module, name;
        if (!readLine(module) || !readLine(name))
            return false;
        QString moduleText, nameText;
        if (!decodeUtf8SurrogatePass(module, moduleText) || !decodeUtf8SurrogatePass(name, nameText))
            return fail(QStringLiteral("invalid UTF-8 in the %1 name at offset %2").arg(QLatin1String(opName(op))).arg(m_opPos));
        if (!pushGlobal(moduleText, nameText))
            return false;
        if (op == 'c')
            return true;
        if (!pop(a) || !popMark(items) || !collection(Kind::Tuple, std::move(items)) || !pop(b))
            return false;
        return call(a, b);
    }
    case 0x93: // STACK_GLOBAL
        if (!pop(b) || !pop(a))
            return false;
        if (!m_nodes[a].value.isStr() || !m_nodes[b].value.isStr() || m_nodes[a].kind != Kind::Scalar
            || m_nodes[b].kind != Kind::Scalar)
            return fail(QStringLiteral("STACK_GLOBAL at offset %1 needs two str, got %2 and %3")
                                .arg(m_opPos).arg(kindName(a), kindName(b)));
        return pushGlobal(m_nodes[a].value.toStr(), m_nodes[b].value.toStr());
    case 'R': // REDUCE
        if (!pop(b) || !pop(a))
            return false;
        return call(a, b);
    case 'o': // OBJ: MARK cls args... OBJ
        if (!popMark(items))
            return false;
        if (items.empty())
            return fail(QStringLiteral("OBJ at offset %1 without a class").arg(m_opPos));
        a = items.front();
        items.erase(items.begin());
        if (!collection(Kind::Tuple, std::move(items)) || !pop(b))
            return false;
        return call(a, b);
    case 0x81: // NEWOBJ
        if (!pop(b) || !pop(a))
            return false;
        return newObject(a, b);
    case 0x92: // NEWOBJ_EX
        if (!pop(c) || !pop(b) || !pop(a))
            return false;
        if (m_nodes[c].kind != Kind::Dict || !m_nodes[c].items.empty())
            return fail(QStringLiteral("NEWOBJ_EX at offset %1 with keyword arguments is not supported").arg(m_opPos));
        return newObject(a, b);
    case 'b': // BUILD
        if (!pop(b) || !top(a))
            return false;
        return build(a, b);

    case 'P':
    case 'Q':
        return fail(QStringLiteral("%1 at offset %2: persistent ids are not supported")
                            .arg(QLatin1String(opName(op))).arg(m_opPos));
    case 0x82:
    case 0x83:
    case 0x84:
        return fail(QStringLiteral("%1 at offset %2: the copyreg extension registry is not supported")
                            .arg(QLatin1String(opName(op))).arg(m_opPos));
    }
    return fail(QStringLiteral("unknown opcode 0x%1 at offset %2").arg(uint(op), 2, 16, QLatin1Char('0')).arg(m_opPos));
}

// ---- text opcodes (protocol 0) -------------------------------------------------------------

bool PickleDecoder::loadText(quint8 op)
{
    QByteArrayView line;
    if (!readLine(line))
        return false;
    switch (op) {
    case 'I':
        return loadInt(line, true);
    case 'L':
        if (line.endsWith('L'))
            line.chop(1);
        return loadInt(line, false);
    case 'F': {
        QByteArrayView t = line.trimmed();
        if (t.startsWith('+'))
            t = t.sliced(1);
        double d = 0;
        const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
        if (t.isEmpty() || ec != std::errc() || ptr != t.data() + t.size())
            return fail(QStringLiteral("invalid FLOAT text at offset %1").arg(m_opPos));
        return pushScalar(d);
    }
    case 'S': {
        QByteArrayView t = line;
        while (!t.isEmpty() && quint8(t.back()) <= ' ')
            t.chop(1);
        if (t.size() < 2 || t.front() != t.back() || (t.front() != '\'' && t.front() != '"'))
            return fail(QStringLiteral("the STRING opcode argument at offset %1 must be quoted").arg(m_opPos));
        // codecs.escape_decode, as Python's load_string does
        t = t.sliced(1, t.size() - 2);
        QByteArray raw;
        raw.reserve(t.size());
        const char *const end = t.data() + t.size();
        for (const char *p = t.data(); p < end;) {
            if (*p != '\\') {
                raw.append(*p++);
                continue;
            }
            const PythonText::Escape e = PythonText::decodeEscape(p, end, PythonText::EscapeGrammar::EscapeDecode);
            switch (e.kind) {
            case PythonText::Escape::Kind::CodePoint:
                raw.append(char(e.codePoint));
                break;
            case PythonText::Escape::Kind::LineContinuation:
                break;
            case PythonText::Escape::Kind::Unknown: // the backslash stays, the next byte is read as it is
                raw.append('\\');
                break;
            case PythonText::Escape::Kind::Fault:
                return fail(e.fault == PythonText::Escape::Fault::Trailing
                                    ? QStringLiteral("trailing \\ in STRING at offset %1").arg(m_opPos)
                                    : QStringLiteral("invalid \\x escape in STRING at offset %1").arg(m_opPos));
            }
            p += e.length;
        }
        return loadString(raw);
    }
    case 'V': { // raw-unicode-escape
        QString s;
        s.reserve(line.size());
        for (qsizetype i = 0; i < line.size();) {
            if (line[i] != '\\') {
                s.append(QLatin1Char(line[i++]));
                continue;
            }
            const qsizetype run = i;
            while (i < line.size() && line[i] == '\\')
                s.append(QLatin1Char(line[i++]));
            if (((i - run) & 1) == 0 || i >= line.size() || (line[i] != 'u' && line[i] != 'U'))
                continue;
            s.chop(1);
            const PythonText::Escape e =
                    PythonText::decodeEscape(line.data() + i - 1, line.data() + line.size(), PythonText::EscapeGrammar::RawUnicode);
            if (e.fault == PythonText::Escape::Fault::BadHex)
                return fail(QStringLiteral("truncated \\uXXXX escape in UNICODE at offset %1").arg(m_opPos));
            if (e.fault == PythonText::Escape::Fault::OutOfRange)
                return fail(QStringLiteral("\\Uxxxxxxxx out of range in UNICODE at offset %1").arg(m_opPos));
            i += e.length - 1;
            appendCodePoint(s, e.codePoint);
        }
        return pushScalar(s);
    }
    case 'g':
    case 'p': {
        bool ok = false;
        const qint64 index = QByteArray(line.trimmed().data(), line.trimmed().size()).toLongLong(&ok);
        if (!ok || index < 0)
            return fail(QStringLiteral("invalid memo index in %1 at offset %2").arg(QLatin1String(opName(op))).arg(m_opPos));
        NodeId id;
        if (op == 'p') {
            if (!top(id))
                return false;
            m_memo.insert(quint64(index), id);
            return true;
        }
        const auto it = m_memo.constFind(quint64(index));
        if (it == m_memo.cend())
            return fail(QStringLiteral("memo key %1 not found (GET at offset %2)").arg(index).arg(m_opPos));
        m_stack.push_back(it.value());
        return true;
    }
    }
    return false;
}

bool PickleDecoder::loadInt(QByteArrayView text, bool allowBoolCodes)
{
    if (allowBoolCodes && text == "00") {
        m_stack.push_back(m_false);
        return true;
    }
    if (allowBoolCodes && text == "01") {
        m_stack.push_back(m_true);
        return true;
    }
    const QByteArrayView t = text.trimmed();
    const qsizetype digits = t.size() - ((t.startsWith('-') || t.startsWith('+')) ? 1 : 0);
    if (digits > m_limits.maxIntDigits)
        return fail(QStringLiteral("%1 at offset %2 has more than %3 digits")
                            .arg(QLatin1String(opName(m_op))).arg(m_opPos).arg(m_limits.maxIntDigits));
    const std::optional<BigInt> v = BigInt::fromString(QString::fromLatin1(t), 10, m_limits.maxIntDigits);
    if (!v)
        return fail(QStringLiteral("invalid %1 text at offset %2").arg(QLatin1String(opName(m_op))).arg(m_opPos));
    return pushScalar(*v);
}

bool PickleDecoder::loadString(QByteArrayView raw)
{
    // Pyro4 unpickles with Python's default encoding='ASCII' for Python 2 str.
    for (qsizetype i = 0; i < raw.size(); ++i)
        if (quint8(raw[i]) >= 0x80)
            return fail(QStringLiteral("non-ASCII byte 0x%1 in a Python 2 str (%2 at offset %3)")
                                .arg(uint(quint8(raw[i])), 2, 16, QLatin1Char('0')).arg(QLatin1String(opName(m_op))).arg(m_opPos));
    return pushScalar(QString::fromLatin1(raw));
}

bool PickleDecoder::loadUtf8(QByteArrayView raw)
{
    QString s;
    if (!decodeUtf8SurrogatePass(raw, s))
        return fail(QStringLiteral("invalid UTF-8 in %1 at offset %2").arg(QLatin1String(opName(m_op))).arg(m_opPos));
    return pushScalar(s);
}

// ---- globals and objects -------------------------------------------------------------------

bool PickleDecoder::pushGlobal(const QString &module, const QString &name)
{
    const QString qualified = PickleGlobals::qualifiedName(module, name, m_protocol);
    const Builder builder = PickleGlobals::builderFor(qualified);
    if (builder == Builder::Refused)
        return fail(QStringLiteral("refusing to load global '%1' (offset %2)").arg(qualified).arg(m_opPos),
                    Error::Code::SecurityError);
    NodeId id;
    if (!newNode(Kind::Global, qualified, id))
        return false;
    m_nodes[id].builder = builder;
    m_stack.push_back(id);
    return true;
}

bool PickleDecoder::extendFromIterable(NodeId target, NodeId iterable, const char *what)
{
    const Kind k = m_nodes[iterable].kind;
    if (k != Kind::List && k != Kind::Tuple && k != Kind::Set && k != Kind::FrozenSet)
        return fail(QStringLiteral("%1() at offset %2 needs a list, tuple or set, not %3")
                            .arg(QLatin1String(what)).arg(m_opPos).arg(kindName(iterable)));
    // a snapshot of the items, as set(iterable) takes one
    const std::vector<NodeId> items = m_nodes[iterable].items;
    for (NodeId item : items)
        if (!addItem(target, item))
            return false;
    return true;
}

bool PickleDecoder::call(NodeId callable, NodeId args)
{
    if (m_nodes[callable].kind != Kind::Global)
        return fail(QStringLiteral("%1 at offset %2 calls a %3, which is not an allowed class")
                            .arg(QLatin1String(opName(m_op))).arg(m_opPos).arg(kindName(callable)));
    if (m_nodes[args].kind != Kind::Tuple)
        return fail(QStringLiteral("%1 at offset %2: arguments must be a tuple, not %3")
                            .arg(QLatin1String(opName(m_op))).arg(m_opPos).arg(kindName(args)));
    const QString name = m_nodes[callable].value.toStr();
    const std::vector<NodeId> argv = m_nodes[args].items; // copy: nodes may grow below
    const auto scalarArg = [&](size_t i) -> const Value * {
        return i < argv.size() && m_nodes[argv[i]].kind == Kind::Scalar ? &m_nodes[argv[i]].value : nullptr;
    };
    const auto badArgs = [&]() {
        return fail(QStringLiteral("unsupported arguments for %1() at offset %2").arg(name).arg(m_opPos));
    };
    NodeId id;
    switch (m_nodes[callable].builder) {
    case Builder::Complex: {
        if (argv.size() > 2)
            return badArgs();
        double parts[2] = { 0.0, 0.0 };
        for (size_t i = 0; i < argv.size(); ++i) {
            const Value *v = scalarArg(i);
            if (!v || !v->isNumber())
                return badArgs();
            parts[i] = v->toDouble();
        }
        return pushScalar(Complex(parts[0], parts[1]));
    }
    case Builder::Set:
    case Builder::FrozenSet: {
        if (argv.size() > 1)
            return badArgs();
        const Kind kind = m_nodes[callable].builder == Builder::Set ? Kind::Set : Kind::FrozenSet;
        if (!newNode(kind, Value(), id))
            return false;
        if (!argv.empty() && !extendFromIterable(id, argv[0], kind == Kind::Set ? "set" : "frozenset"))
            return false;
        m_stack.push_back(id);
        return true;
    }
    case Builder::ByteArray:
    case Builder::Bytes: {
        const bool isArray = m_nodes[callable].builder == Builder::ByteArray;
        QByteArray data;
        if (argv.size() == 1 && scalarArg(0) && scalarArg(0)->isBytesLike()) {
            data = scalarArg(0)->toBytes();
        } else if (argv.size() == 2 && scalarArg(0) && scalarArg(1) && scalarArg(0)->isStr()
                   && scalarArg(1)->isStr()) {
            // bytearray(u'...', 'latin-1') as Python 2 wrote it
            const QString &text = scalarArg(0)->toStr();
            const QString enc = scalarArg(1)->toStr().toLower();
            if (enc != QLatin1String("latin-1") && enc != QLatin1String("latin1"))
                return badArgs();
            for (QChar ch : text)
                if (ch.unicode() > 0xff)
                    return badArgs();
            data = text.toLatin1();
        } else if (!argv.empty()) {
            return badArgs();
        }
        return pushScalar(isArray ? Value::byteArray(data) : Value::bytes(data));
    }
    case Builder::CodecsEncode: {
        // _codecs.encode(str, 'latin1'): how Python 3 pickles bytes in protocols 0..2
        const Value *text = scalarArg(0);
        const Value *enc = scalarArg(1);
        if (argv.size() != 2 || !text || !enc || !text->isStr() || !enc->isStr())
            return badArgs();
        const QString e = enc->toStr().toLower();
        if (e != QLatin1String("latin1") && e != QLatin1String("latin-1") && e != QLatin1String("iso-8859-1"))
            return fail(QStringLiteral("_codecs.encode() with encoding '%1' at offset %2 is not supported")
                                .arg(enc->toStr()).arg(m_opPos));
        for (QChar ch : text->toStr())
            if (ch.unicode() > 0xff)
                return fail(QStringLiteral("_codecs.encode() at offset %1: text is not latin-1").arg(m_opPos));
        return pushScalar(Value::bytes(text->toStr().toLatin1()));
    }
    case Builder::Reconstructor: {
        // copyreg._reconstructor(cls, object, None): protocol 0/1 objects such as URI
        if (argv.size() != 3 || m_nodes[argv[1]].kind != Kind::Global)
            return badArgs();
        if (m_nodes[argv[1]].builder == Builder::Object && argv[2] == m_none)
            return newObject(argv[0], m_emptyTuple);
        // copyreg._reconstructor(cls, tuple, (1, 2)): base.__new__(cls, state), how protocol
        // 0/1 write an object of a subclass of a builtin type (a named tuple); only inert
        if (m_nodes[argv[1]].builder != Builder::BaseType || m_nodes[argv[0]].kind != Kind::Global
            || m_nodes[argv[0]].builder != Builder::Inert)
            return badArgs();
        if (m_nodes[argv[1]].value.toStr() == QLatin1String("builtins.tuple") && m_nodes[argv[2]].kind == Kind::Tuple)
            return newObject(argv[0], argv[2]);
        if (!collection(Kind::Tuple, { argv[2] }) || !pop(id))
            return false;
        return newObject(argv[0], id);
    }
    case Builder::NewObj: {
        if (argv.empty())
            return badArgs();
        if (!collection(Kind::Tuple, std::vector<NodeId>(argv.begin() + 1, argv.end())) || !pop(id))
            return false;
        return newObject(argv[0], id);
    }
    case Builder::Exception:
    case Builder::Inert: // cls(*args) or a numpy reconstructor: recorded, never called
        return newObject(callable, args);
    case Builder::GetAttr: {
        // getattr(module.Enum, 'NAME'): how Python's Enum pickles a member
        const Value *member = scalarArg(1);
        if (argv.size() != 2 || m_nodes[argv[0]].kind != Kind::Global || m_nodes[argv[0]].builder != Builder::Inert
            || !member || !member->isStr())
            return fail(QStringLiteral("builtins.getattr() at offset %1 is only supported as getattr(<class>, 'NAME') "
                                       "(an enum member); got getattr(%2, ...)")
                                .arg(m_opPos).arg(argv.empty() ? QStringLiteral("") : kindName(argv[0])));
        return pushNew(Kind::InertMember, Value::tuple({ m_nodes[argv[0]].value, *member }));
    }
    case Builder::Object:
    case Builder::BaseType:
    case Builder::Uri:
    case Builder::Proxy:
    case Builder::ExceptionWrapper:
    case Builder::Refused:
        break;
    }
    return fail(QStringLiteral("calling %1() at offset %2 is not supported").arg(name).arg(m_opPos));
}

bool PickleDecoder::newObject(NodeId cls, NodeId args)
{
    if (m_nodes[cls].kind != Kind::Global)
        return fail(QStringLiteral("%1 at offset %2 on a %3, which is not an allowed class")
                            .arg(QLatin1String(opName(m_op))).arg(m_opPos).arg(kindName(cls)));
    if (m_nodes[args].kind != Kind::Tuple)
        return fail(QStringLiteral("%1 at offset %2: arguments must be a tuple, not %3")
                            .arg(QLatin1String(opName(m_op))).arg(m_opPos).arg(kindName(args)));
    const Builder builder = m_nodes[cls].builder;
    const QString name = m_nodes[cls].value.toStr();
    NodeId id;
    switch (builder) {
    case Builder::Inert: // an object of a class we do not know: its class name and arguments
    case Builder::Exception: // BaseException.__new__ keeps the args
        if (!newNode(builder == Builder::Inert ? Kind::Inert : Kind::Exception, name, id))
            return false;
        m_nodes[id].args = args;
        m_nodes[id].height = m_nodes[args].height + 1;
        m_stack.push_back(id);
        return true;
    case Builder::Uri:
    case Builder::Proxy:
    case Builder::ExceptionWrapper:
        if (!m_nodes[args].items.empty())
            return fail(QStringLiteral("%1.__new__ with arguments at offset %2 is not supported").arg(name).arg(m_opPos));
        return pushNew(builder == Builder::Uri ? Kind::Uri : builder == Builder::Proxy ? Kind::Proxy : Kind::ExceptionWrapper,
                       name);
    default:
        break;
    }
    return fail(QStringLiteral("creating a %1 object at offset %2 is not supported").arg(name).arg(m_opPos));
}

bool PickleDecoder::build(NodeId target, NodeId state)
{
    Node &t = m_nodes[target];
    const Kind stateKind = m_nodes[state].kind;
    const int h = m_nodes[state].height + 1;
    switch (t.kind) {
    case Kind::Exception: // BaseException.__setstate__: None or a dict of attributes
        if (state == m_none)
            return true;
        if (stateKind != Kind::Dict)
            return fail(QStringLiteral("BUILD at offset %1: exception state must be a dict, not %2").arg(m_opPos).arg(kindName(state)));
        t.items.push_back(state);
        t.height = qMax(t.height, h);
        return true;
    case Kind::ExceptionWrapper: // no __setstate__: the dict updates __dict__
        if (stateKind != Kind::Dict)
            return fail(QStringLiteral("BUILD at offset %1: _ExceptionWrapper state must be a dict, not %2").arg(m_opPos).arg(kindName(state)));
        t.items.push_back(state);
        t.height = qMax(t.height, h);
        return true;
    case Kind::Inert: // kept as it came: __setstate__ is code we do not have
        if (t.state != NoNode)
            return fail(QStringLiteral("BUILD at offset %1: a second state for a %2").arg(m_opPos).arg(kindName(target)));
        t.state = state;
        t.height = qMax(t.height, h);
        if (t.height > m_limits.maxDepth)
            return fail(QStringLiteral("nesting deeper than %1 levels at offset %2").arg(m_limits.maxDepth).arg(m_opPos));
        return true;
    case Kind::Uri:
    case Kind::Proxy:
        if (stateKind != Kind::Tuple)
            return fail(QStringLiteral("BUILD at offset %1: %2 state must be a tuple, not %3")
                                .arg(m_opPos).arg(kindName(target), kindName(state)));
        t.state = state;
        t.height = qMax(t.height, h);
        return true;
    default:
        break;
    }
    return fail(QStringLiteral("BUILD at offset %1 on a %2 is not supported").arg(m_opPos).arg(kindName(target)));
}

bool PickleDecoder::addInertDictItems(NodeId inert, const std::vector<NodeId> &keysAndValues)
{
    // SETITEM(S) on an object: the dictitems of a dict subclass (collections.OrderedDict, ...)
    if (m_nodes[inert].extra == NoNode) {
        NodeId d;
        if (!newNode(Kind::Dict, Value(), d))
            return false;
        m_nodes[inert].extra = d;
    }
    const NodeId d = m_nodes[inert].extra;
    for (NodeId item : keysAndValues)
        if (!addItem(d, item))
            return false;
    const int h = m_nodes[d].height + 1;
    if (h > m_nodes[inert].height)
        m_nodes[inert].height = h;
    return true;
}

// ---- conversion to Value -------------------------------------------------------------------

bool PickleDecoder::convertChildren(const std::vector<NodeId> &ids, int depth, ValueList &out)
{
    out.reserve(qsizetype(ids.size()));
    for (NodeId child : ids) {
        Value v;
        if (!convert(child, depth, v))
            return false;
        out.append(v);
    }
    return true;
}

bool PickleDecoder::convertStateDicts(const std::vector<NodeId> &ids, int depth, Dict &into)
{
    for (NodeId id : ids) {
        Value d;
        if (!convert(id, depth, d))
            return false;
        for (const Dict::Item &item : d.toDict().items()) {
            if (!item.first.isStr())
                return fail(QStringLiteral("attribute name must be a str, not %1").arg(item.first.typeName()));
            into.insert(item.first, item.second);
        }
    }
    return true;
}

bool PickleDecoder::convertProxyState(NodeId id, int depth, Value &out)
{
    // Proxy.__getstate__ pickles (URI, oneway set, methods set, attrs set, timeout, hmac key
    // bytes, handshake, max retries, serializer); the other formats carry
    // __getstate_for_dict__: (uri str, tuples, ..., "b64:" key, ...). Produce the latter so
    // that every serializer gives the same Proxy dict.
    const NodeId stateId = m_nodes[id].state;
    if (stateId == NoNode)
        return fail(QStringLiteral("Pyro4.core.Proxy object without state"));
    Value stateValue;
    if (!convert(stateId, depth + 1, stateValue))
        return false;
    ValueList state = stateValue.items();
    if (state.size() < 7)
        return fail(QStringLiteral("Pyro4.core.Proxy state has %1 items, expected 9").arg(state.size()));
    if (state[0].className() == QLatin1String("Pyro4.core.URI")) {
        const Result<QString> uri = PickleGlobals::uriStringFromState(state[0].toDict().value(QStringLiteral("state")));
        if (!uri) {
            m_error = uri.error();
            return false;
        }
        state[0] = uri.value();
    }
    for (int i = 1; i <= 3; ++i)
        if (state[i].hasItems())
            state[i] = Value::tuple(state[i].items());
    if (state[5].isBytesLike())
        state[5] = QStringLiteral("b64:") + QString::fromLatin1(state[5].toBytes().toBase64());
    while (state.size() < 9)
        state.append(state.size() == 7 ? Value(0) : Value());
    Dict d;
    d.insert(QStringLiteral("__class__"), QStringLiteral("Pyro4.core.Proxy"));
    d.insert(QStringLiteral("state"), Value::tuple(state));
    out = d;
    return true;
}

bool PickleDecoder::convertInert(NodeId id, int depth, Value &out)
{
    const Node &n = m_nodes[id];
    Value args, state, dictItems;
    ValueList listItems;
    if (!convert(n.args, depth + 1, args))
        return false;
    if (n.state != NoNode && !convert(n.state, depth + 1, state))
        return false;
    if (n.extra != NoNode && !convert(n.extra, depth + 1, dictItems))
        return false;
    if (!convertChildren(n.items, depth + 1, listItems))
        return false;
    const QString cls = n.value.toStr();
    // numpy's reconstructors become arrays and numbers; everything else stays inert.
    if (PickleNumpy::isReconstructor(cls)) {
        const Result<Value> numpy = PickleNumpy::build(cls, args, state);
        if (!numpy) {
            m_error = numpy.error();
            m_error.setOffset(-1);
            return false;
        }
        out = numpy.value();
        return true;
    }
    out = InertObjects::object(cls, args, state, listItems, dictItems.toDict());
    return true;
}

bool PickleDecoder::convert(NodeId id, int depth, Value &out)
{
    if (depth > m_limits.maxDepth)
        return fail(QStringLiteral("nesting deeper than %1 levels").arg(m_limits.maxDepth));
    if (m_visit[id] == 2) {
        out = m_converted[id];
        return true;
    }
    if (m_visit[id] == 1)
        return fail(QStringLiteral("recursive structure: a %1 that contains itself cannot be represented").arg(kindName(id)));
    m_visit[id] = 1;
    const Node &n = m_nodes[id];

    // size of the value with every shared reference expanded, saturating
    quint64 expanded = 1;
    const auto count = [&](NodeId child) {
        if (child != NoNode)
            expanded = qMin(m_maxExpanded + 1, expanded + m_expanded[child]);
    };

    switch (n.kind) {
    case Kind::Scalar:
        out = n.value;
        break;
    case Kind::Tuple:
    case Kind::List:
    case Kind::Set:
    case Kind::FrozenSet: {
        ValueList items;
        if (!convertChildren(n.items, depth + 1, items))
            return false;
        if (n.kind == Kind::Set || n.kind == Kind::FrozenSet) {
            for (const Value &item : items)
                if (!item.isHashable())
                    return fail(QStringLiteral("unhashable type: '%1' in a %2").arg(item.typeName(), kindName(id)));
        }
        for (NodeId child : n.items)
            count(child);
        if (expanded > m_maxExpanded)
            break; // reported below, before hashing anything
        out = n.kind == Kind::Tuple ? Value::tuple(items)
                : n.kind == Kind::List ? Value::list(items)
                : n.kind == Kind::Set ? Value::set(items)
                : Value::frozenSet(items);
        break;
    }
    case Kind::Dict: {
        ValueList items;
        if (!convertChildren(n.items, depth + 1, items))
            return false;
        for (NodeId child : n.items)
            count(child);
        if (expanded > m_maxExpanded)
            break;
        Dict d;
        for (qsizetype i = 0; i + 1 < items.size(); i += 2) {
            if (!items[i].isHashable())
                return fail(QStringLiteral("unhashable type: '%1' as a dict key").arg(items[i].typeName()));
            d.insert(items[i], items[i + 1]);
        }
        out = d;
        break;
    }
    case Kind::Global:
        if (n.builder != Builder::Inert)
            return fail(QStringLiteral("the class %1 itself cannot be represented as a value").arg(n.value.toStr()));
        out = InertObjects::classReference(n.value.toStr());
        break;
    case Kind::Inert:
        if (!convertInert(id, depth, out))
            return false;
        count(n.args);
        count(n.state);
        count(n.extra);
        for (NodeId child : n.items)
            count(child);
        break;
    case Kind::InertMember:
        out = InertObjects::member(n.value.items().value(0).toStr(), n.value.items().value(1).toStr());
        break;
    case Kind::Exception: {
        Value args;
        if (!convert(n.args, depth + 1, args))
            return false;
        Dict attributes;
        if (!convertStateDicts(n.items, depth + 1, attributes))
            return false;
        count(n.args);
        for (NodeId child : n.items)
            count(child);
        Dict d;
        d.insert(QStringLiteral("__class__"), n.value);
        d.insert(QStringLiteral("__exception__"), true);
        d.insert(QStringLiteral("args"), args);
        d.insert(QStringLiteral("attributes"), attributes);
        out = d;
        break;
    }
    case Kind::Uri: {
        if (n.state == NoNode)
            return fail(QStringLiteral("Pyro4.core.URI object without state"));
        Value state;
        if (!convert(n.state, depth + 1, state))
            return false;
        if (state.items().size() != 5)
            return fail(QStringLiteral("Pyro4.core.URI state has %1 items, expected 5").arg(state.items().size()));
        count(n.state);
        Dict d;
        d.insert(QStringLiteral("__class__"), QStringLiteral("Pyro4.core.URI"));
        d.insert(QStringLiteral("state"), state);
        out = d;
        break;
    }
    case Kind::Proxy:
        if (!convertProxyState(id, depth, out))
            return false;
        count(n.state);
        break;
    case Kind::ExceptionWrapper: {
        Dict d;
        d.insert(QStringLiteral("__class__"), QStringLiteral("Pyro4.futures._ExceptionWrapper"));
        if (!convertStateDicts(n.items, depth, d))
            return false;
        for (NodeId child : n.items)
            count(child);
        out = d;
        break;
    }
    }
    if (expanded > m_maxExpanded)
        return fail(QStringLiteral("shared references expand to more than %1 values").arg(m_maxExpanded));
    m_expanded[id] = expanded;
    m_converted[id] = out;
    m_visit[id] = 2;
    return true;
}

} // namespace Pyro
