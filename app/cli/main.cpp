#include <QCoreApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pyroctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PYRO_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Command-line client for Pyro4 remote objects"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);
    return 0;
}
