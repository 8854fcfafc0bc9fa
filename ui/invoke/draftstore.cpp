#include "invoke/draftstore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QUrl>

namespace Pyro::Ui {

namespace {
const QString DraftPrefix = QStringLiteral("workbench/drafts/");
const QString PinnedPrefix = QStringLiteral("workbench/pinned/");

QString toText(const DraftStore::Form &form)
{
    const QJsonObject o { { QStringLiteral("rows"), ArgumentModel::rowsToJson(form.rows) },
                          { QStringLiteral("oneway"), form.oneway },
                          { QStringLiteral("serializer"), form.serializer } };
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
} // namespace

QString DraftStore::key(const QString &uri, const QString &method)
{
    // Keys must not contain '/' segments from the URI; percent-encode the pair.
    return QString::fromLatin1(QUrl::toPercentEncoding(uri + u'#' + method));
}

namespace {
DraftStore::Form fromText(const QString &text)
{
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    DraftStore::Form form;
    form.rows = ArgumentModel::rowsFromJson(o.value(QStringLiteral("rows")).toArray());
    form.oneway = o.value(QStringLiteral("oneway")).toBool();
    form.serializer = o.value(QStringLiteral("serializer")).toString();
    return form;
}
} // namespace

DraftStore::Form DraftStore::load(const QString &uri, const QString &method)
{
    const QSettings settings;
    const QString k = key(uri, method);
    QString text = settings.value(DraftPrefix + k).toString();
    if (text.isEmpty())
        text = settings.value(PinnedPrefix + k).toString();
    return fromText(text);
}

DraftStore::Form DraftStore::pinned(const QString &uri, const QString &method)
{
    return fromText(QSettings().value(PinnedPrefix + key(uri, method)).toString());
}

void DraftStore::saveDraft(const QString &uri, const QString &method, const Form &form)
{
    QSettings().setValue(DraftPrefix + key(uri, method), toText(form));
}

void DraftStore::pin(const QString &uri, const QString &method, const Form &form)
{
    QSettings().setValue(PinnedPrefix + key(uri, method), toText(form));
}

bool DraftStore::hasPinned(const QString &uri, const QString &method)
{
    return QSettings().contains(PinnedPrefix + key(uri, method));
}

void DraftStore::dropDraft(const QString &uri, const QString &method)
{
    QSettings().remove(DraftPrefix + key(uri, method));
}

} // namespace Pyro::Ui
