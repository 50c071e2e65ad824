/*
 * normalise.c: the text patterns see, and the map back to the original.
 *
 * One pass over a sentence (docs/rule-packs.md, "What a pattern sees")
 * writes the normalised UTF-8 text and, for every byte of it, the source
 * offset of the code point it came from:
 *   - a base letter and the combining marks after it are composed to NFC;
 *   - every code point is folded: to one code point for all the letters
 *     caseless matching takes as equal, then ё→е, Romanian letters without
 *     diacritics, typographic apostrophes;
 *   - when a word that mixes Latin and Cyrillic letters ends, it is fixed
 *     in place: Latin look-alikes turn Cyrillic when the word is Cyrillic,
 *     and the reverse when it is Latin.
 * ASCII (eight bytes at a time) and the two-byte code points up to U+053F
 * (through fold_table.h) take a fast path when no combining mark follows;
 * the rest goes through step(), one code point or composed run at a time.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

#define NFC_RUN_MAX 32
/* The least room for text: most sentences fit. */
#define NORM_MIN 256
/* Room for text beyond one byte per source byte: the fast path writes
 * eight bytes at a time, and the NUL. */
#define PAD 8

/* What a folded code point is to the word tracking, and table flags. */
enum {
	F_LAT = 1,              /* a letter of the Latin script */
	F_CYR = 2,              /* a letter of the Cyrillic script */
	F_SEP = 4,              /* not part of a word */
	F_SLOW = 8,             /* the fast path leaves it to step() */
	F_MARK = 16,            /* a combining mark */
};
#define F_MIXED (F_LAT | F_CYR)
/* The word tracking's value for "as the last byte of text says" (see
 * word_tail()). */
#define W_ASCII 4

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

/* Lower case of the upper case: one code point for all the letters that
 * caseless matching takes as equal (ſ, s and S; ς, σ and Σ...). */
static uint32_t fold_case(uint32_t cp)
{
	/* General punctuation has no case. */
	if (cp >= 0x2000 && cp < 0x2070)
		return cp;
	return (uint32_t)utf8proc_tolower(utf8proc_toupper((int32_t)cp));
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
	return tact_fold_letter(fold_case(tact_fold_letter(cp)));
}

static int is_combining(uint32_t cp)
{
	/* Latin, Greek and Cyrillic letters (outside U+0300-036F and
	 * U+0483-0489) and general punctuation are never combining: skip the
	 * property lookup. */
	if (cp < 0x300 || (cp >= 0x370 && cp < 0x483) ||
	    (cp >= 0x48A && cp < 0x590) || (cp >= 0x2000 && cp < 0x20D0))
		return 0;
	return utf8proc_get_property((int32_t)cp)->combining_class != 0;
}

/* Code points that NFC leaves alone when no combining mark follows. */
static int nfc_stable_alone(uint32_t cp)
{
	return cp < 0x300 || (cp >= 0x400 && cp < 0x530) ||
	       (cp >= 0x1E00 && cp < 0x1F00) || (cp >= 0x2010 && cp < 0x2100);
}

enum script { SC_OTHER, SC_LATIN, SC_CYRILLIC };

#define IS_LATIN(cp) (((cp) >= 'a' && (cp) <= 'z') ||                        \
                      ((cp) >= 0xC0 && (cp) < 0x250 && (cp) != 0xD7 &&       \
                       (cp) != 0xF7) ||                                      \
                      ((cp) >= 0x1E00 && (cp) < 0x1F00))
#define IS_CYRILLIC(cp) ((cp) >= 0x400 && (cp) < 0x530)

static enum script script_of(uint32_t cp)
{
	if (IS_LATIN(cp))
		return SC_LATIN;
	if (IS_CYRILLIC(cp))
		return SC_CYRILLIC;
	return SC_OTHER;
}

static int is_word_cp(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	if (cp >= 0x0430 && cp < 0x0460)
		return 1;
	if (cp >= 0x2010 && cp < 0x2028)            /* dashes, quotes... */
		return 0;
	c = utf8proc_category((int32_t)cp);
	return c <= UTF8PROC_CATEGORY_LO || (c >= UTF8PROC_CATEGORY_MN &&
	                                     c <= UTF8PROC_CATEGORY_ME);
}

