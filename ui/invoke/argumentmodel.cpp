#include "invoke/argumentmodel.h"

#include "protocol/pyrouri.h"
#include "value/pyroobjects.h"
#include "value/literalparser.h"
#include "value/pythontext.h"

#include <QBrush>
#include <QJsonObject>
#include <QPalette>

namespace Pyro::Ui {

namespace {

Error rowError(const QString &message, qsizetype offset)
{
    Error e(Error::Code::UsageError, message);
    e.setOffset(offset);
    return e;
}

Result<Value> parseLiteral(const QString &text)
{
    LiteralParser::Options options;
    options.errorCode = Error::Code::UsageError;
    return LiteralParser::parse(text, options);
}

Result<Value> parseAs(const QString &text, Value::Type want, const QString &what)
{
    if (text.trimmed().isEmpty()) {
        switch (want) {
        case Value::Type::List: return Value::list({});
        case Value::Type::Tuple: return Value::tuple({});
        case Value::Type::Set: return Value::set({});
        case Value::Type::Dict: return Value(Dict());
        default: break;
        }
    }
    Result<Value> v = parseLiteral(text);
    if (!v)
        return v;
    if (v.value().type() != want)
        return rowError(ArgumentModel::tr("expected %1, got %2").arg(what, v.value().typeName()), 0);
    return v;
}

} // namespace

ArgumentModel::ArgumentModel(QObject *parent) : QAbstractTableModel(parent) { }

void ArgumentModel::setMode(Mode mode)
{
    beginResetModel();
    m_mode = mode;
    endResetModel();
    revalidate();
}

void ArgumentModel::setRows(const QList<Row> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
    revalidate();
}

void ArgumentModel::appendRow(const Row &row)
{
    beginInsertRows(QModelIndex(), int(m_rows.size()), int(m_rows.size()));
    m_rows.append(row);
    endInsertRows();
    revalidate();
}

void ArgumentModel::removeArgument(int index)
{
    if (index < 0 || index >= m_rows.size())
        return;
    beginRemoveRows(QModelIndex(), index, index);
    m_rows.removeAt(index);
    endRemoveRows();
    revalidate();
}

void ArgumentModel::moveArgument(int from, int to)
{
    if (from < 0 || from >= m_rows.size() || to < 0 || to >= m_rows.size() || from == to)
        return;
    beginMoveRows(QModelIndex(), from, from, QModelIndex(), to > from ? to + 1 : to);
    m_rows.move(from, to);
    endMoveRows();
    revalidate();
}

void ArgumentModel::setArguments(const ValueList &args, const Dict &kwargs)
{
    QList<Row> rows;
    for (const Value &a : args)
        rows << rowFor(a);
    for (const auto &[k, v] : kwargs.items())
        rows << rowFor(v, k.toStr());
    if (m_mode != Mode::Arguments) {
        beginResetModel();
        m_mode = Mode::Arguments;
        endResetModel();
    }
    setRows(rows);
}

void ArgumentModel::setContainer(const Value &container)
{
    QList<Row> rows;
    if (container.isDict()) {
        for (const auto &[k, v] : container.toDict().items())
            rows << rowFor(v, k.repr());
        beginResetModel();
        m_mode = Mode::Dict;
        endResetModel();
    } else {
        for (const Value &v : container.items())
            rows << rowFor(v);
        beginResetModel();
        m_mode = Mode::Sequence;
        endResetModel();
    }
    setRows(rows);
}

bool ArgumentModel::isValid() const
{
    return m_valid;
}

int ArgumentModel::firstErrorRow() const
{
    for (int i = 0; i < m_errors.size(); ++i) {
        if (m_errors.at(i).isError())
            return i;
    }
    return -1;
}

QString ArgumentModel::firstError() const
{
    const int r = firstErrorRow();
    if (r < 0)
        return QString();
    const QString name = m_rows.at(r).name;
    const QString label = name.isEmpty() ? tr("argument %1").arg(r + 1) : tr("argument %1 (%2)").arg(r + 1).arg(name);
    return label + QStringLiteral(": ") + m_errors.at(r).message();
}

ValueList ArgumentModel::args() const
{
    ValueList out;
    for (const Row &r : m_rows) {
        if (m_mode == Mode::Arguments && !r.name.isEmpty())
            continue;
        out << evaluate(r).valueOr(Value());
    }
    return out;
}

Dict ArgumentModel::kwargs() const
{
    Dict out;
    if (m_mode != Mode::Arguments)
        return out;
    for (const Row &r : m_rows) {
        if (!r.name.isEmpty())
            out.insert(r.name, evaluate(r).valueOr(Value()));
    }
    return out;
}

Result<Value> ArgumentModel::containerValue(Type type) const
{
    if (!m_valid)
        return rowError(firstError(), -1);
    if (type == Type::Dict) {
        Dict d;
        for (const Row &r : m_rows) {
            Result<Value> key = parseLiteral(r.name);
            if (!key)
                return key.error();
            if (!key.value().isHashable())
                return rowError(tr("unhashable dict key %1").arg(r.name), -1);
            d.insert(key.value(), evaluate(r).value());
        }
        return Value(d);
    }
    ValueList items;
    for (const Row &r : m_rows)
        items << evaluate(r).value();
    if (type == Type::Tuple)
        return Value::tuple(items);
    if (type == Type::Set) {
        for (const Value &v : items) {
            if (!v.isHashable())
                return rowError(tr("unhashable set member %1").arg(v.repr()), -1);
        }
        return Value::set(items);
    }
    return Value::list(items);
}

Result<Value> ArgumentModel::evaluate(const Row &row)
{
    const QString &text = row.text;
    switch (row.type) {
    case Type::Int: {
        Result<Value> v = parseLiteral(text.trimmed().isEmpty() ? QStringLiteral("0") : text);
        if (!v)
            return v;
        if (!v.value().isInt())
            return rowError(tr("not an integer"), 0);
        return v;
    }
    case Type::Float: {
        Result<Value> v = parseLiteral(text.trimmed().isEmpty() ? QStringLiteral("0.0") : text);
        if (!v)
            return v;
        if (v.value().isInt() || v.value().isFloat())
            return Value(v.value().isInt() ? v.value().toBigInt().toDouble() : v.value().toDouble());
        return rowError(tr("not a number"), 0);
    }
    case Type::Str: return Value(text);
    case Type::Bool: return Value(text == QLatin1String("True"));
    case Type::BytesHex: {
        QByteArray hex;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c.isSpace())
                continue;
            const bool isHex = (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
            if (!isHex)
                return rowError(tr("'%1' is not a hex digit at %2").arg(c).arg(i), i);
            hex.append(char(c.unicode()));
        }
        if (hex.size() % 2)
            return rowError(tr("odd number of hex digits"), text.size());
        return Value::bytes(QByteArray::fromHex(hex));
    }
    case Type::BytesText: return Value::bytes(text.toUtf8());
    case Type::None: return Value();
    case Type::List: return parseAs(text, Value::Type::List, QStringLiteral("list"));
    case Type::Tuple: return parseAs(text, Value::Type::Tuple, QStringLiteral("tuple"));
    case Type::Dict: return parseAs(text, Value::Type::Dict, QStringLiteral("dict"));
    case Type::Set: return parseAs(text, Value::Type::Set, QStringLiteral("set"));
    case Type::Literal: {
        if (text.trimmed().isEmpty())
            return rowError(tr("empty literal (write None for None)"), 0);
        Result<Value> v = parseLiteral(text);
        const QString word = text.trimmed();
        if (!v && PythonText::isIdentifier(word)) // a bare word: offer it as a string, never send it as one silently
            return rowError(tr("%1 is not a Python literal; for a string write '%1' (or pick the type str)").arg(word), 0);
        return v;
    }
    case Type::CallbackProxy: {
        Result<PyroUri> uri = PyroUri::parse(text.trimmed());
        if (!uri)
            return rowError(tr("not a Pyro URI: %1").arg(uri.error().message()), 0);
        return proxyDict(uri.value().toString());
    }
    }
    return Value();
}

