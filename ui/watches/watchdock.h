#pragma once

#include "watches/watch.h"

#include <QPointer>
#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSplitter;
class QTableView;

namespace Pyro::Ui {

class LineChart;
class Session;
class WatchList;

/*!
    The Watches dock's content: the watched attributes and zero-argument methods (WatchList)
    in a table — value, time of the last change, interval, state — and, for the selected
    watch, its interval (0.1–60 s), Pause / Resume, Remove, and a live LineChart of its
    numbers (the value, or a dict's numeric fields). Watches are added from the inspector's
    and the history's context menus (addWatch()). Lives in the GUI thread.
*/
class WatchDock : public QWidget
{
    Q_OBJECT
public:
    explicit WatchDock(Session *session, QWidget *parent = nullptr);
    ~WatchDock() override;

    WatchList *list() const { return m_list; }
    QTableView *view() const { return m_view; }
    LineChart *chart() const { return m_chart; }
    QDoubleSpinBox *intervalBox() const { return m_interval; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *removeButton() const { return m_remove; }
    //! The selected watch (the chart shows it), nullptr when none.
    Watch *currentWatch() const;

public slots:
    //! Adds (or finds) the watch and selects it.
    Watch *addWatch(const QString &uri, const QString &member, Pyro::Ui::Watch::Kind kind);
    void selectWatch(Pyro::Ui::Watch *watch);

private:
    void onCurrentChanged();
    void updateControls();

    WatchList *m_list;
    QTableView *m_view;
    LineChart *m_chart;
    QDoubleSpinBox *m_interval;
    QPushButton *m_pause;
    QPushButton *m_remove;
    QSplitter *m_split;
    QPointer<Watch> m_current;
    QMetaObject::Connection m_sampleConnection;
    QMetaObject::Connection m_settingsConnection;
};

} // namespace Pyro::Ui