/* F_SEP, or the script flag of a folded code point. */
static unsigned class_of(uint32_t cp)
{
	if (!is_word_cp(cp))
		return F_SEP;
	switch (script_of(cp)) {
	case SC_LATIN: return F_LAT;
	case SC_CYRILLIC: return F_CYR;
	default: return 0;
	}
}

/* ---- the table of two-byte code points --------------------------------- */

/* What the fast path writes for a two-byte code point. */
struct fold2 {
	unsigned char utf8[2];
	unsigned char len;      /* 0: left to the slow path */
	unsigned char flags;
};

#define FOLD2_UTF8(f) { (unsigned char)((f) < 0x80 ? (f) : 0xC0 | (f) >> 6), \
                        (unsigned char)((f) < 0x80 ? 0 : 0x80 | ((f) & 0x3F)) }
#define FOLD2_LEN(f) ((f) < 0x80 ? 1 : 2)
#define W(f) { FOLD2_UTF8(f), FOLD2_LEN(f),                                  \
               IS_LATIN(f) ? F_LAT : IS_CYRILLIC(f) ? F_CYR : 0 }
#define P(f) { FOLD2_UTF8(f), FOLD2_LEN(f), F_SEP }
#define M { { 0, 0 }, 0, F_SLOW | F_MARK }
#define X { { 0, 0 }, 0, F_SLOW }
#include "fold_table.h"
#undef W
#undef P
#undef M
#undef X

/* The entry of the two-byte sequence at p (lead byte C2..D4). */
static inline const struct fold2 *fold2_of(const unsigned char *p)
{
	/* (lead << 6) + continuation is 0x3080 + the code point. */
	return &fold2_table[((unsigned)p[0] << 6) + p[1] - 0x3100];
}

/* Does a combining mark start at s[j] (j < the length)? */
static inline int mark_at(const unsigned char *s, size_t j)
{
	unsigned c = s[j];
	size_t k = j;

	if (c < 0xCC)
		return 0;
	if (c <= 0xD4) {
		/* Below U+0540, only CC, CD and D2 start marks. */
		if (!((1u << (c - 0xCC)) & 0x43))
			return 0;
		return fold2_of(s + j)->flags & F_MARK;
	}
	return is_combining(tact_utf8_next((const char *)s, &k));
}

/* ---- one pass ------------------------------------------------------------ */

struct pass {
	struct tact_norm *n;
	const unsigned char *s;
	size_t len;
	size_t i;               /* the next source byte */
	size_t o;               /* the next byte of text */
	unsigned w;             /* scripts (F_LAT, F_CYR) of the word at the
	                         * end of text, or W_ASCII */
};

static int reserve(struct tact_norm *n, size_t need)
{
	size_t cap = n->cap;
	uint32_t *map;

	if (tact_grow((void **)&n->text, &cap, need, 1))
		return TACT_ENOMEM;
	map = tact_realloc(n->map, cap * sizeof *map);
	if (!map)
		return TACT_ENOMEM;
	n->map = map;
	n->cap = cap;
	return TACT_OK;
}

/* Room for extra bytes of text on top of one for each source byte left
 * and PAD: the fast path relies on the latter. */
static int room(struct pass *p, size_t extra)
{
	size_t need = p->o + extra + (p->len - p->i) + PAD;

	return need <= p->n->cap ? TACT_OK : reserve(p->n, need);
}

/* ---- homoglyphs ---------------------------------------------------------- */

/* Latin look-alikes and their Cyrillic twins (both lower case). */
static const uint32_t glyph_pairs[][2] = {
	{ 'a', 0x0430 }, { 'b', 0x0432 }, { 'c', 0x0441 }, { 'e', 0x0435 },
	{ 'h', 0x043D }, { 'i', 0x0456 }, { 'k', 0x043A }, { 'm', 0x043C },
	{ 'o', 0x043E }, { 'p', 0x0440 }, { 't', 0x0442 }, { 'x', 0x0445 },
	{ 'y', 0x0443 },
};

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

/* Back from t[b] over the code points that are word characters (word
 * set) or that are not (word 0): where they start. */
static size_t back_over(const char *t, size_t b, int word)
{
	while (b > 0) {
		size_t a = b - 1, k;

		while (a > 0 && ((unsigned char)t[a] & 0xC0) == 0x80)
			a--;
		k = a;
		if (!is_word_cp(tact_utf8_next(t, &k)) != !word)
			break;
		b = a;
	}
	return b;
}

