#include "value/bigint.h"
#include "value/pythontext.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace Pyro;

using Grammar = PythonText::EscapeGrammar;
using Kind = PythonText::Escape::Kind;
using Fault = PythonText::Escape::Fault;

Q_DECLARE_METATYPE(PythonText::EscapeGrammar)
Q_DECLARE_METATYPE(PythonText::Escape::Kind)
Q_DECLARE_METATYPE(PythonText::Escape::Fault)
Q_DECLARE_METATYPE(PythonText::NumberGrammar)
Q_DECLARE_METATYPE(PythonText::Number::Fault)

/*
    The shared Python-text toolkit on its own: hex digits, every escape grammar (the same
    input read as UTF-8 bytes and as UTF-16 must mean the same), repr's escapes, and
    identifiers and keywords compared with Python 3.11 itself over every code point.
*/
class tst_PythonText : public QObject
{
    Q_OBJECT

private slots:
    void hexValue_data();
    void hexValue();
    void escapes_data();
    void escapes();
    void escapeNeverReadsPastEnd();
    void numbers_data();
    void numbers();
    void reprEscape_data();
    void reprEscape();
    void identifiers_data();
    void identifiers();
    void identifierLength();
    void identifierTablesMatchPython();
};

void tst_PythonText::hexValue_data()
{
    QTest::addColumn<uint>("c");
    QTest::addColumn<int>("value");
    QTest::newRow("0") << uint('0') << 0;
    QTest::newRow("9") << uint('9') << 9;
    QTest::newRow("a") << uint('a') << 10;
    QTest::newRow("F") << uint('F') << 15;
    QTest::newRow("g") << uint('g') << -1;
    QTest::newRow("G") << uint('G') << -1;
    QTest::newRow("slash") << uint('/') << -1;
    QTest::newRow("colon") << uint(':') << -1;
    QTest::newRow("at") << uint('@') << -1;
    QTest::newRow("backtick") << uint('`') << -1;
    QTest::newRow("fullwidth_1") << uint(0xFF11) << -1; // Python's int() would take it, escapes do not
    QTest::newRow("a_plus_0x100") << uint('a' + 0x100) << -1;
    QTest::newRow("high_byte") << uint(0xE1) << -1;
    QTest::newRow("high_byte_c1") << uint(0xC1) << -1; // as a char: -63, never "A" + 0x80
}

void tst_PythonText::hexValue()
{
    QFETCH(uint, c);
    QFETCH(int, value);
    QCOMPARE(PythonText::hexValue(char32_t(c)), value);
    if (c < 0x100)
        QCOMPARE(PythonText::hexValue(char(c)), value);
    if (c < 0x10000)
        QCOMPARE(PythonText::hexValue(char16_t(c)), value);
}

