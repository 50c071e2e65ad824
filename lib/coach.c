/*
 * coach.c: the coaching layer (docs/coaching.md). It rides on the engine's
 * pass over the sentences of the reply, then adds what only the whole reply
 * can tell: the vocabulary profile and the words aimed at another age band,
 * whether the client is addressed by name, acknowledgement of an upset
 * customer, a solution or next step, an apology for a long wait, and the
 * kind of questions asked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

#define VOCAB_SUGGESTIONS 5

/* ---- the client's name ------------------------------------------------------ */

/* Strip one listed ending (the longest) from a folded name token, keeping
 * a stem of at least three letters: «Анна» → «анн», but «Оля» stays
 * «оля» (a two-letter stem would match «Олег»). */
static void strip_ending(char *tok, const struct tact_coach *c)
{
	size_t len = strlen(tok), k, best = 0;

	for (k = 0; c && k < c->nname_strip; k++) {
		size_t n = strlen(c->name_strip[k]);

		if (n > best && n < len && tact_utf8_count(tok, len - n) >= 3 &&
		    memcmp(tok + len - n, c->name_strip[k], n) == 0)
			best = n;
	}
	tok[len - best] = '\0';
}

static int add_stem(struct tact_coach_state *cs, const char *tok, size_t n)
{
	char *f = tact_fold_string(tok, n, 1), **v;

	if (!f)
		return TACT_ENOMEM;
	strip_ending(f, cs->coach);
	v = tact_realloc(cs->stems, (cs->nstems + 1) * sizeof *v);
	if (!v) {
		tact_free(f);
		return TACT_ENOMEM;
	}
	cs->stems = v;
	cs->stems[cs->nstems++] = f;
	return TACT_OK;
}

/* Every word of the name of two letters or more is a stem to look for. */
static int name_stems(struct tact_coach_state *cs, const char *name)
{
	const char *p = name;

	while (*p) {
		size_t n = strcspn(p, " \t,.-");

		if (n >= 2 && add_stem(cs, p, n))
			return TACT_ENOMEM;
		p += n;
		p += strspn(p, " \t,.-");
	}
	return TACT_OK;
}

static int word_char(const char *t, size_t i, size_t len)
{
	size_t j = i;
	uint32_t cp;
	utf8proc_category_t cat;

	if (i >= len)
		return 0;
	cp = tact_utf8_next(t, &j);
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
	cat = utf8proc_category((int32_t)cp);
	return cat <= UTF8PROC_CATEGORY_LO || (cat >= UTF8PROC_CATEGORY_MN &&
	                                      cat <= UTF8PROC_CATEGORY_ME);
}

/* Is the normalised span [ns, ne) of the sentence at base in text the
 * agent did not write (a quote, a URL...)? */
static int skipped(const struct tact_norm *n, const struct tact_spans *skips,
                   size_t base, size_t ns, size_t ne)
{
	size_t s, e;

	if (!skips)
		return 0;
	tact_norm_span(n, ns, ne, &s, &e);
	return tact_spans_overlap(skips, base + s, base + e);
}

/* Does a word of the sentence start with stem and add at most max letters
 * (outside skipped text)? */
static int has_name(const struct tact_norm *n, const char *stem, long max,
                    const struct tact_spans *skips, size_t base)
{
	const char *t = n->text;
	size_t len = n->len, sl = strlen(stem), i = 0;

	while (sl && i + sl <= len) {
		const char *hit = strstr(t + i, stem);
		size_t at, end;
		long extra = 0;

		if (!hit)
			return 0;
		at = (size_t)(hit - t);
		i = at + 1;
		if (at > 0) {
			size_t k = at - 1;

			while (k > 0 && ((unsigned char)t[k] & 0xC0) == 0x80)
				k--;
			if (word_char(t, k, len))
				continue;
		}
		for (end = at + sl; word_char(t, end, len); extra++)
			end += tact_utf8_seqlen((unsigned char)t[end]);
		if (extra <= max && !skipped(n, skips, base, at, end))
			return 1;
	}
	return 0;
}

/* ---- sentences ---------------------------------------------------------------- */

