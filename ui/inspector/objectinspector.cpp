#include "inspector/objectinspector.h"

#include "client/pendingcall.h"
#include "client/proxy.h"
#include "errors/errortext.h"
#include "protocol/protocolversion.h"
#include "session/session.h"
#include "widgets/elidedlabel.h"
#include "value/literalparser.h"

#include <QAction>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QToolButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Pyro::Ui {

// Reconnect: attempts and the pause between them (Pyro4's _pyroReconnect pauses 2 s and
// tries almost forever; a button click should end in a few seconds).
static constexpr int ReconnectTries = 3;
static constexpr int ReconnectDelayMs = 1000;

ObjectInspector::ObjectInspector(Session *session, QWidget *parent) : QWidget(parent), m_session(session)
{
    // Compact: a one-line title, the state and badges wrapping in whatever width the pane
    // has, then methods over attributes in a splitter. Nothing here asks for a wide pane.
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_title = new ElidedLabel(this);
    m_title->setText(tr("No object selected"));
    QFont f = m_title->font();
    f.setBold(true);
    m_title->setFont(f);
    m_state = new QLabel(this);
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_badges = new QLabel(this);
    m_badges->setTextFormat(Qt::RichText);
    m_badges->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    // Reconnect sits on the methods' header line (it reloads them), as Read values sits on the
    // attributes' one: the title, the state and the badges keep the pane's whole width.
    auto *reloadButton = new QToolButton(this);
    reloadButton->setText(tr("Reconnect"));
    reloadButton->setToolTip(tr("Connect again and reload the metadata"));
    connect(reloadButton, &QToolButton::clicked, this, &ObjectInspector::reload);
    m_title->setElideMode(Qt::ElideLeft); // "…lab.scope.stage" keeps the end of a long dotted name
    layout->addWidget(m_title);
    layout->addWidget(m_state);
    layout->addWidget(m_badges);
    layout->addWidget(m_error);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    auto *methodsBox = new QWidget(split);
    auto *ml = new QVBoxLayout(methodsBox);
    ml->setContentsMargins(0, 0, 0, 0);
    auto *methodsLabel = new QLabel(tr("&Methods"), methodsBox);
    methodsLabel->setToolTip(tr("Click to fill the form; double-click or Enter to call (or to type the arguments)"));
    auto *methodsHeader = new QHBoxLayout;
    methodsHeader->addWidget(methodsLabel, 1);
    methodsHeader->addWidget(reloadButton);
    ml->addLayout(methodsHeader);
    m_methods = new QListWidget(methodsBox);
    m_methods->setToolTip(methodsLabel->toolTip());
    m_methods->setMinimumHeight(m_methods->fontMetrics().lineSpacing() * 3);
    methodsLabel->setBuddy(m_methods);
    ml->addWidget(m_methods);
    auto *attrsBox = new QWidget(split);
    auto *al = new QVBoxLayout(attrsBox);
    al->setContentsMargins(0, 0, 0, 0);
    auto *attrHeader = new QHBoxLayout;
    attrHeader->addWidget(new QLabel(tr("Attributes"), attrsBox), 1);
    m_readButton = new QToolButton(attrsBox);
    m_readButton->setText(tr("Read values"));
    connect(m_readButton, &QToolButton::clicked, this, &ObjectInspector::readAttributes);
    attrHeader->addWidget(m_readButton);
    al->addLayout(attrHeader);
    m_attrs = new QTableWidget(0, 2, attrsBox);
    m_attrs->setHorizontalHeaderLabels({ tr("Name"), tr("Value") });
    m_attrs->horizontalHeaderItem(1)->setToolTip(tr("A Python literal; edit to set the attribute"));
    // Name as wide as the names, Value the rest: no sideways scrolling in a narrow pane.
    m_attrs->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_attrs->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_attrs->horizontalHeader()->setMinimumSectionSize(m_attrs->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 4);
    m_attrs->verticalHeader()->hide();
    m_attrs->verticalHeader()->setDefaultSectionSize(m_attrs->fontMetrics().lineSpacing() + 6);
    m_attrs->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    m_attrs->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_attrs->setMinimumHeight(m_attrs->fontMetrics().lineSpacing() * 3);
    al->addWidget(m_attrs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_methods, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit methodActivated(m_uri, item->data(Qt::UserRole).toString());
    });
    connect(m_methods, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            emit methodSelected(m_uri, item->data(Qt::UserRole).toString());
    });
    connect(m_attrs, &QTableWidget::cellChanged, this, &ObjectInspector::onAttributeEdited);

    // Watch: poll the member in the Watches dock (context menu of both lists).
    auto *watchMethod = new QAction(tr("&Watch"), m_methods);
    watchMethod->setToolTip(tr("Call this method (without arguments) repeatedly in the Watches dock"));
    connect(watchMethod, &QAction::triggered, this, [this] {
        if (QListWidgetItem *item = m_methods->currentItem())
            emit watchRequested(m_uri, item->data(Qt::UserRole).toString(), true);
    });
    // Keyboard: the Menu key opens the context menu; Ctrl+Shift+W watches the current row.
    const QKeySequence watchKey(Qt::CTRL | Qt::SHIFT | Qt::Key_W);
    watchMethod->setShortcut(watchKey);
    watchMethod->setShortcutContext(Qt::WidgetShortcut);
    m_methods->addAction(watchMethod);
    m_methods->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *watchAttribute = new QAction(tr("&Watch"), m_attrs);
    watchAttribute->setToolTip(tr("Read this attribute repeatedly in the Watches dock"));
    connect(watchAttribute, &QAction::triggered, this, [this] {
        const int row = m_attrs->currentRow();
        if (row >= 0 && m_attrs->item(row, 0))
            emit watchRequested(m_uri, m_attrs->item(row, 0)->text(), false);
    });
    watchAttribute->setShortcut(watchKey);
    watchAttribute->setShortcutContext(Qt::WidgetShortcut);
    m_attrs->addAction(watchAttribute);
    m_attrs->setContextMenuPolicy(Qt::ActionsContextMenu);
}

