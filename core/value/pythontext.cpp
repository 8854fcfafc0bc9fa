#include "value/pythontext.h"

#include "value/textcodec.h"

#include <QChar>

#include <algorithm>
#include <iterator>

namespace Pyro {

namespace {

// Where Python's XID_Start / XID_Continue differ from the general categories they are
// built from (Unicode 14, Python 3.11; tst_pythontext compares every code point with Python).
// Other_ID_Start and Other_ID_Continue add a few; NFKC closure removes a few.
constexpr char32_t NotXidStart[] = { 0x037A, 0x0E33, 0x0EB3, 0x2E2F, 0xFC5E, 0xFC5F, 0xFC60, 0xFC61, 0xFC62,
                                     0xFC63, 0xFDFA, 0xFDFB, 0xFE70, 0xFE72, 0xFE74, 0xFE76, 0xFE78, 0xFE7A,
                                     0xFE7C, 0xFE7E, 0xFF9E, 0xFF9F };
constexpr char32_t NotXidContinue[] = { 0x037A, 0x2E2F, 0xFC5E, 0xFC5F, 0xFC60, 0xFC61, 0xFC62, 0xFC63, 0xFDFA,
                                        0xFDFB, 0xFE70, 0xFE72, 0xFE74, 0xFE76, 0xFE78, 0xFE7A, 0xFE7C, 0xFE7E };
constexpr char32_t OtherIdStart[] = { 0x1885, 0x1886, 0x2118, 0x212E };
constexpr char32_t OtherIdContinue[] = { 0x00B7, 0x0387, 0x1369, 0x136A, 0x136B, 0x136C, 0x136D,
                                         0x136E, 0x136F, 0x1370, 0x1371, 0x19DA, 0x2118, 0x212E };

template<size_t N>
bool listed(const char32_t (&list)[N], char32_t cp)
{
    return std::binary_search(std::begin(list), std::end(list), cp);
}

bool isStartCategory(QChar::Category category)
{
    switch (category) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_Letter:
        return true;
    default:
        return false;
    }
}

// Python 3.11's keyword.kwlist, sorted.
constexpr const char16_t *Keywords[] = { u"False", u"None", u"True", u"and", u"as", u"assert", u"async",
                                         u"await", u"break", u"class", u"continue", u"def", u"del", u"elif",
                                         u"else", u"except", u"finally", u"for", u"from", u"global", u"if",
                                         u"import", u"in", u"is", u"lambda", u"nonlocal", u"not", u"or",
                                         u"pass", u"raise", u"return", u"try", u"while", u"with", u"yield" };

// The code point at text[i] and how many units it takes (a lone surrogate is itself).
char32_t codePointAt(QStringView text, qsizetype i, int &units)
{
    const char16_t c = text[i].unicode();
    if (QChar::isHighSurrogate(c) && i + 1 < text.size() && QChar::isLowSurrogate(text[i + 1].unicode())) {
        units = 2;
        return QChar::surrogateToUcs4(c, text[i + 1].unicode());
    }
    units = 1;
    return c;
}

} // namespace

QString PythonText::escapeFaultText(const Escape &escape)
{
    switch (escape.fault) {
    case Escape::Fault::BadHex:
        return escape.hexDigits == 2   ? QStringLiteral("truncated \\xXX escape")
               : escape.hexDigits == 4 ? QStringLiteral("truncated \\uXXXX escape")
                                       : QStringLiteral("truncated \\UXXXXXXXX escape");
    case Escape::Fault::OutOfRange:
        return QStringLiteral("illegal Unicode character");
    case Escape::Fault::NamedEscape:
        return QStringLiteral("\\N{...} escapes are not supported");
    case Escape::Fault::Trailing:
        return QStringLiteral("trailing \\ in string");
    case Escape::Fault::Invalid:
        return QStringLiteral("invalid \\escape");
    case Escape::Fault::None:
        break;
    }
    return QString();
}

