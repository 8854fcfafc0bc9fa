#include "value/displayrepr.h"

#include "value/inertobjects.h"
#include "value/pyroobjects.h"
#include "value/pythontext.h"
#include "value/reprwriter.h"

namespace Pyro {

namespace {

// Whether anything inside needs more than ReprWriter: saves rebuilding plain values.
bool needsDisplay(const Value &v, int depth = 0)
{
    if (depth > 2000)
        return false;
    if (v.isDict()) {
        if (!v.className().isEmpty())
            return true;
        for (const auto &[k, x] : v.toDict().items())
            if (needsDisplay(k, depth + 1) || needsDisplay(x, depth + 1))
                return true;
        return false;
    }
    if (v.hasItems()) {
        for (const Value &x : v.items())
            if (needsDisplay(x, depth + 1))
                return true;
    }
    return false;
}

class Writer
{
public:
    QString out;
    DisplayRepr::ObjectStyle style = DisplayRepr::ObjectStyle::Pyroctl;

    void write(const Value &v)
    {
        if (!needsDisplay(v)) {
            out += ReprWriter::write(v);
            return;
        }
        switch (v.type()) {
        case Value::Type::Tuple:
            out += u'(';
            writeItems(v.items());
            if (v.items().size() == 1)
                out += u',';
            out += u')';
            return;
        case Value::Type::List:
            out += u'[';
            writeItems(v.items());
            out += u']';
            return;
        case Value::Type::Set:
            out += u'{';
            writeItems(v.items());
            out += u'}';
            return;
        case Value::Type::FrozenSet:
            out += QLatin1String("frozenset({");
            writeItems(v.items());
            out += QLatin1String("})");
            return;
        case Value::Type::Dict:
            if (writeObject(v))
                return;
            writeDict(v.toDict());
            return;
        default:
            out += ReprWriter::write(v);
        }
    }

    void writeItems(const ValueList &items)
    {
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (i)
                out += QLatin1String(", ");
            write(items.at(i));
        }
    }

    void writeDict(const Dict &d)
    {
        out += u'{';
        bool first = true;
        for (const auto &[k, x] : d.items()) {
            if (!first)
                out += QLatin1String(", ");
            first = false;
            write(k);
            out += QLatin1String(": ");
            write(x);
        }
        out += u'}';
    }

    bool writeObject(const Value &v)
    {
        const QString cls = v.className();
        const Dict &d = v.toDict();
        const QString form = InertObjects::form(v);
        if (form == QLatin1String("member")) {
            out += cls + u'.' + d.value(QStringLiteral("name")).toStr();
            return true;
        }
        if (form == QLatin1String("class")) {
            out += QStringLiteral("<class '%1'>").arg(cls);
            return true;
        }
        if (form == QLatin1String("object")) {
            writeInert(cls, d);
            return true;
        }
        if (InertObjects::isArray(v)) {
            out += QLatin1String("array(shape=");
            out += ReprWriter::write(Value::tuple(d.value(QStringLiteral("shape")).items()));
            out += QLatin1String(", dtype=") + d.value(QStringLiteral("dtype")).toStr() + u')';
            return true;
        }
        if (PyroObjects::isUri(v)) {
            const QString text = DisplayRepr::uriText(v);
            if (text.isEmpty())
                return false;
            const QString name = style == DisplayRepr::ObjectStyle::Constructor ? cls : QStringLiteral("Pyro4.core.URI");
            out += name + u'(' + ReprWriter::str(text) + u')';
            return true;
        }
        if (PyroObjects::isProxy(v)) {
            if (style == DisplayRepr::ObjectStyle::Constructor)
                out += cls + u'(' + ReprWriter::str(PyroObjects::proxyUri(v)) + u')';
            else
                out += QLatin1String("<Pyro4.core.Proxy at ") + PyroObjects::proxyUri(v) + u'>';
            return true;
        }
        return false;
    }

    void writeInert(const QString &cls, const Dict &d)
    {
        out += cls + u'(';
        bool first = true;
        const auto sep = [&] {
            if (!first)
                out += QLatin1String(", ");
            first = false;
        };
        const Value args = d.value(QStringLiteral("args")); // value() returns a copy: keep it alive for the loop
        for (const Value &a : args.items()) {
            sep();
            write(a);
        }
        // The state as attributes: a dict of names, or (dict, slots dict) as Python's
        // default __reduce_ex__ writes for classes with __slots__; anything else as state=.
        Value state = d.value(QStringLiteral("state"));
        Dict attributes;
        bool asAttributes = false;
        if (state.isDict()) {
            attributes = state.toDict();
            asAttributes = true;
        } else if (state.isTuple() && state.items().size() == 2 && (state.items().at(0).isDict() || state.items().at(0).isNone())
                   && state.items().at(1).isDict()) {
            for (const auto &[k, x] : state.items().at(0).toDict().items())
                attributes.insert(k, x);
            for (const auto &[k, x] : state.items().at(1).toDict().items())
                attributes.insert(k, x);
            asAttributes = true;
        }
        if (asAttributes) {
            for (const auto &[k, x] : attributes.items())
                asAttributes = asAttributes && k.isStr() && PythonText::isSourceName(k.toStr());
        }
        if (asAttributes) {
            for (const auto &[k, x] : attributes.items()) {
                sep();
                out += k.toStr() + u'=';
                write(x);
            }
        } else if (!state.isNone()) {
            sep();
            out += QLatin1String("state=");
            write(state);
        }
        const Value items = d.value(QStringLiteral("items"));
        if (items.hasItems()) {
            sep();
            write(items);
        }
        const Value dictItems = d.value(QStringLiteral("dictitems"));
        if (dictItems.isDict() && !dictItems.toDict().isEmpty()) {
            sep();
            ValueList pairs;
            for (const auto &[k, x] : dictItems.toDict().items())
                pairs.append(Value::tuple({ k, x }));
            write(Value::list(pairs));
        }
        out += u')';
    }
};

} // namespace

QString DisplayRepr::write(const Value &value, ObjectStyle style)
{
    Writer w;
    w.style = style;
    w.write(value);
    return w.out;
}

QString DisplayRepr::uriText(const Value &uriDict)
{
    const ValueList state = uriDict.toDict().value(QStringLiteral("state")).items();
    if (state.size() != 5 || !state.at(0).isStr())
        return QString();
    QString text = state.at(0).toStr() + u':';
    if (state.at(1).hasItems()) { // PYROMETA tags
        QStringList tags;
        for (const Value &t : state.at(1).items())
            tags.append(t.toStr());
        tags.sort();
        text += tags.join(u',');
    } else if (state.at(1).isStr()) {
        text += state.at(1).toStr();
    } else {
        return QString();
    }
    const Value &sockname = state.at(2);
    const Value &host = state.at(3);
    const Value &port = state.at(4);
    if (host.isStr() && !host.toStr().isEmpty()) {
        const QString h = host.toStr().contains(u':') ? u'[' + host.toStr() + u']' : host.toStr();
        text += u'@' + h + u':' + (port.isInt() ? port.toBigInt().toString() : QString());
    } else if (sockname.isStr() && !sockname.toStr().isEmpty()) {
        text += QLatin1String("@./u:") + sockname.toStr();
    }
    return text;
}

} // namespace Pyro
