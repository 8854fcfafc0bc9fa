#include "mainwindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("pyro-explorer"));
    QApplication::setOrganizationName(QStringLiteral("PyroExplorer"));
    QApplication::setApplicationVersion(QStringLiteral(PYRO_VERSION));
    Pyro::Ui::MainWindow window;
    window.show();
    return app.exec();
}
