#include "watches/watch.h"

#include "client/pendingcall.h"
#include "client/proxy.h"
#include "errors/errortext.h"
#include "protocol/pyrouri.h"
#include "session/session.h"

#include <QLocale>

namespace Pyro::Ui {

Watch::Watch(Session *session, const QString &uri, const QString &member, Kind kind, QObject *parent)
    : QObject(parent), m_session(session), m_uri(uri), m_member(member), m_kind(kind)
{
    m_timer.setTimerType(Qt::PreciseTimer); // 100 ms means 100 ms
    connect(&m_timer, &QTimer::timeout, this, &Watch::poll);
}

Watch::~Watch()
{
    if (m_call)
        disconnect(m_call, nullptr, this, nullptr); // the proxy owns it; its reply is dropped
}

QString Watch::label() const
{
    const Result<PyroUri> parsed = PyroUri::parse(m_uri);
    const QString object = parsed ? parsed.value().object() : m_uri;
    return m_kind == Kind::Method ? QStringLiteral("%1.%2()").arg(object, m_member) : QStringLiteral("%1.%2").arg(object, m_member);
}

void Watch::setInterval(int ms)
{
    const int clamped = std::clamp(ms, MinIntervalMs, MaxIntervalMs);
    if (clamped == m_intervalMs)
        return;
    m_intervalMs = clamped;
    updateTimer();
    emit settingsChanged();
    emit changed();
}

void Watch::setReconnectInterval(int ms)
{
    m_reconnectMs = qMax(MinIntervalMs, ms);
    updateTimer();
}

void Watch::start()
{
    m_started = true;
    updateTimer();
    if (m_state != State::Paused)
        poll();
}

void Watch::setPaused(bool paused)
{
    if (paused == isPaused())
        return;
    setState(paused ? State::Paused : State::Polling);
    emit settingsChanged();
    if (!paused && m_started)
        poll();
}

void Watch::updateTimer()
{
    if (!m_started || m_state == State::Paused) {
        m_timer.stop();
        return;
    }
    // Unreachable: probe now and then until it answers again.
    const int ms = m_state == State::Unreachable ? qMax(m_intervalMs, m_reconnectMs) : m_intervalMs;
    if (!m_timer.isActive() || m_timer.interval() != ms)
        m_timer.start(ms);
}

void Watch::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    updateTimer();
    emit stateChanged(state);
    emit changed();
}

void Watch::poll()
{
    if (m_state == State::Paused)
        return;
    if (m_call) {
        ++m_skipped; // the previous request is still out: no pile-up behind a slow peer
        return;
    }
    const Result<PyroUri> parsed = PyroUri::parse(m_uri);
    Proxy *proxy = parsed ? m_session->proxyFor(parsed.value()) : nullptr;
    if (!proxy) {
        m_error = parsed ? Error(Error::Code::InvalidUri, tr("No proxy for %1").arg(m_uri)) : parsed.error();
        setState(State::Failing);
        emit changed();
        return;
    }
    PendingCall *call = m_kind == Kind::Attribute ? proxy->getAttribute(m_member) : proxy->call(m_member);
    m_call = call;
    ++m_polls;
    connect(call, &PendingCall::finished, this, [this, call] { onReply(call); });
}

bool Watch::isUnreachable(const Error &error)
{
    switch (error.category()) {
    case Error::Category::Connection:
    case Error::Category::Naming:
        return true;
    default:
        // The daemon is there but does not (yet) know the object.
        return error.code() == Error::Code::HandshakeRejected;
    }
}

void Watch::onReply(PendingCall *call)
{
    if (call != m_call)
        return;
    m_call = nullptr;
    ++m_replies;
    const Error error = call->error();
    if (error.code() == Error::Code::Cancelled) {
        emit changed(); // the proxy went away (settings changed): the next tick asks again
        return;
    }
    if (error) {
        m_error = error;
        if (m_state != State::Paused)
            setState(isUnreachable(error) ? State::Unreachable : State::Failing);
        emit changed();
        return;
    }
    m_error = Error();
    const QDateTime now = QDateTime::currentDateTime();
    m_lastReply = now;
    const Value value = call->result();
    const bool changedValue = !m_hasValue || !(value == m_value);
    if (changedValue) {
        m_value = value;
        m_valueText = value.repr();
        if (m_valueText.size() > MaxTextLength)
            m_valueText = m_valueText.left(MaxTextLength) + QStringLiteral("…");
        m_hasValue = true;
        m_lastChanged = now;
        ++m_changes;
    }
    // Every reply is a sample, so the chart shows time passing with the value unchanged.
    const qint64 ms = now.toMSecsSinceEpoch();
    const auto addSample = [&](const QString &series, double v) {
        const Sample s { ms, series, v };
        m_samples.push_back(s);
        while (m_samples.size() > size_t(MaxSamples))
            m_samples.pop_front();
        emit sampleAdded(s);
    };
    if (value.isNumber() && !value.isBool()) {
        addSample(m_member, value.toDouble());
    } else if (value.isDict()) {
        for (const auto &[k, v] : value.toDict().items())
            if (v.isNumber() && !v.isBool())
                addSample(k.isStr() ? k.toStr() : k.repr(), v.toDouble());
    }
    if (m_state != State::Paused)
        setState(State::Polling);
    if (changedValue)
        emit valueChanged(value);
    emit changed();
}

QString Watch::stateText() const
{
    switch (m_state) {
    case State::Paused:
        return tr("paused");
    case State::Unreachable:
        return tr("unreachable, retrying every %1 s: %2")
                .arg(QLocale().toString(qMax(m_intervalMs, m_reconnectMs) / 1000.0, 'g', 3), ErrorText::describe(m_error));
    case State::Failing:
        return tr("error: %1").arg(ErrorText::describe(m_error));
    case State::Polling:
        break;
    }
    if (m_call && m_lastReply.isValid() && m_lastReply.msecsTo(QDateTime::currentDateTime()) > 2 * m_intervalMs)
        return tr("waiting for a slow reply");
    return m_hasValue ? tr("polling") : tr("waiting for the first reply");
}

} // namespace Pyro::Ui
