/*
 * band.c: the age bands of the vocabulary packs (docs/coaching.md).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- the bands by language ------------------------------------------------ */

/* The group of b's language in g, added when there is none; NULL when out
 * of memory. */
static struct tact_band_group *group_of(struct tact_band_groups *g,
                                        const struct tact_band *b)
{
	static const struct tact_band_group cleared;
	size_t k;

	for (k = 0; k < g->n; k++)
		if (tact_same_language(g->v[k].language, b->language))
			return &g->v[k];
	if (tact_grow((void **)&g->v, &g->cap, g->n + 1, sizeof *g->v))
		return NULL;
	g->v[g->n] = cleared;
	g->v[g->n].language = b->language;
	return &g->v[g->n++];
}

static int group_add(struct tact_band_groups *g, const struct tact_band *b)
{
	struct tact_band_group *x = group_of(g, b);
	size_t len = strlen(b->name) + 1;

	if (!x || tact_grow((void **)&x->v, &x->cap, x->n + 1, sizeof *x->v) ||
	    tact_grow((void **)&x->names, &x->names_cap, x->names_len + len, 1))
		return TACT_ENOMEM;
	x->v[x->n].band = b;
	x->v[x->n++].name = x->names_len;
	memcpy(x->names + x->names_len, b->name, len);
	x->names_len += len;
	return TACT_OK;
}

int tact_band_groups_build(struct tact_band_groups *out,
                           struct tact_band *const *a, size_t na,
                           struct tact_band *const *b, size_t nb)
{
	size_t k;

	for (k = 0; k < na + nb; k++)
		if (group_add(out, k < na ? a[k] : b[k - na])) {
			tact_band_groups_free(out);
			return TACT_ENOMEM;
		}
	return TACT_OK;
}

void tact_band_groups_free(struct tact_band_groups *g)
{
	size_t k;

	for (k = 0; k < g->n; k++) {
		free(g->v[k].v);
		free(g->v[k].names);
	}
	free(g->v);
	memset(g, 0, sizeof *g);
}

const struct tact_band_group *tact_band_group_find(const tact_checker *c,
                                                   const char *lang)
{
	size_t k;

	for (k = 0; k < c->band_groups.n; k++)
		if (tact_same_language(c->band_groups.v[k].language, lang))
			return &c->band_groups.v[k];
	return NULL;
}

/* ---- the public look-ups ------------------------------------------------ */

size_t tact_band_count(const tact_checker *c, const char *lang)
{
	size_t k, n = 0;

	for (k = 0; c && lang && k < c->nbands; k++)
		n += tact_same_language(c->bands[k]->language, lang);
	return n;
}

const tact_band *tact_band_at(const tact_checker *c, const char *lang,
                              size_t index)
{
	size_t k;

	for (k = 0; c && lang && k < c->nbands; k++)
		if (tact_same_language(c->bands[k]->language, lang) &&
		    index-- == 0)
			return c->bands[k];
	return NULL;
}

const tact_band *tact_vocabulary(const tact_checker *c, const char *lang,
                                 int age)
{
	size_t k;

	tact_err_clear();
	if (!c || !lang) {
		tact_err(TACT_EINVAL, "tact_vocabulary: NULL %s", c ? "lang" : "checker");
		return NULL;
	}
	if (!tact_band_count(c, lang)) {
		tact_err(TACT_ENOTFOUND, "no vocabulary for language '%s'", lang);
		return NULL;
	}
	for (k = 0; k < c->nbands; k++) {
		const struct tact_band *b = c->bands[k];

		if (tact_same_language(b->language, lang) &&
		    b->min_age <= age &&
		    age <= b->max_age)
			return b;
	}
	tact_err(TACT_ENOTFOUND, "no %s band covers age %d", lang, age);
	return NULL;
}

const char *tact_band_name(const tact_band *b)
{
	return b ? b->name : NULL;
}

const char *tact_band_theme(const tact_band *b, int english)
{
	if (!b)
		return NULL;
	return english && b->theme_en ? b->theme_en : b->theme;
}

int tact_band_min_age(const tact_band *b)
{
	return b ? b->min_age : 0;
}

int tact_band_max_age(const tact_band *b)
{
	return b ? b->max_age : 0;
}

size_t tact_band_word_count(const tact_band *b)
{
	return b ? b->nwords : 0;
}

const char *tact_band_word(const tact_band *b, size_t index)
{
	return b && index < b->nwords ? b->words[index] : NULL;
}
