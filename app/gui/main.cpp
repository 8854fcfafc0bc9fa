// pyro-explorer: the GUI. Thin: parses the command line, loads the translation, shows the window.
#include "screenshotter.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("pyro-explorer"));
    QApplication::setOrganizationName(QStringLiteral("PyroExplorer"));
    QApplication::setApplicationDisplayName(QStringLiteral("Pyro Explorer"));
    QApplication::setApplicationVersion(QStringLiteral(PYRO_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("pyro-explorer"));

    // Our own strings, then Qt's (standard dialog buttons), both by the system locale.
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("pyroexplorer"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Explorer for Pyro4 remote objects"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QApplication::translate("main", "Start the embedded name server and demo objects and show them."));
    const QCommandLineOption ns(QStringLiteral("ns"), QApplication::translate("main", "Open the name server at HOST[:PORT]."),
                                QStringLiteral("HOST[:PORT]"));
    // For scripts/screenshots.sh: drive the --demo window through its screens into PNGs, then quit.
    QCommandLineOption screenshots(QStringLiteral("screenshot-dir"), QString(), QStringLiteral("DIR"));
    screenshots.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(demo);
    parser.addOption(ns);
    parser.addOption(screenshots);
    parser.addPositionalArgument(QStringLiteral("uri"),
                                 QApplication::translate("main", "A PYRO:, PYRONAME: or PYROMETA: URI, or a pyroexplorer:// link, to open."),
                                 QStringLiteral("[uri|link]"));
    parser.process(app);

    Pyro::Ui::StartOptions options;
    options.demo = parser.isSet(demo);
    options.nameServer = parser.value(ns);
    if (!parser.positionalArguments().isEmpty())
        options.uri = parser.positionalArguments().constFirst();

    QString screenshotDir = parser.value(screenshots);
    if (screenshotDir.isEmpty())
        screenshotDir = qEnvironmentVariable("PYRO_EXPLORER_SCREENSHOTS");
    if (!screenshotDir.isEmpty())
        options.demo = true;

    Pyro::Ui::MainWindow window;
    if (!screenshotDir.isEmpty()) // before show(): it sets the window's size
        (new Pyro::Ui::Screenshotter(&window, screenshotDir, &window))->start();
    window.show();
    window.start(options);
    return app.exec();
}
