#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace Pyro::Ui {

class MainWindow;

/*!
    Drives a MainWindow started with --demo through its main screens and saves each as a PNG
    (for docs/screenshots, see scripts/screenshots.sh), then quits the application.
    Each step waits until its condition holds (polled, with a time limit) and then acts;
    a step that times out is saved anyway and noted on stderr.
*/
class Screenshotter : public QObject
{
    Q_OBJECT
public:
    Screenshotter(MainWindow *window, const QString &directory, QObject *parent = nullptr);
    void start();

private:
    struct Step
    {
        QString what;
        std::function<bool()> ready;
        std::function<void()> action;
        int timeoutMs;
    };
    void add(const QString &what, std::function<bool()> ready, std::function<void()> action, int timeoutMs = 15000);
    void grab(QWidget *widget, const QString &fileName);
    void poll();

    MainWindow *m_window;
    QString m_directory;
    QList<Step> m_steps;
    QTimer m_timer;
    int m_waitedMs = 0;
    int m_failures = 0;
};

} // namespace Pyro::Ui
