/*
 * prepared.c: taking the built-in packs' patterns as they were prepared
 * when the library was built (lib/prepare.c, docs/performance.md).
 *
 * Loading a built-in pack reads the same YAML as ever; only the work its
 * patterns need — folding, the anchor and inner literal analysis, PCRE2
 * compilation — is taken from the prepared table. The table is walked in
 * load order and each entry answers only for the pattern text it was made
 * from: the first pattern that differs turns it off, and that pattern and
 * every later one are computed as for any pack.
 */
#include <string.h>

#include "internal.h"

int tact_prep_open(struct tact_prep *pp)
{
	int32_t got;

	memset(pp, 0, sizeof *pp);
	if (tact_prepared_count == 0)
		return TACT_OK;
	if (pcre2_serialize_get_number_of_codes(tact_prepared_codes) !=
	    (int32_t)tact_prepared_count)
		return TACT_OK;
	pp->codes = tact_calloc(tact_prepared_count, sizeof *pp->codes);
	if (!pp->codes)
		return TACT_ENOMEM;
	got = pcre2_serialize_decode(pp->codes, (int32_t)tact_prepared_count,
	                             tact_prepared_codes, NULL);
	if (got == PCRE2_ERROR_NOMEMORY) {
		tact_prep_close(pp);
		return TACT_ENOMEM;
	}
	if (got != (int32_t)tact_prepared_count) {
		/* Another PCRE2 version or build: compile as for any pack. */
		free(pp->codes);
		pp->codes = NULL;
		return TACT_OK;
	}
	pp->n = tact_prepared_count;
	return TACT_OK;
}

void tact_prep_close(struct tact_prep *pp)
{
	size_t k;

	for (k = pp->next; pp->codes && k < pp->n; k++)
		pcre2_code_free(pp->codes[k]);
	free(pp->codes);
	pp->codes = NULL;
	pp->n = pp->next = 0;
}

static const char *pool(uint32_t at)
{
	return (const char *)tact_prepared_pool + at;
}

/* The literals first..first + count of the prepared list into out; their
 * texts stay in the pool (tact_text_dup() of a lasting text). */
static int literals(uint32_t first, uint16_t count, struct tact_anchors *out)
{
	size_t k;

	if (count == 0)
		return TACT_OK;
	out->v = tact_calloc(count, sizeof *out->v);
	if (!out->v)
		return TACT_ENOMEM;
	for (k = 0; k < count; k++) {
		const struct tact_prepared_literal *l =
		        &tact_prepared_literals[first + k];

		out->v[k].text = tact_text_dup(pool(l->text));
		if (!out->v[k].text)
			return TACT_ENOMEM;
		out->v[k].len = l->len;
		out->v[k].word = l->word;
		out->v[k].end = l->end;
		out->n++;
	}
	return TACT_OK;
}

int tact_prep_take(struct tact_prep *pp, enum tact_prep_kind kind,
                   const char *src, struct tact_pattern *p)
{
	const struct tact_prepared *e;

	if (!pp || pp->off || pp->next >= pp->n)
		return 0;
	e = &tact_prepared[pp->next];
	if (e->kind != kind || strcmp(pool(e->src), src) != 0) {
		pp->off = 1;
		return 0;
	}
	p->code = pp->codes[pp->next];
	pp->codes[pp->next++] = NULL;
	/* The texts stay in the pool (tact_text_dup() of a lasting text). */
	if ((e->source && !(p->source = tact_text_dup(pool(e->source)))) ||
	    (e->literal && !(p->literal = tact_text_dup(pool(e->literal)))) ||
	    literals(e->lists[0], e->counts[0], &p->anchors) ||
	    literals(e->lists[1], e->counts[1], &p->required) ||
	    literals(e->lists[2], e->counts[2], &p->inner))
		return TACT_ENOMEM;
	p->literal_len = p->literal ? strlen(p->literal) : 0;
	p->line_start = e->line_start;
	p->starts_below = e->starts_below;
	return 1;
}
