/*
 * match.c: the engine. For each sentence of a message: normalise it, find
 * the candidates in one pass over the index of its language (a pattern
 * and where its match would start, or a rule whose unanchored patterns
 * its triggers call for), confirm each with its PCRE2 pattern, drop
 * matches inside exceptions or outside the agent's own text, and record
 * findings with their suggestions (docs/performance.md).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct engine {
	struct tact_check_ctx *ctx;
	struct tact_report *report;
	struct tact_scratch *sc;
	struct tact_norm *norm;         /* the sentence, normalised */
	pcre2_match_data *md;
	const struct tact_lang_index *li;
	const struct tact_rule *rule;   /* the rule being run */
	size_t exc_rule;                /* whose exceptions e->sc->exc holds */
	size_t base;                    /* the sentence's offset in the message */
	struct tact_coach_state coach;
};

static int is_limit(int rc)
{
	return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	       rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
}

/* Run pattern p over the sentence from offset: the number of capture
 * pairs set (at least 1) on a match, 0 for none, <0 for an error. Once
 * JIT-compiled, it goes through PCRE2's fast path (no argument checks:
 * they hold for every call made here). */
static int run(struct engine *e, const struct tact_pattern *p, size_t offset)
{
	int rc = tact_pattern_search(p, e->norm->text, e->norm->len, offset,
	                             e->md, e->ctx->checker->mctx);

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
		tact_rule_state_of(e->sc, e->rule->index)->spent = 1;
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

/* Where an unanchored pattern's first match can start: every match
 * starts with its literal, when it has one; 0 when that is absent. */
static int first_offset(const struct engine *e, const struct tact_pattern *p,
                        size_t *off)
{
	const char *at;

	*off = 0;
	if (!p->literal)
		return 1;
	at = tact_find(e->norm->text, e->norm->len, p->literal, p->literal_len);
	if (at)
		*off = (size_t)(at - e->norm->text);
	return at != NULL;
}

/* Begin the search of exception k of rule r: 0 when it cannot match in
 * the sentence (the scan saw none of its literals). */
static int exception_begins(struct engine *e, const struct tact_rule *r,
                            size_t k, size_t *off)
{
	const struct tact_pattern *x = &r->exceptions[k];
	const struct tact_index *ix = &e->ctx->checker->index;
	uint32_t id = ix->exc_at[r->index] + (uint32_t)k;
	const uint32_t *seen = e->sc->exc_seen;

	if (tact_exception_indexed(x) &&
	    (seen[id] != e->sc->serial ||
	     (x->inner.n &&
	      seen[tact_exception_second(ix, id)] != e->sc->serial)))
		return 0;
	return first_offset(e, x, off);
}

/* The next match of exception k of rule r in the sentence, appended to
 * exc; st says where its search is and whether it is over. */
static int exception_next(struct engine *e, const struct tact_rule *r,
                          size_t k, struct tact_exc_search *st,
                          struct tact_spans *exc)
{
	const struct tact_pattern *x = &r->exceptions[k];
	PCRE2_SIZE *ov;

	if (st->state == 0) {
		st->state = exception_begins(e, r, k, &st->next) ? 1 : 2;
		if (st->state == 2)
			return TACT_OK;
	}
	if (st->next > e->norm->len || run(e, x, st->next) <= 0) {
		st->state = 2;
		return TACT_OK;
	}
	ov = pcre2_get_ovector_pointer(e->md);
	if (tact_grow((void **)&exc->v, &exc->cap, exc->n + 1, sizeof *exc->v))
		return TACT_ENOMEM;
	exc->v[exc->n].start = ov[0];
	exc->v[exc->n].end = ov[1];
	exc->n++;
	st->last = ov[0];
	st->next = ov[1] > ov[0] ? ov[1] : next_cp(e->norm, ov[0]);
	return TACT_OK;
}

/* Start over with the exceptions of rule r in this sentence. */
static int exceptions_begin(struct engine *e, const struct tact_rule *r)
{
	struct tact_scratch *sc = e->sc;
	size_t k;

	if (tact_grow((void **)&sc->exc_search, &sc->exc_cap, r->nexceptions,
	              sizeof *sc->exc_search))
		return TACT_ENOMEM;
	for (k = 0; k < r->nexceptions; k++) {
		sc->exc_search[k].state = 0;
		sc->exc_search[k].last = SIZE_MAX;
	}
	sc->exc.n = 0;
	e->exc_rule = r->index;
	return TACT_OK;
}

/* Does a match found so far hold [s, t)? */
static int held(const struct tact_spans *exc, size_t from, size_t s, size_t t)
{
	size_t k;

	for (k = from; k < exc->n; k++)
		if (exc->v[k].start <= s && t <= exc->v[k].end)
			return 1;
	return 0;
}

/* Is [s, t) inside a match of one of the rule's exceptions? Each is
 * looked for, left to right, only until one of its matches holds the
 * span or starts after it: matches found stay for the rule's next
 * findings in the sentence (which may need the searches to go on).
 * The rule's own match stays in e->md. */
static int excepted(struct engine *e, const struct tact_rule *r, size_t s,
                    size_t t, int *out)
{
	struct tact_spans *exc = &e->sc->exc;
	pcre2_match_data *md = e->md;
	size_t k;
	int rc = TACT_OK;

	*out = 0;
	if (!r->nexceptions)
		return TACT_OK;
	if (e->exc_rule != r->index && exceptions_begin(e, r))
		return TACT_ENOMEM;
	if ((*out = held(exc, 0, s, t)) != 0)
		return TACT_OK;
	e->md = e->sc->md_exc;
	for (k = 0; !rc && !*out && k < r->nexceptions; k++) {
		struct tact_exc_search *st = &e->sc->exc_search[k];

		while (!rc && !*out && st->state != 2 &&
		       (st->last == SIZE_MAX || st->last <= s)) {
			size_t n = exc->n;

			rc = exception_next(e, r, k, st, exc);
			*out = held(exc, n, s, t);
		}
	}
	e->md = md;
	return rc;
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

		if (tact_suggest(&e->sc->sugg, tpl[k], e->ctx->text, e->norm, e->base,
		                 ov, npairs, p->code) ||
		    tact_report_string(rep, e->sc->sugg.data, e->sc->sugg.len, &off) ||
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

	tact_norm_span(e->norm, ov[0], ov[1], &s, &t);
	s += e->base;
	t += e->base;
	if (tact_spans_overlap(&e->sc->skips, s, t))
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

/* A match of the pattern at ov: a finding unless an exception covers it. */
static int matched(struct engine *e, const struct tact_rule *r,
                   const struct tact_pattern *p, int pairs)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(e->md);
	int skip;

	if (excepted(e, r, ov[0], ov[1], &skip))
		return TACT_ENOMEM;
	return skip ? TACT_OK : add_finding(e, r, p, (uint32_t)pairs);
}

/* An unanchored pattern: every match in the sentence, left to right. */
static int run_loose(struct engine *e, const struct tact_rule *r,
                     const struct tact_pattern *p)
{
	size_t off;

	if (!first_offset(e, p, &off))
		return TACT_OK;
	while (off <= e->norm->len &&
	       !tact_rule_state_of(e->sc, r->index)->spent) {
		PCRE2_SIZE *ov;
		int rc = run(e, p, off);

		if (rc <= 0)
			return TACT_OK;
		ov = pcre2_get_ovector_pointer(e->md);
		if (ov[1] == ov[0]) {
			off = next_cp(e->norm, ov[0]);
			continue;
		}
		off = ov[1];
		if (matched(e, r, p, rc))
			return TACT_ENOMEM;
	}
	return TACT_OK;
}

/* Is the rule to run now (decided once per check)? */
static int runs(struct engine *e, const struct tact_rule *r)
{
	struct tact_rule_state *st = tact_rule_state_of(e->sc, r->index);

	if (!st->run)
		st->run = tact_ctx_runs(e->ctx, r) ? 1 : 2;
	return st->run == 1 && !st->spent;
}

/* The candidates of one pattern, v[0..n) in offset order (an unanchored
 * pattern has one, at UINT32_MAX). Matches do not overlap: one that starts
 * before the end of the last is not looked for, as in a left-to-right
 * search. */
static int run_pattern(struct engine *e, const struct tact_pattern_ref *ref,
                       const uint64_t *v, size_t n)
{
	const struct tact_rule *r = ref->rule;
	size_t k, end = 0;

	if (!runs(e, r))
		return TACT_OK;
	e->rule = r;
	if (!ref->pat->anchors.n)
		return run_loose(e, r, ref->pat);
	for (k = 0; k < n && !tact_rule_state_of(e->sc, r->index)->spent; k++) {
		size_t at = (uint32_t)v[k];
		int rc;

		if (at < end || (k > 0 && v[k] == v[k - 1]))
			continue;
		rc = run(e, ref->pat, at);
		if (rc <= 0)
			continue;
		end = pcre2_get_ovector_pointer(e->md)[1];
		if (matched(e, r, ref->pat, rc))
			return TACT_ENOMEM;
	}
	return TACT_OK;
}

/* A rule's trigger was seen: queue its unanchored patterns, once. */
static int queue_loose(struct engine *e, uint32_t rule)
{
	const struct tact_index *ix = &e->ctx->checker->index;
	struct tact_rule_state *st = tact_rule_state_of(e->sc, rule);
	struct tact_cands *c = &e->sc->cands;
	uint32_t k;

	if (st->queued == e->sc->serial)
		return TACT_OK;
	st->queued = e->sc->serial;
	for (k = ix->loose_at[rule]; k < ix->loose_at[rule + 1]; k++)
		if (tact_cands_push(c, ix->loose[k], UINT32_MAX))
			return TACT_ENOMEM;
	return TACT_OK;
}

/* Move v[i] down the max-heap v[0..n). */
static void sift_down(uint64_t *v, size_t i, size_t n)
{
	uint64_t x = v[i];

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= n)
			break;
		if (c + 1 < n && v[c + 1] > v[c])
			c++;
		if (v[c] <= x)
			break;
		v[i] = v[c];
		i = c;
	}
	v[i] = x;
}