Value ArgumentModel::proxyDict(const QString &uri)
{
    return PyroObjects::proxyValue(uri);
}

ArgumentModel::Row ArgumentModel::rowFor(const Value &value, const QString &name)
{
    Row r;
    r.name = name;
    switch (value.type()) {
    case Value::Type::None: r.type = Type::None; break;
    case Value::Type::Bool:
        r.type = Type::Bool;
        r.text = value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
        break;
    case Value::Type::Int:
        r.type = Type::Int;
        r.text = value.repr();
        break;
    case Value::Type::Float:
        r.type = Type::Float;
        r.text = value.repr();
        break;
    case Value::Type::Str:
        r.type = Type::Str;
        r.text = value.toStr();
        break;
    case Value::Type::Bytes:
        r.type = Type::BytesHex;
        r.text = QString::fromLatin1(value.toBytes().toHex(' '));
        break;
    case Value::Type::List: r.type = Type::List; r.text = value.repr(); break;
    case Value::Type::Tuple: r.type = Type::Tuple; r.text = value.repr(); break;
    case Value::Type::Set: r.type = Type::Set; r.text = value.repr(); break;
    case Value::Type::Dict:
        if (value.className() == QLatin1String("Pyro4.core.Proxy")) {
            const Value state = value.toDict().value(QStringLiteral("state"));
            if (state.hasItems() && !state.items().isEmpty() && state.items().first().isStr()) {
                r.type = Type::CallbackProxy;
                r.text = state.items().first().toStr();
                break;
            }
        }
        r.type = Type::Dict;
        r.text = value.repr();
        break;
    default:
        r.type = Type::Literal;
        r.text = value.repr();
        break;
    }
    return r;
}

