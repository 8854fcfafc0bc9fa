#include "invoke/invokepanel.h"

#include "client/batch.h"
#include "client/pendingcall.h"
#include "client/pendingstream.h"
#include "client/protocolmemory.h"
#include "client/proxy.h"
#include "daemon/callbackhost.h"
#include "errors/errortext.h"
#include "history/historymodel.h"
#include "history/pythonscript.h"
#include "invoke/argumentdelegate.h"
#include "invoke/argumentline.h"
#include "invoke/argumentmodel.h"
#include "invoke/batchbuilder.h"
#include "invoke/draftstore.h"
#include "invoke/repeatpanel.h"
#include "protocol/pyroclassnames.h"
#include "serializers/serializer.h"
#include "session/session.h"
#include "streams/streamconsole.h"
#include "value/displayrepr.h"
#include "widgets/elidedlabel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Pyro::Ui {

namespace {
const QString DetailsKey = QStringLiteral("workbench/detailsVisible");
}

InvokePanel::InvokePanel(Session *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_methodCombo(new QComboBox(this)), m_argumentLine(new QLineEdit(this)),
      m_callButton(new QPushButton(tr("Call"), this)), m_againButton(new QPushButton(tr("Call again"), this)),
      m_cancelButton(new QPushButton(tr("Cancel wait"), this)), m_detailsButton(new QToolButton(this)),
      m_message(new ElidedLabel(this)), m_details(new QWidget(this)), m_arguments(new ArgumentModel(this)),
      m_argumentView(new QTableView(this)), m_serializer(new QComboBox(this)), m_oneway(new QCheckBox(tr("Oneway"), this)),
      m_timeout(new QDoubleSpinBox(this)), m_pasteEdit(new QLineEdit(this)), m_outputTabs(new QTabWidget(this)),
      m_result(new ResultView(this)), m_stream(new StreamConsole(session, this)), m_repeat(new RepeatPanel(this)),
      m_batch(new BatchBuilder(this)), m_callAction(new QAction(tr("&Call"), this))
{
    m_methodCombo->setEditable(true);
    m_methodCombo->setMinimumContentsLength(10);
    m_methodCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_methodCombo->setToolTip(tr("Method to call"));
    connect(m_methodCombo, &QComboBox::currentTextChanged, this, [this] {
        if (!m_loading) {
            m_result->clear();
            loadDraft();
        }
    });

    m_argumentLine->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_argumentLine->setPlaceholderText(tr("Arguments, e.g. 20, 22, kind='x' — Enter calls"));
    m_argumentLine->setToolTip(tr("Python arguments: literals, positional first, then NAME=VALUE (Ctrl+L)"));
    m_argumentLine->setClearButtonEnabled(true);
    connect(m_argumentLine, &QLineEdit::textEdited, this, &InvokePanel::onLineEdited);
    connect(m_argumentLine, &QLineEdit::returnPressed, this, [this] {
        const QString text = m_argumentLine->text().trimmed();
        if (text.startsWith(QLatin1String("pyroctl ")) && pastePyroctl(text))
            return;
        call();
    });

    m_argumentView->setModel(m_arguments);
    m_argumentView->setItemDelegate(new ArgumentDelegate([] { return CallbackHost::instance()->uris(); }, m_argumentView));
    m_argumentView->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_argumentView->horizontalHeader()->setStretchLastSection(true);
    m_argumentView->verticalHeader()->hide();
    m_argumentView->setTabKeyNavigation(false); // Tab leaves the grid (arrows move inside it)
    m_message->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_serializer->addItem(QString(), QString()); // updateSerializerChoice() adds the others
    m_serializer->setToolTip(tr("Serializer for this call; the first entry follows the connection settings"));
    updateSerializerChoice();
    connect(m_serializer, &QComboBox::currentIndexChanged, this, [this] {
        updatePreview();
        updateState();
        if (!m_loading)
            saveDraft();
    });
    m_timeout->setRange(0, 3600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setSpecialValueText(tr("profile timeout"));
    m_cancelButton->hide();
    m_pasteEdit->setPlaceholderText(tr("Paste a pyroctl command line and press Enter to fill the form"));
    m_callButton->setDefault(false);
    m_callButton->setToolTip(tr("Call the method (Enter in the argument line, Ctrl+Return anywhere)"));

    m_detailsButton->setText(tr("Details"));
    m_detailsButton->setCheckable(true);
    m_detailsButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_detailsButton->setToolTip(tr("Argument grid, oneway, serializer, timeout, pin, paste a pyroctl command"));
    connect(m_detailsButton, &QToolButton::toggled, this, &InvokePanel::setDetailsVisible);

    connect(m_callButton, &QPushButton::clicked, this, &InvokePanel::call);
    connect(m_againButton, &QPushButton::clicked, this, &InvokePanel::callAgain);
    connect(m_cancelButton, &QPushButton::clicked, this, &InvokePanel::cancel);
    connect(m_repeat, &RepeatPanel::repeatRequested, this, &InvokePanel::repeat);
    connect(m_stream, &StreamConsole::startRequested, this, &InvokePanel::call); // the console's Start
    connect(m_batch, &BatchBuilder::addRequested, this, &InvokePanel::addToBatch);
    connect(m_batch, &BatchBuilder::runRequested, this, &InvokePanel::runBatch);
    connect(m_batch, &BatchBuilder::changed, this, &InvokePanel::updateState);
    connect(m_batch, &BatchBuilder::copyPythonRequested, this, &InvokePanel::copyBatchAsPython);
    connect(m_pasteEdit, &QLineEdit::returnPressed, this, [this] {
        if (pastePyroctl(m_pasteEdit->text()))
            m_pasteEdit->clear();
    });
    connect(m_arguments, &ArgumentModel::rowsEdited, this, &InvokePanel::onGridEdited);
    connect(m_oneway, &QCheckBox::toggled, this, [this] {
        if (!m_loading)
            saveDraft();
    });
    connect(session, &Session::settingsChanged, this, [this] {
        updateSerializerChoice();
        updatePreview();
        showMessage();
    });

    m_callAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    connect(m_callAction, &QAction::triggered, this, &InvokePanel::call);
    auto *againAction = new QAction(tr("Call &again"), this);
    againAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    connect(againAction, &QAction::triggered, this, &InvokePanel::callAgain);
    auto *focusLine = new QAction(tr("&Arguments"), this);
    focusLine->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    focusLine->setToolTip(tr("Put the focus in the argument line"));
    connect(focusLine, &QAction::triggered, this, &InvokePanel::focusArgumentLine);
    auto *pyroctlAction = new QAction(tr("Copy as pyroctl command"), this);
    connect(pyroctlAction, &QAction::triggered, this, &InvokePanel::copyAsPyroctl);
    auto *pythonAction = new QAction(tr("Copy as Python code"), this);
    connect(pythonAction, &QAction::triggered, this, &InvokePanel::copyAsPython);
    m_actions = { m_callAction, againAction, focusLine };
    m_actions += m_stream->actions();
    m_actions += { pyroctlAction, pythonAction };
    // Within the panel by default; the main window makes them window-wide.
    for (QAction *a : std::as_const(m_actions))
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addActions({ m_callAction, againAction, focusLine, pyroctlAction, pythonAction });

    buildLayout();
    setDetailsVisible(QSettings().value(DetailsKey, false).toBool());
    setHistoryModel(HistoryModel::instance());
    updateState();
    updatePreview();
}

void InvokePanel::buildLayout()
{
    // The call line: method ( arguments ) Call | Cancel, Call again, Details.
    auto *callLine = new QHBoxLayout;
    callLine->addWidget(m_methodCombo);
    callLine->addWidget(m_argumentLine, 1);
    callLine->addWidget(m_callButton);
    callLine->addWidget(m_cancelButton);
    callLine->addWidget(m_againButton);
    callLine->addWidget(m_detailsButton);

    // Details: the grid with its buttons, the options of this call, the paste line.
    auto *addArg = new QPushButton(tr("Add argument"), m_details);
    auto *removeArg = new QPushButton(tr("Remove"), m_details);
    auto *pin = new QPushButton(tr("Pin"), m_details);
    pin->setToolTip(tr("Remember names, types and values as the starting point for this method"));
    auto *reset = new QPushButton(tr("Reset"), m_details);
    reset->setToolTip(tr("Forget the draft and start again from the pinned signature"));
    connect(addArg, &QPushButton::clicked, this, [this] {
        m_arguments->appendRow({ QString(), ArgumentModel::Type::Literal, QString() });
        m_argumentView->setCurrentIndex(m_arguments->index(m_arguments->rowCount() - 1, ArgumentModel::ValueColumn));
        m_argumentView->setFocus();
    });
    connect(removeArg, &QPushButton::clicked, this, [this] { m_arguments->removeArgument(m_argumentView->currentIndex().row()); });
    connect(pin, &QPushButton::clicked, this, &InvokePanel::pinSignature);
    connect(reset, &QPushButton::clicked, this, &InvokePanel::resetToPinned);
    m_argumentView->setMinimumHeight(m_argumentView->verticalHeader()->defaultSectionSize() * 3
                                     + m_argumentView->horizontalHeader()->sizeHint().height());
    auto *gridButtons = new QVBoxLayout;
    for (QPushButton *b : { addArg, removeArg, pin, reset })
        gridButtons->addWidget(b);
    gridButtons->addStretch();
    auto *grid = new QHBoxLayout;
    grid->addWidget(m_argumentView, 1);
    grid->addLayout(gridButtons);
    auto *options = new QHBoxLayout;
    options->addWidget(m_oneway);
    auto *serializerLabel = new QLabel(tr("Serializer:"), m_details);
    serializerLabel->setBuddy(m_serializer);
    options->addWidget(serializerLabel);
    options->addWidget(m_serializer);
    auto *timeoutLabel = new QLabel(tr("Timeout:"), m_details);
    timeoutLabel->setBuddy(m_timeout);
    options->addWidget(timeoutLabel);
    options->addWidget(m_timeout);
    options->addStretch();
    auto *details = new QVBoxLayout(m_details);
    details->setContentsMargins(0, 0, 0, 0);
    details->addLayout(grid);
    details->addLayout(options);
    details->addWidget(m_pasteEdit);

    m_outputTabs->addTab(m_result, tr("Result"));
    m_outputTabs->addTab(m_stream, tr("Stream"));
    m_outputTabs->addTab(m_repeat, tr("Repeat"));
    m_outputTabs->addTab(m_batch, tr("Batch"));
    m_outputTabs->setDocumentMode(true);
    // The pages (the stream console's most of all) would otherwise hold the window's central
    // area at their full minimum, and the bottom docks could not take half the window.
    m_outputTabs->setMinimumHeight(fontMetrics().lineSpacing() * 8);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(callLine);
    layout->addWidget(m_message);
    layout->addWidget(m_details);
    layout->addWidget(m_outputTabs, 1);

    chainTabOrder(nullptr);
}

void InvokePanel::chainTabOrder(QWidget *before)
{
    // arguments -> Call -> results first; the details and the method combo after them.
    QList<QWidget *> chain { m_argumentLine, m_callButton, m_cancelButton, m_againButton, m_outputTabs };
    chain << m_result->treeView() << m_detailsButton << m_argumentView;
    for (QPushButton *b : m_details->findChildren<QPushButton *>())
        chain << b;
    chain << m_oneway << m_serializer << m_timeout << m_pasteEdit << m_methodCombo;
    if (before)
        chain.prepend(before);
    for (qsizetype i = 1; i < chain.size(); ++i)
        setTabOrder(chain.at(i - 1), chain.at(i));
}

InvokePanel::~InvokePanel()
{
    if (m_pending)
        m_pending->cancel();
}

void InvokePanel::setDetailsVisible(bool visible)
{
    m_details->setVisible(visible);
    m_detailsButton->setChecked(visible);
    m_detailsButton->setArrowType(visible ? Qt::DownArrow : Qt::RightArrow);
    QSettings().setValue(DetailsKey, visible);
}

void InvokePanel::setHistoryModel(HistoryModel *model)
{
    if (m_history)
        disconnect(m_history, nullptr, this, nullptr);
    m_history = model;
    if (model) {
        connect(model, &HistoryModel::replayRequested, this, [this](const Invocation &inv, bool runIt) {
            setInvocation(inv);
            emit replayTargetChanged(inv);
            if (runIt)
                run(inv, true);
        });
    }
}

QString InvokePanel::settingsKey(const QString &uri, const QString &method)
{
    return DraftStore::key(uri, method);
}

QString InvokePanel::method() const
{
    return m_methodCombo->currentText().trimmed();
}

bool InvokePanel::argumentsValid() const
{
    return m_lineError.isEmpty() && m_arguments->isValid();
}

Invocation InvokePanel::invocation() const
{
    Invocation inv;
    inv.uri = m_uri.toString();
    inv.method = method();
    if (argumentsValid()) {
        inv.args = m_arguments->args();
        inv.kwargs = m_arguments->kwargs();
    }
    inv.oneway = m_oneway->isChecked();
    inv.timeout = m_timeout->value();
    inv.serializer = m_serializer->currentData().toString();
    inv.protocol = protocolOf(inv.uri);
    return inv;
}

std::optional<ProtocolVersion> InvokePanel::protocolOf(const QString &uriText) const
{
    switch (m_session->settings().protocol) {
    case ProxySettings::Protocol::Pyro4:
        return ProtocolVersion::Pyro4;
    case ProxySettings::Protocol::Pyro5:
        return ProtocolVersion::Pyro5;
    case ProxySettings::Protocol::Auto:
        break;
    }
    if (const auto seen = m_protocols.constFind(uriText); seen != m_protocols.cend())
        return *seen;
    const Result<PyroUri> uri = PyroUri::parse(uriText);
    if (uri && uri.value().protocol() == PyroUri::Protocol::Pyro)
        return ProtocolMemory::recall(uri.value().location());
    return std::nullopt;
}

void InvokePanel::setInvocation(const Invocation &inv)
{
    const Result<PyroUri> uri = PyroUri::parse(inv.uri);
    m_loading = true;
    if (uri)
        m_uri = uri.value();
    if (inv.protocol && !m_protocols.contains(inv.uri))
        m_protocols.insert(inv.uri, *inv.protocol);
    updateSerializerChoice();
    if (m_methodCombo->findText(inv.method) < 0)
        m_methodCombo->addItem(inv.method);
    m_methodCombo->setCurrentText(inv.method);
    m_oneway->setChecked(inv.oneway);
    m_timeout->setValue(inv.timeout);
    m_serializer->setCurrentIndex(qMax(0, m_serializer->findData(inv.serializer)));
    m_arguments->setArguments(inv.args, inv.kwargs);
    m_loading = false;
    m_result->clear();
    saveDraft();
    updatePreview();
    updateState();
}

void InvokePanel::setTarget(const PyroUri &uri, const QString &method)
{
    const bool sameObject = uri.toString() == m_uri.toString();
    if (sameObject && method == this->method())
        return;
    m_loading = true;
    m_uri = uri;
    if (!sameObject)
        m_methodCombo->clear();
    if (m_methodCombo->findText(method) < 0)
        m_methodCombo->addItem(method);
    m_methodCombo->setCurrentText(method);
    m_loading = false;
    m_result->clear();
    updateSerializerChoice();
    loadDraft();
}

void InvokePanel::activateMethod(const PyroUri &uri, const QString &method)
{
    setTarget(uri, method);
    if (knownWithoutArguments(method) && m_callButton->isEnabled())
        call();
    else
        focusArgumentLine();
}

bool InvokePanel::knownWithoutArguments(const QString &method) const
{
    const QString uri = m_uri.toString();
    if (DraftStore::hasPinned(uri, method) && DraftStore::pinned(uri, method).rows.isEmpty())
        return true;
    if (m_history) {
        for (int r = m_history->rowCount() - 1; r >= 0; --r) {
            const HistoryEntry e = m_history->entry(r);
            if (e.ok && e.invocation.uri == uri && e.invocation.method == method)
                return e.invocation.args.isEmpty() && e.invocation.kwargs.isEmpty();
        }
    }
    return false;
}

void InvokePanel::focusArgumentLine()
{
    m_argumentLine->setFocus(Qt::ShortcutFocusReason);
    m_argumentLine->selectAll();
}

void InvokePanel::setTargetObject(const PyroUri &uri)
{
    const bool objectChanged = !(uri == m_uri);
    if (objectChanged)
        m_result->clear();
    m_uri = uri;
    updateSerializerChoice();
    Proxy *proxy = proxyFor(uri.toString());
    if (!proxy)
        return;
    // The form keeps its method and arguments when the new object has that method too (a
    // replayed call, or the same service on another daemon); otherwise it starts on the
    // object's first method with that method's remembered form.
    auto fill = [this, proxy, uri, objectChanged] {
        if (!(m_uri == uri))
            return;
        // The handshake told the object's protocol: the serializer list follows it.
        if (proxy->protocol())
            m_protocols.insert(uri.toString(), *proxy->protocol());
        updateSerializerChoice();
        const QString current = method();
        QStringList methods = proxy->methods();
        methods.sort();
        m_loading = true;
        m_methodCombo->clear();
        m_methodCombo->addItems(methods);
        const bool keep = !current.isEmpty() && (methods.contains(current) || methods.isEmpty());
        if (keep) {
            if (m_methodCombo->findText(current) < 0)
                m_methodCombo->addItem(current);
            m_methodCombo->setCurrentText(current);
        }
        m_loading = false;
        if (keep) {
            if (objectChanged) // the form moves to this object: remember it there
                saveDraft();
            updatePreview();
            updateState();
        } else {
            loadDraft();
        }
    };
    if (proxy->hasMetadata()) {
        fill();
    } else {
        PendingCall *bind = proxy->bind();
        connect(bind, &PendingCall::finished, this, [this, bind, fill] {
            if (bind->error())
                m_result->setError(bind->error());
            else
                fill();
        });
    }
}

Proxy *InvokePanel::proxyFor(const QString &uriText, const QString &serializer)
{
    const Result<PyroUri> uri = PyroUri::parse(uriText);
    if (!uri) {
        m_result->setError(uri.error());
        return nullptr;
    }
    if (serializer.isEmpty())
        return m_session->proxyFor(uri.value());
    const Serializer *ser = serializerFor(serializer);
    if (!ser) {
        m_result->setError(Error(Error::Code::UsageError, tr("Unknown serializer '%1' (known: %2)")
                                                                  .arg(serializer, Serializer::names().join(QStringLiteral(", ")))));
        return nullptr;
    }
    return m_session->proxyFor(uri.value(), ser->id());
}

const Serializer *InvokePanel::serializerFor(const QString &name) const
{
    return name.isEmpty() ? Serializer::byId(m_session->settings().serializer) : Serializer::byName(name);
}

void InvokePanel::updateSerializerChoice()
{
    const Serializer *profile = Serializer::byId(m_session->settings().serializer);
    m_serializer->setItemText(0, tr("as settings (%1)").arg(profile ? profile->name() : tr("none")));
    // Only what the object's protocol carries: Pyro5 has no pickle family. While the
    // protocol is not known yet (no handshake), every serializer is offered.
    const std::optional<ProtocolVersion> protocol = protocolOf(m_uri.toString());
    QStringList names;
    for (const QString &name : Serializer::names()) {
        const Serializer *ser = Serializer::byName(name);
        if (!protocol || (ser && ProtocolInfo::serializerWireId(ser->id(), *protocol)))
            names << name;
    }
    QStringList shown;
    for (int i = 1; i < m_serializer->count(); ++i)
        shown << m_serializer->itemData(i).toString();
    if (shown == names)
        return;
    const QString current = m_serializer->currentData().toString();
    {
        const QSignalBlocker blocker(m_serializer);
        while (m_serializer->count() > 1)
            m_serializer->removeItem(1);
        for (const QString &name : std::as_const(names))
            m_serializer->addItem(name, name);
        m_serializer->setCurrentIndex(qMax(0, m_serializer->findData(current)));
    }
    if (m_serializer->currentData().toString() != current) { // the chosen one is gone
        updatePreview();
        updateState();
    }
}

void InvokePanel::onLineEdited()
{
    const Result<ArgumentLine::Arguments> parsed = ArgumentLine::parse(m_argumentLine->text());
    if (!parsed) {
        const QString text = m_argumentLine->text();
        const qsizetype offset = parsed.error().offset();
        m_lineError = parsed.error().message();
        if (offset >= 0 && offset <= text.size() && text.size() < 200) // point at the character
            m_lineError += u'\n' + text + u'\n' + QString(offset, u' ') + u'^';
        updateState();
        return;
    }
    m_lineError.clear();
    m_mirroring = true;
    m_arguments->setArguments(parsed.value().args, parsed.value().kwargs);
    m_mirroring = false;
    updatePreview();
    updateState();
    if (!m_loading)
        saveDraft();
}

void InvokePanel::onGridEdited()
{
    if (!m_mirroring) {
        // The grid is the source now: the line shows what it holds (while it is valid).
        m_lineError.clear();
        if (m_arguments->isValid())
            m_argumentLine->setText(ArgumentLine::format(m_arguments->args(), m_arguments->kwargs()));
    }
    updatePreview();
    updateState();
    if (!m_loading)
        saveDraft();
}

void InvokePanel::updateState()
{
    QString error = m_lineError;
    if (error.isEmpty() && !m_arguments->isValid()) {
        const int row = m_arguments->firstErrorRow();
        error = m_arguments->firstError();
        const QModelIndex idx = m_arguments->index(row, ArgumentModel::ValueColumn);
        const qlonglong offset = idx.data(ArgumentModel::ErrorOffsetRole).toLongLong();
        const QString text = m_arguments->row(row).text;
        if (offset >= 0 && offset <= text.size() && text.size() < 200) // point at the character
            error += u'\n' + text + u'\n' + QString(offset, u' ') + u'^';
    }
    if (error.isEmpty() && !m_previewOk)
        error = m_previewError;
    m_formError = error;
    const bool ready = argumentsValid() && m_previewOk && m_uri.isValid() && !method().isEmpty() && !isPending();
    m_callButton->setEnabled(ready);
    m_callAction->setEnabled(ready);
    m_repeat->setRunEnabled(ready);
    m_againButton->setEnabled(m_last.isValid() && !isPending());
    m_againButton->setVisible(!isPending());
    m_cancelButton->setVisible(isPending());
    m_batch->setRunEnabled(!isPending());
    showMessage();
}

void InvokePanel::showMessage()
{
    // One line, always there: the first problem in red, else the preview.
    QPalette pal = m_message->palette();
    if (!m_formError.isEmpty()) {
        pal.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
        m_message->setText(m_formError);
    } else {
        pal.setColor(QPalette::WindowText, palette().color(QPalette::WindowText));
        m_message->setText(m_preview);
    }
    m_message->setPalette(pal);
}

void InvokePanel::updatePreview()
{
    m_previewOk = true;
    if (!argumentsValid()) {
        m_preview.clear();
        showMessage();
        return;
    }
    const Serializer *ser = serializerFor(m_serializer->currentData().toString());
    if (!ser) {
        m_preview = tr("No serializer");
        showMessage();
        return;
    }
    // What the server gets: encode as the proxy will (proxies and URIs in the class names of
    // the protocol the object speaks), decode as a daemon does.
    ValueList args = m_arguments->args();
    Dict kwargs = m_arguments->kwargs();
    if (const std::optional<ProtocolVersion> protocol = protocolOf(m_uri.toString())) {
        args = PyroClassNames::toProtocol(Value::list(args), *protocol).items();
        kwargs = PyroClassNames::toProtocol(Value(kwargs), *protocol).toDict();
    }
    CallEnvelope env;
    env.objectId = QStringLiteral("preview");
    env.method = method().isEmpty() ? QStringLiteral("method") : method();
    env.args = args;
    env.kwargs = kwargs;
    const Result<QByteArray> bytes = ser->encodeCall(env);
    if (!bytes) {
        m_previewOk = false;
        m_preview.clear();
        m_previewError = tr("Cannot be sent with %1: %2").arg(ser->name(), bytes.error().message());
        updateState();
        return;
    }
    const Result<CallEnvelope> back = ser->decodeCall(bytes.value());
    if (!back) {
        m_preview = tr("Server side decoding under %1 fails: %2").arg(ser->name(), back.error().message());
        showMessage();
        return;
    }
    Invocation shown;
    shown.args = back.value().args;
    shown.kwargs = back.value().kwargs;
    QString text = shown.argumentText();
    if (text.size() > 1000)
        text = text.left(1000) + QStringLiteral("…");
    const bool same = back.value().args == args && back.value().kwargs == kwargs;
    m_preview = tr("The server receives (%1, %2 bytes): %3%4")
                        .arg(ser->name())
                        .arg(bytes.value().size())
                        .arg(text, same ? QString() : tr(" (changed by the serializer)"));
    showMessage();
}

QString InvokePanel::previewText() const
{
    return m_previewOk ? m_preview : m_previewError;
}

void InvokePanel::saveDraft()
{
    if (!m_uri.isValid() || method().isEmpty())
        return;
    DraftStore::saveDraft(m_uri.toString(), method(),
                          { m_arguments->rows(), m_oneway->isChecked(), m_serializer->currentData().toString() });
}

void InvokePanel::loadDraft()
{
    if (!m_uri.isValid())
        return;
    const DraftStore::Form form = DraftStore::load(m_uri.toString(), method());
    m_loading = true;
    m_lineError.clear();
    m_arguments->setMode(ArgumentModel::Mode::Arguments);
    m_arguments->setRows(form.rows);
    m_oneway->setChecked(form.oneway);
    m_serializer->setCurrentIndex(qMax(0, m_serializer->findData(form.serializer)));
    m_argumentLine->setText(m_arguments->isValid() ? ArgumentLine::format(m_arguments->args(), m_arguments->kwargs()) : QString());
    m_loading = false;
    updatePreview();
    updateState();
}

void InvokePanel::pinSignature()
{
    if (!m_uri.isValid() || method().isEmpty())
        return;
    DraftStore::pin(m_uri.toString(), method(), { m_arguments->rows(), m_oneway->isChecked(), m_serializer->currentData().toString() });
}

void InvokePanel::resetToPinned()
{
    DraftStore::dropDraft(m_uri.toString(), method());
    loadDraft();
}

bool InvokePanel::pastePyroctl(const QString &commandLine)
{
    const Result<Invocation> inv = Invocation::fromPyroctl(commandLine);
    if (!inv) {
        m_formError = tr("Pasted command: %1").arg(inv.error().message());
        showMessage();
        return false;
    }
    setInvocation(inv.value());
    emit replayTargetChanged(inv.value());
    return true;
}

void InvokePanel::copyAsPyroctl()
{
    QApplication::clipboard()->setText(invocation().toPyroctl());
}

void InvokePanel::copyAsPython()
{
    // A callback object among the arguments is hosted by the script itself (PythonScript).
    QApplication::clipboard()->setText(PythonScript::write(invocation(), CallbackHost::instance()));
}

void InvokePanel::copyBatchAsPython()
{
    const QList<Invocation> calls = m_batch->invocations();
    if (calls.isEmpty())
        return;
    QApplication::clipboard()->setText(Invocation::batchToPython(calls, protocolOf(calls.first().uri)));
}

void InvokePanel::call()
{
    if (!m_callButton->isEnabled())
        return;
    run(invocation(), true);
}

void InvokePanel::callAgain()
{
    if (m_last.isValid() && !isPending())
        run(m_last, true);
}

void InvokePanel::cancel()
{
    m_repeatLeft = 0;
    if (m_pending)
        m_pending->cancel();
}

void InvokePanel::run(const Invocation &inv, bool record)
{
    if (isPending())
        return;
    Proxy *proxy = proxyFor(inv.uri, inv.serializer);
    if (!proxy)
        return;
    m_last = inv;
    PendingCall *c = inv.oneway ? proxy->callOneway(inv.method, inv.args, inv.kwargs) : proxy->call(inv.method, inv.args, inv.kwargs);
    m_pending = c;
    m_clock.start();
    if (m_repeatLeft == 0) {
        m_result->clear();
        m_result->setPending(tr("Calling %1.%2 …").arg(inv.uri, inv.method));
        // Started from the Stream tab (its Start button): stay there while the call is out, so
        // the tab does not flash to Result and back when the reply is a stream.
        if (m_outputTabs->currentWidget() != m_stream)
            m_outputTabs->setCurrentWidget(m_result);
    }
    // A real timeout (Pyro4 _pyroTimeout): the call fails with TimeoutError's text and the
    // proxy drops the connection, so the next call is not stuck behind this one.
    if (inv.timeout > 0)
        c->setTimeout(inv.timeout);
    const QPointer<Proxy> via = proxy;
    connect(c, &PendingCall::finished, this, [this, c, inv = Invocation(inv), record, via]() mutable {
        // What the proxy's handshake spoke, for "Copy as Python code" (Pyro4 or Pyro5 code).
        if (via && via->protocol()) {
            inv.protocol = via->protocol();
            m_protocols.insert(inv.uri, *inv.protocol);
            if (inv.uri == m_uri.toString())
                updateSerializerChoice();
        }
        finishCall(c, inv, record);
    });
    updateState();
}

void InvokePanel::finishCall(PendingCall *c, const Invocation &inv, bool record)
{
    const double ms = double(m_clock.nsecsElapsed()) / 1e6;
    m_pending = nullptr;
    CallStats stats;
    stats.roundTripMs = ms;
    // As the client wrote and read them (header, annotations, payload), in either protocol.
    stats.requestBytes = c->requestWireSize();
    if (!inv.oneway && !c->isStream())
        stats.replyBytes = c->replyWireSize();
    if (inv.oneway)
        stats.note = tr("oneway: no reply");

    if (m_repeatLeft > 0) {
        if (c->hasError()) {
            m_repeatLeft = 0;
            m_result->setError(c->error(), stats);
        } else {
            m_repeat->addSample(ms);
            --m_repeatLeft;
        }
        if (m_repeatLeft > 0) {
            startNextRepeat();
            return;
        }
        m_repeat->finish();
        updateState();
        emit callFinished();
        return;
    }

    HistoryEntry entry;
    entry.invocation = inv;
    entry.milliseconds = ms;
    if (c->hasError()) {
        m_result->setError(c->error(), stats);
        m_outputTabs->setCurrentWidget(m_result);
        entry.ok = false;
        entry.result = ErrorText::describe(c->error());
    } else if (c->isStream()) {
        PendingStream *s = c->takeStream();
        m_stream->start(s);
        m_outputTabs->setCurrentWidget(m_stream);
        m_result->setResult(Value(), stats);
        m_result->setPending(tr("Streaming into the Stream tab"));
        entry.result = tr("(stream)");
    } else {
        m_result->setResult(c->result(), stats);
        m_outputTabs->setCurrentWidget(m_result);
        entry.result = DisplayRepr::write(c->result(), DisplayRepr::ObjectStyle::Constructor); // proxies as proxies
    }
    if (record && m_history)
        m_history->add(entry);
    updateState();
    emit callCompleted(inv, c->hasError() ? c->error() : Error());
    emit callFinished();
}

QString InvokePanel::repeatSummary() const
{
    return m_repeat->summary();
}

void InvokePanel::repeat(int times)
{
    if (isPending() || times < 1 || !m_callButton->isEnabled())
        return;
    m_repeatLeft = times;
    m_outputTabs->setCurrentWidget(m_repeat);
    m_repeat->begin(times);
    startNextRepeat();
}

void InvokePanel::startNextRepeat()
{
    Invocation inv = invocation();
    inv.oneway = false; // latency needs replies
    run(inv, false);
    if (!isPending())
        m_repeatLeft = 0;
}

void InvokePanel::addToBatch()
{
    const Invocation inv = invocation();
    if (!inv.isValid() || !argumentsValid())
        return;
    const QString error = m_batch->add(inv);
    if (!error.isEmpty()) {
        m_formError = error;
        showMessage();
    }
}

void InvokePanel::clearBatch()
{
    m_batch->clear();
}

void InvokePanel::runBatch()
{
    const QList<Invocation> calls = m_batch->invocations();
    if (calls.isEmpty() || isPending())
        return;
    Proxy *proxy = proxyFor(calls.first().uri, calls.first().serializer);
    if (!proxy)
        return;
    Batch batch(proxy);
    for (const Invocation &inv : calls)
        batch.call(inv.method, inv.args, inv.kwargs);
    PendingCall *c = batch.send();
    m_pending = c;
    m_clock.start();
    m_result->clear();
    m_result->setPending(tr("Running a batch of %1 calls…").arg(calls.size()));
    const qsizetype count = calls.size();
    const QPointer<Proxy> via = proxy;
    const QString target = calls.first().uri;
    connect(c, &PendingCall::finished, this, [this, c, count, via, target] {
        m_pending = nullptr;
        if (via && via->protocol()) // for "Copy as Python code" of the batch
            m_protocols.insert(target, *via->protocol());
        CallStats stats;
        stats.roundTripMs = double(m_clock.nsecsElapsed()) / 1e6;
        stats.note = tr("batch of %1 calls in one round trip").arg(count);
        if (c->hasError()) {
            stats.note += tr("; %1 ran before the error").arg(c->result().items().size());
            m_result->setError(c->error(), stats);
        } else {
            m_result->setResult(c->result(), stats);
        }
        m_outputTabs->setCurrentWidget(m_result);
        updateState();
        emit callFinished();
    });
    updateState();
}

} // namespace Pyro::Ui