/* On from t[i], up to len, over the code points that are word
 * characters (word set) or that are not (word 0): where they end. */
static size_t forward_over(const char *t, size_t len, size_t i, int word)
{
	while (i < len) {
		size_t k = i;

		if (!is_word_cp(tact_utf8_next(t, &k)) != !word)
			break;
		i = k;
	}
	return i;
}

/* The script with more letters, or SC_OTHER for as many of each. */
static enum script majority(size_t lat, size_t cyr)
{
	if (cyr > lat)
		return SC_CYRILLIC;
	if (lat > cyr)
		return SC_LATIN;
	return SC_OTHER;
}

/* Decide the script of the word t[a..b): its unambiguous letters vote;
 * when there are none, all letters do. With clear set, only the
 * unambiguous ones do. Letters are folded first: t may be source text. */
static enum script word_script(const char *t, size_t a, size_t b, int clear)
{
	size_t lat = 0, cyr = 0, alat = 0, acyr = 0;

	while (a < b) {
		uint32_t cp = fold_cp(tact_utf8_next(t, &a));
		enum script s = script_of(cp);
		int ambiguous = glyph_twin(cp) != 0;

		if (s == SC_LATIN)
			ambiguous ? alat++ : lat++;
		else if (s == SC_CYRILLIC)
			ambiguous ? acyr++ : cyr++;
	}
	if (lat == 0 && cyr == 0 && !clear) {
		lat = alat;
		cyr = acyr;
	}
	return majority(lat, cyr);
}

/* The script of a word whose letters leave it undecided («Нo» with a
 * Latin «o»): that of the word before it in the sentence, else that of
 * the word after it in the source, by their unambiguous letters. */
static enum script neighbour_script(const struct pass *p, size_t a)
{
	const char *t = p->n->text, *src = (const char *)p->s;
	size_t b = back_over(t, a, 0), start;
	enum script s = SC_OTHER;

	if (b > 0)
		s = word_script(t, back_over(t, b, 1), b, 1);
	if (s == SC_OTHER) {
		start = forward_over(src, p->len, p->i, 0);
		s = word_script(src, start, forward_over(src, p->len, start, 1),
		                1);
	}
	return s;
}

/* cp as a word of script want has it. */
static uint32_t glyph_in(uint32_t cp, enum script want)
{
	uint32_t twin = glyph_twin(cp);

	return twin && script_of(cp) != want ? twin : cp;
}

/* Write cp at text[o] with source src; returns its length. */
static size_t put_at(struct tact_norm *n, size_t o, uint32_t cp, uint32_t src)
{
	size_t w = tact_utf8_put(n->text + o, cp), k;

	for (k = 0; k < w; k++)
		n->map[o + k] = src;
	return w;
}

/* Turn Cyrillic look-alikes of text[a..b) Latin (two bytes become one),
 * front to back; returns the new end. */
static size_t to_latin(struct tact_norm *n, size_t a, size_t b)
{
	size_t r = a;

	while (r < b) {
		uint32_t src = n->map[r];
		uint32_t cp = tact_utf8_next(n->text, &r);

		a += put_at(n, a, glyph_in(cp, SC_LATIN), src);
	}
	return a;
}

/* Turn the grow Latin look-alikes of text[a..b) Cyrillic (one byte becomes
 * two), back to front. */
static void to_cyrillic(struct tact_norm *n, size_t a, size_t b, size_t grow)
{
	size_t r = b, o = b + grow;

	while (r > a) {
		size_t k;
		uint32_t cp;
		char enc[4];

		do
			r--;
		while (((unsigned char)n->text[r] & 0xC0) == 0x80);
		k = r;
		cp = glyph_in(tact_utf8_next(n->text, &k), SC_CYRILLIC);
		k = tact_utf8_put(enc, cp);
		o -= k;
		memcpy(n->text + o, enc, k);
		while (k--)
			n->map[o + k] = n->map[r];
	}
}

