#include "serializers/pickle/pickleglobals.h"

#include <QRegularExpression>
#include <QSet>

namespace Pyro::PickleGlobals {

namespace {

// dir(builtins) exception classes of CPython 3.11.
const QSet<QString> &builtinExceptions()
{
    static const QSet<QString> names = [] {
        QSet<QString> s;
        const char *const list[] = {
            "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup",
            "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError",
            "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
            "DeprecationWarning", "EOFError", "EncodingWarning", "EnvironmentError", "Exception",
            "ExceptionGroup", "FileExistsError", "FileNotFoundError", "FloatingPointError", "FutureWarning",
            "GeneratorExit", "IOError", "ImportError", "ImportWarning", "IndentationError", "IndexError",
            "InterruptedError", "IsADirectoryError", "KeyError", "KeyboardInterrupt", "LookupError",
            "MemoryError", "ModuleNotFoundError", "NameError", "NotADirectoryError", "NotImplementedError",
            "OSError", "OverflowError", "PendingDeprecationWarning", "PermissionError", "ProcessLookupError",
            "RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError", "RuntimeWarning",
            "StopAsyncIteration", "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError",
            "SystemExit", "TabError", "TimeoutError", "TypeError", "UnboundLocalError",
            "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError",
            "UnicodeWarning", "UserWarning", "ValueError", "Warning", "ZeroDivisionError",
        };
        for (const char *n : list)
            s.insert(QLatin1String(n));
        return s;
    }();
    return names;
}

// The classes in Pyro4/errors.py (4.82).
const QSet<QString> &pyroErrors()
{
    static const QSet<QString> names = [] {
        QSet<QString> s;
        const char *const list[] = {
            "PyroError", "CommunicationError", "ConnectionClosedError", "TimeoutError", "ProtocolError",
            "MessageTooLargeError", "NamingError", "DaemonError", "SecurityError", "SerializeError",
        };
        for (const char *n : list)
            s.insert(QLatin1String(n));
        return s;
    }();
    return names;
}

const QString kBuiltinsPrefix = QStringLiteral("builtins.");
const QString kPyroErrorsPrefix = QStringLiteral("Pyro4.errors.");

Result<QString> stringAt(const ValueList &state, int i, const char *what)
{
    if (!state.at(i).isStr())
        return Error(Error::Code::SerializeError,
                     QStringLiteral("pickle: URI %1 must be a str, not %2").arg(QLatin1String(what), state.at(i).typeName()));
    return state.at(i).toStr();
}

} // namespace

QString qualifiedName(const QString &module, const QString &name, int protocol)
{
    if (protocol < 3) {
        if (module == QLatin1String("__builtin__"))
            return kBuiltinsPrefix + name;
        if (module == QLatin1String("copy_reg"))
            return QStringLiteral("copyreg.") + name;
        if (module == QLatin1String("exceptions"))
            return kBuiltinsPrefix + (name == QLatin1String("StandardError") ? QStringLiteral("Exception") : name);
    }
    return module + QLatin1Char('.') + name;
}

Builder builderFor(const QString &qualifiedName)
{
    static const QHash<QString, Builder> fixed = {
        { QStringLiteral("builtins.complex"), Builder::Complex },
        { QStringLiteral("builtins.set"), Builder::Set },
        { QStringLiteral("builtins.frozenset"), Builder::FrozenSet },
        { QStringLiteral("builtins.bytearray"), Builder::ByteArray },
        { QStringLiteral("builtins.bytes"), Builder::Bytes },
        { QStringLiteral("builtins.object"), Builder::Object },
        { QStringLiteral("builtins.tuple"), Builder::BaseType },
        { QStringLiteral("builtins.list"), Builder::BaseType },
        { QStringLiteral("builtins.dict"), Builder::BaseType },
        { QStringLiteral("builtins.int"), Builder::BaseType },
        { QStringLiteral("builtins.float"), Builder::BaseType },
        { QStringLiteral("builtins.str"), Builder::BaseType },
        { QStringLiteral("_codecs.encode"), Builder::CodecsEncode },
        { QStringLiteral("copyreg._reconstructor"), Builder::Reconstructor },
        { QStringLiteral("copyreg.__newobj__"), Builder::NewObj },
        { QStringLiteral("Pyro4.core.URI"), Builder::Uri },
        { QStringLiteral("Pyro4.core.Proxy"), Builder::Proxy },
        { QStringLiteral("Pyro4.futures._ExceptionWrapper"), Builder::ExceptionWrapper },
    };
    const auto it = fixed.constFind(qualifiedName);
    if (it != fixed.cend())
        return it.value();
    if (isKnownExceptionClass(qualifiedName))
        return Builder::Exception;
    if (qualifiedName == QLatin1String("builtins.getattr"))
        return Builder::GetAttr;
    return isInertClass(qualifiedName) ? Builder::Inert : Builder::Refused;
}

bool isInertClass(const QString &qualifiedName)
{
    // The numpy names the decoder turns into arrays and numbers (numpy 1 and numpy 2 spellings).
    static const QSet<QString> numpyNames = [] {
        QSet<QString> s;
        const char *const list[] = {
            "numpy.ndarray", "numpy.dtype",
            "numpy.core.multiarray._reconstruct", "numpy.core.multiarray.scalar",
            "numpy.core._multiarray_umath._reconstruct", "numpy.core._multiarray_umath.scalar",
            "numpy.core.numeric._frombuffer",
            "numpy._core.multiarray._reconstruct", "numpy._core.multiarray.scalar",
            "numpy._core._multiarray_umath._reconstruct", "numpy._core._multiarray_umath.scalar",
            "numpy._core.numeric._frombuffer",
        };
        for (const char *n : list)
            s.insert(QLatin1String(n));
        return s;
    }();
    // Modules whose classes and functions are actions rather than data (or that Python 2
    // names only): nothing from them is ever represented, even inertly, so that a decoded
    // value can never describe one of them as if it were data.
    static const QSet<QString> refusedModules = [] {
        QSet<QString> s;
        const char *const list[] = {
            "builtins", "__builtin__", "exceptions", "copy_reg", "copyreg", "os", "posix", "nt", "posixpath",
            "ntpath", "sys", "subprocess", "_posixsubprocess", "importlib", "imp", "zipimport", "pkgutil", "runpy",
            "code", "codeop", "ctypes", "_ctypes", "multiprocessing", "threading", "_thread", "concurrent", "asyncio",
            "socket", "_socket", "socketserver", "ssl", "select", "selectors", "shutil", "pty", "signal", "pickle",
            "_pickle", "marshal", "types", "io", "_io", "tempfile", "webbrowser", "inspect", "gc", "functools",
            "operator", "_operator", "platform", "site", "http", "urllib", "ftplib", "smtplib", "telnetlib",
            "xmlrpc", "tkinter", "sqlite3", "dbm", "shelve", "pathlib", "glob", "logging", "atexit", "weakref",
            "Pyro4", "Pyro5", "serpent", "dill", "cloudpickle",
        };
        for (const char *n : list)
            s.insert(QLatin1String(n));
        return s;
    }();
    if (numpyNames.contains(qualifiedName))
        return true;
    const qsizetype dot = qualifiedName.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0 || dot + 1 >= qualifiedName.size())
        return false;
    const QString topModule = qualifiedName.left(qualifiedName.indexOf(QLatin1Char('.')));
    if (refusedModules.contains(topModule) || topModule == QLatin1String("numpy"))
        return false;
    const QChar first = qualifiedName.at(dot + 1);
    if (first < QLatin1Char('A') || first > QLatin1Char('Z'))
        return false;
    for (qsizetype i = 0; i < qualifiedName.size(); ++i) {
        const QChar c = qualifiedName.at(i);
        if (!(c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.')))
            return false;
    }
    return true;
}

bool isKnownExceptionClass(const QString &className)
{
    if (className.startsWith(kBuiltinsPrefix))
        return builtinExceptions().contains(className.mid(kBuiltinsPrefix.size()));
    if (className.startsWith(kPyroErrorsPrefix))
        return pyroErrors().contains(className.mid(kPyroErrorsPrefix.size()));
    return false;
}

Result<QString> uriStringFromState(const Value &stateValue)
{
    if (!stateValue.isSequence() || stateValue.items().size() != 5)
        return Error(Error::Code::SerializeError, QStringLiteral("pickle: URI state must be a 5-tuple (protocol, object, sockname, host, port)"));
    const ValueList &state = stateValue.items();
    const Result<QString> protocol = stringAt(state, 0, "protocol");
    if (!protocol)
        return protocol.error();
    QString result = protocol.value() + QLatin1Char(':');
    if (protocol.value() == QLatin1String("PYROMETA") && state.at(1).hasItems()) {
        QStringList tags;
        for (const Value &tag : state.at(1).items()) {
            if (!tag.isStr())
                return Error(Error::Code::SerializeError, QStringLiteral("pickle: PYROMETA URI tags must be strings"));
            tags.append(tag.toStr());
        }
        result += tags.join(QLatin1Char(','));
    } else {
        const Result<QString> object = stringAt(state, 1, "object");
        if (!object)
            return object.error();
        result += object.value();
    }
    const Value &sockname = state.at(2);
    const Value &host = state.at(3);
    const Value &port = state.at(4);
    if (host.isStr() && !host.toStr().isEmpty()) {
        if (!port.isInt())
            return Error(Error::Code::SerializeError, QStringLiteral("pickle: URI port must be an int"));
        const QString portText = port.toBigInt().toString();
        if (host.toStr().contains(QLatin1Char(':')))
            result += QStringLiteral("@[%1]:%2").arg(host.toStr(), portText);
        else
            result += QStringLiteral("@%1:%2").arg(host.toStr(), portText);
    } else if (sockname.isStr() && !sockname.toStr().isEmpty()) {
        result += QStringLiteral("@./u:") + sockname.toStr();
    }
    return result;
}

Result<Value> uriStateFromString(const QString &uri)
{
    // Pyro4.core.URI.uriRegEx, used with re.match (anchored at the start).
    static const QRegularExpression uriRegEx(
            QStringLiteral("^(?P<protocol>[Pp][Yy][Rr][Oo][a-zA-Z]*):(?P<object>\\S+?)(@(?P<location>.+))?$"),
            QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression ipv6RegEx(QStringLiteral("^\\[([0-9a-fA-F:%]+)](:(\\d+))?"));
    const auto invalid = [&uri](const QString &why) {
        return Error(Error::Code::SerializeError, QStringLiteral("pickle: invalid URI '%1': %2").arg(uri, why));
    };

    const QRegularExpressionMatch match = uriRegEx.match(uri);
    if (!match.hasMatch())
        return invalid(QStringLiteral("not a Pyro URI"));
    const QString protocol = match.captured(u"protocol").toUpper();
    const QString objectText = match.captured(u"object");
    const QString location = match.captured(u"location");
    Value object = objectText;
    Value sockname, host, port;
    int defaultPort = 0; // 0: none, as for PYRO
    if (protocol == QLatin1String("PYRONAME")) {
        defaultPort = 9090;
    } else if (protocol == QLatin1String("PYRO")) {
        if (location.isEmpty())
            return invalid(QStringLiteral("PYRO needs a location"));
    } else if (protocol == QLatin1String("PYROMETA")) {
        ValueList tags;
        for (const QString &tag : objectText.split(QLatin1Char(',')))
            tags.append(tag.trimmed());
        object = Value::set(tags);
        defaultPort = 9090;
    } else {
        return invalid(QStringLiteral("unknown protocol"));
    }

    if (!location.isEmpty()) {
        if (location.startsWith(QLatin1String("./u:"))) {
            const QString path = location.mid(4);
            if (path.isEmpty() || path.contains(QLatin1Char(':')))
                return invalid(QStringLiteral("bad unix socket location"));
            sockname = path;
        } else {
            QString hostText, portText;
            if (location.startsWith(QLatin1Char('['))) {
                if (location.startsWith(QLatin1String("[[")))
                    return invalid(QStringLiteral("IPv6 address enclosed in too many brackets"));
                const QRegularExpressionMatch m = ipv6RegEx.match(location);
                if (!m.hasMatch())
                    return invalid(QStringLiteral("the part between brackets must be a numeric IPv6 address"));
                hostText = m.captured(1);
                portText = m.captured(3);
            } else {
                const qsizetype colon = location.indexOf(QLatin1Char(':'));
                hostText = colon < 0 ? location : location.left(colon);
                portText = colon < 0 ? QString() : location.mid(colon + 1);
            }
            host = hostText;
            if (portText.isEmpty()) {
                if (defaultPort == 0)
                    return invalid(QStringLiteral("missing port"));
                port = defaultPort;
            } else {
                bool ok = false;
                const int p = portText.trimmed().toInt(&ok);
                if (!ok)
                    return invalid(QStringLiteral("invalid port"));
                port = p;
            }
        }
    }
    return Value::tuple({ protocol, object, sockname, host, port });
}

} // namespace Pyro::PickleGlobals
