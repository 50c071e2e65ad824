/*
 * pack_coach.c: the `vocabulary:` and `coaching:` sections of a pack
 * (docs/coaching.md). Vocabulary words become rules of category
 * `vocabulary` matched like any other; the coaching checks become rules
 * without patterns, evaluated by coach.c after the phrase rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack.h"

#define STEM_PATTERN_MAX 1024

/* ---- vocabulary ------------------------------------------------------------ */

/* The fields the words of a vocabulary pack share. */
struct vocab_common {
	struct tact_rule proto;     /* severity, messages, explanation, source */
	char *hint, *hint_en;
};

static int copy_proto(struct tact_rule *r, const struct tact_rule *p)
{
	r->severity = p->severity < 0 ? TACT_SEVERITY_HINT : p->severity;
	r->message = tact_text_dup(p->message);
	r->message_en = tact_text_dup(p->message_en);
	r->explanation = tact_text_dup(p->explanation);
	r->explanation_en = tact_text_dup(p->explanation_en);
	r->source = tact_text_dup(p->source);
	if (!r->message || !r->explanation || (p->message_en && !r->message_en) ||
	    (p->explanation_en && !r->explanation_en) || (p->source && !r->source))
		return tact_err(TACT_ENOMEM, "out of memory");
	return TACT_OK;
}

/* Stems become a pattern "\b(?:stem|stem)\w*" and the rule's triggers. */
static int word_stems(struct loader *ld, yaml_node_t *n, struct tact_rule *r)
{
	struct tact_buf b = { NULL, 0, 0 };
	size_t k;
	int rc = pk_triggers(ld, n, r);

	if (rc)
		return rc;
	rc = tact_buf_append(&b, "\\b(?:", 5);
	for (k = 0; !rc && k < r->ntriggers; k++) {
		const char *t = r->triggers[k];

		if (strpbrk(t, "\\^$.|?*+()[]{}"))
			rc = pk_fail(ld, n, "stem '%s' must be letters only", t);
		else if ((k && tact_buf_putc(&b, '|')) ||
		         tact_buf_append(&b, t, strlen(t)))
			rc = tact_err(TACT_ENOMEM, "out of memory");
	}
	if (!rc && tact_buf_append(&b, ")\\w*", 4))
		rc = tact_err(TACT_ENOMEM, "out of memory");
	if (!rc && b.len > STEM_PATTERN_MAX)
		rc = pk_fail(ld, n, "too many stems");
	if (!rc) {
		r->patterns = tact_calloc(1, sizeof *r->patterns);
		if (!r->patterns)
			rc = tact_err(TACT_ENOMEM, "out of memory");
		else {
			r->npatterns = 1;
			rc = pk_rule_pattern(ld, n, b.data, &r->patterns[0]);
		}
	}
	tact_buf_free(&b);
	return rc;
}

static int word_field(struct loader *ld, yaml_node_pair_t *p,
                      struct tact_rule *r, char **word)
{
	yaml_node_t *v = pk_node(ld, p->value);

	if (pk_is_key(p, ld, "word") && !*word)
		return pk_scalar_dup(ld, v, "word", word);
	if (pk_is_key(p, ld, "stems") && !r->patterns)
		return word_stems(ld, v, r);
	if (pk_is_key(p, ld, "patterns") && !r->patterns)
		return pk_patterns(ld, v, r);
	if (pk_is_key(p, ld, "triggers") && !r->triggers)
		return pk_triggers(ld, v, r);
	if (pk_is_key(p, ld, "id") && !r->id)
		return pk_scalar_lasting(ld, v, "id", &r->id);
	return pk_fail(ld, pk_node(ld, p->key),
	               "unknown or repeated word field '%s'",
	               pk_scalar(pk_node(ld, p->key)) ? pk_scalar(pk_node(ld, p->key)) : "?");
}

static int band_add_word(struct tact_band *band, char *word)
{
	if (tact_grow((void **)&band->words, &band->wordcap, band->nwords + 1,
	              sizeof *band->words)) {
		free(word);
		return tact_err(TACT_ENOMEM, "out of memory");
	}
	band->words[band->nwords++] = word;
	return TACT_OK;
}

