/*
 * anchor.c: the literals a pattern's matches start with.
 *
 * A pattern such as `\b(?:вы|Вам)\s+(?:надо|нужно)` can only match where
 * «вы» or «вам» begins a word. tact_pattern_anchors() reads the pattern's
 * source and returns such a set of literals (folded like the text), each
 * marked when the pattern asserts a word boundary before it. The engine
 * then runs the pattern, compiled anchored, only where one of them occurs
 * (docs/performance.md).
 *
 * The analysis must be sound: every match of the pattern starts with one
 * of the anchors. Anything it does not understand ends a literal (what was
 * read so far is still a prefix of every match) or, before any literal was
 * read, leaves the pattern without anchors: it then runs unanchored.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Bytes kept of one anchor, and anchors kept of one pattern. A literal
 * is extended by what follows only while that keeps at most GROW_MAX of
 * them: longer literals are rarer, but each one is a trie path. */
#define ANCHOR_BYTES 16
#define SET_MAX 256
#define GROW_MAX 64
/* When a pattern then shows no anchors (its alternatives add up to more
 * than SET_MAX literals), it is read again with literals that grow less. */
#define GROW_RETRY 24
/* The shortest literal worth looking for inside a match (bytes). */
#define INNER_MIN 3
#define INNER_ANY_MIN 4
/* Groups nested deeper than this are not analysed. */
#define DEPTH_MAX 32

struct prefix {
	unsigned char len;
	unsigned char open;     /* the literal may go on */
	unsigned char wb;       /* a word boundary is asserted before it */
	unsigned char end;      /* no word character follows it */
	unsigned char gap;      /* (len 0) a character that is no letter */
	char s[ANCHOR_BYTES];
};

struct set {
	struct prefix *v;
	size_t n, cap;
};

struct parser {
	const char *p, *end;
	int depth;
	int fail;               /* give up: no anchors */
	int nomem;
	int extended;           /* (?x): white space and # comments ignored */
	size_t grow;            /* GROW_MAX or GROW_RETRY */
};

/* In extended mode, skip white space and comments. */
static void skip_space(struct parser *a)
{
	while (a->extended && a->p < a->end) {
		if (*a->p == ' ' || *a->p == '\t' || *a->p == '\n' ||
		    *a->p == '\r' || *a->p == '\f' || *a->p == '\v') {
			a->p++;
		} else if (*a->p == '#') {
			while (a->p < a->end && *a->p != '\n')
				a->p++;
		} else {
			break;
		}
	}
}

static int set_add(struct parser *a, struct set *s, const struct prefix *x)
{
	if (s->n >= SET_MAX) {
		a->fail = 1;
		return -1;
	}
	if (s->n == s->cap &&
	    tact_grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v)) {
		a->fail = a->nomem = 1;
		return -1;
	}
	s->v[s->n++] = *x;
	return 0;
}

/* Sets start empty and grow as literals are added. */
static void set_init(struct set *s)
{
	s->v = NULL;
	s->n = s->cap = 0;
}

/* The set that only holds the empty literal, still open. */
static int set_empty(struct parser *a, struct set *s)
{
	struct prefix e;

	set_init(s);
	memset(&e, 0, sizeof e);
	e.open = 1;
	return set_add(a, s, &e);
}

/* Every literal of s stops here: what follows is not known. */
static void set_close(struct set *s)
{
	size_t k;

	for (k = 0; k < s->n; k++)
		s->v[k].open = 0;
}

/* ---- atoms ----------------------------------------------------------------- */

/* What an atom does: consume text; assert a word boundary (\b, or no
 * word character before); assert that no word character follows; look
 * ahead for the literals it leaves in the set; assert something else. */
enum atom { ATOM_CONSUME, ATOM_BOUNDARY, ATOM_WORD_END, ATOM_AHEAD,
            ATOM_ASSERT };

/* A set holding one literal code point c (UTF-8 in buf[0..n)), folded. */
static int set_char(struct parser *a, struct set *s, const char *buf, size_t n)
{
	const unsigned char *b = (const unsigned char *)buf;
	struct prefix x;
	char *f;

	memset(&x, 0, sizeof x);
	x.open = 1;
	/* ASCII and basic Cyrillic fold by themselves (tact_fold_string()
	 * does the same, slower). */
	if (n == 1 && b[0] < 0x80 && b[0] > ' ') {
		x.s[0] = (char)(b[0] >= 'A' && b[0] <= 'Z' ? b[0] + 32 : b[0]);
		x.len = 1;
		return set_add(a, s, &x);
	}
	if (n == 2 && (b[0] == 0xD0 || b[0] == 0xD1)) {
		uint32_t cp = (uint32_t)(b[0] & 0x1F) << 6 | (b[1] & 0x3F);

		if (cp >= 0x410 && cp <= 0x44F) {
			cp += cp < 0x430 ? 0x20 : 0;
			tact_utf8_put(x.s, cp);
			x.len = 2;
			return set_add(a, s, &x);
		}
	}
	f = tact_fold_string(buf, n, 1);
	if (!f) {
		a->fail = 1;
		return -1;
	}
	x.len = (unsigned char)strlen(f);
	if (x.len == 0 || x.len > 4) {
		tact_free(f);
		a->fail = 1;
		return -1;
	}
	memcpy(x.s, f, x.len);
	tact_free(f);
	if (tact_space_run(x.s, x.len, 0) == x.len) {
		/* White space stands for a run of it (see TACT_GAP). */
		x.s[0] = (char)TACT_GAP;
		x.len = 1;
	}
	x.open = 1;
	return set_add(a, s, &x);
}

/* A set holding the gap: \s, one or more white-space characters. */
static int set_space(struct parser *a, struct set *s)
{
	struct prefix x;

	memset(&x, 0, sizeof x);
	x.s[0] = (char)TACT_GAP;
	x.len = 1;
	x.open = 1;
	return set_add(a, s, &x);
}

/* A set that matches something unknown: the empty literal, closed. */
static int set_any(struct parser *a, struct set *s)
{
	struct prefix x;

	memset(&x, 0, sizeof x);
	return set_add(a, s, &x);
}

/* The same, for something that is never a word character (\s, \W). */
static int set_gap(struct parser *a, struct set *s)
{
	struct prefix x;

	memset(&x, 0, sizeof x);
	x.gap = 1;
	return set_add(a, s, &x);
}

static int is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* An escape after '\\': a literal, an assertion or a class. */
static enum atom escape(struct parser *a, struct set *s)
{
	char c;

	if (a->p >= a->end) {
		a->fail = 1;
		return ATOM_ASSERT;
	}
	c = *a->p++;
	if (c == 'b')
		return ATOM_BOUNDARY;
	/* \K only moves the start PCRE2 reports; the match still begins
	 * where its attempt did, which is what the literals are about. */
	if (c == 'z' || c == 'Z')
		return ATOM_WORD_END;
	if (strchr("BAK", c))
		return ATOM_ASSERT;
	if (c == 'G' || c == 'Q' || c == 'E' || c == 'c' ||
	    c == 'x' || c == 'o' || c == 'g' || c == 'k' || c == 'N' ||
	    c == 'p' || c == 'P') {
		/* \G, quoting, or escapes with arguments that are not worth
		 * reading: no anchors. */
		a->fail = 1;
		return ATOM_ASSERT;
	}
	if (c == 't' || c == 'n') {
		char lit = c == 't' ? '\t' : '\n';

		set_char(a, s, &lit, 1);
		return ATOM_CONSUME;
	}
	if (c == 's') {
		set_space(a, s);
		return ATOM_CONSUME;
	}
	if (c == 'W' || c == 'h' || c == 'v' || c == 'R') {
		set_gap(a, s);
		return ATOM_CONSUME;
	}
	if (is_alnum((unsigned char)c)) {
		/* \d \w \X, back references...: not literal. */
		set_any(a, s);
		return ATOM_CONSUME;
	}
	if ((unsigned char)c >= 0x80) {
		a->fail = 1;
		return ATOM_ASSERT;
	}
	set_char(a, s, &c, 1);
	return ATOM_CONSUME;
}