void tst_PythonText::escapes_data()
{
    QTest::addColumn<Grammar>("grammar");
    QTest::addColumn<QString>("text"); // starts with the backslash
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<uint>("codePoint");
    QTest::addColumn<int>("length");
    QTest::addColumn<Fault>("fault");

    const auto cp = [](const char *name, Grammar g, const char16_t *text, uint v, int length) {
        QTest::newRow(name) << g << QString::fromUtf16(text) << Kind::CodePoint << v << length << Fault::None;
    };
    const auto other = [](const char *name, Grammar g, const char16_t *text, Kind k, int length, Fault f = Fault::None) {
        QTest::newRow(name) << g << QString::fromUtf16(text) << k << 0u << length << f;
    };

    // Python str
    cp("str_n", Grammar::Str, u"\\n", '\n', 2);
    cp("str_a", Grammar::Str, u"\\a", 7, 2);
    cp("str_v", Grammar::Str, u"\\vx", 11, 2);
    cp("str_quote", Grammar::Str, u"\\'", '\'', 2);
    cp("str_dquote", Grammar::Str, u"\\\"", '"', 2);
    cp("str_backslash", Grammar::Str, u"\\\\", '\\', 2);
    cp("str_octal_1", Grammar::Str, u"\\0", 0, 2);
    cp("str_octal_3", Grammar::Str, u"\\101", 'A', 4);
    cp("str_octal_stops_at_3", Grammar::Str, u"\\1011", 'A', 4);
    cp("str_octal_stops_at_8", Grammar::Str, u"\\18", 1, 2);
    cp("str_octal_777", Grammar::Str, u"\\777", 0777, 4);
    cp("str_x", Grammar::Str, u"\\x41", 'A', 4);
    cp("str_x_upper", Grammar::Str, u"\\xFf", 0xFF, 4);
    cp("str_u", Grammar::Str, u"\\u20ac", 0x20AC, 6);
    cp("str_u_lone_surrogate", Grammar::Str, u"\\ud800", 0xD800, 6);
    cp("str_U", Grammar::Str, u"\\U0001F600", 0x1F600, 10);
    cp("str_U_max", Grammar::Str, u"\\U0010ffff", 0x10FFFF, 10);
    other("str_continuation_lf", Grammar::Str, u"\\\nx", Kind::LineContinuation, 2);
    other("str_continuation_cr", Grammar::Str, u"\\\rx", Kind::LineContinuation, 2);
    other("str_continuation_crlf", Grammar::Str, u"\\\r\nx", Kind::LineContinuation, 3);
    other("str_unknown", Grammar::Str, u"\\q", Kind::Unknown, 1);
    other("str_unknown_8", Grammar::Str, u"\\8", Kind::Unknown, 1);
    other("str_unknown_non_ascii", Grammar::Str, u"\\é", Kind::Unknown, 1);
    other("str_trailing", Grammar::Str, u"\\", Kind::Fault, 1, Fault::Trailing);
    other("str_x_truncated", Grammar::Str, u"\\x4", Kind::Fault, 2, Fault::BadHex);
    other("str_x_bad_digit", Grammar::Str, u"\\x4g", Kind::Fault, 2, Fault::BadHex);
    other("str_x_nothing", Grammar::Str, u"\\x", Kind::Fault, 2, Fault::BadHex);
    other("str_u_truncated", Grammar::Str, u"\\u12", Kind::Fault, 2, Fault::BadHex);
    other("str_u_fullwidth_digit", Grammar::Str, u"\\u123\uFF11", Kind::Fault, 2, Fault::BadHex);
    other("str_U_truncated", Grammar::Str, u"\\U0001F60", Kind::Fault, 2, Fault::BadHex);
    other("str_U_out_of_range", Grammar::Str, u"\\U00110000", Kind::Fault, 10, Fault::OutOfRange);
    other("str_U_ffffffff", Grammar::Str, u"\\Uffffffff", Kind::Fault, 10, Fault::OutOfRange);
    other("str_N", Grammar::Str, u"\\N{DASH}", Kind::Fault, 2, Fault::NamedEscape);

    // Python bytes
    cp("bytes_x", Grammar::Bytes, u"\\xff", 0xFF, 4);
    cp("bytes_octal_masked", Grammar::Bytes, u"\\777", 0xFF, 4);
    cp("bytes_octal_400", Grammar::Bytes, u"\\400", 0, 4);
    other("bytes_u_unknown", Grammar::Bytes, u"\\u20ac", Kind::Unknown, 1);
    other("bytes_U_unknown", Grammar::Bytes, u"\\U0001F600", Kind::Unknown, 1);
    other("bytes_N_unknown", Grammar::Bytes, u"\\N{DASH}", Kind::Unknown, 1);
    other("bytes_continuation_crlf", Grammar::Bytes, u"\\\r\n", Kind::LineContinuation, 3);

    // codecs.escape_decode
    cp("escdec_x", Grammar::EscapeDecode, u"\\x00", 0, 4);
    cp("escdec_octal", Grammar::EscapeDecode, u"\\0777", 077, 4);
    other("escdec_lf", Grammar::EscapeDecode, u"\\\n", Kind::LineContinuation, 2);
    other("escdec_cr_unknown", Grammar::EscapeDecode, u"\\\r\n", Kind::Unknown, 1);
    other("escdec_x_short", Grammar::EscapeDecode, u"\\x1", Kind::Fault, 2, Fault::BadHex);

    // raw-unicode-escape
    cp("raw_u", Grammar::RawUnicode, u"\\u00e9", 0xE9, 6);
    cp("raw_U", Grammar::RawUnicode, u"\\U0001f600x", 0x1F600, 10);
    cp("raw_u_surrogate", Grammar::RawUnicode, u"\\udfff", 0xDFFF, 6);
    other("raw_n_unknown", Grammar::RawUnicode, u"\\n", Kind::Unknown, 1);
    other("raw_x_unknown", Grammar::RawUnicode, u"\\x41", Kind::Unknown, 1);
    other("raw_backslash_unknown", Grammar::RawUnicode, u"\\\\", Kind::Unknown, 1);
    other("raw_u_truncated", Grammar::RawUnicode, u"\\u00e", Kind::Fault, 2, Fault::BadHex);
    other("raw_U_out_of_range", Grammar::RawUnicode, u"\\U00200000", Kind::Fault, 10, Fault::OutOfRange);
    other("raw_trailing", Grammar::RawUnicode, u"\\", Kind::Fault, 1, Fault::Trailing);

    // json
    cp("json_slash", Grammar::Json, u"\\/", '/', 2);
    cp("json_b", Grammar::Json, u"\\b", 8, 2);
    cp("json_u", Grammar::Json, u"\\u00E9", 0xE9, 6);
    cp("json_pair", Grammar::Json, u"\\ud83d\\ude00", 0x1F600, 12);
    cp("json_pair_upper", Grammar::Json, u"\\uD83D\\uDE00", 0x1F600, 12);
    cp("json_lone_high", Grammar::Json, u"\\ud83d", 0xD83D, 6);
    cp("json_lone_high_then_text", Grammar::Json, u"\\ud83dx", 0xD83D, 6);
    cp("json_high_high", Grammar::Json, u"\\ud83d\\ud83d", 0xD83D, 6);
    cp("json_high_then_bmp", Grammar::Json, u"\\ud83d\\u0041", 0xD83D, 6);
    cp("json_high_then_short_low", Grammar::Json, u"\\ud83d\\ude0", 0xD83D, 6);
    cp("json_high_then_n", Grammar::Json, u"\\ud83d\\n", 0xD83D, 6);
    cp("json_lone_low", Grammar::Json, u"\\ude00", 0xDE00, 6);
    other("json_no_x", Grammar::Json, u"\\x41", Kind::Fault, 2, Fault::Invalid);
    other("json_no_a", Grammar::Json, u"\\a", Kind::Fault, 2, Fault::Invalid);
    other("json_no_quote", Grammar::Json, u"\\'", Kind::Fault, 2, Fault::Invalid);
    other("json_no_continuation", Grammar::Json, u"\\\n", Kind::Fault, 2, Fault::Invalid);
    other("json_u_short", Grammar::Json, u"\\u12", Kind::Fault, 2, Fault::BadHex);
    other("json_u_bad", Grammar::Json, u"\\u12x4", Kind::Fault, 2, Fault::BadHex);
    other("json_trailing", Grammar::Json, u"\\", Kind::Fault, 1, Fault::Trailing);
}

