// Tests of PickleSerializer against real Python: pickles Python writes with every protocol
// (0..5, and Pyro4's own serializer) must decode to the corpus values, Python must read back
// everything we write as the same objects (exceptions, URIs and proxies included), and hostile
// pickles must be refused with a clear error: no global outside the allow-list, no crash,
// no runaway allocation or recursion.

#include "serializers/pickle/pickleserializer.h"
#include "support/error.h"
#include "value/displayrepr.h"
#include "value/inertobjects.h"

#include "goldencorpus.h"

#include <QMap>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Pyro;
using Pyro::Test::GoldenCorpus;

namespace {

Value bigFromText(const char *digits)
{
    return Value(*BigInt::fromString(QString::fromLatin1(digits)));
}

Value exceptionDict(const QString &cls, const ValueList &args, const Dict &attributes = Dict())
{
    return Dict { { QStringLiteral("__class__"), cls },
                  { QStringLiteral("__exception__"), true },
                  { QStringLiteral("args"), Value::tuple(args) },
                  { QStringLiteral("attributes"), attributes } };
}

Value uriDict(const ValueList &state)
{
    return Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro4.core.URI") }, { QStringLiteral("state"), Value::tuple(state) } };
}

Value proxyDict(const ValueList &state)
{
    return Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro4.core.Proxy") }, { QStringLiteral("state"), Value::tuple(state) } };
}

// tests/peers/pickle_peer.py EXTRAS: Pyro objects and shared references.
QList<std::pair<QString, Value>> extras()
{
    const Value shared = Value::list({ 1, QStringLiteral("two") });
    const Value uri = uriDict({ QStringLiteral("PYRO"), QStringLiteral("obj"), Value(), QStringLiteral("127.0.0.1"), 1234 });
    return {
        { QStringLiteral("exc_traceback"),
          exceptionDict(QStringLiteral("builtins.ValueError"), { QStringLiteral("bad value"), 42 },
                        Dict { { QStringLiteral("_pyroTraceback"),
                                 Value::list({ QStringLiteral("Traceback (most recent call last):\n"),
                                               QStringLiteral("  File \"server.py\", line 10, in method\n    raise ValueError('bad value', 42)\n"),
                                               QStringLiteral("ValueError: ('bad value', 42)\n") }) },
                               { QStringLiteral("code"), 7 } }) },
        { QStringLiteral("exc_pyro"), exceptionDict(QStringLiteral("Pyro4.errors.NamingError"), { QStringLiteral("unknown name: x") }) },
        { QStringLiteral("exc_oserror"), exceptionDict(QStringLiteral("builtins.ConnectionRefusedError"), { 111, QStringLiteral("refused") }) },
        { QStringLiteral("uri_ipv6"), uriDict({ QStringLiteral("PYRO"), QStringLiteral("obj"), Value(), QStringLiteral("::1"), 4567 }) },
        { QStringLiteral("uri_unix"), uriDict({ QStringLiteral("PYRO"), QStringLiteral("obj"), QStringLiteral("/tmp/sock"), Value(), Value() }) },
        { QStringLiteral("uri_name"), uriDict({ QStringLiteral("PYRONAME"), QStringLiteral("my.name"), Value(), Value(), Value() }) },
        { QStringLiteral("uri_meta"),
          uriDict({ QStringLiteral("PYROMETA"), Value::set({ QStringLiteral("tag1"), QStringLiteral("tag2") }), Value(),
                    QStringLiteral("localhost"), 9091 }) },
        { QStringLiteral("proxy"),
          proxyDict({ QStringLiteral("PYRO:obj@127.0.0.1:1234"), Value::tuple({ QStringLiteral("fire") }),
                      Value::tuple({ QStringLiteral("fire"), QStringLiteral("add") }), Value::tuple({ QStringLiteral("value") }), 0.0,
                      QStringLiteral("b64:c2VjcmV0"), QStringLiteral("hello"), 0, QStringLiteral("pickle") }) },
        { QStringLiteral("proxy_plain"),
          proxyDict({ QStringLiteral("PYRO:callback@127.0.0.1:34215"), Value::tuple({}), Value::tuple({}), Value::tuple({}), 0.0,
                      Value(), QStringLiteral("hello"), 0, Value() }) },
        { QStringLiteral("exception_wrapper"),
          Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro4.futures._ExceptionWrapper") },
                 { QStringLiteral("exception"), exceptionDict(QStringLiteral("builtins.KeyError"), { QStringLiteral("k") }) } } },
        { QStringLiteral("shared_list"), Value::list({ shared, shared, Value::tuple({ shared }) }) },
        { QStringLiteral("uri_list"), Value::list({ uri, uri }) },
    };
}

// Python's sets have no order, so a Proxy's name tuples are compared as sets.
Value comparable(const Value &v)
{
    if (v.className() != QLatin1String("Pyro4.core.Proxy"))
        return v;
    ValueList state = v.toDict().value(QStringLiteral("state")).items();
    for (int i = 1; i <= 3 && i < state.size(); ++i)
        state[i] = Value::set(state[i].items());
    return proxyDict(state);
}

const QStringList callNames = GoldenCorpus::callNames();

QByteArray encodeOrEmpty(const Value &v)
{
    const Result<QByteArray> r = PickleSerializer().encode(v);
    return r ? r.value() : QByteArray();
}

// Hostile-input builders
QByteArray repeat(const char *chunk, qsizetype count)
{
    return QByteArray(chunk).repeated(count);
}

QByteArray le32(quint32 v)
{
    QByteArray b(4, '\0');
    for (int i = 0; i < 4; ++i)
        b[i] = char((v >> (8 * i)) & 0xff);
    return b;
}

// Lists L0..Ln, each memoized, then Li.append(L(i+1)) through GETs: the nesting grows
// after each parent's height was recorded, so only the final conversion sees it.
QByteArray memoChain(int n)
{
    QByteArray p("\x80\x02");
    for (int i = 0; i <= n; ++i)
        p += "]r" + le32(quint32(i)) + "0";
    for (int i = 0; i < n; ++i)
        p += "j" + le32(quint32(i)) + "j" + le32(quint32(i + 1)) + "a0";
    p += "j" + le32(0) + ".";
    return p;
}

// Each level holds the previous one twice: 2^levels values from a few hundred bytes.
QByteArray billionLaughs(int levels, bool tuples, bool inSet)
{
    QByteArray p("\x80\x04");
    p += tuples ? ")q\x00" : "]q\x00";
    p.replace("q\x00", QByteArray("q\0", 2));
    for (int i = 1; i <= levels; ++i) {
        p += QByteArray("(h") + char(i - 1) + "h" + char(i - 1) + (tuples ? "t" : "l") + "q" + char(i);
    }
    if (inSet)
        p += QByteArray("\x8f(h") + char(levels) + "\x90";
    return p + ".";
}

} // namespace

