/*
 * band.c: the age bands of the vocabulary packs (docs/coaching.md).
 */
#include <string.h>

#include "internal.h"

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
