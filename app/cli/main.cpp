#include "dispatcher.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pyroctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PYRO_VERSION));
    return Pyro::Cli::run(QCoreApplication::arguments().mid(1));
}
