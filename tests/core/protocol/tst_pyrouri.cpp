#include "protocol/pyrouri.h"

#include <QTest>

using namespace Pyro;

/*
    PyroUri against Pyro4 4.82's URI class. Every row's expectation was produced by running
    Python's Pyro4.core.URI on the same text (protocol doc section 6, trap 33).
*/
class tst_PyroUri : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void toStringRoundTrip_data() { parse_data(); }
    void toStringRoundTrip();
    void pyrometaTags();
    void factories();
    void toValue_data();
    void toValue();
    void fromValue_data();
    void fromValue();
    void fromValueRejects_data();
    void fromValueRejects();
};

static QString protocolText(PyroUri::Protocol p)
{
    switch (p) {
    case PyroUri::Protocol::Pyro: return QStringLiteral("PYRO");
    case PyroUri::Protocol::PyroName: return QStringLiteral("PYRONAME");
    case PyroUri::Protocol::PyroMeta: return QStringLiteral("PYROMETA");
    }
    return QString();
}

void tst_PyroUri::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("object"); // PYROMETA: sorted tags joined with ','
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("socketPath");
    QTest::addColumn<QString>("canonical"); // str(uri); null for PYROMETA (set order)
    QTest::addColumn<QString>("error");

    QTest::newRow("pyro_plain") << QStringLiteral("PYRO:obj@host:1234") << true << QStringLiteral("PYRO") << QStringLiteral("obj") << QStringLiteral("host") << 1234 << QStringLiteral("") << QStringLiteral("PYRO:obj@host:1234") << QString();
    QTest::newRow("pyro_lowercase_protocol") << QStringLiteral("pyro:obj@localhost:9999") << true << QStringLiteral("PYRO") << QStringLiteral("obj") << QStringLiteral("localhost") << 9999 << QStringLiteral("") << QStringLiteral("PYRO:obj@localhost:9999") << QString();
    QTest::newRow("pyro_mixedcase_protocol") << QStringLiteral("PyRo:obj@localhost:9999") << true << QStringLiteral("PYRO") << QStringLiteral("obj") << QStringLiteral("localhost") << 9999 << QStringLiteral("") << QStringLiteral("PYRO:obj@localhost:9999") << QString();
    QTest::newRow("pyro_ipv4") << QStringLiteral("PYRO:Pyro.NameServer@127.0.0.1:9090") << true << QStringLiteral("PYRO") << QStringLiteral("Pyro.NameServer") << QStringLiteral("127.0.0.1") << 9090 << QStringLiteral("") << QStringLiteral("PYRO:Pyro.NameServer@127.0.0.1:9090") << QString();
    QTest::newRow("pyro_object_stops_at_first_at") << QStringLiteral("PYRO:a@b@host:1") << true << QStringLiteral("PYRO") << QStringLiteral("a") << QStringLiteral("b@host") << 1 << QStringLiteral("") << QStringLiteral("PYRO:a@b@host:1") << QString();
    QTest::newRow("pyro_object_is_at") << QStringLiteral("PYRO:@@h:1") << true << QStringLiteral("PYRO") << QStringLiteral("@") << QStringLiteral("h") << 1 << QStringLiteral("") << QStringLiteral("PYRO:@@h:1") << QString();
    QTest::newRow("pyro_ipv6") << QStringLiteral("PYRO:obj@[::1]:9999") << true << QStringLiteral("PYRO") << QStringLiteral("obj") << QStringLiteral("::1") << 9999 << QStringLiteral("") << QStringLiteral("PYRO:obj@[::1]:9999") << QString();
    QTest::newRow("pyro_ipv6_numeric_zone") << QStringLiteral("PYRO:obj@[fe80::1%2]:9999") << true << QStringLiteral("PYRO") << QStringLiteral("obj") << QStringLiteral("fe80::1%2") << 9999 << QStringLiteral("") << QStringLiteral("PYRO:obj@[fe80::1%2]:9999") << QString();
    QTest::newRow("pyro_ipv6_trailing_garbage") << QStringLiteral("PYRO:obj@[::1]:9999xyz") << true << QStringLiteral("PYRO") << QStringLiteral("obj") << QStringLiteral("::1") << 9999 << QStringLiteral("") << QStringLiteral("PYRO:obj@[::1]:9999") << QString();
    QTest::newRow("pyro_ipv6_named_zone") << QStringLiteral("PYRO:obj@[fe80::1%eth0]:9999") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid ipv6 address: the part between brackets must be a numeric ipv6 address");
    QTest::newRow("pyro_ipv6_double_brackets") << QStringLiteral("PYRO:obj@[[::1]]:9999") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid ipv6 address: enclosed in too many brackets");
    QTest::newRow("pyro_ipv6_without_brackets") << QStringLiteral("PYRO:obj@::1:9999") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid port in uri, port=:1:9999");
    QTest::newRow("pyro_ipv6_no_port") << QStringLiteral("PYRO:obj@[::1]") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid port in uri, port=None");
    QTest::newRow("pyro_ipv6_empty_brackets") << QStringLiteral("PYRO:obj@[]:1") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid ipv6 address: the part between brackets must be a numeric ipv6 address");
    QTest::newRow("pyro_unix_socket") << QStringLiteral("PYRO:obj@./u:/tmp/sock") << true << QStringLiteral("PYRO") << QStringLiteral("obj") << QStringLiteral("") << 0 << QStringLiteral("/tmp/sock") << QStringLiteral("PYRO:obj@./u:/tmp/sock") << QString();
    QTest::newRow("pyro_unix_socket_empty") << QStringLiteral("PYRO:obj@./u:") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid uri (location)");
    QTest::newRow("pyro_unix_socket_colon") << QStringLiteral("PYRO:obj@./u:/tmp/a:b") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid uri (location)");
    QTest::newRow("pyro_no_port") << QStringLiteral("PYRO:obj@host") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid port in uri, port=None");
    QTest::newRow("pyro_empty_port") << QStringLiteral("PYRO:obj@host:") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid port in uri, port=None");
    QTest::newRow("pyro_no_location") << QStringLiteral("PYRO:obj") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid uri");
    QTest::newRow("pyro_plus_port") << QStringLiteral("PYRO:obj@host:+12") << true << QStringLiteral("PYRO") << QStringLiteral("obj") << QStringLiteral("host") << 12 << QStringLiteral("") << QStringLiteral("PYRO:obj@host:12") << QString();
    QTest::newRow("pyro_port_trailing_space") << QStringLiteral("PYRO:obj@host:12 ") << true << QStringLiteral("PYRO") << QStringLiteral("obj") << QStringLiteral("host") << 12 << QStringLiteral("") << QStringLiteral("PYRO:obj@host:12") << QString();
    QTest::newRow("pyro_port_underscore") << QStringLiteral("PYRO:obj@host:1_2") << true << QStringLiteral("PYRO") << QStringLiteral("obj") << QStringLiteral("host") << 12 << QStringLiteral("") << QStringLiteral("PYRO:obj@host:12") << QString();
    QTest::newRow("pyro_port_double_underscore") << QStringLiteral("PYRO:obj@host:1__2") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid port in uri, port=1__2");
    QTest::newRow("pyro_hex_port") << QStringLiteral("PYRO:obj@host:0x10") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid port in uri, port=0x10");
    QTest::newRow("pyro_port_out_of_range_accepted") << QStringLiteral("PYRO:obj@host:99999") << true << QStringLiteral("PYRO") << QStringLiteral("obj") << QStringLiteral("host") << 99999 << QStringLiteral("") << QStringLiteral("PYRO:obj@host:99999") << QString();
    QTest::newRow("pyro_negative_port") << QStringLiteral("PYRO:obj@host:-5") << true << QStringLiteral("PYRO") << QStringLiteral("obj") << QStringLiteral("host") << -5 << QStringLiteral("") << QStringLiteral("PYRO:obj@host:-5") << QString();
    QTest::newRow("pyro_port_text") << QStringLiteral("PYRO:obj@host:abc") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid port in uri, port=abc");
    QTest::newRow("pyro_port_with_second_colon") << QStringLiteral("PYRO:obj@host:1:2") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid port in uri, port=1:2");
    QTest::newRow("pyro_empty_host") << QStringLiteral("PYRO:obj@:1234") << true << QStringLiteral("PYRO") << QStringLiteral("obj") << QStringLiteral("") << 1234 << QStringLiteral("") << QStringLiteral("PYRO:obj") << QString();
    QTest::newRow("pyro_space_in_object") << QStringLiteral("PYRO:o bj@host:1") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid uri");
    QTest::newRow("pyro_space_in_host") << QStringLiteral("PYRO:obj@ho st:1") << true << QStringLiteral("PYRO") << QStringLiteral("obj") << QStringLiteral("ho st") << 1 << QStringLiteral("") << QStringLiteral("PYRO:obj@ho st:1") << QString();
    QTest::newRow("pyro_trailing_newline") << QStringLiteral("PYRO:obj@host:1\n") << true << QStringLiteral("PYRO") << QStringLiteral("obj") << QStringLiteral("host") << 1 << QStringLiteral("") << QStringLiteral("PYRO:obj@host:1") << QString();
    QTest::newRow("pyro_inner_newline") << QStringLiteral("PYRO:obj@ho\nst:1") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid uri");
    QTest::newRow("pyro_trailing_at") << QStringLiteral("PYRO:obj@") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid uri");
    QTest::newRow("pyro_empty_object") << QStringLiteral("PYRO:@host:1") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid uri");
    QTest::newRow("pyro_leading_space") << QStringLiteral("  PYRO:obj@host:1") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid uri");
    QTest::newRow("unknown_protocol") << QStringLiteral("PYROX:obj@host:1") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid uri (protocol)");
    QTest::newRow("not_pyro") << QStringLiteral("HTTP:obj@host:1") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid uri");
    QTest::newRow("no_colon") << QStringLiteral("PYRO") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid uri");
    QTest::newRow("empty_string") << QStringLiteral("") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid uri");
    QTest::newRow("protocol_only") << QStringLiteral("PYRO:") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid uri");
    QTest::newRow("pyroname_plain") << QStringLiteral("PYRONAME:my.object") << true << QStringLiteral("PYRONAME") << QStringLiteral("my.object") << QStringLiteral("") << 0 << QStringLiteral("") << QStringLiteral("PYRONAME:my.object") << QString();
    QTest::newRow("pyroname_lowercase") << QStringLiteral("pyroname:my.object") << true << QStringLiteral("PYRONAME") << QStringLiteral("my.object") << QStringLiteral("") << 0 << QStringLiteral("") << QStringLiteral("PYRONAME:my.object") << QString();
    QTest::newRow("pyroname_host") << QStringLiteral("PYRONAME:my.object@nshost") << true << QStringLiteral("PYRONAME") << QStringLiteral("my.object") << QStringLiteral("nshost") << 9090 << QStringLiteral("") << QStringLiteral("PYRONAME:my.object@nshost:9090") << QString();
    QTest::newRow("pyroname_host_port") << QStringLiteral("PYRONAME:my.object@nshost:5555") << true << QStringLiteral("PYRONAME") << QStringLiteral("my.object") << QStringLiteral("nshost") << 5555 << QStringLiteral("") << QStringLiteral("PYRONAME:my.object@nshost:5555") << QString();
    QTest::newRow("pyroname_ipv6_default_port") << QStringLiteral("PYRONAME:x@[::1]") << true << QStringLiteral("PYRONAME") << QStringLiteral("x") << QStringLiteral("::1") << 9090 << QStringLiteral("") << QStringLiteral("PYRONAME:x@[::1]:9090") << QString();
    QTest::newRow("pyroname_ipv6_bad_port_defaults") << QStringLiteral("PYRONAME:x@[::1]:abc") << true << QStringLiteral("PYRONAME") << QStringLiteral("x") << QStringLiteral("::1") << 9090 << QStringLiteral("") << QStringLiteral("PYRONAME:x@[::1]:9090") << QString();
    QTest::newRow("pyroname_bad_port") << QStringLiteral("PYRONAME:x@host:abc") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid port in uri, port=abc");
    QTest::newRow("pyroname_unix_socket") << QStringLiteral("PYRONAME:x@./u:/tmp/ns") << true << QStringLiteral("PYRONAME") << QStringLiteral("x") << QStringLiteral("") << 0 << QStringLiteral("/tmp/ns") << QStringLiteral("PYRONAME:x@./u:/tmp/ns") << QString();
    QTest::newRow("pyroname_trailing_at") << QStringLiteral("PYRONAME:obj@") << true << QStringLiteral("PYRONAME") << QStringLiteral("obj@") << QStringLiteral("") << 0 << QStringLiteral("") << QStringLiteral("PYRONAME:obj@") << QString();
    QTest::newRow("pyrometa_two_tags") << QStringLiteral("PYROMETA:m1,m2") << true << QStringLiteral("PYROMETA") << QStringLiteral("m1,m2") << QStringLiteral("") << 0 << QStringLiteral("") << QString() << QString();
    QTest::newRow("pyrometa_with_host") << QStringLiteral("PYROMETA:m1@nshost:1234") << true << QStringLiteral("PYROMETA") << QStringLiteral("m1") << QStringLiteral("nshost") << 1234 << QStringLiteral("") << QString() << QString();
    QTest::newRow("pyrometa_host_default_port") << QStringLiteral("PYROMETA:a,b@nshost") << true << QStringLiteral("PYROMETA") << QStringLiteral("a,b") << QStringLiteral("nshost") << 9090 << QStringLiteral("") << QString() << QString();
    QTest::newRow("pyrometa_duplicate_tags") << QStringLiteral("PYROMETA:a,a") << true << QStringLiteral("PYROMETA") << QStringLiteral("a") << QStringLiteral("") << 0 << QStringLiteral("") << QString() << QString();
    QTest::newRow("pyrometa_empty_tag") << QStringLiteral("PYROMETA:a,,b") << true << QStringLiteral("PYROMETA") << QStringLiteral(",a,b") << QStringLiteral("") << 0 << QStringLiteral("") << QString() << QString();
    QTest::newRow("pyrometa_space_before_at") << QStringLiteral("PYROMETA:a,b @host") << false << QString() << QString() << QString() << 0 << QString() << QString() << QStringLiteral("invalid uri");
}

