#pragma once

#include "support/error.h"
#include "value/value.h"

#include <QWidget>

class QLabel;
class QMenu;
class QModelIndex;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QTreeView;

namespace Pyro::Ui {

class ArrayView;
class ValueTreeModel;

//! Timing and wire sizes of a call (whole frames, as the client reported them), -1 = unknown.
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

    URIs and proxies in a result are links (ValueTreeModel::RemoteUriRole): double-click or
    Enter opens one (openRequested()), the context menu also calls it (callRequested(): the
    invoke form targets it) and copies its URI. Arrays (a numpy array value, or a list of lists
    of numbers) get an Array tab (ArrayView: image with a colour map and pixel readout, and a
    table); a numpy array result opens there, any array-like node can be shown there from the
    tree's context menu. Lives in the GUI thread.
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
    //! The remote traceback panel (hidden for errors that have none, e.g. connection errors).
    QPlainTextEdit *tracebackView() const { return m_traceback; }
    QString statusText() const;
    ArrayView *arrayView() const { return m_arrayView; }
    //! Whether the Array tab is offered (the result, or a node shown from the tree, is array-like).
    bool hasArrayTab() const;
    bool isArrayTabCurrent() const;
    //! Shows \a value in the Array tab (decoded in the background) and brings the tab up.
    void showArray(const Value &value);
    //! The URI text of the link at \a index of the tree (empty: not a link).
    QString linkAt(const QModelIndex &index) const;
    //! The context menu of the tree at \a index (the caller owns it).
    QMenu *contextMenuFor(const QModelIndex &index);

signals:
    //! A URI or proxy in the result is to be opened in the inspector (its URI text).
    void openRequested(const QString &uri);
    //! ... opened so that the call line targets it, the cursor in the argument line.
    void callRequested(const QString &uri);

public slots:
    //! Copies the shown form (repr, JSON, or the error with its traceback) to the clipboard.
    void copy();

private:
    void fillTextTabs();
    QStackedWidget *m_stack;
    ArrayView *m_arrayView;
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
