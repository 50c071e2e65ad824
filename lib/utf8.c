/*
 * utf8.c: strict UTF-8 validation, decoding and encoding.
 */
#include <string.h>

#include "block.h"
#include "internal.h"

size_t tact_utf8_seqlen(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 1;
}

static int cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* The length of a valid sequence at s[i..len), or 0. */
static size_t valid_seq(const unsigned char *s, size_t i, size_t len)
{
	unsigned char c = s[i];
	size_t n = tact_utf8_seqlen(c);

	if (c < 0x80)
		return 1;
	if (n == 1 || i + n > len)
		return 0;
	if (!cont(s[i + 1]))
		return 0;
	if (n == 2)
		return 2;
	if (c == 0xE0 && s[i + 1] < 0xA0)
		return 0; /* overlong */
	if (c == 0xED && s[i + 1] > 0x9F)
		return 0; /* surrogate */
	if (!cont(s[i + 2]))
		return 0;
	if (n == 3)
		return 3;
	if (c == 0xF0 && s[i + 1] < 0x90)
		return 0; /* overlong */
	if (c == 0xF4 && s[i + 1] > 0x8F)
		return 0; /* above U+10FFFF */
	return cont(s[i + 3]) ? 4 : 0;
}

/* Are the eight bytes at s four valid two-byte sequences: leads C2-DF,
 * each followed by a continuation byte? */
static int four_pairs(const unsigned char *s)
{
	uint64_t w = tact_load64le(s), lead;

	if ((w & UINT64_C(0xC0E0C0E0C0E0C0E0)) != UINT64_C(0x80C080C080C080C0))
		return 0;
	/* A lead of C0 or C1 (an overlong form) has no bit of 0x1E set. */
	lead = w & UINT64_C(0x001E001E001E001E);
	return ((lead + UINT64_C(0x7FFF7FFF7FFF7FFF)) &
	        UINT64_C(0x8000800080008000)) == UINT64_C(0x8000800080008000);
}

#if TACT_HAVE_BLOCKS
/* The blocks of s[0..len) that hold only ASCII and two-byte sequences
 * (leads C2..DF, each followed by a continuation byte), sixteen bytes at a
 * time: returns where the first other block starts, or the last whole
 * one ends, always at the start of a sequence. */
static size_t blocks_valid(const unsigned char *s, size_t len)
{
	unsigned carry = 0;     /* the last block ended with a lead */
	size_t i = 0;

	for (; i + 16 <= len; i += 16) {
		tact_block b = tact_block_load(s + i);
		unsigned high = tact_block_high(b), cont, lead;

		if (!(high | carry))
			continue;
		cont = tact_block_range(b, 0x80, 0xBF);
		lead = tact_block_range(b, 0xC2, 0xDF);
		if ((cont | lead) != high || cont != ((lead << 1 | carry) & 0xFFFF))
			break;
		carry = lead >> 15;
	}
	return i - carry;
}
#endif

/* Validate s[i..len) a sequence at a time until one ends at or past stop;
 * returns where it ended, or the offset of the first bad byte (< stop). */
static size_t bytes_valid(const unsigned char *s, size_t i, size_t stop,
                          size_t len)
{
	while (i < stop) {
		unsigned char c = s[i];
		size_t n;

		if (c < 0x80) {
			uint64_t w;

			/* ASCII, eight bytes at a time where they all are. */
			if (i + 8 <= len) {
				memcpy(&w, s + i, 8);
				if (!(w & TACT_BYTES(0x80))) {
					i += 8;
					continue;
				}
			}
			i++;
			continue;
		}
		/* Two bytes (Cyrillic, most Latin letters): four at a time
		 * where they all are, else one without a call. */
		if (c >= 0xC2 && c <= 0xDF && i + 8 <= len &&
		    four_pairs(s + i)) {
			i += 8;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF && i + 1 < len && cont(s[i + 1])) {
			i += 2;
			continue;
		}
		n = valid_seq(s, i, len);
		if (n == 0)
			return i;
		i += n;
	}
	return i;
}

size_t tact_utf8_check(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, stop, next;

	while (i < len) {
#if TACT_HAVE_BLOCKS
		/* Blocks where they can, bytes through the block that stopped
		 * them. */
		i += blocks_valid(s + i, len - i);
		stop = len - i > 16 ? i + 16 : len;
#else
		stop = len;
#endif
		next = bytes_valid(s, i, stop, len);
		if (next < stop)
			return next;
		i = next;
	}
	return len;
}

uint32_t tact_utf8_next(const char *str, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str + *i;
	uint32_t c = s[0];

	if (c < 0x80) {
		*i += 1;
		return c;
	}
	if (c < 0xE0) {
		*i += 2;
		return ((c & 0x1F) << 6) | (s[1] & 0x3F);
	}
	if (c < 0xF0) {
		*i += 3;
		return ((c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
		       (s[2] & 0x3F);
	}
	*i += 4;
	return ((c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
	       ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

size_t tact_utf8_put(char *out, uint32_t cp)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t tact_utf8_count(const char *s, size_t n)
{
	size_t k, cps = 0;

	for (k = 0; k < n; k++)
		cps += ((unsigned char)s[k] & 0xC0) != 0x80;
	return cps;
}

int tact_is_word_start(const unsigned char *s, size_t len)
{
	size_t i = 0;

	if (len == 0 || tact_utf8_seqlen(s[0]) > len)
		return 0;
	return tact_is_word_cp(tact_utf8_next((const char *)s, &i));
}

static int is_space_cp(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || cp == 0x180E ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

size_t tact_space_run(const char *s, size_t len, size_t i)
{
	while (i < len) {
		size_t j = i;

		if ((unsigned char)s[i] < 0x80) {
			if (!is_space_cp((unsigned char)s[i]))
				break;
			i++;
			continue;
		}
		if (tact_utf8_seqlen((unsigned char)s[i]) > len - i ||
		    !is_space_cp(tact_utf8_next(s, &j)))
			break;
		i = j;
	}
	return i;
}

const char *tact_find(const char *hay, size_t len, const char *needle,
                      size_t n)
{
	const char *p = hay, *end = hay + len;

	while (n <= (size_t)(end - p)) {
		p = memchr(p, needle[0], (size_t)(end - p) - n + 1);
		if (!p)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
		p++;
	}
	return NULL;
}
