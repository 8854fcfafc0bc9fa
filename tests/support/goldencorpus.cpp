#include "goldencorpus.h"

#include "peerprocess.h"
#include "value/floatformat.h"

#include <cmath>
#include <limits>

namespace Pyro::Test {

namespace {

Value bigFromText(const char *digits)
{
    return Value(*BigInt::fromString(QString::fromLatin1(digits)));
}

} // namespace

// The same names, values and order as CORPUS in tests/peers/golden.py.
QList<GoldenCorpus::Entry> GoldenCorpus::values()
{
    const double inf = std::numeric_limits<double>::infinity();
    ValueList records;
    for (int i = 0; i < 20; ++i) {
        records.append(Dict { { QStringLiteral("id"), i },
                              { QStringLiteral("name"), QStringLiteral("item%1").arg(i) },
                              { QStringLiteral("price"), i * 1.25 },
                              { QStringLiteral("tags"), Value::list({ QStringLiteral("a"), QStringLiteral("b") }) } });
    }
    Value deep = QStringLiteral("deep");
    for (int i = 0; i < 21; ++i)
        deep = Value::list({ deep });
    return {
        { QStringLiteral("none"), Value() },
        { QStringLiteral("true"), true },
        { QStringLiteral("false"), false },
        { QStringLiteral("int_zero"), 0 },
        { QStringLiteral("int_small"), 7 },
        { QStringLiteral("int_neg"), -7 },
        { QStringLiteral("int32_max"), qint64(2147483647) },
        { QStringLiteral("int32_min"), qint64(-2147483648LL) },
        { QStringLiteral("int32_over"), qint64(2147483648LL) },
        { QStringLiteral("int64_max"), std::numeric_limits<qint64>::max() },
        { QStringLiteral("int64_min"), std::numeric_limits<qint64>::min() },
        { QStringLiteral("uint64_max"), std::numeric_limits<quint64>::max() },
        { QStringLiteral("int_2_64"), bigFromText("18446744073709551616") },
        { QStringLiteral("big_pos"), bigFromText("1606938044258990275541962092341162602522202993782792835301376") },
        { QStringLiteral("big_neg"),
          bigFromText("-462068072803536855906378252728602401551029028414946485847699333055955922805275437143") },
        { QStringLiteral("float_tenth"), 0.1 },
        { QStringLiteral("float_one"), 1.0 },
        { QStringLiteral("float_negzero"), -0.0 },
        { QStringLiteral("float_1e16"), 1e16 },
        { QStringLiteral("float_1e22"), 1e22 },
        { QStringLiteral("float_small"), 1.5e-07 },
        { QStringLiteral("float_subnormal"), 5e-324 },
        { QStringLiteral("float_big"), 1.152921504606847e+18 },
        { QStringLiteral("float_pi"), 3.141592653589793 },
        { QStringLiteral("float_inf"), inf },
        { QStringLiteral("float_neginf"), -inf },
        { QStringLiteral("float_nan"), std::numeric_limits<double>::quiet_NaN() },
        { QStringLiteral("complex"), Complex(3, -4) },
        { QStringLiteral("complex_neg0"), Complex(-0.0, -1.5) },
        { QStringLiteral("str_empty"), QString() },
        { QStringLiteral("str_ascii"), QStringLiteral("hello world") },
        { QStringLiteral("str_quote"), QStringLiteral("it's") },
        { QStringLiteral("str_both_quotes"), QStringLiteral("it's \"x\"") },
        { QStringLiteral("str_escapes"), QStringLiteral("tab\tnl\ncr\rbs\\del\x7fnul\0bell\x07") },
        { QStringLiteral("str_latin1"), QStringLiteral(u"h\u00e9\u0085\u00a0") },
        { QStringLiteral("str_unicode"), QStringLiteral(u"h\u00e9 \u20ac \u200b \u2028 \U0001F600 \U00010000") },
        { QStringLiteral("str_long"), QString(1000, u'x') },
        { QStringLiteral("bytes_empty"), Value::bytes(QByteArray()) },
        { QStringLiteral("bytes"), Value::bytes(QByteArray("\x00\x01\xfe\xff abc'\"", 10)) },
        { QStringLiteral("bytearray"), Value::byteArray(QByteArray("\x00" "ab", 3)) },
        { QStringLiteral("tuple_empty"), Value::tuple({}) },
        { QStringLiteral("tuple_one"), Value::tuple({ 1 }) },
        { QStringLiteral("tuple"), Value::tuple({ 1, QStringLiteral("two"), 3.0, Value() }) },
        { QStringLiteral("list_empty"), Value::list({}) },
        { QStringLiteral("list_nested"),
          Value::list({ 1, Value::list({ 2, Value::list({ 3, Value::list({ Value(), true }) }) }),
                        Dict { { QStringLiteral("k"), Value::tuple({ 4, 5 }) } } }) },
        { QStringLiteral("dict_empty"), Dict() },
        { QStringLiteral("dict_str"),
          Dict { { QStringLiteral("a"), 1 },
                 { QStringLiteral("b"), Value::list({ 2 }) },
                 { QStringLiteral("c"), Dict { { QStringLiteral("d"), QStringLiteral("e") } } } } },
        { QStringLiteral("dict_int_keys"), Dict { { 1, QStringLiteral("a") }, { 2, QStringLiteral("b") } } },
        { QStringLiteral("dict_mixed_keys"),
          Dict { { 1, QStringLiteral("i") },
                 { 1.5, QStringLiteral("f") },
                 { QStringLiteral("t"), 3 },
                 { Value::tuple({ 1, 2 }), QStringLiteral("tuple") },
                 { QStringLiteral("s"), Value() } } },
        { QStringLiteral("set"), Value::set({ 1, 2, 3 }) },
        { QStringLiteral("set_str"), Value::set({ QStringLiteral("x") }) },
        { QStringLiteral("set_empty"), Value::set({}) },
        { QStringLiteral("frozenset"), Value::frozenSet({ 1, QStringLiteral("a") }) },
        { QStringLiteral("deep"), deep },
        { QStringLiteral("exception"),
          Dict { { QStringLiteral("__class__"), QStringLiteral("builtins.ValueError") },
                 { QStringLiteral("__exception__"), true },
                 { QStringLiteral("args"), Value::tuple({ QStringLiteral("bad value"), 42 }) },
                 { QStringLiteral("attributes"), Dict() } } },
        { QStringLiteral("uri"),
          Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro4.core.URI") },
                 { QStringLiteral("state"),
                   Value::tuple({ QStringLiteral("PYRO"), QStringLiteral("obj"), Value(), QStringLiteral("127.0.0.1"), 1234 }) } } },
        { QStringLiteral("records"), Value::list(records) },
    };
}

