/*
 * trigger.c: the index of trigger words.
 *
 * Every rule names word prefixes (triggers) at least one of which each of
 * its matches contains. They are stored in a byte trie; one pass over the
 * words of a normalised sentence marks the rules worth running there, so
 * most patterns never run on most sentences.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define NO_HITS UINT32_MAX

static int node_new(struct tact_trie *t, unsigned char byte, uint32_t *out)
{
	struct tact_trie_node *n;

	if (t->nnodes >= UINT32_MAX - 1)
		return TACT_ENOMEM;
	if (tact_grow((void **)&t->nodes, &t->cap, t->nnodes + 1, sizeof *n))
		return TACT_ENOMEM;
	n = &t->nodes[t->nnodes];
	memset(n, 0, sizeof *n);
	n->byte = byte;
	n->rules = NO_HITS;
	*out = (uint32_t)t->nnodes++;
	return TACT_OK;
}

static uint32_t child_find(const struct tact_trie *t, uint32_t node,
                           unsigned char byte)
{
	uint32_t c = t->nodes[node].child;

	while (c && t->nodes[c].byte != byte)
		c = t->nodes[c].sibling;
	return c;
}

static int insert(struct tact_trie *t, const char *word, uint32_t *leaf)
{
	uint32_t node = 0;

	for (; *word; word++) {
		unsigned char b = (unsigned char)*word;
		uint32_t c = child_find(t, node, b);

		if (!c) {
			if (node_new(t, b, &c))
				return TACT_ENOMEM;
			t->nodes[c].sibling = t->nodes[node].child;
			t->nodes[node].child = c;
		}
		node = c;
	}
	*leaf = node;
	return TACT_OK;
}

/* Collect (leaf, rule) pairs, then lay the rules of each leaf out together. */
struct pair {
	uint32_t leaf, rule;
};

static int pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	if (x->leaf != y->leaf)
		return x->leaf < y->leaf ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static int lay_out(struct tact_trie *t, struct pair *p, size_t n)
{
	size_t i;

	if (n)
		qsort(p, n, sizeof *p, pair_cmp);
	t->hits = tact_calloc(n, sizeof *t->hits);
	if (!t->hits)
		return TACT_ENOMEM;
	t->nhits = 0;
	for (i = 0; i < n; i++) {
		struct tact_trie_node *leaf = &t->nodes[p[i].leaf];

		if (i > 0 && p[i - 1].leaf == p[i].leaf && p[i - 1].rule == p[i].rule)
			continue;
		if (leaf->rules == NO_HITS)
			leaf->rules = (uint32_t)t->nhits;
		leaf->nrules++;
		t->hits[t->nhits++] = p[i].rule;
	}
	return TACT_OK;
}

int tact_trie_build(struct tact_trie *t, struct tact_rule **rules,
                    size_t nrules)
{
	struct pair *pairs = NULL;
	size_t npairs = 0, cap = 0, r, k;
	uint32_t root;
	int rc = TACT_ENOMEM;

	memset(t, 0, sizeof *t);
	if (node_new(t, 0, &root))
		goto out;
	for (r = 0; r < nrules; r++) {
		for (k = 0; k < rules[r]->ntriggers; k++) {
			uint32_t leaf;

			if (insert(t, rules[r]->triggers[k], &leaf) ||
			    tact_grow((void **)&pairs, &cap, npairs + 1, sizeof *pairs))
				goto out;
			pairs[npairs].leaf = leaf;
			pairs[npairs].rule = (uint32_t)r;
			npairs++;
		}
	}
	rc = lay_out(t, pairs, npairs);
out:
	free(pairs);
	if (rc)
		tact_trie_free(t);
	return rc;
}

void tact_trie_free(struct tact_trie *t)
{
	free(t->nodes);
	free(t->hits);
	memset(t, 0, sizeof *t);
}

/* Is the code point ending just before text[i] part of a word? */
static int word_before(const char *text, size_t i)
{
	size_t k = i;
	uint32_t cp;

	if (i == 0)
		return 0;
	k--;
	while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80)
		k--;
	{
		size_t j = k;

		cp = tact_utf8_next(text, &j);
	}
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
		       cp == '_' || (cp >= 'A' && cp <= 'Z');
	return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 &&
	       !(cp >= 0x2000 && cp < 0x2070) && cp != 0xAB && cp != 0xBB;
}

static void walk(const struct tact_trie *t, const char *text, size_t len,
                 size_t i, unsigned char *bits)
{
	uint32_t node = 0;

	while (i < len) {
		const struct tact_trie_node *n;
		uint32_t k;

		node = child_find(t, node, (unsigned char)text[i]);
		if (!node)
			return;
		n = &t->nodes[node];
		for (k = 0; k < n->nrules; k++)
			bits[t->hits[n->rules + k]] = 1;
		i++;
	}
}

void tact_trie_scan(const struct tact_trie *t, const char *text, size_t len,
                    unsigned char *bits)
{
	size_t i;

	if (!t->nodes || t->nodes[0].child == 0)
		return;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if ((c & 0xC0) == 0x80 || word_before(text, i))
			continue;
		walk(t, text, len, i, bits);
	}
}