QString ObjectInspector::stateText() const
{
    return m_state->text();
}

QString ObjectInspector::badgeHtml() const
{
    return m_badges->text();
}

void ObjectInspector::setObject(const PyroUri &uri, const QString &name)
{
    m_uri = uri;
    m_name = name;
    // The name when it has one (the URI is in the tooltip and in the state line's location).
    m_title->setText(name.isEmpty() ? uri.toString() : name);
    m_title->setToolTip(name.isEmpty() ? uri.toString() : QStringLiteral("%1\n%2").arg(name, uri.toString()));
    m_proxy = m_session->proxyFor(uri);
    m_acceptsPickle = false;
    m_flame = false;
    m_pingMs = -1;
    reload();
}

void ObjectInspector::showError(const Error &error)
{
    m_error->setVisible(error.isError());
    m_error->setText(error.isError() ? ErrorText::describe(error) : QString());
}

void ObjectInspector::reload()
{
    if (!m_proxy)
        return;
    m_methods->clear();
    m_attrs->setRowCount(0);
    showError(Error());
    m_state->setText(tr("Connecting…"));
    m_clock.start();
    // Pyro4 _pyroReconnect: a few tries; an object opened by name is looked up again.
    PendingCall *call = m_proxy->reconnect(ReconnectTries, ReconnectDelayMs);
    connect(call, &PendingCall::finished, this, [this, call] {
        m_bindMs = double(m_clock.nsecsElapsed()) / 1e6;
        if (call->error()) {
            m_disconnected = true;
            m_state->setText(tr("Not connected"));
            showError(call->error());
            emit statusMessage(ErrorText::describe(call->error()));
            return;
        }
        m_disconnected = false;
        fillMetadata();
        measurePing();
        checkBadges();
        emit reloaded(m_uri);
    });
}

void ObjectInspector::noteCallOutcome(const QString &uri, const Error &error)
{
    if (uri != m_uri.toString())
        return;
    if (error.category() == Error::Category::Connection) {
        m_disconnected = true;
        m_state->setText(tr("Disconnected: %1").arg(ErrorText::describe(error)));
        return;
    }
    if (m_disconnected && !error)
        reload();
}

