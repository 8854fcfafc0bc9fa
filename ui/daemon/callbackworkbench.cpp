#include "daemon/callbackworkbench.h"

#include "daemon/callbackhost.h"
#include "daemon/callsequencemodel.h"
#include "daemon/callsequenceview.h"
#include "history/historymodel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QScrollArea>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Pyro::Ui {

CallbackWorkbench::CallbackWorkbench(Session *, QWidget *parent)
    : QWidget(parent), m_host(CallbackHost::instance()), m_address(new QLabel(this)), m_newName(new QLineEdit(this)),
      m_objects(new QListWidget(this)), m_uri(new QLabel(this)), m_methods(new QTableView(this)), m_methodName(new QLineEdit(this)),
      m_kind(new QComboBox(this)), m_replyText(new QLineEdit(this)), m_exceptionClass(new QLineEdit(QStringLiteral("ValueError"), this)),
      m_delay(new QSpinBox(this)), m_log(new QTableView(this)), m_sequence(new CallSequenceModel(this)),
      m_sequenceView(new CallSequenceView(this))
{
    m_newName->setPlaceholderText(tr("new object name, e.g. listener"));
    m_uri->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_methods->setModel(new QStandardItemModel(0, 4, m_methods));
    m_methods->verticalHeader()->hide();
    m_methods->horizontalHeader()->setStretchLastSection(true);
    m_methods->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_methods->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_methodName->setPlaceholderText(tr("method name"));
    m_kind->addItem(tr("Return"), QStringLiteral("return"));
    m_kind->addItem(tr("Raise"), QStringLiteral("raise"));
    m_replyText->setPlaceholderText(tr("return value as a Python literal, or the exception message"));
    m_replyText->setText(QStringLiteral("None"));
    m_delay->setRange(0, 600000);
    m_delay->setSuffix(tr(" ms"));
    auto *oneway = new QCheckBox(tr("Oneway"), this);
    m_log->setModel(m_host);
    m_log->verticalHeader()->hide();
    m_log->horizontalHeader()->setStretchLastSection(true);
    m_log->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sequence->setCallbackHost(m_host);
    setHistoryModel(HistoryModel::instance());
    m_sequenceView->setModel(m_sequence);

    auto *create = new QPushButton(tr("Create object"), this);
    auto *remove = new QPushButton(tr("Remove object"), this);
    auto *copyUri = new QPushButton(tr("Copy URI"), this);
    auto *setReply = new QPushButton(tr("Set reply"), this);
    auto *clearLog = new QPushButton(tr("Clear log"), this);
    connect(create, &QPushButton::clicked, this, [this] {
        if (!m_newName->text().trimmed().isEmpty())
            createObject(m_newName->text().trimmed());
        m_newName->clear();
    });
    connect(m_newName, &QLineEdit::returnPressed, create, &QPushButton::click);
    connect(remove, &QPushButton::clicked, this, [this] { m_host->removeObject(currentObject()); });
    connect(copyUri, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_host->uriOf(currentObject())); });
    connect(setReply, &QPushButton::clicked, this, [this, oneway] {
        this->setReply(currentObject(), m_methodName->text().trimmed(), m_kind->currentData().toString(),
                       m_kind->currentData() == QLatin1String("raise") ? m_exceptionClass->text() + u':' + m_replyText->text()
                                                                       : m_replyText->text(),
                       m_delay->value(), oneway->isChecked());
    });
    connect(clearLog, &QPushButton::clicked, m_host, &CallbackHost::clearLog);
    connect(clearLog, &QPushButton::clicked, m_sequence, &CallSequenceModel::clear);
    connect(m_host, &CallbackHost::objectsChanged, this, &CallbackWorkbench::refreshObjects);
    connect(m_objects, &QListWidget::currentTextChanged, this, &CallbackWorkbench::refreshMethods);
    connect(m_host, &QAbstractItemModel::rowsInserted, m_log, &QTableView::scrollToBottom);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(m_address);
    auto *createRow = new QHBoxLayout;
    createRow->addWidget(m_newName, 1);
    createRow->addWidget(create);
    leftLayout->addLayout(createRow);
    leftLayout->addWidget(m_objects, 1);
    auto *objRow = new QHBoxLayout;
    objRow->addWidget(copyUri);
    objRow->addWidget(remove);
    leftLayout->addLayout(objRow);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->addWidget(m_uri);
    rightLayout->addWidget(m_methods, 1);
    auto *form = new QFormLayout;
    form->addRow(tr("Method:"), m_methodName);
    form->addRow(tr("Reply:"), m_kind);
    form->addRow(tr("Value / message:"), m_replyText);
    form->addRow(tr("Exception class:"), m_exceptionClass);
    form->addRow(tr("Delay:"), m_delay);
    form->addRow(QString(), oneway);
    rightLayout->addLayout(form);
    rightLayout->addWidget(setReply);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(left);
    top->addWidget(right);
    auto *logPage = new QWidget(this);
    auto *logLayout = new QVBoxLayout(logPage);
    auto *logBar = new QHBoxLayout;
    logBar->addWidget(new QLabel(tr("Incoming calls (in time order):"), logPage), 1);
    logBar->addWidget(clearLog);
    logLayout->addLayout(logBar);
    auto *sequencePage = new QWidget(logPage);
    auto *sequenceLayout = new QVBoxLayout(sequencePage);
    sequenceLayout->setContentsMargins(0, 0, 0, 0);
    sequenceLayout->addWidget(new QLabel(tr("Calls out and callbacks in (last %1 messages):").arg(m_sequence->maxEvents()), sequencePage));
    sequenceLayout->addWidget(m_sequenceView, 1);
    auto *logSplit = new QSplitter(Qt::Horizontal, logPage);
    logSplit->addWidget(m_log);
    logSplit->addWidget(sequencePage);
    logLayout->addWidget(logSplit, 1);
    // The object editor scrolls by itself, so that a low dock still shows the log and the
    // sequence diagram (the editor alone wants ~300 px; the dock would scroll as a whole).
    auto *topScroll = new QScrollArea(this);
    topScroll->setWidgetResizable(true);
    topScroll->setFrameShape(QFrame::NoFrame);
    topScroll->setWidget(top);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(topScroll);
    split->addWidget(logPage);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
    refreshObjects();
}

