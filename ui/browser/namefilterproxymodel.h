#pragma once

#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStringList>

namespace Pyro::Ui {

/*!
    Filters a NameServerModel by name (substring, case-insensitive, or a regular expression;
    both match anywhere in the dotted name, so "sensor" finds "lab.sensor.t1") and by tags
    (entries with all of the given tags, or with any of them). Sorts by the clicked column.
*/
class NameFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class TagMode { All, Any };
    explicit NameFilterProxyModel(QObject *parent = nullptr);

    void setNameFilter(const QString &text, bool isRegex);
    //! False when the regular expression does not compile (then nothing is filtered out).
    bool isNameFilterValid() const { return m_valid; }
    QString nameFilterError() const { return m_error; }
    void setTagFilter(const QStringList &tags, TagMode mode);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QRegularExpression m_regex;
    bool m_isRegex = false;
    bool m_valid = true;
    QString m_error;
    QStringList m_tags;
    TagMode m_tagMode = TagMode::All;
};

} // namespace Pyro::Ui
