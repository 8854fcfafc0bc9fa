#include "results/resultview.h"

#include "errors/errortext.h"
#include "results/arraydata.h"
#include "results/arrayview.h"
#include "results/valuetreemodel.h"
#include "value/displayrepr.h"
#include "value/inertobjects.h"
#include "value/valueconvert.h"

#include <QApplication>
#include <QClipboard>
#include <QCursor>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Pyro::Ui {

namespace {
constexpr int ArrayTab = 3;
constexpr qsizetype MaxTextChars = 4 * 1024 * 1024; // the tree stays exact; the text tabs are capped

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}
} // namespace

ResultView::ResultView(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedWidget(this)), m_arrayView(new ArrayView(this)), m_tabs(new QTabWidget(this)), m_tree(new QTreeView(this)),
      m_model(new ValueTreeModel(this)), m_repr(new QPlainTextEdit(this)), m_json(new QPlainTextEdit(this)),
      m_errorLabel(new QLabel(this)), m_traceback(new QPlainTextEdit(this)), m_status(new QLabel(this))
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(true);
    for (QPlainTextEdit *e : { m_repr, m_json, m_traceback }) {
        e->setReadOnly(true);
        e->setFont(mono);
        e->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    // A traceback is read top to bottom: long lines wrap rather than scroll sideways.
    m_traceback->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_traceback->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_tree, tr("Tree"));
    m_tabs->addTab(m_repr, tr("Python repr"));
    m_tabs->addTab(m_json, tr("JSON"));
    m_tabs->addTab(m_arrayView, tr("Array"));
    m_tabs->setTabVisible(ArrayTab, false);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int i) {
        if (i == 1 || i == 2)
            fillTextTabs();
    });
    // Links: Enter / double-click opens a URI or proxy; the context menu has the rest.
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (const QString uri = linkAt(index); !uri.isEmpty()) {
            emit openRequested(uri);
            return;
        }
        // A numpy array inside the result (its dict is raw bytes): shown in the Array tab.
        const Value v = m_model->valueAt(index.siblingAtColumn(0));
        if (InertObjects::isArray(v))
            showArray(v);
    });
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QTreeView::customContextMenuRequested, this, [this](const QPoint &pos) {
        // The Menu key asks for the current item (the position is not on it).
        QModelIndex index = m_tree->indexAt(pos);
        if (!index.isValid() || (m_tree->currentIndex().isValid() && !m_tree->visualRect(index).contains(QCursor::pos() - m_tree->viewport()->mapToGlobal(QPoint()))))
            index = m_tree->currentIndex();
        QMenu *menu = contextMenuFor(index);
        if (!menu)
            return;
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_tree->viewport()->mapToGlobal(pos));
    });

    auto *errorPage = new QWidget(this);
    auto *errorLayout = new QVBoxLayout(errorPage);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold"));
    m_traceback->setPlaceholderText(tr("No remote traceback"));
    errorLayout->addWidget(m_errorLabel);
    m_tracebackLabel = new QLabel(tr("Remote traceback:"), errorPage);
    errorLayout->addWidget(m_tracebackLabel);
    errorLayout->addWidget(m_traceback, 1);
    errorLayout->addStretch(0);

    m_stack->addWidget(m_tabs);
    m_stack->addWidget(errorPage);

    auto *copyButton = new QToolButton(this);
    copyButton->setText(tr("Copy"));
    copyButton->setToolTip(tr("Copy the result as shown (repr, JSON, or error with traceback)"));
    connect(copyButton, &QToolButton::clicked, this, &ResultView::copy);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(copyButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);
}

void ResultView::setPending(const QString &what)
{
    m_status->setText(what);
}

static QString statsText(const ResultView::Stats &stats)
{
    QStringList parts;
    if (stats.roundTripMs >= 0)
        parts << ResultView::tr("round trip %1 ms").arg(stats.roundTripMs, 0, 'f', 1);
    if (stats.requestBytes >= 0)
        parts << ResultView::tr("request %1").arg(sizeText(stats.requestBytes));
    if (stats.replyBytes >= 0)
        parts << ResultView::tr("reply %1").arg(sizeText(stats.replyBytes));
    if (!stats.note.isEmpty())
        parts << stats.note;
    return parts.join(QStringLiteral(" · "));
}

QString ResultView::linkAt(const QModelIndex &index) const
{
    return index.isValid() ? index.siblingAtColumn(ValueTreeModel::ValueColumn).data(ValueTreeModel::RemoteUriRole).toString() : QString();
}