int tact_cue_match(const struct tact_cue *cue, const struct tact_norm *n,
                   pcre2_match_data *md, const pcre2_match_context *mctx,
                   const struct tact_spans *skips, size_t base)
{
	size_t k;

	for (k = 0; k < cue->n; k++) {
		size_t off = 0;

		while (off <= n->len) {
			PCRE2_SIZE *ov;

			if (tact_pattern_match(&cue->v[k], n->text, n->len, off, md,
			                       mctx) < 0)
				break;
			ov = pcre2_get_ovector_pointer(md);
			if (!skipped(n, skips, base, ov[0], ov[1]))
				return 1;
			off = ov[1] > ov[0] ? ov[1]
			                    : ov[0] + tact_utf8_seqlen((unsigned char)n->text[ov[0]]);
		}
	}
	return 0;
}

/* A closing quote or bracket (strchr() would also take the NUL). */
static int is_closing(char c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']';
}

/* A sentence is a question when it ends in '?' (closing quotes aside). */
static int is_question(const char *t, size_t s, size_t e)
{
	while (e > s && is_closing(t[e - 1]))
		e--;
	if (e >= s + 2 && (unsigned char)t[e - 2] == 0xC2 &&
	    (unsigned char)t[e - 1] == 0xBB)
		e -= 2;
	return e > s && t[e - 1] == '?';
}

static int add_question(struct tact_report *r, size_t s, size_t e, int kind)
{
	if (tact_grow((void **)&r->questions, &r->qcap, r->nquestions + 1,
	              sizeof *r->questions))
		return TACT_ENOMEM;
	r->questions[r->nquestions].start = s;
	r->questions[r->nquestions].end = e;
	r->questions[r->nquestions].kind = kind;
	r->nquestions++;
	return TACT_OK;
}

int tact_coach_sentence(struct tact_coach_state *cs, struct tact_report *r,
                        const struct tact_norm *n, pcre2_match_data *md,
                        const struct tact_spans *skips, size_t s, size_t t)
{
	const struct tact_coach *c = cs->coach;
	const tact_check_options *o = cs->ctx->opts;
	const pcre2_match_context *mctx = cs->ctx->checker->mctx;
	size_t k;

	if (!cs->have_sentence) {
		cs->first_s = s;
		cs->first_e = t;
		cs->have_sentence = 1;
	}
	cs->last_s = s;
	cs->last_e = t;
	for (k = 0; k < cs->nstems && !cs->name_found; k++)
		cs->name_found = has_name(n, cs->stems[k],
		                          c ? c->name_max_suffix : 4, skips, s);
	if (!c)
		return TACT_OK;
	if (o->customer_message && !cs->empathy_found)
		cs->empathy_found = tact_cue_match(&c->empathy, n, md, mctx, skips, s);
	if (o->customer_message && !cs->solution_found)
		cs->solution_found = tact_cue_match(&c->solution, n, md, mctx, skips,
		                                    s);
	if (o->wait_seconds >= 0 && !cs->apology_found)
		cs->apology_found = tact_cue_match(&c->wait_apology, n, md, mctx,
		                                   skips, s);
	if (!is_question(cs->ctx->text, s, t) ||
	    tact_spans_overlap(skips, t - 1, t))
		return TACT_OK;
	return add_question(r, s, t, tact_cue_match(&c->open_q, n, md, mctx, NULL, 0)
	                                     ? TACT_QUESTION_OPEN
	                                     : TACT_QUESTION_CLOSED);
}

/* ---- lifecycle ------------------------------------------------------------------ */

int tact_coach_begin(struct tact_coach_state *cs,
                     const struct tact_check_ctx *ctx)
{
	/* A copy of a cleared state: memset() of the whole is a slow
	 * "rep stos" here, at the start of every check. */
	static const struct tact_coach_state cleared;

	*cs = cleared;
	cs->ctx = ctx;
	cs->coach = tact_coach_find(ctx->checker, ctx->language);
	if (ctx->opts->client_name && *ctx->opts->client_name)
		return name_stems(cs, ctx->opts->client_name);
	return TACT_OK;
}

void tact_coach_end(struct tact_coach_state *cs)
{
	size_t k;

	for (k = 0; k < cs->nstems; k++)
		tact_free(cs->stems[k]);
	tact_free(cs->stems);
	tact_norm_free(&cs->norm);
}

