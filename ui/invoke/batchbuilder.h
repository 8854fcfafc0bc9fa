#pragma once

#include "invoke/invocation.h"

#include <QWidget>

class QListWidget;
class QPushButton;

namespace Pyro::Ui {

/*!
    The "Batch" tab: calls collected one by one ("Add current call"), sent together as one
    Pyro4 or Pyro5 batch (one message, one object, one serializer). Holds the list; the
    InvokePanel sends it when runRequested() fires, and writes it as Python code when
    copyPythonRequested() fires.
*/
class BatchBuilder : public QWidget
{
    Q_OBJECT
public:
    explicit BatchBuilder(QWidget *parent = nullptr);

    QList<Invocation> invocations() const { return m_calls; }
    bool isEmpty() const { return m_calls.isEmpty(); }
    //! Adds \a call; an error text (and nothing added) when it cannot join this batch.
    QString add(const Invocation &call);
    void clear();
    void setRunEnabled(bool enabled);

signals:
    void addRequested();
    void runRequested();
    //! "Copy as Python code": the batch as a Pyro4.batch / Pyro5.api.BatchProxy snippet.
    void copyPythonRequested();
    void changed();

private:
    QListWidget *m_list;
    QPushButton *m_run;
    QPushButton *m_copyPython;
    QList<Invocation> m_calls;
};

} // namespace Pyro::Ui
