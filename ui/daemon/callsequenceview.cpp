#include "daemon/callsequenceview.h"

#include "daemon/callsequencemodel.h"

#include <QAbstractItemModel>
#include <QHelpEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QToolTip>

namespace Pyro::Ui {

using Model = CallSequenceModel;

CallSequenceView::CallSequenceView(QWidget *parent) : QAbstractScrollArea(parent)
{
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    verticalScrollBar()->setSingleStep(rowHeight());
    // The user scrolling up stops following; back at the bottom it follows again.
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (!m_scrolling)
            m_follow = value >= verticalScrollBar()->maximum();
    });
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
}

void CallSequenceView::setModel(QAbstractItemModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &CallSequenceView::onRowsInserted);
        auto refresh = [this] {
            updateScrollBar();
            viewport()->update();
        };
        connect(model, &QAbstractItemModel::rowsRemoved, this, refresh);
        connect(model, &QAbstractItemModel::modelReset, this, refresh);
        connect(model, &QAbstractItemModel::dataChanged, this, refresh);
    }
    updateScrollBar();
    viewport()->update();
}

int CallSequenceView::rowHeight() const
{
    return fontMetrics().height() * 2 + 4;
}

int CallSequenceView::headerHeight() const
{
    return fontMetrics().height() + 10;
}

QSize CallSequenceView::sizeHint() const
{
    return QSize(fontMetrics().averageCharWidth() * 90, headerHeight() + rowHeight() * 8);
}

// The time column, then the lanes spread evenly over the rest.
static int timeColumnWidth(const QFontMetrics &fm)
{
    return fm.horizontalAdvance(QStringLiteral("00:00:00.000")) + 12;
}

int CallSequenceView::laneX(int lane) const
{
    const int left = timeColumnWidth(fontMetrics());
    const int span = qMax(1, viewport()->width() - left);
    return left + span * (2 * lane + 1) / (2 * Model::LaneCount);
}

int CallSequenceView::rowAt(int y) const
{
    if (!m_model || y < headerHeight())
        return -1;
    const int row = (y - headerHeight() + verticalScrollBar()->value()) / rowHeight();
    return row < m_model->rowCount() ? row : -1;
}

void CallSequenceView::updateScrollBar()
{
    const int rows = m_model ? m_model->rowCount() : 0;
    const int visible = qMax(0, viewport()->height() - headerHeight());
    m_scrolling = true;
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setRange(0, qMax(0, rows * rowHeight() - visible));
    m_scrolling = false;
    if (m_follow)
        scrollToEnd();
}

void CallSequenceView::scrollToEnd()
{
    m_scrolling = true;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    m_scrolling = false;
}

void CallSequenceView::onRowsInserted()
{
    // Follow the newest messages unless the user scrolled up to read older ones.
    updateScrollBar();
    viewport()->update();
}

void CallSequenceView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBar();
}

bool CallSequenceView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && m_model) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int row = rowAt(help->pos().y());
        if (row >= 0)
            QToolTip::showText(help->globalPos(), m_model->index(row, 0).data(Qt::ToolTipRole).toString(), viewport());
        else
            QToolTip::hideText();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

static void drawArrowHead(QPainter &p, QPointF tip, int direction, bool open)
{
    const qreal len = 8, half = 4;
    const QPointF a(tip.x() - direction * len, tip.y() - half), b(tip.x() - direction * len, tip.y() + half);
    if (open) {
        p.drawLine(tip, a);
        p.drawLine(tip, b);
        return;
    }
    QPainterPath path(tip);
    path.lineTo(a);
    path.lineTo(b);
    path.closeSubpath();
    p.fillPath(path, p.pen().color());
}

void CallSequenceView::paintEvent(QPaintEvent *event)
{
    QPainter p(viewport());
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QFontMetrics fm = fontMetrics();
    const int header = headerHeight(), rh = rowHeight();
    const int height = viewport()->height();

    // Lifelines, then the rows in view, then the fixed headers on top.
    QPen lifeline(pal.color(QPalette::Mid), 1, Qt::DashLine);
    p.setPen(lifeline);
    for (int lane = 0; lane < Model::LaneCount; ++lane)
        p.drawLine(laneX(lane), header, laneX(lane), height);

    const int rows = m_model ? m_model->rowCount() : 0;
    const int offset = verticalScrollBar()->value();
    const int first = qMax(0, (event->rect().top() - header + offset) / rh);
    const int last = qMin(rows - 1, (event->rect().bottom() - header + offset) / rh);
    const int laneSpan = laneX(1) - laneX(0);
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = m_model->index(row, 0);
        const int top = header + row * rh - offset;
        const int from = index.data(Model::FromLaneRole).toInt(), to = index.data(Model::ToLaneRole).toInt();
        const auto kind = index.data(Model::KindRole).value<Model::Kind>();
        const bool error = index.data(Model::ErrorRole).toBool();
        const bool oneway = index.data(Model::OnewayRole).toBool();
        const bool reply = kind == Model::Kind::Reply || kind == Model::Kind::CallbackReply;
        const QColor color = error ? QColor(Qt::red) : pal.color(QPalette::Text);

        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(QRect(4, top, timeColumnWidth(fm) - 8, rh), Qt::AlignLeft | Qt::AlignVCenter,
                   index.data(Model::TimeRole).toDateTime().toString(QStringLiteral("HH:mm:ss.zzz")));

        const int y = top + rh - fm.height() / 2 - 2;
        const int x1 = laneX(from), x2 = laneX(to);
        const int direction = x2 > x1 ? 1 : -1;
        p.setPen(QPen(color, error ? 2 : 1, reply ? Qt::DashLine : Qt::SolidLine));
        p.drawLine(QPointF(x1, y), QPointF(x2 - direction * 1.0, y));
        p.setPen(QPen(color, 1.5));
        drawArrowHead(p, QPointF(x2, y), direction, oneway);

        const QRect labelRect(qMin(x1, x2) + 4, top + 1, qAbs(x2 - x1) - 8, fm.height());
        p.setPen(color);
        p.drawText(labelRect, Qt::AlignHCenter | Qt::AlignBottom,
                   fm.elidedText(index.data(Model::LabelRole).toString(), Qt::ElideRight, labelRect.width()));
    }

    p.fillRect(QRect(0, 0, viewport()->width(), header), pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::WindowText));
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    for (int lane = 0; lane < Model::LaneCount; ++lane) {
        const QRect r(laneX(lane) - laneSpan / 2, 0, laneSpan, header);
        p.drawText(r, Qt::AlignCenter, Model::laneName(Model::Lane(lane)));
    }
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(0, header - 1, viewport()->width(), header - 1);
}

} // namespace Pyro::Ui
