#pragma once

#include "support/result.h"
#include "value/value.h"

#include <QByteArray>

namespace Pyro {

/*!
    Writes one Value as a pickle (protocol 5 opcodes, without framing, which is optional)
    that Python 3.11's pickle.loads reads back as the same value. Internal to
    PickleSerializer; one instance encodes one payload.

    Class dicts Python must receive as real objects are written as those objects, exactly as
    Python pickles them: exception dicts of builtins.* and Pyro4.errors.* classes (REDUCE with
    the args, BUILD with the attributes, so a Python client raises the right exception with
    its _pyroTraceback), Pyro4.core.URI and Pyro4.core.Proxy (NEWOBJ + BUILD with the state
    their __setstate__ expects) and Pyro4.futures._ExceptionWrapper. Any other dict is a
    plain dict. Exception dicts of other classes are refused: writing an arbitrary
    "module.name" global would make the receiving Python import and call it.
*/
class PickleEncoder
{
public:
    Result<QByteArray> encode(const Value &value);

private:
    bool write(const Value &v, int depth);
    void writeInt(const Value &v);
    void writeStr(const QString &s);
    void writeSized(char op1, char op4, char op8, QByteArrayView data); // 1-, 4- and 8-byte length forms
    void writeGlobal(const char *module, const char *name);
    bool writeItems(const ValueList &items, int depth);
    bool writeDictItems(const Dict &d, int depth, bool skipClass);
    bool writeException(const Dict &d, int depth);
    bool writeUri(const Value &state, int depth);
    bool writeProxy(const Value &state, int depth);
    bool writeExceptionWrapper(const Dict &d, int depth);
    bool fail(const QString &message);

    QByteArray m_out;
    Error m_error;
};

} // namespace Pyro
