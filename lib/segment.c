/*
 * segment.c: cutting a message into sentences, and finding the text in it
 * that is not the agent's own phrasing (quotes, '>' lines, URLs, e-mail
 * addresses, code).
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "block.h"
#include "internal.h"

/* A sentence longer than this is cut at white space (or anywhere). */
#define SENTENCE_MAX 4096

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Length of a sentence-ending mark at t[i] (. ! ? …), or 0. */
static size_t end_mark(const char *t, size_t len, size_t i)
{
	if (t[i] == '.' || t[i] == '!' || t[i] == '?')
		return 1;
	if (i + 2 < len && (unsigned char)t[i] == 0xE2 &&
	    (unsigned char)t[i + 1] == 0x80 && (unsigned char)t[i + 2] == 0xA6)
		return 3;
	return 0;
}

/* Length of a closing quote or bracket at t[i] (» ” " ) ]), or 0. */
static size_t closer(const char *t, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)t + i;

	if (*u == '"' || *u == ')' || *u == ']' || *u == '\'')
		return 1;
	if (i + 1 < len && u[0] == 0xC2 && u[1] == 0xBB)
		return 2; /* » */
	if (i + 2 < len && u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] == 0x9D || u[2] == 0x9C))
		return 3; /* ” “ */
	return 0;
}

/* Back up from a forced cut to white space, or to a code point start. */
static size_t cut_point(const char *t, size_t start, size_t end)
{
	size_t k;

	for (k = end; k > start + SENTENCE_MAX / 2; k--)
		if (is_space((unsigned char)t[k]))
			return k;
	k = end;
	while (k > start + 1 && ((unsigned char)t[k] & 0xC0) == 0x80)
		k--;
	return k;
}

/* After a full stop, a sentence goes on when the next word starts with a
 * lower-case letter: «т. е.», «Dvs. trebuie», "e.g. this". */