void tst_PyroUri::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, protocol);
    QFETCH(QString, object);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, socketPath);
    QFETCH(QString, canonical);
    QFETCH(QString, error);

    const Result<PyroUri> r = PyroUri::parse(text);
    QCOMPARE(r.ok(), valid);
    if (!valid) {
        QCOMPARE(r.error().code(), Error::Code::InvalidUri);
        QCOMPARE(r.error().message(), error);
        return;
    }
    const PyroUri &uri = r.value();
    QVERIFY(uri.isValid());
    QCOMPARE(protocolText(uri.protocol()), protocol);
    if (uri.protocol() == PyroUri::Protocol::PyroMeta) {
        QStringList tags = uri.metadataTags();
        tags.sort();
        QCOMPARE(tags.join(u','), object);
    } else {
        QCOMPARE(uri.object(), object);
        QCOMPARE(uri.toString(), canonical);
    }
    QCOMPARE(uri.host(), host);
    QCOMPARE(uri.port(), port);
    QCOMPARE(uri.socketPath(), socketPath);
    QCOMPARE(uri.isUnixSocket(), !socketPath.isEmpty());
}

void tst_PyroUri::toStringRoundTrip()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, host);
    if (!valid || host.isEmpty())
        return; // nothing to round-trip, or Python drops an empty host from the text
    const PyroUri uri = PyroUri::parse(text).value();
    const Result<PyroUri> again = PyroUri::parse(uri.toString());
    QVERIFY2(again.ok(), qPrintable(again.error().message()));
    QCOMPARE(again.value(), uri);
    QCOMPARE(again.value().toString(), uri.toString());
}

