/*
 * index.c: where a checker's patterns can match.
 *
 * Per language, two byte tries over folded literals (a TACT_GAP byte in
 * them stands for a run of white space): one walked where a
 * word starts (the anchors a pattern asserts a word boundary before, and
 * the rules' trigger words), one walked at every character (the other
 * anchors; usually empty). One pass over a normalised sentence yields
 * candidates: a pattern and the offset its match would start at, or a
 * rule whose unanchored patterns are worth running (docs/performance.md).
 *
 * A trie node keeps a 256-bit set of the bytes that have a child; the
 * children are stored together, in byte order, so the child of byte b is
 * found by counting the bits below b.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* On x86-64 with GCC and glibc, the trie walk is compiled twice: with the
 * popcnt instruction, chosen at load time where the processor has it,
 * and without. Elsewhere, and under the sanitizers (ThreadSanitizer
 * cannot run a resolver before it starts), popcount64() is plain C. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    defined(__GLIBC__) && !defined(__SANITIZE_THREAD__) && \
    !defined(__SANITIZE_ADDRESS__)
#define TACT_POPCNT_CLONES 1
#define TACT_WALK_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define TACT_POPCNT_CLONES 0
#define TACT_WALK_CLONES
#endif

/* The bits set in x, in plain C: for building a trie, which is not
 * compiled twice, where a call to the compiler's run-time library for
 * each node would cost more than this. */
static inline uint32_t bit_count(uint64_t x)
{
	x = x - ((x >> 1) & 0x5555555555555555ull);
	x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
	return (uint32_t)((x * 0x0101010101010101ull) >> 56);
}

/* The bits set in x, for walking a trie. */
static inline uint32_t popcount64(uint64_t x)
{
#if TACT_POPCNT_CLONES
	return (uint32_t)__builtin_popcountll(x);
#else
	return bit_count(x);
#endif
}

struct entry {
	const char *s;
	size_t len;
	uint32_t hit;
};

static int entry_cmp(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;
	int c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);

	if (c)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return a->hit < b->hit ? -1 : a->hit > b->hit;
}

struct entries {
	struct entry *v;
	size_t n, cap;
	size_t bytes;
};

static int entries_add(struct entries *e, const char *s, size_t len,
                       uint32_t hit)
{
	if (tact_grow((void **)&e->v, &e->cap, e->n + 1, sizeof *e->v))
		return TACT_ENOMEM;
	e->v[e->n].s = s;
	e->v[e->n].len = len;
	e->v[e->n].hit = hit;
	e->n++;
	e->bytes += len;
	return TACT_OK;
}

/* Lay out the node at index `at` for v[lo..hi), which share depth bytes. */
static void lay_out(struct tact_btrie *t, uint32_t at, const struct entry *v,
                    size_t lo, size_t hi, size_t depth)
{
	struct tact_bnode *n = &t->nodes[at];
	size_t i = lo, g, k;
	uint32_t nkids = 0;

	n->hits = (uint32_t)t->nhits;
	for (; i < hi && v[i].len == depth; i++)
		if (t->nhits == n->hits || t->hits[t->nhits - 1] != v[i].hit)
			t->hits[t->nhits++] = v[i].hit;
	n->nhits = (uint32_t)t->nhits - n->hits;
	for (g = i; g < hi; g++)
		if (g == i || v[g].s[depth] != v[g - 1].s[depth])
			nkids++;
	n->child = (uint32_t)t->nnodes;
	t->nnodes += nkids;
	for (g = i, k = 0; g < hi; k++) {
		unsigned char b = (unsigned char)v[g].s[depth];
		size_t end = g;

		while (end < hi && (unsigned char)v[end].s[depth] == b)
			end++;
		t->nodes[at].bits[b >> 6] |= (uint64_t)1 << (b & 63);
		lay_out(t, t->nodes[at].child + (uint32_t)k, v, g, end, depth + 1);
		g = end;
	}
	n = &t->nodes[at];
	n->base[0] = (uint8_t)bit_count(n->bits[0]);
	for (k = 1; k < 3; k++)
		n->base[k] = (uint8_t)(n->base[k - 1] + bit_count(n->bits[k]));
}

/* The bytes white space can start with (see tact_space_run()), as a list
 * and as a table. */
#define SPACE_LEADS(X) X(' ') X('\t') X('\n') X('\v') X('\f') X('\r') \
	X(0xC2) X(0xE1) X(0xE2) X(0xE3)
#define AS_ITEM(c) c,
#define AS_FLAG(c) [c] = 1,
static const unsigned char space_leads[] = { SPACE_LEADS(AS_ITEM) };
static const unsigned char space_lead[256] = { SPACE_LEADS(AS_FLAG) };