QList<ArgumentModel::Type> ArgumentModel::allTypes()
{
    return { Type::Int, Type::Float, Type::Str, Type::Bool, Type::BytesHex, Type::BytesText, Type::None, Type::List,
             Type::Tuple, Type::Dict, Type::Set, Type::Literal, Type::CallbackProxy };
}

QString ArgumentModel::typeName(Type type)
{
    switch (type) {
    case Type::Int: return tr("int");
    case Type::Float: return tr("float");
    case Type::Str: return tr("str");
    case Type::Bool: return tr("bool");
    case Type::BytesHex: return tr("bytes (hex)");
    case Type::BytesText: return tr("bytes (text)");
    case Type::None: return tr("None");
    case Type::List: return tr("list");
    case Type::Tuple: return tr("tuple");
    case Type::Dict: return tr("dict");
    case Type::Set: return tr("set");
    case Type::Literal: return tr("Python literal");
    case Type::CallbackProxy: return tr("callback proxy");
    }
    return QString();
}

QString ArgumentModel::typeId(Type type)
{
    switch (type) {
    case Type::Int: return QStringLiteral("int");
    case Type::Float: return QStringLiteral("float");
    case Type::Str: return QStringLiteral("str");
    case Type::Bool: return QStringLiteral("bool");
    case Type::BytesHex: return QStringLiteral("bytes-hex");
    case Type::BytesText: return QStringLiteral("bytes-text");
    case Type::None: return QStringLiteral("None");
    case Type::List: return QStringLiteral("list");
    case Type::Tuple: return QStringLiteral("tuple");
    case Type::Dict: return QStringLiteral("dict");
    case Type::Set: return QStringLiteral("set");
    case Type::Literal: return QStringLiteral("literal");
    case Type::CallbackProxy: return QStringLiteral("proxy");
    }
    return QString();
}

ArgumentModel::Type ArgumentModel::typeFromId(const QString &id, bool *ok)
{
    for (Type t : allTypes()) {
        if (typeId(t) == id) {
            if (ok)
                *ok = true;
            return t;
        }
    }
    if (ok)
        *ok = false;
    return Type::Literal;
}

QJsonArray ArgumentModel::rowsToJson(const QList<Row> &rows)
{
    QJsonArray a;
    for (const Row &r : rows)
        a.append(QJsonObject { { QStringLiteral("name"), r.name }, { QStringLiteral("type"), typeId(r.type) }, { QStringLiteral("text"), r.text } });
    return a;
}

QList<ArgumentModel::Row> ArgumentModel::rowsFromJson(const QJsonArray &array)
{
    QList<Row> rows;
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        Row r;
        r.name = o.value(QStringLiteral("name")).toString();
        r.type = typeFromId(o.value(QStringLiteral("type")).toString());
        r.text = o.value(QStringLiteral("text")).toString();
        rows << r;
    }
    return rows;
}

