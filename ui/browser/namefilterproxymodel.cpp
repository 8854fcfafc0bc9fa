#include "browser/namefilterproxymodel.h"

#include "browser/nameservermodel.h"

namespace Pyro::Ui {

NameFilterProxyModel::NameFilterProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void NameFilterProxyModel::setNameFilter(const QString &text, bool isRegex)
{
    m_text = text;
    m_isRegex = isRegex;
    m_valid = true;
    m_error.clear();
    if (isRegex) {
        m_regex = QRegularExpression(text, QRegularExpression::CaseInsensitiveOption);
        m_valid = m_regex.isValid();
        if (!m_valid)
            m_error = tr("invalid regular expression at %1: %2").arg(m_regex.patternErrorOffset()).arg(m_regex.errorString());
    }
    invalidateRowsFilter();
}

void NameFilterProxyModel::setTagFilter(const QStringList &tags, TagMode mode)
{
    m_tags = tags;
    m_tagMode = mode;
    invalidateRowsFilter();
}

bool NameFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString name = idx.data(NameServerModel::NameRole).toString();
    if (!m_text.isEmpty() && m_valid) {
        const bool match = m_isRegex ? m_regex.match(name).hasMatch() : name.contains(m_text, Qt::CaseInsensitive);
        if (!match)
            return false;
    }
    if (!m_tags.isEmpty()) {
        const QStringList tags = idx.data(NameServerModel::TagsRole).toStringList();
        if (m_tagMode == TagMode::All) {
            for (const QString &t : m_tags)
                if (!tags.contains(t))
                    return false;
        } else {
            bool any = false;
            for (const QString &t : m_tags)
                if (tags.contains(t)) {
                    any = true;
                    break;
                }
            if (!any)
                return false;
        }
    }
    return true;
}

} // namespace Pyro::Ui