/* Is the class member at *p never a word character? *p moves past it.
 * A '-' there would make a range: it is read only first or last, as
 * itself. */
static int non_word_member(const char **p, const char *first,
                           const char *end)
{
	const char *q = *p;
	size_t i = 0, n = tact_utf8_seqlen((unsigned char)*q);

	if (*q == '\\') {
		*p = q + 2;
		return q + 1 < end &&
		       (strchr("shvWtnrf", q[1]) ||
		        (q[1] > ' ' && q[1] < 0x7F &&
		         !is_alnum((unsigned char)q[1]) && q[1] != '_'));
	}
	if (*q == '[' || (*q == ']' && q != first) ||
	    (*q == '-' && q != first && q != end - 1) || (size_t)(end - q) < n)
		return 0;
	*p = q + n;
	return !tact_is_word_cp(tact_utf8_next(q, &i));
}

/* Are the members of a class [first, end) (after '[' or "[^", before
 * ']') all characters that are never part of a word? */
static int non_word_class(const char *first, const char *end)
{
	const char *q = first;

	while (q < end)
		if (!non_word_member(&q, first, end))
			return 0;
	return q == end;
}

/* A class [...]: a few literal members, or something unknown. */
static void char_class(struct parser *a, struct set *s)
{
	const char *start = a->p;
	int literal = 1;

	if (a->p < a->end && *a->p == '^') {
		literal = 0;
		a->p++;
	}
	if (a->p < a->end && *a->p == ']')
		a->p++;
	while (a->p < a->end && *a->p != ']') {
		if (*a->p == '\\' || *a->p == '[' || *a->p == '-')
			literal = 0;
		if (*a->p == '\\' && a->p + 1 < a->end)
			a->p++;
		a->p++;
	}
	if (a->p >= a->end) {
		a->fail = 1;
		return;
	}
	a->p++;
	if (literal) {
		const char *q = start;

		while (q < a->p - 1 && !a->fail) {
			size_t n = tact_utf8_seqlen((unsigned char)*q);

			set_char(a, s, q, n);
			q += n;
		}
		if (s->n > 8) {
			s->n = 0;
			literal = 0;
		}
	}
	if (!literal && *start != '^' && non_word_class(start, a->p - 1))
		set_gap(a, s);
	else if (!literal)
		set_any(a, s);
}

static void alternatives(struct parser *a, struct set *out);

/* Does the class [first, end) (after '[' or "[^", before ']') hold \w or
 * \S? Then it matches every word character, and negated, only white
 * space or characters never part of a word (`[^\S\n]`, `[^\w\s,.]`). A
 * nested class or an unescaped ']' inside gives 0. */
static int class_has_word(const char *first, const char *end)
{
	const char *q;

	for (q = first; q < end; q++) {
		if (*q == '[' || *q == ']')
			return 0;
		if (*q == '\\' && q + 1 < end && (q[1] == 'w' || q[1] == 'S'))
			return 1;
		if (*q == '\\')
			q++;
	}
	return 0;
}

/* Is [p, end) one character that is never part of a word: \s, a space,
 * ASCII punctuation, a class of such, or a negated class of what is
 * not white space or not a word character? */
static int non_word_atom(const char *p, const char *end)
{
	size_t n = (size_t)(end - p);

	if (n == 2 && p[0] == '\\')
		return p[1] == 's' || strchr(".,;:!?-()[]", p[1]) != NULL;
	if (n == 1)
		return strchr(" ,;:!-'\"", *p) != NULL;
	if (n < 3 || p[0] != '[' || end[-1] != ']')
		return 0;
	if (p[1] == '^')
		return n > 3 && class_has_word(p + 2, end - 1);
	return non_word_class(p + 1, end - 1);
}

/* Does [p, end) hold one of the bytes of set? */
static int memchr_any(const char *p, const char *end, const char *set)
{
	for (; p < end; p++)
		if (strchr(set, *p))
			return 1;
	return 0;
}

/* Does every alternative of a lookbehind's text [p, end) end with a
 * character that is never part of a word? Then a word can start after
 * it. Only plain texts are read: no groups, no classes but at the end. */
static int ends_non_word(const char *p, const char *end)
{
	const char *alt = p, *q;

	for (q = p; q <= end; q++) {
		const char *last;

		if (q < end && *q == '(')
			return 0;
		if (q < end && *q == '\\') {
			q++;
			continue;
		}
		if (q < end && *q != '|')
			continue;
		if (q == alt)
			return 0;
		/* The last atom of [alt, q): a class, an escape or a byte. */
		last = q - 1;
		if (*last == ']') {
			while (last > alt && *last != '[')
				last--;
		} else if (last > alt && last[-1] == '\\') {
			last--;
		}
		if (!non_word_atom(last, q))
			return 0;
		alt = q + 1;
	}
	return 1;
}

/* Is [p, end) one atom that matches every word character: \w, \S, '.', a
 * class with \w or \S, or a negated class of characters that are never
 * part of a word? A lookbehind that rules it out says that no word
 * character comes before; a lookahead, that none follows. */
static int covers_word(const struct parser *a, const char *p, const char *end)
{
	size_t n = (size_t)(end - p);

	if (a->extended && memchr_any(p, end, " \t\n\r\f\v#"))
		return 0;
	if (n == 1)
		return *p == '.';
	if (n == 2)
		return p[0] == '\\' && (p[1] == 'w' || p[1] == 'S');
	if (n < 3 || p[0] != '[' || end[-1] != ']')
		return 0;
	if (p[1] == '^')
		return non_word_class(p + 2, end - 1);
	return class_has_word(p + 1, end - 1);
}

/* A group: its alternatives, or an assertion. */
static enum atom group(struct parser *a, struct set *s)
{
	enum atom kind = ATOM_CONSUME, covered = ATOM_ASSERT;
	struct set inner = { NULL, 0, 0 };
	const char *p = a->p, *behind = NULL, *from;
	size_t k;

