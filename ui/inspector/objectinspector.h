#pragma once

#include "protocol/pyrouri.h"
#include "support/error.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QTableWidget;
class QToolButton;

namespace Pyro {
class Proxy;
}

namespace Pyro::Ui {

class ElidedLabel;
class Session;

/*!
    The object inspector: connection state, serializer, handshake and ping round-trip time,
    the methods (oneway ones marked) and attributes of one remote object, attribute values
    read on demand and edited in place (as Python literals) where the server allows it, and
    a badge with the protocol the handshake spoke (Pyro4 / Pyro5) and security badges (server
    accepts pickle, Pyro.Flame exposed, no HMAC (Pyro4 only) / TLS).
    Uses the session's shared Proxy for the object; everything is asynchronous.
*/
class ObjectInspector : public QWidget
{
    Q_OBJECT
public:
    explicit ObjectInspector(Session *session, QWidget *parent = nullptr);
    ~ObjectInspector() override;

    //! Inspects \a uri (shown as \a name when it came from the name server).
    void setObject(const PyroUri &uri, const QString &name = QString());
    PyroUri object() const { return m_uri; }
    QListWidget *methodList() const { return m_methods; }
    QTableWidget *attributeTable() const { return m_attrs; }
    QString stateText() const;
    //! The protocol badge's text: "Pyro4" or "Pyro5" after a handshake, else empty.
    QString protocolText() const;
    //! The badge row (protocol, security) as shown, rich text.
    QString badgeHtml() const;
    bool isDisconnected() const { return m_disconnected; }

public slots:
    //! Re-reads metadata (reconnects) and the badges.
    void reload();
    //! Reads the current values of all attributes.
    void readAttributes();
    /*!
        A call on \a uri (its text, as the form sent it) finished with \a error: a
        connection-level error shows the object as disconnected, until a call succeeds again
        (which reconnects and reloads the metadata).
    */
    void noteCallOutcome(const QString &uri, const Pyro::Error &error);

signals:
    //! The user wants to call \a method (double-click or Enter on a method).
    void methodActivated(const Pyro::PyroUri &uri, const QString &method);
    //! \a method became the current one (a single click): the form shows it.
    void methodSelected(const Pyro::PyroUri &uri, const QString &method);
    void statusMessage(const QString &text);
    //! The metadata of \a uri was (re)loaded: the method list is filled.
    void reloaded(const Pyro::PyroUri &uri);
    //! "Watch" in the context menu of a method (\a method true) or an attribute.
    void watchRequested(const Pyro::PyroUri &uri, const QString &member, bool method);

private:
    void showError(const Error &error);
    void fillMetadata();
    void checkBadges();
    void measurePing();
    void onAttributeEdited(int row, int column);
    void updateBadges();

    Session *m_session;
    PyroUri m_uri;
    QString m_name;
    QPointer<Proxy> m_proxy;
    ElidedLabel *m_title;
    QLabel *m_state;
    QLabel *m_badges;
    QLabel *m_error;
    QListWidget *m_methods;
    QTableWidget *m_attrs;
    QToolButton *m_readButton;
    bool m_fillingAttrs = false;
    bool m_disconnected = false;
    bool m_acceptsPickle = false;
    bool m_flame = false;
    double m_pingMs = -1;
    double m_bindMs = -1;
    QElapsedTimer m_clock;
};

} // namespace Pyro::Ui
