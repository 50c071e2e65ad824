/*
 * scratch.c: the working memory of a check, kept by the checker.
 *
 * A check needs buffers for the normalised sentence, the candidates, the
 * match data and a few bytes per rule. The checker keeps a few such sets
 * in lock-free slots: a check takes one (or makes one when all are in
 * use by other threads) and puts it back, so a check of a text no longer
 * than the ones before allocates nothing but its report. Buffers grown
 * past SCRATCH_KEEP by a large text are freed when the check ends; the
 * sets go with the checker.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define SCRATCH_KEEP ((size_t)1 << 20)

static void scratch_free(struct tact_scratch *s)
{
	if (!s)
		return;
	tact_norm_free(&s->norm);
	pcre2_match_data_free(s->md);
	pcre2_match_data_free(s->md_exc);
	free(s->cands.v);
	free(s->rules);
	free(s->inner_seen);
	free(s->exc_seen);
	tact_spans_free(&s->skips);
	tact_spans_free(&s->exc);
	free(s->exc_search);
	tact_buf_free(&s->sugg);
	free(s);
}

/* Forget what was seen in past sentences: serials start over. */
static void clear_seen(struct tact_scratch *s)
{
	if (s->npats)
		memset(s->inner_seen, 0, s->npats * sizeof *s->inner_seen);
	if (s->nexcs)
		memset(s->exc_seen, 0, s->nexcs * sizeof *s->exc_seen);
	s->serial = 0;
}

/* Make *v hold want elements of size elem when it holds fewer (*n);
 * *grown is set when it did. Their contents are not kept. */
static int fit_array(void **v, size_t *n, size_t want, size_t elem,
                     int *grown)
{
	void *p;

	if (*n >= want)
		return TACT_OK;
	p = tact_realloc(*v, want * elem);
	if (!p)
		return TACT_ENOMEM;
	*v = p;
	*n = want;
	*grown = 1;
	return TACT_OK;
}

/* Size what is kept by pattern and by exception id for checker c;
 * arrays that grew start cleared, with the serials. */
static int fit_seen(struct tact_scratch *s, const tact_checker *c)
{
	int grown = 0, rc;

	rc = fit_array((void **)&s->inner_seen, &s->npats, c->index.npats,
	               sizeof *s->inner_seen, &grown);
	if (!rc)
		rc = fit_array((void **)&s->exc_seen, &s->nexcs, 2 * c->index.nexcs,
		               sizeof *s->exc_seen, &grown);
	if (grown)
		clear_seen(s);
	return rc;
}

/* Size the per-rule state and the match data for checker c. */
static int fit(struct tact_scratch *s, const tact_checker *c)
{
	uint32_t pairs = c->max_captures + 1;
	size_t had = s->nrules;
	int grown = 0;

	if (fit_array((void **)&s->rules, &s->nrules, c->nrules,
	              sizeof *s->rules, &grown))
		return TACT_ENOMEM;
	if (grown)
		memset(s->rules + had, 0, (s->nrules - had) * sizeof *s->rules);
	if (fit_seen(s, c))
		return TACT_ENOMEM;
	if (!s->md || s->pairs < pairs) {
		pcre2_match_data *md = pcre2_match_data_create(pairs, NULL);
		pcre2_match_data *mx = pcre2_match_data_create(pairs, NULL);

		if (!md || !mx) {
			pcre2_match_data_free(md);
			pcre2_match_data_free(mx);
			return TACT_ENOMEM;
		}
		pcre2_match_data_free(s->md);
		pcre2_match_data_free(s->md_exc);
		s->md = md;
		s->md_exc = mx;
		s->pairs = pairs;
	}
	/* A rule's state is cleared when the check first asks for it; all
	 * are, when the count of checks wraps around. */
	if (++s->check == 0) {
		if (s->nrules)
			memset(s->rules, 0, s->nrules * sizeof *s->rules);
		s->check = 1;
	}
	/* Sentence serials go on from check to check, so what was seen
	 * needs no clearing but when they would wrap around. */
	if (s->serial > UINT32_MAX / 2)
		clear_seen(s);
	return TACT_OK;
}

/* The slots are the checker's only state that checks change; they are
 * atomic, so the checker stays shareable by threads. */
static tact_scratch_slot *slots(const tact_checker *c)
{
	return ((tact_checker *)(uintptr_t)c)->scratch;
}

struct tact_scratch *tact_scratch_get(const tact_checker *c)
{
	tact_scratch_slot *slot = slots(c);
	struct tact_scratch *s = NULL;
	size_t k;

	for (k = 0; !s && k < TACT_SCRATCH_SLOTS; k++)
		s = atomic_exchange(&slot[k], NULL);
	if (!s) {
		s = tact_calloc(1, sizeof *s);
		if (!s)
			return NULL;
	}
	if (fit(s, c)) {
		scratch_free(s);
		return NULL;
	}
	return s;
}

void tact_scratch_put(const tact_checker *c, struct tact_scratch *s)
{
	tact_scratch_slot *slot = slots(c);
	size_t k;

	if (!s)
		return;
	if (s->norm.cap > SCRATCH_KEEP)
		tact_norm_free(&s->norm);
	if (s->cands.cap > SCRATCH_KEEP) {
		free(s->cands.v);
		memset(&s->cands, 0, sizeof s->cands);
	}
	if (s->skips.cap > SCRATCH_KEEP)
		tact_spans_free(&s->skips);
	if (s->sugg.cap > SCRATCH_KEEP)
		tact_buf_free(&s->sugg);
	for (k = 0; k < TACT_SCRATCH_SLOTS; k++) {
		struct tact_scratch *empty = NULL;

		if (atomic_compare_exchange_strong(&slot[k], &empty, s))
			return;
	}
	scratch_free(s);
}

void tact_scratch_free_all(tact_checker *c)
{
	size_t k;

	for (k = 0; k < TACT_SCRATCH_SLOTS; k++)
		scratch_free(atomic_exchange(&c->scratch[k], NULL));
}