static int parse_word(struct loader *ld, yaml_node_t *n,
                      const struct vocab_common *vc, struct tact_band *band)
{
	struct tact_rule *r;
	yaml_node_pair_t *p;
	char *word = NULL, id[160];
	int rc;

	if (n->type != YAML_MAPPING_NODE)
		return pk_fail(ld, n, "a word is a map {word, stems or patterns}");
	if ((rc = pk_new_rule(ld, &r)) || (rc = copy_proto(r, &vc->proto)))
		return rc;
	r->kind = TACT_RULE_WORD;
	r->band = band;
	r->word = band->nwords;
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++)
		if ((rc = word_field(ld, p, r, &word))) {
			free(word);
			return rc;
		}
	if (!word)
		return pk_fail(ld, n, "a word needs 'word'");
	if ((rc = band_add_word(band, word)))
		return rc;
	if (!r->patterns)
		return pk_fail(ld, n, "word '%s' needs 'stems' or 'patterns'", word);
	if (!r->id) {
		snprintf(id, sizeof id, "%s.vocabulary.%zu", ld->language, ld->nrules);
		r->id = tact_strdup(id);
	}
	r->category = tact_strdup("vocabulary");
	if (!r->id || !r->category)
		return tact_err(TACT_ENOMEM, "out of memory");
	if (!pk_valid_id(r->id))
		return pk_fail(ld, n, "word id '%s' is not a valid id", r->id);
	return pk_unique_id(ld, n, r->id);
}

static int band_field(struct loader *ld, yaml_node_pair_t *p,
                      struct tact_band *b, const struct vocab_common *vc)
{
	yaml_node_t *v = pk_node(ld, p->value);
	yaml_node_item_t *it;
	long n;
	int rc;

	if (pk_is_key(p, ld, "name") && !b->name)
		return pk_scalar_dup(ld, v, "name", &b->name);
	if (pk_is_key(p, ld, "theme") && !b->theme)
		return pk_scalar_dup(ld, v, "theme", &b->theme);
	if (pk_is_key(p, ld, "theme_en") && !b->theme_en)
		return pk_scalar_dup(ld, v, "theme_en", &b->theme_en);
	if (pk_is_key(p, ld, "min_age")) {
		rc = pk_int(ld, v, "min_age", 0, 150, &n);
		b->min_age = (int)n;
		return rc;
	}
	if (pk_is_key(p, ld, "max_age")) {
		rc = pk_int(ld, v, "max_age", 0, 150, &n);
		b->max_age = (int)n;
		return rc;
	}
	if (pk_is_key(p, ld, "words") && v->type == YAML_SEQUENCE_NODE) {
		for (it = v->data.sequence.items.start;
		     it < v->data.sequence.items.top; it++)
			if ((rc = parse_word(ld, pk_node(ld, *it), vc, b)))
				return rc;
		return TACT_OK;
	}
	return pk_fail(ld, pk_node(ld, p->key), "unknown or repeated band field");
}

static int parse_band(struct loader *ld, yaml_node_t *n,
                      const struct vocab_common *vc)
{
	struct tact_band *b;
	yaml_node_pair_t *p;
	int rc;

	if (n->type != YAML_MAPPING_NODE)
		return pk_fail(ld, n, "a band is a map {name, min_age, max_age, words}");
	if (tact_grow((void **)&ld->bands, &ld->bandcap, ld->nbands + 1,
	              sizeof *ld->bands) ||
	    !(b = tact_calloc(1, sizeof *b)))
		return tact_err(TACT_ENOMEM, "out of memory");
	ld->bands[ld->nbands++] = b;
	b->min_age = b->max_age = -1;
	b->language = tact_strdup(ld->language);
	b->hint = tact_strdup(vc->hint);
	b->hint_en = tact_strdup(vc->hint_en ? vc->hint_en : vc->hint);
	if (!b->language || !b->hint || !b->hint_en)
		return tact_err(TACT_ENOMEM, "out of memory");
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++)
		if ((rc = band_field(ld, p, b, vc)))
			return rc;
	if (!b->name || !b->theme || b->min_age < 0 || b->max_age < b->min_age ||
	    b->nwords == 0)
		return pk_fail(ld, n, "a band needs 'name', 'theme', 'min_age' <= "
		               "'max_age' and 'words'");
	return TACT_OK;
}

static int vocab_field(struct loader *ld, yaml_node_pair_t *p,
                       struct vocab_common *vc, yaml_node_t **bands)
{
	yaml_node_t *v = pk_node(ld, p->value);
	const char *key = pk_scalar(pk_node(ld, p->key));

