// The decode + encode path of `pyroctl convert --from F --to F` with nothing else linked in:
// one value from stdin, decoded and encoded again by the named serializer (Serializer::transcode:
// a top-level list is re-encoded item by item as it is decoded), written to stdout.
// Used by run.sh beside convert_python.py; pyroctl itself can be timed the same way.

#include "serializers/serializer.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

using namespace Pyro;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const Serializer *s = args.size() == 2 ? Serializer::byName(args[1]) : nullptr;
    if (!s) {
        std::fprintf(stderr, "usage: bench_convert SERIALIZER < input > output\n");
        return 2;
    }
    QFile in, out;
    if (!in.open(stdin, QIODevice::ReadOnly) || !out.open(stdout, QIODevice::WriteOnly))
        return 2;
    const QByteArray input = in.readAll();
    bool decodeFailed = false;
    const Result<QByteArray> encoded = Serializer::transcode(*s, *s, input, &decodeFailed);
    if (!encoded) {
        std::fprintf(stderr, "%s: %s\n", decodeFailed ? "decode" : "encode", qPrintable(encoded.error().message()));
        return 1;
    }
    out.write(encoded.value());
    return 0;
}
