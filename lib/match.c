/*
 * match.c: the engine. For each sentence of a message: normalise it, find
 * the rules whose triggers it contains, run only their patterns, drop
 * matches inside exceptions or outside the agent's own text, and record
 * findings with their suggestions.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct engine {
	struct tact_check_ctx *ctx;
	struct tact_report *report;
	struct tact_norm norm;
	pcre2_match_data *md;
	unsigned char *cand;            /* one byte per rule */
	unsigned char *spent;           /* rules that hit a match limit */
	const struct tact_rule *rule;   /* the rule being run */
	struct tact_spans skips;        /* in the message */
	struct tact_spans exc;          /* exception matches in the sentence */
	struct tact_buf sugg;
	size_t base;                    /* the sentence's offset in the message */
	struct tact_coach_state *coach;
};

static int is_limit(int rc)
{
	return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	       rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
}

/* Run code over the sentence from offset: the number of capture pairs set
 * (at least 1) on a match, 0 for none, <0 for an error. */
static int run(struct engine *e, const pcre2_code *code, size_t offset)
{
	int rc = pcre2_match(code, (PCRE2_SPTR)e->norm.text, e->norm.len, offset,
	                     PCRE2_NO_UTF_CHECK, e->md, e->ctx->checker->mctx);

	if (rc > 0)
		return rc;
	if (rc == 0)
		return (int)pcre2_get_ovector_count(e->md);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (is_limit(rc)) {
		/* A pattern that exhausts its limit once is not run again in this
		 * check: hostile patterns cost one limit per check, not one per
		 * sentence. */
		e->report->status = TACT_ELIMIT;
		e->spent[e->rule->index] = 1;
	}
	return rc;
}

/* The offset after the code point at i of the normalised sentence. */
static size_t next_cp(const struct tact_norm *n, size_t i)
{
	if (i >= n->len)
		return n->len + 1;
	return i + tact_utf8_seqlen((unsigned char)n->text[i]);
}