QMenu *ResultView::contextMenuFor(const QModelIndex &index)
{
    if (!index.isValid())
        return nullptr;
    auto *menu = new QMenu(this);
    if (const QString uri = linkAt(index); !uri.isEmpty()) {
        menu->addAction(tr("Open in the inspector"), this, [this, uri] { emit openRequested(uri); });
        menu->addAction(tr("Call a method of it…"), this, [this, uri] { emit callRequested(uri); });
        menu->addAction(tr("Copy URI"), this, [uri] { QApplication::clipboard()->setText(uri); });
        menu->addSeparator();
    }
    const Value v = m_model->valueAt(index.siblingAtColumn(0));
    if (ArrayData::isArrayLike(v)) {
        menu->addAction(tr("Show as image"), this, [this, v] {
            showArray(v);
            m_arrayView->showImage();
        });
        menu->addAction(tr("Show as table"), this, [this, v] {
            showArray(v);
            m_arrayView->showTable();
        });
        menu->addSeparator();
    }
    menu->addAction(tr("Copy value"), this,
                    [v] { QApplication::clipboard()->setText(DisplayRepr::write(v, DisplayRepr::ObjectStyle::Constructor)); });
    return menu;
}

bool ResultView::hasArrayTab() const
{
    return m_tabs->isTabVisible(ArrayTab);
}

bool ResultView::isArrayTabCurrent() const
{
    return m_stack->currentIndex() == 0 && m_tabs->currentIndex() == ArrayTab;
}

void ResultView::showArray(const Value &value)
{
    m_tabs->setTabVisible(ArrayTab, true);
    m_arrayView->setValue(value);
    m_tabs->setCurrentIndex(ArrayTab);
}

void ResultView::setResult(const Value &value, const Stats &stats)
{
    m_value = value;
    m_error = Error();
    m_model->setValue(value);
    m_textsFilled = false;
    // An array result gets the Array tab; a numpy array opens there (its tree is raw bytes).
    const bool arrayLike = ArrayData::isArrayLike(value);
    m_tabs->setTabVisible(ArrayTab, arrayLike);
    if (arrayLike) {
        m_arrayView->setValue(value);
        if (InertObjects::isArray(value))
            m_tabs->setCurrentIndex(ArrayTab);
    } else {
        m_arrayView->clear();
        if (m_tabs->currentIndex() == ArrayTab)
            m_tabs->setCurrentIndex(0);
    }
    if (m_tabs->currentIndex() == 1 || m_tabs->currentIndex() == 2)
        fillTextTabs();
    m_stack->setCurrentIndex(0);
    m_status->setText(statsText(stats));
}

void ResultView::setError(const Error &error, const Stats &stats)
{
    m_error = error;
    m_value = Value();
    m_arrayView->clear();
    m_tabs->setTabVisible(ArrayTab, false);
    m_errorLabel->setText(ErrorText::describe(error));
    m_traceback->setPlainText(error.remoteTraceback());
    // Connection-level errors have no remote traceback: no empty box for them.
    const bool hasTraceback = !error.remoteTraceback().isEmpty();
    m_tracebackLabel->setVisible(hasTraceback);
    m_traceback->setVisible(hasTraceback);
    m_errorLabel->setAlignment(hasTraceback ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignTop);
    m_stack->setCurrentIndex(1);
    m_status->setText(statsText(stats));
}

void ResultView::clear()
{
    m_value = Value();
    m_error = Error();
    m_model->setValue(Value());
    m_repr->clear();
    m_json->clear();
    m_arrayView->clear();
    if (m_tabs->currentIndex() == ArrayTab)
        m_tabs->setCurrentIndex(0);
    m_tabs->setTabVisible(ArrayTab, false);
    m_textsFilled = true;
    m_status->clear();
    m_stack->setCurrentIndex(0);
}

void ResultView::fillTextTabs()
{
    if (m_textsFilled)
        return;
    m_textsFilled = true;
    m_repr->setPlainText(reprText());
    m_json->setPlainText(jsonText());
}

QString ResultView::reprText() const
{
    QString r = DisplayRepr::write(m_value, DisplayRepr::ObjectStyle::Constructor);
    if (r.size() > MaxTextChars)
        r = r.left(MaxTextChars) + tr("\n… (cut at %1 characters; the tree shows everything)").arg(MaxTextChars);
    return r;
}

QString ResultView::jsonText() const
{
    const QJsonValue j = toJson(m_value);
    QByteArray bytes;
    if (j.isObject())
        bytes = QJsonDocument(j.toObject()).toJson(QJsonDocument::Indented);
    else if (j.isArray())
        bytes = QJsonDocument(j.toArray()).toJson(QJsonDocument::Indented);
    else
        bytes = QJsonDocument(QJsonArray { j }).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    QString s = QString::fromUtf8(bytes);
    if (s.size() > MaxTextChars)
        s = s.left(MaxTextChars);
    return s;
}

QString ResultView::errorText() const
{
    return m_error.isError() ? m_errorLabel->text() : QString();
}

QString ResultView::tracebackText() const
{
    return m_traceback->toPlainText();
}

QString ResultView::statusText() const
{
    return m_status->text();
}

void ResultView::copy()
{
    QString text;
    if (m_error.isError())
        text = errorText() + u'\n' + m_error.remoteTraceback();
    else if (m_tabs->currentIndex() == 2)
        text = jsonText();
    else
        text = reprText();
    QApplication::clipboard()->setText(text);
}

} // namespace Pyro::Ui
