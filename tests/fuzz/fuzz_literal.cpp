// libFuzzer target for LiteralParser: any UTF-8 text is parsed; the repr() of whatever
// parses must parse again (LiteralParser promises to read every ReprWriter output). Not
// necessarily to an equal value: "(-0-1.5j)" reads back with a real part of +0.0, exactly as
// Python's literal_eval does.

#include "value/literalparser.h"

#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Pyro::Result<Pyro::Value> parsed = Pyro::LiteralParser::parse(text);
    if (!parsed.ok())
        return 0;
    const QString repr = parsed.value().repr();
    const Pyro::Result<Pyro::Value> again = Pyro::LiteralParser::parse(repr);
    if (!again.ok()) {
        std::fprintf(stderr, "repr does not read back: %s -> %s\n", qPrintable(repr),
                     qPrintable(again.error().message()));
        std::abort();
    }
    return 0;
}