static void pair_set(uint64_t *pairs, unsigned a, unsigned b)
{
	unsigned k = a << 8 | b;

	pairs[k >> 6] |= (uint64_t)1 << (k & 63);
}

/* Every pair (a, any byte). */
static void pair_set_all(uint64_t *pairs, unsigned a)
{
	memset(pairs + (a << 8 >> 6), 0xFF, 256 / 8);
}

/* Mark the pairs a literal that opens with a gap, then byte b, can start
 * with: an ASCII space followed by b or by more white space; a space of
 * several bytes followed by anything. */
static void mark_gap_pairs(uint64_t *pairs, unsigned b)
{
	size_t k, j;

	for (k = 0; k < TACT_ARRAY_LEN(space_leads); k++) {
		unsigned lead = space_leads[k];

		if (lead >= 0x80) {
			pair_set_all(pairs, lead);
			continue;
		}
		pair_set(pairs, lead, b);
		for (j = 0; j < TACT_ARRAY_LEN(space_leads); j++)
			pair_set(pairs, lead, space_leads[j]);
	}
}

/* Mark the byte pairs text must start with for literal x to match there:
 * a gap starts with any white space, and a literal of one byte may be
 * followed by anything. */
static void mark_pairs(uint64_t *pairs, const struct entry *x)
{
	unsigned a = (unsigned char)x->s[0];
	size_t k;

	if (a == TACT_GAP && x->len >= 2) {
		mark_gap_pairs(pairs, (unsigned char)x->s[1]);
	} else if (a == TACT_GAP) {
		for (k = 0; k < TACT_ARRAY_LEN(space_leads); k++)
			pair_set_all(pairs, space_leads[k]);
	} else if (x->len < 2) {
		pair_set_all(pairs, a);
	} else if ((unsigned char)x->s[1] == TACT_GAP) {
		for (k = 0; k < TACT_ARRAY_LEN(space_leads); k++)
			pair_set(pairs, a, space_leads[k]);
	} else {
		pair_set(pairs, a, (unsigned char)x->s[1]);
	}
}

/* The four bytes at p, as a key of the quad table. */
static inline uint32_t quad_key(const unsigned char *p)
{
	uint32_t w;

	memcpy(&w, p, 4);
	return w;
}

static inline uint32_t quad_slot(uint32_t key, uint32_t mask)
{
	uint32_t h = (key ^ key >> 15) * 0x2C1B3C6Du;

	return (h ^ h >> 12) & mask;
}

/* The bit of the quad filter (struct tact_quad) for bytes a, b after
 * the first four. */
static inline unsigned after_bit(unsigned a, unsigned b)
{
	return (uint32_t)((a << 8 | b) * 0x9E3779B1u) >> 26;
}

/* The filter bits of literal x, looked up by its first four bytes. */
static uint64_t after_bits(const struct entry *x)
{
	const unsigned char *p = (const unsigned char *)x->s;

	if (x->len < 6 || p[4] == TACT_GAP || p[5] == TACT_GAP)
		return ~(uint64_t)0;
	return (uint64_t)1 << after_bit(p[4], p[5]);
}

static int bit_test(const uint64_t *bits, unsigned k)
{
	return (int)((bits[k >> 6] >> (k & 63)) & 1);
}

/* Is literal x looked up by its first four bytes (not by its pair)? */
static int by_quad(const struct entry *x)
{
	return x->len >= 4 && !memchr(x->s, TACT_GAP, 4);
}

/* Is literal x looked up by its first four bytes as text holds them
 * where its one gap among them is a single ASCII space («you␣must»,
 * «я␣не␣»)? Elsewhere it is walked from the root. */
static int gap_quad(const struct entry *x)
{
	const unsigned char *p = (const unsigned char *)x->s;
	int gaps = 0, k;

	if (x->len < 4 || p[0] == TACT_GAP)
		return 0;
	for (k = 1; k < 4; k++)
		gaps += p[k] == TACT_GAP;
	return gaps == 1;
}

/* Is literal x in the quad table? */
static int in_quads(const struct entry *x)
{
	return by_quad(x) || gap_quad(x);
}

/* The quad key of literal x: its first four bytes, a gap among them as
 * the space that text has there (literals hold no ASCII space). */
static uint32_t entry_key(const struct entry *x)
{
	unsigned char b[4];
	int k;

	memcpy(b, x->s, 4);
	for (k = 0; k < 4; k++)
		if (b[k] == TACT_GAP)
			b[k] = ' ';
	return quad_key(b);
}