	if (p < a->end && *p == '?') {
		p++;
		if (p < a->end && (*p == ':' || *p == '>' || *p == '|')) {
			p++;
		} else if (p < a->end && (*p == '=' || *p == '!')) {
			kind = *p == '=' ? ATOM_AHEAD : ATOM_ASSERT;
			covered = *p == '!' ? ATOM_WORD_END : ATOM_ASSERT;
			p++;
		} else if (p + 1 < a->end && *p == '<' &&
		           (p[1] == '=' || p[1] == '!')) {
			kind = ATOM_ASSERT;
			behind = p[1] == '=' ? p + 2 : NULL;
			covered = p[1] == '!' ? ATOM_BOUNDARY : ATOM_ASSERT;
			p += 2;
		} else if (p < a->end && (*p == '<' || *p == '\'' ||
		                          (*p == 'P' && p + 1 < a->end && p[1] == '<'))) {
			char close = *p == '\'' ? '\'' : '>';

			p = memchr(p, close, (size_t)(a->end - p));
			if (!p) {
				a->fail = 1;
				return ATOM_ASSERT;
			}
			p++;
		} else {
			/* Options, comments, conditions, recursion, verbs. */
			a->fail = 1;
			return ATOM_ASSERT;
		}
	} else if (p < a->end && *p == '*') {
		a->fail = 1;
		return ATOM_ASSERT;
	}
	a->p = from = p;
	if (++a->depth > DEPTH_MAX) {
		a->fail = 1;
		return ATOM_ASSERT;
	}
	alternatives(a, kind == ATOM_CONSUME ? s : &inner);
	a->depth--;
	/* A lookahead hands its literals on (see ahead()). */
	for (k = 0; kind == ATOM_AHEAD && !a->fail && k < inner.n; k++)
		set_add(a, s, &inner.v[k]);
	free(inner.v);
	if (a->p >= a->end || *a->p != ')') {
		a->fail = 1;
		return ATOM_ASSERT;
	}
	a->p++;
	/* (?<!\w) before a word is a word boundary; (?!\w) after one ends
	 * it. */
	if (covered != ATOM_ASSERT && covers_word(a, from, a->p - 1))
		return covered;
	/* (?x) ignores white space and comments: such texts are not read. */
	if (behind && ends_non_word(behind, a->p - 1) &&
	    (!a->extended || !memchr_any(behind, a->p - 1, " \t\n\r\f\v#")))
		return ATOM_BOUNDARY;
	return kind;
}

/* One atom at a->p into s (initialised, empty). */
static enum atom atom(struct parser *a, struct set *s)
{
	char c = *a->p;
	size_t n;

	switch (c) {
	case '\\':
		a->p++;
		return escape(a, s);
	case '^':
		/* The start of the text: a word starts there, if any. */
		a->p++;
		return ATOM_BOUNDARY;
	case '$':
		/* The end, or a newline before it: no letter follows. */
		a->p++;
		return ATOM_WORD_END;
	case '.':
		a->p++;
		set_any(a, s);
		return ATOM_CONSUME;
	case '[':
		a->p++;
		char_class(a, s);
		return ATOM_CONSUME;
	case '(':
		a->p++;
		return group(a, s);
	case '*': case '+': case '?':
		a->fail = 1;
		return ATOM_ASSERT;
	default:
		n = tact_utf8_seqlen((unsigned char)c);
		if ((size_t)(a->end - a->p) < n) {
			a->fail = 1;
			return ATOM_ASSERT;
		}
		set_char(a, s, a->p, n);
		a->p += n;
		return ATOM_CONSUME;
	}
}

/* ---- quantifiers ----------------------------------------------------------- */

static int read_number(const char **p, const char *end, long *out)
{
	long v = 0;
	const char *q = *p;

	while (q < end && *q >= '0' && *q <= '9' && v < 100000)
		v = v * 10 + (*q++ - '0');
	if (q == *p)
		return -1;
	*p = q;
	*out = v;
	return 0;
}

/* A {n}, {n,} or {n,m} at a->p; otherwise '{' is a literal. */
static int braces(struct parser *a, long *min, long *max)
{
	const char *q = a->p + 1;

	if (read_number(&q, a->end, min))
		return 0;
	*max = *min;
	if (q < a->end && *q == ',') {
		q++;
		*max = -1;
		if (q < a->end && *q != '}' && read_number(&q, a->end, max))
			return 0;
	}
	if (q >= a->end || *q != '}')
		return 0;
	a->p = q + 1;
	return 1;
}

/* Read a quantifier, if any: its bounds (max -1: unbounded). */
static void quantifier(struct parser *a, long *min, long *max)
{
	*min = *max = 1;
	skip_space(a);
	if (a->p >= a->end)
		return;
	if (*a->p == '?' || *a->p == '*' || *a->p == '+') {
		*min = *a->p == '+';
		*max = *a->p == '?' ? 1 : -1;
		a->p++;
	} else if (*a->p != '{' || !braces(a, min, max)) {
		return;
	}
	if (a->p < a->end && (*a->p == '?' || *a->p == '+'))
		a->p++;
}

/* ---- sequences ------------------------------------------------------------- */

/* y := open literal c followed by x. */
static void extend(const struct prefix *c, const struct prefix *x,
                   struct prefix *y)
{
	size_t n = x->len, skip = 0;
	struct prefix r = *c;

	/* A gap takes the whole run: two in a row are one. */
	if (c->len && x->len && (unsigned char)c->s[c->len - 1] == TACT_GAP &&
	    (unsigned char)x->s[0] == TACT_GAP)
		skip = 1;
	n -= skip;
	if (c->len == 0)
		r.wb = c->wb || x->wb;
	r.open = x->open;
	/* No word character follows: where x says so, or after c when x is
	 * a character that is no letter; not after a gap, which takes the
	 * whole run of white space where that character may be its last. */
	r.end = (x->len == 0 && x->gap && c->len > 0 &&
	         (unsigned char)c->s[c->len - 1] != TACT_GAP) ||
	        (n > 0 && x->end);
	/* Nothing yet but a character that is no letter (a lookahead's \W). */
	r.gap = c->len == 0 && x->len == 0 && x->gap;
	if (c->len + n > ANCHOR_BYTES) {
		n = ANCHOR_BYTES - c->len;
		while (n > 0 && ((unsigned char)x->s[skip + n] & 0xC0) == 0x80)
			n--;
		r.open = 0;
		r.end = 0;
	}
	memcpy(r.s + r.len, x->s + skip, n);
	r.len = (unsigned char)(r.len + n);
	*y = r;
}

/* Does the literal end with a word character? */
static int ends_in_word(const struct prefix *x)
{
	size_t i = x->len;

	while (i > 0 && ((unsigned char)x->s[i - 1] & 0xC0) == 0x80)
		i--;
	return i > 0 && tact_is_word_start((const unsigned char *)x->s + i - 1,
	                                   x->len - (i - 1));
}

/* No word character follows: a literal that ends with one ends there. */
static void word_end(struct set *cur)
{
	size_t k;

	for (k = 0; k < cur->n; k++) {
		struct prefix *x = &cur->v[k];

		if (x->open && x->len > 0 && ends_in_word(x)) {
			x->end = 1;
			x->open = 0;
		}
	}
}

/* Does every literal of s begin with a character that is no letter
 * (or stand for one)? */
static int all_start_non_word(const struct set *s)
{
	size_t k;

	for (k = 0; k < s->n; k++) {
		const struct prefix *x = &s->v[k];
		const unsigned char *p = (const unsigned char *)x->s;

		if (x->len == 0 ? !x->gap
		                : p[0] != TACT_GAP && tact_is_word_start(p, x->len))
			return 0;
	}
	return s->n > 0;
}