class tst_Pickle : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void decodePython_data();
    void decodePython();
    void decodeRealTraceback();
    void decodeCall_data();
    void decodeCall();

    void readByPython_data();
    void readByPython();
    void encodeCallReadByPython_data();
    void encodeCallReadByPython();
    void roundTrip_data();
    void roundTrip();
    void encodeFormat();
    void encodeErrors_data();
    void encodeErrors();

    void edgeCases_data();
    void edgeCases();
    void decodeInert_data();
    void decodeInert();
    void inertShapes();
    void inertException();
    void hostile_data();
    void hostile();
    void truncatedEverywhere_data();
    void truncatedEverywhere();
    void registryIds();

private:
    QMap<QString, QByteArray> m_dumps; // "golden/NAME", "p0/NAME".."p5/NAME", "call/NAME", "real/NAME"
    QMap<QString, QString> m_goldenCheck; // golden.py check pickle, our encoding of the corpus
    QMap<QString, QString> m_peerCheck; // pickle_peer.py check, our encoding of corpus + extras
    QMap<QString, QString> m_callCheck;
};

void tst_Pickle::initTestCase()
{
    QString failure;
    const auto dump = GoldenCorpus::runPeer(QStringLiteral("golden.py"), { QStringLiteral("dump"), QStringLiteral("pickle") }, {}, &failure);
    QVERIFY2(dump, qPrintable(failure));
    QVERIFY2(!dump->join(QLatin1Char('\n')).contains(QLatin1String("SKIP")), qPrintable(dump->join(QLatin1Char('\n'))));
    m_dumps.insert(GoldenCorpus::hexLines(*dump, QStringLiteral("golden/")));
    const auto dumpCall = GoldenCorpus::runPeer(QStringLiteral("golden.py"), { QStringLiteral("dumpcall"), QStringLiteral("pickle") }, {}, &failure);
    QVERIFY2(dumpCall, qPrintable(failure));
    m_dumps.insert(GoldenCorpus::hexLines(*dumpCall, QStringLiteral("call/")));
    for (int protocol = 0; protocol <= 5; ++protocol) {
        const auto lines = GoldenCorpus::runPeer(QStringLiteral("pickle_peer.py"), { QStringLiteral("dump"), QString::number(protocol) }, {}, &failure);
        QVERIFY2(lines, qPrintable(failure));
        m_dumps.insert(GoldenCorpus::hexLines(*lines, QStringLiteral("p%1/").arg(protocol)));
    }
    for (int protocol = 0; protocol <= 5; ++protocol) {
        const auto lines = GoldenCorpus::runPeer(QStringLiteral("pickle_peer.py"), { QStringLiteral("inertdump"), QString::number(protocol) }, {}, &failure);
        QVERIFY2(lines, qPrintable(failure));
        m_dumps.insert(GoldenCorpus::hexLines(*lines, QStringLiteral("inert%1/").arg(protocol)));
    }
    const auto real = GoldenCorpus::runPeer(QStringLiteral("pickle_peer.py"), { QStringLiteral("tracebackdump") }, {}, &failure);
    QVERIFY2(real, qPrintable(failure));
    m_dumps.insert(GoldenCorpus::hexLines(*real, QStringLiteral("real/")));

    // What Python makes of our encoding.
    QStringList goldenInput, peerInput, callInput;
    for (const auto &[name, value] : GoldenCorpus::values()) {
        goldenInput.append(GoldenCorpus::hexLine(name, encodeOrEmpty(value)));
        peerInput.append(GoldenCorpus::hexLine(name, encodeOrEmpty(value)));
    }
    for (const auto &[name, value] : extras())
        peerInput.append(GoldenCorpus::hexLine(name, encodeOrEmpty(value)));
    const QList<CallEnvelope> envelopes = GoldenCorpus::calls();
    for (int i = 0; i < envelopes.size(); ++i) {
        const Result<QByteArray> r = PickleSerializer().encodeCall(envelopes[i]);
        callInput.append(GoldenCorpus::hexLine(callNames[i], r ? r.value() : QByteArray()));
    }
    const auto golden = GoldenCorpus::runPeer(QStringLiteral("golden.py"), { QStringLiteral("check"), QStringLiteral("pickle") },
                                goldenInput + callInput, &failure);
    QVERIFY2(golden, qPrintable(failure));
    m_goldenCheck = GoldenCorpus::byName(*golden);
    const auto peer = GoldenCorpus::runPeer(QStringLiteral("pickle_peer.py"), { QStringLiteral("check") }, peerInput, &failure);
    QVERIFY2(peer, qPrintable(failure));
    m_peerCheck = GoldenCorpus::byName(*peer);
}

void tst_Pickle::decodePython_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<Value>("expected");
    QList<std::pair<QString, Value>> all = GoldenCorpus::values();
    all += extras();
    for (const auto &[name, value] : GoldenCorpus::values())
        QTest::newRow(qPrintable(QStringLiteral("pyro4/") + name)) << m_dumps.value(QStringLiteral("golden/") + name) << value;
    for (int protocol = 0; protocol <= 5; ++protocol) {
        for (const auto &[name, value] : all) {
            Value expected = value;
            // Python 3 writes OSError subclasses as Python 2's 'exceptions OSError' below protocol 3.
            if (name == QLatin1String("exc_oserror") && protocol < 3)
                expected = exceptionDict(QStringLiteral("builtins.OSError"), { 111, QStringLiteral("refused") });
            const QString key = QStringLiteral("p%1/").arg(protocol) + name;
            QTest::newRow(qPrintable(key)) << m_dumps.value(key) << expected;
        }
    }
}

void tst_Pickle::decodePython()
{
    QFETCH(QByteArray, data);
    QFETCH(Value, expected);
    QVERIFY2(!data.isEmpty(), "the peer did not write this value");
    const Result<Value> r = PickleSerializer().decode(data);
    QVERIFY2(r, qPrintable(r.error().message()));
    QVERIFY2(comparable(r.value()) == comparable(expected),
             qPrintable(r.value().repr() + QStringLiteral(" != ") + expected.repr()));
}

void tst_Pickle::decodeRealTraceback()
{
    // An exception reply payload exactly as the Pyro4 daemon pickles it (protocol doc 3.3, 4.6).
    const QByteArray data = m_dumps.value(QStringLiteral("real/exc_real_traceback"));
    QVERIFY(!data.isEmpty());
    const Result<Value> r = PickleSerializer().decode(data);
    QVERIFY2(r, qPrintable(r.error().message()));
    const Dict &d = r.value().toDict();
    QCOMPARE(r.value().className(), QStringLiteral("builtins.ValueError"));
    QVERIFY(d.value(QStringLiteral("__exception__")).toBool());
    QVERIFY(d.value(QStringLiteral("args")) == Value::tuple({ QStringLiteral("bad value"), 42 }));
    const Value tb = d.value(QStringLiteral("attributes")).toDict().value(QStringLiteral("_pyroTraceback"));
    QVERIFY2(tb.isList() && tb.items().size() >= 2, qPrintable(tb.repr()));
    QVERIFY(tb.items().first().toStr().startsWith(QLatin1String("Traceback (most recent call last):")));
    QCOMPARE(tb.items().last().toStr(), QStringLiteral("ValueError: ('bad value', 42)\n"));

    const Error e = Error::fromRemoteException(r.value());
    QCOMPARE(e.remoteClass(), QStringLiteral("builtins.ValueError"));
    QVERIFY(e.remoteTraceback().contains(QLatin1String("raise ValueError")));
}

