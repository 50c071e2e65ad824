/*
 * normalise.c: the text patterns see, and the map back to the original.
 *
 * A sentence is normalised in three steps (docs/rule-packs.md, "What a
 * pattern sees"):
 *   1. decode, NFC-compose runs of a base letter and combining marks,
 *      lower-case and fold (ё→е, Romanian letters without diacritics,
 *      typographic apostrophes), keeping the source offset of every code
 *      point;
 *   2. per word, turn Latin look-alikes into Cyrillic letters when the word
 *      is Cyrillic (and the reverse when it is Latin);
 *   3. encode to UTF-8 with, for every byte, the source offset it came from.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

#define NFC_RUN_MAX 32

uint32_t tact_fold_letter(uint32_t cp)
{
	switch (cp) {
	case 0x0451: return 0x0435;                 /* ё → е */
	case 0x0401: return 0x0415;                 /* Ё → Е */
	case 0x0103: case 0x00E2: return 'a';       /* ă â */
	case 0x0102: case 0x00C2: return 'A';
	case 0x00EE: return 'i';                    /* î */
	case 0x00CE: return 'I';
	case 0x0219: case 0x015F: return 's';       /* ș ş */
	case 0x0218: case 0x015E: return 'S';
	case 0x021B: case 0x0163: return 't';       /* ț ţ */
	case 0x021A: case 0x0162: return 'T';
	case 0x2019: case 0x2018: case 0x02BC: case 0x2032:
		return '\'';
	default: return cp;
	}
}

static uint32_t fold_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
	/* Basic Cyrillic capitals, the most common non-ASCII letters here. */
	if (cp >= 0x0410 && cp <= 0x042F)
		return cp + 0x20;
	if (cp >= 0x0430 && cp <= 0x044F)
		return cp;
	return tact_fold_letter((uint32_t)utf8proc_tolower((int32_t)tact_fold_letter(cp)));
}

static int is_combining(uint32_t cp)
{
	/* Latin, Greek and Cyrillic letters (outside U+0300-036F and
	 * U+0483-0489) are never combining: skip the property lookup. */
	if (cp < 0x300 || (cp >= 0x370 && cp < 0x483) ||
	    (cp >= 0x48A && cp < 0x590))
		return 0;
	return utf8proc_get_property((int32_t)cp)->combining_class != 0;
}

/* Code points that NFC leaves alone when no combining mark follows. */
static int nfc_stable_alone(uint32_t cp)
{
	return cp < 0x300 || (cp >= 0x400 && cp < 0x530) ||
	       (cp >= 0x1E00 && cp < 0x1F00) || (cp >= 0x2010 && cp < 0x2100);
}

static int push_cp(struct tact_norm *n, uint32_t cp, uint32_t src)
{
	if (n->ncps == n->cpcap) {
		size_t cap = n->cpcap;

		if (tact_grow((void **)&n->cps, &cap, n->ncps + 1, sizeof *n->cps))
			return TACT_ENOMEM;
		cap = n->cpcap;
		if (tact_grow((void **)&n->src, &cap, n->ncps + 1, sizeof *n->src))
			return TACT_ENOMEM;
		n->cpcap = cap;
	}
	n->cps[n->ncps] = cp;
	n->src[n->ncps] = src;
	n->ncps++;
	return TACT_OK;
}

