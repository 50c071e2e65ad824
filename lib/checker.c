/*
 * checker.c: the checker, its rules and its categories.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "pack.h"

/* A pack file larger than this is refused. */
#define PACK_FILE_MAX ((size_t)16 << 20)
/* PCRE2 limits for one match attempt (see docs/security.md). */
#define MATCH_LIMIT 200000
#define DEPTH_LIMIT 20000

static const char *const builtin_categories[] = {
	"contrast", "obligation", "doubt", "contradiction", "blame",
	"condescension", "dismissal", "refusal", "familiarity", "jargon",
	"vocabulary", "name", "empathy", "solution", "wait", "questions",
};

static int reindex(tact_checker *c);

static int load_builtin(tact_checker *c)
{
	struct tact_prep prep;
	size_t k;
	int rc = tact_prep_open(&prep);

	if (rc)
		return tact_err(rc, "out of memory");
	for (k = 0; !rc && k < tact_builtin_pack_count; k++) {
		const struct tact_builtin_pack *p = &tact_builtin_packs[k];

		rc = tact_pack_load_builtin(c, p, &prep);
		if (rc == TACT_EPACK)
			rc = tact_err(TACT_ERROR, "built-in pack refused: %s",
			              tact_error_last());
	}
	tact_prep_close(&prep);
	if (rc)
		return rc;
	/* The indexes were not rebuilt pack by pack (see tact_checker_adopt). */
	c->defer_index = 0;
	return reindex(c) ? tact_err(TACT_ENOMEM, "out of memory") : TACT_OK;
}

