#pragma once

#include <QMainWindow>

namespace Pyro::Ui {

//! The explorer's main window (placeholder until the explorer lands).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace Pyro::Ui