void tst_PythonText::escapes()
{
    QFETCH(Grammar, grammar);
    QFETCH(QString, text);
    QFETCH(Kind, kind);
    QFETCH(uint, codePoint);
    QFETCH(int, length);
    QFETCH(Fault, fault);

    // UTF-16
    const char16_t *u = reinterpret_cast<const char16_t *>(text.utf16());
    const PythonText::Escape e = PythonText::decodeEscape(u, u + text.size(), grammar);
    QCOMPARE(e.kind, kind);
    QCOMPARE(e.fault, fault);
    QCOMPARE(e.length, length);
    if (kind == Kind::CodePoint)
        QCOMPARE(uint(e.codePoint), codePoint);

    // The same escape in UTF-8 bytes: the escapes are ASCII, so lengths agree.
    const QByteArray utf8 = text.toUtf8();
    const PythonText::Escape b = PythonText::decodeEscape(utf8.constData(), utf8.constData() + utf8.size(), grammar);
    QCOMPARE(b.kind, kind);
    QCOMPARE(b.fault, fault);
    QCOMPARE(b.length, length);
    QCOMPARE(uint(b.codePoint), uint(e.codePoint));
}

void tst_PythonText::escapeNeverReadsPastEnd()
{
    // Every prefix of every long escape, cut short: a fault or a shorter reading, and the
    // length never reaches past the cut (ASan/valgrind see the rest).
    const char *const texts[] = { "\\U0001F600", "\\ud83d\\ude00", "\\x41", "\\777", "\\\r\n", "\\N{X}" };
    const Grammar grammars[] = { Grammar::Str, Grammar::Bytes, Grammar::EscapeDecode, Grammar::RawUnicode, Grammar::Json };
    for (const char *t : texts) {
        const QByteArray full(t);
        for (qsizetype n = 1; n <= full.size(); ++n) {
            const QByteArray cut = full.left(n); // a copy of exactly n bytes
            for (Grammar g : grammars) {
                const PythonText::Escape e = PythonText::decodeEscape(cut.constData(), cut.constData() + n, g);
                QVERIFY2(e.length >= 1 && e.length <= n, qPrintable(QStringLiteral("%1 cut at %2").arg(QLatin1String(t)).arg(n)));
            }
        }
    }
}

