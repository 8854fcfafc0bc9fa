#pragma once

#include "invoke/argumentmodel.h"

#include <QDialog>

#include <functional>

class QTableView;

namespace Pyro::Ui {

/*!
    Edits the items of a list, tuple, set or dict as a table of typed rows (the same
    ArgumentModel and ArgumentDelegate as the form, so containers nest to any depth).
    literalText() is the result as a Python literal for the parent row.
*/
class ContainerDialog : public QDialog
{
    Q_OBJECT
public:
    ContainerDialog(ArgumentModel::Type type, const QString &literal, std::function<QStringList()> callbackUris,
                    QWidget *parent = nullptr);

    ArgumentModel *model() const { return m_model; }
    //! The container as Python source; empty when a row is invalid.
    QString literalText() const;

private:
    ArgumentModel::Type m_type;
    ArgumentModel *m_model;
    QTableView *m_view;
};

} // namespace Pyro::Ui
