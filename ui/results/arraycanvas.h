#pragma once

#include <QImage>
#include <QWidget>

namespace Pyro::Ui {

/*!
    Draws an image scaled to fit (aspect kept, pixels stay square and sharp when enlarged) and
    reports the pixel under the mouse (hovered(), -1 when outside). Lives in the GUI thread.
*/
class ArrayCanvas : public QWidget
{
    Q_OBJECT
public:
    explicit ArrayCanvas(QWidget *parent = nullptr);

    void setImage(const QImage &image);
    QImage image() const { return m_image; }
    //! The rectangle the image is drawn in (widget coordinates).
    QRect imageRect() const;
    //! The pixel (column x, row y) drawn at \a pos, or (-1, -1).
    QPoint pixelAt(const QPoint &pos) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void hovered(int row, int column);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    QImage m_image;
};

} // namespace Pyro::Ui