	if (!key)
		return pk_fail(ld, v, "keys must be strings");
	if (!strcmp(key, "bands")) {
		*bands = v;
		return TACT_OK;
	}
	if (!strcmp(key, "hint") && !vc->hint)
		return pk_scalar_dup(ld, v, "hint", &vc->hint);
	if (!strcmp(key, "hint_en") && !vc->hint_en)
		return pk_scalar_dup(ld, v, "hint_en", &vc->hint_en);
	if (!strcmp(key, "severity") || !strncmp(key, "message", 7) ||
	    !strncmp(key, "explanation", 11) || !strcmp(key, "source"))
		return pk_rule_field(ld, &vc->proto, key, v);
	return pk_fail(ld, pk_node(ld, p->key), "unknown vocabulary field '%s'",
	               key);
}

/* Bands must not overlap, so an age has at most one band. */
static int check_bands(struct loader *ld, yaml_node_t *n, size_t first)
{
	size_t i, j;

	for (i = first; i < ld->nbands; i++)
		for (j = first; j < i; j++)
			if (ld->bands[i]->min_age <= ld->bands[j]->max_age &&
			    ld->bands[j]->min_age <= ld->bands[i]->max_age)
				return pk_fail(ld, n, "bands '%s' and '%s' overlap",
				               ld->bands[j]->name, ld->bands[i]->name);
	return TACT_OK;
}

int pk_vocabulary(struct loader *ld, yaml_node_t *n)
{
	struct vocab_common vc;
	yaml_node_t *bands = NULL;
	yaml_node_item_t *it;
	yaml_node_pair_t *p;
	size_t first = ld->nbands;
	int rc = TACT_OK;

	memset(&vc, 0, sizeof vc);
	vc.proto.severity = -1;
	if (n->type != YAML_MAPPING_NODE)
		return pk_fail(ld, n, "'vocabulary' must be a map");
	if (tact_band_count(ld->checker, ld->language))
		return pk_fail(ld, n, "vocabulary for '%s' is loaded already",
		               ld->language);
	for (p = n->data.mapping.pairs.start; !rc && p < n->data.mapping.pairs.top;
	     p++)
		rc = vocab_field(ld, p, &vc, &bands);
	if (!rc && (!vc.proto.message || !vc.proto.explanation || !vc.hint))
		rc = pk_fail(ld, n, "'vocabulary' needs 'message', 'explanation' and "
		             "'hint'");
	if (!rc && (!bands || bands->type != YAML_SEQUENCE_NODE))
		rc = pk_fail(ld, n, "'vocabulary' needs a list of 'bands'");
	for (it = rc ? NULL : bands->data.sequence.items.start;
	     it && !rc && it < bands->data.sequence.items.top; it++)
		rc = parse_band(ld, pk_node(ld, *it), &vc);
	if (!rc)
		rc = check_bands(ld, n, first);
	free(vc.hint);
	free(vc.hint_en);
	tact_text_free(vc.proto.message);
	tact_text_free(vc.proto.message_en);
	tact_text_free(vc.proto.explanation);
	tact_text_free(vc.proto.explanation_en);
	tact_text_free(vc.proto.source);
	return rc;
}

/* ---- coaching ---------------------------------------------------------------- */

struct coach_kind {
	const char *section;    /* key in `coaching:` */
	const char *category;
	const char *suffix;     /* rule id: <lang>.<category>.<suffix> */
	enum tact_rule_kind kind;
};

static const struct coach_kind coach_kinds[] = {
	{ "name", "name", "missing", TACT_RULE_NAME },
	{ "empathy", "empathy", "missing", TACT_RULE_EMPATHY },
	{ "solution", "solution", "missing", TACT_RULE_SOLUTION },
	{ "wait", "wait", "no-apology", TACT_RULE_WAIT },
	{ "questions", "questions", "closed-only", TACT_RULE_QUESTIONS },
};

static int parse_cue(struct loader *ld, yaml_node_t *n, const char *what,
                     struct tact_cue *cue)
{
	char **src = NULL;
	size_t count = 0, k;
	int rc;