void tst_PythonText::numbers_data()
{
    using NFault = PythonText::Number::Fault;
    QTest::addColumn<PythonText::NumberGrammar>("grammar");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("length");
    QTest::addColumn<NFault>("fault");
    QTest::addColumn<int>("faultAt");
    QTest::addColumn<Value>("value"); // None: the value is too long an int

    const auto py = [](const char *name, const QString &text, int length, const Value &v) {
        QTest::newRow(name) << PythonText::NumberGrammar::Python << text << length << NFault::None << 0 << v;
    };
    const auto bad = [](const char *name, const QString &text, NFault f, int at = 0) {
        QTest::newRow(name) << PythonText::NumberGrammar::Python << text << -1 << f << at << Value();
    };
    const auto json = [](const char *name, const QString &text, int length, const Value &v) {
        QTest::newRow(name) << PythonText::NumberGrammar::Json << text << length << NFault::None << 0 << v;
    };
    const auto s = [](const char *t) { return QString::fromLatin1(t); };

    py("zero", s("0"), 1, Value(0));
    py("zeros", s("00"), 2, Value(0));
    py("zero_underscore_zero", s("0_0"), 3, Value(0));
    py("int", s("42,"), 2, Value(42));
    py("underscores", s("1_000_000"), 9, Value(1000000));
    py("int64_max", s("9223372036854775807"), 19, Value(std::numeric_limits<qint64>::max()));
    py("beyond_int64", s("9223372036854775808"), 19, Value(*BigInt::fromString(u"9223372036854775808")));
    py("float", s("1.5"), 3, Value(1.5));
    py("float_point_only", s("1."), 2, Value(1.0));
    py("float_no_int", s(".5)"), 2, Value(0.5));
    py("float_exp", s("1e3"), 3, Value(1000.0));
    py("float_exp_upper_neg", s("25E-1"), 5, Value(2.5));
    py("float_underscores", s("1_0.2_5e0_1"), 11, Value(102.5));
    py("float_overflow", s("1e99999999999999999999"), 22, Value(std::numeric_limits<double>::infinity()));
    py("float_underflow", s("1e-99999999999999999999"), 23, Value(0.0));
    py("zero_huge_exp", s("0e99999999999"), 13, Value(0.0));
    py("float_400_digits", QString(400, u'9') + s(".0"), 402, Value(std::numeric_limits<double>::infinity()));
    py("imaginary", s("2j"), 2, Value(Complex(0, 2)));
    py("imaginary_float", s("1.5J"), 4, Value(Complex(0, 1.5)));
    py("imaginary_exp", s("1e2j"), 4, Value(Complex(0, 100)));
    py("hex", s("0x1F"), 4, Value(31));
    py("hex_leading_underscore", s("0X_1f"), 5, Value(31));
    py("octal", s("0o17"), 4, Value(15));
    py("binary", s("0b1_01"), 6, Value(5));
    py("hex_beyond_int64", s("0x1_0000_0000_0000_0000"), 23, Value(*BigInt::fromString(u"18446744073709551616")));
    py("octal_odd_bits", s("0o7777777777777777777777"), 24, Value(*BigInt::fromString(u"73786976294838206463"))); // 66 bits: digits across limbs
    py("int_then_space", s("7 "), 1, Value(7));
    bad("leading_zeros", s("07"), NFault::LeadingZeros);
    bad("leading_zeros_underscore", s("0_7"), NFault::LeadingZeros);
    bad("double_underscore", s("1__0"), NFault::InvalidLiteral);
    bad("trailing_underscore", s("1_"), NFault::InvalidLiteral);
    bad("underscore_before_point", s("1_.5"), NFault::InvalidLiteral);
    bad("underscore_after_point", s("1._5"), NFault::InvalidLiteral);
    bad("underscore_after_e", s("1e_5"), NFault::InvalidLiteral);
    bad("e_alone", s("1e"), NFault::InvalidLiteral);
    bad("e_sign_alone", s("1e+"), NFault::InvalidLiteral);
    bad("letters_after", s("12abc"), NFault::InvalidLiteral);
    bad("non_ascii_after", QString::fromUtf16(u"1é"), NFault::InvalidLiteral);
    bad("second_point", s("1.2.3"), NFault::InvalidLiteral);
    bad("j_then_letter", s("2jx"), NFault::InvalidLiteral);
    bad("hex_empty", s("0x"), NFault::InvalidLiteral);
    bad("hex_underscore_only", s("0x_"), NFault::InvalidLiteral);
    bad("hex_double_underscore", s("0x1__f"), NFault::InvalidLiteral);
    bad("hex_bad_letter", s("0xg"), NFault::InvalidLiteral);
    bad("hex_point", s("0x1."), NFault::InvalidLiteral);
    bad("binary_digit_2", s("0b102"), NFault::InvalidDigit, 4);
    bad("octal_digit_8", s("0o8"), NFault::InvalidDigit, 2);
    bad("binary_letter", s("0b1a"), NFault::InvalidLiteral);

    // Huge digit runs: power-of-two bases have no digit limit (linear), decimal ints do.
    py("hex_100000_digits", s("0x") + QString(100000, u'f'), 100002, Value());
    py("decimal_5000_digits", s("1") + QString(4999, u'0'), 5000, Value());
    py("decimal_5000_zeros", QString(5000, u'0'), 5000, Value(0));

    json("json_int", s("123,"), 3, Value(123));
    json("json_negative", s("-5]"), 2, Value(-5));
    json("json_negative_zero_int", s("-0"), 2, Value(0));
    json("json_negative_zero_float", s("-0.0"), 4, Value(-0.0));
    json("json_leading_zero_stops", s("01"), 1, Value(0));
    json("json_point_without_digits_stops", s("1.e5"), 1, Value(1));
    json("json_e_without_digits_stops", s("1e"), 1, Value(1));
    json("json_exp", s("1E+2"), 4, Value(100.0));
    json("json_frac_exp", s("-2.5e-1"), 7, Value(-0.25));
    json("json_no_underscores", s("1_0"), 1, Value(1));
    json("json_overflow", s("1e400"), 5, Value(std::numeric_limits<double>::infinity()));
    json("json_big", s("-123456789012345678901234567890"), 31, Value(*BigInt::fromString(u"-123456789012345678901234567890")));
}