void tst_PyroUri::pyrometaTags()
{
    const PyroUri uri = PyroUri::parse(u"PYROMETA:b,a,b@ns:1").value();
    QCOMPARE(uri.metadataTags(), (QStringList { QStringLiteral("b"), QStringLiteral("a") }));
    QCOMPARE(uri.object(), QStringLiteral("b,a"));
    QCOMPARE(uri.toString(), QStringLiteral("PYROMETA:b,a@ns:1"));
    QCOMPARE(uri.location(), QStringLiteral("ns:1"));
}

void tst_PyroUri::factories()
{
    const PyroUri a = PyroUri::pyro(QStringLiteral("obj"), QStringLiteral("::1"), 5);
    QVERIFY(a.isValid());
    QCOMPARE(a.toString(), QStringLiteral("PYRO:obj@[::1]:5"));
    QCOMPARE(a.location(), QStringLiteral("[::1]:5"));
    const PyroUri b = PyroUri::unixSocket(QStringLiteral("obj"), QStringLiteral("/tmp/s"));
    QVERIFY(b.isValid());
    QVERIFY(b.isUnixSocket());
    QCOMPARE(b.toString(), QStringLiteral("PYRO:obj@./u:/tmp/s"));
    QVERIFY(!PyroUri().isValid());
    QCOMPARE(PyroUri().toString(), QString());
}