QString PythonText::numberFaultText(const Number &number, QChar digit)
{
    const QString kind = number.base == 16 ? QStringLiteral("hexadecimal")
                         : number.base == 8 ? QStringLiteral("octal")
                         : number.base == 2 ? QStringLiteral("binary")
                                            : QStringLiteral("decimal");
    switch (number.fault) {
    case Number::Fault::InvalidLiteral:
        return QStringLiteral("invalid %1 literal").arg(kind);
    case Number::Fault::InvalidDigit:
        return QStringLiteral("invalid digit '%1' in %2 literal").arg(digit).arg(kind);
    case Number::Fault::LeadingZeros:
        return QStringLiteral("leading zeros in decimal integer literals are not permitted");
    case Number::Fault::None:
        break;
    }
    return QString();
}

int PythonText::reprEscape(char32_t cp, char quote, char *out)
{
    if (cp < 0x7f && cp >= 0x20 && cp != char32_t(quote) && cp != U'\\')
        return 0;
    out[0] = '\\';
    switch (cp) {
    case U'\t': out[1] = 't'; return 2;
    case U'\n': out[1] = 'n'; return 2;
    case U'\r': out[1] = 'r'; return 2;
    case U'\\': out[1] = '\\'; return 2;
    default: break;
    }
    if (cp == char32_t(quote)) {
        out[1] = quote;
        return 2;
    }
    if (cp >= 0x80 && TextCodec::isPrintable(cp))
        return 0;
    int digits;
    if (cp <= 0xFF) {
        out[1] = 'x';
        digits = 2;
    } else if (cp <= 0xFFFF) {
        out[1] = 'u';
        digits = 4;
    } else {
        out[1] = 'U';
        digits = 8;
    }
    for (int k = 0; k < digits; ++k)
        out[2 + k] = HexDigits[(cp >> (4 * (digits - 1 - k))) & 15];
    return 2 + digits;
}

bool PythonText::isIdentifierStart(char32_t cp)
{
    if (cp < 0x80)
        return (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z') || cp == U'_';
    if (cp > 0x10FFFF)
        return false;
    if (isStartCategory(QChar::category(cp)))
        return !listed(NotXidStart, cp);
    return listed(OtherIdStart, cp);
}

bool PythonText::isIdentifierContinue(char32_t cp)
{
    if (cp < 0x80)
        return (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z') || (cp >= U'0' && cp <= U'9') || cp == U'_';
    if (cp > 0x10FFFF)
        return false;
    const QChar::Category category = QChar::category(cp);
    switch (category) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Number_DecimalDigit:
    case QChar::Punctuation_Connector:
        return !listed(NotXidContinue, cp);
    default:
        if (isStartCategory(category))
            return !listed(NotXidContinue, cp);
        return listed(OtherIdContinue, cp);
    }
}

qsizetype PythonText::identifierLength(QStringView text, qsizetype from)
{
    qsizetype i = from;
    while (i < text.size()) {
        int units;
        const char32_t cp = codePointAt(text, i, units);
        if (!(i == from ? isIdentifierStart(cp) : isIdentifierContinue(cp)))
            break;
        i += units;
    }
    return i - from;
}

bool PythonText::isIdentifier(QStringView text)
{
    return !text.isEmpty() && identifierLength(text) == text.size();
}

bool PythonText::isKeyword(QStringView text)
{
    if (text.size() < 2 || text.size() > 8)
        return false;
    return std::binary_search(std::begin(Keywords), std::end(Keywords), text,
                              [](QStringView a, QStringView b) { return a.compare(b) < 0; });
}

bool PythonText::isSourceName(QStringView text)
{
    if (!isIdentifier(text) || isKeyword(text))
        return false;
    for (const QChar c : text) {
        if (c.unicode() >= 0x80)
            return text.toString().normalized(QString::NormalizationForm_KC) == text;
    }
    return true;
}

} // namespace Pyro