static int checker_init(tact_checker *c)
{
	size_t k;

	c->mctx = pcre2_match_context_create(NULL);
	if (!c->mctx)
		return TACT_ENOMEM;
	pcre2_set_match_limit(c->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(c->mctx, DEPTH_LIMIT);
	c->categories = tact_calloc(TACT_ARRAY_LEN(builtin_categories),
	                            sizeof *c->categories);
	if (!c->categories)
		return TACT_ENOMEM;
	c->catcap = TACT_ARRAY_LEN(builtin_categories);
	for (k = 0; k < TACT_ARRAY_LEN(builtin_categories); k++) {
		c->categories[k] = tact_strdup(builtin_categories[k]);
		if (!c->categories[k])
			return TACT_ENOMEM;
		c->ncategories++;
	}
	return TACT_OK;
}

int tact_checker_new(tact_checker **out, unsigned int flags)
{
	tact_checker *c;
	int rc;

	tact_err_clear();
	if (out)
		*out = NULL;
	if (!out || (flags & ~TACT_CHECKER_NO_BUILTIN))
		return tact_err(TACT_EINVAL, "tact_checker_new: %s",
		                out ? "unknown flags" : "out is NULL");
	c = tact_calloc(1, sizeof *c);
	if (!c)
		return tact_err(TACT_ENOMEM, "out of memory");
	rc = checker_init(c);
	if (rc)
		tact_err(rc, "out of memory");
	else if (!(flags & TACT_CHECKER_NO_BUILTIN)) {
		c->defer_index = 1;
		rc = load_builtin(c);
	}
	if (rc) {
		tact_checker_free(c);
		return rc;
	}
	*out = c;
	return TACT_OK;
}

void tact_rule_free(struct tact_rule *r)
{
	size_t k, j;

	if (!r)
		return;
	tact_text_free(r->id); tact_text_free(r->category);
	tact_text_free(r->message); tact_text_free(r->message_en);
	tact_text_free(r->explanation); tact_text_free(r->explanation_en);
	tact_text_free(r->source);
	free(r->language); free(r->pack);
	for (k = 0; k < r->npatterns; k++)
		tact_pattern_free(&r->patterns[k]);
	free(r->patterns);
	for (k = 0; k < r->nexceptions; k++)
		tact_pattern_free(&r->exceptions[k]);
	free(r->exceptions);
	for (k = 0; k < r->nsuggestions; k++)
		free(r->suggestions[k]);
	free(r->suggestions);
	for (k = 0; k < r->ntriggers; k++)
		free(r->triggers[k]);
	free(r->triggers);
	for (j = 0; j < 2; j++) {
		for (k = 0; k < r->nexamples[j]; k++) {
			free(r->examples[j][k].text);
			free(r->examples[j][k].fix);
			free(r->examples[j][k].customer);
			free(r->examples[j][k].name);
		}
		free(r->examples[j]);
	}
	free(r);
}

void tact_checker_free(tact_checker *c)
{
	size_t k;

	if (!c)
		return;
	for (k = 0; k < c->nrules; k++)
		tact_rule_free(c->rules[k]);
	free(c->rules);
	for (k = 0; k < c->ncategories; k++)
		free(c->categories[k]);
	free(c->categories);
	tact_index_free(&c->index);
	tact_scratch_free_all(c);
	pcre2_match_context_free(c->mctx);
	for (k = 0; k < c->nbands; k++)
		tact_band_free(c->bands[k]);
	free(c->bands);
	tact_band_groups_free(&c->band_groups);
	for (k = 0; k < c->ncoaches; k++)
		tact_coach_free(c->coaches[k]);
	free(c->coaches);
	free(c);
}

size_t tact_category_find(const tact_checker *c, const char *name)
{
	size_t k;

	for (k = 0; k < c->ncategories; k++)
		if (strcmp(c->categories[k], name) == 0)
			return k;
	return (size_t)-1;
}

int tact_language_known(const tact_checker *c, const char *lang)
{
	static const char *const builtin[] = { "ru", "ro", "kk", "en" };
	size_t k;

	for (k = 0; k < TACT_ARRAY_LEN(builtin); k++)
		if (strcmp(builtin[k], lang) == 0)
			return 1;
	for (k = 0; k < c->nrules; k++)
		if (strcmp(c->rules[k]->language, lang) == 0)
			return 1;
	return 0;
}

static uint32_t rule_captures(const struct tact_rule *r)
{
	uint32_t max = 0, n;
	size_t k;

	for (k = 0; k < r->npatterns; k++) {
		pcre2_pattern_info(r->patterns[k].code, PCRE2_INFO_CAPTURECOUNT, &n);
		if (n > max)
			max = n;
	}
	return max;
}

/* Rebuild the indexes over all rules; on failure the old ones stay. */
static int reindex(tact_checker *c)
{
	struct tact_index ix;
	size_t k;

	if (tact_index_build(&ix, c->rules, c->nrules))
		return TACT_ENOMEM;
	for (k = 0; k < c->nrules; k++) {
		uint32_t caps = rule_captures(c->rules[k]);

		if (caps > c->max_captures)
			c->max_captures = caps;
	}
	tact_index_free(&c->index);
	c->index = ix;
	return TACT_OK;
}

/* Make room for everything a pack brings, so adopting it cannot fail
 * half-way. */
static int reserve(tact_checker *c, const struct loader *ld)
{
	if (tact_grow((void **)&c->rules, &c->rulecap, c->nrules + ld->nrules,
	              sizeof *c->rules) ||
	    tact_grow((void **)&c->categories, &c->catcap,
	              c->ncategories + ld->ncats, sizeof *c->categories) ||
	    tact_grow((void **)&c->bands, &c->bandcap, c->nbands + ld->nbands,
	              sizeof *c->bands) ||
	    tact_grow((void **)&c->coaches, &c->coachcap, c->ncoaches + 1,
	              sizeof *c->coaches))
		return tact_err(TACT_ENOMEM, "out of memory");
	return TACT_OK;
}

int tact_checker_adopt(tact_checker *c, struct loader *ld)
{
	struct tact_band_groups groups = { NULL, 0, 0 };
	size_t k, oldrules = c->nrules, oldcats = c->ncategories;

	if (reserve(c, ld) ||
	    (ld->nbands && tact_band_groups_build(&groups, c->bands, c->nbands,
	                                          ld->bands, ld->nbands)))
		return tact_err(TACT_ENOMEM, "out of memory");
	for (k = 0; k < ld->ncats; k++)
		c->categories[c->ncategories++] = ld->cats[k];
	for (k = 0; k < ld->nrules; k++) {
		struct tact_rule *r = ld->rules[k];

		r->index = c->nrules;
		r->category_id = tact_category_find(c, r->category);
		c->rules[c->nrules++] = r;
	}
	if (!c->defer_index && reindex(c)) {
		c->nrules = oldrules;  /* the loader still owns everything */
		c->ncategories = oldcats;
		tact_band_groups_free(&groups);
		return tact_err(TACT_ENOMEM, "out of memory");
	}
	for (k = 0; k < ld->nbands; k++)
		c->bands[c->nbands++] = ld->bands[k];
	if (ld->nbands) {
		tact_band_groups_free(&c->band_groups);
		c->band_groups = groups;
	}
	if (ld->coach)
		c->coaches[c->ncoaches++] = ld->coach;
	ld->nrules = ld->ncats = ld->nbands = 0;
	ld->coach = NULL;
	return TACT_OK;
}

const struct tact_coach *tact_coach_find(const tact_checker *c,
                                         const char *lang)
{
	size_t k;

	for (k = 0; c && k < c->ncoaches; k++)
		if (tact_same_language(c->coaches[k]->language, lang))
			return c->coaches[k];
	return NULL;
}

int tact_checker_add_pack_string(tact_checker *c, const char *yaml,
                                 size_t len, const char *name)
{
	tact_err_clear();
	if (!c || (!yaml && len))
		return tact_err(TACT_EINVAL, "tact_checker_add_pack_string: NULL %s",
		                c ? "yaml" : "checker");
	if (len > PACK_FILE_MAX)
		return tact_err(TACT_ETOOBIG, "%s: pack larger than %zu bytes",
		                name ? name : "<string>", PACK_FILE_MAX);
	return tact_pack_load(c, yaml ? yaml : "", len, name);
}

static int read_file(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct tact_buf b = { NULL, 0, 0 };
	char chunk[8192];
	size_t n;

	if (!f)
		return tact_err_at(TACT_EIO, path, (size_t)-1, (size_t)-1,
		                   "%s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > PACK_FILE_MAX || tact_buf_append(&b, chunk, n)) {
			int big = b.len + n > PACK_FILE_MAX;

			fclose(f);
			tact_buf_free(&b);
			return big ? tact_err(TACT_ETOOBIG, "%s: pack larger than %zu "
			                      "bytes", path, PACK_FILE_MAX)
			           : tact_err(TACT_ENOMEM, "out of memory");
		}
	}
	if (ferror(f)) {
		fclose(f);
		tact_buf_free(&b);
		return tact_err_at(TACT_EIO, path, (size_t)-1, (size_t)-1,
		                   "%s: read error", path);
	}
	fclose(f);
	*out = b.data;
	*len = b.len;
	return TACT_OK;
}

int tact_checker_add_pack_file(tact_checker *c, const char *path)
{
	char *data = NULL;
	size_t len = 0;
	int rc;

	tact_err_clear();
	if (!c || !path)
		return tact_err(TACT_EINVAL, "tact_checker_add_pack_file: NULL %s",
		                c ? "path" : "checker");
	if ((rc = read_file(path, &data, &len)))
		return rc;
	rc = tact_pack_load(c, data ? data : "", len, path);
	free(data);
	return rc;
}
