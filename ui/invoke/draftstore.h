#pragma once

#include "invoke/argumentmodel.h"

#include <QString>

namespace Pyro::Ui {

/*!
    Remembered invocation forms in QSettings, per (object URI, method): the draft (what the
    form held last, "workbench/drafts/KEY") and the pinned signature ("workbench/pinned/KEY",
    what a form starts from when it has no draft). KEY is the percent-encoded "URI#method".
*/
class DraftStore
{
public:
    struct Form
    {
        QList<ArgumentModel::Row> rows;
        bool oneway = false;
        QString serializer; //!< empty: the profile's
    };

    //! The draft, else the pinned signature, else an empty form.
    static Form load(const QString &uri, const QString &method);
    static void saveDraft(const QString &uri, const QString &method, const Form &form);
    static void pin(const QString &uri, const QString &method, const Form &form);
    static bool hasPinned(const QString &uri, const QString &method);
    //! The pinned signature alone (an empty form when none).
    static Form pinned(const QString &uri, const QString &method);
    //! Forgets the draft, so load() gives the pinned signature again.
    static void dropDraft(const QString &uri, const QString &method);
    static QString key(const QString &uri, const QString &method);
};

} // namespace Pyro::Ui
