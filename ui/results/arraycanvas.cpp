#include "results/arraycanvas.h"

#include <QMouseEvent>
#include <QPainter>

namespace Pyro::Ui {

ArrayCanvas::ArrayCanvas(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ArrayCanvas::setImage(const QImage &image)
{
    m_image = image;
    update();
}

QSize ArrayCanvas::sizeHint() const
{
    return QSize(320, 240);
}

QSize ArrayCanvas::minimumSizeHint() const
{
    return QSize(64, 48);
}

QRect ArrayCanvas::imageRect() const
{
    if (m_image.isNull())
        return QRect();
    const QSize fitted = m_image.size().scaled(size(), Qt::KeepAspectRatio);
    // Whole multiples when enlarging, so that every array element is a square of equal size.
    QSize s = fitted;
    if (fitted.width() > m_image.width()) {
        const int k = qMax(1, fitted.width() / m_image.width());
        s = m_image.size() * k;
    }
    return QRect(QPoint((width() - s.width()) / 2, (height() - s.height()) / 2), s);
}

QPoint ArrayCanvas::pixelAt(const QPoint &pos) const
{
    const QRect r = imageRect();
    if (!r.contains(pos) || r.isEmpty())
        return QPoint(-1, -1);
    const int x = int(qint64(pos.x() - r.x()) * m_image.width() / r.width());
    const int y = int(qint64(pos.y() - r.y()) * m_image.height() / r.height());
    return QPoint(qMin(x, m_image.width() - 1), qMin(y, m_image.height() - 1));
}

void ArrayCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    if (m_image.isNull())
        return;
    const QRect r = imageRect();
    // Smooth when shrinking a big image, sharp pixels when enlarging a small one.
    p.setRenderHint(QPainter::SmoothPixmapTransform, r.width() < m_image.width());
    p.drawImage(r, m_image);
}

void ArrayCanvas::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint px = pixelAt(event->position().toPoint());
    emit hovered(px.y(), px.x());
}

void ArrayCanvas::leaveEvent(QEvent *)
{
    emit hovered(-1, -1);
}

} // namespace Pyro::Ui