/* Does literal x need white space at its third or fourth byte of text:
 * two or three bytes that are not gaps (one of text each), then a gap? */
static int gap_early(const struct entry *x)
{
	const unsigned char *p = (const unsigned char *)x->s;

	return x->len > 2 && p[0] != TACT_GAP && p[1] != TACT_GAP &&
	       (p[2] == TACT_GAP || (x->len > 3 && p[3] == TACT_GAP));
}

/* Mark the pairs the literals start with; those of the literals that
 * walk from the root; and of those, the ones that need no white space
 * at their third or fourth byte (a letter then a gap, as a Kazakh or
 * Russian ending then the next word, is walked only where white space
 * follows the letter, not at every letter inside a word). */
static void mark_filters(struct tact_btrie *t, const struct entry *x)
{
	mark_pairs(t->pairs, x);
	if (by_quad(x))
		return;
	if (gap_quad(x)) {
		mark_pairs(t->pairs + 3 * TACT_PAIRS_WORDS, x);
		return;
	}
	mark_pairs(t->pairs + TACT_PAIRS_WORDS, x);
	if (!gap_early(x))
		mark_pairs(t->pairs + 2 * TACT_PAIRS_WORDS, x);
}

/* The child of node n for byte b, or NULL. */
static const struct tact_bnode *child(const struct tact_btrie *t,
                                      const struct tact_bnode *n, unsigned b)
{
	uint64_t w = n->bits[b >> 6], m = (uint64_t)1 << (b & 63);
	uint32_t before = b >> 6 ? n->base[(b >> 6) - 1] : 0;

	if (!(w & m))
		return NULL;
	return &t->nodes[n->child + before + popcount64(w & (m - 1))];
}

/* The key of entry k when it starts a run of entries looked up by the
 * same first four bytes, else 0; *last is the key of the run before.
 * The entries are sorted, so those that share a key are together. */
static uint32_t new_quad(const struct entries *e, size_t k, uint32_t *last)
{
	uint32_t key;

	if (!in_quads(&e->v[k]))
		return 0;
	key = entry_key(&e->v[k]);
	if (key == *last)
		return 0;
	*last = key;
	return key;
}

/* Fill the quad table: each distinct first four bytes of the literals
 * looked up by them, and the node they lead to; at most a quarter
 * full, so that a look-up that finds nothing (most of them) ends soon. */
static int build_quads(struct tact_btrie *t, const struct entries *e)
{
	struct tact_quad *q = NULL;
	size_t k, n = 0, size = 16;
	uint32_t last = 0;

	for (k = 0; k < e->n; k++)
		n += new_quad(e, k, &last) != 0;
	while (size < 4 * n)
		size *= 2;
	t->quads = tact_calloc(size, sizeof *t->quads);
	if (!t->quads)
		return TACT_ENOMEM;
	t->quad_mask = (uint32_t)size - 1;
	last = 0;
	for (k = 0; k < e->n; k++) {
		const unsigned char *p = (const unsigned char *)e->v[k].s;
		const struct tact_bnode *node = t->nodes;
		uint32_t key = new_quad(e, k, &last), h;
		size_t d;

		if (!key) {
			/* The run of literals of the last key goes on. */
			if (q && in_quads(&e->v[k]) &&
			    entry_key(&e->v[k]) == q->key)
				q->after |= after_bits(&e->v[k]);
			continue;
		}
		for (d = 0; d < 4; d++)
			node = child(t, node, p[d]);
		h = quad_slot(key, t->quad_mask);
		while (t->quads[h].key)
			h = (h + 1) & t->quad_mask;
		q = &t->quads[h];
		q->key = key;
		q->node = (uint32_t)(node - t->nodes);
		q->after = after_bits(&e->v[k]);
	}
	return TACT_OK;
}

/* 1 + the byte of node n's only child, before its chain is made; 0 when
 * it has other than one child, or a gap. */
static unsigned only_child(const struct tact_bnode *n)
{
	unsigned q, one = 0;

	for (q = 0; q < 4; q++) {
		if (!n->bits[q])
			continue;
		if (one || (n->bits[q] & (n->bits[q] - 1)))
			return 0;
		one = 1 + 64 * q + bit_count(n->bits[q] - 1);
	}
	return one == 1u + TACT_GAP ? 0 : one;
}

/* Give each node with one child (not a gap) its chain (struct
 * tact_bnode), so a walk takes a run of single children at once: their
 * bytes go where the node's bits were (such a node is not asked for
 * them) and child to the node after them. Every node keeps its own
 * chain, as a walk may start at any of them (build_quads()). Children
 * come after their parent, so from the last node back each chain is its
 * first byte and, when that child has no hits, the child's chain. */
