/* utf8.h: UTF-8 decoding and validation. No allocation, no locale. */
#ifndef DP_UTF8_H
#define DP_UTF8_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DP_UTF8_BAD 0xFFFFFFFFu

/* Decode the code point at s[*i] (len bytes in all) and advance *i past it.
 * Returns DP_UTF8_BAD for an invalid, overlong, surrogate or truncated
 * sequence (advancing one byte). */
uint32_t dp_utf8_next(const char *s, size_t len, size_t *i);
/* Offset of the first invalid byte, or len when all of s is valid. */
size_t dp_utf8_invalid_at(const char *s, size_t len);
/* Encode cp into out (4 bytes room); returns bytes written. */
int dp_utf8_encode(uint32_t cp, char *out);
/* Number of code points in s[0..len). */
size_t dp_utf8_count(const char *s, size_t len);
/* Bytes of the first 'max_chars' characters of s[0..len) (len when it has
 * no more): where to cut a name without splitting a character. */
size_t dp_utf8_prefix(const char *s, size_t len, int max_chars);
/* 's' for a message: its first 'max_chars' characters, then "…" when it is
 * longer, into buf (cut further at a character boundary if cap is small).
 * Returns buf. */
const char *dp_utf8_clip(char *buf, size_t cap, const char *s, int max_chars);

/* Han and kana (ideographs, extensions, compatibility ideographs). */
bool dp_is_han(uint32_t cp);
/* Han, kana, CJK punctuation and full-width forms: a line join between two
 * of them is no space (clreq). */
bool dp_is_cjk_char(uint32_t cp);

#endif
