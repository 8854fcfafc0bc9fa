#include "invoke/containerdialog.h"

#include "invoke/argumentdelegate.h"
#include "value/literalparser.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Pyro::Ui {

ContainerDialog::ContainerDialog(ArgumentModel::Type type, const QString &literal, std::function<QStringList()> callbackUris,
                                 QWidget *parent)
    : QDialog(parent), m_type(type), m_model(new ArgumentModel(this)), m_view(new QTableView(this))
{
    setWindowTitle(tr("Edit %1").arg(ArgumentModel::typeName(type)));
    const Result<Value> parsed = LiteralParser::parse(literal);
    if (parsed && (parsed.value().hasItems() || parsed.value().isDict()))
        m_model->setContainer(parsed.value());
    else
        m_model->setMode(type == ArgumentModel::Type::Dict ? ArgumentModel::Mode::Dict : ArgumentModel::Mode::Sequence);
    m_view->setModel(m_model);
    m_view->setItemDelegate(new ArgumentDelegate(std::move(callbackUris), m_view));
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setEditTriggers(QAbstractItemView::AllEditTriggers);

    auto *add = new QPushButton(tr("Add item"), this);
    auto *remove = new QPushButton(tr("Remove item"), this);
    auto *error = new QLabel(this);
    error->setStyleSheet(QStringLiteral("color: red"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(add, &QPushButton::clicked, this, [this] {
        ArgumentModel::Row row;
        row.type = ArgumentModel::Type::Int;
        if (m_model->mode() == ArgumentModel::Mode::Dict)
            row.name = QStringLiteral("'key%1'").arg(m_model->rowCount() + 1);
        m_model->appendRow(row);
    });
    connect(remove, &QPushButton::clicked, this, [this] { m_model->removeArgument(m_view->currentIndex().row()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_model, &ArgumentModel::rowsEdited, this, [this, error, buttons] {
        error->setText(m_model->firstError());
        buttons->button(QDialogButtonBox::Ok)->setEnabled(m_model->isValid());
    });

    auto *row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(remove);
    row->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    layout->addLayout(row);
    layout->addWidget(error);
    layout->addWidget(buttons);
    resize(520, 320);
}

QString ContainerDialog::literalText() const
{
    const Result<Value> v = m_model->containerValue(m_type);
    return v ? v.value().repr() : QString();
}

} // namespace Pyro::Ui
