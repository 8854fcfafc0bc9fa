// libFuzzer target for LiteralParser: any UTF-8 text is parsed; whatever parses must read
// back equal from its repr(), which LiteralParser promises for every ReprWriter output.

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
    if (!again.ok() || !(again.value() == parsed.value())) {
        std::fprintf(stderr, "repr does not read back: %s -> %s\n", qPrintable(repr),
                     qPrintable(again.ok() ? again.value().repr() : again.error().message()));
        std::abort();
    }
    return 0;
}
