#pragma once

#include "support/result.h"
#include "value/value.h"

#include <QByteArray>
#include <QList>
#include <QString>

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
