#pragma once

#include <QStyledItemDelegate>

#include <functional>

namespace Pyro::Ui {

/*!
    The editor factory of an ArgumentModel view: a type combo box in the Type column and, in
    the Value column, the editor that fits the row's type (BigIntSpinBox for int, a line edit
    for float, str, bytes and literals, a line edit with a "…" button that opens a nested
    ContainerDialog for list/tuple/dict/set, an editable combo box of the callback objects for
    callback proxies; bool rows use the check box of the model). Every keystroke is committed,
    so the model validates live.
*/
class ArgumentDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    //! \a callbackUris lists the URIs offered for "callback proxy" rows (may be empty).
    explicit ArgumentDelegate(std::function<QStringList()> callbackUris = {}, QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

private:
    std::function<QStringList()> m_callbackUris;
};

} // namespace Pyro::Ui
