#include "serializers/pickle/pickleencoder.h"

#include "serializers/pickle/pickleglobals.h"
#include "serializers/serializer.h"
#include "value/textcodec.h"

#include <QtEndian>

#include <cstring>

namespace Pyro {

namespace {

constexpr qsizetype kBatchSize = 1000; // as Python's pickler batches APPENDS/SETITEMS/ADDITEMS

// UTF-8 with Python's 'surrogatepass', as pickle writes str: a lone surrogate becomes its
// three-byte form instead of being replaced.
QByteArray utf8SurrogatePass(const QString &s)
{
    return *TextCodec::encodeUtf8(s, TextCodec::Utf8Errors::SurrogatePass);
}

void appendLE(QByteArray &out, quint64 v, int size)
{
    for (int i = 0; i < size; ++i)
        out.append(char((v >> (8 * i)) & 0xff));
}

} // namespace

bool PickleEncoder::fail(const QString &message)
{
    m_error = Error(Error::Code::SerializeError, QStringLiteral("pickle: ") + message);
    return false;
}

Result<QByteArray> PickleEncoder::encode(const Value &value)
{
    m_out.clear();
    m_out.append(char(0x80)); // PROTO 5: Pyro4 on Python 3.11 uses pickle.HIGHEST_PROTOCOL
    m_out.append(char(5));
    if (!write(value, 1))
        return m_error;
    m_out.append('.');
    return m_out;
}

void PickleEncoder::writeSized(char op1, char op4, char op8, QByteArrayView data)
{
    const quint64 n = quint64(data.size());
    if (n < 256) {
        m_out.append(op1);
        m_out.append(char(n));
    } else if (n <= 0xffffffffu) {
        m_out.append(op4);
        appendLE(m_out, n, 4);
    } else {
        m_out.append(op8);
        appendLE(m_out, n, 8);
    }
    m_out.append(data);
}

void PickleEncoder::writeStr(const QString &s)
{
    writeSized(char(0x8c), 'X', char(0x8d), utf8SurrogatePass(s));
}

void PickleEncoder::writeGlobal(const char *module, const char *name)
{
    writeStr(QLatin1String(module));
    writeStr(QLatin1String(name));
    m_out.append(char(0x93)); // STACK_GLOBAL
}

void PickleEncoder::writeInt(const Value &v)
{
    bool small = false;
    const qint64 i = v.toInt64(&small);
    if (small && i >= 0 && i < 256) {
        m_out.append('K');
        m_out.append(char(i));
        return;
    }
    if (small && i >= 0 && i < 65536) {
        m_out.append('M');
        appendLE(m_out, quint64(i), 2);
        return;
    }
    if (small && i >= std::numeric_limits<qint32>::min() && i <= std::numeric_limits<qint32>::max()) {
        m_out.append('J');
        appendLE(m_out, quint64(quint32(qint32(i))), 4);
        return;
    }
    const QByteArray bytes = v.toBigInt().toTwosComplementLE();
    if (bytes.size() < 256) {
        m_out.append(char(0x8a)); // LONG1
        m_out.append(char(bytes.size()));
    } else {
        m_out.append(char(0x8b)); // LONG4
        appendLE(m_out, quint64(bytes.size()), 4);
    }
    m_out.append(bytes);
}

bool PickleEncoder::writeItems(const ValueList &items, int depth)
{
    for (const Value &item : items)
        if (!write(item, depth))
            return false;
    return true;
}

bool PickleEncoder::writeDictItems(const Dict &d, int depth, bool skipClass)
{
    const QList<Dict::Item> &items = d.items();
    qsizetype i = 0;
    while (i < items.size()) {
        m_out.append('(');
        qsizetype written = 0;
        for (; i < items.size() && written < kBatchSize; ++i) {
            if (skipClass && items[i].first == Value(QStringLiteral("__class__")))
                continue;
            if (!write(items[i].first, depth) || !write(items[i].second, depth))
                return false;
            ++written;
        }
        m_out.append('u'); // SETITEMS
    }
    return true;
}

bool PickleEncoder::write(const Value &v, int depth)
{
    if (depth > DecodeLimits().maxDepth)
        return fail(QStringLiteral("value nested deeper than %1 levels").arg(DecodeLimits().maxDepth));
    switch (v.type()) {
    case Value::Type::None:
        m_out.append('N');
        return true;
    case Value::Type::Bool:
        m_out.append(char(v.toBool() ? 0x88 : 0x89));
        return true;
    case Value::Type::Int:
        writeInt(v);
        return true;
    case Value::Type::Float: {
        const double d = v.toDouble();
        quint64 bits;
        std::memcpy(&bits, &d, sizeof bits);
        m_out.append('G');
        char be[8];
        qToBigEndian(bits, be);
        m_out.append(be, 8);
        return true;
    }
    case Value::Type::Complex:
        writeGlobal("builtins", "complex");
        write(v.toComplex().real(), depth + 1);
        write(v.toComplex().imag(), depth + 1);
        m_out.append(char(0x86)); // TUPLE2
        m_out.append('R');
        return true;
    case Value::Type::Str:
        writeStr(v.toStr());
        return true;
    case Value::Type::Bytes:
        writeSized('C', 'B', char(0x8e), v.toBytes());
        return true;
    case Value::Type::ByteArray:
        m_out.append(char(0x96)); // BYTEARRAY8
        appendLE(m_out, quint64(v.toBytes().size()), 8);
        m_out.append(v.toBytes());
        return true;
    case Value::Type::Tuple: {
        const ValueList &items = v.items();
        if (items.isEmpty()) {
            m_out.append(')');
            return true;
        }
        if (items.size() <= 3) {
            if (!writeItems(items, depth + 1))
                return false;
            m_out.append(char(0x84 + items.size())); // TUPLE1..3
            return true;
        }
        m_out.append('(');
        if (!writeItems(items, depth + 1))
            return false;
        m_out.append('t');
        return true;
    }
    case Value::Type::List:
    case Value::Type::Set: {
        const bool isList = v.isList();
        m_out.append(isList ? ']' : char(0x8f)); // EMPTY_LIST / EMPTY_SET
        const ValueList &items = v.items();
        for (qsizetype i = 0; i < items.size(); i += kBatchSize) {
            m_out.append('(');
            if (!writeItems(items.mid(i, kBatchSize), depth + 1))
                return false;
            m_out.append(isList ? 'e' : char(0x90)); // APPENDS / ADDITEMS
        }
        return true;
    }
    case Value::Type::FrozenSet:
        m_out.append('(');
        if (!writeItems(v.items(), depth + 1))
            return false;
        m_out.append(char(0x91)); // FROZENSET
        return true;
    case Value::Type::Dict: {
        const Dict &d = v.toDict();
        const QString cls = v.className();
        if (!cls.isEmpty()) {
            const Value isException = d.value(QStringLiteral("__exception__"));
            if (isException.isBool() && isException.toBool())
                return writeException(d, depth);
            if (cls == QLatin1String("Pyro4.core.URI"))
                return writeUri(d.value(QStringLiteral("state")), depth);
            if (cls == QLatin1String("Pyro4.core.Proxy"))
                return writeProxy(d.value(QStringLiteral("state")), depth);
            if (cls == QLatin1String("Pyro4.futures._ExceptionWrapper"))
                return writeExceptionWrapper(d, depth);
        }
        m_out.append('}');
        return d.isEmpty() || writeDictItems(d, depth + 1, false);
    }
    }
    return fail(QStringLiteral("cannot encode a %1").arg(v.typeName()));
}

bool PickleEncoder::writeException(const Dict &d, int depth)
{
    const QString cls = d.value(QStringLiteral("__class__")).toStr();
    if (!PickleGlobals::isKnownExceptionClass(cls))
        return fail(QStringLiteral("cannot send exception class '%1' as a Python exception object; "
                                   "only builtins.* and Pyro4.errors.* exceptions are pickled")
                            .arg(cls));
    const qsizetype dot = cls.lastIndexOf(QLatin1Char('.'));
    writeGlobal(cls.left(dot).toUtf8().constData(), cls.mid(dot + 1).toUtf8().constData());
    const Value args = d.value(QStringLiteral("args"));
    if (!args.isNone() && !args.isSequence())
        return fail(QStringLiteral("exception args must be a tuple or list, not %1").arg(args.typeName()));
    if (!write(Value::tuple(args.items()), depth + 1))
        return false;
    m_out.append('R'); // REDUCE: cls(*args)
    const Value attributes = d.value(QStringLiteral("attributes"));
    if (attributes.isDict() && !attributes.toDict().isEmpty()) {
        for (const Dict::Item &item : attributes.toDict().items())
            if (!item.first.isStr())
                return fail(QStringLiteral("exception attribute names must be str, not %1").arg(item.first.typeName()));
        if (!write(attributes, depth + 1))
            return false;
        m_out.append('b'); // BUILD: BaseException.__setstate__ sets each attribute
    } else if (!attributes.isNone() && !attributes.isDict()) {
        return fail(QStringLiteral("exception attributes must be a dict, not %1").arg(attributes.typeName()));
    }
    return true;
}

bool PickleEncoder::writeUri(const Value &state, int depth)
{
    if (!state.isSequence() || state.items().size() != 5)
        return fail(QStringLiteral("a Pyro4.core.URI dict needs a 'state' of 5 items (protocol, object, sockname, host, port)"));
    writeGlobal("Pyro4.core", "URI");
    m_out.append(')');
    m_out.append(char(0x81)); // NEWOBJ: URI.__new__(URI)
    if (!write(Value::tuple(state.items()), depth + 1))
        return false;
    m_out.append('b'); // BUILD: URI.__setstate__(state)
    return true;
}

bool PickleEncoder::writeProxy(const Value &stateValue, int depth)
{
    // From __getstate_for_dict__ form (what every Pyro serializer's dict carries) to the
    // state Proxy.__setstate__ takes from a pickle (see Proxy.__setstate_from_dict__).
    if (!stateValue.isSequence() || stateValue.items().size() < 8)
        return fail(QStringLiteral("a Pyro4.core.Proxy dict needs a 'state' of 8 or 9 items"));
    const ValueList &state = stateValue.items();
    writeGlobal("Pyro4.core", "Proxy");
    m_out.append(')');
    m_out.append(char(0x81)); // NEWOBJ
    m_out.append('(');

    const Value &uri = state[0];
    if (uri.className() == QLatin1String("Pyro4.core.URI")) {
        if (!writeUri(uri.toDict().value(QStringLiteral("state")), depth + 1))
            return false;
    } else if (uri.isStr()) {
        const Result<Value> uriState = PickleGlobals::uriStateFromString(uri.toStr());
        if (!uriState) {
            m_error = uriState.error();
            return false;
        }
        if (!writeUri(uriState.value(), depth + 1))
            return false;
    } else {
        return fail(QStringLiteral("Proxy state[0] must be a URI string, not %1").arg(uri.typeName()));
    }
    for (int i = 1; i <= 3; ++i) {
        if (!state[i].hasItems())
            return fail(QStringLiteral("Proxy state[%1] must be a sequence of names, not %2").arg(i).arg(state[i].typeName()));
        if (!write(Value::set(state[i].items()), depth + 1))
            return false;
    }
    if (!write(state[4], depth + 1))
        return false;
    const Value &hmac = state[5];
    if (hmac.isStr() && hmac.toStr().startsWith(QLatin1String("b64:"))) {
        const auto decoded = QByteArray::fromBase64Encoding(hmac.toStr().mid(4).toLatin1(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return fail(QStringLiteral("Proxy hmac key is not valid base64"));
        if (!write(Value::bytes(*decoded), depth + 1))
            return false;
    } else if (hmac.isNone() || (hmac.isStr() && hmac.toStr().isEmpty())) {
        m_out.append('N');
    } else if (hmac.isBytes()) {
        if (!write(hmac, depth + 1))
            return false;
    } else {
        return fail(QStringLiteral("Proxy hmac key must be None or \"b64:...\""));
    }
    if (!write(state[6], depth + 1) || !write(state[7], depth + 1)
        || !write(state.size() > 8 ? state[8] : Value(), depth + 1))
        return false;
    m_out.append('t');
    m_out.append('b'); // BUILD: Proxy.__setstate__(state)
    return true;
}

bool PickleEncoder::writeExceptionWrapper(const Dict &d, int depth)
{
    writeGlobal("Pyro4.futures", "_ExceptionWrapper");
    m_out.append(')');
    m_out.append(char(0x81)); // NEWOBJ
    m_out.append('}');
    if (!writeDictItems(d, depth + 1, true))
        return false;
    m_out.append('b'); // BUILD: updates __dict__ (the 'exception' attribute)
    return true;
}

} // namespace Pyro