void tst_Pickle::decodeCall_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("index");
    for (int i = 0; i < callNames.size(); ++i)
        QTest::newRow(qPrintable(callNames[i])) << m_dumps.value(QStringLiteral("call/") + callNames[i]) << i;
}

void tst_Pickle::decodeCall()
{
    QFETCH(QByteArray, data);
    QFETCH(int, index);
    QVERIFY(!data.isEmpty());
    const Result<CallEnvelope> r = PickleSerializer().decodeCall(data);
    QVERIFY2(r, qPrintable(r.error().message()));
    const CallEnvelope want = GoldenCorpus::calls().at(index);
    QCOMPARE(r.value().objectId, want.objectId);
    QCOMPARE(r.value().method, want.method);
    QVERIFY2(r.value().args == want.args,
             qPrintable(Value::tuple(r.value().args).repr() + QStringLiteral(" != ") + Value::tuple(want.args).repr()));
    QVERIFY2(r.value().kwargs == want.kwargs, qPrintable(Value(r.value().kwargs).repr()));
    QCOMPARE(r.value().kwargsIsNone, want.kwargsIsNone);
    QCOMPARE(r.value().argsAsList, want.argsAsList);
}

void tst_Pickle::readByPython_data()
{
    QTest::addColumn<QString>("result");
    for (const auto &[name, value] : GoldenCorpus::values())
        QTest::newRow(qPrintable(QStringLiteral("pyro4/") + name)) << m_goldenCheck.value(name);
    for (const auto &[name, value] : GoldenCorpus::values())
        QTest::newRow(qPrintable(QStringLiteral("pickle/") + name)) << m_peerCheck.value(name);
    for (const auto &[name, value] : extras())
        QTest::newRow(qPrintable(QStringLiteral("pickle/") + name)) << m_peerCheck.value(name);
}

void tst_Pickle::readByPython()
{
    QFETCH(QString, result);
    QVERIFY2(result.startsWith(QLatin1String("OK ")), qPrintable(result.isEmpty() ? QStringLiteral("no answer") : result));
}

void tst_Pickle::encodeCallReadByPython_data()
{
    QTest::addColumn<QString>("result");
    for (const QString &name : callNames)
        QTest::newRow(qPrintable(name)) << m_goldenCheck.value(name);
}

void tst_Pickle::encodeCallReadByPython()
{
    QFETCH(QString, result);
    QVERIFY2(result.startsWith(QLatin1String("OK ")), qPrintable(result.isEmpty() ? QStringLiteral("no answer") : result));
}

void tst_Pickle::roundTrip_data()
{
    QTest::addColumn<Value>("value");
    for (const auto &[name, value] : GoldenCorpus::values())
        QTest::newRow(qPrintable(name)) << value;
    for (const auto &[name, value] : extras())
        QTest::newRow(qPrintable(name)) << value;
    QTest::newRow("big list batches") << Value::list(ValueList(2500, Value(QStringLiteral("x"))));
    QTest::newRow("big dict batches") << [] {
        Dict d;
        for (int i = 0; i < 2500; ++i)
            d.insert(i, i * 2);
        return Value(d);
    }();
    QTest::newRow("long str") << Value(QString(70000, u'\u20ac'));
    QTest::newRow("long bytes") << Value::bytes(QByteArray(70000, 'b'));
    QTest::newRow("lone surrogate") << Value(QString(QChar(0xd800)));
    QTest::newRow("big int 300 bytes") << Value(*BigInt::fromString(QString(700, u'9')));
    QTest::newRow("negative int beyond 64 bits") << Value(*BigInt::fromString(QStringLiteral("-18446744073709551617")));
    QTest::newRow("int 65536") << Value(65536);
    QTest::newRow("int -1") << Value(-1);
    QTest::newRow("plain dict with unknown __class__")
            << Value(Dict { { QStringLiteral("__class__"), QStringLiteral("cpp.Thing") }, { QStringLiteral("a"), 1 } });
}

void tst_Pickle::roundTrip()
{
    QFETCH(Value, value);
    const Result<QByteArray> bytes = PickleSerializer().encode(value);
    QVERIFY2(bytes, qPrintable(bytes.error().message()));
    const Result<Value> back = PickleSerializer().decode(bytes.value());
    QVERIFY2(back, qPrintable(back.error().message()));
    QVERIFY2(comparable(back.value()) == comparable(value), qPrintable(back.value().repr() + QStringLiteral(" != ") + value.repr()));
}

void tst_Pickle::encodeFormat()
{
    // protocol 5 header, no framing; exceptions as REDUCE + BUILD
    QCOMPARE(PickleSerializer().encode(Value(7)).value(), QByteArray("\x80\x05K\x07.", 5));
    const QByteArray exc = PickleSerializer().encode(extras().at(0).second).value();
    QVERIFY(exc.startsWith(QByteArray("\x80\x05\x8c\x08" "builtins\x8c\x0aValueError\x93")));
    QVERIFY(exc.contains("R}"));
    QVERIFY(exc.endsWith("b."));
}

void tst_Pickle::encodeErrors_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("exception of an unknown class")
            << exceptionDict(QStringLiteral("os.system"), { QStringLiteral("rm -rf /") }) << QStringLiteral("'os.system'");
    QTest::newRow("exception of a user class")
            << exceptionDict(QStringLiteral("testobjects.MyError"), {}) << QStringLiteral("'testobjects.MyError'");
    QTest::newRow("URI without state")
            << Value(Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro4.core.URI") } }) << QStringLiteral("'state' of 5");
    QTest::newRow("Proxy with a bad URI")
            << proxyDict({ QStringLiteral("nonsense"), Value::tuple({}), Value::tuple({}), Value::tuple({}), 0.0, Value(),
                           QStringLiteral("hello"), 0, Value() })
            << QStringLiteral("invalid URI 'nonsense'");
    QTest::newRow("Proxy with a bad hmac")
            << proxyDict({ QStringLiteral("PYRO:x@h:1"), Value::tuple({}), Value::tuple({}), Value::tuple({}), 0.0,
                           QStringLiteral("plain"), QStringLiteral("hello"), 0, Value() })
            << QStringLiteral("hmac");
    Value deep = 1;
    for (int i = 0; i < 1100; ++i)
        deep = Value::list({ deep });
    QTest::newRow("nested too deep") << deep << QStringLiteral("deeper than 1000");
}

void tst_Pickle::encodeErrors()
{
    QFETCH(Value, value);
    QFETCH(QString, message);
    const Result<QByteArray> r = PickleSerializer().encode(value);
    QVERIFY(!r);
    QCOMPARE(r.error().code(), Error::Code::SerializeError);
    QVERIFY2(r.error().message().contains(message), qPrintable(r.error().message()));
}

