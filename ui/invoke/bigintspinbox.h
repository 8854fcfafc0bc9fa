#pragma once

#include <QAbstractSpinBox>

namespace Pyro::Ui {

/*!
    A spin box for Python ints of any size: the text is a decimal (or 0x/0o/0b) int literal,
    validated with LiteralParser; the arrows add or subtract one exactly, beyond 64 bits too.
*/
class BigIntSpinBox : public QAbstractSpinBox
{
    Q_OBJECT
public:
    explicit BigIntSpinBox(QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &text);

    void stepBy(int steps) override;
    QValidator::State validate(QString &input, int &pos) const override;

    //! Decimal text plus \a delta (exact for any length); the input unchanged if it is not decimal.
    static QString addToDecimal(const QString &decimal, int delta);

signals:
    void textEdited(const QString &text);

protected:
    StepEnabled stepEnabled() const override { return StepUpEnabled | StepDownEnabled; }
};

} // namespace Pyro::Ui
