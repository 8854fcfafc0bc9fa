#pragma once

#include "client/proxysettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace Pyro::Ui {

/*!
    Edits the connection profile of one name server: protocol (auto, Pyro4, Pyro5), serializer,
    timeout, retries, HMAC key, compression, pickle permission and TLS files. Session stores
    the result per name server. The serializer list and the HMAC field follow the protocol:
    Pyro5 has neither pickle nor HMAC, so with Pyro5 pickle is not offered and the HMAC key
    (kept in the field for a switch back) is not part of settings().
*/
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const QString &nameServer, const ProxySettings &settings, QWidget *parent = nullptr);
    ProxySettings settings() const;

private:
    void protocolChanged();

    ProxySettings m_base;
    QComboBox *m_protocol;
    QComboBox *m_serializer;
    QDoubleSpinBox *m_timeout;
    QSpinBox *m_retries;
    QLineEdit *m_hmac;
    QCheckBox *m_compression;
    QCheckBox *m_metadata;
    QCheckBox *m_allowPickle;
    QCheckBox *m_ssl;
    QLineEdit *m_caCerts;
    QLineEdit *m_clientCert;
    QLineEdit *m_clientKey;
};

} // namespace Pyro::Ui