void tst_Pickle::edgeCases_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<Value>("expected");
    QTest::newRow("INT 01 is True") << QByteArray("I01\n.") << Value(true);
    QTest::newRow("INT 00 is False") << QByteArray("I00\n.") << Value(false);
    QTest::newRow("INT text") << QByteArray("I-42\n.") << Value(-42);
    QTest::newRow("LONG text with L") << QByteArray("L12345678901234567890L\n.") << bigFromText("12345678901234567890");
    QTest::newRow("FLOAT text") << QByteArray("F1.5\n.") << Value(1.5);
    QTest::newRow("FLOAT text -inf") << QByteArray("F-inf\n.") << Value(-std::numeric_limits<double>::infinity());
    QTest::newRow("STRING escapes") << QByteArray("S'a\\n\\x41\\101\\'\\q'\n.") << Value(QStringLiteral("a\nAA'\\q"));
    QTest::newRow("STRING double quotes") << QByteArray("S\"it's\"\n.") << Value(QStringLiteral("it's"));
    QTest::newRow("UNICODE raw escapes") << QByteArray("Vh\\u00e9\\U0001f600\n.") << Value(QStringLiteral(u"h\u00e9\U0001F600"));
    QTest::newRow("UNICODE even backslashes") << QByteArray("Va\\\\u0041\n.") << Value(QStringLiteral("a\\\\u0041"));
    QTest::newRow("BINUNICODE keeps a BOM") << QByteArray("X\x03\x00\x00\x00\xef\xbb\xbf.", 9) << Value(QString(QChar(0xfeff)));
    QTest::newRow("BINUNICODE lone surrogate (surrogatepass)")
            << QByteArray("X\x03\x00\x00\x00\xed\xa0\x80.", 9) << Value(QString(QChar(0xd800)));
    QTest::newRow("POP right after MARK pops the mark") << QByteArray("(0K\x01.") << Value(1);
    QTest::newRow("POP_MARK") << QByteArray("K\x01(K\x02K\x03" "1.") << Value(1);
    QTest::newRow("DUP") << QByteArray("K\x01" "2\x86.") << Value::tuple({ 1, 1 });
    QTest::newRow("LONG_BINPUT index 2^32-1 allocates nothing")
            << QByteArray("K\x07r\xff\xff\xff\xff" "0j\xff\xff\xff\xff.") << Value(7);
    QTest::newRow("PUT/GET text") << QByteArray("K\x07p12345678901\n0g12345678901\n.") << Value(7);
    QTest::newRow("memo shares a mutated list") << QByteArray("]q\x00h\x00K\x01" "a\x86.", 10)
                                                 << Value::tuple({ Value::list({ 1 }), Value::list({ 1 }) });
    QTest::newRow("dict duplicate key: last value wins") << QByteArray("}(K\x01K\x02K\x01K\x03u.") << Value(Dict { { 1, 3 } });
    QTest::newRow("FRAME") << QByteArray("\x80\x04\x95\x03\x00\x00\x00\x00\x00\x00\x00K\x01.", 14) << Value(1);
    QTest::newRow("LONG1 -1") << QByteArray("\x8a\x01\xff.") << Value(-1);
    QTest::newRow("LONG1 empty is 0") << QByteArray("\x8a\x00.", 3) << Value(0);
    QTest::newRow("Python 2 __builtin__.set") << QByteArray("\x80\x02" "c__builtin__\nset\n]K\x01" "a\x85R.")
                                             << Value::set({ 1 });
    QTest::newRow("Python 2 exceptions.StandardError")
            << QByteArray("\x80\x02" "cexceptions\nStandardError\nU\x01x\x85R.")
            << exceptionDict(QStringLiteral("builtins.Exception"), { QStringLiteral("x") });
    QTest::newRow("OBJ (protocol 1 object)") << QByteArray("(cbuiltins\nValueError\nU\x01xo.")
                                            << exceptionDict(QStringLiteral("builtins.ValueError"), { QStringLiteral("x") });
    QTest::newRow("INST (protocol 0 object)") << QByteArray("(U\x01xibuiltins\nKeyError\n.")
                                             << exceptionDict(QStringLiteral("builtins.KeyError"), { QStringLiteral("x") });
    QTest::newRow("copyreg.__newobj__") << QByteArray("ccopyreg\n__newobj__\n(cbuiltins\nKeyError\nU\x01ktR.")
                                       << exceptionDict(QStringLiteral("builtins.KeyError"), { QStringLiteral("k") });
    QTest::newRow("exception BUILD None") << QByteArray("cbuiltins\nValueError\n)RNb.")
                                         << exceptionDict(QStringLiteral("builtins.ValueError"), {});
    QTest::newRow("memo chain within the depth limit") << memoChain(500) << [] {
        Value v = Value::list({});
        for (int i = 0; i < 500; ++i)
            v = Value::list({ v });
        return v;
    }();
}

void tst_Pickle::edgeCases()
{
    QFETCH(QByteArray, data);
    QFETCH(Value, expected);
    const Result<Value> r = PickleSerializer().decode(data);
    QVERIFY2(r, qPrintable(r.error().message()));
    QVERIFY2(r.value() == expected, qPrintable(r.value().repr() + QStringLiteral(" != ") + expected.repr()));
}