static void chain_nodes(struct tact_btrie *t)
{
	size_t k;

	for (k = t->nnodes; k-- > 0;) {
		struct tact_bnode *n = &t->nodes[k];
		const struct tact_bnode *c = &t->nodes[n->child];
		unsigned char run[sizeof n->bits];
		unsigned one = only_child(n);
		size_t len = 1;

		if (!one)
			continue;
		run[0] = (unsigned char)(one - 1);
		if (!c->nhits && c->chain && c->chain < sizeof run) {
			memcpy(run + 1, c->bits, c->chain);
			len += c->chain;
			n->child = c->child;
		}
		memset(n->bits, 0, sizeof n->bits);
		memcpy(n->bits, run, len);
		n->chain = (uint8_t)len;
	}
}

/* The number of children of node n, which has no chain. */
static uint32_t nchildren(const struct tact_bnode *n)
{
	return n->base[2] + bit_count(n->bits[3]);
}

/* Mark in keep the nodes a walk can reach: the root, those the quads
 * lead to, and from each of them its children, or the node its chain
 * leads to. Children come after their parent, so one pass is enough. */
static void mark_reachable(const struct tact_btrie *t, uint32_t *keep)
{
	size_t k;
	uint32_t c;

	keep[0] = 1;
	for (k = 0; k <= t->quad_mask; k++)
		if (t->quads[k].key)
			keep[t->quads[k].node] = 1;
	for (k = 0; k < t->nnodes; k++) {
		const struct tact_bnode *n = &t->nodes[k];
		uint32_t nkids;

		if (!keep[k])
			continue;
		nkids = n->chain ? 1 : nchildren(n);
		for (c = 0; c < nkids; c++)
			keep[n->child + c] = 1;
	}
}

/* Drop the nodes inside chains that no walk starts at (two in five of
 * the built-in packs' nodes: the letters of a literal past its first few
 * and its branches), and number the others anew in the same order, so
 * children stay together. A node's new number is no greater than its
 * old one: the nodes move down in place. */
static int compact_nodes(struct tact_btrie *t)
{
	uint32_t *to = tact_calloc(t->nnodes, sizeof *to);
	uint32_t m = 0;
	size_t k;

	if (!to)
		return TACT_ENOMEM;
	mark_reachable(t, to);
	for (k = 0; k < t->nnodes; k++)
		to[k] = to[k] ? m++ : UINT32_MAX;
	for (k = 0; k < t->nnodes; k++) {
		struct tact_bnode n = t->nodes[k];

		if (to[k] == UINT32_MAX)
			continue;
		n.child = n.chain || nchildren(&n) ? to[n.child] : 0;
		t->nodes[to[k]] = n;
	}
	for (k = 0; k <= t->quad_mask; k++)
		if (t->quads[k].key)
			t->quads[k].node = to[t->quads[k].node];
	t->nnodes = m;
	free(to);
	return TACT_OK;
}

static int btrie_build(struct tact_btrie *t, struct entries *e)
{
	struct tact_bnode *shrunk;
	size_t k;

	memset(t, 0, sizeof *t);
	/* A node per byte at most, and the root. */
	t->nodes = tact_calloc(e->bytes + 1, sizeof *t->nodes);
	t->hits = tact_calloc(e->n + 1, sizeof *t->hits);
	t->pairs = tact_calloc(TACT_PAIRS_SETS * TACT_PAIRS_WORDS,
	                       sizeof *t->pairs);
	if (!t->nodes || !t->hits || !t->pairs) {
		tact_btrie_free(t);
		return TACT_ENOMEM;
	}
	if (e->n)
		qsort(e->v, e->n, sizeof *e->v, entry_cmp);
	t->nnodes = 1;
	lay_out(t, 0, e->v, 0, e->n, 0);
	for (k = 0; k < e->n; k++)
		mark_filters(t, &e->v[k]);
	if (build_quads(t, e)) {
		tact_btrie_free(t);
		return TACT_ENOMEM;
	}
	chain_nodes(t);
	if (compact_nodes(t)) {
		tact_btrie_free(t);
		return TACT_ENOMEM;
	}
	/* Give back what shared prefixes and chains saved (the nodes were
	 * sized for a node per byte); keeping the larger block is harmless. */
	shrunk = tact_realloc(t->nodes, t->nnodes * sizeof *t->nodes);
	if (shrunk)
		t->nodes = shrunk;
	return TACT_OK;
}