static Value uriDict(const ValueList &state)
{
    return Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro4.core.URI") },
                  { QStringLiteral("state"), Value::tuple(state) } };
}

void tst_PyroUri::toValue_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Value>("expected");
    // The states are what Python's URI.__getstate__() returns for the same text.
    QTest::newRow("pyro") << QStringLiteral("PYRO:obj@127.0.0.1:1234")
                          << uriDict({ QStringLiteral("PYRO"), QStringLiteral("obj"), Value(),
                                       QStringLiteral("127.0.0.1"), 1234 });
    QTest::newRow("pyro_ipv6_host_without_brackets")
            << QStringLiteral("PYRO:obj@[::1]:1234")
            << uriDict({ QStringLiteral("PYRO"), QStringLiteral("obj"), Value(), QStringLiteral("::1"), 1234 });
    QTest::newRow("unix_socket") << QStringLiteral("PYRO:obj@./u:/tmp/sock")
                                 << uriDict({ QStringLiteral("PYRO"), QStringLiteral("obj"),
                                              QStringLiteral("/tmp/sock"), Value(), Value() });
    QTest::newRow("pyroname_no_location")
            << QStringLiteral("PYRONAME:x")
            << uriDict({ QStringLiteral("PYRONAME"), QStringLiteral("x"), Value(), Value(), Value() });
    QTest::newRow("pyroname_default_port")
            << QStringLiteral("PYRONAME:x@ns")
            << uriDict({ QStringLiteral("PYRONAME"), QStringLiteral("x"), Value(), QStringLiteral("ns"), 9090 });
    QTest::newRow("pyrometa_object_is_a_set")
            << QStringLiteral("PYROMETA:b,a@ns:1")
            << uriDict({ QStringLiteral("PYROMETA"), Value::set({ QStringLiteral("b"), QStringLiteral("a") }),
                         Value(), QStringLiteral("ns"), 1 });
}