void tst_Pickle::hostile_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<qsizetype>("offset"); // -1: not checked

    const auto security = Error::Code::SecurityError;
    const auto serialize = Error::Code::SerializeError;

    // Code execution through globals: refused by name, nothing is ever called.
    QTest::newRow("os.system via GLOBAL + REDUCE") << QByteArray("cos\nsystem\n(S'echo pwned'\ntR.") << security
                                                   << QStringLiteral("pickle: refusing to load global 'os.system'") << qsizetype(0);
    QTest::newRow("os.system via STACK_GLOBAL")
            << QByteArray("\x80\x04\x8c\x02os\x8c\x06system\x93\x8c\x04" "echo\x85R.") << security
            << QStringLiteral("refusing to load global 'os.system'") << qsizetype(14);
    QTest::newRow("posix.system") << QByteArray("cposix\nsystem\n(S'id'\ntR.") << security
                                  << QStringLiteral("'posix.system'") << qsizetype(0);
    QTest::newRow("builtins.eval through Python 2 name") << QByteArray("\x80\x02" "c__builtin__\neval\nU\x01" "1\x85R.")
                                                         << security << QStringLiteral("'builtins.eval'") << qsizetype(2);
    QTest::newRow("builtins.getattr") << QByteArray("cbuiltins\ngetattr\n.") << serialize
                                      << QStringLiteral("builtins.getattr itself cannot be represented") << qsizetype(-1);
    QTest::newRow("builtins.tuple outside copyreg._reconstructor") << QByteArray("cbuiltins\ntuple\n)R.") << serialize
                                                                   << QStringLiteral("calling builtins.tuple() at offset") << qsizetype(-1);
    QTest::newRow("subprocess.Popen via INST") << QByteArray("(S'ls'\nisubprocess\nPopen\n.") << security
                                               << QStringLiteral("'subprocess.Popen'") << qsizetype(7);
    QTest::newRow("os.system as copyreg._reconstructor class")
            << QByteArray("ccopy_reg\n_reconstructor\n(cos\nsystem\ncbuiltins\nobject\nNtR.") << security
            << QStringLiteral("'os.system'") << qsizetype(26);
    QTest::newRow("Pyro4.core.Daemon") << QByteArray("cPyro4.core\nDaemon\n)\x81.") << security
                                       << QStringLiteral("'Pyro4.core.Daemon'") << qsizetype(0);
    QTest::newRow("exceptions module is Python 2 only") << QByteArray("\x80\x03" "cexceptions\nValueError\n)R.") << security
                                                        << QStringLiteral("'exceptions.ValueError'") << qsizetype(2);
    QTest::newRow("a function is not a class") << QByteArray("cmylab.tools\nmove_stage\n(K\x01tR.") << security
                                               << QStringLiteral("refusing to load global 'mylab.tools.move_stage'") << qsizetype(0);
    QTest::newRow("IntFlag combination needs _operator.or_") << QByteArray("c_operator\nor_\n.") << security
                                                             << QStringLiteral("'_operator.or_'") << qsizetype(0);
    QTest::newRow("a class of a refused module") << QByteArray("csocket\nSocket\n)\x81.") << security
                                                 << QStringLiteral("'socket.Socket'") << qsizetype(0);
    QTest::newRow("numpy function outside the reconstructors") << QByteArray("cnumpy\nload\n(S'x'\ntR.") << security
                                                               << QStringLiteral("'numpy.load'") << qsizetype(0);
    QTest::newRow("numpy class outside the reconstructors") << QByteArray("cnumpy.random\nRandomState\n)R.") << security
                                                            << QStringLiteral("'numpy.random.RandomState'") << qsizetype(0);

    // Inert objects and numpy values that are not what they claim
    QTest::newRow("getattr on a str") << QByteArray("cbuiltins\ngetattr\n(S'a'\nS'b'\ntR.") << serialize
                                      << QStringLiteral("only supported as getattr(<class>, 'NAME')") << qsizetype(-1);
    QTest::newRow("getattr with an int name") << QByteArray("cbuiltins\ngetattr\n(clab\nColor\nK\x01tR.") << serialize
                                              << QStringLiteral("only supported as getattr") << qsizetype(-1);
    QTest::newRow("getattr on an allowed builtin") << QByteArray("cbuiltins\ngetattr\n(cbuiltins\nset\nS'add'\ntR.") << serialize
                                                   << QStringLiteral("only supported as getattr") << qsizetype(-1);
    QTest::newRow("BUILD twice on an inert object") << QByteArray("clab\nThing\n)\x81}b}b.") << serialize
                                                    << QStringLiteral("a second state for a lab.Thing object") << qsizetype(-1);
    const QByteArray dtypeU1("cnumpy\ndtype\n(S'u1'\nI00\nI01\ntR(K\x03S'|'\nNNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x01tb");
    QTest::newRow("numpy array data shorter than its shape")
            << QByteArray("cnumpy.core.multiarray\n_reconstruct\n(cnumpy\nndarray\n(K\x01tC\x01" "btR(K\x01(K\x02K\x03t") + dtypeU1
                       + "\x89" "C\x05" "abcdetb."
            << serialize << QStringLiteral("array data has 5 bytes, but shape (2, 3) of uint8 needs 6") << qsizetype(-1);
    QTest::newRow("numpy array with a negative dimension")
            << QByteArray("cnumpy.core.numeric\n_frombuffer\n(C\x01" "a") + dtypeU1 + "J\xff\xff\xff\xff\x85S'C'\ntR."
            << serialize << QStringLiteral("invalid array dimension -1") << qsizetype(-1);
    QTest::newRow("numpy array shape overflow")
            << QByteArray("cnumpy.core.numeric\n_frombuffer\n(C\x01" "a") + dtypeU1
                       + "(\x8a\x08\xff\xff\xff\xff\xff\xff\xff\x7f\x8a\x08\xff\xff\xff\xff\xff\xff\xff\x7ftS'C'\ntR."
            << serialize << QStringLiteral("too large") << qsizetype(-1);
    QTest::newRow("numpy object dtype")
            << QByteArray("cnumpy.core.multiarray\nscalar\n(cnumpy\ndtype\n(S'O8'\nI00\nI01\ntR(K\x03S'|'\nNNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x3ftbK\x01tR.")
            << serialize << QStringLiteral("dtype 'O8' is not supported") << qsizetype(-1);
    QTest::newRow("numpy structured dtype")
            << QByteArray("cnumpy.core.multiarray\nscalar\n(cnumpy\ndtype\n(S'V8'\nI00\nI01\ntR(K\x03S'|'\nN(S'a'\ntNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x01tbC\x08" "abcdefghtR.")
            << serialize << QStringLiteral("structured or sub-array dtype 'V8'") << qsizetype(-1);
    QTest::newRow("numpy scalar with short data")
            << QByteArray("cnumpy.core.multiarray\nscalar\n(cnumpy\ndtype\n(S'f8'\nI00\nI01\ntR(K\x03S'<'\nNNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x01tbC\x02" "abtR.")
            << serialize << QStringLiteral("scalar() of float64 needs 8 bytes") << qsizetype(-1);
    QTest::newRow("numpy array of another class")
            << QByteArray("cnumpy.core.multiarray\n_reconstruct\n(clab\nMyArray\n(K\x01tC\x01" "btR.")
            << serialize << QStringLiteral("arrays of class 'lab.MyArray' are not supported") << qsizetype(-1);

    // Framing of the pickle itself
    QTest::newRow("empty") << QByteArray() << serialize << QStringLiteral("empty data") << qsizetype(0);
    QTest::newRow("no STOP") << QByteArray("K\x01") << serialize << QStringLiteral("no STOP") << qsizetype(2);
    QTest::newRow("trailing data") << QByteArray("K\x01.X") << serialize << QStringLiteral("1 bytes of trailing data") << qsizetype(3);
    QTest::newRow("unknown opcode") << QByteArray("\xff") << serialize << QStringLiteral("unknown opcode 0xff at offset 0") << qsizetype(0);
    QTest::newRow("protocol 6") << QByteArray("\x80\x06N.") << serialize << QStringLiteral("unsupported pickle protocol 6") << qsizetype(0);

    // Lengths the input has not paid for
    const QByteArray ff8(8, '\xff');
    QTest::newRow("huge BINUNICODE8") << QByteArray("\x80\x04\x8d") + ff8 + "abc." << serialize
                                      << QStringLiteral("BINUNICODE8 at offset 2 needs 18446744073709551615 more bytes, 4 left") << qsizetype(2);
    QTest::newRow("huge BINBYTES8") << QByteArray("\x80\x04\x8e") + ff8 + "." << serialize
                                    << QStringLiteral("BINBYTES8 at offset 2 needs") << qsizetype(2);
    QTest::newRow("huge BYTEARRAY8") << QByteArray("\x80\x05\x96") + ff8 + "." << serialize
                                     << QStringLiteral("BYTEARRAY8 at offset 2 needs") << qsizetype(2);
    QTest::newRow("huge BINUNICODE") << QByteArray("X\xff\xff\xff\xffxyz.") << serialize
                                     << QStringLiteral("BINUNICODE at offset 0 needs 4294967295 more bytes") << qsizetype(0);
    QTest::newRow("huge BINBYTES") << QByteArray("B\xff\xff\xff\x7f.") << serialize
                                   << QStringLiteral("BINBYTES at offset 0 needs 2147483647 more bytes") << qsizetype(0);
    QTest::newRow("negative BINSTRING") << QByteArray("T\xff\xff\xff\xff.") << serialize
                                        << QStringLiteral("negative length -1 in BINSTRING") << qsizetype(0);
    QTest::newRow("huge LONG4") << QByteArray("\x8b\xff\xff\xff\x7f.") << serialize
                                << QStringLiteral("LONG4 at offset 0 has 2147483647 bytes, more than the limit") << qsizetype(0);
    QTest::newRow("huge FRAME") << QByteArray("\x80\x04\x95") + ff8 + "N." << serialize << QStringLiteral("FRAME at offset 2 needs")
                                << qsizetype(2);
    QTest::newRow("INT with too many digits") << QByteArray("I") + QByteArray(100001, '9') + "\n." << serialize
                                              << QStringLiteral("more than 100000 digits") << qsizetype(0);
    QTest::newRow("line without end") << QByteArray("cos\nsystem") << serialize << QStringLiteral("GLOBAL at offset 0 has no end of line")
                                      << qsizetype(0);

    // Memo
    QTest::newRow("BINGET missing") << QByteArray("h\x05.") << serialize << QStringLiteral("memo key 5 not found") << qsizetype(0);
    QTest::newRow("LONG_BINGET missing") << QByteArray("j\xff\xff\xff\xff.") << serialize << QStringLiteral("memo key 4294967295 not found")
                                         << qsizetype(0);
    QTest::newRow("GET missing") << QByteArray("K\x01p0\ng3\n.") << serialize << QStringLiteral("memo key 3 not found") << qsizetype(5);
    QTest::newRow("PUT negative") << QByteArray("K\x01p-1\n.") << serialize << QStringLiteral("invalid memo index") << qsizetype(2);
    QTest::newRow("BINPUT on empty stack") << QByteArray("q\x00.", 3) << serialize << QStringLiteral("stack underflow") << qsizetype(0);

    // Stack and marks
    QTest::newRow("STOP on empty stack") << QByteArray(".") << serialize << QStringLiteral("stack underflow: STOP at offset 0") << qsizetype(0);
    QTest::newRow("APPEND on empty stack") << QByteArray("a.") << serialize << QStringLiteral("stack underflow: APPEND") << qsizetype(0);
    QTest::newRow("TUPLE2 with one item") << QByteArray("K\x01\x86.") << serialize << QStringLiteral("stack underflow: TUPLE2") << qsizetype(2);
    QTest::newRow("POP on empty stack") << QByteArray("0.") << serialize << QStringLiteral("stack underflow: POP") << qsizetype(0);
    QTest::newRow("STOP right after MARK") << QByteArray("K\x01(.") << serialize << QStringLiteral("stack underflow: STOP at offset 3")
                                           << qsizetype(3);
    QTest::newRow("TUPLE2 across a MARK") << QByteArray("K\x01(K\x02\x86.") << serialize << QStringLiteral("stack underflow: TUPLE2")
                                          << qsizetype(5);
    QTest::newRow("APPENDS without MARK") << QByteArray("]K\x01" "e.") << serialize << QStringLiteral("APPENDS at offset 3 without a MARK")
                                          << qsizetype(3);
    QTest::newRow("POP_MARK without MARK") << QByteArray("K\x01" "1.") << serialize << QStringLiteral("POP_MARK at offset 2 without a MARK")
                                           << qsizetype(2);
    QTest::newRow("DICT with odd items") << QByteArray("(K\x01" "d.") << serialize << QStringLiteral("odd number of items") << qsizetype(3);
    QTest::newRow("SETITEMS with odd items") << QByteArray("}(K\x01u.") << serialize << QStringLiteral("odd number of items") << qsizetype(4);
    QTest::newRow("APPEND to a tuple") << QByteArray(")K\x01" "a.") << serialize << QStringLiteral("APPEND at offset 3 to a tuple") << qsizetype(3);
    QTest::newRow("SETITEM on a list") << QByteArray("]K\x01K\x02s.") << serialize << QStringLiteral("not a dict") << qsizetype(5);
    QTest::newRow("ADDITEMS to a frozenset") << QByteArray("(\x91(K\x01\x90.") << serialize << QStringLiteral("not a set") << qsizetype(5);

    // Nesting, cycles and expansion
    QTest::newRow("2000 nested lists") << QByteArray("\x80\x02") + repeat("]", 2000) + repeat("a", 1999) + "." << serialize
                                       << QStringLiteral("nesting deeper than 1000 levels") << qsizetype(-1);
    QTest::newRow("5000 nested tuples") << repeat("(", 5000) + repeat("t", 5000) + "." << serialize
                                        << QStringLiteral("nesting deeper than 1000 levels") << qsizetype(-1);
    QTest::newRow("10^6 nested EMPTY_LIST/APPEND") << repeat("]", 1000000) + repeat("a", 999999) + "." << serialize
                                                   << QStringLiteral("nesting deeper than 1000 levels") << qsizetype(-1);
    QTest::newRow("100000 lists nested through the memo") << memoChain(100000) << serialize
                                                          << QStringLiteral("nesting deeper than 1000 levels") << qsizetype(-1);
    QTest::newRow("list that contains itself") << QByteArray("]q\x00h\x00" "a.", 7) << serialize
                                               << QStringLiteral("recursive structure") << qsizetype(-1);
    QTest::newRow("dict that contains itself") << QByteArray("}q\x00K\x01h\x00s.", 9) << serialize
                                               << QStringLiteral("recursive structure") << qsizetype(-1);
    QTest::newRow("billion laughs (lists)") << billionLaughs(64, false, false) << serialize
                                            << QStringLiteral("shared references expand to more than") << qsizetype(-1);
    QTest::newRow("billion laughs (tuples hashed in a set)") << billionLaughs(64, true, true) << serialize
                                                             << QStringLiteral("shared references expand to more than") << qsizetype(-1);

    // Things that are no values
    QTest::newRow("class object as a value") << QByteArray("cbuiltins\nValueError\n.") << serialize
                                             << QStringLiteral("class builtins.ValueError itself cannot be represented") << qsizetype(-1);
    QTest::newRow("PERSID") << QByteArray("Pfoo\n.") << serialize << QStringLiteral("persistent ids are not supported") << qsizetype(0);
    QTest::newRow("BINPERSID") << QByteArray("K\x01Q.") << serialize << QStringLiteral("persistent ids are not supported") << qsizetype(2);
    QTest::newRow("EXT1") << QByteArray("\x82\x01.") << serialize << QStringLiteral("extension registry") << qsizetype(0);
    QTest::newRow("EXT4") << QByteArray("\x84\x01\x00\x00\x00.", 6) << serialize << QStringLiteral("extension registry") << qsizetype(0);
    QTest::newRow("NEXT_BUFFER") << QByteArray("\x80\x05\x97.") << serialize << QStringLiteral("out-of-band buffers") << qsizetype(2);
    QTest::newRow("READONLY_BUFFER") << QByteArray("\x80\x05K\x01\x98.") << serialize << QStringLiteral("READONLY_BUFFER at offset 4")
                                     << qsizetype(4);
    QTest::newRow("unhashable dict key") << QByteArray("}]K\x01s.") << serialize << QStringLiteral("unhashable type: 'list'") << qsizetype(-1);
    QTest::newRow("unhashable set item") << QByteArray("\x8f(]\x90.") << serialize << QStringLiteral("unhashable type: 'list'") << qsizetype(-1);
    QTest::newRow("STRING with non-ASCII") << QByteArray("S'\xe9'\n.") << serialize << QStringLiteral("non-ASCII byte 0xe9") << qsizetype(0);
    QTest::newRow("STRING unquoted") << QByteArray("Sabc\n.") << serialize << QStringLiteral("must be quoted") << qsizetype(0);
    QTest::newRow("UNICODE truncated escape") << QByteArray("V\\u12\n.") << serialize << QStringLiteral("truncated \\uXXXX") << qsizetype(0);
    QTest::newRow("BINUNICODE invalid UTF-8") << QByteArray("X\x01\x00\x00\x00\xff.", 7) << serialize
                                              << QStringLiteral("invalid UTF-8 in BINUNICODE") << qsizetype(0);
    QTest::newRow("BINUNICODE overlong UTF-8") << QByteArray("X\x02\x00\x00\x00\xc0\xaf.", 8) << serialize
                                               << QStringLiteral("invalid UTF-8") << qsizetype(0);
    QTest::newRow("BUILD on an int") << QByteArray("K\x01}b.") << serialize << QStringLiteral("BUILD at offset 3 on a int") << qsizetype(3);
    QTest::newRow("REDUCE on an int") << QByteArray("K\x01)R.") << serialize << QStringLiteral("not an allowed class") << qsizetype(3);
    QTest::newRow("REDUCE with a list for args") << QByteArray("cbuiltins\nset\n]R.") << serialize << QStringLiteral("must be a tuple")
                                                 << qsizetype(15);
    QTest::newRow("complex of a str") << QByteArray("cbuiltins\ncomplex\n(S'1'\ntR.") << serialize
                                      << QStringLiteral("unsupported arguments for builtins.complex()") << qsizetype(-1);
    QTest::newRow("_codecs.encode with another codec") << QByteArray("c_codecs\nencode\n(V\nVrot13\ntR.") << serialize
                                                       << QStringLiteral("encoding 'rot13'") << qsizetype(-1);
    QTest::newRow("URI without state") << QByteArray("\x80\x04\x8c\x0aPyro4.core\x8c\x03URI\x93)\x81.") << serialize
                                       << QStringLiteral("Pyro4.core.URI object without state") << qsizetype(-1);
    QTest::newRow("URI state of 2") << QByteArray("\x80\x04\x8c\x0aPyro4.core\x8c\x03URI\x93)\x81NN\x86" "b.") << serialize
                                    << QStringLiteral("URI state has 2 items, expected 5") << qsizetype(-1);
    QTest::newRow("NEWOBJ of set") << QByteArray("cbuiltins\nset\n)\x81.") << serialize << QStringLiteral("creating a builtins.set object")
                                   << qsizetype(-1);
    QTest::newRow("exception state not a dict") << QByteArray("cbuiltins\nValueError\n)RK\x01" "b.") << serialize
                                                << QStringLiteral("exception state must be a dict") << qsizetype(-1);
    QTest::newRow("NEWOBJ_EX with kwargs") << QByteArray("cPyro4.core\nURI\n)}K\x01K\x02s\x92.") << serialize
                                           << QStringLiteral("keyword arguments") << qsizetype(-1);
}