void tact_btrie_free(struct tact_btrie *t)
{
	free(t->nodes);
	free(t->hits);
	free(t->pairs);
	free(t->quads);
	memset(t, 0, sizeof *t);
}

/* ---- building ---------------------------------------------------------- */

/* Is the pattern found by neither anchors nor required literals? */
static int is_loose(const struct tact_pattern *p)
{
	return p->anchors.n == 0 && p->required.n == 0;
}

/* Each literal of a, into the trie it is looked for by, with hit (and
 * TACT_HIT_END when no word character may follow it). */
static int add_literals(struct entries *word, struct entries *any,
                        const struct tact_anchors *a, uint32_t hit)
{
	size_t j;

	for (j = 0; j < a->n; j++)
		if (entries_add(a->v[j].word ? word : any, a->v[j].text, a->v[j].len,
		                hit | (a->v[j].end ? TACT_HIT_END : 0)))
			return TACT_ENOMEM;
	return TACT_OK;
}

/* The literals of pattern p: those it starts with (or else contains),
 * and its inner ones. */
static int add_pattern(struct entries *word, struct entries *any,
                       const struct tact_pattern *p, uint32_t id)
{
	if (add_literals(word, any, p->anchors.n ? &p->anchors : &p->required,
	                 id))
		return TACT_ENOMEM;
	return add_literals(word, any, &p->inner, id | TACT_HIT_INNER);
}

/* The literals of exception x, whose id is id, and its second set
 * (tact_exception_second()). */
static int add_exception(struct entries *word, struct entries *any,
                         const struct tact_index *ix,
                         const struct tact_pattern *x, uint32_t id)
{
	if (add_literals(word, any, x->anchors.n ? &x->anchors : &x->required,
	                 id | TACT_HIT_EXC))
		return TACT_ENOMEM;
	return add_literals(word, any, &x->inner,
	                    tact_exception_second(ix, id) | TACT_HIT_EXC);
}

static int add_rule(struct entries *word, struct entries *any,
                    const struct tact_index *ix, const struct tact_rule *r,
                    uint32_t first, int *loose)
{
	size_t k;

	*loose = 0;
	for (k = 0; k < r->nexceptions; k++)
		if (add_exception(word, any, ix, &r->exceptions[k],
		                  ix->exc_at[r->index] + (uint32_t)k))
			return TACT_ENOMEM;
	for (k = 0; k < r->npatterns; k++) {
		if (is_loose(&r->patterns[k]))
			*loose = 1;
		else if (add_pattern(word, any, &r->patterns[k], first + (uint32_t)k))
			return TACT_ENOMEM;
	}
	for (k = 0; *loose && k < r->ntriggers; k++)
		if (entries_add(word, r->triggers[k], strlen(r->triggers[k]),
		                TACT_HIT_RULE | (uint32_t)r->index))
			return TACT_ENOMEM;
	return TACT_OK;
}

static int build_lang(struct tact_lang_index *li, const struct tact_index *ix,
                      struct tact_rule **rules, size_t nrules)
{
	struct entries word = { NULL, 0, 0, 0 }, any = { NULL, 0, 0, 0 };
	uint32_t first = 0;
	size_t k;
	int rc = TACT_OK, loose;

	li->always = tact_calloc(nrules + 1, sizeof *li->always);
	if (!li->always)
		return TACT_ENOMEM;
	for (k = 0; !rc && k < nrules; first += (uint32_t)rules[k]->npatterns,
	                                k++) {
		if (strcmp(rules[k]->language, li->language) != 0)
			continue;
		rc = add_rule(&word, &any, ix, rules[k], first, &loose);
		if (loose && rules[k]->ntriggers == 0)
			li->always[li->nalways++] = (uint32_t)k;
	}
	if (!rc)
		rc = btrie_build(&li->word, &word);
	if (!rc)
		rc = btrie_build(&li->any, &any);
	free(word.v);
	free(any.v);
	return rc;
}

static int add_language(struct tact_index *ix, const char *lang)
{
	size_t k;

	for (k = 0; k < ix->nlangs; k++)
		if (strcmp(ix->langs[k].language, lang) == 0)
			return TACT_OK;
	if (tact_grow((void **)&ix->langs, &ix->langcap, ix->nlangs + 1,
	              sizeof *ix->langs))
		return TACT_ENOMEM;
	memset(&ix->langs[ix->nlangs], 0, sizeof *ix->langs);
	ix->langs[ix->nlangs].language = tact_strdup(lang);
	if (!ix->langs[ix->nlangs].language)
		return TACT_ENOMEM;
	ix->nlangs++;
	return TACT_OK;
}