void ArgumentModel::revalidate()
{
    m_errors.clear();
    bool valid = true;
    for (const Row &r : std::as_const(m_rows)) {
        Error e = evaluate(r).error();
        if (!e && m_mode == Mode::Dict) {
            Result<Value> key = parseLiteral(r.name);
            if (!key)
                e = rowError(tr("key: %1").arg(key.error().message()), -1);
            else if (!key.value().isHashable())
                e = rowError(tr("key %1 is not hashable").arg(r.name), -1);
        }
        if (!e && m_mode == Mode::Arguments && !r.name.isEmpty()) {
            if (!PythonText::isIdentifier(r.name))
                e = rowError(tr("'%1' is not a valid keyword name").arg(r.name), -1);
        }
        valid = valid && !e;
        m_errors << e;
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    const bool changed = valid != m_valid;
    m_valid = valid;
    emit rowsEdited();
    if (changed)
        emit validityChanged(valid);
}

int ArgumentModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ArgumentModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ArgumentModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return QVariant();
    const Row &r = m_rows.at(index.row());
    const Error err = m_errors.value(index.row());
    switch (role) {
    case TypeRole: return int(r.type);
    case ErrorRole: return err.isError() ? err.message() : QString();
    case ErrorOffsetRole: return err.isError() ? qlonglong(err.offset()) : qlonglong(-1);
    case ValueRole: {
        Result<Value> v = evaluate(r);
        return v ? QVariant::fromValue(v.value()) : QVariant();
    }
    case Qt::ToolTipRole:
        if (err.isError())
            return err.message();
        if (index.column() == ValueColumn)
            return evaluate(r).valueOr(Value()).repr().left(2000);
        return QVariant();
    case Qt::ForegroundRole:
        return err.isError() ? QVariant(QBrush(Qt::red)) : QVariant();
    case Qt::CheckStateRole:
        if (index.column() == ValueColumn && r.type == Type::Bool)
            return r.text == QLatin1String("True") ? Qt::Checked : Qt::Unchecked;
        return QVariant();
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case NameColumn:
            if (m_mode == Mode::Sequence)
                return index.row();
            if (role == Qt::DisplayRole && m_mode == Mode::Arguments && r.name.isEmpty())
                return tr("(positional)");
            return r.name;
        case TypeColumn: return role == Qt::EditRole ? QVariant(int(r.type)) : QVariant(typeName(r.type));
        case ValueColumn:
            if (r.type == Type::None)
                return role == Qt::DisplayRole ? QStringLiteral("None") : QString();
            if (r.type == Type::Bool)
                return role == Qt::DisplayRole ? r.text : r.text;
            return r.text;
        }
    }
    return QVariant();
}

bool ArgumentModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return false;
    Row &r = m_rows[index.row()];
    if (role == Qt::CheckStateRole && index.column() == ValueColumn && r.type == Type::Bool) {
        r.text = value.toInt() == Qt::Checked ? QStringLiteral("True") : QStringLiteral("False");
    } else if (role == Qt::EditRole) {
        switch (index.column()) {
        case NameColumn:
            if (m_mode == Mode::Sequence)
                return false;
            r.name = value.toString().trimmed();
            break;
        case TypeColumn: {
            const Type newType = Type(value.toInt());
            if (newType == r.type)
                return true;
            // Keep what still makes sense: the value's repr when the old text parsed.
            const Result<Value> old = evaluate(r);
            r.type = newType;
            if (newType == Type::Bool)
                r.text = old && old.value().isBool() && old.value().toBool() ? QStringLiteral("True") : QStringLiteral("False");
            else if (newType == Type::None)
                r.text.clear();
            else if (old && newType == Type::Literal)
                r.text = old.value().repr();
            else if (old && newType == Type::Str && !old.value().isStr())
                r.text = old.value().isNone() ? QString() : old.value().repr();
            break;
        }
        case ValueColumn: r.text = value.toString(); break;
        default: return false;
        }
    } else {
        return false;
    }
    emit dataChanged(index, index);
    revalidate();
    return true;
}

Qt::ItemFlags ArgumentModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const Row &r = m_rows.at(index.row());
    if (index.column() == NameColumn && m_mode != Mode::Sequence)
        f |= Qt::ItemIsEditable;
    if (index.column() == TypeColumn)
        f |= Qt::ItemIsEditable;
    if (index.column() == ValueColumn) {
        if (r.type == Type::Bool)
            f |= Qt::ItemIsUserCheckable;
        else if (r.type != Type::None)
            f |= Qt::ItemIsEditable;
    }
    return f;
}

QVariant ArgumentModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case NameColumn:
        return m_mode == Mode::Dict ? tr("Key") : (m_mode == Mode::Sequence ? tr("Index") : tr("Name"));
    case TypeColumn: return tr("Type");
    case ValueColumn: return tr("Value");
    }
    return QVariant();
}

} // namespace Pyro::Ui