void tst_PythonText::numbers()
{
    QFETCH(PythonText::NumberGrammar, grammar);
    QFETCH(QString, text);
    QFETCH(int, length);
    QFETCH(PythonText::Number::Fault, fault);
    QFETCH(int, faultAt);
    QFETCH(Value, value);

    const QByteArray utf8 = text.toUtf8();
    const char16_t *u = reinterpret_cast<const char16_t *>(text.utf16());
    const PythonText::Number n16 = PythonText::scanNumber(u, u + text.size(), grammar);
    const PythonText::Number n8 = PythonText::scanNumber(utf8.constData(), utf8.constData() + utf8.size(), grammar);
    QCOMPARE(n16.fault, fault);
    QCOMPARE(n8.fault, fault);
    if (fault != PythonText::Number::Fault::None) {
        QCOMPARE(n16.faultAt, qsizetype(faultAt));
        QVERIFY(!PythonText::numberFaultText(n16, text.at(n16.faultAt)).isEmpty());
        return;
    }
    QCOMPARE(n16.length, qsizetype(length));
    QCOMPARE(n8.length, qsizetype(length)); // a number is ASCII

    Value v16, v8;
    const bool ok16 = PythonText::numberValue(u, n16, 4300, v16);
    const bool ok8 = PythonText::numberValue(utf8.constData(), n8, 4300, v8);
    QCOMPARE(ok16, ok8);
    if (qstrcmp(QTest::currentDataTag(), "hex_100000_digits") == 0) {
        QVERIFY(ok16);
        QCOMPARE(v16.toBigInt().bitLength(), qsizetype(400000));
        QVERIFY(v16 == v8);
        return;
    }
    if (value.isNone()) { // a decimal int beyond the limit
        QVERIFY(!ok16);
        return;
    }
    QVERIFY(ok16);
    QCOMPARE(v16.type(), value.type());
    QCOMPARE(v8.type(), value.type());
    QVERIFY2(v16 == value || (value.isFloat() && std::signbit(value.toDouble()) == std::signbit(v16.toDouble())
                              && v16.toDouble() == value.toDouble()),
             qPrintable(v16.repr()));
    QVERIFY2(v8 == value, qPrintable(v8.repr()));
    if (value.isFloat())
        QCOMPARE(std::signbit(v16.toDouble()), std::signbit(value.toDouble()));
}

