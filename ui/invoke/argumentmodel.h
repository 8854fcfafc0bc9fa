#pragma once

#include "support/result.h"
#include "value/value.h"

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QList>

namespace Pyro::Ui {

/*!
    The rows of an invocation form (or of a container being edited inside one): each row has a
    name, a type that picks the editor, and the text the editor holds. The model turns the text
    into a Value per row and keeps its validity live, so the form can mark the error position
    and disable Call while any row is invalid.

    Modes: Arguments (Name is the keyword; an empty name makes the row positional), Sequence
    (list, tuple or set items; Name shows the index) and Dict (Name holds the key as a Python
    literal). Lives in the GUI thread. Pyro4 metadata has no signatures, so rows come from the
    user, from a remembered draft, from a pinned signature or from a replayed call.
*/
class ArgumentModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Type {
        Int,
        Float,
        Str,
        Bool,
        BytesHex,
        BytesText,
        None,
        List,
        Tuple,
        Dict,
        Set,
        Literal,
        CallbackProxy, //!< text is the callback object's PYRO: URI; sent as a Pyro4.core.Proxy dict
    };
    Q_ENUM(Type)
    enum class Mode { Arguments, Sequence, Dict };
    enum Column { NameColumn, TypeColumn, ValueColumn, ColumnCount };
    enum Role {
        TypeRole = Qt::UserRole + 1, //!< the row's Type as int
        ErrorRole, //!< error message of the row, empty when valid
        ErrorOffsetRole, //!< position of the error in the text, -1 when none
        ValueRole, //!< the row's Value (QVariant of Pyro::Value) when valid
    };

    struct Row
    {
        QString name;
        Type type = Type::Literal; //!< a new row takes a Python literal: typing 5 sends the int 5

        QString text;
        friend bool operator==(const Row &a, const Row &b) { return a.name == b.name && a.type == b.type && a.text == b.text; }
    };

    explicit ArgumentModel(QObject *parent = nullptr);

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);

    QList<Row> rows() const { return m_rows; }
    void setRows(const QList<Row> &rows);
    Row row(int index) const { return m_rows.value(index); }
    void appendRow(const Row &row);
    void removeArgument(int index);
    void moveArgument(int from, int to);
    void clear() { setRows({}); }

    //! Rows that describe the given arguments (types inferred from the values).
    void setArguments(const ValueList &args, const Dict &kwargs);
    //! Rows for the items of a container value (Sequence or Dict mode chosen from it).
    void setContainer(const Value &container);

    bool isValid() const;
    //! "argument 2 (x): unexpected ')' at 7" for the first invalid row; empty when valid.
    QString firstError() const;
    int firstErrorRow() const;
    Result<Value> valueAt(int row) const { return evaluate(m_rows.value(row)); }
    //! Positional rows in order (Arguments mode) / every item (Sequence mode).
    ValueList args() const;
    Dict kwargs() const;
    //! The container built from the rows, for Sequence/Dict mode: \a type picks list, tuple,
    //! set or dict.
    Result<Value> containerValue(Type type) const;

    //! A row's text turned into a Value (UsageError with offset() on bad text).
    static Result<Value> evaluate(const Row &row);
    //! The row type and text that edit \a value.
    static Row rowFor(const Value &value, const QString &name = QString());
    //! The Pyro4.core.Proxy dict a Python peer turns into a proxy for \a uri (doc 4.7).
    static Value proxyDict(const QString &uri);
    static QString typeName(Type type);
    static QString typeId(Type type);
    static Type typeFromId(const QString &id, bool *ok = nullptr);
    static QList<Type> allTypes();
    static bool isContainer(Type type) { return type == Type::List || type == Type::Tuple || type == Type::Dict || type == Type::Set; }

    //! For QSettings drafts and pinned signatures.
    static QJsonArray rowsToJson(const QList<Row> &rows);
    static QList<Row> rowsFromJson(const QJsonArray &array);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    //! Whenever the rows change in any way.
    void rowsEdited();
    void validityChanged(bool valid);

private:
    void revalidate();
    QList<Row> m_rows;
    QList<Error> m_errors;
    Mode m_mode = Mode::Arguments;
    bool m_valid = true;
};

} // namespace Pyro::Ui
