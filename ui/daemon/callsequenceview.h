#pragma once

#include <QAbstractScrollArea>
#include <QPointer>

class QAbstractItemModel;

namespace Pyro::Ui {

/*!
    Draws a CallSequenceModel as a sequence diagram: the three lanes (Explorer, Remote object,
    Callback object) as lifelines under fixed headers, and one arrow per row from its
    FromLaneRole lane to its ToLaneRole lane, labelled with LabelRole and the time. Replies are
    dashed, exceptions red, oneway messages have an open arrowhead. Scrolls; follows new rows
    (stays at the newest message, also through resizes and while hidden in a dock tab) until
    the user scrolls up, and again once they scroll back to the bottom. The tooltip of a row is the model's ToolTipRole.
*/
class CallSequenceView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit CallSequenceView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model);
    QAbstractItemModel *model() const { return m_model; }

    //! The row drawn at \a y (viewport coordinates), or -1.
    int rowAt(int y) const;
    int rowHeight() const;
    int headerHeight() const;
    //! The x of lane \a lane's lifeline in the viewport.
    int laneX(int lane) const;

    QSize sizeHint() const override;
    //! Whether new messages are followed (the user has not scrolled up).
    bool isFollowing() const { return m_follow; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    void onRowsInserted();
    void updateScrollBar();

    void scrollToEnd();

    QPointer<QAbstractItemModel> m_model;
    bool m_follow = true;
    bool m_scrolling = false; //!< our own setValue(), not the user's
};

} // namespace Pyro::Ui