/* Every pattern gets an id, in rule order, and so does every
 * exception; a rule's unanchored patterns are listed for its trigger
 * hits. */
static int number_patterns(struct tact_index *ix, struct tact_rule **rules,
                           size_t nrules)
{
	size_t k, j, n = 0, nloose = 0;

	for (k = 0; k < nrules; k++) {
		n += rules[k]->npatterns;
		ix->nexcs += rules[k]->nexceptions;
	}
	/* An exception's second set has the id nexcs after its own. */
	if (n >= TACT_HIT_ID_MAX || ix->nexcs >= TACT_HIT_ID_MAX / 2)
		return TACT_ENOMEM;
	ix->pats = tact_calloc(n + 1, sizeof *ix->pats);
	ix->loose = tact_calloc(n + 1, sizeof *ix->loose);
	ix->loose_at = tact_calloc(nrules + 1, sizeof *ix->loose_at);
	ix->exc_at = tact_calloc(nrules + 1, sizeof *ix->exc_at);
	if (!ix->pats || !ix->loose || !ix->loose_at || !ix->exc_at)
		return TACT_ENOMEM;
	for (k = 0; k < nrules; k++) {
		ix->loose_at[k] = (uint32_t)nloose;
		ix->exc_at[k + 1] = ix->exc_at[k] +
		                    (uint32_t)rules[k]->nexceptions;
		for (j = 0; j < rules[k]->npatterns; j++) {
			ix->pats[ix->npats].rule = rules[k];
			ix->pats[ix->npats].pat = &rules[k]->patterns[j];
			if (is_loose(&rules[k]->patterns[j]))
				ix->loose[nloose++] = (uint32_t)ix->npats;
			ix->npats++;
		}
	}
	ix->loose_at[nrules] = (uint32_t)nloose;
	return TACT_OK;
}

int tact_index_build(struct tact_index *ix, struct tact_rule **rules,
                     size_t nrules)
{
	size_t k;
	int rc;

	memset(ix, 0, sizeof *ix);
	if (nrules >= TACT_HIT_ID_MAX)
		return TACT_ENOMEM;
	rc = number_patterns(ix, rules, nrules);
	for (k = 0; !rc && k < nrules; k++)
		rc = add_language(ix, rules[k]->language);
	for (k = 0; !rc && k < ix->nlangs; k++)
		rc = build_lang(&ix->langs[k], ix, rules, nrules);
	if (rc)
		tact_index_free(ix);
	return rc;
}

void tact_index_free(struct tact_index *ix)
{
	size_t k;

	for (k = 0; k < ix->nlangs; k++) {
		free(ix->langs[k].language);
		free(ix->langs[k].always);
		tact_btrie_free(&ix->langs[k].word);
		tact_btrie_free(&ix->langs[k].any);
	}
	free(ix->langs);
	free(ix->pats);
	free(ix->loose);
	free(ix->loose_at);
	free(ix->exc_at);
	memset(ix, 0, sizeof *ix);
}

const struct tact_lang_index *tact_index_lang(const struct tact_index *ix,
                                              const char *lang)
{
	size_t k;

	for (k = 0; k < ix->nlangs; k++)
		if (tact_same_language(ix->langs[k].language, lang))
			return &ix->langs[k];
	return NULL;
}

/* ---- scanning ------------------------------------------------------------ */

int tact_cands_push(struct tact_cands *c, uint32_t hit, size_t pos)
{
	if (c->n == c->cap &&
	    tact_grow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v))
		return TACT_ENOMEM;
	c->v[c->n++] = (uint64_t)hit << 32 | (uint32_t)pos;
	return TACT_OK;
}

