#pragma once

#include "serializers/pickle/pickleglobals.h"
#include "serializers/serializer.h"

#include <QByteArrayView>
#include <QHash>

#include <vector>

namespace Pyro {

/*!
    A pickle virtual machine for protocols 0 to 5 that only builds values. Internal to
    PickleSerializer; one instance decodes one payload.

    Objects live in an arena of nodes addressed by index, so that the memo and the stack can
    share mutable lists, dicts and sets exactly as Python's unpickler shares objects, and so
    that freeing never recurses. The graph becomes a Value only at STOP, with a depth check
    (which also catches nesting that was built through the memo), a cycle check (Value cannot
    hold a list that contains itself) and a bound on the size the shared references expand
    to, so that a few memo GETs cannot make consumers walk 2^60 values.

    Every length, index and count read from the input is checked against the bytes that are
    actually there before anything is allocated; errors carry the offset of the opcode.
*/
class PickleDecoder
{
public:
    PickleDecoder(QByteArrayView data, const DecodeLimits &limits);
    Result<Value> decode();

private:
    using NodeId = quint32;
    static constexpr NodeId NoNode = 0xffffffffu;

    enum class Kind : quint8 {
        Scalar, // value holds it
        Tuple,
        List,
        Dict, // items: key, value, key, value, ...
        Set,
        FrozenSet,
        Global, // value: qualified name; builder says what calling it makes
        Exception, // value: class name; args: tuple node; items: BUILD state dicts
        Uri, // state: BUILD state tuple
        Proxy, // state: BUILD state tuple
        ExceptionWrapper, // items: BUILD state dicts
        Inert, // value: class name; args: tuple node; state: BUILD state; items: APPEND(S) items;
               // extra: a Dict node of SETITEM(S) items
        InertMember, // value: (class name, member name): getattr(<inert class>, 'NAME')
    };

    struct Node
    {
        Kind kind = Kind::Scalar;
        PickleGlobals::Builder builder = PickleGlobals::Builder::Refused;
        int height = 1; // nesting below this node, kept up to date as items are added (may lag through the memo)
        NodeId args = NoNode;
        NodeId state = NoNode;
        NodeId extra = NoNode;
        Value value;
        std::vector<NodeId> items;
    };

    // opcode helpers; each returns false after setting m_error
    bool step(quint8 op);
    bool fail(const QString &message, Error::Code code = Error::Code::SerializeError);
    bool need(quint64 count);
    bool readBytes(quint64 count, QByteArrayView &out);
    bool readUInt(int size, quint64 &out); // little-endian
    bool readLine(QByteArrayView &out);
    bool readLength(int size, quint64 &out); // readUInt, refusing negative BINSTRING/LONG4 lengths

    bool newNode(Kind kind, const Value &value, NodeId &out);
    bool pushNew(Kind kind, const Value &value = Value());
    bool pushScalar(const Value &value) { return pushNew(Kind::Scalar, value); }
    bool pop(NodeId &out);
    bool top(NodeId &out);
    bool popMark(std::vector<NodeId> &items);
    qsizetype fence() const { return m_marks.empty() ? 0 : m_marks.back(); }
    bool addItem(NodeId container, NodeId item);
    bool collection(Kind kind, std::vector<NodeId> items);

    bool pushGlobal(const QString &module, const QString &name);
    bool call(NodeId callable, NodeId args);
    bool newObject(NodeId cls, NodeId args);
    bool build(NodeId target, NodeId state);
    bool extendFromIterable(NodeId target, NodeId iterable, const char *what);

    bool loadText(quint8 op);
    bool loadInt(QByteArrayView text, bool allowBoolCodes);
    bool loadString(QByteArrayView raw); // STRING, BINSTRING, SHORT_BINSTRING
    bool loadUtf8(QByteArrayView raw);

    // conversion to Value at STOP
    bool convert(NodeId id, int depth, Value &out);
    bool convertChildren(const std::vector<NodeId> &ids, int depth, ValueList &out);
    bool convertStateDicts(const std::vector<NodeId> &ids, int depth, Dict &into);
    bool convertProxyState(NodeId id, int depth, Value &out);
    bool convertInert(NodeId id, int depth, Value &out);
    bool addInertDictItems(NodeId inert, const std::vector<NodeId> &keysAndValues);

    QString kindName(NodeId id) const;
    const char *opName(quint8 op) const;

    QByteArrayView m_data;
    DecodeLimits m_limits;
    qsizetype m_pos = 0;
    qsizetype m_opPos = 0;
    quint8 m_op = 0;
    int m_protocol = 0;
    Error m_error;
    bool m_stopped = false;
    NodeId m_result = NoNode;

    std::vector<Node> m_nodes;
    std::vector<NodeId> m_stack;
    std::vector<qsizetype> m_marks;
    QHash<quint64, NodeId> m_memo;
    NodeId m_none = NoNode, m_true = NoNode, m_false = NoNode, m_emptyTuple = NoNode;

    // conversion state, one entry per node
    std::vector<quint8> m_visit; // 0 new, 1 in progress, 2 done
    std::vector<Value> m_converted;
    std::vector<quint64> m_expanded;
    quint64 m_maxExpanded = 0;
};

} // namespace Pyro
