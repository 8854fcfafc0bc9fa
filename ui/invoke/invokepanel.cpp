#include "invoke/invokepanel.h"

#include "client/batch.h"
#include "client/pendingcall.h"
#include "client/pendingstream.h"
#include "client/proxy.h"
#include "common/errortext.h"
#include "common/session.h"
#include "daemon/callbackhost.h"
#include "history/historymodel.h"
#include "invoke/argumentdelegate.h"
#include "invoke/argumentmodel.h"
#include "serializers/serializer.h"
#include "streams/streamconsole.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace Pyro::Ui {

namespace {

//! Latency histogram of a repeat run: 12 bins between min and max.
class Histogram : public QWidget
{
public:
    explicit Histogram(QWidget *parent) : QWidget(parent) { setMinimumHeight(50); }
    void setSamples(const QList<double> &samples)
    {
        m_samples = samples;
        update();
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.fillRect(rect(), palette().base());
        if (m_samples.isEmpty())
            return;
        const auto [lo, hi] = std::minmax_element(m_samples.cbegin(), m_samples.cend());
        constexpr int Bins = 12;
        QList<int> bins(Bins, 0);
        const double span = qMax(1e-9, *hi - *lo);
        for (double s : std::as_const(m_samples))
            ++bins[qMin(Bins - 1, int((s - *lo) / span * Bins))];
        const int top = *std::max_element(bins.cbegin(), bins.cend());
        const double w = double(width()) / Bins;
        for (int i = 0; i < Bins; ++i) {
            const double h = double(bins.at(i)) / top * (height() - 14);
            p.fillRect(QRectF(i * w + 1, height() - 14 - h, w - 2, h), palette().highlight());
        }
        p.setPen(palette().text().color());
        p.drawText(rect(), Qt::AlignBottom | Qt::AlignLeft, QStringLiteral("%1 ms").arg(*lo, 0, 'f', 2));
        p.drawText(rect(), Qt::AlignBottom | Qt::AlignRight, QStringLiteral("%1 ms").arg(*hi, 0, 'f', 2));
    }

private:
    QList<double> m_samples;
};

QString draftKey(const QString &uri, const QString &method)
{
    // Keys must not contain '/' segments from the URI; percent-encode the pair.
    return QString::fromLatin1(QUrl::toPercentEncoding(uri + u'#' + method));
}

} // namespace