	if (cue->v)
		return pk_fail(ld, n, "'%s' given twice", what);
	rc = pk_string_list(ld, n, what, &src, &count);
	if (!rc && !(cue->v = tact_calloc(count, sizeof *cue->v)))
		rc = tact_err(TACT_ENOMEM, "out of memory");
	for (k = 0; !rc && k < count; k++) {
		rc = pk_unanchored(ld, n, TACT_PREP_CUE, src[k], &cue->v[k]);
		cue->n++;  /* freed whole, even when it failed half-way */
	}
	for (k = 0; src && k < count; k++)
		free(src[k]);
	free(src);
	return rc;
}

static int parse_ratio(struct loader *ld, yaml_node_t *n, double *out)
{
	const char *s = pk_scalar(n);
	char *end = NULL;
	double v = s ? strtod(s, &end) : -1;

	if (!s || *end || !(v > 0 && v <= 1))
		return pk_fail(ld, n, "'caps_ratio' must be a number in (0, 1]");
	*out = v;
	return TACT_OK;
}

/* The fields only one kind of coaching check has. */
static int coach_special(struct loader *ld, struct tact_coach *c,
                         enum tact_rule_kind kind, const char *key,
                         yaml_node_t *v, int *handled)
{
	*handled = 1;
	if (kind == TACT_RULE_NAME && !strcmp(key, "strip_endings") &&
	    !c->name_strip) {
		size_t k;
		int rc = pk_string_list(ld, v, key, &c->name_strip, &c->nname_strip);

		for (k = 0; !rc && k < c->nname_strip; k++) {
			char *f = tact_fold_string(c->name_strip[k],
			                           strlen(c->name_strip[k]), 1);

			if (!f)
				return tact_err(TACT_ENOMEM, "out of memory");
			free(c->name_strip[k]);
			c->name_strip[k] = f;
		}
		return rc;
	}
	if (kind == TACT_RULE_NAME && !strcmp(key, "max_suffix"))
		return pk_int(ld, v, key, 0, 16, &c->name_max_suffix);
	if (kind == TACT_RULE_EMPATHY && !strcmp(key, "patterns"))
		return parse_cue(ld, v, key, &c->empathy);
	if (kind == TACT_RULE_EMPATHY && !strcmp(key, "upset"))
		return parse_cue(ld, v, key, &c->upset);
	if (kind == TACT_RULE_EMPATHY && !strcmp(key, "caps_ratio"))
		return parse_ratio(ld, v, &c->caps_ratio);
	if (kind == TACT_RULE_EMPATHY && !strcmp(key, "exclamations"))
		return pk_int(ld, v, key, 1, 100, &c->exclamations);
	if (kind == TACT_RULE_SOLUTION && !strcmp(key, "patterns"))
		return parse_cue(ld, v, key, &c->solution);
	if (kind == TACT_RULE_WAIT && !strcmp(key, "patterns"))
		return parse_cue(ld, v, key, &c->wait_apology);
	if (kind == TACT_RULE_WAIT && !strcmp(key, "min_seconds"))
		return pk_int(ld, v, key, 1, 10L * 365 * 86400, &c->wait_min_seconds);
	if (kind == TACT_RULE_QUESTIONS && !strcmp(key, "open"))
		return parse_cue(ld, v, key, &c->open_q);
	if (kind == TACT_RULE_QUESTIONS && !strcmp(key, "discovery"))
		return parse_cue(ld, v, key, &c->discovery);
	*handled = 0;
	return TACT_OK;
}

static int coach_rule(struct loader *ld, yaml_node_t *n,
                      const struct coach_kind *ck, struct tact_coach *c)
{
	static const char *const shared[] = {
		"severity", "message", "message_en", "explanation",
		"explanation_en", "source", "suggestions", "examples",
	};
	struct tact_rule *r;
	yaml_node_pair_t *p;
	char id[160];
	int rc;

	if (n->type != YAML_MAPPING_NODE)
		return pk_fail(ld, n, "'%s' must be a map", ck->section);
	if ((rc = pk_new_rule(ld, &r)))
		return rc;
	r->kind = ck->kind;
	snprintf(id, sizeof id, "%s.%s.%s", ld->language, ck->category, ck->suffix);
	r->id = tact_strdup(id);
	r->category = tact_strdup(ck->category);
	if (!r->id || !r->category)
		return tact_err(TACT_ENOMEM, "out of memory");
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		const char *key = pk_scalar(pk_node(ld, p->key));
		yaml_node_t *v = pk_node(ld, p->value);
		int handled = 0;
		size_t k;

		if (!key)
			return pk_fail(ld, v, "keys must be strings");
		if ((rc = coach_special(ld, c, ck->kind, key, v, &handled)))
			return rc;
		for (k = 0; !handled && k < TACT_ARRAY_LEN(shared); k++)
			if (!strcmp(key, shared[k])) {
				if ((rc = pk_rule_field(ld, r, key, v)))
					return rc;
				handled = 1;
			}
		if (!handled)
			return pk_fail(ld, pk_node(ld, p->key), "unknown field '%s' in "
			               "coaching '%s'", key, ck->section);
	}
	if (r->severity < 0 || !r->message || !r->explanation)
		return pk_fail(ld, n, "coaching '%s' needs 'severity', 'message' and "
		               "'explanation'", ck->section);
	c->rules[ck->kind] = r;
	return pk_unique_id(ld, n, r->id);
}