QList<CallEnvelope> GoldenCorpus::calls()
{
    CallEnvelope simple { QStringLiteral("tester"), QStringLiteral("add"), { 1, 2 }, Dict(), false, false };
    CallEnvelope kwargs { QStringLiteral("tester"), QStringLiteral("kw"), { 1 },
                          Dict { { QStringLiteral("b"), 3 }, { QStringLiteral("c"), Value::list({ 1, 2 }) } }, false, false };
    CallEnvelope getattr { QStringLiteral("tester"), QStringLiteral("__getattr__"), { QStringLiteral("value") }, Dict(), true, false };
    CallEnvelope internal { QStringLiteral("Pyro.Daemon"), QStringLiteral("get_metadata"), { QStringLiteral("tester") }, Dict(), false, true };
    return { simple, kwargs, getattr, internal };
}

QStringList GoldenCorpus::callNames()
{
    return { QStringLiteral("call_simple"), QStringLiteral("call_kwargs"), QStringLiteral("call_getattr"), QStringLiteral("call_internal") };
}

Value GoldenCorpus::afterSerpent(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Bytes:
    case Value::Type::ByteArray:
        return Dict { { QStringLiteral("data"), QString::fromLatin1(v.toBytes().toBase64()) },
                      { QStringLiteral("encoding"), QStringLiteral("base64") } };
    case Value::Type::Tuple:
    case Value::Type::List:
    case Value::Type::Set:
    case Value::Type::FrozenSet: {
        ValueList items;
        for (const Value &item : v.items())
            items.append(afterSerpent(item));
        if (v.isTuple())
            return Value::tuple(items);
        if (v.isList())
            return Value::list(items);
        return items.isEmpty() ? Value::tuple({}) : Value::set(items);
    }
    case Value::Type::Dict: {
        Dict d;
        for (const auto &[k, val] : v.toDict().items())
            d.insert(k, afterSerpent(val));
        return Value(d);
    }
    default:
        return v;
    }
}