void ObjectInspector::fillMetadata()
{
    const QStringList oneway = m_proxy->onewayMethods();
    QStringList methods = m_proxy->methods();
    methods.sort();
    for (const QString &m : std::as_const(methods)) {
        auto *item = new QListWidgetItem(oneway.contains(m) ? tr("%1  (oneway)").arg(m) : m, m_methods);
        item->setData(Qt::UserRole, m);
        item->setToolTip(oneway.contains(m) ? tr("oneway: returns at once, no result or error comes back") : QString());
    }
    m_fillingAttrs = true;
    QStringList attrs = m_proxy->attributes();
    attrs.sort();
    m_attrs->setRowCount(int(attrs.size()));
    for (int i = 0; i < attrs.size(); ++i) {
        auto *nameItem = new QTableWidgetItem(attrs[i]);
        nameItem->setFlags(nameItem->flags() & ~Qt::ItemIsEditable);
        m_attrs->setItem(i, 0, nameItem);
        auto *valueItem = new QTableWidgetItem(tr("(not read)"));
        valueItem->setData(Qt::UserRole, false); // not read yet
        m_attrs->setItem(i, 1, valueItem);
    }
    m_fillingAttrs = false;
    if (!m_proxy->hasMetadata())
        showError(Error(Error::Code::ProtocolError,
                        tr("The server publishes no metadata (Pyro4 METADATA off, or a server older than 4.27). "
                           "You can still call methods by name.")));
    updateBadges();
}

void ObjectInspector::measurePing()
{
    // A round trip to the daemon object on the same host: cheap and always exposed.
    if (m_uri.protocol() != PyroUri::Protocol::Pyro && !m_proxy->connectedUri().isValid())
        return;
    const PyroUri target = m_proxy->connectedUri().isValid() ? m_proxy->connectedUri() : m_uri;
    PyroUri daemonUri = target.isUnixSocket() ? PyroUri::unixSocket(QStringLiteral("Pyro.Daemon"), target.socketPath())
                                              : PyroUri::pyro(QStringLiteral("Pyro.Daemon"), target.host(), target.port());
    Proxy *daemon = m_session->proxyFor(daemonUri);
    PendingCall *first = daemon->bind();
    connect(first, &PendingCall::finished, this, [this, daemon, first] {
        if (first->error())
            return;
        auto clock = std::make_shared<QElapsedTimer>();
        clock->start();
        PendingCall *ping = daemon->call(QStringLiteral("ping"));
        connect(ping, &PendingCall::finished, this, [this, ping, clock] {
            if (!ping->error())
                m_pingMs = double(clock->nsecsElapsed()) / 1e6;
            updateBadges();
        });
        PendingCall *reg = daemon->call(QStringLiteral("registered"));
        connect(reg, &PendingCall::finished, this, [this, reg] {
            if (reg->error())
                return;
            const Value ids = reg->result(); // items() refers into it: keep it alive
            for (const Value &v : ids.items())
                if (v.toStr() == QLatin1String("Pyro.Flame"))
                    m_flame = true;
            updateBadges();
        });
    });
}

ObjectInspector::~ObjectInspector()
{
    // A probe proxy still waiting fails its call when it dies, and the handler touches this
    // inspector: let that happen now, while the inspector is whole (QWidget deletes its
    // children only after our part of the object is gone).
    qDeleteAll(findChildren<Proxy *>(Qt::FindDirectChildrenOnly));
}

void ObjectInspector::checkBadges()
{
    // Does the server accept pickle? Try a handshake with it on a throw-away proxy. Pyro5
    // has no pickle at all: nothing to ask.
    if (m_proxy->protocol() == ProtocolVersion::Pyro5) {
        m_acceptsPickle = false;
        updateBadges();
        return;
    }
    ProxySettings s = m_session->settings();
    s.serializer = SerializerId::Pickle;
    s.allowPickle = true;
    s.timeout = 5;
    const PyroUri target = m_proxy->connectedUri().isValid() ? m_proxy->connectedUri() : m_uri;
    auto *probe = new Proxy(target, s, this);
    PendingCall *bind = probe->bind();
    connect(bind, &PendingCall::finished, this, [this, bind, probe] {
        m_acceptsPickle = !bind->error();
        probe->deleteLater();
        updateBadges();
    });
}

static QString badge(const QString &text, const QString &color, const QString &tip)
{
    // Non-breaking spaces inside a badge: the row may wrap between badges, never inside one
    // ("no" at the end of a line and "TLS" on the next reads as two badges).
    QString inner = text.toHtmlEscaped();
    inner.replace(QLatin1Char(' '), QStringLiteral("&nbsp;"));
    return QStringLiteral("<span style='background:%1;color:white' title='%3'>&nbsp;%2&nbsp;</span> ")
            .arg(color, inner, tip.toHtmlEscaped());
}

