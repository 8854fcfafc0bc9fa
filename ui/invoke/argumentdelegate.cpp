#include "invoke/argumentdelegate.h"

#include "invoke/argumentmodel.h"
#include "invoke/bigintspinbox.h"
#include "invoke/containerdialog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPointer>
#include <QToolButton>

namespace Pyro::Ui {

namespace {

//! A line edit with a "…" button that edits the container in a nested dialog.
class ContainerEdit : public QWidget
{
public:
    ContainerEdit(ArgumentModel::Type type, std::function<QStringList()> uris, QWidget *parent)
        : QWidget(parent), m_edit(new QLineEdit(this))
    {
        auto *button = new QToolButton(this);
        button->setText(QStringLiteral("…"));
        button->setToolTip(ArgumentDelegate::tr("Edit the items one by one"));
        auto *layout = new QHBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(0);
        layout->addWidget(m_edit);
        layout->addWidget(button);
        setFocusProxy(m_edit);
        QObject::connect(button, &QToolButton::clicked, this, [this, type, uris] {
            ContainerDialog dialog(type, m_edit->text(), uris, this);
            if (dialog.exec() == QDialog::Accepted && !dialog.literalText().isEmpty()) {
                m_edit->setText(dialog.literalText());
                emit m_edit->textEdited(m_edit->text());
            }
        });
    }
    QLineEdit *lineEdit() const { return m_edit; }

private:
    QLineEdit *m_edit;
};

} // namespace

ArgumentDelegate::ArgumentDelegate(std::function<QStringList()> callbackUris, QObject *parent)
    : QStyledItemDelegate(parent), m_callbackUris(std::move(callbackUris))
{
}

QWidget *ArgumentDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    auto *self = const_cast<ArgumentDelegate *>(this);
    if (index.column() == ArgumentModel::TypeColumn) {
        auto *combo = new QComboBox(parent);
        for (ArgumentModel::Type t : ArgumentModel::allTypes())
            combo->addItem(ArgumentModel::typeName(t), int(t));
        connect(combo, &QComboBox::activated, self, [self, combo] { emit self->commitData(combo); });
        return combo;
    }
    if (index.column() != ArgumentModel::ValueColumn)
        return QStyledItemDelegate::createEditor(parent, option, index);

    const auto type = ArgumentModel::Type(index.data(ArgumentModel::TypeRole).toInt());
    QLineEdit *line = nullptr;
    QWidget *editor = nullptr;
    switch (type) {
    case ArgumentModel::Type::Int: {
        auto *spin = new BigIntSpinBox(parent);
        connect(spin, &BigIntSpinBox::textEdited, self, [self, spin] { emit self->commitData(spin); });
        return spin;
    }
    case ArgumentModel::Type::List:
    case ArgumentModel::Type::Tuple:
    case ArgumentModel::Type::Dict:
    case ArgumentModel::Type::Set: {
        auto *edit = new ContainerEdit(type, m_callbackUris, parent);
        line = edit->lineEdit();
        editor = edit;
        break;
    }
    case ArgumentModel::Type::CallbackProxy: {
        auto *combo = new QComboBox(parent);
        combo->setEditable(true);
        if (m_callbackUris)
            combo->addItems(m_callbackUris());
        connect(combo, &QComboBox::currentTextChanged, self, [self, combo] { emit self->commitData(combo); });
        return combo;
    }
    default:
        line = new QLineEdit(parent);
        editor = line;
        if (type == ArgumentModel::Type::BytesHex)
            line->setPlaceholderText(tr("hex digits, e.g. 00 ff 10"));
        else if (type == ArgumentModel::Type::Literal)
            line->setPlaceholderText(tr("a Python literal, e.g. {'a': (1, 2.5)}"));
        break;
    }
    QPointer<QWidget> target = editor;
    connect(line, &QLineEdit::textEdited, self, [self, target] {
        if (target)
            emit self->commitData(target);
    });
    return editor;
}

void ArgumentDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    const QString text = index.data(Qt::EditRole).toString();
    if (auto *spin = qobject_cast<BigIntSpinBox *>(editor)) {
        if (spin->text() != text)
            spin->setText(text);
    } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        if (index.column() == ArgumentModel::TypeColumn)
            combo->setCurrentIndex(combo->findData(index.data(Qt::EditRole).toInt()));
        else if (combo->currentText() != text)
            combo->setEditText(text);
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        if (line->text() != text)
            line->setText(text); // only when it differs, so live commits keep the cursor
    } else if (auto *container = dynamic_cast<ContainerEdit *>(editor)) {
        if (container->lineEdit()->text() != text)
            container->lineEdit()->setText(text);
    } else {
        QStyledItemDelegate::setEditorData(editor, index);
    }
}

void ArgumentDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *spin = qobject_cast<BigIntSpinBox *>(editor))
        model->setData(index, spin->text());
    else if (auto *combo = qobject_cast<QComboBox *>(editor))
        model->setData(index, index.column() == ArgumentModel::TypeColumn ? combo->currentData() : QVariant(combo->currentText()));
    else if (auto *line = qobject_cast<QLineEdit *>(editor))
        model->setData(index, line->text());
    else if (auto *container = dynamic_cast<ContainerEdit *>(editor))
        model->setData(index, container->lineEdit()->text());
    else
        QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace Pyro::Ui