/* ---- the vocabulary profile and hints -------------------------------------- */

/* The language's bands, in pack order, their names copied at once from
 * the checker's group of them (struct tact_band_group). */
static int profile_init(struct tact_report *r, const struct tact_check_ctx *ctx)
{
	static const struct tact_profile cleared;
	const struct tact_band_group *g =
		tact_band_group_find(ctx->checker, ctx->language);
	size_t k, names;

	if (!g)
		return TACT_OK;
	r->profile = tact_malloc(g->n * sizeof *r->profile);
	if (!r->profile ||
	    tact_report_string(r, g->names, g->names_len - 1, &names))
		return TACT_ENOMEM;
	for (k = 0; k < g->n; k++) {
		struct tact_profile *p = &r->profile[k];

		*p = cleared;
		p->band = g->v[k].band;
		p->name = names + g->v[k].name;
	}
	r->nprofile = g->n;
	return TACT_OK;
}

static int profile_add(struct tact_report *r, const struct tact_rule *rule)
{
	struct tact_profile *p = NULL;
	const char *w = rule->band->words[rule->word];
	size_t k;

	for (k = 0; k < r->nprofile && !p; k++)
		if (r->profile[k].band == rule->band)
			p = &r->profile[k];
	if (!p)
		return TACT_OK;
	p->hits++;
	for (k = 0; k < p->nwords; k++)
		if (strcmp(r->strings.data + p->words[k], w) == 0)
			return TACT_OK;
	if (tact_grow((void **)&p->words, &p->cap, p->nwords + 1, sizeof *p->words))
		return TACT_ENOMEM;
	return tact_report_string(r, w, strlen(w), &p->words[p->nwords++]);
}

/* Fill a hint template: {word} {band} {theme} {age} {target} {words}. */
static int fill_hint(struct tact_buf *out, const char *tpl,
                     const struct tact_rule *rule, const struct tact_band *to,
                     int age, int english)
{
	const struct tact_band *from = rule->band;
	char num[16];
	size_t k;

	out->len = 0;
	snprintf(num, sizeof num, "%d", age);
	while (*tpl) {
		const char *v = NULL;

		if (*tpl != '{' || !strchr(tpl, '}')) {
			if (tact_buf_putc(out, *tpl++))
				return TACT_ENOMEM;
			continue;
		}
		if (!strncmp(tpl, "{word}", 6))
			v = from->words[rule->word];
		else if (!strncmp(tpl, "{band}", 6))
			v = from->name;
		else if (!strncmp(tpl, "{theme}", 7))
			v = tact_band_theme(from, english);
		else if (!strncmp(tpl, "{age}", 5))
			v = num;
		else if (!strncmp(tpl, "{target}", 8))
			v = to->name;
		if (v) {
			if (tact_buf_append(out, v, strlen(v)))
				return TACT_ENOMEM;
		} else if (!strncmp(tpl, "{words}", 7)) {
			for (k = 0; k < to->nwords && k < VOCAB_SUGGESTIONS; k++)
				if ((k && tact_buf_append(out, ", ", 2)) ||
				    tact_buf_append(out, to->words[k], strlen(to->words[k])))
					return TACT_ENOMEM;
		} else {
			if (tact_buf_putc(out, *tpl++))
				return TACT_ENOMEM;
			continue;
		}
		tpl = strchr(tpl, '}') + 1;
	}
	return tact_buf_putc(out, '\0') ? TACT_ENOMEM : (out->len--, TACT_OK);
}

/* Turn a vocabulary match into a hint toward the client's band. */
static int make_hint(struct tact_report *r, struct tact_finding *f,
                     const struct tact_rule *rule, const struct tact_band *to,
                     const struct tact_check_ctx *ctx)
{
	struct tact_buf b = { NULL, 0, 0 };
	int english = (ctx->flags & TACT_CHECK_ENGLISH) != 0;
	size_t k, off;
	int rc;

	rc = fill_hint(&b, english ? rule->band->hint_en : rule->band->hint, rule,
	               to, ctx->opts->age, english);
	if (!rc)
		rc = tact_report_string(r, b.data, b.len, &f->message);
	tact_buf_free(&b);
	f->advisory = 1;
	f->sugg = r->nsuggs;
	f->nsugg = 0;
	for (k = 0; !rc && k < to->nwords && k < VOCAB_SUGGESTIONS; k++) {
		rc = tact_report_string(r, to->words[k], strlen(to->words[k]), &off) ||
		     tact_grow((void **)&r->suggs, &r->scap, r->nsuggs + 1,
		               sizeof *r->suggs);
		if (!rc) {
			r->suggs[r->nsuggs++] = off;
			f->nsugg++;
		}
	}
	return rc ? TACT_ENOMEM : TACT_OK;
}

