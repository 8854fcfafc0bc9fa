#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTableView;

namespace Pyro::Ui {

class CallbackHost;
class CallSequenceModel;
class CallSequenceView;
class HistoryModel;
class Session;

/*!
    The callback workbench: the built-in daemon's address (CallbackHost::instance()), the
    callback objects the user created, per method a canned reply (return a literal, raise
    builtins.<Exception>(message), after a delay; oneway or not), each object's URI to copy
    or to pick in an argument form ("callback proxy" type), and the live log of every incoming
    call in time order (time, caller, object, method, arguments, reply; callback errors marked,
    see CallbackHost). Next to the log, a sequence diagram (CallSequenceModel, CallSequenceView)
    of the explorer's calls out (from the HistoryModel) and the callbacks in, with their replies.
*/
class CallbackWorkbench : public QWidget
{
    Q_OBJECT
public:
    explicit CallbackWorkbench(Session *session, QWidget *parent = nullptr);

    CallbackHost *host() const { return m_host; }
    QTableView *logView() const { return m_log; }
    CallSequenceModel *sequenceModel() const { return m_sequence; }
    CallSequenceView *sequenceView() const { return m_sequenceView; }
    //! The calls the sequence view shows as calls out (HistoryModel::instance() by default).
    void setHistoryModel(HistoryModel *history);
    QList<QAction *> actions() const { return m_actions; }

    //! What the "Create" and "Set reply" buttons do (for scripts and tests).
    QString createObject(const QString &name);
    void setReply(const QString &object, const QString &method, const QString &kind, const QString &text, int delayMs,
                  bool oneway = false);

private:
    void refreshObjects();
    void refreshMethods();
    QString currentObject() const;

    CallbackHost *m_host;
    QLabel *m_address;
    QLineEdit *m_newName;
    QListWidget *m_objects;
    QLabel *m_uri;
    QTableView *m_methods;
    QLineEdit *m_methodName;
    QComboBox *m_kind;
    QLineEdit *m_replyText;
    QLineEdit *m_exceptionClass;
    QSpinBox *m_delay;
    QTableView *m_log;
    CallSequenceModel *m_sequence;
    CallSequenceView *m_sequenceView;
    QList<QAction *> m_actions;
};

} // namespace Pyro::Ui
