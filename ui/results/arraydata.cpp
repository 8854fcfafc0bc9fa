#include "results/arraydata.h"

#include "value/inertobjects.h"

#include <QCoreApplication>
#include <QtEndian>

#include <cstring>

namespace Pyro::Ui {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ArrayData)
};

Error bad(const QString &message)
{
    return Error(Error::Code::SerializeError, message);
}

struct DType
{
    ArrayData::Kind kind;
    int size;
};

bool dtypeOf(const QString &name, DType *out)
{
    static const QList<std::pair<QString, DType>> known = {
        { QStringLiteral("bool"), { ArrayData::Kind::Bool, 1 } },     { QStringLiteral("int8"), { ArrayData::Kind::Int, 1 } },
        { QStringLiteral("uint8"), { ArrayData::Kind::UInt, 1 } },    { QStringLiteral("int16"), { ArrayData::Kind::Int, 2 } },
        { QStringLiteral("uint16"), { ArrayData::Kind::UInt, 2 } },   { QStringLiteral("int32"), { ArrayData::Kind::Int, 4 } },
        { QStringLiteral("uint32"), { ArrayData::Kind::UInt, 4 } },   { QStringLiteral("int64"), { ArrayData::Kind::Int, 8 } },
        { QStringLiteral("uint64"), { ArrayData::Kind::UInt, 8 } },   { QStringLiteral("float32"), { ArrayData::Kind::Float, 4 } },
        { QStringLiteral("float64"), { ArrayData::Kind::Float, 8 } },
    };
    for (const auto &[n, t] : known) {
        if (n == name) {
            *out = t;
            return true;
        }
    }
    return false;
}

bool isNumeric(const Value &v)
{
    return v.isInt() || v.isFloat() || v.isBool();
}

} // namespace

bool ArrayData::isArrayLike(const Value &value)
{
    if (InertObjects::isArray(value))
        return true;
    if (!value.isSequence() || value.items().isEmpty())
        return false;
    const Value &first = value.items().first();
    if (!first.isSequence() || first.items().isEmpty())
        return false;
    const Value &inner = first.items().first();
    return isNumeric(inner) || (inner.isSequence() && !inner.items().isEmpty() && isNumeric(inner.items().first()));
}

bool ArrayData::isImage() const
{
    if (m_rows <= 0 || m_columns <= 0)
        return false;
    if (m_shape.size() == 2)
        return true;
    return m_shape.size() == 3 && (m_channels == 3 || m_channels == 4);
}

QString ArrayData::description() const
{
    QStringList dims;
    for (qint64 d : m_shape)
        dims << QString::number(d);
    if (dims.isEmpty())
        dims << Tr::tr("scalar");
    return QStringLiteral("%1, %2").arg(dims.join(QStringLiteral(" × ")), m_dtype);
}

