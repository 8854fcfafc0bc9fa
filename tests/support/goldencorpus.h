#pragma once

#include "serializers/serializer.h"
#include "value/value.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace Pyro::Test {

/*!
    The golden corpus of the serializer tests, the C++ side of tests/peers/golden.py: the
    CORPUS values as Python holds them and the CALLS envelopes, under the same names and in
    the same order, what each format's round trip makes of a value, and the driver that runs
    a Python peer script and collects its "NAME ..." lines up to END.
    \code
    QString failure;
    const auto dump = GoldenCorpus::runGolden(QStringLiteral("dump"), QStringLiteral("marshal"), {}, &failure);
    QVERIFY2(dump, qPrintable(failure));
    const QMap<QString, QByteArray> python = GoldenCorpus::hexLines(*dump);
    for (const auto &[name, value] : GoldenCorpus::values())
        QVERIFY(serializer->decode(python.value(name)).value() == GoldenCorpus::afterMarshal(value));
    \endcode
*/
class GoldenCorpus
{
public:
    using Entry = std::pair<QString, Value>;

    //! golden.py CORPUS.
    static QList<Entry> values();
    //! golden.py CALLS, as CallEnvelopes (call_internal sends its vargs as a list).
    static QList<CallEnvelope> calls();
    //! The names of calls(), in the same order: call_simple, call_kwargs, call_getattr, call_internal.
    static QStringList callNames();

    //! What a serpent round trip makes of a value: bytes become serpent's base64 dict, a
    //! frozenset a set (an empty one the empty tuple).
    static Value afterSerpent(const Value &v);
    //! What Python's json makes of a value: tuples and sets become lists, non-str keys are
    //! stringified. False for what Python's json cannot encode (bytes, complex, frozenset, ...).
    static bool afterJson(const Value &v, Value &out);
    //! What a marshal round trip makes of a value: bytearray comes back as bytes.
    static Value afterMarshal(const Value &v);
    //! What a msgpack round trip makes of a value: tuples and sets become lists (arrays),
    //! bytearray becomes bytes. Map keys that were tuples come back as tuples.
    static Value afterMsgpack(const Value &v);

    /*!
        Runs \a script from tests/peers with \a args, writes \a input to its stdin one line
        each, closes it and returns the output lines up to END (READY is consumed by
        PeerProcess). nullopt when the peer does not start or ends without END (\a failure
        says which).
    */
    static std::optional<QStringList> runPeer(const QString &script, const QStringList &args, const QStringList &input,
                                              QString *failure);
    //! runPeer() on golden.py \a command \a serializer.
    static std::optional<QStringList> runGolden(const QString &command, const QString &serializer,
                                                const QStringList &input, QString *failure);

    //! "NAME HEX" lines as \a prefix + NAME -> bytes; "SKIP NAME reason" lines go to \a skipped.
    static QMap<QString, QByteArray> hexLines(const QStringList &lines, const QString &prefix = QString(),
                                              QStringList *skipped = nullptr);
    //! Lines by name: "NAME rest" as NAME -> "rest"; "OK NAME rest", "FAIL NAME rest" and
    //! "SKIP NAME rest" as NAME -> "KIND rest".
    static QMap<QString, QString> byName(const QStringList &lines);
    //! "NAME HEX", a line for golden.py check / repr.
    static QString hexLine(const QString &name, const QByteArray &data);

    //! A value as serpent text, for failure messages ("<unencodable>" when serpent cannot).
    static QString show(const Value &v);
};

} // namespace Pyro::Test