void tst_Pickle::decodeInert_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected"); // DisplayRepr of the decoded value
    const QString img = QStringLiteral("array(shape=(48, 64), dtype=uint8)");
    const QList<std::pair<const char *, QString>> rows = {
        { "enum", QStringLiteral("labdevice.Color.RED") },
        { "intenum", QStringLiteral("labdevice.Mode.FAST") },
        { "namedtuple", QStringLiteral("labdevice.Point(1, 2)") },
        { "dataclass", QStringLiteral("labdevice.Reading(channel=3, value=1.5, unit='V')") },
        { "slots", QStringLiteral("labdevice.Slotted(a=1, b=[2])") },
        { "ordereddict", QStringLiteral("collections.OrderedDict([('a', 1), ('b', 2)])") },
        { "exception", QStringLiteral("labdevice.DeviceError('overheated', 95)") },
        { "class", QStringLiteral("<class 'labdevice.Reading'>") },
        { "nested", QStringLiteral("{'frame': %1, 'mode': labdevice.Mode.FAST, 'at': [labdevice.Point(0, 1)]}").arg(img) },
        { "img", img },
        { "fortran_be_int32", QStringLiteral("array(shape=(3, 4), dtype=int32)") },
        { "float64_3d", QStringLiteral("array(shape=(2, 3, 4), dtype=float64)") },
        { "bool", QStringLiteral("array(shape=(3,), dtype=bool)") },
        { "complex64", QStringLiteral("array(shape=(2,), dtype=complex64)") },
        { "float16", QStringLiteral("array(shape=(2,), dtype=float16)") },
        { "zero_d", QStringLiteral("array(shape=(), dtype=float32)") },
        { "strided", QStringLiteral("array(shape=(4, 3), dtype=int16)") },
        { "empty", QStringLiteral("array(shape=(0, 3), dtype=uint16)") },
        { "np_float64", QStringLiteral("1.5") },
        { "np_int32", QStringLiteral("-7") },
        { "np_uint64", QStringLiteral("18446744073709551615") },
        { "np_bool", QStringLiteral("True") },
        { "np_complex128", QStringLiteral("(1+2j)") },
        { "np_float32", QStringLiteral("0.5") },
        { "np_float16", QStringLiteral("-0.25") },
        { "np_int8", QStringLiteral("-128") },
    };
    for (int protocol = 0; protocol <= 5; ++protocol) {
        for (const auto &[name, expected] : rows) {
            if (protocol < 2 && QLatin1String(name) == QLatin1String("slots"))
                continue; // Python cannot pickle __slots__ objects below protocol 2
            const QString key = QStringLiteral("inert%1/%2").arg(protocol).arg(QLatin1String(name));
            QTest::newRow(qPrintable(key)) << key << expected;
        }
    }
    QTest::newRow("numpy 2 _reconstruct") << QStringLiteral("inert2/numpy2_reconstruct") << img;
    QTest::newRow("numpy 2 scalar") << QStringLiteral("inert2/numpy2_scalar") << QStringLiteral("1.5");
    QTest::newRow("numpy 2 _frombuffer") << QStringLiteral("inert5/numpy2_frombuffer") << img;
}