Result<ArrayData> ArrayData::fromValue(const Value &value)
{
    ArrayData a;
    if (value.className() == InertObjects::arrayClassName()) {
        if (!InertObjects::isArray(value))
            return bad(Tr::tr("malformed numpy array: it needs an int tuple 'shape', a str 'dtype' and bytes 'data'"));
        const Dict &d = value.toDict();
        a.m_dtype = d.value(QStringLiteral("dtype")).toStr();
        DType t;
        if (!dtypeOf(a.m_dtype, &t))
            return bad(Tr::tr("numpy arrays of dtype %1 cannot be shown (bool, int8 to int64, uint8 to uint64, float32 and float64 can)")
                               .arg(a.m_dtype));
        a.m_kind = t.kind;
        a.m_itemSize = t.size;
        const Value order = d.value(QStringLiteral("byteorder"));
        const QString bo = order.isStr() ? order.toStr() : QStringLiteral("=");
        if (bo != QLatin1String("<") && bo != QLatin1String(">") && bo != QLatin1String("|") && bo != QLatin1String("="))
            return bad(Tr::tr("malformed numpy array: byte order '%1' (expected <, >, | or =)").arg(bo));
        a.m_swap = t.size > 1 && ((bo == QLatin1String(">")) != (QSysInfo::ByteOrder == QSysInfo::BigEndian)) && bo != QLatin1String("=")
                && bo != QLatin1String("|");
        qint64 n = 1;
        const Value shape = d.value(QStringLiteral("shape")); // value() returns a copy: keep it alive for the loop
        for (const Value &dim : shape.items()) {
            bool ok = false;
            const qint64 v = dim.toInt64(&ok);
            if (!ok || v < 0 || v > (qint64(1) << 40))
                return bad(Tr::tr("malformed numpy array: dimension %1").arg(dim.repr()));
            a.m_shape << v;
            if (v != 0 && n > (qint64(1) << 40) / v)
                return bad(Tr::tr("malformed numpy array: shape too large"));
            n *= v;
        }
        a.m_bytes = d.value(QStringLiteral("data")).toBytes();
        if (a.m_bytes.size() != n * t.size)
            return bad(Tr::tr("malformed numpy array: shape %1 of %2 needs %3 bytes of data, it has %4")
                               .arg(value.toDict().value(QStringLiteral("shape")).repr(), a.m_dtype)
                               .arg(n * t.size)
                               .arg(a.m_bytes.size()));
        a.m_scalar = a.m_shape.isEmpty();
    } else if (value.isSequence()) {
        // Nested lists: rectangular, numbers only, bounded.
        const ValueList &outer = value.items();
        a.m_shape << outer.size();
        qint64 cols = -1, chans = -1;
        bool anyFloat = false;
        auto data = std::make_shared<std::vector<double>>();
        for (qsizetype r = 0; r < outer.size(); ++r) {
            const Value &row = outer.at(r);
            if (!row.isSequence())
                return bad(Tr::tr("row %1 is a %2, not a list of numbers").arg(r).arg(row.typeName()));
            if (cols < 0) {
                cols = row.items().size();
                if (cols == 0)
                    return bad(Tr::tr("row 0 is empty"));
                if (qint64(outer.size()) * cols > MaxListElements)
                    return bad(Tr::tr("%1 × %2 numbers are more than the %3 shown from a list").arg(outer.size()).arg(cols).arg(MaxListElements));
                data->reserve(size_t(outer.size() * cols));
            } else if (row.items().size() != cols) {
                return bad(Tr::tr("row %1 has %2 items, row 0 has %3: not a rectangular array").arg(r).arg(row.items().size()).arg(cols));
            }
            for (qsizetype c = 0; c < row.items().size(); ++c) {
                const Value &x = row.items().at(c);
                if (isNumeric(x)) {
                    if (chans > 0)
                        return bad(Tr::tr("item [%1][%2] is a number where the others are lists").arg(r).arg(c));
                    chans = 0;
                    anyFloat = anyFloat || x.isFloat();
                    data->push_back(x.toDouble());
                    continue;
                }
                if (!x.isSequence() || chans == 0)
                    return bad(Tr::tr("item [%1][%2] is a %3, not a number").arg(r).arg(c).arg(x.typeName()));
                if (chans < 0) {
                    chans = x.items().size();
                    if (chans == 0 || qint64(outer.size()) * cols * chans > MaxListElements)
                        return bad(Tr::tr("item [%1][%2] has %3 channels").arg(r).arg(c).arg(chans));
                } else if (x.items().size() != chans) {
                    return bad(Tr::tr("item [%1][%2] has %3 items, the first has %4").arg(r).arg(c).arg(x.items().size()).arg(chans));
                }
                for (const Value &ch : x.items()) {
                    if (!isNumeric(ch))
                        return bad(Tr::tr("item [%1][%2] holds a %3, not a number").arg(r).arg(c).arg(ch.typeName()));
                    anyFloat = anyFloat || ch.isFloat();
                    data->push_back(ch.toDouble());
                }
            }
        }
        if (cols < 0)
            return bad(Tr::tr("an empty list is not an array"));
        a.m_shape << cols;
        if (chans > 0)
            a.m_shape << chans;
        a.m_dtype = anyFloat ? QStringLiteral("float64") : QStringLiteral("int64");
        a.m_kind = anyFloat ? Kind::Float : Kind::Int;
        a.m_doubles = std::move(data);
    } else {
        return bad(Tr::tr("a %1 is not an array").arg(value.typeName()));
    }
    // rows x columns x channels
    switch (a.m_shape.size()) {
    case 0: a.m_rows = a.m_columns = 1; break;
    case 1: a.m_rows = a.m_shape.at(0); a.m_columns = 1; break;
    default: {
        a.m_rows = a.m_shape.at(0);
        a.m_columns = a.m_shape.at(1);
        qint64 rest = 1;
        for (qsizetype i = 2; i < a.m_shape.size(); ++i)
            rest *= a.m_shape.at(i);
        if (rest > 65536)
            return bad(Tr::tr("%1 values per cell are too many to show").arg(rest));
        a.m_channels = int(rest);
    }
    }
    if (a.m_shape.size() > 1 && a.m_channels == 0)
        a.m_rows = a.m_columns = 0;
    return a;
}

double ArrayData::atFlat(qint64 i) const
{
    if (m_doubles)
        return (*m_doubles)[size_t(i)];
    const char *p = m_bytes.constData() + i * m_itemSize;
    quint64 raw = 0;
    std::memcpy(&raw, p, size_t(m_itemSize)); // little-endian machines: the low bytes
    if (QSysInfo::ByteOrder == QSysInfo::BigEndian)
        raw >>= 8 * (8 - m_itemSize);
    if (m_swap) {
        switch (m_itemSize) {
        case 2: raw = qbswap(quint16(raw)); break;
        case 4: raw = qbswap(quint32(raw)); break;
        case 8: raw = qbswap(quint64(raw)); break;
        }
    }
    switch (m_kind) {
    case Kind::Bool: return raw ? 1.0 : 0.0;
    case Kind::UInt: return double(raw);
    case Kind::Int:
        switch (m_itemSize) {
        case 1: return double(qint8(raw));
        case 2: return double(qint16(raw));
        case 4: return double(qint32(raw));
        default: return double(qint64(raw));
        }
    case Kind::Float:
        if (m_itemSize == 4) {
            float f;
            const quint32 r32 = quint32(raw);
            std::memcpy(&f, &r32, 4);
            return double(f);
        } else {
            double d;
            std::memcpy(&d, &raw, 8);
            return d;
        }
    }
    return 0;
}

QString ArrayData::text(qint64 row, qint64 column, int channel) const
{
    const auto one = [this](double x) {
        switch (m_kind) {
        case Kind::Bool: return x != 0 ? QStringLiteral("True") : QStringLiteral("False");
        case Kind::Int: return QString::number(qint64(x));
        case Kind::UInt: return QString::number(quint64(x));
        case Kind::Float: return Value(x).repr();
        }
        return QString();
    };
    if (channel >= 0 || m_channels == 1)
        return one(at(row, column, qMax(0, channel)));
    QStringList parts;
    for (int c = 0; c < m_channels; ++c)
        parts << one(at(row, column, c));
    return u'(' + parts.join(QStringLiteral(", ")) + u')';
}

} // namespace Pyro::Ui