/* Fix the word that ends at text[o]: it mixes Latin and Cyrillic. */
static int fix_word(struct pass *p)
{
	struct tact_norm *n = p->n;
	size_t b = p->o, a = back_over(n->text, b, 1), k = a, grow = 0;
	enum script want = word_script(n->text, a, b, 0);

	if (want == SC_OTHER)
		want = neighbour_script(p, a);
	if (want == SC_LATIN) {
		p->o = to_latin(n, a, b);
		return TACT_OK;
	}
	if (want != SC_CYRILLIC)
		return TACT_OK;
	while (k < b) {
		uint32_t cp = tact_utf8_next(n->text, &k);

		grow += glyph_in(cp, want) != cp;
	}
	if (room(p, grow))
		return TACT_ENOMEM;
	to_cyrillic(n, a, b, grow);
	p->o = b + grow;
	return TACT_OK;
}

/* A code point of class flags comes next: fix the word it ends. */
static int track(struct pass *p, unsigned flags)
{
	if (!(flags & F_SEP)) {
		p->w |= flags;
		return TACT_OK;
	}
	if (p->w == F_MIXED && fix_word(p))
		return TACT_ENOMEM;
	p->w = 0;
	return TACT_OK;
}

/* ---- the slow path ------------------------------------------------------- */

static int put_cp(struct pass *p, uint32_t cp, uint32_t src)
{
	if (track(p, class_of(cp)) || room(p, 4))
		return TACT_ENOMEM;
	p->o += put_at(p->n, p->o, cp, src);
	return TACT_OK;
}

/* Compose s[start..end) to NFC and write its folded code points. */
static int put_run(struct pass *p, size_t start, size_t end)
{
	const char *s = (const char *)p->s;
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

			if (put_cp(p, fold_cp(cp), (uint32_t)at))
				return TACT_ENOMEM;
		}
		return TACT_OK;
	}
	count = utf8proc_normalize_utf32(buf, count,
	                                 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	for (k = 0; k < count; k++)
		if (put_cp(p, fold_cp((uint32_t)buf[k]), (uint32_t)start))
			return TACT_ENOMEM;
	return TACT_OK;
}

/* The code point at s[i] with the combining marks after it. */
static int step(struct pass *p)
{
	size_t at = p->i, i = at, end;
	uint32_t cp = tact_utf8_next((const char *)p->s, &i);

	for (end = i; end < p->len && mark_at(p->s, end);)
		end += tact_utf8_seqlen(p->s[end]);
	p->i = end;
	if (end == i && nfc_stable_alone(cp))
		return put_cp(p, fold_cp(cp), (uint32_t)at);
	return put_run(p, at, end);
}

/* ---- the fast path ------------------------------------------------------- */

/* Eight bytes stored little-endian: the low bits of x at t[0]. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
static inline void store64(char *t, uint64_t x)
{
	memcpy(t, &x, sizeof x);
}
#else
static inline void store64(char *t, uint64_t x)
{
	int k;

	for (k = 0; k < 8; k++)
		t[k] = (char)(unsigned char)(x >> 8 * k);
}
#endif

/* The n < 8 bytes at s, then zeros, as tact_load64le() reads them. */
static inline uint64_t load_tail(const unsigned char *s, size_t n)
{
	uint64_t x = 0;

	while (n--)
		x = x << 8 | s[n];
	return x;
}

/* The eight bytes at s[i], or those up to len then zeros. */
static inline uint64_t load_at(const unsigned char *s, size_t i, size_t len)
{
	return i + 8 <= len ? tact_load64le(s + i) : load_tail(s + i, len - i);
}

/* How many of the eight bytes x starts with are below 0x80. */
static inline size_t ascii_prefix(uint64_t x)
{
	uint64_t hi = x & TACT_BYTES(0x80);

	return hi ? tact_bytes_before(hi) : 8;
}

/* ASCII letters of x lower-cased: exact for the bytes before the first
 * one above 0x7F. */
static inline uint64_t lower64(uint64_t x)
{
	uint64_t ge_a = x + TACT_BYTES(0x80 - 'A');
	uint64_t gt_z = x + TACT_BYTES(0x80 - 'Z' - 1);

	return x | ((ge_a & ~gt_z & TACT_BYTES(0x80)) >> 2);
}

static inline int is_letter(unsigned c)
{
	return (unsigned)((c | 0x20) - 'a') < 26;
}