/* cur := cur followed by one of next. */
static void concat(struct parser *a, struct set *cur, const struct set *next)
{
	struct set out;
	size_t i, j, need = 0;
	int empty = 0;

	for (i = 0; i < cur->n; i++) {
		need += cur->v[i].open ? next->n : 1;
		empty |= cur->v[i].len == 0;
	}
	/* Before the first letter the literals must go on; after it, they
	 * may stop. */
	if (need > SET_MAX || (need > a->grow && need > cur->n && !empty)) {
		/* Too many combinations: the literals stop here, and when all
		 * that follows starts with no letter, so does the word. */
		if (all_start_non_word(next))
			word_end(cur);
		set_close(cur);
		return;
	}
	if (next->n == 1) {
		/* One literal follows (the common case): in place. */
		for (i = 0; i < cur->n; i++)
			if (cur->v[i].open)
				extend(&cur->v[i], &next->v[0], &cur->v[i]);
		return;
	}
	set_init(&out);
	for (i = 0; i < cur->n; i++) {
		const struct prefix *c = &cur->v[i];

		if (!c->open) {
			set_add(a, &out, c);
			continue;
		}
		for (j = 0; j < next->n; j++) {
			struct prefix y;

			extend(c, &next->v[j], &y);
			set_add(a, &out, &y);
		}
	}
	free(cur->v);
	*cur = out;
}

/* Is s just the gap? A gap takes a whole run, so repeating it adds
 * nothing. */
static int only_gap(const struct set *s)
{
	return s->n == 1 && s->v[0].len == 1 && s->v[0].open &&
	       (unsigned char)s->v[0].s[0] == TACT_GAP;
}

/* Apply a quantifier to an atom's set. */
static void repeat(struct parser *a, struct set *s, long min, long max)
{
	struct prefix e;

	if ((max != 1 || min > 1) && !only_gap(s))
		set_close(s);
	if (min == 0) {
		memset(&e, 0, sizeof e);
		e.open = 1;
		set_add(a, s, &e);
	}
}

/* No word character comes next (`$`, or a lookahead that rules them
 * out): literals that end with one end there, and an empty literal
 * notes it for the literal it will extend (see extend()). */
static void no_word_after(struct set *cur)
{
	size_t k;

	for (k = 0; k < cur->n; k++)
		if (cur->v[k].len == 0 && cur->v[k].open)
			cur->v[k].gap = 1;
	word_end(cur);
}

/* A '\b' before anything was read marks the literals that follow; after
 * a word character, it ends the literal: no word character follows. */
static void boundary(struct set *cur)
{
	size_t k;

	for (k = 0; k < cur->n; k++)
		if (cur->v[k].len == 0 && cur->v[k].open)
			cur->v[k].wb = 1;
	word_end(cur);
}

/* A lookahead after a literal: the text there starts with one of its
 * literals (ahead), so they extend it; what follows the lookahead starts
 * where it does, so the literals stop. Before any literal was read it
 * only asserts. */
static void ahead(struct parser *a, struct set *cur, const struct set *next)
{
	size_t k;

	for (k = 0; k < cur->n; k++)
		if (cur->v[k].open && cur->v[k].len == 0)
			return;
	concat(a, cur, next);
	set_close(cur);
}

/* Read the atoms of a sequence on from a->p into cur, up to '|', ')'
 * or the end. */
static void sequence_on(struct parser *a, struct set *cur)
{
	struct set s = { NULL, 0, 0 };

	for (;;) {
		enum atom kind;
		long min, max;

		skip_space(a);
		if (a->fail || a->p >= a->end || *a->p == '|' || *a->p == ')')
			break;
		s.n = 0;
		kind = atom(a, &s);
		quantifier(a, &min, &max);
		if (!a->fail && kind == ATOM_CONSUME) {
			repeat(a, &s, min, max);
			concat(a, cur, &s);
		} else if (kind == ATOM_BOUNDARY && min > 0) {
			boundary(cur);
		} else if (kind == ATOM_WORD_END && min > 0) {
			no_word_after(cur);
		} else if (!a->fail && kind == ATOM_AHEAD && min > 0) {
			ahead(a, cur, &s);
		}
	}
	free(s.v);
}

/* One alternative: atoms up to '|' or ')'. */
static void sequence(struct parser *a, struct set *cur)
{
	if (set_empty(a, cur))
		return;
	sequence_on(a, cur);
}

/* Alternatives up to ')' or the end, into out (initialised, empty). */
static void alternatives(struct parser *a, struct set *out)
{
	for (;;) {
		struct set alt = { NULL, 0, 0 };
		size_t k;

		sequence(a, &alt);
		for (k = 0; !a->fail && k < alt.n; k++)
			set_add(a, out, &alt.v[k]);
		free(alt.v);
		if (a->fail || a->p >= a->end || *a->p != '|')
			return;
		a->p++;
	}
}

/* ---- the result ------------------------------------------------------------ */

static int prefix_cmp(const void *x, const void *y)
{
	const struct prefix *p = x, *q = y;
	int c = memcmp(p->s, q->s, p->len < q->len ? p->len : q->len);

	if (c)
		return c;
	if (p->len != q->len)
		return p->len < q->len ? -1 : 1;
	if (p->wb != q->wb)
		return (int)p->wb - (int)q->wb;
	return (int)p->end - (int)q->end;
}

/* Sort, and drop the literals that another one, a prefix of them, stands
 * for. */
static size_t unique(struct prefix *v, size_t n)
{
	size_t i, o = 0;

	qsort(v, n, sizeof *v, prefix_cmp);
	for (i = 0; i < n; i++) {
		const struct prefix *last = o > 0 ? &v[o - 1] : NULL;

		/* Where «должна» occurs, «должн» does: keep the shorter, unless
		 * it asks for more. */
		if (last && last->len <= v[i].len && last->wb <= v[i].wb &&
		    (!last->end || (last->len == v[i].len && v[i].end)) &&
		    memcmp(last->s, v[i].s, last->len) == 0)
			continue;
		v[o++] = v[i];
	}
	return o;
}

static int export(const struct set *s, struct tact_anchors *out)
{
	size_t k;

	out->v = tact_calloc(s->n, sizeof *out->v);
	if (!out->v)
		return TACT_ENOMEM;
	for (k = 0; k < s->n; k++) {
		out->v[k].text = tact_strndup(s->v[k].s, s->v[k].len);
		if (!out->v[k].text) {
			tact_anchors_free(out);
			return TACT_ENOMEM;
		}
		out->v[k].len = s->v[k].len;
		out->v[k].word = s->v[k].wb &&
		                 tact_is_word_start((unsigned char *)s->v[k].s,
		                                    s->v[k].len);
		out->v[k].end = s->v[k].end;
		out->n++;
	}
	return TACT_OK;
}

enum { FOUND, NONE, NOMEM };

/* What follows a sequence in the pattern where it is a group's: the
 * rest of the sequence around the group, [p, end) (p NULL: nothing). */
struct more {
	const char *p, *end;
};

/* The anchors of the pattern text [p, end), read on through *on when it
 * is given (the literals of a group go on with what follows the group),
 * into s: FOUND, NONE or NOMEM. */
static int analyse_grow(const char *p, const char *end, const struct more *on,
                        int extended, size_t grow, struct set *s)
{
	struct parser a;
	size_t k;

	memset(&a, 0, sizeof a);
	a.p = p;
	a.end = end;
	a.grow = grow;
	a.extended = extended;
	set_init(s);
	alternatives(&a, s);
	if (a.p != a.end)
		a.fail = 1;
	if (on && on->p && !a.fail) {
		a.p = on->p;
		a.end = on->end;
		sequence_on(&a, s);
		if (a.p != a.end)
			a.fail = 1;
	}
	for (k = 0; !a.fail && k < s->n; k++)
		if (s->v[k].len == 0)
			a.fail = 1;
	if (a.nomem)
		return NOMEM;
	if (a.fail || s->n == 0)
		return NONE;
	s->n = unique(s->v, s->n);
	return FOUND;
}