/* What each check needs to work at all. */
static int coach_complete(struct loader *ld, yaml_node_t *n,
                          const struct tact_coach *c)
{
	if (c->rules[TACT_RULE_EMPATHY] && (!c->empathy.n || !c->upset.n))
		return pk_fail(ld, n, "coaching 'empathy' needs 'patterns' and 'upset'");
	if (c->rules[TACT_RULE_SOLUTION] && !c->solution.n)
		return pk_fail(ld, n, "coaching 'solution' needs 'patterns'");
	if (c->rules[TACT_RULE_WAIT] && !c->wait_apology.n)
		return pk_fail(ld, n, "coaching 'wait' needs 'patterns'");
	if (c->rules[TACT_RULE_QUESTIONS] && !c->open_q.n)
		return pk_fail(ld, n, "coaching 'questions' needs 'open'");
	return TACT_OK;
}

int pk_coaching(struct loader *ld, yaml_node_t *n)
{
	yaml_node_pair_t *p;
	struct tact_coach *c;
	int rc;

	if (n->type != YAML_MAPPING_NODE)
		return pk_fail(ld, n, "'coaching' must be a map");
	if (tact_coach_find(ld->checker, ld->language))
		return pk_fail(ld, n, "coaching for '%s' is loaded already",
		               ld->language);
	c = ld->coach = tact_calloc(1, sizeof *c);
	if (!c || !(c->language = tact_strdup(ld->language)))
		return tact_err(TACT_ENOMEM, "out of memory");
	c->name_max_suffix = 4;
	c->caps_ratio = 0.6;
	c->exclamations = 3;
	c->wait_min_seconds = 900;
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		size_t k;

		for (k = 0; k < TACT_ARRAY_LEN(coach_kinds); k++)
			if (pk_is_key(p, ld, coach_kinds[k].section))
				break;
		if (k == TACT_ARRAY_LEN(coach_kinds))
			return pk_fail(ld, pk_node(ld, p->key), "unknown coaching section");
		if (c->rules[coach_kinds[k].kind])
			return pk_fail(ld, pk_node(ld, p->key), "coaching '%s' given twice",
			               coach_kinds[k].section);
		if ((rc = coach_rule(ld, pk_node(ld, p->value), &coach_kinds[k], c)))
			return rc;
	}
	return coach_complete(ld, n, c);
}

/* ---- freeing ------------------------------------------------------------------ */

static void cue_free(struct tact_cue *q)
{
	size_t k;

	for (k = 0; k < q->n; k++)
		tact_pattern_free(&q->v[k]);
	free(q->v);
}

void tact_coach_free(struct tact_coach *c)
{
	size_t k;

	if (!c)
		return;
	free(c->language);
	for (k = 0; k < c->nname_strip; k++)
		free(c->name_strip[k]);
	free(c->name_strip);
	cue_free(&c->upset);
	cue_free(&c->empathy);
	cue_free(&c->solution);
	cue_free(&c->wait_apology);
	cue_free(&c->open_q);
	cue_free(&c->discovery);
	free(c);
}

void tact_band_free(struct tact_band *b)
{
	size_t k;

	if (!b)
		return;
	free(b->language);
	free(b->name);
	free(b->theme);
	free(b->theme_en);
	free(b->hint);
	free(b->hint_en);
	for (k = 0; k < b->nwords; k++)
		free(b->words[k]);
	free(b->words);
	free(b);
}