InvokePanel::InvokePanel(Session *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_methodCombo(new QComboBox(this)), m_targetLabel(new QLabel(this)),
      m_arguments(new ArgumentModel(this)), m_argumentView(new QTableView(this)), m_formError(new QLabel(this)),
      m_preview(new QLabel(this)), m_serializer(new QComboBox(this)), m_oneway(new QCheckBox(tr("Oneway"), this)), m_timeout(new QDoubleSpinBox(this)),
      m_repeatCount(new QSpinBox(this)), m_callButton(new QPushButton(tr("Call"), this)),
      m_againButton(new QPushButton(tr("Call again"), this)), m_cancelButton(new QPushButton(tr("Cancel wait"), this)),
      m_repeatButton(new QPushButton(tr("Repeat"), this)), m_batchList(new QListWidget(this)),
      m_runBatchButton(new QPushButton(tr("Run batch"), this)), m_repeatLabel(new QLabel(this)), m_histogram(new Histogram(this)),
      m_pasteEdit(new QLineEdit(this)), m_outputTabs(new QTabWidget(this)), m_result(new ResultView(this)),
      m_stream(new StreamConsole(session, this))
{
    m_methodCombo->setEditable(true);
    m_methodCombo->setMinimumContentsLength(16);
    m_methodCombo->setToolTip(tr("Method to call"));
    connect(m_methodCombo, &QComboBox::currentTextChanged, this, [this] {
        if (!m_loading)
            loadDraft();
    });

    m_argumentView->setModel(m_arguments);
    m_argumentView->setItemDelegate(new ArgumentDelegate([] { return CallbackHost::instance()->uris(); }, m_argumentView));
    m_argumentView->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_argumentView->horizontalHeader()->setStretchLastSection(true);
    m_argumentView->verticalHeader()->hide();
    m_formError->setStyleSheet(QStringLiteral("color: #b00020"));
    m_formError->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_serializer->addItem(QString(), QString());
    for (const QString &name : Serializer::names())
        m_serializer->addItem(name, name);
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
    m_repeatCount->setRange(1, 100000);
    m_repeatCount->setValue(10);
    m_cancelButton->setEnabled(false);
    m_pasteEdit->setPlaceholderText(tr("Paste a pyroctl command line and press Enter to fill the form"));

    auto *addArg = new QPushButton(tr("Add argument"), this);
    auto *removeArg = new QPushButton(tr("Remove"), this);
    auto *pin = new QPushButton(tr("Pin signature"), this);
    pin->setToolTip(tr("Remember names, types and values as the starting point for this method"));
    auto *reset = new QPushButton(tr("Reset to pinned"), this);
    connect(addArg, &QPushButton::clicked, this, [this] { m_arguments->appendRow({}); });
    connect(removeArg, &QPushButton::clicked, this, [this] { m_arguments->removeArgument(m_argumentView->currentIndex().row()); });
    connect(pin, &QPushButton::clicked, this, &InvokePanel::pinSignature);
    connect(reset, &QPushButton::clicked, this, &InvokePanel::resetToPinned);
    connect(m_callButton, &QPushButton::clicked, this, &InvokePanel::call);
    connect(m_againButton, &QPushButton::clicked, this, &InvokePanel::callAgain);
    connect(m_cancelButton, &QPushButton::clicked, this, &InvokePanel::cancel);
    connect(m_repeatButton, &QPushButton::clicked, this, [this] { repeat(m_repeatCount->value()); });
    connect(m_runBatchButton, &QPushButton::clicked, this, &InvokePanel::runBatch);
    connect(m_pasteEdit, &QLineEdit::returnPressed, this, [this] {
        if (pastePyroctl(m_pasteEdit->text()))
            m_pasteEdit->clear();
    });
    connect(m_arguments, &ArgumentModel::rowsEdited, this, [this] {
        updatePreview();
        updateState();
        if (!m_loading)
            saveDraft();
    });
    connect(m_oneway, &QCheckBox::toggled, this, [this] {
        if (!m_loading)
            saveDraft();
    });
    connect(session, &Session::settingsChanged, this, [this] {
        updateSerializerChoice();
        updatePreview();
    });

    auto *callAction = new QAction(tr("Call"), this);
    callAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    connect(callAction, &QAction::triggered, this, &InvokePanel::call);
    auto *againAction = new QAction(tr("Call again"), this);
    againAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    connect(againAction, &QAction::triggered, this, &InvokePanel::callAgain);
    auto *pyroctlAction = new QAction(tr("Copy as pyroctl command"), this);
    connect(pyroctlAction, &QAction::triggered, this, &InvokePanel::copyAsPyroctl);
    auto *pythonAction = new QAction(tr("Copy as Python code"), this);
    connect(pythonAction, &QAction::triggered, this, &InvokePanel::copyAsPython);
    m_actions = { callAction, againAction };
    m_actions += m_stream->actions();
    m_actions += { pyroctlAction, pythonAction };
    for (QAction *a : std::as_const(m_actions))
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addActions({ callAction, againAction, pyroctlAction, pythonAction });

    // Layout: target line, arguments, options, buttons, output tabs.
    auto *target = new QHBoxLayout;
    target->addWidget(m_targetLabel, 1);
    target->addWidget(new QLabel(tr("Method:"), this));
    target->addWidget(m_methodCombo);
    auto *argButtons = new QHBoxLayout;
    argButtons->addWidget(addArg);
    argButtons->addWidget(removeArg);
    argButtons->addStretch();
    argButtons->addWidget(pin);
    argButtons->addWidget(reset);
    auto *callRow = new QHBoxLayout;
    callRow->addWidget(m_oneway);
    callRow->addWidget(new QLabel(tr("Serializer:"), this));
    callRow->addWidget(m_serializer);
    callRow->addWidget(new QLabel(tr("Timeout:"), this));
    callRow->addWidget(m_timeout);
    callRow->addStretch();
    callRow->addWidget(m_callButton);
    callRow->addWidget(m_againButton);
    callRow->addWidget(m_cancelButton);

    auto *form = new QWidget(this);
    auto *formLayout = new QVBoxLayout(form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addLayout(target);
    formLayout->addWidget(m_argumentView, 1);
    formLayout->addLayout(argButtons);
    formLayout->addWidget(m_formError);
    formLayout->addWidget(m_preview);
    formLayout->addLayout(callRow);
    formLayout->addWidget(m_pasteEdit);

    auto *repeatPage = new QWidget(this);
    auto *repeatLayout = new QVBoxLayout(repeatPage);
    auto *repeatRow = new QHBoxLayout;
    repeatRow->addWidget(new QLabel(tr("Times:"), repeatPage));
    repeatRow->addWidget(m_repeatCount);
    repeatRow->addWidget(m_repeatButton);
    repeatRow->addStretch();
    repeatLayout->addLayout(repeatRow);
    repeatLayout->addWidget(m_repeatLabel);
    repeatLayout->addWidget(m_histogram, 1);

    auto *batchPage = new QWidget(this);
    auto *batchLayout = new QVBoxLayout(batchPage);
    auto *batchRow = new QHBoxLayout;
    auto *addBatch = new QPushButton(tr("Add current call"), batchPage);
    auto *clearBatchButton = new QPushButton(tr("Clear"), batchPage);
    connect(addBatch, &QPushButton::clicked, this, &InvokePanel::addToBatch);
    connect(clearBatchButton, &QPushButton::clicked, this, &InvokePanel::clearBatch);
    batchRow->addWidget(addBatch);
    batchRow->addWidget(clearBatchButton);
    batchRow->addStretch();
    batchRow->addWidget(m_runBatchButton);
    batchLayout->addLayout(batchRow);
    batchLayout->addWidget(m_batchList, 1);

    m_outputTabs->addTab(m_result, tr("Result"));
    m_outputTabs->addTab(m_stream, tr("Stream"));
    m_outputTabs->addTab(repeatPage, tr("Repeat"));
    m_outputTabs->addTab(batchPage, tr("Batch"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(form);
    split->addWidget(m_outputTabs);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    setHistoryModel(HistoryModel::instance());
    updateState();
    updatePreview();
}

InvokePanel::~InvokePanel()
{
    if (m_pending)
        m_pending->cancel();
}

void InvokePanel::setHistoryModel(HistoryModel *model)
{
    if (m_history)
        disconnect(m_history, nullptr, this, nullptr);
    m_history = model;
    if (model) {
        connect(model, &HistoryModel::replayRequested, this, [this](const Invocation &inv, bool runIt) {
            setInvocation(inv);
            if (runIt)
                run(inv, true);
        });
    }
}

QString InvokePanel::settingsKey(const QString &uri, const QString &method)
{
    return draftKey(uri, method);
}

QString InvokePanel::method() const
{
    return m_methodCombo->currentText().trimmed();
}

Invocation InvokePanel::invocation() const
{
    Invocation inv;
    inv.uri = m_uri.toString();
    inv.method = method();
    if (m_arguments->isValid()) {
        inv.args = m_arguments->args();
        inv.kwargs = m_arguments->kwargs();
    }
    inv.oneway = m_oneway->isChecked();
    inv.timeout = m_timeout->value();
    inv.serializer = m_serializer->currentData().toString();
    return inv;
}

void InvokePanel::setInvocation(const Invocation &inv)
{
    const Result<PyroUri> uri = PyroUri::parse(inv.uri);
    m_loading = true;
    if (uri)
        m_uri = uri.value();
    m_targetLabel->setText(m_uri.toString());
    if (m_methodCombo->findText(inv.method) < 0)
        m_methodCombo->addItem(inv.method);
    m_methodCombo->setCurrentText(inv.method);
    m_oneway->setChecked(inv.oneway);
    m_timeout->setValue(inv.timeout);
    m_serializer->setCurrentIndex(qMax(0, m_serializer->findData(inv.serializer)));
    m_arguments->setArguments(inv.args, inv.kwargs);
    m_loading = false;
    saveDraft();
    updateState();
}

void InvokePanel::setTarget(const PyroUri &uri, const QString &method)
{
    m_loading = true;
    const bool sameObject = uri.toString() == m_uri.toString();
    m_uri = uri;
    m_targetLabel->setText(uri.toString());
    if (!sameObject)
        m_methodCombo->clear();
    if (m_methodCombo->findText(method) < 0)
        m_methodCombo->addItem(method);
    m_methodCombo->setCurrentText(method);
    m_loading = false;
    loadDraft();
}

void InvokePanel::setTargetObject(const PyroUri &uri)
{
    m_loading = true;
    m_uri = uri;
    m_targetLabel->setText(uri.toString());
    m_methodCombo->clear();
    m_loading = false;
    Proxy *proxy = proxyFor(uri.toString());
    if (!proxy)
        return;
    auto fill = [this, proxy] {
        const QString current = method();
        m_loading = true;
        m_methodCombo->clear();
        m_methodCombo->addItems(proxy->methods());
        m_loading = false;
        if (!current.isEmpty())
            m_methodCombo->setCurrentText(current);
        loadDraft();
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
}

QString InvokePanel::formError() const
{
    return m_formError->text();
}

void InvokePanel::updateState()
{
    const bool valid = m_arguments->isValid();
    const int row = m_arguments->firstErrorRow();
    QString error;
    if (!valid) {
        error = m_arguments->firstError();
        const QModelIndex idx = m_arguments->index(row, ArgumentModel::ValueColumn);
        const qlonglong offset = idx.data(ArgumentModel::ErrorOffsetRole).toLongLong();
        const QString text = m_arguments->row(row).text;
        if (offset >= 0 && offset <= text.size() && text.size() < 200) // point at the character
            error += u'\n' + text + u'\n' + QString(offset, u' ') + u'^';
    }
    m_formError->setText(error);
    m_formError->setVisible(!error.isEmpty());
    const bool ready = valid && m_previewOk && m_uri.isValid() && !method().isEmpty() && !isPending();
    m_callButton->setEnabled(ready);
    m_repeatButton->setEnabled(ready);
    m_againButton->setEnabled(m_last.isValid() && !isPending());
    m_cancelButton->setEnabled(isPending());
    m_runBatchButton->setEnabled(!m_batch.isEmpty() && !isPending());
    for (QAction *a : std::as_const(m_actions)) {
        if (a->text() == tr("Call"))
            a->setEnabled(ready);
    }
}

void InvokePanel::updatePreview()
{
    m_previewOk = true;
    if (!m_arguments->isValid()) {
        m_preview->clear();
        return;
    }
    const Serializer *ser = serializerFor(m_serializer->currentData().toString());
    if (!ser) {
        m_preview->setText(tr("No serializer"));
        return;
    }
    const ValueList args = m_arguments->args();
    const Dict kwargs = m_arguments->kwargs();
    // What the server gets: encode as the proxy will, decode as a daemon does.
    CallEnvelope env;
    env.objectId = QStringLiteral("preview");
    env.method = method().isEmpty() ? QStringLiteral("method") : method();
    env.args = args;
    env.kwargs = kwargs;
    const Result<QByteArray> bytes = ser->encodeCall(env);
    if (!bytes) {
        m_previewOk = false;
        m_preview->setText(tr("<span style='color:#b00020'>Cannot be sent with %1: %2</span>")
                                   .arg(ser->name(), bytes.error().message().toHtmlEscaped()));
        updateState();
        return;
    }
    const Result<CallEnvelope> back = ser->decodeCall(bytes.value());
    if (!back) {
        m_preview->setText(tr("Server side decoding under %1 fails: %2").arg(ser->name(), back.error().message()));
        return;
    }
    Invocation shown;
    shown.args = back.value().args;
    shown.kwargs = back.value().kwargs;
    QString text = shown.argumentText();
    if (text.size() > 1000)
        text = text.left(1000) + QStringLiteral("…");
    const bool same = back.value().args == args && back.value().kwargs == kwargs;
    m_preview->setText(tr("The server receives (%1, %2 bytes): %3%4")
                               .arg(ser->name())
                               .arg(bytes.value().size())
                               .arg(text.toHtmlEscaped(),
                                    same ? QString() : tr(" <b>(changed by the serializer)</b>")));
}

QString InvokePanel::previewText() const
{
    return m_preview->text();
}

void InvokePanel::saveDraft()
{
    if (!m_uri.isValid() || method().isEmpty())
        return;
    QJsonObject o { { QStringLiteral("rows"), ArgumentModel::rowsToJson(m_arguments->rows()) },
                    { QStringLiteral("oneway"), m_oneway->isChecked() },
                    { QStringLiteral("serializer"), m_serializer->currentData().toString() } };
    QSettings().setValue(QStringLiteral("workbench/drafts/") + draftKey(m_uri.toString(), method()),
                         QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
}

void InvokePanel::loadDraft()
{
    if (!m_uri.isValid())
        return;
    QSettings settings;
    const QString key = draftKey(m_uri.toString(), method());
    QString text = settings.value(QStringLiteral("workbench/drafts/") + key).toString();
    if (text.isEmpty())
        text = settings.value(QStringLiteral("workbench/pinned/") + key).toString();
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    m_loading = true;
    m_arguments->setMode(ArgumentModel::Mode::Arguments);
    m_arguments->setRows(ArgumentModel::rowsFromJson(o.value(QStringLiteral("rows")).toArray()));
    m_oneway->setChecked(o.value(QStringLiteral("oneway")).toBool());
    m_serializer->setCurrentIndex(qMax(0, m_serializer->findData(o.value(QStringLiteral("serializer")).toString())));
    m_loading = false;
    updatePreview();
    updateState();
}

void InvokePanel::pinSignature()
{
    if (!m_uri.isValid() || method().isEmpty())
        return;
    QJsonObject o { { QStringLiteral("rows"), ArgumentModel::rowsToJson(m_arguments->rows()) },
                    { QStringLiteral("oneway"), m_oneway->isChecked() },
                    { QStringLiteral("serializer"), m_serializer->currentData().toString() } };
    QSettings().setValue(QStringLiteral("workbench/pinned/") + draftKey(m_uri.toString(), method()),
                         QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
}

void InvokePanel::resetToPinned()
{
    QSettings().remove(QStringLiteral("workbench/drafts/") + draftKey(m_uri.toString(), method()));
    loadDraft();
}

bool InvokePanel::pastePyroctl(const QString &commandLine)
{
    const Result<Invocation> inv = Invocation::fromPyroctl(commandLine);
    if (!inv) {
        m_formError->setText(tr("Pasted command: %1").arg(inv.error().message()));
        m_formError->setVisible(true);
        return false;
    }
    setInvocation(inv.value());
    return true;
}

void InvokePanel::copyAsPyroctl()
{
    QApplication::clipboard()->setText(invocation().toPyroctl());
}

void InvokePanel::copyAsPython()
{
    QApplication::clipboard()->setText(invocation().toPython());
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
        m_result->setPending(tr("Calling %1.%2 …").arg(inv.uri, inv.method));
        m_outputTabs->setCurrentWidget(m_result);
    }
    if (inv.timeout > 0) {
        QPointer<PendingCall> guard = c;
        QTimer::singleShot(int(inv.timeout * 1000), this, [guard] {
            if (guard && !guard->isFinished())
                guard->cancel();
        });
    }
    connect(c, &PendingCall::finished, this, [this, c, inv, record] { finishCall(c, inv, record); });
    updateState();
}

void InvokePanel::finishCall(PendingCall *c, const Invocation &inv, bool record)
{
    const double ms = double(m_clock.nsecsElapsed()) / 1e6;
    m_pending = nullptr;
    CallStats stats;
    stats.roundTripMs = ms;
    if (const Serializer *ser = serializerFor(inv.serializer)) {
        CallEnvelope env { QString(), inv.method, inv.args, inv.kwargs };
        if (const Result<QByteArray> b = ser->encodeCall(env))
            stats.requestBytes = b.value().size() + 24;
        if (!c->hasError() && !inv.oneway) {
            if (const Result<QByteArray> r = ser->encode(c->result()))
                stats.replyBytes = r.value().size() + 24;
        }
    }
    if (inv.oneway)
        stats.note = tr("oneway: no reply");

    if (m_repeatLeft > 0) {
        if (c->hasError()) {
            m_repeatLeft = 0;
            m_result->setError(c->error(), stats);
        } else {
            m_latencies << ms;
            --m_repeatLeft;
        }
        if (m_repeatLeft > 0) {
            startNextRepeat();
            return;
        }
        static_cast<Histogram *>(m_histogram)->setSamples(m_latencies);
        m_repeatLabel->setText(repeatSummary());
        updateState();
        emit callFinished();
        return;
    }

    HistoryEntry entry;
    entry.invocation = inv;
    entry.milliseconds = ms;
    if (c->hasError()) {
        m_result->setError(c->error(), stats);
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
        entry.result = c->result().repr();
    }
    if (record && m_history)
        m_history->add(entry);
    updateState();
    emit callFinished();
}

QString InvokePanel::repeatSummary() const
{
    if (m_latencies.isEmpty())
        return QString();
    const auto [lo, hi] = std::minmax_element(m_latencies.cbegin(), m_latencies.cend());
    double sum = 0;
    for (double v : m_latencies)
        sum += v;
    return tr("%1 calls: min %2 ms, mean %3 ms, max %4 ms")
            .arg(m_latencies.size())
            .arg(*lo, 0, 'f', 2)
            .arg(sum / m_latencies.size(), 0, 'f', 2)
            .arg(*hi, 0, 'f', 2);
}

void InvokePanel::repeat(int times)
{
    if (isPending() || times < 1 || !m_callButton->isEnabled())
        return;
    m_latencies.clear();
    m_repeatLeft = times;
    m_outputTabs->setCurrentIndex(2);
    m_repeatLabel->setText(tr("Running %1 calls…").arg(times));
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
    if (!inv.isValid() || !m_arguments->isValid())
        return;
    if (!m_batch.isEmpty() && m_batch.first().uri != inv.uri) {
        m_formError->setText(tr("A batch goes to one object: %1").arg(m_batch.first().uri));
        m_formError->setVisible(true);
        return;
    }
    if (!m_batch.isEmpty() && m_batch.first().serializer != inv.serializer) {
        // One batch is one message, so it has one serializer.
        m_formError->setText(tr("A batch is sent with one serializer: pick the one of its first call"));
        m_formError->setVisible(true);
        return;
    }
    m_batch << inv;
    m_batchList->addItem(QStringLiteral("%1(%2)").arg(inv.method, inv.argumentText()));
    updateState();
}

void InvokePanel::clearBatch()
{
    m_batch.clear();
    m_batchList->clear();
    updateState();
}

void InvokePanel::runBatch()
{
    if (m_batch.isEmpty() || isPending())
        return;
    Proxy *proxy = proxyFor(m_batch.first().uri, m_batch.first().serializer);
    if (!proxy)
        return;
    Batch batch(proxy);
    for (const Invocation &inv : std::as_const(m_batch))
        batch.call(inv.method, inv.args, inv.kwargs);
    PendingCall *c = batch.send();
    m_pending = c;
    m_clock.start();
    m_result->setPending(tr("Running a batch of %1 calls…").arg(m_batch.size()));
    const qsizetype count = m_batch.size();
    connect(c, &PendingCall::finished, this, [this, c, count] {
        m_pending = nullptr;
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
