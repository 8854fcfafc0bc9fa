#include "value/literalparser.h"

#include <QtTest>

#include <cmath>

using namespace Pyro;

/*
    LiteralParser on its own: values by strict equality (types visible), every malformed
    literal with its exact error offset and reason, and the resource limits. The agreement
    with Python's own literal_eval/repr over a larger corpus is in tst_repr.
*/
class tst_LiteralParser : public QObject
{
    Q_OBJECT

private slots:
    void values_data();
    void values();
    void malformed_data();
    void malformed();
    void deepNestingIsAnError();
    void depthLimitIsConfigurable();
    void intDigitLimit();
    void errorCodeOption();
    void cutAtEveryLength();
    void randomTokenSoup();
};

void tst_LiteralParser::values_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Value>("expected");

    const auto row = [](const char *name, const char16_t *text, const Value &v) {
        QTest::newRow(name) << QString::fromUtf16(text) << v;
    };
    row("none", u"None", Value());
    row("true", u"True", Value(true));
    row("int", u"42", Value(42));
    row("int_is_not_float", u"1", Value(1));
    row("negative", u"-5", Value(-5));
    row("int64_min", u"-9223372036854775808", Value(std::numeric_limits<qint64>::min()));
    row("big", u"123456789012345678901234567890", Value(*BigInt::fromString(u"123456789012345678901234567890")));
    row("hex_big", u"0x1_0000_0000_0000_0000", Value(*BigInt::fromString(u"18446744073709551616")));
    row("octal", u"0o17", Value(15));
    row("binary", u"0B11", Value(3));
    row("float", u"2.5", Value(2.5));
    row("float_exp", u"1e3", Value(1000.0));
    row("neg_zero", u"-0.0", Value(-0.0));
    row("int_neg_zero", u"-0", Value(0));
    row("overflow_inf", u"1e999", Value(double(INFINITY)));
    row("underflow_zero", u"1e-999", Value(0.0));
    row("inf_name", u"inf", Value(double(INFINITY)));
    row("nan_name", u"nan", Value(double(NAN)));
    row("float_call_nan", u"float(\"nan\")", Value(double(NAN)));
    row("float_call_infinity", u"float('-Infinity')", Value(-double(INFINITY)));
    row("imag", u"2j", Value(Complex(0, 2)));
    row("neg_imag", u"-2j", Value(Complex(-0.0, -2)));
    row("complex", u"1-2j", Value(Complex(1, -2)));
    row("complex_int_neg_zero", u"-0-1j", Value(Complex(0.0, -1)));
    row("complex_float_neg_zero", u"-0.0-1j", Value(Complex(-0.0, -1)));
    row("str", u"'abc'", Value(QStringLiteral("abc")));
    row("str_escapes", u"'\\x41\\u00e9\\U0001F600\\101\\n'", Value(QString::fromUcs4(U"A\u00e9\U0001F600A\n")));
    row("str_lone_surrogate", u"'\\udc80'", Value(QString(QChar(0xdc80))));
    row("str_raw", u"r'\\n\\''", Value(QStringLiteral("\\n\\'")));
    row("str_raw_continuation", u"r'a\\\nb'", Value(QStringLiteral("a\\\nb")));
    row("str_unknown_escape", u"'\\d'", Value(QStringLiteral("\\d")));
    row("str_concat_u", u"u'a' 'b'", Value(QStringLiteral("ab")));
    row("str_triple_crlf", u"'''a\r\nb\rc'''", Value(QStringLiteral("a\nb\nc")));
    row("str_raw_unicode", u"'\u4e2d\U0001F600'", Value(QString::fromUcs4(U"\u4e2d\U0001F600")));
    row("bytes", u"b'a\\x00\\377'", Value::bytes(QByteArray("a\0\xff", 3)));
    row("bytes_raw", u"Rb'\\x00'", Value::bytes("\\x00"));
    row("bytearray", u"bytearray(b'q')", Value::byteArray("q"));
    row("tuple_bare", u"1, 'a'", Value::tuple({ 1, QStringLiteral("a") }));
    row("tuple_one", u"(1,)", Value::tuple({ 1 }));
    row("tuple_empty", u"()", Value::tuple({}));
    row("group", u"((1))", Value(1));
    row("list", u"[1, [2]]", Value::list({ 1, Value::list({ 2 }) }));
    row("dict", u"{'a': 1, 'b': [2]}", Value(Dict { { QStringLiteral("a"), 1 }, { QStringLiteral("b"), Value::list({ 2 }) } }));
    row("dict_collision_keeps_first_key", u"{1: 'a', 1.0: 'b'}", Value(Dict { { 1, QStringLiteral("b") } }));
    row("set", u"{1, 2}", Value::set({ 1, 2 }));
    row("set_collision", u"{True, 1}", Value::set({ true }));
    row("set_call", u"set()", Value::set({}));
    row("frozenset", u"frozenset({2})", Value::frozenSet({ 2 }));
    row("call_spaces", u"frozenset ( [ 1 , ] )", Value::frozenSet({ 1 }));
    row("newlines_in_brackets", u"[\r\n1,\n\n2\n]", Value::list({ 1, 2 }));
    row("comments", u"{ # a dict\n 'k': 1, # one\n}", Value(Dict { { QStringLiteral("k"), 1 } }));
    // Proxies as the explorer and pyroctl print them: the class dict Python Pyro sends.
    const Value none;
    const Value empty = Value::tuple({});
    const QString uri = QStringLiteral("PYRO:listener@127.0.0.1:4567");
    const Value pyro4Proxy(Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro4.core.Proxy") },
                                  { QStringLiteral("state"), Value::tuple({ uri, empty, empty, empty, 0.0, none, QStringLiteral("hello"), 0, none }) } });
    const Value pyro5Proxy(Dict { { QStringLiteral("__class__"), QStringLiteral("Pyro5.client.Proxy") },
                                  { QStringLiteral("state"), Value::tuple({ uri, empty, empty, empty, QStringLiteral("hello"), none }) } });
    row("proxy_pyro4", u"Pyro4.core.Proxy('PYRO:listener@127.0.0.1:4567')", pyro4Proxy);
    row("proxy_short", u"Proxy('PYRO:listener@127.0.0.1:4567')", pyro4Proxy);
    row("proxy_pyro5", u"Pyro5.client.Proxy('PYRO:listener@127.0.0.1:4567')", pyro5Proxy);
    row("proxy_pyro5_api", u"[Pyro5.api.Proxy ('PYRO:listener@127.0.0.1:4567')]", Value::list({ pyro5Proxy }));
}