/* map[0..8) = i + 0, 1, ..., 7 */
static inline void map_bytes(uint32_t *map, uint32_t i)
{
#if defined(__GNUC__)
	typedef uint32_t v4 __attribute__((vector_size(16)));
	v4 a = { i, i + 1, i + 2, i + 3 }, b = a + 4;

	memcpy(map, &a, sizeof a);
	memcpy(map + 4, &b, sizeof b);
#else
	uint32_t k;

	for (k = 0; k < 8; k++)
		map[k] = i + k;
#endif
}

/* map[0] = map[1] = i */
static inline void map_pair(uint32_t *map, size_t i)
{
	uint64_t v = (uint64_t)i * 0x100000001ull;

	memcpy(map, &v, sizeof v);
}

/* Cyrillic words from s[i], a basic Cyrillic letter: the letters of
 * U+0400..U+04FF that fold to two bytes (those of U+0400..U+047F all do,
 * and none is a mark), and the gaps between words. A letter is written,
 * then taken back if a mark follows it. Returns 0 where step() must take
 * over. */
static int cyr_words(struct pass *p)
{
	const unsigned char *s = p->s;
	char *t = p->n->text;
	uint32_t *m = p->n->map;
	size_t i = p->i, len = p->len, k;
	size_t d = p->o - i;    /* text is at i + d, modulo SIZE_MAX + 1 */
	unsigned c = s[i];
	int more = 1;

	for (;;) {
		do {
			memcpy(t + (i + d), fold2_of(s + i)->utf8, 2);
			map_pair(m + (i + d), i);
			i += 2;
			if (i >= len)
				goto out;
			c = s[i];
		} while (c - 0xD0 < 2);
		if (mark_at(s, i)) {
			i -= 2;
			more = 0;
			break;
		}
		if (c - 0xD2 < 2 && fold2_of(s + i)->flags == F_CYR)
			continue;
		if (c >= 0x80 || is_letter(c) || p->w != F_CYR)
			break;
		/* A gap: it ends the word, and may start the next one. */
		k = 0;
		do {
			t[i + d + k] = (char)s[i + k];
			m[i + d + k] = (uint32_t)(i + k);
		} while (++k < len - i && s[i + k] < 0x80 &&
		         !is_letter(s[i + k]));
		if (k == len - i || (s[i + k] & 0xFE) != 0xD0)
			break;
		i += k;
		c = s[i];
	}
out:
	p->i = i;
	p->o = i + d;
	return more;
}

/* The scripts of the word at the end of text, when w is W_ASCII: the last
 * byte written is ASCII, and the word is Latin if it is a letter. */
static inline unsigned word_tail(unsigned w, const char *t, size_t o)
{
	if (w != W_ASCII)
		return w;
	return is_letter((unsigned char)t[o - 1]) ? F_LAT : 0;
}

/* ASCII from s[i], eight bytes at a time, and Latin letters that fold to
 * ASCII (Romanian ones) between them: no word to fix ends here, as the
 * word at the end of text has no Cyrillic letter. Returns 0 where step()
 * must take over. */
static int latin_words(struct pass *p)
{
	const unsigned char *s = p->s;
	char *t = p->n->text;
	uint32_t *m = p->n->map;
	size_t i = p->i, o = p->o, len = p->len;
	int more = 1;

	for (;;) {
		uint64_t x = load_at(s, i, len);
		size_t k = ascii_prefix(x);
		const struct fold2 *e;

		if (k > len - i)
			k = len - i;
		if (i + k < len && mark_at(s, i + k) && --k == 0) {
			more = 0;
			break;
		}
		store64(t + o, lower64(x));
		map_bytes(m + o, (uint32_t)i);
		i += k;
		o += k;
		p->w = W_ASCII;
		if (i >= len)
			break;
		if (k == 8)
			continue;
		if (i + 1 >= len || (unsigned)s[i] - 0xC2 > 0xCB - 0xC2)
			break;
		e = fold2_of(s + i);
		if (e->flags != F_LAT || e->len != 1 ||
		    (i + 2 < len && mark_at(s, i + 2)))
			break;
		t[o] = (char)e->utf8[0];
		m[o++] = (uint32_t)i;
		i += 2;
		if (i >= len || s[i] >= 0x80)
			break;
	}
	p->i = i;
	p->o = o;
	return more;
}

/* Write what the fast path can from s[i]: up to the end of the source, or
 * to a code point step() must see (one followed by a combining mark, one
 * outside the table, the end of a word to fix). Room for PAD bytes of
 * text more than source bytes left is there: nothing here allocates. */
