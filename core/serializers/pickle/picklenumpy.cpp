#include "serializers/pickle/picklenumpy.h"

#include "value/inertobjects.h"

#include <QSysInfo>
#include <QtEndian>
#include <qfloat16.h>

#include <cstring>
#include <limits>

namespace Pyro::PickleNumpy {

namespace {

struct DType
{
    char kind = 0; // b i u f c
    int size = 0;
    QChar order; // < > |
    QString name;
};

Error numpyError(const QString &message)
{
    return Error(Error::Code::SerializeError, QStringLiteral("pickle: numpy: ") + message);
}

QString baseName(const QString &className)
{
    return className.mid(className.lastIndexOf(QLatin1Char('.')) + 1);
}

Result<DType> parseDType(const Value &v)
{
    if (v.className() != QLatin1String("numpy.dtype") || InertObjects::form(v) != QLatin1String("object"))
        return numpyError(QStringLiteral("expected a numpy.dtype, got %1").arg(v.className().isEmpty() ? v.typeName() : v.className()));
    const Dict &d = v.toDict();
    const Value typestr = d.value(QStringLiteral("args")).items().value(0);
    const Value state = d.value(QStringLiteral("state"));
    if (!typestr.isStr() || typestr.toStr().size() < 2)
        return numpyError(QStringLiteral("invalid dtype arguments %1").arg(d.value(QStringLiteral("args")).repr()));
    const QString t = typestr.toStr();
    if (!state.isTuple() || state.items().size() < 8 || !state.items().at(1).isStr() || state.items().at(1).toStr().size() != 1)
        return numpyError(QStringLiteral("invalid state for dtype '%1'").arg(t));
    const ValueList &st = state.items();
    if (!st.at(2).isNone() || !st.at(3).isNone())
        return numpyError(QStringLiteral("structured or sub-array dtype '%1' is not supported").arg(t));
    DType dt;
    dt.kind = char(t.at(0).toLatin1());
    bool ok = false;
    dt.size = t.mid(1).toInt(&ok);
    const auto unsupported = [&t] {
        return numpyError(QStringLiteral("dtype '%1' is not supported (only bool, integer, float and complex)").arg(t));
    };
    if (!ok)
        return unsupported();
    switch (dt.kind) {
    case 'b':
        if (dt.size != 1)
            return unsupported();
        dt.name = QStringLiteral("bool");
        break;
    case 'i':
    case 'u':
        if (dt.size != 1 && dt.size != 2 && dt.size != 4 && dt.size != 8)
            return unsupported();
        dt.name = QStringLiteral("%1int%2").arg(dt.kind == 'u' ? QStringLiteral("u") : QString()).arg(dt.size * 8);
        break;
    case 'f':
        if (dt.size != 2 && dt.size != 4 && dt.size != 8 && dt.size != 16)
            return unsupported();
        dt.name = QStringLiteral("float%1").arg(dt.size * 8);
        break;
    case 'c':
        if (dt.size != 8 && dt.size != 16 && dt.size != 32)
            return unsupported();
        dt.name = QStringLiteral("complex%1").arg(dt.size * 8);
        break;
    default:
        return unsupported();
    }
    dt.order = st.at(1).toStr().at(0);
    if (dt.order == QLatin1Char('='))
        dt.order = QSysInfo::ByteOrder == QSysInfo::LittleEndian ? QLatin1Char('<') : QLatin1Char('>');
    if (dt.size == 1)
        dt.order = QLatin1Char('|');
    if (dt.order != QLatin1Char('<') && dt.order != QLatin1Char('>') && dt.order != QLatin1Char('|'))
        return numpyError(QStringLiteral("invalid byte order '%1' for dtype '%2'").arg(dt.order).arg(t));
    return dt;
}

Result<ValueList> parseShape(const Value &shape)
{
    if (!shape.isSequence())
        return numpyError(QStringLiteral("array shape must be a tuple, not %1").arg(shape.typeName()));
    if (shape.items().size() > 64)
        return numpyError(QStringLiteral("array with %1 dimensions (numpy allows 64)").arg(shape.items().size()));
    for (const Value &dim : shape.items()) {
        bool ok = false;
        const qint64 n = dim.toInt64(&ok);
        if (!dim.isInt() || !ok || n < 0)
            return numpyError(QStringLiteral("invalid array dimension %1").arg(dim.repr()));
    }
    return Value::tuple(shape.items()).items();
}

// Checks that data holds exactly prod(shape) items and returns it in C order.
Result<QByteArray> cOrderData(const ValueList &shape, const DType &dt, const QByteArray &data, bool fortran)
{
    quint64 count = 1;
    for (const Value &dim : shape) {
        const quint64 n = quint64(dim.toInt64());
        if (n != 0 && count > std::numeric_limits<quint64>::max() / n / quint64(dt.size))
            return numpyError(QStringLiteral("array shape %1 is too large").arg(Value::tuple(shape).repr()));
        count *= n;
    }
    if (count * quint64(dt.size) != quint64(data.size()))
        return numpyError(QStringLiteral("array data has %1 bytes, but shape %2 of %3 needs %4")
                                  .arg(data.size())
                                  .arg(Value::tuple(shape).repr(), dt.name)
                                  .arg(count * quint64(dt.size)));
    if (!fortran || shape.size() < 2 || count == 0)
        return data;
    // Fortran order: the first index varies fastest. Walk the C-order multi-index and copy
    // each item from its Fortran offset.
    const qsizetype ndim = shape.size();
    const size_t n = static_cast<size_t>(ndim);
    std::vector<quint64> dims(n), strides(n), index(n, 0);
    quint64 stride = 1;
    for (qsizetype i = 0; i < ndim; ++i) {
        dims[size_t(i)] = quint64(shape.at(i).toInt64());
        strides[size_t(i)] = stride;
        stride *= dims[size_t(i)];
    }
    QByteArray out(data.size(), Qt::Uninitialized);
    const qsizetype itemSize = dt.size;
    for (quint64 k = 0; k < count; ++k) {
        quint64 src = 0;
        for (qsizetype i = 0; i < ndim; ++i)
            src += index[size_t(i)] * strides[size_t(i)];
        std::memcpy(out.data() + k * quint64(itemSize), data.constData() + src * quint64(itemSize), size_t(itemSize));
        for (qsizetype i = ndim - 1; i >= 0; --i) {
            if (++index[size_t(i)] < dims[size_t(i)])
                break;
            index[size_t(i)] = 0;
        }
    }
    return out;
}

quint64 readUnsigned(const char *p, int size, bool bigEndian)
{
    quint64 v = 0;
    for (int i = 0; i < size; ++i) {
        const quint8 b = quint8(p[bigEndian ? i : size - 1 - i]);
        v = (v << 8) | b;
    }
    return v;
}

double readFloat(const char *p, int size, bool bigEndian)
{
    const quint64 bits = readUnsigned(p, size, bigEndian);
    if (size == 2) {
        const quint16 b16 = quint16(bits);
        qfloat16 h;
        std::memcpy(static_cast<void *>(&h), &b16, 2);
        return double(float(h));
    }
    if (size == 4) {
        const quint32 b32 = quint32(bits);
        float f;
        std::memcpy(&f, &b32, 4);
        return double(f);
    }
    double d;
    std::memcpy(&d, &bits, 8);
    return d;
}

Result<Value> scalar(const Value &args)
{
    const ValueList &a = args.items();
    if (a.size() != 2)
        return numpyError(QStringLiteral("scalar() needs (dtype, data), got %1 arguments").arg(a.size()));
    const Result<DType> dt = parseDType(a.at(0));
    if (!dt)
        return dt.error();
    const DType &t = dt.value();
    if (!a.at(1).isBytesLike() || a.at(1).toBytes().size() != t.size)
        return numpyError(QStringLiteral("scalar() of %1 needs %2 bytes of data").arg(t.name).arg(t.size));
    const char *p = a.at(1).toBytes().constData();
    const bool be = t.order == QLatin1Char('>');
    switch (t.kind) {
    case 'b':
        return Value(p[0] != 0);
    case 'u':
        return Value(readUnsigned(p, t.size, be));
    case 'i': {
        const quint64 u = readUnsigned(p, t.size, be);
        const int shift = 64 - 8 * t.size;
        return Value(qint64(u << shift) >> shift);
    }
    case 'f':
        if (t.size > 8)
            return numpyError(QStringLiteral("%1 scalars are not supported").arg(t.name));
        return Value(readFloat(p, t.size, be));
    case 'c':
        if (t.size > 16)
            return numpyError(QStringLiteral("%1 scalars are not supported").arg(t.name));
        return Value(Complex(readFloat(p, t.size / 2, be), readFloat(p + t.size / 2, t.size / 2, be)));
    }
    return numpyError(QStringLiteral("%1 scalars are not supported").arg(t.name));
}

Result<Value> array(const Value &shapeValue, const Value &dtype, const Value &data, bool fortran)
{
    const Result<DType> dt = parseDType(dtype);
    if (!dt)
        return dt.error();
    const Result<ValueList> shape = parseShape(shapeValue);
    if (!shape)
        return shape.error();
    if (!data.isBytesLike())
        return numpyError(QStringLiteral("array data must be bytes, not %1 (object arrays are not supported)").arg(data.typeName()));
    const Result<QByteArray> c = cOrderData(shape.value(), dt.value(), data.toBytes(), fortran);
    if (!c)
        return c.error();
    return InertObjects::array(shape.value(), dt.value().name, dt.value().order, c.value());
}

} // namespace

bool isReconstructor(const QString &className)
{
    if (!className.startsWith(QLatin1String("numpy.core.")) && !className.startsWith(QLatin1String("numpy._core.")))
        return false;
    const QString name = baseName(className);
    return name == QLatin1String("_reconstruct") || name == QLatin1String("scalar") || name == QLatin1String("_frombuffer");
}

Result<Value> build(const QString &className, const Value &args, const Value &state)
{
    const QString name = baseName(className);
    if (name == QLatin1String("scalar"))
        return scalar(args);
    if (name == QLatin1String("_frombuffer")) {
        // _frombuffer(buffer, dtype, shape, order)
        const ValueList &a = args.items();
        if (a.size() != 4 || !a.at(3).isStr())
            return numpyError(QStringLiteral("_frombuffer() needs (buffer, dtype, shape, order)"));
        return array(a.at(2), a.at(1), a.at(0), a.at(3).toStr() == QLatin1String("F"));
    }
    // _reconstruct(numpy.ndarray, (0,), b'b'), then BUILD (version, shape, dtype, is_fortran, rawdata)
    const Value cls = args.items().value(0);
    if (cls.className() != InertObjects::arrayClassName())
        return numpyError(QStringLiteral("arrays of class '%1' are not supported (only numpy.ndarray)")
                                  .arg(cls.className().isEmpty() ? cls.typeName() : cls.className()));
    if (!state.isTuple() || state.items().size() != 5)
        return numpyError(QStringLiteral("numpy.ndarray state must be (version, shape, dtype, is_fortran, data)"));
    const ValueList &st = state.items();
    return array(st.at(1), st.at(2), st.at(4), st.at(3).isBool() ? st.at(3).toBool() : st.at(3).toInt64() != 0);
}

} // namespace Pyro::PickleNumpy