void tst_LiteralParser::values()
{
    QFETCH(QString, text);
    QFETCH(Value, expected);
    const Result<Value> r = LiteralParser::parse(text);
    QVERIFY2(r.ok(), qPrintable(r.error().message()));
    QCOMPARE(r.value().repr(), expected.repr()); // readable on failure
    QVERIFY(r.value() == expected); // strict: types and -0.0 included
}

void tst_LiteralParser::malformed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qsizetype>("offset");
    QTest::addColumn<QString>("reason");

    const auto row = [](const char *name, const char16_t *text, qsizetype offset, const char *reason) {
        QTest::newRow(name) << QString::fromUtf16(text) << offset << QString::fromUtf8(reason);
    };
    row("empty", u"", 0, "unexpected end of input");
    row("blank", u"  \n ", 4, "unexpected end of input");
    row("unexpected_paren", u"(1, 2))", 6, "unexpected ')'");
    row("unexpected_paren_brief", u"[1, 2, )", 7, "unexpected ')'");
    row("mismatched", u"(1]", 2, "unexpected ']'");
    row("unclosed_list", u"[1, [2]", 0, "'[' was never closed");
    row("unclosed_inner", u"[1, (2", 4, "'(' was never closed");
    row("unclosed_call", u"set(", 0, "'(' was never closed");
    row("unterminated_string", u"[1, 'abc", 4, "unterminated string starting");
    row("unterminated_at_newline", u"'ab\ncd'", 0, "unterminated string starting");
    row("unterminated_triple", u"'''abc''", 0, "unterminated string starting");
    row("unterminated_raw_backslash", u"r'\\'", 0, "unterminated string starting");
    row("unterminated_prefix", u"  b\"x", 2, "unterminated string starting");
    row("double_comma", u"[1,,]", 3, "unexpected ','");
    row("lone_comma", u"(,)", 1, "unexpected ','");
    row("junk_after", u"1 2", 2, "unexpected '2'");
    row("call_on_value", u"(1)(2)", 3, "unexpected '('");
    row("newline_outside_brackets", u"1,\n2", 2, "unexpected newline outside brackets");
    row("unknown_name", u"[true]", 1, "unknown name 'true'");
    row("name_not_called", u"frozenset", 0, "'frozenset' must be called, as in frozenset()");
    row("operator", u"1 * 2", 2, "unexpected '*'");
    row("control_char", u"\x01", 0, "unexpected '\\x01'");
    QTest::newRow("nul") << QString::fromUtf16(u"'a\0'", 4) << qsizetype(2)
                         << QStringLiteral("the text contains a NUL character");
    row("double_sign", u"--1", 0, "a sign can only be applied to a number");
    row("sign_on_bool", u"-True", 0, "a sign can only be applied to a number");
    row("sign_on_tuple", u"-(1,)", 0, "a sign can only be applied to a number");
    row("sign_on_string", u"[+'a']", 1, "a sign can only be applied to a number");
    row("sum_of_reals", u"1+2", 2, "an imaginary number must follow '+'");
    row("sum_signed_imag", u"1+-2j", 2, "an imaginary number must follow '+'");
    row("sum_complex_left", u"1j+2j", 2, "'+' is only allowed between a real and an imaginary number");
    row("sum_chained", u"1+2j+3j", 4, "'+' is only allowed between a real and an imaginary number");
    QTest::newRow("sum_big_left") << QStringLiteral("1%1+1j").arg(QString(400, u'0')) << qsizetype(0)
                                  << QStringLiteral("int too large to convert to float");
    row("leading_zero", u"[07]", 1, "leading zeros in decimal integer literals are not permitted");
    row("trailing_underscore", u"1_", 0, "invalid decimal literal");
    row("double_underscore", u"1__0", 0, "invalid decimal literal");
    row("underscore_before_dot", u"1_.5", 0, "invalid decimal literal");
    row("letter_after_number", u"12abc", 0, "invalid decimal literal");
    row("exponent_without_digits", u"1e+", 0, "invalid decimal literal");
    row("hex_empty", u"0x", 0, "invalid hexadecimal literal");
    row("hex_bad_letter", u"0x1g", 0, "invalid hexadecimal literal");
    row("binary_bad_digit", u"0b102", 4, "invalid digit '2' in binary literal");
    row("octal_bad_digit", u"0o8", 2, "invalid digit '8' in octal literal");
    row("truncated_x", u"'ab\\x4'", 3, "truncated \\xXX escape");
    row("truncated_u", u"'\\u12'", 1, "truncated \\uXXXX escape");
    row("truncated_U", u"'\\U0001F60'", 1, "truncated \\UXXXXXXXX escape");
    row("illegal_U", u"'\\U00110000'", 1, "illegal Unicode character");
    row("named_escape", u"'\\N{BULLET}'", 1, "\\N{...} escapes are not supported");
    row("bytes_non_ascii", u"b'ab\u00e9'", 4, "bytes can only contain ASCII literal characters");
    row("mixed_concat", u"'a' b'b'", 4, "cannot mix bytes and nonbytes literals");
    row("f_string", u"f'x'", 0, "f-strings are not literals");
    row("bad_prefix", u"ub'x'", 0, "invalid string prefix");
    row("unhashable_key", u"{[1]: 2}", 1, "unhashable dict key of type 'list'");
    row("unhashable_member", u"{1, {}}", 4, "unhashable set member of type 'dict'");
    row("unhashable_in_frozenset", u"frozenset([[1]])", 0, "unhashable set member of type 'list'");
    row("dict_missing_colon", u"{1: 2, 3}", 8, "':' expected after dictionary key");
    row("dict_missing_value", u"{1: }", 4, "unexpected '}'");
    row("set_then_colon", u"{1, 2: 3}", 5, "unexpected ':'");
    row("set_call_two_args", u"set([1], [2])", 0, "set() takes at most 1 argument");
    row("set_call_bad_arg", u"set(1)", 0, "set() needs a tuple, list, set or frozenset literal");
    row("bytearray_bad_int", u"bytearray([256])", 0, "bytearray() items must be ints in range(0, 256)");
    row("bytearray_size", u"bytearray(100000000000)", 0, "bytearray() needs a bytes literal or a list of ints");
    row("float_call_bad", u"float('x')", 0, "could not convert string to float: 'x'");
    row("proxy_not_a_uri", u"Proxy('listener')", 0, "Proxy() needs a PYRO:, PYRONAME: or PYROMETA: URI string");
    row("proxy_no_arg", u"Pyro4.core.Proxy()", 0, "Pyro4.core.Proxy() needs a PYRO:, PYRONAME: or PYROMETA: URI string");
    row("dotted_unknown", u"os.system('x')", 0, "unknown name 'os.system'");
}

