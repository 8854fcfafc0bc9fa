#pragma once

#include "support/error.h"
#include "value/value.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QTreeView;

namespace Pyro::Ui {

class ValueTreeModel;

//! Timing and sizes of a call, as far as they are known (-1 = unknown).
struct CallStats
{
    double roundTripMs = -1;
    qint64 requestBytes = -1;
    qint64 replyBytes = -1;
    QString note; //!< e.g. "oneway: no reply" or "batch of 3"
};

/*!
    Shows the outcome of one call: the value as a lazy tree (ValueTreeModel) with its Python
    repr and JSON in tabs beside it, or a remote exception (layer, class, message and the
    remote traceback in a monospaced panel), plus round-trip time and message sizes.
    The repr and JSON texts are made only when their tab is shown (big results stay cheap).
    Lives in the GUI thread.
*/
class ResultView : public QWidget
{
    Q_OBJECT
public:
    using Stats = CallStats;

    explicit ResultView(QWidget *parent = nullptr);

    void setPending(const QString &what);
    void setResult(const Value &value, const CallStats &stats = CallStats());
    void setError(const Error &error, const CallStats &stats = CallStats());
    void clear();

    Value value() const { return m_value; }
    Error error() const { return m_error; }
    ValueTreeModel *treeModel() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    QString reprText() const;
    QString jsonText() const;
    //! The headline of the error panel ("Remote code: builtins.ValueError: ...").
    QString errorText() const;
    QString tracebackText() const;
    QString statusText() const;

public slots:
    //! Copies the shown form (repr, JSON, or the error with its traceback) to the clipboard.
    void copy();

private:
    void fillTextTabs();
    QStackedWidget *m_stack;
    QTabWidget *m_tabs;
    QTreeView *m_tree;
    ValueTreeModel *m_model;
    QPlainTextEdit *m_repr;
    QPlainTextEdit *m_json;
    QLabel *m_errorLabel;
    QPlainTextEdit *m_traceback;
    QLabel *m_tracebackLabel;
    QLabel *m_status;
    Value m_value;
    Error m_error;
    bool m_textsFilled = false;
};

} // namespace Pyro::Ui