void tst_PythonText::reprEscape_data()
{
    QTest::addColumn<uint>("codePoint");
    QTest::addColumn<QString>("quote");
    QTest::addColumn<QString>("escaped"); // empty: written as it is

    const auto row = [](const char *name, uint cp, char quote, const char *escaped) {
        QTest::newRow(name) << cp << QString(QLatin1Char(quote)) << QString::fromLatin1(escaped);
    };
    row("letter", 'a', '\'', "");
    row("space", ' ', '\'', "");
    row("tilde", '~', '\'', "");
    row("quote", '\'', '\'', "\\'");
    row("other_quote", '"', '\'', "");
    row("dquote", '"', '"', "\\\"");
    row("backslash", '\\', '\'', "\\\\");
    row("tab", '\t', '\'', "\\t");
    row("newline", '\n', '\'', "\\n");
    row("cr", '\r', '\'', "\\r");
    row("nul", 0, '\'', "\\x00");
    row("esc", 0x1b, '\'', "\\x1b");
    row("del", 0x7f, '\'', "\\x7f");
    row("c1", 0x85, '\'', "\\x85");
    row("nbsp", 0xa0, '\'', "\\xa0");
    row("e_acute", 0xe9, '\'', "");
    row("euro", 0x20ac, '\'', "");
    row("line_separator", 0x2028, '\'', "\\u2028");
    row("zero_width_space", 0x200b, '\'', "\\u200b");
    row("lone_surrogate", 0xd800, '\'', "\\ud800");
    row("private_use", 0xe000, '\'', "\\ue000");
    row("unassigned", 0x0378, '\'', "\\u0378");
    row("emoji", 0x1f600, '\'', "");
    row("plane_15", 0xf0000, '\'', "\\U000f0000");
    row("max", 0x10ffff, '\'', "\\U0010ffff");
}

void tst_PythonText::reprEscape()
{
    QFETCH(uint, codePoint);
    QFETCH(QString, quote);
    QFETCH(QString, escaped);
    char out[10];
    const int n = PythonText::reprEscape(char32_t(codePoint), char(quote.at(0).unicode()), out);
    QCOMPARE(QString::fromLatin1(out, n), escaped);
}