static void fast(struct pass *p)
{
	const unsigned char *s = p->s;
	char *t = p->n->text;
	uint32_t *m = p->n->map;
	size_t len = p->len;

	while (p->i < len) {
		size_t i = p->i, o = p->o;
		unsigned c = s[i], w = p->w;
		const struct fold2 *e;

		if (c < 0x80 && !(w & F_CYR)) {
			if (!latin_words(p))
				break;
			continue;
		}
		w = word_tail(w, t, o);
		if (c < 0x80) {
			if (i + 1 < len && mark_at(s, i + 1))
				break;
			if (is_letter(c))
				w |= F_LAT;
			else if (w == F_MIXED)
				break;
			else
				w = 0;
			t[o] = (char)(c | (is_letter(c) << 5));
			m[o] = (uint32_t)i;
			p->i = i + 1;
			p->o = o + 1;
			p->w = w;
			continue;
		}
		if ((c & 0xFE) == 0xD0) {
			p->w = w | F_CYR;
			if (!cyr_words(p))
				break;
			continue;
		}
		if (c - 0xC2 > 0xD4 - 0xC2)
			break;
		e = fold2_of(s + i);
		if (e->flags & F_SLOW)
			break;
		if (i + 2 < len && mark_at(s, i + 2))
			break;
		if (!(e->flags & F_SEP))
			w |= e->flags;
		else if (w == F_MIXED)
			break;
		else
			w = 0;
		memcpy(t + o, e->utf8, 2);
		m[o] = m[o + 1] = (uint32_t)i;
		p->i = i + 2;
		p->o = o + e->len;
		p->w = w;
	}
	p->w = word_tail(p->w, t, p->o);
}

int tact_normalise(struct tact_norm *n, const char *s, size_t len)
{
	struct pass p = { n, (const unsigned char *)s, len, 0, 0, 0 };

	if (len > UINT32_MAX - 1)
		return TACT_ETOOBIG;
	n->srclen = len;
	n->len = 0;
	if (len + PAD > n->cap &&
	    reserve(n, len + PAD < NORM_MIN ? NORM_MIN : len + PAD))
		return TACT_ENOMEM;
	for (;;) {
		fast(&p);
		if (p.i >= len)
			break;
		if (step(&p))
			return TACT_ENOMEM;
	}
	if (p.w == F_MIXED && fix_word(&p))
		return TACT_ENOMEM;
	n->text[p.o] = '\0';
	n->map[p.o] = (uint32_t)len;
	n->len = p.o;
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
	free(n->text);
	free(n->map);
	memset(n, 0, sizeof *n);
}

uint32_t tact_fold_cp(uint32_t cp)
{
	return fold_cp(cp);
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

uint32_t tact_fold_table_check(void)
{
	uint32_t cp;

	for (cp = 0x80; cp < 0x540; cp++) {
		const struct fold2 *e = &fold2_table[cp - 0x80];
		struct tact_norm n = { NULL, NULL, 0, 0, 0 };
		struct pass p = { &n, NULL, 0, 0, 0, 0 };
		unsigned char src[2];
		size_t k = 0;
		uint32_t f;
		int ok;

		src[0] = (unsigned char)(0xC0 | cp >> 6);
		src[1] = (unsigned char)(0x80 | (cp & 0x3F));
		p.s = src;
		p.len = 2;
		if (reserve(&n, 16) || step(&p))
			return cp;
		f = tact_utf8_next(n.text, &k);
		if (is_combining(cp))
			ok = e->flags == (F_SLOW | F_MARK);
		else if (k != p.o || f >= 0x800)
			ok = e->flags == F_SLOW;
		else
			ok = e->len == k && !memcmp(e->utf8, n.text, k) &&
			     e->flags == class_of(f);
		tact_norm_free(&n);
		/* The fast path takes U+0400..U+047F for Cyrillic letters,
		 * and the Cyrillic letters of U+0480..U+04FF, that stay two
		 * bytes long. */
		if (cp >= 0x400 && cp < 0x480)
			ok = ok && e->flags == F_CYR;
		if (cp >= 0x400 && cp < 0x500 && e->flags == F_CYR)
			ok = ok && e->len == 2;
		if (!ok)
			return cp;
	}
	return 0;
}
