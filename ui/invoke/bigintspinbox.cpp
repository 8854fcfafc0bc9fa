#include "invoke/bigintspinbox.h"

#include "value/literalparser.h"

#include <QLineEdit>

namespace Pyro::Ui {

namespace {

// |a| + 1 or |a| - 1 on a string of decimal digits (a >= 1 for minus).
QString incrementMagnitude(QString digits)
{
    int i = int(digits.size()) - 1;
    while (i >= 0 && digits.at(i) == u'9') {
        digits[i] = u'0';
        --i;
    }
    if (i < 0)
        digits.prepend(u'1');
    else
        digits[i] = QChar(digits.at(i).unicode() + 1);
    return digits;
}

QString decrementMagnitude(QString digits)
{
    int i = int(digits.size()) - 1;
    while (i >= 0 && digits.at(i) == u'0') {
        digits[i] = u'9';
        --i;
    }
    if (i >= 0)
        digits[i] = QChar(digits.at(i).unicode() - 1);
    while (digits.size() > 1 && digits.front() == u'0')
        digits.remove(0, 1);
    return digits;
}

} // namespace

BigIntSpinBox::BigIntSpinBox(QWidget *parent) : QAbstractSpinBox(parent)
{
    connect(lineEdit(), &QLineEdit::textEdited, this, &BigIntSpinBox::textEdited);
}

QString BigIntSpinBox::text() const
{
    return lineEdit()->text();
}

void BigIntSpinBox::setText(const QString &text)
{
    lineEdit()->setText(text);
}

QString BigIntSpinBox::addToDecimal(const QString &decimal, int delta)
{
    QString t = decimal.trimmed();
    t.remove(u'_');
    bool negative = t.startsWith(u'-');
    if (negative || t.startsWith(u'+'))
        t.remove(0, 1);
    if (t.isEmpty())
        t = QStringLiteral("0");
    for (QChar c : std::as_const(t)) {
        if (!c.isDigit() || c.unicode() > 127)
            return decimal;
    }
    while (t.size() > 1 && t.front() == u'0')
        t.remove(0, 1);
    for (int i = 0; i < std::abs(delta); ++i) {
        const bool up = delta > 0;
        if (t == QLatin1String("0")) {
            t = QStringLiteral("1");
            negative = !up;
        } else if (up != negative) {
            t = incrementMagnitude(t);
        } else {
            t = decrementMagnitude(t);
            if (t == QLatin1String("0"))
                negative = false;
        }
    }
    return negative ? u'-' + t : t;
}

void BigIntSpinBox::stepBy(int steps)
{
    const QString next = addToDecimal(text(), steps);
    if (next != text()) {
        setText(next);
        emit textEdited(next);
    }
}

QValidator::State BigIntSpinBox::validate(QString &input, int &) const
{
    const QString t = input.trimmed();
    if (t.isEmpty() || t == QLatin1String("-") || t == QLatin1String("+"))
        return QValidator::Intermediate;
    const Result<Value> v = LiteralParser::parse(t);
    return v && v.value().isInt() ? QValidator::Acceptable : QValidator::Intermediate;
}

} // namespace Pyro::Ui
