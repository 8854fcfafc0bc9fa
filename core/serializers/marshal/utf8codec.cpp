#include "serializers/marshal/utf8codec.h"

namespace Pyro {

std::optional<QString> Utf8Codec::decode(QByteArrayView bytes, Mode mode, qsizetype *errorIndex)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const qsizetype n = bytes.size();
    QString out;
    out.reserve(n); // never more UTF-16 units than bytes
    qsizetype i = 0;
    auto fail = [&](qsizetype at) -> std::optional<QString> {
        if (errorIndex)
            *errorIndex = at;
        return std::nullopt;
    };
    while (i < n) {
        const uchar b0 = p[i];
        if (b0 < 0x80) {
            out.append(QChar(char16_t(b0)));
            ++i;
            continue;
        }
        int extra = 0;
        uchar lo = 0x80, hi = 0xbf; // allowed range of the second byte
        char32_t cp = 0;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            extra = 1;
            cp = b0 & 0x1f;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            extra = 2;
            cp = b0 & 0x0f;
            if (b0 == 0xe0)
                lo = 0xa0; // no overlong forms
            else if (b0 == 0xed && mode == Mode::Strict)
                hi = 0x9f; // no surrogates
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            extra = 3;
            cp = b0 & 0x07;
            if (b0 == 0xf0)
                lo = 0x90;
            else if (b0 == 0xf4)
                hi = 0x8f; // nothing above U+10FFFF
        } else {
            return fail(i);
        }
        for (int k = 1; k <= extra; ++k) {
            if (i + k >= n)
                return fail(i);
            const uchar b = p[i + k];
            const uchar kLo = k == 1 ? lo : 0x80;
            const uchar kHi = k == 1 ? hi : 0xbf;
            if (b < kLo || b > kHi)
                return fail(i);
            cp = (cp << 6) | (b & 0x3f);
        }
        if (cp >= 0x10000) {
            out.append(QChar(QChar::highSurrogate(cp)));
            out.append(QChar(QChar::lowSurrogate(cp)));
        } else {
            out.append(QChar(char16_t(cp)));
        }
        i += extra + 1;
    }
    return out;
}

std::optional<QByteArray> Utf8Codec::encode(QStringView text, Mode mode, qsizetype *errorIndex)
{
    QByteArray out;
    out.reserve(text.size());
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t cp = text[i].unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < n && QChar::isLowSurrogate(text[i + 1].unicode())) {
            cp = QChar::surrogateToUcs4(char16_t(cp), text[i + 1].unicode());
            ++i;
        } else if (QChar::isSurrogate(cp) && mode == Mode::Strict) {
            if (errorIndex)
                *errorIndex = i;
            return std::nullopt;
        }
        if (cp < 0x80) {
            out.append(char(cp));
        } else if (cp < 0x800) {
            out.append(char(0xc0 | (cp >> 6)));
            out.append(char(0x80 | (cp & 0x3f)));
        } else if (cp < 0x10000) {
            out.append(char(0xe0 | (cp >> 12)));
            out.append(char(0x80 | ((cp >> 6) & 0x3f)));
            out.append(char(0x80 | (cp & 0x3f)));
        } else {
            out.append(char(0xf0 | (cp >> 18)));
            out.append(char(0x80 | ((cp >> 12) & 0x3f)));
            out.append(char(0x80 | ((cp >> 6) & 0x3f)));
            out.append(char(0x80 | (cp & 0x3f)));
        }
    }
    return out;
}

} // namespace Pyro
