#include "value/reprwriter.h"

#include "value/floatformat.h"
#include "value/pythontext.h"
#include "value/textcodec.h"

#include <QChar>

#include <cmath>

namespace Pyro {

namespace {

// repr(float) without the ".0" that marks integral values: the 'r' format without
// Py_DTSF_ADD_DOT_0, as complex_repr uses it for both parts.
QString complexPart(double value)
{
    QByteArray text = pythonFloatRepr(value);
    if (text.endsWith(".0"))
        text.chop(2);
    return QString::fromLatin1(text);
}

class Writer
{
public:
    explicit Writer(const ReprWriter::Options &options) : m_options(options) { }

    bool full() const { return m_options.maxLength >= 0 && m_out.size() > m_options.maxLength; }

    void write(const Value &v)
    {
        if (full())
            return;
        switch (v.type()) {
        case Value::Type::None:
            m_out += QLatin1String("None");
            return;
        case Value::Type::Bool:
            m_out += v.toBool() ? QLatin1String("True") : QLatin1String("False");
            return;
        case Value::Type::Int:
            if (v.isBigInt())
                m_out += v.toBigInt().toString();
            else
                m_out += QString::number(v.toInt64());
            return;
        case Value::Type::Float:
            m_out += QLatin1String(pythonFloatRepr(v.toDouble()));
            return;
        case Value::Type::Complex:
            m_out += ReprWriter::complexRepr(v.toComplex());
            return;
        case Value::Type::Str:
            m_out += ReprWriter::str(v.toStr());
            return;
        case Value::Type::Bytes:
            m_out += ReprWriter::bytes(v.toBytes());
            return;
        case Value::Type::ByteArray:
            m_out += QLatin1String("bytearray(");
            m_out += ReprWriter::bytes(v.toBytes());
            m_out += QLatin1Char(')');
            return;
        case Value::Type::Tuple:
            m_out += QLatin1Char('(');
            writeItems(v.items());
            if (v.items().size() == 1)
                m_out += QLatin1Char(',');
            m_out += QLatin1Char(')');
            return;
        case Value::Type::List:
            m_out += QLatin1Char('[');
            writeItems(v.items());
            m_out += QLatin1Char(']');
            return;
        case Value::Type::Dict: {
            m_out += QLatin1Char('{');
            bool first = true;
            for (const auto &[key, value] : v.toDict().items()) {
                if (full())
                    return;
                if (!first)
                    m_out += QLatin1String(", ");
                first = false;
                write(key);
                m_out += QLatin1String(": ");
                write(value);
            }
            m_out += QLatin1Char('}');
            return;
        }
        case Value::Type::Set:
            if (v.items().isEmpty()) {
                m_out += QLatin1String("set()");
                return;
            }
            m_out += QLatin1Char('{');
            writeItems(v.items());
            m_out += QLatin1Char('}');
            return;
        case Value::Type::FrozenSet:
            if (v.items().isEmpty()) {
                m_out += QLatin1String("frozenset()");
                return;
            }
            m_out += QLatin1String("frozenset({");
            writeItems(v.items());
            m_out += QLatin1String("})");
            return;
        }
    }

    QString result()
    {
        if (full()) {
            m_out.truncate(m_options.maxLength);
            m_out += QLatin1String("...");
        }
        return m_out;
    }

private:
    void writeItems(const ValueList &items)
    {
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (full())
                return;
            if (i)
                m_out += QLatin1String(", ");
            write(items[i]);
        }
    }

    const ReprWriter::Options &m_options;
    QString m_out;
};

} // namespace

bool ReprWriter::isPrintable(char32_t cp)
{
    return TextCodec::isPrintable(cp);
}

QString ReprWriter::str(QStringView text)
{
    // Python's unicode_repr: single quotes unless the text has ' and no ".
    const char quote = PythonText::reprQuote(text);
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char(quote);
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t cp = text[i].unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(text[i], text[i + 1]);
            ++i;
        }
        char escaped[10];
        if (const int n = PythonText::reprEscape(cp, quote, escaped)) {
            out += QLatin1StringView(escaped, n);
        } else if (cp > 0xffff) {
            out += QChar(QChar::highSurrogate(cp));
            out += QChar(QChar::lowSurrogate(cp));
        } else {
            out += QChar(char16_t(cp));
        }
    }
    out += QLatin1Char(quote);
    return out;
}

QString ReprWriter::bytes(QByteArrayView data)
{
    const char quote = PythonText::reprQuote(data);
    QString out;
    out.reserve(data.size() + 3);
    out += QLatin1String("b");
    out += QLatin1Char(quote);
    for (const char c : data) {
        const quint8 b = quint8(c);
        char escaped[10];
        if (b >= 0x80) { // no byte above ASCII is printable in bytes
            const char hex[4] = { '\\', 'x', PythonText::HexDigits[b >> 4], PythonText::HexDigits[b & 15] };
            out += QLatin1StringView(hex, 4);
        } else if (const int n = PythonText::reprEscape(b, quote, escaped)) {
            out += QLatin1StringView(escaped, n);
        } else {
            out += QLatin1Char(c);
        }
    }
    out += QLatin1Char(quote);
    return out;
}

QString ReprWriter::floatRepr(double value)
{
    return QString::fromLatin1(pythonFloatRepr(value));
}

QString ReprWriter::complexRepr(Complex value)
{
    // CPython's complex_repr: a real part of +0.0 is left out together with the parentheses;
    // otherwise "(re±imj)" where the imaginary part always carries a sign (nan gets '+').
    const double re = value.real(), im = value.imag();
    QString imText = complexPart(im);
    if (re == 0.0 && !std::signbit(re))
        return imText + QLatin1Char('j');
    if (!imText.startsWith(u'-'))
        imText.prepend(u'+');
    return QLatin1Char('(') + complexPart(re) + imText + QLatin1String("j)");
}

QString ReprWriter::write(const Value &value, const Options &options)
{
    Writer w(options);
    w.write(value);
    return w.result();
}

QString ReprWriter::write(const Value &value)
{
    return write(value, Options());
}

QString Value::repr() const
{
    return ReprWriter::write(*this);
}

} // namespace Pyro