/* The first occurrence of needle (n >= 1 bytes) in hay, or NULL. */
static const char *find(const char *hay, size_t len, const char *needle,
                        size_t n)
{
	const char *p = hay, *end = hay + len;

	while (n <= (size_t)(end - p)) {
		p = memchr(p, needle[0], (size_t)(end - p) - n + 1);
		if (!p)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* All matches of the rule's exceptions in the sentence, into e->exc. */
static int collect_exceptions(struct engine *e, const struct tact_rule *r)
{
	size_t k;

	e->exc.n = 0;
	for (k = 0; k < r->nexceptions; k++) {
		const struct tact_pattern *x = &r->exceptions[k];
		size_t off = 0;

		if (x->literal) {
			const char *at = find(e->norm.text, e->norm.len, x->literal,
			                      x->literal_len);

			if (!at)
				continue;
			off = (size_t)(at - e->norm.text);
		}
		while (off <= e->norm.len) {
			PCRE2_SIZE *ov;
			int rc = run(e, x->code, off);

			if (rc <= 0)
				break;
			ov = pcre2_get_ovector_pointer(e->md);
			if (tact_grow((void **)&e->exc.v, &e->exc.cap, e->exc.n + 1,
			              sizeof *e->exc.v))
				return TACT_ENOMEM;
			e->exc.v[e->exc.n].start = ov[0];
			e->exc.v[e->exc.n].end = ov[1];
			e->exc.n++;
			off = ov[1] > ov[0] ? ov[1] : next_cp(&e->norm, ov[0]);
		}
	}
	return TACT_OK;
}

static int excepted(const struct engine *e, size_t s, size_t t)
{
	size_t k;

	for (k = 0; k < e->exc.n; k++)
		if (e->exc.v[k].start <= s && t <= e->exc.v[k].end)
			return 1;
	return 0;
}

static int add_suggestions(struct engine *e, struct tact_finding *f,
                           const struct tact_rule *r,
                           const struct tact_pattern *p, uint32_t npairs)
{
	struct tact_report *rep = e->report;
	char **tpl = p->suggestions ? p->suggestions : r->suggestions;
	size_t n = p->suggestions ? p->nsuggestions : r->nsuggestions, k;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(e->md);

	f->sugg = rep->nsuggs;
	for (k = 0; k < n; k++) {
		size_t off;

		if (tact_suggest(&e->sugg, tpl[k], e->ctx->text, &e->norm, e->base,
		                 ov, npairs, p->code) ||
		    tact_report_string(rep, e->sugg.data, e->sugg.len, &off) ||
		    tact_grow((void **)&rep->suggs, &rep->scap, rep->nsuggs + 1,
		              sizeof *rep->suggs))
			return TACT_ENOMEM;
		rep->suggs[rep->nsuggs++] = off;
		f->nsugg++;
	}
	return TACT_OK;
}

static int add_finding(struct engine *e, const struct tact_rule *r,
                       const struct tact_pattern *p, uint32_t npairs)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(e->md);
	struct tact_finding *f;
	size_t s, t, ri;

	tact_norm_span(&e->norm, ov[0], ov[1], &s, &t);
	s += e->base;
	t += e->base;
	if (tact_spans_overlap(&e->skips, s, t))
		return TACT_OK;
	if (r->kind == TACT_RULE_PHRASE && !tact_ctx_reportable(e->ctx, r))
		return TACT_OK;
	if (tact_report_rule_index(e->report, r,
	                           (e->ctx->flags & TACT_CHECK_ENGLISH) != 0, &ri))
		return TACT_ENOMEM;
	f = tact_report_add(e->report);
	if (!f)
		return TACT_ENOMEM;
	f->rule = ri;
	f->order = r->index;
	f->category_id = r->category_id;
	f->start = s;
	f->end = t;
	f->match_len = t - s;
	if (tact_report_string(e->report, e->ctx->text + s, t - s, &f->match))
		return TACT_ENOMEM;
	return add_suggestions(e, f, r, p, npairs);
}

static int run_pattern(struct engine *e, const struct tact_rule *r,
                       const struct tact_pattern *p)
{
	size_t off = 0;

	/* Every match starts with the literal: no literal, no match; else
	 * start where it first appears. */
	if (p->literal) {
		const char *at = find(e->norm.text, e->norm.len, p->literal,
		                      p->literal_len);

		if (!at)
			return TACT_OK;
		off = (size_t)(at - e->norm.text);
	}

	while (off <= e->norm.len) {
		PCRE2_SIZE *ov;
		int rc = run(e, p->code, off);

		if (rc <= 0)
			return TACT_OK;
		ov = pcre2_get_ovector_pointer(e->md);
		if (ov[1] == ov[0]) {
			off = next_cp(&e->norm, ov[0]);
			continue;
		}
		off = ov[1];
		if (r->nexceptions && excepted(e, ov[0], ov[1]))
			continue;
		if (add_finding(e, r, p, (uint32_t)rc))
			return TACT_ENOMEM;
	}
	return TACT_OK;
}

static int run_rule(struct engine *e, const struct tact_rule *r)
{
	size_t k;

	e->rule = r;
	if (r->nexceptions && collect_exceptions(e, r))
		return TACT_ENOMEM;
	for (k = 0; k < r->npatterns && !e->spent[r->index]; k++)
		if (run_pattern(e, r, &r->patterns[k]))
			return TACT_ENOMEM;
	return TACT_OK;
}

static int check_sentence(struct engine *e, size_t s, size_t t)
{
	const tact_checker *c = e->ctx->checker;
	size_t k;
	int rc;

	e->base = s;
	if ((rc = tact_normalise(&e->norm, e->ctx->text + s, t - s)))
		return rc;
	memset(e->cand, 0, c->nrules);
	tact_trie_scan(&c->trie, e->norm.text, e->norm.len, e->cand);
	for (k = 0; k < c->nalways; k++)
		e->cand[c->always[k]] = 1;
	for (k = 0; k < c->nrules; k++)
		if (e->cand[k] && e->ctx->active[k] && !e->spent[k] &&
		    run_rule(e, c->rules[k]))
			return TACT_ENOMEM;
	return tact_coach_sentence(e->coach, e->report, &e->norm, e->md, &e->skips,
	                           s, t);
}

static void engine_free(struct engine *e)
{
	tact_norm_free(&e->norm);
	pcre2_match_data_free(e->md);
	free(e->cand);
	free(e->spent);
	tact_spans_free(&e->skips);
	tact_spans_free(&e->exc);
	tact_buf_free(&e->sugg);
	tact_coach_end(e->coach);
}

int tact_engine_run(struct tact_check_ctx *ctx, struct tact_report *r)
{
	struct engine e;
	size_t pos = 0, s, t;
	int rc = TACT_OK;

	memset(&e, 0, sizeof e);
	e.ctx = ctx;
	e.report = r;
	e.md = pcre2_match_data_create(ctx->checker->max_captures + 1, NULL);
	e.cand = tact_calloc(ctx->checker->nrules, 1);
	e.spent = tact_calloc(ctx->checker->nrules, 1);
	if (!e.md || !e.cand || !e.spent)
		rc = TACT_ENOMEM;
	if (!rc)
		rc = tact_coach_begin(&e.coach, ctx);
	if (!rc && !(ctx->flags & TACT_CHECK_INCLUDE_QUOTES))
		rc = tact_find_skips(&e.skips, ctx->text, ctx->len);
	while (!rc && tact_next_sentence(ctx->text, ctx->len, &pos, &s, &t))
		rc = check_sentence(&e, s, t);
	if (!rc)
		rc = tact_coach_finish(e.coach, r, e.md);
	engine_free(&e);
	return rc;
}