/* The ASCII word characters (tact_is_word_cp()). */
static const unsigned char ascii_word[128] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['_'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

/* Is the code point at s[i] a word character? *n receives its length.
 * The scan asks it of every character. */
static inline int word_cp_at(const unsigned char *s, size_t i, size_t *n)
{
	size_t j = i;
	uint32_t cp;

	if (s[i] < 0x80) {
		*n = 1;
		return ascii_word[s[i]];
	}
	if ((s[i] & 0xE0) == 0xC0) {
		/* Two bytes: Latin and Cyrillic letters. */
		*n = 2;
		return tact_is_word_cp((uint32_t)(s[i] & 0x1F) << 6 | (s[i + 1] & 0x3F));
	}
	cp = tact_utf8_next((const char *)s, &j);
	*n = j - i;
	return tact_is_word_cp(cp);
}

/* Is a word character at s[j] (0 at the end)? */
static int word_at(const unsigned char *s, size_t len, size_t j)
{
	size_t n;

	return j < len && word_cp_at(s, j, &n);
}

/* The hits of node n for a literal that starts at s[i] and ends at
 * s[j]. Room for all of them is made at once, and whether a word
 * character follows is asked once, of the first hit that needs no word
 * character after the literal. */
static int push_hits(const struct tact_btrie *t, const struct tact_bnode *n,
                     const unsigned char *s, size_t len, size_t i, size_t j,
                     struct tact_cands *out)
{
	const uint32_t *h = t->hits + n->hits;
	uint64_t *v;
	size_t k, m;
	int after = -1;         /* a word character at s[j]: not asked yet */

	if (out->n + n->nhits > out->cap &&
	    tact_grow((void **)&out->v, &out->cap, out->n + n->nhits,
	              sizeof *out->v))
		return TACT_ENOMEM;
	v = out->v;
	m = out->n;
	for (k = 0; k < n->nhits; k++) {
		if (h[k] & TACT_HIT_END) {
			if (after < 0)
				after = word_at(s, len, j);
			if (after)
				continue;
		}
		v[m++] = (uint64_t)(h[k] & ~TACT_HIT_END) << 32 | (uint32_t)i;
	}
	out->n = m;
	return TACT_OK;
}

/* Do the k bytes at a and b agree? Inline: a chain is short, and a call
 * to memcmp() cost more than the comparison. */
static inline int same_bytes(const unsigned char *a, const unsigned char *b,
                             size_t k)
{
	uint64_t x, y;
	uint32_t u, v;
	uint16_t h, g;

	for (; k >= 8; a += 8, b += 8, k -= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
	}
	if (k >= 4) {
		/* The first four bytes and the last four, which may overlap. */
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		if (u != v)
			return 0;
		memcpy(&u, a + k - 4, 4);
		memcpy(&v, b + k - 4, 4);
		return u == v;
	}
	if (k >= 2) {
		memcpy(&h, a, 2);
		memcpy(&g, b, 2);
		return h == g && a[k - 1] == b[k - 1];
	}
	return k == 0 || a[0] == b[0];
}

/* Does the rest of node n's chain follow its first byte at s[j]? */
static inline int chain_at(const struct tact_bnode *n, const unsigned char *s,
                           size_t len, size_t j)
{
	return j + n->chain <= len &&
	       same_bytes(s + j + 1, (const unsigned char *)n->bits + 1,
	                  n->chain - 1u);
}

/* Where the run of white space at s[j] ends (s[j] may start one). Most
 * runs are one ASCII space, told without a call. */
static inline size_t space_run_at(const unsigned char *s, size_t len, size_t j)
{
	if (s[j] == ' ' && (j + 1 == len || !space_lead[s[j + 1]]))
		return j + 1;
	return tact_space_run((const char *)s, len, j);
}

/* Every literal of t that starts at s[i], walking on from node n, which
 * s[i..j) led to. A gap in a literal takes the whole run of white space
 * at j. */
TACT_WALK_CLONES
static int walk(const struct tact_btrie *t, const struct tact_bnode *n,
                const unsigned char *s, size_t len, size_t i, size_t j,
                struct tact_cands *out)
{
	if (n->nhits && push_hits(t, n, s, len, i, j, out))
		return TACT_ENOMEM;
	while (j < len) {
		const struct tact_bnode *next = NULL;
		size_t run;

		if (n->chain) {
			/* Most nodes past the first bytes have one child, and
			 * the next ones too: a chain is taken at once (no node
			 * in it has hits). */
			if (s[j] != *(const unsigned char *)n->bits ||
			    (n->chain > 1 && !chain_at(n, s, len, j)))
				return TACT_OK;
			next = &t->nodes[n->child];
			j += n->chain;
		} else if ((n->bits[3] >> 63) && space_lead[s[j]] &&
		           (run = space_run_at(s, len, j)) > j) {
			next = child(t, n, TACT_GAP);
			j = run;
		} else {
			next = child(t, n, s[j]);
			j++;
		}
		if (!next)
			return TACT_OK;
		n = next;
		if (n->nhits && push_hits(t, n, s, len, i, j, out))
			return TACT_ENOMEM;
	}
	return TACT_OK;
}

/* The quad of the four bytes at p, for the literals looked up by them;
 * NULL when none starts so. */
static inline const struct tact_quad *quad_at(const struct tact_btrie *t,
                                              const unsigned char *p)
{
	uint32_t key = quad_key(p), h = quad_slot(key, t->quad_mask);

	for (;; h = (h + 1) & t->quad_mask) {
		if (!t->quads[h].key)
			return NULL;
		if (t->quads[h].key == key)
			return &t->quads[h];
	}
}

/* Is each run of white space among the three bytes after s[i] one ASCII
 * space? Then the quad of the four bytes at s[i] finds the literals with
 * a gap there (gap_quad()). Fewer than four bytes hold none of them: each
 * of their bytes takes one of text at least. */
static inline int single_spaces(const unsigned char *s, size_t len, size_t i)
{
	size_t j;

	if (i + 4 > len)
		return 1;
	for (j = i + 1; j < i + 4; j++)
		if (space_lead[s[j]] &&
		    (s[j] != ' ' || (j + 1 < len && space_lead[s[j + 1]])))
			return 0;
	return 1;
}

/* The literals of t that start at s[i], whose byte pair is k. (The pair
 * after the last byte is (c, 0): only literals of one byte are marked for
 * it.) Those shorter than four bytes or with a gap among them walk from
 * the root, unless all of them need white space at s[i + 2] or s[i + 3]
 * and neither is, or their one gap is there as a single space
 * (gap_quad(), single_spaces()); the others from where their first four
 * bytes lead, when the two bytes after those may follow them (struct
 * tact_quad). */
static inline int scan_at(const struct tact_btrie *t, const unsigned char *s,
                          size_t len, size_t i, unsigned k,
                          struct tact_cands *out)
{
	const struct tact_quad *q;

	if (!bit_test(t->pairs, k))
		return TACT_OK;
	if ((bit_test(t->pairs + TACT_PAIRS_WORDS, k) &&
	     (bit_test(t->pairs + 2 * TACT_PAIRS_WORDS, k) ||
	      (i + 2 < len && (space_lead[s[i + 2]] ||
	                       (i + 3 < len && space_lead[s[i + 3]]))))) ||
	    (bit_test(t->pairs + 3 * TACT_PAIRS_WORDS, k) &&
	     !single_spaces(s, len, i)))
		return walk(t, t->nodes, s, len, i, i, out);
	if (i + 4 > len || !(q = quad_at(t, s + i)))
		return TACT_OK;
	if (i + 6 <= len && !((q->after >> after_bit(s[i + 4], s[i + 5])) & 1))
		return TACT_OK;
	return walk(t, &t->nodes[q->node], s, len, i, i + 4, out);
}

/* The length of the letter at c that the scan steps over inside a word
 * without decoding it: an ASCII word character (1), a Cyrillic letter of
 * two bytes (lead D0 or D1: U+0400..U+047F, every one a word character;
 * 2); 0 for any other byte. */
static inline size_t run_letter(unsigned c)
{
	if ((c & 0xFE) == 0xD0)
		return 2;
	return c < 0x80 && ascii_word[c];
}

/* Inside a word only the trie walked at every character is asked, at
 * each of the letters run_letter() steps over. Returns where they end
 * (the text ends with a NUL). */
static inline size_t word_run(const struct tact_btrie *t,
                              const unsigned char *s, size_t len, size_t i,
                              struct tact_cands *out, int *rc)
{
	size_t n;

	while ((n = run_letter(s[i])) != 0) {
		if (scan_at(t, s, len, i, (unsigned)s[i] << 8 | s[i + 1], out)) {
			*rc = TACT_ENOMEM;
			return i;
		}
		i += n;
	}
	return i;
}

/* Where the letters word_run() steps through end, when the trie walked
 * at every character is empty (as it is for most packs) and nothing
 * inside a word need be asked. */
static inline size_t word_skip(const unsigned char *s, size_t i)
{
	size_t n;

	while ((n = run_letter(s[i])) != 0)
		i += n;
	return i;
}

int tact_index_scan(const struct tact_lang_index *li, const char *text,
                    size_t len, struct tact_cands *out)
{
	const unsigned char *s = (const unsigned char *)text;
	int in_word = 0, rc = TACT_OK, any = li->any.nnodes > 1;
	size_t i = 0, n;

	while (i < len) {
		unsigned c = s[i], k = c << 8 | s[i + 1];

		if ((!in_word && scan_at(&li->word, s, len, i, k, out)) ||
		    (any && scan_at(&li->any, s, len, i, k, out)))
			return TACT_ENOMEM;
		in_word = word_cp_at(s, i, &n);
		i += n;
		if (in_word)
			i = any ? word_run(&li->any, s, len, i, out, &rc)
			        : word_skip(s, i);
		if (rc)
			return rc;
	}
	return TACT_OK;
}