QString ObjectInspector::protocolText() const
{
    if (!m_proxy || !m_proxy->protocol())
        return QString();
    return ProtocolInfo::name(*m_proxy->protocol());
}

void ObjectInspector::updateBadges()
{
    if (!m_proxy)
        return;
    const ProxySettings s = m_proxy->settings();
    const QString serializer = Serializer::byId(s.serializer) ? Serializer::byId(s.serializer)->name() : QStringLiteral("?");
    QStringList parts;
    parts << tr("Connected to %1").arg(m_proxy->connectedUri().isValid() ? m_proxy->connectedUri().location() : m_uri.location());
    parts << tr("serializer %1").arg(serializer);
    if (m_bindMs >= 0)
        parts << tr("handshake %1 ms").arg(m_bindMs, 0, 'f', 1);
    if (m_pingMs >= 0)
        parts << tr("ping %1 ms").arg(m_pingMs, 0, 'f', 2);
    if (!m_disconnected)
        m_state->setText(parts.join(QStringLiteral(" · ")));

    QString html;
    const std::optional<ProtocolVersion> protocol = m_proxy->protocol();
    if (protocol)
        html += badge(protocolText(), QStringLiteral("#2c6fbb"),
                      tr("The object speaks %1 (detected at the handshake)").arg(ProtocolInfo::describe(*protocol)));
    if (m_flame)
        html += badge(tr("Flame exposed"), QStringLiteral("#c0392b"),
                      tr("The daemon exposes Pyro.Flame: anyone who can connect can run code on that machine"));
    if (m_acceptsPickle)
        html += badge(tr("accepts pickle"), QStringLiteral("#d35400"),
                      tr("The server accepts the pickle serializer, which can run arbitrary code"));
    if (s.serializer == SerializerId::Pickle)
        html += badge(tr("session uses pickle"), QStringLiteral("#d35400"), tr("This session sends pickle"));
    if (s.hmacKey.isEmpty() && protocol != ProtocolVersion::Pyro5) // Pyro5 has no HMAC at all
        html += badge(tr("no HMAC"), QStringLiteral("#7f8c8d"), tr("Messages are not authenticated"));
    if (!s.ssl)
        html += badge(tr("no TLS"), QStringLiteral("#7f8c8d"), tr("Traffic is not encrypted"));
    m_badges->setText(html);
}

void ObjectInspector::readAttributes()
{
    if (!m_proxy)
        return;
    for (int row = 0; row < m_attrs->rowCount(); ++row) {
        const QString name = m_attrs->item(row, 0)->text();
        PendingCall *call = m_proxy->getAttribute(name);
        connect(call, &PendingCall::finished, this, [this, call, name] {
            for (int r = 0; r < m_attrs->rowCount(); ++r) {
                if (m_attrs->item(r, 0)->text() != name)
                    continue;
                m_fillingAttrs = true;
                QTableWidgetItem *item = m_attrs->item(r, 1);
                if (call->error()) {
                    item->setText(QString());
                    item->setToolTip(ErrorText::describe(call->error()));
                    item->setForeground(QColor(0xc0, 0x39, 0x2b));
                    item->setText(tr("(error: %1)").arg(call->error().toString()));
                } else {
                    item->setText(call->result().repr());
                    item->setToolTip(tr("%1 — edit to set it").arg(call->result().typeName()));
                    item->setForeground(palette().text());
                    item->setData(Qt::UserRole, true);
                }
                m_fillingAttrs = false;
            }
        });
    }
}

void ObjectInspector::onAttributeEdited(int row, int column)
{
    if (m_fillingAttrs || column != 1 || !m_proxy)
        return;
    const QString name = m_attrs->item(row, 0)->text();
    const QString text = m_attrs->item(row, 1)->text();
    LiteralParser::Options opts;
    opts.errorCode = Error::Code::UsageError;
    const Result<Value> v = LiteralParser::parse(text, opts);
    if (!v) {
        showError(v.error());
        return;
    }
    showError(Error());
    PendingCall *call = m_proxy->setAttribute(name, v.value());
    connect(call, &PendingCall::finished, this, [this, call] {
        if (call->error())
            showError(call->error());
        readAttributes();
    });
}

} // namespace Pyro::Ui
