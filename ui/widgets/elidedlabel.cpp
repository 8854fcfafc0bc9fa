#include "widgets/elidedlabel.h"

#include <QPainter>

namespace Pyro::Ui {

ElidedLabel::ElidedLabel(QWidget *parent) : QFrame(parent)
{
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
}

void ElidedLabel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    // Only the first line is drawn; the tooltip has everything.
    setToolTip(text);
    update();
}

void ElidedLabel::setElideMode(Qt::TextElideMode mode)
{
    m_mode = mode;
    update();
}

QSize ElidedLabel::sizeHint() const
{
    const QString first = m_text.section(u'\n', 0, 0);
    return { fontMetrics().horizontalAdvance(first) + 2 * frameWidth(), fontMetrics().height() + 2 * frameWidth() };
}

QSize ElidedLabel::minimumSizeHint() const
{
    return { 0, fontMetrics().height() + 2 * frameWidth() };
}

void ElidedLabel::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    QPainter p(this);
    p.setPen(palette().color(foregroundRole()));
    const QRect r = contentsRect();
    const QString first = m_text.section(u'\n', 0, 0);
    p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, fontMetrics().elidedText(first, m_mode, r.width()));
}

} // namespace Pyro::Ui