/* Profile every vocabulary finding; keep only hints toward the client's
 * band, when the check carried an age. */
static int vocabulary(struct tact_coach_state *cs, struct tact_report *r)
{
	const struct tact_check_ctx *ctx = cs->ctx;
	const tact_band *to = NULL;
	size_t i, o = 0, vocab_end = 0;

	if (profile_init(r, ctx))
		return TACT_ENOMEM;
	tact_report_sort(r);  /* the profile lists words in text order */
	if (ctx->opts->age >= 0) {
		to = tact_vocabulary(ctx->checker, ctx->language, ctx->opts->age);
		tact_err_clear();
		if (to && tact_report_string(r, to->name, strlen(to->name), &r->band))
			return TACT_ENOMEM;
	}
	for (i = 0; i < r->nfindings; i++) {
		struct tact_finding *f = &r->findings[i];
		const struct tact_rule *rule = ctx->checker->rules[f->order];
		int keep = 1;

		if (rule->kind == TACT_RULE_WORD && f->start < vocab_end)
			continue; /* another pattern's match of the same words */
		if (rule->kind == TACT_RULE_WORD) {
			vocab_end = f->end;
			if (profile_add(r, rule))
				return TACT_ENOMEM;
			keep = to && rule->band != to && tact_ctx_reportable(ctx, rule);
			if (keep && make_hint(r, f, rule, to, ctx))
				return TACT_ENOMEM;
		}
		if (keep)
			r->findings[o++] = *f;
	}
	r->nfindings = o;
	return TACT_OK;
}

/* ---- what the reply lacks --------------------------------------------------- */

/* Add a finding of a coaching rule over [s, e), with its suggestions
 * ({name} replaced by the client's name). */
static int add_coaching(struct tact_coach_state *cs, struct tact_report *r,
                        enum tact_rule_kind kind, size_t s, size_t e)
{
	const struct tact_check_ctx *ctx = cs->ctx;
	const struct tact_rule *rule = cs->coach->rules[kind];
	const char *name = ctx->opts->client_name;
	struct tact_finding *f;
	size_t ri, k;

	if (!rule || !tact_ctx_reportable(ctx, rule))
		return TACT_OK;
	if (tact_report_rule_index(r, rule, (ctx->flags & TACT_CHECK_ENGLISH) != 0,
	                           &ri) ||
	    !(f = tact_report_add(r)))
		return TACT_ENOMEM;
	f->rule = ri;
	f->order = rule->index;
	f->category_id = rule->category_id;
	f->start = s;
	f->end = e;
	f->match_len = e - s;
	f->advisory = 1;
	if (tact_report_string(r, ctx->text + s, e - s, &f->match))
		return TACT_ENOMEM;
	f->sugg = r->nsuggs;
	for (k = 0; k < rule->nsuggestions; k++) {
		struct tact_buf b = { NULL, 0, 0 };
		const char *t = rule->suggestions[k], *at;
		size_t off;
		int rc = TACT_OK;

		while (!rc && (at = strstr(t, "{name}")) != NULL) {
			rc = tact_buf_append(&b, t, (size_t)(at - t)) ||
			     tact_buf_append(&b, name ? name : "", name ? strlen(name) : 0);
			t = at + 6;
		}
		rc = rc || tact_buf_append(&b, t, strlen(t)) ||
		     tact_report_string(r, b.data, b.len, &off) ||
		     tact_grow((void **)&r->suggs, &r->scap, r->nsuggs + 1,
		               sizeof *r->suggs);
		tact_buf_free(&b);
		if (rc)
			return TACT_ENOMEM;
		r->suggs[r->nsuggs++] = off;
		f->nsugg++;
	}
	return TACT_OK;
}