void tst_PyroUri::toValue()
{
    QFETCH(QString, text);
    QFETCH(Value, expected);
    const PyroUri uri = PyroUri::parse(text).value();
    QCOMPARE(uri.toValue().repr(), expected.repr());
    QVERIFY(Value::pyEquals(uri.toValue(), expected));
    const Result<PyroUri> back = PyroUri::fromValue(uri.toValue());
    QVERIFY2(back.ok(), qPrintable(back.error().message()));
    QCOMPARE(back.value(), uri);
}

void tst_PyroUri::fromValue_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("string") << Value(QStringLiteral("pyro:o@h:1")) << QStringLiteral("PYRO:o@h:1");
    // json and msgpack carry the state (and PYROMETA's set) as arrays.
    const Value jsonState = Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro4.core.URI") },
                                   { QStringLiteral("state"),
                                     Value::list({ QStringLiteral("PYRO"), QStringLiteral("o"), Value(),
                                                   QStringLiteral("h"), 7 }) } };
    QTest::newRow("json_list_state") << jsonState << QStringLiteral("PYRO:o@h:7");
    const Value jsonMeta = Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro4.core.URI") },
                                  { QStringLiteral("state"),
                                    Value::list({ QStringLiteral("PYROMETA"), Value::list({ QStringLiteral("t1") }),
                                                  Value(), QStringLiteral("h"), 9090 }) } };
    QTest::newRow("json_pyrometa_list") << jsonMeta << QStringLiteral("PYROMETA:t1@h:9090");
    QTest::newRow("unix_socket") << uriDict({ QStringLiteral("PYRO"), QStringLiteral("o"), QStringLiteral("/s"),
                                              Value(), Value() })
                                 << QStringLiteral("PYRO:o@./u:/s");
}

void tst_PyroUri::fromValue()
{
    QFETCH(Value, value);
    QFETCH(QString, expected);
    const Result<PyroUri> r = PyroUri::fromValue(value);
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QCOMPARE(r.value().toString(), expected);
}

void tst_PyroUri::fromValueRejects_data()
{
    QTest::addColumn<Value>("value");
    QTest::newRow("none") << Value();
    QTest::newRow("int") << Value(5);
    QTest::newRow("bad_string") << Value(QStringLiteral("http://x"));
    QTest::newRow("wrong_class") << Value(Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro4.core.Proxy") },
                                                 { QStringLiteral("state"), Value::tuple({}) } });
    QTest::newRow("short_state") << uriDict({ QStringLiteral("PYRO"), QStringLiteral("o") });
    QTest::newRow("unknown_protocol")
            << uriDict({ QStringLiteral("HTTP"), QStringLiteral("o"), Value(), QStringLiteral("h"), 1 });
    QTest::newRow("object_not_str") << uriDict({ QStringLiteral("PYRO"), 5, Value(), QStringLiteral("h"), 1 });
    QTest::newRow("port_not_int")
            << uriDict({ QStringLiteral("PYRO"), QStringLiteral("o"), Value(), QStringLiteral("h"), QStringLiteral("1") });
    QTest::newRow("pyro_without_port")
            << uriDict({ QStringLiteral("PYRO"), QStringLiteral("o"), Value(), QStringLiteral("h"), Value() });
    QTest::newRow("huge_port")
            << uriDict({ QStringLiteral("PYRO"), QStringLiteral("o"), Value(), QStringLiteral("h"),
                         Value(qint64(1) << 40) });
}

void tst_PyroUri::fromValueRejects()
{
    QFETCH(Value, value);
    const Result<PyroUri> r = PyroUri::fromValue(value);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code(), Error::Code::InvalidUri);
}

QTEST_GUILESS_MAIN(tst_PyroUri)
#include "tst_pyrouri.moc"