void tst_PythonText::identifiers_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("identifier");
    QTest::addColumn<bool>("keyword");
    QTest::addColumn<bool>("sourceName");

    const auto row = [](const char *name, const char16_t *text, bool id, bool kw, bool source) {
        QTest::newRow(name) << QString::fromUtf16(text) << id << kw << source;
    };
    row("empty", u"", false, false, false);
    row("plain", u"status", true, false, true);
    row("underscore", u"_", true, false, true);
    row("dunder", u"__init__", true, false, true);
    row("digits_after", u"a1", true, false, true);
    row("digit_first", u"1a", false, false, false);
    row("dash", u"a-b", false, false, false);
    row("dot", u"a.b", false, false, false);
    row("space", u"a b", false, false, false);
    row("keyword_class", u"class", true, true, false);
    row("keyword_None", u"None", true, true, false);
    row("keyword_await", u"await", true, true, false);
    row("soft_keyword_match", u"match", true, false, true);
    row("not_keyword_none", u"none", true, false, true);
    row("non_ascii", u"café", true, false, true);
    row("greek", u"λ", true, false, true);
    row("cjk", u"数据", true, false, true);
    row("astral_letter", u"\U0001D465", true, false, false); // mathematical italic x: NFKC makes it "x"
    row("ligature_fi", u"\uFB01le", true, false, false); // NFKC: "file"
    row("superscript_two", u"x\u00B2", false, false, false);
    row("superscript_first", u"\u00B2", false, false, false);
    row("middle_dot_continue", u"a\u00B7b", true, false, true);
    row("middle_dot_start", u"\u00B7b", false, false, false);
    row("combining_mark_first", u"\u0301a", false, false, false);
    row("combining_mark_after", u"e\u0301", true, false, false); // NFKC composes it to é
    row("arabic_digit_after", u"x\u0663", true, false, true);
    row("fullwidth_digit_first", u"\uFF11", false, false, false);
    row("lone_surrogate", u"a\xD800", false, false, false);
    row("emoji", u"\U0001F600", false, false, false);
    row("other_id_start", u"\u2118", true, false, true);
    row("nfkc_excluded_start", u"\u037A", false, false, false);
}

void tst_PythonText::identifiers()
{
    QFETCH(QString, text);
    QFETCH(bool, identifier);
    QFETCH(bool, keyword);
    QFETCH(bool, sourceName);
    QCOMPARE(PythonText::isIdentifier(text), identifier);
    QCOMPARE(PythonText::isKeyword(text), keyword);
    QCOMPARE(PythonText::isSourceName(text), sourceName);
}

void tst_PythonText::identifierLength()
{
    QCOMPARE(PythonText::identifierLength(u"name = 1"), 4);
    QCOMPARE(PythonText::identifierLength(u"  x", 2), 1);
    QCOMPARE(PythonText::identifierLength(u"1x"), 0);
    QCOMPARE(PythonText::identifierLength(u"x\U0001D465y"), 4); // the pair counts as two units
    QCOMPARE(PythonText::identifierLength(u"ab", 2), 0);
    QCOMPARE(PythonText::identifierLength(QStringView()), 0);
}

void tst_PythonText::identifierTablesMatchPython()
{
    // Python prints the ranges of code points that may start and continue an identifier;
    // both sides must agree on every one of the 0x110000 code points.
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 { QStringLiteral("-c"),
                   QStringLiteral("import sys\n"
                                  "for name, test in (('start', lambda c: c.isidentifier()), ('continue', lambda c: ('a' + c).isidentifier())):\n"
                                  "    lo = None\n"
                                  "    for i in range(0x110001):\n"
                                  "        ok = i < 0x110000 and test(chr(i))\n"
                                  "        if ok and lo is None: lo = i\n"
                                  "        if not ok and lo is not None:\n"
                                  "            print(name, hex(lo), hex(i - 1)); lo = None\n") });
    QVERIFY2(python.waitForFinished(60000), "python3 did not finish");
    QCOMPARE(python.exitCode(), 0);
    const QString expected = QString::fromLatin1(python.readAllStandardOutput());

    QString actual;
    const auto ranges = [&actual](const char *name, bool (*test)(char32_t)) {
        qint64 lo = -1;
        for (char32_t i = 0; i <= 0x110000; ++i) {
            const bool ok = i < 0x110000 && test(i);
            if (ok && lo < 0)
                lo = i;
            if (!ok && lo >= 0) {
                actual += QStringLiteral("%1 0x%2 0x%3\n").arg(QLatin1String(name)).arg(lo, 0, 16).arg(qint64(i) - 1, 0, 16);
                lo = -1;
            }
        }
    };
    ranges("start", &PythonText::isIdentifierStart);
    ranges("continue", &PythonText::isIdentifierContinue);
    if (actual != expected) {
        const QStringList a = actual.split(u'\n'), e = expected.split(u'\n');
        for (qsizetype i = 0; i < qMin(a.size(), e.size()); ++i)
            QVERIFY2(a.at(i) == e.at(i), qPrintable(QStringLiteral("ours: %1, Python: %2").arg(a.at(i), e.at(i))));
        QCOMPARE(a.size(), e.size());
    }
}

QTEST_GUILESS_MAIN(tst_PythonText)
#include "tst_pythontext.moc"
