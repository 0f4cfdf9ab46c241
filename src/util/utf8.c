/* utf8.c: see utf8.h. Follows RFC 3629 (no surrogates, nothing above U+10FFFF). */
#include "utf8.h"

#include <string.h>

uint32_t dp_utf8_next(const char *str, size_t len, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    unsigned c = s[p];
    uint32_t cp, min;
    int extra;
    if (c < 0x80) {
        *i = p + 1;
        return c;
    } else if ((c & 0xE0) == 0xC0) {
        cp = c & 0x1F, extra = 1, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        cp = c & 0x0F, extra = 2, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        cp = c & 0x07, extra = 3, min = 0x10000;
    } else {
        *i = p + 1;
        return DP_UTF8_BAD;
    }
    if (p + (size_t)extra >= len) {
        *i = p + 1;
        return DP_UTF8_BAD;
    }
    for (int k = 1; k <= extra; k++) {
        unsigned cc = s[p + (size_t)k];
        if ((cc & 0xC0) != 0x80) {
            *i = p + 1;
            return DP_UTF8_BAD;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i = p + 1;
        return DP_UTF8_BAD;
    }
    *i = p + 1 + (size_t)extra;
    return cp;
}

size_t dp_utf8_invalid_at(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t at = i;
        if (dp_utf8_next(s, len, &i) == DP_UTF8_BAD)
            return at;
    }
    return len;
}

int dp_utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t dp_utf8_count(const char *s, size_t len)
{
    size_t i = 0, n = 0;
    while (i < len) {
        dp_utf8_next(s, len, &i);
        n++;
    }
    return n;
}

size_t dp_utf8_prefix(const char *s, size_t len, int max_chars)
{
    size_t i = 0;
    for (int n = 0; i < len && n < max_chars; n++)
        dp_utf8_next(s, len, &i);
    return i;
}

const char *dp_utf8_clip(char *buf, size_t cap, const char *s, int max_chars)
{
    static const char ellipsis[] = "\xE2\x80\xA6";
    size_t len = strlen(s), keep = dp_utf8_prefix(s, len, max_chars);
    for (int n = max_chars; n > 0 && keep + (keep < len ? sizeof ellipsis - 1 : 0) >= cap;)
        keep = dp_utf8_prefix(s, len, --n); /* a small buffer: fewer characters */
    if (cap == 0)
        return buf;
    if (keep >= cap)
        keep = 0;
    memcpy(buf, s, keep);
    buf[keep] = '\0';
    if (keep < len && keep + sizeof ellipsis <= cap)
        memcpy(buf + keep, ellipsis, sizeof ellipsis);
    return buf;
}

bool dp_is_han(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

bool dp_is_cjk_char(uint32_t c)
{
    return dp_is_han(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
           c == 0x2014 || c == 0x2026 || (c >= 0x2018 && c <= 0x201D);
}