static int analyse(const char *p, const char *end, int extended,
                   struct set *s)
{
	return analyse_grow(p, end, NULL, extended, GROW_MAX, s);
}

/* Open the pattern: its text without a leading (?x), and the flag. */
static const char *opening(const char *pattern, int *extended)
{
	*extended = strncmp(pattern, "(?x)", 4) == 0;
	return *extended ? pattern + 4 : pattern;
}

static int valid(const char *pattern)
{
	size_t n = strlen(pattern);

	return tact_utf8_check(pattern, n) == n;
}

/* Read the rest of a pattern atom by atom at its top level: 1 when no
 * other alternative begins there (nor a group closes that it did not
 * open) and it reads without failing. */
static int no_top_alternative(struct parser *a)
{
	for (;;) {
		struct set s;
		long min, max;

		skip_space(a);
		if (a->fail || a->p >= a->end)
			break;
		if (*a->p == '|' || *a->p == ')')
			return 0;
		set_init(&s);
		atom(a, &s);
		free(s.v);
		quantifier(a, &min, &max);
	}
	return !a->fail;
}

int tact_pattern_line_start(const char *pattern)
{
	static const char lead[] = "[^\\n]*";
	struct parser a;
	int extended;
	const char *p;

	/* A verb can end the search where it fails; \G matches where a try
	 * starts. */
	if (!valid(pattern) || strstr(pattern, "(*") || strstr(pattern, "\\G"))
		return 0;
	p = opening(pattern, &extended);
	memset(&a, 0, sizeof a);
	a.p = p;
	a.end = p + strlen(p);
	a.extended = extended;
	skip_space(&a);
	if (strncmp(a.p, lead, sizeof lead - 1) != 0)
		return 0;
	a.p += sizeof lead - 1;
	if (a.p < a.end && (*a.p == '?' || *a.p == '+'))
		a.p++;
	return no_top_alternative(&a);
}

/* Read an alternative of a group that opens a pattern: ^, or a
 * lookbehind of ^ and white space ((?<=^\s\s)). Returns how many
 * characters of white space it lets come before a match, or -1. */
static int opening_alternative(const char **p)
{
	int spaces = 0;

	if (**p == '^') {
		(*p)++;
		return 0;
	}
	if (strncmp(*p, "(?<=^", 5) != 0)
		return -1;
	for (*p += 5; strncmp(*p, "\\s", 2) == 0 && spaces < 8; *p += 2)
		spaces++;
	if (**p != ')')
		return -1;
	(*p)++;
	return spaces;
}

/* Read what opens pattern p (^, or a group of opening_alternative()s);
 * returns the most characters it lets come before a match, or -1. */
static int opening_group(const char **p)
{
	int most = 0, k;

	if (**p == '^')
		return opening_alternative(p);
	if (strncmp(*p, "(?:", 3) != 0)
		return -1;
	*p += 3;
	for (;;) {
		if ((k = opening_alternative(p)) < 0)
			return -1;
		most = k > most ? k : most;
		if (**p == ')')
			break;
		if (**p != '|')
			return -1;
		(*p)++;
	}
	(*p)++;
	return most;
}

int tact_pattern_opening(const char *pattern)
{
	struct parser a;
	int extended, spaces;
	const char *p;

	if (!valid(pattern))
		return -1;
	p = opening(pattern, &extended);
	if ((spaces = opening_group(&p)) < 0)
		return -1;
	memset(&a, 0, sizeof a);
	a.p = p;
	a.end = p + strlen(p);
	a.extended = extended;
	/* Not quantified (where (?x) lets space come between), and nothing
	 * after it may offer another way to match. */
	skip_space(&a);
	if (a.p < a.end && strchr("?*+{", *a.p))
		return -1;
	return no_top_alternative(&a) ? spaces : -1;
}

int tact_pattern_anchors(const char *pattern, struct tact_anchors *out)
{
	struct set s = { NULL, 0, 0 };
	const char *p;
	int extended, found, rc = TACT_OK;

	memset(out, 0, sizeof *out);
	if (!valid(pattern))
		return TACT_OK;
	p = opening(pattern, &extended);
	found = analyse(p, p + strlen(p), extended, &s);
	if (found == NONE) {
		/* Too many long literals, perhaps: fewer, shorter ones. */
		free(s.v);
		found = analyse_grow(p, p + strlen(p), NULL, extended, GROW_RETRY,
		                     &s);
	}
	switch (found) {
	case FOUND: rc = export(&s, out); break;
	case NOMEM: rc = TACT_ENOMEM; break;
	default: break;
	}
	free(s.v);
	return rc;
}

/* Is the atom [p, end) one letter of a literal? */
static int letter_atom(const char *p, const char *end)
{
	size_t n = (size_t)(end - p);

	return n > 0 && n == tact_utf8_seqlen((unsigned char)*p) &&
	       tact_is_word_start((const unsigned char *)p, n);
}

/* Where a sequence of the pattern starts and ends: every match holds a
 * match of the text from any of its atoms to the end of the sequence. */
struct span {
	const char *start, *end;
	struct more on;                 /* what follows its group, if any */
	const char *seq;                /* where its sequence starts */
	const char *prev, *prev_end;    /* the atom before it, if any */
	const char *prev2, *prev2_end;  /* and the one before that */
};

struct spans {
	struct span v[24];
	size_t n;
};

/* The text inside a group that opens at p ('('), without its name, when
 * it is a plain or capturing group; NULL otherwise. */
static const char *group_inside(const char *p, const char *close)
{
	p++;
	if (*p != '?')
		return p;
	if (p[1] == ':')
		return p + 2;
	if (p[1] == '<' && p[2] != '=' && p[2] != '!')
		p = memchr(p, '>', (size_t)(close - p));
	else if (p[1] == 'P' && p[2] == '<')
		p = memchr(p, '>', (size_t)(close - p));
	else if (p[1] == '\'')
		p = memchr(p + 2, '\'', (size_t)(close - p - 2));
	else
		return NULL;
	return p ? p + 1 : NULL;
}

/* The text inside a positive lookahead that opens at p ('('); NULL
 * otherwise. Wherever the pattern matches, what it holds is in the text
 * from where it stands on: a literal read from it is one the sentence
 * holds, after the match's start, as required and inner literals are
 * (`^(?=[^\n]*\b(?:instead|unless)\b)[^\n]*` holds «instead» or
 * «unless»). */
static const char *lookahead_inside(const char *p)
{
	return p[1] == '?' && p[2] == '=' ? p + 3 : NULL;
}

/* Record the atoms of the sequence [p, end). When the sequence is all
 * there is to match (no alternation follows it), descend into its groups
 * that match exactly once, and into its positive lookaheads. Nothing is
 * recorded past an alternation: the text from an atom of the first
 * alternative to the end still reads as "this suffix, or one of the
 * other alternatives", but a group inside that alternative need not
 * match at all. */
