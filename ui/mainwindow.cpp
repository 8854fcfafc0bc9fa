#include "mainwindow.h"

#include <QLabel>

namespace Pyro::Ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Pyro Explorer"));
    setCentralWidget(new QLabel(tr("Pyro Explorer"), this));
}

} // namespace Pyro::Ui
