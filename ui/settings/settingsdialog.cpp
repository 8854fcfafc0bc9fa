#include "settings/settingsdialog.h"

#include "protocol/protocolversion.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Pyro::Ui {

static QWidget *fileRow(QLineEdit *edit, QWidget *parent)
{
    auto *w = new QWidget(parent);
    auto *l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(edit, 1);
    auto *browse = new QPushButton(QObject::tr("…"), w);
    QObject::connect(browse, &QPushButton::clicked, w, [edit, w] {
        const QString f = QFileDialog::getOpenFileName(w, QString(), edit->text());
        if (!f.isEmpty())
            edit->setText(f);
    });
    l->addWidget(browse);
    return w;
}

SettingsDialog::SettingsDialog(const QString &nameServer, const ProxySettings &settings, QWidget *parent)
    : QDialog(parent), m_base(settings)
{
    setWindowTitle(tr("Connection settings"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(nameServer.isEmpty() ? tr("Default profile")
                                                      : tr("Profile for the name server %1").arg(nameServer), this));
    auto *form = new QFormLayout;
    m_protocol = new QComboBox(this);
    m_protocol->setObjectName(QStringLiteral("protocolCombo"));
    m_protocol->addItem(tr("Automatic (detect Pyro4 or Pyro5)"), int(ProxySettings::Protocol::Auto));
    m_protocol->addItem(tr("Pyro4 (protocol 48)"), int(ProxySettings::Protocol::Pyro4));
    m_protocol->addItem(tr("Pyro5 (protocol 502)"), int(ProxySettings::Protocol::Pyro5));
    m_protocol->setCurrentIndex(qMax(0, m_protocol->findData(int(settings.protocol))));
    form->addRow(tr("&Protocol:"), m_protocol);
    m_serializer = new QComboBox(this);
    m_serializer->setObjectName(QStringLiteral("serializerCombo"));
    for (const QString &name : Serializer::names())
        m_serializer->addItem(name, int(Serializer::byName(name)->id()));
    m_serializer->setCurrentIndex(m_serializer->findData(int(settings.serializer)));
    form->addRow(tr("&Serializer:"), m_serializer);
    m_timeout = new QDoubleSpinBox(this);
    m_timeout->setRange(0, 3600);
    m_timeout->setDecimals(1);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setSpecialValueText(tr("none"));
    m_timeout->setValue(settings.timeout);
    form->addRow(tr("&Timeout:"), m_timeout);
    m_retries = new QSpinBox(this);
    m_retries->setRange(0, 100);
    m_retries->setValue(settings.maxRetries);
    m_retries->setToolTip(tr("Re-send a call after a timeout or closed connection (the call may run twice)"));
    form->addRow(tr("&Retries:"), m_retries);
    m_hmac = new QLineEdit(QString::fromUtf8(settings.hmacKey), this);
    m_hmac->setObjectName(QStringLiteral("hmacEdit"));
    m_hmac->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    form->addRow(tr("&HMAC key:"), m_hmac);
    m_compression = new QCheckBox(tr("Compress large requests (zlib)"), this);
    m_compression->setChecked(settings.compression);
    form->addRow(QString(), m_compression);
    // Pyro's METADATA setting (PYRO_METADATA): off, nothing is asked at connect, so the
    // inspector lists no methods and every name is sent as a plain call.
    m_metadata = new QCheckBox(tr("Ask for the object's metadata when connecting"), this);
    m_metadata->setObjectName(QStringLiteral("metadataCheck"));
    m_metadata->setToolTip(tr("Off: no methods or attributes are listed, and every call is sent without checking the name"));
    m_metadata->setChecked(settings.metadata);
    form->addRow(QString(), m_metadata);
    m_allowPickle = new QCheckBox(tr("Allow pickle (unsafe: the peer can run code here)"), this);
    m_allowPickle->setObjectName(QStringLiteral("allowPickleCheck"));
    m_allowPickle->setChecked(settings.allowPickle);
    form->addRow(QString(), m_allowPickle);
    m_ssl = new QCheckBox(tr("Use &TLS"), this);
    m_ssl->setChecked(settings.ssl);
    form->addRow(QString(), m_ssl);
    m_caCerts = new QLineEdit(settings.sslCaCerts, this);
    form->addRow(tr("CA certificates:"), fileRow(m_caCerts, this));
    m_clientCert = new QLineEdit(settings.sslClientCert, this);
    form->addRow(tr("Client certificate:"), fileRow(m_clientCert, this));
    m_clientKey = new QLineEdit(settings.sslClientKey, this);
    form->addRow(tr("Client key:"), fileRow(m_clientKey, this));
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_protocol, &QComboBox::currentIndexChanged, this, &SettingsDialog::protocolChanged);
    protocolChanged();
}

void SettingsDialog::protocolChanged()
{
    // Pyro5 has no pickle family and no HMAC (docs/pyro5-protocol.md): offer neither.
    const bool pyro5 = ProxySettings::Protocol(m_protocol->currentData().toInt()) == ProxySettings::Protocol::Pyro5;
    const int current = m_serializer->currentData().toInt();
    m_serializer->clear();
    for (const QString &name : Serializer::names()) {
        const SerializerId id = Serializer::byName(name)->id();
        if (!pyro5 || ProtocolInfo::serializerWireId(id, ProtocolVersion::Pyro5))
            m_serializer->addItem(name, int(id));
    }
    const int keep = m_serializer->findData(current);
    m_serializer->setCurrentIndex(keep >= 0 ? keep : qMax(0, m_serializer->findData(int(SerializerId::Serpent))));
    m_hmac->setEnabled(!pyro5);
    m_hmac->setToolTip(pyro5 ? tr("Pyro5 has no HMAC; use TLS to protect the connection") : QString());
    m_allowPickle->setEnabled(!pyro5);
}

ProxySettings SettingsDialog::settings() const
{
    ProxySettings s = m_base;
    s.protocol = ProxySettings::Protocol(m_protocol->currentData().toInt());
    s.serializer = SerializerId(m_serializer->currentData().toInt());
    s.timeout = m_timeout->value();
    s.maxRetries = m_retries->value();
    s.hmacKey = s.protocol == ProxySettings::Protocol::Pyro5 ? QByteArray() : m_hmac->text().toUtf8();
    s.compression = m_compression->isChecked();
    s.metadata = m_metadata->isChecked();
    s.allowPickle = m_allowPickle->isChecked();
    s.ssl = m_ssl->isChecked();
    s.sslCaCerts = m_caCerts->text();
    s.sslClientCert = m_clientCert->text();
    s.sslClientKey = m_clientKey->text();
    return s;
}

} // namespace Pyro::Ui
