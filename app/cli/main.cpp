#include "dispatcher.h"
#include "naming/resolve.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pyroctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PYRO_VERSION));
    Pyro::Naming::install(); // PYRONAME:/PYROMETA: for every Proxy
    return Pyro::Cli::run(QCoreApplication::arguments().mid(1));
}
