#pragma once

#include <QString>

#include <array>
#include <cstring>

namespace Pyro {

/*!
    Remembers recently decoded short ASCII strings so that repeated dict keys and small
    values ('id', 'name', 'a') share one QString instead of allocating one each time.
    Direct-mapped and bounded; one instance lives on the stack of one decode call.
*/
class ShortStringCache
{
public:
    static constexpr qsizetype MaxLength = 24;

    //! The cached string for the ASCII bytes [p, p+n), or nullptr when absent.
    const QString *find(const char *p, qsizetype n, size_t &slot) const
    {
        slot = hashOf(p, n) & (Slots - 1);
        const Entry &e = m_entries[slot];
        if (e.length == n && std::memcmp(e.bytes, p, size_t(n)) == 0 && n > 0)
            return &e.text;
        return nullptr;
    }
    void store(size_t slot, const char *p, qsizetype n, const QString &text)
    {
        Entry &e = m_entries[slot];
        e.length = n;
        std::memcpy(e.bytes, p, size_t(n));
        e.text = text;
    }

private:
    static constexpr size_t Slots = 256;
    static size_t hashOf(const char *p, qsizetype n)
    {
        size_t h = 2166136261u;
        for (qsizetype i = 0; i < n; ++i)
            h = (h ^ uchar(p[i])) * 16777619u;
        return h ^ (h >> 13);
    }
    struct Entry
    {
        qsizetype length = -1;
        char bytes[MaxLength];
        QString text;
    };
    std::array<Entry, Slots> m_entries;
};

} // namespace Pyro
