#include "invoke/batchbuilder.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Pyro::Ui {

BatchBuilder::BatchBuilder(QWidget *parent)
    : QWidget(parent), m_list(new QListWidget(this)), m_run(new QPushButton(tr("Run batch"), this)),
      m_copyPython(new QPushButton(tr("Copy as Python code"), this))
{
    auto *add = new QPushButton(tr("Add current call"), this);
    auto *clearButton = new QPushButton(tr("Clear"), this);
    connect(add, &QPushButton::clicked, this, &BatchBuilder::addRequested);
    connect(clearButton, &QPushButton::clicked, this, &BatchBuilder::clear);
    connect(m_run, &QPushButton::clicked, this, &BatchBuilder::runRequested);
    connect(m_copyPython, &QPushButton::clicked, this, &BatchBuilder::copyPythonRequested);
    m_run->setEnabled(false);
    m_copyPython->setObjectName(QStringLiteral("copyBatchPython"));
    m_copyPython->setToolTip(tr("Copy the batch as a Python script for the object's Pyro version"));
    m_copyPython->setEnabled(false);
    auto *row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(clearButton);
    row->addStretch();
    row->addWidget(m_copyPython);
    row->addWidget(m_run);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_list, 1);
}

QString BatchBuilder::add(const Invocation &call)
{
    if (!m_calls.isEmpty() && m_calls.first().uri != call.uri)
        return tr("A batch goes to one object: %1").arg(m_calls.first().uri);
    // One batch is one message, so it has one serializer.
    if (!m_calls.isEmpty() && m_calls.first().serializer != call.serializer)
        return tr("A batch is sent with one serializer: pick the one of its first call");
    m_calls << call;
    m_list->addItem(QStringLiteral("%1(%2)").arg(call.method, call.argumentText()));
    m_copyPython->setEnabled(true);
    emit changed();
    return QString();
}

void BatchBuilder::clear()
{
    m_calls.clear();
    m_list->clear();
    m_copyPython->setEnabled(false);
    emit changed();
}

void BatchBuilder::setRunEnabled(bool enabled)
{
    m_run->setEnabled(enabled && !m_calls.isEmpty());
}

} // namespace Pyro::Ui