static void atom_spans(const char *p, const char *end, const struct more *on,
                       int extended, struct spans *out, int depth)
{
	const char *groups[16][3];
	const char *prev = NULL, *prev_end = NULL, *prev2 = NULL, *prev2_end = NULL;
	size_t ngroups = 0, k;
	struct parser a;

	memset(&a, 0, sizeof a);
	a.p = p;
	a.end = end;
	a.extended = extended;
	if (depth >= 4)
		return;
	for (;;) {
		struct set s;
		const char *at, *inner;
		long min, max;

		skip_space(&a);
		if (a.p >= a.end || a.fail || out->n == TACT_ARRAY_LEN(out->v) ||
		    *a.p == '|' || *a.p == ')')
			break;
		set_init(&s);
		at = a.p;
		out->v[out->n].start = at;
		out->v[out->n].seq = p;
		out->v[out->n].end = end;
		out->v[out->n].on = *on;
		out->v[out->n].prev = prev;
		out->v[out->n].prev_end = prev_end;
		out->v[out->n].prev2 = prev2;
		out->v[out->n].prev2_end = prev2_end;
		out->n++;
		/* A span that starts with an assertion reads as the next one;
		 * one that starts inside a word of the pattern's text (a letter
		 * right after a letter) reads less than the span of that word. */
		if (atom(&a, &s) != ATOM_CONSUME ||
		    (prev && letter_atom(prev, prev_end) && letter_atom(at, a.p)))
			out->n--;
		free(s.v);
		quantifier(&a, &min, &max);
		prev2 = prev;
		prev2_end = prev_end;
		prev = at;
		prev_end = a.p;
		if (a.fail || *at != '(' || min != 1 || max != 1 ||
		    ngroups == TACT_ARRAY_LEN(groups))
			continue;
		/* A group's text goes on with what follows it; a lookahead's
		 * with what it looks at, which is not read. */
		inner = group_inside(at, a.p - 1);
		groups[ngroups][2] = a.p;
		if (!inner) {
			inner = lookahead_inside(at);
			groups[ngroups][2] = NULL;
		}
		if (inner) {
			groups[ngroups][0] = inner;
			groups[ngroups++][1] = a.p - 1;
		}
	}
	if (a.fail || (a.p < a.end && *a.p == '|'))
		return;
	for (k = 0; k < ngroups; k++) {
		struct more after = { groups[k][2], end };

		atom_spans(groups[k][0], groups[k][1], &after, extended, out,
		           depth + 1);
	}
}

static size_t shortest(const struct set *s)
{
	size_t k, m = SIZE_MAX;

	for (k = 0; k < s->n; k++)
		m = s->v[k].len < m ? s->v[k].len : m;
	return m;
}

/* Is set x a better filter than y: longer shortest literal, then fewer? */
static int better(const struct set *x, const struct set *y)
{
	size_t mx = shortest(x), my;

	if (!y->n)
		return 1;
	my = shortest(y);
	return mx != my ? mx > my : x->n < y->n;
}

/* Is the atom [p, end) white space or a word boundary? Then a literal
 * that follows it and starts with a word character starts a word. */
static int before_word(const char *p, const char *end)
{
	static const char *const atoms[] = { "\\s+", "\\s", "\\b", "\\s+?", " ",
	                                     " +", "(?<!\\w)" };
	size_t n = (size_t)(end - p), k;

	for (k = 0; p && k < TACT_ARRAY_LEN(atoms); k++)
		if (strlen(atoms[k]) == n && memcmp(p, atoms[k], n) == 0)
			return 1;
	return 0;
}

/* Drop the gap a literal starts with: what follows a run of white space
 * starts a word. 0 when a literal is nothing but the gap. */
static int trim_gaps(struct set *s)
{
	size_t k;

	for (k = 0; k < s->n; k++) {
		struct prefix *x = &s->v[k];

		if (x->len && (unsigned char)x->s[0] == TACT_GAP) {
			memmove(x->s, x->s + 1, --x->len);
			x->wb = 1;
		}
		if (x->len == 0)
			return 0;
	}
	s->n = unique(s->v, s->n);
	return 1;
}

/* Are the literals of x the anchors a (whatever their marks)? Both are
 * in the order unique() sorts them in. */
static int same_literals(const struct set *x, const struct tact_anchors *a)
{
	size_t k;

	if (x->n != a->n)
		return 0;
	for (k = 0; k < x->n; k++)
		if (x->v[k].len != a->v[k].len ||
		    memcmp(x->v[k].s, a->v[k].text, x->v[k].len) != 0)
			return 0;
	return 1;
}

/* The literals of the span [from, end), read on through *on (what
 * follows the span's group), without leading gaps. */
static int literals(const char *from, const char *end, const struct more *on,
                    int extended, struct set *s)
{
	int found = analyse_grow(from, end, on, extended, GROW_MAX, s);

	/* What follows the group may not read: then the group's text
	 * alone. */
	if (found == NONE && on->p) {
		free(s->v);
		found = analyse(from, end, extended, s);
	}

	if (found == FOUND && !trim_gaps(s)) {
		free(s->v);
		s->v = NULL;
		found = NONE;
	}
	return found;
}

/* Is the atom [p, end) optional white space (\s*)? */
static int optional_space(const char *p, const char *end)
{
	size_t n = (size_t)(end - p);

	return p && ((n == 3 && memcmp(p, "\\s*", 3) == 0) ||
	             (n == 4 && memcmp(p, "\\s*?", 4) == 0));
}

/* Does the span follow a character that is never part of a word, maybe
 * with white space between (`,\s*` before it)? */
static int after_non_word(const struct span *sp)
{
	return optional_space(sp->prev, sp->prev_end) && sp->prev2 &&
	       (non_word_atom(sp->prev2, sp->prev2_end) ||
	        before_word(sp->prev2, sp->prev2_end));
}

/* An atom of a sequence, as stepped over, and its quantifier. */
struct step {
	const char *at, *end;
	enum atom kind;
	long min, max;
};
#define STEPS_MAX 32

/* The atoms of the sequence from p, up to end or a '|' or ')' outside
 * them, into v (STEPS_MAX at most); *stop is where the stepping ended.
 * 0 when the sequence cannot be read. */
static int steps(const char *p, const char *end, int extended,
                 struct step *v, size_t *n, const char **stop)
{
	struct parser a;

	memset(&a, 0, sizeof a);
	a.p = p;
	a.end = end;
	a.extended = extended;
	*n = 0;
	for (;;) {
		struct set s;

		skip_space(&a);
		if (a.p >= a.end || *a.p == '|' || *a.p == ')')
			break;
		if (*n == STEPS_MAX)
			return 0;
		set_init(&s);
		v[*n].at = a.p;
		v[*n].kind = atom(&a, &s);
		free(s.v);
		v[*n].end = a.p;
		quantifier(&a, &v[*n].min, &v[*n].max);
		if (a.fail || a.nomem)
			return 0;
		++*n;
	}
	*stop = a.p;
	return 1;
}

/* Is the atom [p, end) one character that is never part of a word:
 * non_word_atom()'s, or any other such character or escape (\W, «)? */
static int non_word_char(const char *p, const char *end)
{
	const char *q = p;

	if (end - p == 1 && *p == '.')
		return 0;
	return non_word_atom(p, end) ||
	       (non_word_member(&q, p, end) && q == end);
}

static int ends_before_word(const struct step *v, size_t n, int extended,
                            int outer, int depth);

/* Does every alternative of the group x end where a word may start?
 * outer: whether one may where the group starts. */