static int is_upper_letter(uint32_t cp)
{
	return utf8proc_category((int32_t)cp) == UTF8PROC_CATEGORY_LU;
}

static int is_letter(uint32_t cp)
{
	return utf8proc_category((int32_t)cp) <= UTF8PROC_CATEGORY_LO &&
	       utf8proc_category((int32_t)cp) >= UTF8PROC_CATEGORY_LU;
}

/* Shouting: mostly capitals, or a run of exclamation marks. */
static int shouting(const struct tact_coach *c, const char *t, size_t len)
{
	size_t i = 0, letters = 0, upper = 0, bangs = 0;

	while (i < len) {
		uint32_t cp = tact_utf8_next(t, &i);

		if (cp == '!') {
			if (++bangs >= (size_t)c->exclamations)
				return 1;
			continue;
		}
		bangs = 0;
		if (is_letter(cp)) {
			letters++;
			upper += (size_t)is_upper_letter(cp);
		}
	}
	return letters >= 12 && (double)upper >= c->caps_ratio * (double)letters;
}

/* Read the customer's message: is it upset, does it ask for advice? */
static int read_customer(struct tact_coach_state *cs, pcre2_match_data *md,
                         int *upset, int *discovery)
{
	const tact_check_options *o = cs->ctx->opts;
	const char *t = o->customer_message;
	size_t len = o->customer_message_len, pos = 0, s, e;
	const pcre2_match_context *mctx = cs->ctx->checker->mctx;

	*upset = shouting(cs->coach, t, len);
	while (tact_next_sentence(t, len, &pos, &s, &e)) {
		if (tact_normalise(&cs->norm, t + s, e - s))
			return TACT_ENOMEM;
		*upset = *upset ||
		         tact_cue_match(&cs->coach->upset, &cs->norm, md, mctx, NULL, 0);
		*discovery = *discovery ||
		             tact_cue_match(&cs->coach->discovery, &cs->norm, md, mctx,
		                            NULL, 0);
	}
	return TACT_OK;
}

static int closed_only(const struct tact_report *r, size_t *first)
{
	size_t k;

	for (k = 0; k < r->nquestions; k++)
		if (r->questions[k].kind == TACT_QUESTION_OPEN)
			return 0;
	*first = 0;
	return r->nquestions > 0;
}

static int lacks(struct tact_coach_state *cs, struct tact_report *r,
                 pcre2_match_data *md)
{
	const tact_check_options *o = cs->ctx->opts;
	int upset = 0, discovery = (o->flags & TACT_CHECK_DISCOVERY) != 0;
	size_t q;

	if (o->customer_message && read_customer(cs, md, &upset, &discovery))
		return TACT_ENOMEM;
	if (upset && !cs->empathy_found &&
	    add_coaching(cs, r, TACT_RULE_EMPATHY, cs->first_s, cs->first_e))
		return TACT_ENOMEM;
	if (o->customer_message && !cs->solution_found &&
	    add_coaching(cs, r, TACT_RULE_SOLUTION, cs->last_s, cs->last_e))
		return TACT_ENOMEM;
	if (o->wait_seconds >= cs->coach->wait_min_seconds && !cs->apology_found &&
	    add_coaching(cs, r, TACT_RULE_WAIT, cs->first_s, cs->first_e))
		return TACT_ENOMEM;
	if (discovery && closed_only(r, &q) &&
	    add_coaching(cs, r, TACT_RULE_QUESTIONS, r->questions[q].start,
	                 r->questions[q].end))
		return TACT_ENOMEM;
	if (r->name_status == TACT_NAME_MISSING &&
	    add_coaching(cs, r, TACT_RULE_NAME, cs->first_s, cs->first_e))
		return TACT_ENOMEM;
	return TACT_OK;
}

int tact_coach_finish(struct tact_coach_state *cs, struct tact_report *r,
                      pcre2_match_data *md)
{
	if (cs->nstems)
		r->name_status = cs->name_found ? TACT_NAME_ADDRESSED
		                                : TACT_NAME_MISSING;
	if (vocabulary(cs, r))
		return TACT_ENOMEM;
	if (!cs->coach)
		return TACT_OK;
	/* An empty reply lacks everything; its findings sit at offset 0. */
	return lacks(cs, r, md);
}
