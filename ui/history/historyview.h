#pragma once

#include "invoke/invocation.h"

#include <QList>
#include <QWidget>

class QAction;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace Pyro::Ui {

class HistoryModel;
class Session;

/*!
    The call history (HistoryModel::instance() unless another model is given): searchable
    (every column), with Replay, "Copy as pyroctl", "Copy as Python" and Clear. Replay goes
    through HistoryModel::replayRequested(), which the InvokePanels listen to; the view also
    emits its own replayRequested() for whoever wants to raise the panel.
*/
class HistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryView(Session *session, QWidget *parent = nullptr);
    HistoryView(Session *session, HistoryModel *model, QWidget *parent = nullptr);

    HistoryModel *model() const { return m_model; }
    QSortFilterProxyModel *filterModel() const { return m_filter; }
    QTableView *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    QList<QAction *> actions() const { return m_actions; }

    //! The selected entry's invocation (invalid when none).
    Invocation currentInvocation() const;
    //! The text "Copy as ..." puts on the clipboard for the selection.
    QString pyroctlText() const;
    QString pythonText() const;

public slots:
    void replaySelected();
    void copyAsPyroctl();
    void copyAsPython();

signals:
    void replayRequested(const Pyro::Ui::Invocation &invocation);

private:
    int currentSourceRow() const;
    Session *m_session;
    HistoryModel *m_model;
    QSortFilterProxyModel *m_filter;
    QTableView *m_view;
    QLineEdit *m_search;
    QList<QAction *> m_actions;
};

} // namespace Pyro::Ui