static int group_ends_before_word(const struct step *x, int extended,
                                  int outer, int depth)
{
	struct step v[STEPS_MAX];
	const char *p = group_inside(x->at, x->end - 1), *stop;
	size_t n;

	if (!p || depth >= 4)
		return 0;
	for (;;) {
		if (!steps(p, x->end - 1, extended, v, &n, &stop) ||
		    !ends_before_word(v, n, extended, outer, depth + 1))
			return 0;
		if (stop >= x->end - 1 || *stop != '|')
			return stop == x->end - 1;
		p = stop + 1;
	}
}

/* Where the atoms v[0..n) end, does a word start, if a word character
 * comes next? outer tells for where they start. Read left to right:
 * after a character that is never part of a word, or an assertion that
 * a word starts (\b, ^, (?<!\w)), yes; other assertions change nothing;
 * after any other character, no; an atom that may match nothing keeps
 * the answer only if it gives it too. A group gives it when each of its
 * alternatives does (those of a group that may repeat, with nothing
 * known before them). Linear in the atoms: no group is read twice. */
static int ends_before_word(const struct step *v, size_t n, int extended,
                            int outer, int depth)
{
	int st = outer;
	size_t k;

	for (k = 0; k < n; k++) {
		const struct step *x = &v[k];
		int here;

		if (x->kind == ATOM_BOUNDARY) {
			st = st || x->min > 0;
			continue;
		}
		if (x->kind != ATOM_CONSUME)
			continue;
		here = non_word_char(x->at, x->end) ||
		       (*x->at == '(' &&
		        group_ends_before_word(x, extended, x->max == 1 && st,
		                               depth));
		st = here && (x->min > 0 || st);
	}
	return st;
}

/* Does the span start where a word does, its sequence read from the
 * start up to it (`\s+(?:\w+\s+)?` before «gresit»)? */
static int after_word_start(const struct span *sp, int extended)
{
	struct step v[STEPS_MAX];
	const char *stop;
	size_t n;

	return steps(sp->seq, sp->start, extended, v, &n, &stop) &&
	       stop == sp->start && ends_before_word(v, n, extended, 0, 0);
}

/* The literals of s start where a word starts. */
static void mark_word_start(struct set *s)
{
	size_t k;

	for (k = 0; k < s->n; k++)
		s->v[k].wb = 1;
	s->n = unique(s->v, s->n);
}

/* The literals of the span: analysed from the atom before it when that
 * atom says a word starts there. */
static int span_set(const struct span *sp, int extended, struct set *s)
{
	int found;

	if (before_word(sp->prev, sp->prev_end)) {
		found = literals(sp->prev, sp->end, &sp->on, extended, s);
		if (found != NONE)
			return found;
		free(s->v);
		s->v = NULL;
	}
	found = literals(sp->start, sp->end, &sp->on, extended, s);
	if (found == FOUND &&
	    (after_non_word(sp) || after_word_start(sp, extended)))
		mark_word_start(s);
	return found;
}

/* Do all the literals start words? They are looked for only there. */
static int at_words(const struct set *s)
{
	size_t k;

	for (k = 0; k < s->n; k++)
		if (!s->v[k].wb ||
		    !tact_is_word_start((const unsigned char *)s->v[k].s, s->v[k].len))
			return 0;
	return 1;
}

/* Do all the literals end words (no word character after them)? */
static int at_word_ends(const struct set *s)
{
	size_t k;

	for (k = 0; k < s->n; k++)
		if (!s->v[k].end)
			return 0;
	return 1;
}

/* Can x be looked for as inner literals? Those that may start anywhere
 * must be longer (INNER_ANY_MIN) unless they end words («ezi» in
 * `\w{3,}ezi\b`: rare but where a word ends). */
static int usable_inner(const struct set *x)
{
	return at_words(x) || at_word_ends(x) || shortest(x) >= INNER_ANY_MIN;
}

/* Is x a better set of inner literals than y? Those that start words are
 * looked for only there, and come first. */
static int better_inner(const struct set *x, const struct set *y)
{
	if (!usable_inner(x))
		return 0;
	if (y->n && at_words(x) != at_words(y))
		return at_words(x);
	return better(x, y);
}

/* How a search over a pattern's spans reads a span into literals, when
 * a set beats the best so far, and how short the best may be. */
struct span_choice {
	int (*read)(const struct span *sp, int extended, struct set *s);
	int (*beats)(const struct set *x, const struct set *best,
	             const struct tact_anchors *anchors);
	const struct tact_anchors *anchors;
	size_t min;
	int by_alternatives;    /* read groups of alternatives one by one */
};

static int best_in(const char *p, const char *end, int extended,
                   const struct span_choice *c, struct set *best, int depth);

/* Add the literals of s to out: NONE when they would be too many. */
static int merge(struct set *out, const struct set *s)
{
	if (out->n + s->n > SET_MAX)
		return NONE;
	if (out->n + s->n > out->cap &&
	    tact_grow((void **)&out->v, &out->cap, out->n + s->n, sizeof *s->v))
		return NOMEM;
	if (s->n)
		memcpy(out->v + out->n, s->v, s->n * sizeof *s->v);
	out->n += s->n;
	return FOUND;
}

/* The literals of the group of alternatives that span sp opens with,
 * when every match of the span holds the group (it is not optional, nor
 * in one of several alternatives of its sequence): the best set of each
 * of its alternatives, read as a pattern of its own (best_in()), all
 * together. A match goes through one of the alternatives and holds one
 * of its literals, even where no literal starts them all
 * (`(?:\bусын\w*|\b\w+[ае]мыз\b)`). NONE when an alternative has
 * none. */
static int alternatives_set(const struct span *sp, int extended,
                            const struct span_choice *c, struct set *out,
                            int depth)
{
	struct step v[STEPS_MAX];
	struct parser a;
	struct set g;
	const char *p, *close, *stop = NULL;
	long min, max;
	size_t n;
	int found = NONE;

	set_init(out);
	memset(&a, 0, sizeof a);
	a.p = sp->start;
	a.end = sp->end;
	a.extended = extended;
	set_init(&g);
	atom(&a, &g);
	free(g.v);
	close = a.p - 1;
	quantifier(&a, &min, &max);
	/* The span must hold the group whole: no alternative of the
	 * sequence around it may leave it out. */
	if (depth >= 4 || a.fail || a.nomem || *sp->start != '(' || min < 1 ||
	    !(p = group_inside(sp->start, close)) ||
	    !steps(a.p, sp->end, extended, v, &n, &stop) || stop != sp->end)
		return NONE;
	for (;;) {
		struct set s = { NULL, 0, 0 };

		found = NONE;
		if (!steps(p, close, extended, v, &n, &stop))
			break;
		found = best_in(p, stop, extended, c, &s, depth + 1);
		if (found == FOUND)
			found = merge(out, &s);
		free(s.v);
		if (found != FOUND || stop >= close || *stop != '|')
			break;
		p = stop + 1;
	}
	if (found == FOUND && stop == close) {
		out->n = unique(out->v, out->n);
		return FOUND;
	}
	free(out->v);
	set_init(out);
	return found == NOMEM ? NOMEM : NONE;
}

/* The best set of literals over the top-level spans of [p, end) into
 * *best (empty when none is found); sets with a literal shorter than
 * c->min are not candidates. A span that reads as no set but opens with
 * a group of alternatives is read by them, when c says so. FOUND, NONE
 * or NOMEM. */
