#pragma once

#include <QFrame>

namespace Pyro::Ui {

/*!
    A one-line label that never asks for more width than it gets: the text is elided in the
    middle (URIs keep their object id and port), the full text is the tooltip. For titles,
    URIs and status lines in panes the user may make narrow. Its height is one line whether
    or not there is text, so the widgets below it do not move when a message appears.
*/
class ElidedLabel : public QFrame
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    QString text() const { return m_text; }
    void setText(const QString &text);
    void setElideMode(Qt::TextElideMode mode);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_text;
    Qt::TextElideMode m_mode = Qt::ElideMiddle;
};

} // namespace Pyro::Ui
