#include "settings/settingsdialog.h"

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
    m_serializer = new QComboBox(this);
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
    m_hmac->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    form->addRow(tr("&HMAC key:"), m_hmac);
    m_compression = new QCheckBox(tr("Compress large requests (zlib)"), this);
    m_compression->setChecked(settings.compression);
    form->addRow(QString(), m_compression);
    m_allowPickle = new QCheckBox(tr("Allow pickle (unsafe: the peer can run code here)"), this);
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
}

ProxySettings SettingsDialog::settings() const
{
    ProxySettings s = m_base;
    s.serializer = SerializerId(m_serializer->currentData().toInt());
    s.timeout = m_timeout->value();
    s.maxRetries = m_retries->value();
    s.hmacKey = m_hmac->text().toUtf8();
    s.compression = m_compression->isChecked();
    s.allowPickle = m_allowPickle->isChecked();
    s.ssl = m_ssl->isChecked();
    s.sslCaCerts = m_caCerts->text();
    s.sslClientCert = m_clientCert->text();
    s.sslClientKey = m_clientKey->text();
    return s;
}

} // namespace Pyro::Ui