void CallbackWorkbench::setHistoryModel(HistoryModel *history)
{
    m_sequence->setHistoryModel(history);
}

QString CallbackWorkbench::createObject(const QString &name)
{
    QHash<QString, CallbackHost::MethodReply> methods;
    methods.insert(QStringLiteral("notify"), CallbackHost::MethodReply()); // a start; the user adds more
    const QString uri = m_host->createObject(name, methods);
    if (uri.isEmpty())
        m_address->setText(tr("Cannot create '%1': %2").arg(name, m_host->errorString()));
    refreshObjects();
    const auto found = m_objects->findItems(name, Qt::MatchExactly);
    if (!found.isEmpty())
        m_objects->setCurrentItem(found.first());
    return uri;
}

void CallbackWorkbench::setReply(const QString &object, const QString &method, const QString &kind, const QString &text,
                                 int delayMs, bool oneway)
{
    if (object.isEmpty() || method.isEmpty())
        return;
    CallbackHost::MethodReply reply;
    reply.delayMs = delayMs;
    reply.oneway = oneway;
    if (kind == QLatin1String("raise")) {
        reply.kind = CallbackHost::MethodReply::Raise;
        const qsizetype colon = text.indexOf(u':');
        reply.exceptionClass = colon > 0 ? text.left(colon).trimmed() : QStringLiteral("ValueError");
        reply.literal = colon > 0 ? text.mid(colon + 1).trimmed() : text;
    } else {
        reply.literal = text.trimmed().isEmpty() ? QStringLiteral("None") : text;
    }
    m_host->setMethod(object, method, reply);
}

QString CallbackWorkbench::currentObject() const
{
    return m_objects->currentItem() ? m_objects->currentItem()->text() : QString();
}

void CallbackWorkbench::refreshObjects()
{
    const QString current = currentObject();
    const QString address = m_host->address();
    if (!address.isEmpty())
        m_address->setText(tr("Callback daemon at %1").arg(address));
    else if (m_address->text().isEmpty())
        m_address->setText(tr("Callback daemon starts with the first object"));
    const QStringList names = m_host->objectNames();
    QStringList shown;
    for (int i = 0; i < m_objects->count(); ++i)
        shown << m_objects->item(i)->text();
    if (shown != names) {
        m_objects->clear();
        m_objects->addItems(names);
        const auto found = m_objects->findItems(current, Qt::MatchExactly);
        if (!found.isEmpty())
            m_objects->setCurrentItem(found.first());
    }
    refreshMethods();
}

void CallbackWorkbench::refreshMethods()
{
    auto *model = static_cast<QStandardItemModel *>(m_methods->model());
    model->clear();
    model->setHorizontalHeaderLabels({ tr("Method"), tr("Reply"), tr("Delay"), tr("Oneway") });
    const QString object = currentObject();
    m_uri->setText(object.isEmpty() ? QString() : m_host->uriOf(object));
    const auto methods = m_host->methods(object);
    QStringList names = methods.keys();
    names.sort();
    for (const QString &name : std::as_const(names)) {
        const CallbackHost::MethodReply &r = methods[name];
        const QString reply = r.kind == CallbackHost::MethodReply::Raise ? tr("raise %1(%2)").arg(r.exceptionClass, r.literal)
                                                                         : tr("return %1").arg(r.literal);
        model->appendRow({ new QStandardItem(name), new QStandardItem(reply), new QStandardItem(tr("%1 ms").arg(r.delayMs)),
                           new QStandardItem(r.oneway ? tr("yes") : QString()) });
    }
}

} // namespace Pyro::Ui