/* Compose s[start..end) to NFC and push its folded code points. */
static int push_nfc_run(struct tact_norm *n, const char *s, size_t start,
                        size_t end)
{
	utf8proc_int32_t buf[NFC_RUN_MAX];
	utf8proc_ssize_t k, count;
	size_t i = start;

	count = utf8proc_decompose_custom((const utf8proc_uint8_t *)s + start,
	                                  (utf8proc_ssize_t)(end - start), buf,
	                                  NFC_RUN_MAX,
	                                  UTF8PROC_STABLE | UTF8PROC_DECOMPOSE,
	                                  NULL, NULL);
	if (count < 0 || count > NFC_RUN_MAX) {
		/* Too long to compose (dozens of marks): keep as it is. */
		while (i < end) {
			size_t at = i;
			uint32_t cp = tact_utf8_next(s, &i);

			if (push_cp(n, fold_cp(cp), (uint32_t)at))
				return TACT_ENOMEM;
		}
		return TACT_OK;
	}
	count = utf8proc_normalize_utf32(buf, count,
	                                 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	for (k = 0; k < count; k++)
		if (push_cp(n, fold_cp((uint32_t)buf[k]), (uint32_t)start))
			return TACT_ENOMEM;
	return TACT_OK;
}

static int decode_fold(struct tact_norm *n, const char *s, size_t len)
{
	size_t i = 0;

	n->ncps = 0;
	while (i < len) {
		size_t at = i, end;
		uint32_t cp = tact_utf8_next(s, &i);
		size_t j = i;

		end = i;
		while (j < len) {
			size_t k = j;
			uint32_t next = tact_utf8_next(s, &k);

			if (!is_combining(next))
				break;
			end = j = k;
		}
		if (end == i && nfc_stable_alone(cp)) {
			if (push_cp(n, fold_cp(cp), (uint32_t)at))
				return TACT_ENOMEM;
			continue;
		}
		if (push_nfc_run(n, s, at, end))
			return TACT_ENOMEM;
		i = end;
	}
	return TACT_OK;
}

/* ---- homoglyphs --------------------------------------------------------- */

/* Latin look-alikes and their Cyrillic twins (both lower case). */
static const uint32_t glyph_pairs[][2] = {
	{ 'a', 0x0430 }, { 'b', 0x0432 }, { 'c', 0x0441 }, { 'e', 0x0435 },
	{ 'h', 0x043D }, { 'i', 0x0456 }, { 'k', 0x043A }, { 'm', 0x043C },
	{ 'o', 0x043E }, { 'p', 0x0440 }, { 't', 0x0442 }, { 'x', 0x0445 },
	{ 'y', 0x0443 },
};

enum script { SC_OTHER, SC_LATIN, SC_CYRILLIC };

static enum script script_of(uint32_t cp)
{
	if ((cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp < 0x250 && cp != 0xD7 &&
	                                 cp != 0xF7) ||
	    (cp >= 0x1E00 && cp < 0x1F00))
		return SC_LATIN;
	if (cp >= 0x400 && cp < 0x530)
		return SC_CYRILLIC;
	return SC_OTHER;
}

/* The twin of a look-alike in the other script, or 0. */
static uint32_t glyph_twin(uint32_t cp)
{
	size_t k;

	for (k = 0; k < TACT_ARRAY_LEN(glyph_pairs); k++) {
		if (glyph_pairs[k][0] == cp)
			return glyph_pairs[k][1];
		if (glyph_pairs[k][1] == cp)
			return glyph_pairs[k][0];
	}
	return 0;
}

static int is_word_cp(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	c = utf8proc_category((int32_t)cp);
	return c <= UTF8PROC_CATEGORY_LO || (c >= UTF8PROC_CATEGORY_MN &&
	                                     c <= UTF8PROC_CATEGORY_ME);
}

/* Decide the script of the word cps[a..b): its unambiguous letters vote;
 * when there are none, all letters do. */
static enum script word_script(const uint32_t *cps, size_t a, size_t b)
{
	size_t k, lat = 0, cyr = 0, alat = 0, acyr = 0;

	for (k = a; k < b; k++) {
		enum script s = script_of(cps[k]);
		int ambiguous = glyph_twin(cps[k]) != 0;

		if (s == SC_LATIN)
			ambiguous ? alat++ : lat++;
		else if (s == SC_CYRILLIC)
			ambiguous ? acyr++ : cyr++;
	}
	if (lat == 0 && cyr == 0) {
		lat = alat;
		cyr = acyr;
	}
	if (cyr > lat)
		return SC_CYRILLIC;
	if (lat > cyr)
		return SC_LATIN;
	return SC_OTHER;
}

static void fix_word(uint32_t *cps, size_t a, size_t b)
{
	enum script want = word_script(cps, a, b);
	size_t k;

	if (want == SC_OTHER)
		return;
	for (k = a; k < b; k++) {
		uint32_t twin = glyph_twin(cps[k]);

		if (twin && script_of(cps[k]) != want)
			cps[k] = twin;
	}
}

static void fix_homoglyphs(struct tact_norm *n)
{
	size_t k = 0;

	while (k < n->ncps) {
		size_t a;
		int mixed = 0;
		enum script first = SC_OTHER;

		if (!is_word_cp(n->cps[k])) {
			k++;
			continue;
		}
		a = k;
		for (; k < n->ncps && is_word_cp(n->cps[k]); k++) {
			enum script s = script_of(n->cps[k]);

			if (s == SC_OTHER)
				continue;
			if (first == SC_OTHER)
				first = s;
			else if (s != first)
				mixed = 1;
		}
		if (mixed)
			fix_word(n->cps, a, k);
	}
}

/* ---- encoding ------------------------------------------------------------ */

static void encode(struct tact_norm *n)
{
	size_t k, o = 0;

	for (k = 0; k < n->ncps; k++) {
		size_t w = tact_utf8_put(n->text + o, n->cps[k]), j;

		for (j = 0; j < w; j++)
			n->map[o + j] = n->src[k];
		o += w;
	}
	n->text[o] = '\0';
	n->map[o] = (uint32_t)n->srclen;
	n->len = o;
}

int tact_normalise(struct tact_norm *n, const char *s, size_t len)
{
	size_t need;

	if (len > UINT32_MAX - 1)
		return TACT_ETOOBIG;
	n->srclen = len;
	n->len = 0;
	if (decode_fold(n, s, len))
		return TACT_ENOMEM;
	fix_homoglyphs(n);
	need = n->ncps * 4 + 1;
	if (need > n->cap) {
		size_t cap = n->cap;
		uint32_t *map;

		if (tact_grow((void **)&n->text, &cap, need, 1))
			return TACT_ENOMEM;
		map = tact_realloc(n->map, cap * sizeof *map);
		if (!map)
			return TACT_ENOMEM;
		n->map = map;
		n->cap = cap;
	}
	encode(n);
	return TACT_OK;
}

void tact_norm_span(const struct tact_norm *n, size_t ns, size_t ne,
                    size_t *start, size_t *end)
{
	size_t j;

	*start = ns < n->len ? n->map[ns] : n->srclen;
	if (ne == 0) {
		*end = *start;
		return;
	}
	/* The end is where the source of the last matched byte ends. */
	for (j = ne; j < n->len && n->map[j] == n->map[ne - 1]; j++)
		;
	*end = n->map[j];
	if (*end < *start)
		*end = *start;
}

void tact_norm_free(struct tact_norm *n)
{
	free(n->cps);
	free(n->src);
	free(n->text);
	free(n->map);
	memset(n, 0, sizeof *n);
}

char *tact_fold_string(const char *s, size_t len, int lower)
{
	struct tact_buf b = { NULL, 0, 0 };
	size_t i = 0;

	if (tact_buf_reserve(&b, len))
		return NULL;
	b.data[0] = '\0';
	while (i < len) {
		char enc[4];
		uint32_t cp = tact_utf8_next(s, &i);

		cp = lower ? fold_cp(cp) : tact_fold_letter(cp);
		if (tact_buf_append(&b, enc, tact_utf8_put(enc, cp))) {
			tact_buf_free(&b);
			return NULL;
		}
	}
	return b.data;
}
