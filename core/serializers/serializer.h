#pragma once

#include "support/result.h"
#include "value/value.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace Pyro {

//! Pyro4's serializer ids as they appear in the message header.
enum class SerializerId : quint16 {
    Serpent = 1,
    Json = 2,
    Marshal = 3,
    Pickle = 4,
    Dill = 5,
    Msgpack = 6,
    CloudPickle = 7,
};

/*!
    The four parts of an INVOKE payload. \c kwargsIsNone is how Pyro4 sends
    \c __getattr__, \c __setattr__ and \c <batch> (None instead of a dict).
*/
struct CallEnvelope
{
    QString objectId;
    QString method;
    ValueList args;
    Dict kwargs;
    bool kwargsIsNone = false;
    //! Pyro's internal calls (get_metadata, get_next_stream_item, close_stream) send vargs as a list.
    bool argsAsList = false;
};

/*!
    Limits every decoder enforces so that hostile input produces an Error, never a crash,
    stack overflow or an allocation the input has not paid for.
*/
struct DecodeLimits
{
    int maxDepth = 1000; //!< nesting of containers (Python's own parsers stop near 200..2000)
    qsizetype maxIntDigits = 100000; //!< decimal digits in one int literal
};

/*!
    Where a streaming decode (Serializer::decodeItems()) hands the items of a top-level list
    or tuple, one at a time, as they are decoded, so that the whole list never exists.
*/
class ItemSink
{
public:
    virtual ~ItemSink() = default;
    /*!
        The top-level value is a \a kind (Value::Type::List or Value::Type::Tuple) of \a count
        items, -1 when the format does not say before its end. Called once, before add().
    */
    virtual void begin(Value::Type kind, qsizetype count) = 0;
    virtual void add(Value &&item) = 0;
    /*!
        Forget begin() and every item: the top-level value turned out not to be that list
        (serpent's "[1, 2], 3" is a tuple whose first item is the list). The decode then
        returns the whole value as decode() would.
    */
    virtual void cancel() = 0;
};

/*!
    An encoder for a list or tuple whose items arrive one at a time (the ItemSink of a
    streaming decode): finish() gives exactly the bytes encode() writes for the whole value.
    The first item that cannot be encoded is the error; later items are then ignored.
    One encoder is used for one value on one thread.
*/
class ItemEncoder : public ItemSink
{
public:
    //! Whether begin() was called (and not cancelled): finish() is then the encoded value.
    virtual bool begun() const = 0;
    virtual Result<QByteArray> finish() = 0;
};

/*!
    One of Pyro4's wire formats. Implementations are stateless and thread-safe; get them from
    Serializer::byId() or Serializer::byName(). Each writes exactly what Python Pyro4 4.82
    reads and reads what it writes; where a format cannot carry a type the encoder fails
    with Error::Code::SerializeError as Python does (e.g. complex under json).
*/
class Serializer
{
public:
    virtual ~Serializer() = default;

    virtual SerializerId id() const = 0;
    virtual QString name() const = 0; // "serpent", "json", ...

    virtual Result<QByteArray> encode(const Value &value) const = 0;
    virtual Result<Value> decode(QByteArrayView data, const DecodeLimits &limits = {}) const = 0;

    /*!
        Like decode(), but the items of a top-level list or tuple go to \a sink as they are
        decoded (after one ItemSink::begin()) instead of being kept: the value returned is
        then an empty list or tuple. Any other value is returned as decode() returns it and
        \a sink sees nothing. Bounds and errors are exactly decode()'s; after an error \a sink
        may have seen some items. The base implementation decodes the whole value first.
    */
    virtual Result<Value> decodeItems(QByteArrayView data, ItemSink &sink, const DecodeLimits &limits = {}) const;
    //! An ItemEncoder for this format; the base implementation gathers the items and calls encode().
    virtual std::unique_ptr<ItemEncoder> itemEncoder() const;

    /*!
        decode() with \a from, then encode() with \a to, in one pass: the items of a top-level
        list or tuple are encoded as they are decoded and never all held at once (what
        `pyroctl convert` does). Errors are those of decode() followed by encode(): a decode
        error wins over an encode error (\a decodeFailed tells which it was).
    */
    static Result<QByteArray> transcode(const Serializer &from, const Serializer &to, QByteArrayView data,
                                        bool *decodeFailed = nullptr, const DecodeLimits &limits = {});

    //! The INVOKE payload as Python Pyro4 writes it for this format.
    virtual Result<QByteArray> encodeCall(const CallEnvelope &call) const;
    //! Reads an INVOKE payload (what a daemon receives from any Pyro4 client).
    virtual Result<CallEnvelope> decodeCall(QByteArrayView data, const DecodeLimits &limits = {}) const;

    //! The registered serializers; pickle, dill and cloudpickle ids all map to the pickle decoder.
    static const Serializer *byId(SerializerId id);
    static const Serializer *byId(int id);
    static const Serializer *byName(QStringView name);
    //! "serpent", "json", "marshal", "msgpack", "pickle"
    static QStringList names();

protected:
    //! Turns the decoded envelope value (tuple/list or json dict) into a CallEnvelope.
    static Result<CallEnvelope> envelopeFromValue(const Value &v);
};

} // namespace Pyro