static int best_in(const char *p, const char *end, int extended,
                   const struct span_choice *c, struct set *best, int depth)
{
	static const struct more nothing = { NULL, NULL };
	struct spans sp;
	size_t k;

	set_init(best);
	sp.n = 0;
	atom_spans(p, end, &nothing, extended, &sp, 0);
	for (k = 0; k < sp.n; k++) {
		struct set s = { NULL, 0, 0 };
		int found = c->read(&sp.v[k], extended, &s);

		if (found == NONE && c->by_alternatives) {
			free(s.v);
			found = alternatives_set(&sp.v[k], extended, c, &s, depth);
		}
		if (found == NOMEM) {
			free(best->v);
			set_init(best);
			return NOMEM;
		}
		/* A set with a literal too short is no candidate: it must not
		 * push a usable one out. */
		if (found == FOUND && shortest(&s) >= c->min &&
		    c->beats(&s, best, c->anchors)) {
			free(best->v);
			*best = s;
		} else {
			free(s.v);
		}
	}
	return best->n ? FOUND : NONE;
}

/* The best set of literals over the top-level spans of the pattern, into
 * out (best_in()); out is empty when none is found. TACT_ENOMEM on
 * failure. */
static int best_of_spans(const char *pattern, const struct span_choice *c,
                         struct tact_anchors *out)
{
	struct set best;
	const char *p;
	int extended, rc = TACT_OK;

	memset(out, 0, sizeof *out);
	if (!valid(pattern))
		return TACT_OK;
	p = opening(pattern, &extended);
	switch (best_in(p, p + strlen(p), extended, c, &best, 0)) {
	case FOUND: rc = export(&best, out); break;
	case NOMEM: rc = TACT_ENOMEM; break;
	default: break;
	}
	free(best.v);
	return rc;
}

/* The longer shortest literal wins; between sets as long, the one whose
 * literals all start words (looked for only there), then the smaller. */
static int beats_required(const struct set *x, const struct set *best,
                          const struct tact_anchors *anchors)
{
	TACT_UNUSED(anchors);
	if (best->n && shortest(x) == shortest(best) &&
	    at_words(x) != at_words(best))
		return at_words(x);
	return better(x, best);
}

/* Read as inner literals are (span_set()): one that follows \b, white
 * space or a group that ends with it starts a word, and is looked for
 * only where words start. */
int tact_pattern_required(const char *pattern, struct tact_anchors *out)
{
	static const struct span_choice c = { span_set, beats_required,
		                              NULL, 2, 1 };

	return best_of_spans(pattern, &c, out);
}

/* Inner literals follow some atom: the first span holds the start. */
static int read_inner(const struct span *sp, int extended, struct set *s)
{
	return sp->prev ? span_set(sp, extended, s) : NONE;
}

/* Is the byte at an->text[i] white space (a gap) or another ASCII
 * character that is never part of a word? A word starts after it and
 * ends before it wherever the anchor occurs. */
static int non_word_byte(const struct tact_anchor *an, size_t i)
{
	unsigned char c = (unsigned char)an->text[i];

	return c == TACT_GAP || (c < 0x80 && !tact_is_word_cp(c));
}

/* Does anchor an hold literal l where l's marks allow it to count: one
 * that starts a word at the anchor's start (where the anchor starts a
 * word) or after white space or punctuation in it, one that ends a word
 * at its end (where it ends a word) or before such a character? */
static int anchor_holds(const struct tact_anchor *an, const struct prefix *l)
{
	const char *at = tact_find(an->text, an->len, l->s, l->len);
	size_t off, end;

	if (!at)
		return 0;
	off = (size_t)(at - an->text);
	end = off + l->len;
	return (!l->wb || (off == 0 ? an->word : non_word_byte(an, off - 1))) &&
	       (!l->end || (end == an->len ? an->end : non_word_byte(an, end)));
}

/* Does anchor an hold one of the literals of x (anchor_holds())? */
static int holds_one_of(const struct tact_anchor *an, const struct set *x)
{
	size_t k;

	for (k = 0; k < x->n; k++)
		if (anchor_holds(an, &x->v[k]))
			return 1;
	return 0;
}

/* Does every anchor hold a literal of x? Then x is seen wherever a match
 * can start («еш» in «кеш», of `\bк[эе]ш\b`; «down» in «calm␣down»), and
 * filters nothing. */
static int held_by_anchors(const struct set *x, const struct tact_anchors *a)
{
	size_t j;

	for (j = 0; j < a->n; j++)
		if (!holds_one_of(&a->v[j], x))
			return 0;
	return a->n > 0;
}

/* How many of the short anchors a (those that call for inner literals)
 * hold a literal of x: where they occur, x filters nothing. */
static size_t short_holders(const struct set *x, const struct tact_anchors *a)
{
	size_t j, n = 0;

	for (j = 0; j < a->n; j++)
		n += (size_t)(a->v[j].len < TACT_INNER_BELOW &&
		              holds_one_of(&a->v[j], x));
	return n;
}

/* Not the anchors, nor a set they all hold; then the set fewer short
 * anchors hold (`^you` is no filter where a match opens with «you»),
 * then the better by better_inner(). */
static int beats_inner(const struct set *x, const struct set *best,
                       const struct tact_anchors *anchors)
{
	size_t hx, hb;

	if (same_literals(x, anchors) || held_by_anchors(x, anchors) ||
	    !usable_inner(x))
		return 0;
	if (best->n &&
	    (hx = short_holders(x, anchors)) != (hb = short_holders(best, anchors)))
		return hx < hb;
	return better_inner(x, best);
}

int tact_pattern_inner(const char *pattern, const struct tact_anchors *anchors,
                       struct tact_anchors *out)
{
	const struct span_choice c = { read_inner, beats_inner, anchors,
		                       INNER_MIN, 0 };

	return best_of_spans(pattern, &c, out);
}

/* Does a literal of x hold one of the anchors a, or one of them hold it?
 * Then x would be seen wherever a is, and filters nothing more. */
static int overlaps(const struct set *x, const struct tact_anchors *a)
{
	size_t k, j;

	for (k = 0; k < x->n; k++)
		for (j = 0; j < a->n; j++)
			if (tact_find(x->v[k].s, x->v[k].len, a->v[j].text,
			              a->v[j].len) ||
			    tact_find(a->v[j].text, a->v[j].len, x->v[k].s,
			              x->v[k].len))
				return 1;
	return 0;
}

static int beats_second(const struct set *x, const struct set *best,
                        const struct tact_anchors *required)
{
	return !overlaps(x, required) && better_inner(x, best);
}

/* A second set may come from any span, the first too: a pattern without
 * anchors has no span that holds its start. */
int tact_pattern_second(const char *pattern,
                        const struct tact_anchors *required,
                        struct tact_anchors *out)
{
	const struct span_choice c = { span_set, beats_second, required,
		                       INNER_MIN, 0 };

	return best_of_spans(pattern, &c, out);
}

size_t tact_anchors_shortest(const struct tact_anchors *a)
{
	size_t k, m = a->n ? SIZE_MAX : 0;

	for (k = 0; k < a->n; k++)
		m = a->v[k].len < m ? a->v[k].len : m;
	return m;
}

int tact_anchors_at_words(const struct tact_anchors *a)
{
	size_t k;

	for (k = 0; k < a->n; k++)
		if (!a->v[k].word)
			return 0;
	return 1;
}

void tact_anchors_free(struct tact_anchors *a)
{
	size_t k;

	for (k = 0; k < a->n; k++)
		tact_text_free(a->v[k].text);
	free(a->v);
	memset(a, 0, sizeof *a);
}