bool GoldenCorpus::afterJson(const Value &v, Value &out)
{
    switch (v.type()) {
    case Value::Type::Bytes:
    case Value::Type::ByteArray:
    case Value::Type::Complex:
    case Value::Type::FrozenSet:
        return false;
    case Value::Type::Tuple:
    case Value::Type::List:
    case Value::Type::Set: {
        ValueList items;
        for (const Value &item : v.items()) {
            Value n;
            if (!afterJson(item, n))
                return false;
            items.append(n);
        }
        out = Value::list(items);
        return true;
    }
    case Value::Type::Dict: {
        Dict d;
        for (const auto &[k, val] : v.toDict().items()) {
            Value key;
            switch (k.type()) {
            case Value::Type::Str: key = k; break;
            case Value::Type::Int: key = k.toBigInt().toString(); break;
            case Value::Type::Float: key = QString::fromLatin1(pythonFloatRepr(k.toDouble())); break;
            case Value::Type::Bool: key = k.toBool() ? QStringLiteral("true") : QStringLiteral("false"); break;
            case Value::Type::None: key = QStringLiteral("null"); break;
            default: return false;
            }
            Value n;
            if (!afterJson(val, n))
                return false;
            d.insert(key, n);
        }
        out = Value(d);
        return true;
    }
    default:
        out = v;
        return true;
    }
}

Value GoldenCorpus::afterMarshal(const Value &v)
{
    if (v.isByteArray())
        return Value::bytes(v.toBytes());
    return v;
}

Value GoldenCorpus::afterMsgpack(const Value &v)
{
    switch (v.type()) {
    case Value::Type::ByteArray:
        return Value::bytes(v.toBytes());
    case Value::Type::Tuple:
    case Value::Type::List:
    case Value::Type::Set:
    case Value::Type::FrozenSet: {
        ValueList items;
        for (const Value &item : v.items())
            items.append(afterMsgpack(item));
        return Value::list(items);
    }
    case Value::Type::Dict: {
        Dict d;
        for (const Dict::Item &item : v.toDict().items())
            d.insert(item.first, afterMsgpack(item.second));
        return Value(d);
    }
    default:
        return v;
    }
}

std::optional<QStringList> GoldenCorpus::runPeer(const QString &script, const QStringList &args, const QStringList &input,
                                                 QString *failure)
{
    PeerProcess peer;
    if (!peer.start(script, args)) {
        *failure = peer.failure();
        return std::nullopt;
    }
    for (const QString &line : input)
        peer.writeLine(line);
    peer.process().closeWriteChannel();
    QStringList lines;
    for (;;) {
        const QString line = peer.readLine(60000);
        if (line.isEmpty()) {
            *failure = QStringLiteral("%1 %2 ended without END").arg(script, args.join(QLatin1Char(' ')));
            return std::nullopt;
        }
        if (line == QLatin1String("END"))
            return lines;
        lines.append(line);
    }
}

std::optional<QStringList> GoldenCorpus::runGolden(const QString &command, const QString &serializer,
                                                   const QStringList &input, QString *failure)
{
    return runPeer(QStringLiteral("golden.py"), { command, serializer }, input, failure);
}

QMap<QString, QByteArray> GoldenCorpus::hexLines(const QStringList &lines, const QString &prefix, QStringList *skipped)
{
    QMap<QString, QByteArray> map;
    for (const QString &line : lines) {
        const QStringList parts = line.split(QLatin1Char(' '));
        if (parts.size() == 2)
            map.insert(prefix + parts[0], QByteArray::fromHex(parts[1].toLatin1()));
        else if (skipped && parts.size() > 2 && parts[0] == QLatin1String("SKIP"))
            skipped->append(parts[1]);
    }
    return map;
}

QMap<QString, QString> GoldenCorpus::byName(const QStringList &lines)
{
    QMap<QString, QString> map;
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1String("SKIP ")) || line.startsWith(QLatin1String("OK "))
            || line.startsWith(QLatin1String("FAIL "))) {
            const QString kind = line.section(QLatin1Char(' '), 0, 0);
            map.insert(line.section(QLatin1Char(' '), 1, 1), kind + QLatin1Char(' ') + line.section(QLatin1Char(' '), 2));
        } else {
            map.insert(line.section(QLatin1Char(' '), 0, 0), line.section(QLatin1Char(' '), 1));
        }
    }
    return map;
}

QString GoldenCorpus::hexLine(const QString &name, const QByteArray &data)
{
    return name + QLatin1Char(' ') + QString::fromLatin1(data.toHex());
}

QString GoldenCorpus::show(const Value &v)
{
    const Result<QByteArray> r = Serializer::byName(u"serpent")->encode(v);
    return r ? QString::fromUtf8(r.value()).section(QLatin1Char('\n'), 1) : QStringLiteral("<unencodable>");
}

} // namespace Pyro::Test