/* Sort the candidates in place: insertion sort for the few of a short
 * sentence, heapsort (no allocation, n log n) for more. */
static void sort_keys(uint64_t *v, size_t n)
{
	size_t i, j;

	if (n > 32) {
		for (i = n / 2; i-- > 0;)
			sift_down(v, i, n);
		for (i = n; i-- > 1;) {
			uint64_t x = v[0];

			v[0] = v[i];
			v[i] = x;
			sift_down(v, 0, i);
		}
		return;
	}
	for (i = 1; i < n; i++) {
		uint64_t x = v[i];

		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* Can the candidate of pattern id at offset `at` match? Not when the
 * pattern is anchored and must start where the sentence does, and `at`
 * is further on; not when the pattern has inner literals and none was
 * seen at `at` or after it (every match holds one further on); a
 * pattern without anchors runs when one of its second set was seen
 * anywhere. */
static int may_run(const struct engine *e, uint32_t id, uint32_t at)
{
	const struct tact_inner_seen *in = &e->sc->inner_seen[id];
	const struct tact_pattern *p = e->ctx->checker->index.pats[id].pat;

	if (p->starts_below && at >= p->starts_below)
		return 0;
	if (!p->inner.n)
		return 1;
	if (in->serial != e->sc->serial)
		return 0;
	return !p->anchors.n || at <= in->last;
}

/* Scan the sentence and turn rule hits into their unanchored patterns;
 * candidates end up in pattern order, then offset order. */
static int candidates(struct engine *e)
{
	struct tact_cands *c = &e->sc->cands;
	size_t k, n;

	c->n = 0;
	if (tact_index_scan(e->li, e->norm->text, e->norm->len, c))
		return TACT_ENOMEM;
	for (k = n = 0; k < c->n; k++) {
		uint32_t hit = (uint32_t)(c->v[k] >> 32);

		if (hit & TACT_HIT_INNER) {
			struct tact_inner_seen *in =
			        &e->sc->inner_seen[hit & ~TACT_HIT_INNER];

			/* In offset order: the last one seen is the last one. */
			in->serial = e->sc->serial;
			in->last = (uint32_t)c->v[k];
		} else if (hit & TACT_HIT_EXC) {
			e->sc->exc_seen[hit & ~TACT_HIT_EXC] = e->sc->serial;
		} else
			c->v[n++] = c->v[k];
	}
	c->n = n;
	for (k = 0; k < n; k++)
		if ((c->v[k] >> 32) & TACT_HIT_RULE &&
		    queue_loose(e, (uint32_t)(c->v[k] >> 32) & ~TACT_HIT_RULE))
			return TACT_ENOMEM;
	for (k = 0; k < e->li->nalways; k++)
		if (queue_loose(e, e->li->always[k]))
			return TACT_ENOMEM;
	/* Rule hits have queued their patterns; the candidates that cannot
	 * match go before the sort. */
	for (k = n = 0; k < c->n; k++) {
		uint32_t hit = (uint32_t)(c->v[k] >> 32);

		if (!(hit & TACT_HIT_RULE) && may_run(e, hit, (uint32_t)c->v[k]))
			c->v[n++] = c->v[k];
	}
	c->n = n;
	sort_keys(c->v, c->n);
	return TACT_OK;
}

static int check_sentence(struct engine *e, size_t s, size_t t)
{
	const struct tact_index *ix = &e->ctx->checker->index;
	const uint64_t *v;
	size_t k = 0, n;
	int rc;

	e->base = s;
	e->exc_rule = SIZE_MAX;
	e->sc->serial++;
	if ((rc = tact_normalise(e->norm, e->ctx->text + s, t - s)))
		return rc;
	if (e->li && candidates(e))
		return TACT_ENOMEM;
	v = e->sc->cands.v;
	n = e->li ? e->sc->cands.n : 0;
	while (k < n) {
		uint32_t hit = (uint32_t)(v[k] >> 32);
		size_t j = k;

		while (j < n && (uint32_t)(v[j] >> 32) == hit)
			j++;
		if (run_pattern(e, &ix->pats[hit], v + k, j - k))
			return TACT_ENOMEM;
		k = j;
	}
	return tact_coach_sentence(&e->coach, e->report, e->norm, e->md,
	                           &e->sc->skips, s, t);
}

int tact_engine_run(struct tact_check_ctx *ctx, struct tact_report *r)
{
	struct engine e;
	size_t pos = 0, s, t;
	int rc = TACT_OK;

	/* Field by field: clearing the whole struct, the coaching state
	 * with it (which tact_coach_begin() sets up), cost more than the
	 * rest of a short check's set-up. */
	e.ctx = ctx;
	e.report = r;
	e.rule = NULL;
	e.exc_rule = SIZE_MAX;
	e.base = 0;
	e.sc = tact_scratch_get(ctx->checker);
	if (!e.sc)
		return TACT_ENOMEM;
	e.norm = &e.sc->norm;
	e.md = e.sc->md;
	e.li = tact_index_lang(&ctx->checker->index, ctx->language);
	e.sc->skips.n = 0;
	rc = tact_coach_begin(&e.coach, ctx);
	if (!rc && !(ctx->flags & TACT_CHECK_INCLUDE_QUOTES))
		rc = tact_find_skips(&e.sc->skips, ctx->text, ctx->len);
	while (!rc && tact_next_sentence(ctx->text, ctx->len, &pos, &s, &t))
		rc = check_sentence(&e, s, t);
	if (!rc)
		rc = tact_coach_finish(&e.coach, r, e.md);
	tact_coach_end(&e.coach);
	tact_scratch_put(ctx->checker, e.sc);
	return rc;
}