void tst_LiteralParser::malformed()
{
    QFETCH(QString, text);
    QFETCH(qsizetype, offset);
    QFETCH(QString, reason);
    const Result<Value> r = LiteralParser::parse(text);
    QVERIFY2(!r.ok(), qPrintable(r.ok() ? r.value().repr() : QString()));
    QCOMPARE(r.error().detail(), reason);
    QCOMPARE(r.error().offset(), offset);
    QCOMPARE(r.error().message(), QStringLiteral("%1 at %2").arg(reason).arg(offset));
    QCOMPARE(r.error().code(), Error::Code::SerializeError);
}

void tst_LiteralParser::deepNestingIsAnError()
{
    for (const QChar open : { u'[', u'(', u'{' }) {
        const QString text = QString(100000, open);
        const Result<Value> r = LiteralParser::parse(text);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().detail(), QStringLiteral("nesting deeper than 1000 levels"));
        QCOMPARE(r.error().offset(), 1000);
    }
    // Calls count as nesting too.
    QString calls;
    for (int i = 0; i < 2000; ++i)
        calls += QStringLiteral("set(");
    const Result<Value> r = LiteralParser::parse(calls);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().offset(), 4000);

    // Exactly at the limit is fine.
    const QString ok = QString(1000, u'[') + QString(1000, u']');
    QVERIFY(LiteralParser::parse(ok).ok());
}