void tst_Pickle::decodeInert()
{
    QFETCH(QString, key);
    QFETCH(QString, expected);
    const QByteArray data = m_dumps.value(key);
    QVERIFY2(!data.isEmpty(), "the peer did not write this value");
    const Result<Value> r = PickleSerializer().decode(data);
    QVERIFY2(r, qPrintable(r.error().message()));
    QCOMPARE(DisplayRepr::write(r.value()), expected);
    const QString name = key.mid(key.indexOf(u'/') + 1);
    const QString prefix = key.left(key.indexOf(u'/') + 1);
    if (InertObjects::isArray(r.value()) && m_dumps.contains(prefix + QStringLiteral("data/") + name)) {
        // the data in C order, dtype name and byte order exactly as numpy has them
        const Dict &d = r.value().toDict();
        QCOMPARE(d.value(QStringLiteral("data")).toBytes().toHex(), m_dumps.value(prefix + QStringLiteral("data/") + name).toHex());
        const QString meta = QString::fromUtf8(m_dumps.value(prefix + QStringLiteral("meta/") + name));
        QCOMPARE(d.value(QStringLiteral("dtype")).toStr() + u' ' + d.value(QStringLiteral("byteorder")).toStr(), meta);
    }
    if (name.startsWith(QLatin1String("np_")))
        QVERIFY2(r.value().isNumber() || r.value().isComplex(), qPrintable(r.value().repr()));
}