static int continues(const char *t, size_t len, size_t i)
{
	size_t j;
	uint32_t cp;
	int c;

	while (i < len && is_space((unsigned char)t[i]))
		i++;
	if (i >= len || t[i] == '\n')
		return 0;
	j = i;
	cp = tact_utf8_next(t, &j);
	c = tact_plain_case(cp);
	if (c != TACT_CASE_OF_ASK)
		return c == TACT_CASE_OF_LOWER;
	return utf8proc_category((int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

/* Titles and address words written with a full stop that a name or a
 * number follows: the stop does not end the sentence («Mr. Smith»,
 * «Dna. Popescu», «ул. Абая»). Folded as text is (tact_fold_cp()), at
 * most eight bytes. Words that also end sentences as often («St.»,
 * «Jr.», «г.», «им.») are not here. */
#define TITLE_MAX 8
static const char titles[][TITLE_MAX + 1] = {
	"mr", "mrs", "ms", "mx", "dr", "prof", "dl", "dna", "dra",
	"ул", "кв", "мкр", "обл", "тел",
};

/* The last bytes of the titles, in either case: r s x f l a, and the
 * second bytes of л в р (BB B2 80) and Л В Р (9B 92 A0). */
static const unsigned char title_end[256] = {
	['r'] = 1, ['s'] = 1, ['x'] = 1, ['f'] = 1, ['l'] = 1, ['a'] = 1,
	['R'] = 1, ['S'] = 1, ['X'] = 1, ['F'] = 1, ['L'] = 1, ['A'] = 1,
	[0xBB] = 1, [0xB2] = 1, [0x80] = 1, [0x9B] = 1, [0x92] = 1, [0xA0] = 1,
};

/* May byte c be part of a title: an ASCII letter, or a byte of a
 * letter of more than one byte? */
static int title_byte(unsigned char c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
}

/* Are the folded code points w[0..n) those of title? */
static int is_title(const uint32_t *w, size_t n, const char *title)
{
	size_t k, j = 0;

	for (k = 0; k < n; k++)
		if (!title[j] || tact_utf8_next(title, &j) != w[k])
			return 0;
	return !title[j];
}

/* Is the word that ends at t[i] (before a full stop), starting at s or
 * later after a byte that is no part of a letter, one of the titles?
 * Asked at every full stop before white space, so a word that cannot
 * end like a title, or is longer than any, is told at once. */
static int title_before(const char *t, size_t s, size_t i)
{
	uint32_t w[TITLE_MAX];
	size_t b = i, k, n = 0;

	if (i == s || !title_end[(unsigned char)t[i - 1]])
		return 0;
	while (b > s && i - b <= TITLE_MAX && title_byte((unsigned char)t[b - 1]))
		b--;
	if (i - b < 2 || i - b > TITLE_MAX ||
	    (b > s && title_byte((unsigned char)t[b - 1])))
		return 0;
	for (k = b; k < i;)
		w[n++] = tact_fold_cp(tact_utf8_next(t, &k));
	/* A title is read only when it has as many bytes as the word:
	 * folding a letter of a title keeps its length. */
	for (k = 0; k < TACT_ARRAY_LEN(titles); k++)
		if (titles[k][i - b] == '\0' && titles[k][i - b - 1] != '\0' &&
		    is_title(w, n, titles[k]))
			return 1;
	return 0;
}

/* The bytes that may end a sentence: a line break, . ! ? and the lead
 * byte of … (E2 80 A6). */
static const unsigned char may_end[256] = {
	['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1, [0xE2] = 1,
};

/* The first byte of t[i..lim) that may end a sentence, or lim. */
static size_t next_may_end(const char *t, size_t i, size_t lim)
{
#if TACT_HAVE_BLOCKS
	for (; i + 16 <= lim; i += 16) {
		tact_block b = tact_block_load(t + i);
		unsigned m = tact_block_eq(b, '\n') | tact_block_eq(b, '.') |
		             tact_block_eq(b, '!') | tact_block_eq(b, '?') |
		             tact_block_eq(b, 0xE2);

		if (m)
			return i + tact_block_first(m);
	}
#endif
	while (i < lim && !may_end[(unsigned char)t[i]])
		i++;
	return i;
}

/* Where the sentence that starts at s ends (exclusive, before trimming). */
static size_t sentence_end(const char *t, size_t len, size_t s)
{
	size_t i = s;

	while (i < len) {
		size_t m, lim = len - s > SENTENCE_MAX ? s + SENTENCE_MAX : len;

		i = next_may_end(t, i, lim);
		if (i >= len)
			break;

		/* A line break ends a sentence unless the next line goes on with
		 * a lower-case word: text wrapped inside a sentence. */
		if (t[i] == '\n' && !continues(t, len, i + 1))
			return i;
		if (i - s >= SENTENCE_MAX)
			return cut_point(t, s, i);
		m = end_mark(t, len, i);
		if (!m || (t[i] == '.' && i + 1 < len &&
		           is_space((unsigned char)t[i + 1]) &&
		           title_before(t, s, i))) {
			i++;
			continue;
		}
		while (i < len && (m = end_mark(t, len, i)) != 0)
			i += m;
		while (i < len && (m = closer(t, len, i)) != 0)
			i += m;
		if (i >= len || t[i] == '\n')
			return i;
		if (is_space((unsigned char)t[i]) && !continues(t, len, i))
			return i;
	}
	return len;
}

int tact_next_sentence(const char *text, size_t len, size_t *pos,
                       size_t *start, size_t *end)
{
	size_t s = *pos, e;

	while (s < len && (is_space((unsigned char)text[s]) || text[s] == '\n'))
		s++;
	if (s >= len) {
		*pos = len;
		return 0;
	}
	e = sentence_end(text, len, s);
	*pos = e;
	while (e > s && is_space((unsigned char)text[e - 1]))
		e--;
	*start = s;
	*end = e;
	return 1;
}

/* ---- skip regions --------------------------------------------------------- */

static int spans_add(struct tact_spans *s, size_t start, size_t end)
{
	if (end <= start)
		return TACT_OK;
	if (tact_grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v))
		return TACT_ENOMEM;
	s->v[s->n].start = start;
	s->v[s->n].end = end;
	s->n++;
	return TACT_OK;
}

static size_t line_end(const char *t, size_t len, size_t i)
{
	const char *nl = memchr(t + i, '\n', len - i);

	return nl ? (size_t)(nl - t) : len;
}

/* Lines whose first non-blank character is '>'. */
static int find_quoted_lines(struct tact_spans *out, const char *t, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t e = line_end(t, len, i), k = i;

		while (k < e && is_space((unsigned char)t[k]))
			k++;
		if (k < e && t[k] == '>' && spans_add(out, i, e))
			return TACT_ENOMEM;
		i = e + 1;
	}
	return TACT_OK;
}

static int url_char(unsigned char c)
{
	return c > ' ' && c != '<' && c != '>' && c != '"' && c != '\x7f';
}

static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

static int has_prefix_ci(const char *t, size_t len, size_t i, const char *p)
{
	size_t n = strlen(p), k;

	if (i + n > len)
		return 0;
	for (k = 0; k < n; k++) {
		char c = t[i + k];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != p[k])
			return 0;
	}
	return 1;
}

static size_t trim_url_tail(const char *t, size_t s, size_t e)
{
	while (e > s && strchr(".,;:!?)]'", t[e - 1]))
		e--;
	/* A closing » or ” after a URL belongs to the sentence. */
	while (e > s + 2 && (unsigned char)t[e - 1] >= 0x80) {
		size_t k = e - 1;

		while (k > s && ((unsigned char)t[k] & 0xC0) == 0x80)
			k--;
		if (closer(t, e, k) == e - k)
			e = k;
		else
			break;
	}
	return e;
}

/* The first i >= from where t holds byte c and at(t, len, i) holds (at
 * NULL: any such i), or len. */
static size_t next_at(const char *t, size_t len, size_t from, int c,
                      int (*at)(const char *, size_t, size_t))
{
	const char *p = t + from;

	while (p < t + len && (p = memchr(p, c, len - (size_t)(p - t))) != NULL) {
		if (!at || at(t, len, (size_t)(p - t)))
			return (size_t)(p - t);
		p++;
	}
	return len;
}

static int scheme_at(const char *t, size_t len, size_t i)
{
	return i + 2 < len && t[i + 1] == '/' && t[i + 2] == '/';
}

static int www_at(const char *t, size_t len, size_t i)
{
	TACT_UNUSED(len);
	return i >= 3 && (t[i - 1] | 0x20) == 'w' && (t[i - 2] | 0x20) == 'w' &&
	       (t[i - 3] | 0x20) == 'w';
}

/* The longest start before its mark: "https" before "://". */
#define URL_LEAD 5

/* The next "://" and "www." (in any case) at or after a position, kept
 * from call to call: most text holds neither, and memchr finds that
 * faster than a loop over bytes. */
struct url_marks {
	size_t colon, dot;
};

/* Where the next URL can start, from `from`: a few bytes before the next
 * mark, or len. */
static size_t next_url_room(const char *t, size_t len, size_t from,
                            struct url_marks *m)
{
	size_t next;

	if (m->colon < from)
		m->colon = next_at(t, len, from, ':', scheme_at);
	if (m->dot < from)
		m->dot = next_at(t, len, from, '.', www_at);
	next = m->colon < m->dot ? m->colon : m->dot;
	if (next == len)
		return len;
	return next >= from + URL_LEAD ? next - URL_LEAD : from;
}

static int find_urls(struct tact_spans *out, const char *t, size_t len)
{
	static const char *const starts[] = { "https://", "http://", "ftp://",
		                              "www." };
	struct url_marks m = { next_at(t, len, 0, ':', scheme_at),
		               next_at(t, len, 0, '.', www_at) };
	size_t i, room = next_url_room(t, len, 0, &m);

	for (i = room; i < len; i++) {
		unsigned char c = (unsigned char)t[i] | 0x20;
		size_t k, e;

		/* Past the mark that let the loop in: on to the next one. */
		if (i > room + URL_LEAD + 3) {
			room = next_url_room(t, len, i, &m);
			if (room == len)
				break;
			i = room;
			c = (unsigned char)t[i] | 0x20;
		}
		/* Every start is h, f or w in either case. */
		if ((c != 'h' && c != 'f' && c != 'w') ||
		    (i > 0 && word_byte((unsigned char)t[i - 1])))
			continue;
		for (k = 0; k < TACT_ARRAY_LEN(starts); k++)
			if (has_prefix_ci(t, len, i, starts[k]))
				break;
		if (k == TACT_ARRAY_LEN(starts))
			continue;
		for (e = i; e < len && url_char((unsigned char)t[e]); e++)
			;
		e = trim_url_tail(t, i, e);
		if (spans_add(out, i, e))
			return TACT_ENOMEM;
		i = e;
	}
	return TACT_OK;
}

static int email_char(unsigned char c)
{
	return word_byte(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
	       c == '-';
}

static int find_emails(struct tact_spans *out, const char *t, size_t len)
{
	const char *at = t;

	while ((at = memchr(at, '@', len - (size_t)(at - t))) != NULL) {
		size_t i = (size_t)(at - t), s = i, e = i + 1;
		int dot = 0;

		while (s > 0 && email_char((unsigned char)t[s - 1]))
			s--;
		while (e < len && email_char((unsigned char)t[e])) {
			dot |= t[e] == '.';
			e++;
		}
		while (e > i + 1 && t[e - 1] == '.')
			e--;
		if (s < i && dot && spans_add(out, s, e))
			return TACT_ENOMEM;
		at++;
		if ((size_t)(at - t) >= len)
			break;
	}
	return TACT_OK;
}

/* `inline code` on one line and ```fenced blocks```. */
static int find_code(struct tact_spans *out, const char *t, size_t len)
{
	size_t i = 0;

	while (i < len) {
		const char *q = memchr(t + i, '`', len - i);
		size_t s, e;

		if (!q)
			break;
		s = (size_t)(q - t);
		if (s + 2 < len && t[s + 1] == '`' && t[s + 2] == '`') {
			const char *f = NULL;
			size_t k;

			for (k = s + 3; k + 2 < len && !f; k++)
				if (t[k] == '`' && t[k + 1] == '`' && t[k + 2] == '`')
					f = t + k;
			e = f ? (size_t)(f - t) + 3 : len;
		} else {
			size_t le = line_end(t, len, s + 1);
			const char *c = memchr(t + s + 1, '`', le - s - 1);

			if (!c) {
				i = s + 1;
				continue;
			}
			e = (size_t)(c - t) + 1;
		}
		if (spans_add(out, s, e))
			return TACT_ENOMEM;
		i = e;
	}
	return TACT_OK;
}

/* Quotation marks: a pair of opening and closing marks (as UTF-8). */
struct quote_pair {
	const char *open;
	const char *close;
	const char *close2;
};

static const struct quote_pair quote_pairs[] = {
	{ "\xC2\xAB", "\xC2\xBB", NULL },                 /* « » */
	{ "\xE2\x80\x9E", "\xE2\x80\x9C", "\xE2\x80\x9D" }, /* „ “ ” */
	{ "\xE2\x80\x9C", "\xE2\x80\x9D", NULL },         /* “ ” */
};

static int mark_at(const char *t, size_t len, size_t i, const char *m)
{
	size_t n = m ? strlen(m) : 0;

	return n && i + n <= len && memcmp(t + i, m, n) == 0 ? (int)n : 0;
}

/* The end of the quote opened at t[i] by pair p (nesting allowed), or 0. */
static size_t quote_close(const char *t, size_t len, size_t i,
                          const struct quote_pair *p)
{
	size_t depth = 1, k = i + (size_t)mark_at(t, len, i, p->open);

	while (k < len) {
		int n;

		if (k + 1 < len && t[k] == '\n' && t[k + 1] == '\n')
			return 0; /* a quote does not span paragraphs */
		if ((n = mark_at(t, len, k, p->close)) || (n = mark_at(t, len, k, p->close2))) {
			if (--depth == 0)
				return k + (size_t)n;
		} else if ((n = mark_at(t, len, k, p->open))) {
			depth++;
		} else {
			n = 1;
		}
		k += (size_t)n;
	}
	return 0;
}

static int find_typographic_quotes(struct tact_spans *out, const char *t,
                                   size_t len)
{
	/* Every opening mark starts with 0xC2 («) or 0xE2 („ “): the next
	 * of each is kept, so the text is read by memchr. */
	size_t i, c2 = next_at(t, len, 0, 0xC2, NULL);
	size_t e2 = next_at(t, len, 0, 0xE2, NULL);

	while ((i = c2 < e2 ? c2 : e2) < len) {
		size_t k, e = 0;

		for (k = 0; k < TACT_ARRAY_LEN(quote_pairs) && !e; k++)
			if (mark_at(t, len, i, quote_pairs[k].open))
				e = quote_close(t, len, i, &quote_pairs[k]);
		if (e && spans_add(out, i, e))
			return TACT_ENOMEM;
		i = e ? e : i + 1;
		if (c2 < i)
			c2 = next_at(t, len, i, 0xC2, NULL);
		if (e2 < i)
			e2 = next_at(t, len, i, 0xE2, NULL);
	}
	return TACT_OK;
}

/* Straight "..." pairs within a line. */
static int find_straight_quotes(struct tact_spans *out, const char *t,
                                size_t len)
{
	const char *q = memchr(t, '"', len);
	size_t open = (size_t)-1;

	for (; q; q = memchr(q + 1, '"', len - (size_t)(q + 1 - t))) {
		size_t k = (size_t)(q - t);

		/* A mark left open at the end of its line opens nothing. */
		if (open != (size_t)-1 && memchr(t + open, '\n', k - open))
			open = (size_t)-1;
		if (open == (size_t)-1) {
			open = k;
		} else {
			if (spans_add(out, open, k + 1))
				return TACT_ENOMEM;
			open = (size_t)-1;
		}
	}
	return TACT_OK;
}

static int span_cmp(const void *a, const void *b)
{
	const struct tact_span *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

/* Sort and merge overlapping regions, so overlap tests can bisect. */
static void spans_merge(struct tact_spans *s)
{
	size_t i, o = 0;

	if (s->n < 2)
		return;
	qsort(s->v, s->n, sizeof *s->v, span_cmp);
	for (i = 1; i < s->n; i++) {
		if (s->v[i].start <= s->v[o].end) {
			if (s->v[i].end > s->v[o].end)
				s->v[o].end = s->v[i].end;
		} else {
			s->v[++o] = s->v[i];
		}
	}
	s->n = o + 1;
}

/* The bytes a region to skip needs, each a bit of what bytes_seen()
 * returns: most messages hold few of them, and a finder whose bytes are
 * not there has nothing to find. */
enum {
	SEEN_GT = 1 << 0, SEEN_AT = 1 << 1, SEEN_TICK = 1 << 2,
	SEEN_QUOTES = 1 << 3 | 1 << 4, SEEN_STRAIGHT = 1 << 5,
	SEEN_URL = 1 << 6,      /* ":/" or "w." (either case) */
};
static const unsigned char needed_bit[256] = {
	['>'] = SEEN_GT, ['@'] = SEEN_AT, ['`'] = SEEN_TICK,
	[0xC2] = 1 << 3, [0xE2] = 1 << 4, ['"'] = SEEN_STRAIGHT,
};

/* Which of the needed bytes t[i..len) holds, and whether it holds the
 * marks every URL find_urls() knows has ("://", "www."). */
static unsigned bytes_seen_from(const char *t, size_t i, size_t len)
{
	unsigned seen = 0;

	for (; i < len; i++) {
		seen |= needed_bit[(unsigned char)t[i]];
		if (i + 1 < len && ((t[i] == ':' && t[i + 1] == '/') ||
		                    ((t[i] | 0x20) == 'w' && t[i + 1] == '.')))
			seen |= SEEN_URL;
	}
	return seen;
}

#if TACT_HAVE_BLOCKS
/* The bytes of needed_bit, in the order of their bits. */
static const unsigned char needed[] = { '>', '@', '`', 0xC2, 0xE2, '"' };
#define NEEDED_N ((int)sizeof needed)

/* bytes_seen() sixteen bytes at a time, each block read again from its
 * second byte for the marks; *i receives where the blocks end. */
static unsigned blocks_seen(const char *t, size_t len, size_t *i)
{
	tact_block any[NEEDED_N], url = tact_block_zero();
	unsigned seen = 0;
	int k;

	for (k = 0; k < NEEDED_N; k++)
		any[k] = tact_block_zero();
	for (*i = 0; *i + 17 <= len; *i += 16) {
		tact_block b = tact_block_load(t + *i);
		tact_block next = tact_block_load(t + *i + 1);

		url = tact_block_or(url, tact_block_or(
			tact_block_and(tact_block_cmpeq(b, ':'),
			               tact_block_cmpeq(next, '/')),
			tact_block_and(tact_block_cmpeq(tact_block_lower(b), 'w'),
			               tact_block_cmpeq(next, '.'))));
		for (k = 0; k < NEEDED_N; k++)
			any[k] = tact_block_or(any[k],
			                       tact_block_cmpeq(b, needed[k]));
	}
	for (k = 0; k < NEEDED_N; k++)
		if (tact_block_any(any[k]))
			seen |= 1u << k;
	return seen | (tact_block_any(url) ? SEEN_URL : 0);
}
#endif

static unsigned bytes_seen(const char *t, size_t len)
{
	size_t i = 0;
	unsigned seen = 0;

#if TACT_HAVE_BLOCKS
	seen = blocks_seen(t, len, &i);
#endif
	return seen | bytes_seen_from(t, i, len);
}

int tact_find_skips(struct tact_spans *out, const char *text, size_t len)
{
	unsigned seen = bytes_seen(text, len);

	out->n = 0;
	if (((seen & SEEN_GT) && find_quoted_lines(out, text, len)) ||
	    ((seen & SEEN_URL) && find_urls(out, text, len)) ||
	    ((seen & SEEN_AT) && find_emails(out, text, len)) ||
	    ((seen & SEEN_TICK) && find_code(out, text, len)) ||
	    ((seen & SEEN_QUOTES) && find_typographic_quotes(out, text, len)) ||
	    ((seen & SEEN_STRAIGHT) && find_straight_quotes(out, text, len)))
		return TACT_ENOMEM;
	spans_merge(out);
	return TACT_OK;
}

int tact_spans_overlap(const struct tact_spans *s, size_t start, size_t end)
{
	size_t lo = 0, hi = s->n;

	/* The first region that ends after start. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->v[mid].end <= start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && s->v[lo].start < end;
}

void tact_spans_free(struct tact_spans *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}