void tst_LiteralParser::depthLimitIsConfigurable()
{
    LiteralParser::Options o;
    o.maxDepth = 2;
    QVERIFY(LiteralParser::parse(u"[[1]]", o).ok());
    const Result<Value> r = LiteralParser::parse(u"[[(1,)]]", o);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().offset(), 2);
}

void tst_LiteralParser::intDigitLimit()
{
    QVERIFY(LiteralParser::parse(QString(4300, u'9')).ok());
    const Result<Value> r = LiteralParser::parse(QStringLiteral("[") + QString(4301, u'9') + QStringLiteral("]"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().detail(), QStringLiteral("integer literal has 4301 digits, more than the limit of 4300"));
    QCOMPARE(r.error().offset(), 1);
    LiteralParser::Options o;
    o.maxIntDigits = 5;
    QVERIFY(!LiteralParser::parse(u"123456", o).ok());
    // Floats and power-of-two bases convert in linear time and are not limited.
    QVERIFY(LiteralParser::parse(u"123456.0", o).ok());
    QVERIFY(LiteralParser::parse(QStringLiteral("0x") + QString(20000, u'f'), o).ok());
}

void tst_LiteralParser::errorCodeOption()
{
    LiteralParser::Options o;
    o.errorCode = Error::Code::UsageError;
    const Result<Value> r = LiteralParser::parse(u"[", o);
    QCOMPARE(r.error().code(), Error::Code::UsageError);
    QCOMPARE(r.error().category(), Error::Category::Usage);
}

void tst_LiteralParser::cutAtEveryLength()
{
    // Every prefix of a rich literal either parses or fails cleanly with an offset inside it.
    const QString full = QStringLiteral(
            "{'k': [1, -2.5e-3, (3-4j), b'\\x00', r'\\d', \"\"\"t\"\"\", frozenset({1}), bytearray(b''), None]}");
    for (qsizetype n = 0; n < full.size(); ++n) {
        const Result<Value> r = LiteralParser::parse(QStringView(full).left(n));
        if (!r.ok()) {
            QVERIFY(r.error().offset() >= 0);
            QVERIFY(r.error().offset() <= n);
        }
    }
    QVERIFY(LiteralParser::parse(full).ok());
}

void tst_LiteralParser::randomTokenSoup()
{
    // Deterministic garbage built from the grammar's own pieces: every string must give a
    // value or an error with an offset inside the text, never a crash or a hang.
    static const char16_t *const pieces[] = {
        u"(", u")", u"[", u"]", u"{", u"}", u",", u":", u"-", u"+", u" ", u"\n", u"#", u"\\",
        u"'", u"\"", u"'''", u"b'", u"r'", u"1", u"0", u"0x", u"_", u"1.5", u"e", u"j", u"2j",
        u"inf", u"nan", u"None", u"True", u"set(", u"frozenset(", u"bytearray(", u"float(",
        u"\\x", u"\\u", u"\\U", u"\\N{", u"\u00e9", u"\U0001F600", u"\xff",
    };
    QRandomGenerator rng(20240229);
    for (int round = 0; round < 20000; ++round) {
        QString text;
        const int n = int(rng.bounded(24));
        for (int i = 0; i < n; ++i)
            text += QString::fromUtf16(pieces[rng.bounded(int(std::size(pieces)))]);
        const Result<Value> r = LiteralParser::parse(text);
        if (r.ok()) {
            QVERIFY2(LiteralParser::parse(r.value().repr()).ok(), qPrintable(text));
        } else {
            QVERIFY2(r.error().offset() >= 0 && r.error().offset() <= text.size(), qPrintable(text));
            QVERIFY(!r.error().message().isEmpty());
        }
    }
}

QTEST_GUILESS_MAIN(tst_LiteralParser)
#include "tst_literalparser.moc"