void tst_Pickle::inertShapes()
{
    // The dict shapes are a contract with the UI (value/inertobjects.h).
    const Result<Value> reading = PickleSerializer().decode(m_dumps.value(QStringLiteral("inert5/dataclass")));
    QVERIFY2(reading, qPrintable(reading.error().message()));
    QCOMPARE(reading.value(), InertObjects::object(QStringLiteral("labdevice.Reading"), Value::tuple({}),
                                                   Dict { { QStringLiteral("channel"), 3 }, { QStringLiteral("value"), 1.5 },
                                                          { QStringLiteral("unit"), QStringLiteral("V") } }));
    const Result<Value> color = PickleSerializer().decode(m_dumps.value(QStringLiteral("inert4/enum")));
    QVERIFY(color);
    QCOMPARE(color.value(), Value(Dict { { QStringLiteral("__class__"), QStringLiteral("labdevice.Color") },
                                         { QStringLiteral("__inert__"), QStringLiteral("member") },
                                         { QStringLiteral("name"), QStringLiteral("RED") } }));
    const Result<Value> img = PickleSerializer().decode(m_dumps.value(QStringLiteral("inert5/img")));
    QVERIFY(img);
    const Dict &d = img.value().toDict();
    QCOMPARE(d.size(), 5);
    QCOMPARE(d.value(QStringLiteral("__class__")), Value(QStringLiteral("numpy.ndarray")));
    QCOMPARE(d.value(QStringLiteral("shape")), Value::tuple({ 48, 64 }));
    QCOMPARE(d.value(QStringLiteral("dtype")), Value(QStringLiteral("uint8")));
    QCOMPARE(d.value(QStringLiteral("byteorder")), Value(QStringLiteral("|")));
    QVERIFY(d.value(QStringLiteral("data")).isBytes());
    QCOMPARE(d.value(QStringLiteral("data")).toBytes().size(), 48 * 64);
    // an inert object goes back to a Python peer as a plain dict, never as a call of its class
    const Result<QByteArray> again = PickleSerializer().encode(reading.value());
    QVERIFY(again);
    QVERIFY(!again.value().contains("labdevice\nReading"));
    QVERIFY(!again.value().contains("\x93"));
}

void tst_Pickle::inertException()
{
    // A remote exception of a class we do not know keeps its class name, message and attributes.
    const Result<Value> r = PickleSerializer().decode(m_dumps.value(QStringLiteral("inert5/exception")));
    QVERIFY(r);
    const Error e = Error::fromRemoteException(r.value());
    QCOMPARE(e.code(), Error::Code::RemoteException);
    QCOMPARE(e.remoteClass(), QStringLiteral("labdevice.DeviceError"));
    QCOMPARE(e.message(), QStringLiteral("('overheated', 95)"));
    const Result<Value> withState = PickleSerializer().decode(QByteArray("clab\nError\n(S'hot'\ntR}(S'_pyroTraceback'\n]S'tb'\naS'code'\nK\x07ub."));
    QVERIFY2(withState, qPrintable(withState.error().message()));
    const Error e2 = Error::fromRemoteException(withState.value());
    QCOMPARE(e2.toString(), QStringLiteral("lab.Error: hot"));
    QCOMPARE(e2.remoteTraceback(), QStringLiteral("tb"));
    QCOMPARE(e2.remoteAttributes().value(QStringLiteral("code")), Value(7));
}

void tst_Pickle::hostile()
{
    QFETCH(QByteArray, data);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);
    QFETCH(qsizetype, offset);
    const Result<Value> r = PickleSerializer().decode(data);
    QVERIFY2(!r, qPrintable(r ? r.value().repr().left(200) : QString()));
    QVERIFY2(r.error().message().contains(message), qPrintable(r.error().message()));
    QCOMPARE(r.error().code(), code);
    if (offset >= 0)
        QCOMPARE(r.error().offset(), offset);
    QVERIFY(r.error().message().startsWith(QLatin1String("pickle: ")));
}

void tst_Pickle::truncatedEverywhere_data()
{
    QTest::addColumn<QByteArray>("data");
    const char *const keys[] = { "golden/records", "golden/exception", "golden/uri", "golden/str_unicode", "golden/big_neg",
                                 "p0/exc_traceback", "p0/str_escapes", "p0/proxy", "p1/dict_mixed_keys", "p2/proxy",
                                 "p2/bytes", "p3/frozenset", "p4/exception_wrapper", "p5/proxy", "p5/bytearray", "call/call_kwargs",
                                 "real/exc_real_traceback" };
    for (const char *key : keys)
        QTest::newRow(key) << m_dumps.value(QLatin1String(key));
}

void tst_Pickle::truncatedEverywhere()
{
    QFETCH(QByteArray, data);
    QVERIFY(!data.isEmpty());
    QVERIFY(PickleSerializer().decode(data));
    for (qsizetype cut = 0; cut < data.size(); ++cut) {
        const Result<Value> r = PickleSerializer().decode(QByteArrayView(data).first(cut));
        QVERIFY2(!r, qPrintable(QStringLiteral("a prefix of %1 bytes decoded").arg(cut)));
        QCOMPARE(r.error().code(), Error::Code::SerializeError);
        QVERIFY2(r.error().offset() >= 0 && r.error().offset() <= cut,
                 qPrintable(QStringLiteral("cut %1: offset %2: %3").arg(cut).arg(r.error().offset()).arg(r.error().message())));
    }
}

void tst_Pickle::registryIds()
{
    // dill (5) and cloudpickle (7) payloads are plain pickles for plain data.
    const QByteArray data = m_dumps.value(QStringLiteral("golden/dict_str"));
    for (int id : { 4, 5, 7 }) {
        const Serializer *s = Serializer::byId(id);
        QVERIFY(s);
        QCOMPARE(s->name(), QStringLiteral("pickle"));
        const Result<Value> r = s->decode(data);
        QVERIFY2(r, qPrintable(r.error().message()));
        for (const auto &[name, value] : GoldenCorpus::values())
            if (name == QLatin1String("dict_str"))
                QVERIFY(r.value() == value);
    }
    QCOMPARE(Serializer::byName(u"pickle"), Serializer::byId(4));
}

QTEST_GUILESS_MAIN(tst_Pickle)

#include "tst_pickle.moc"
