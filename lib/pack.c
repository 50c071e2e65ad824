/*
 * pack.c: reading a YAML rule pack (docs/rule-packs.md) into compiled rules.
 *
 * The whole pack is parsed and compiled into a private list first; only
 * when every rule is valid is the list handed to the checker, so a refused
 * pack leaves nothing behind.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "internal.h"
#include "pack.h"

#define MSG_MAX 384
/* Bounds on what one pack may hold. */
#define PACK_MAX_RULES 100000
#define PACK_MAX_ITEMS 10000


int pk_fail(struct loader *ld, const yaml_node_t *node, const char *fmt,
                ...)
{
	char msg[MSG_MAX];
	va_list ap;
	size_t line = node ? node->start_mark.line + 1 : (size_t)-1;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (node)
		return tact_err_at(TACT_EPACK, ld->name, line, (size_t)-1,
		                   "%s:%zu: %s", ld->name, line, msg);
	return tact_err_at(TACT_EPACK, ld->name, line, (size_t)-1, "%s: %s",
	                   ld->name, msg);
}

/* ---- node helpers ---------------------------------------------------------- */

yaml_node_t *pk_node(struct loader *ld, int index)
{
	return yaml_document_get_node(&ld->doc, index);
}

const char *pk_scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value
	                                        : NULL;
}

/* The text of scalar n, checked: NULL after an error. */
static const char *scalar_text(struct loader *ld, yaml_node_t *n,
                               const char *what)
{
	const char *s = pk_scalar(n);
	size_t len;

	if (!s) {
		pk_fail(ld, n, "'%s' must be a string", what);
		return NULL;
	}
	len = n->data.scalar.length;
	if (strlen(s) != len) {
		pk_fail(ld, n, "'%s' contains a NUL byte", what);
		return NULL;
	}
	if (tact_utf8_check(s, len) != len) {
		pk_fail(ld, n, "'%s' is not valid UTF-8", what);
		return NULL;
	}
	return s;
}

/* A copy of text s, checked by scalar_text(), of scalar n. */
static int scalar_copy(const yaml_node_t *n, const char *s, char **out)
{
	*out = tact_strndup(s, n->data.scalar.length);
	return *out ? TACT_OK : tact_err(TACT_ENOMEM, "out of memory");
}

int pk_scalar_dup(struct loader *ld, yaml_node_t *n, const char *what,
                      char **out)
{
	const char *s = scalar_text(ld, n, what);

	return s ? scalar_copy(n, s, out) : TACT_EPACK;
}

int pk_scalar_lasting(struct loader *ld, yaml_node_t *n, const char *what,
                      char **out)
{
	const char *s = scalar_text(ld, n, what);

	if (!s)
		return TACT_EPACK;
	*out = tact_text_dup(s);        /* scalar_text(): no NUL inside */
	return *out ? TACT_OK : tact_err(TACT_ENOMEM, "out of memory");
}

/* A string, or a sequence of strings, into a new array. */
int pk_string_list(struct loader *ld, yaml_node_t *n, const char *what,
                       char ***out, size_t *count)
{
	yaml_node_item_t *it;
	size_t k = 0, total;
	int rc;

	if (n->type == YAML_SCALAR_NODE) {
		*out = tact_calloc(1, sizeof **out);
		if (!*out)
			return tact_err(TACT_ENOMEM, "out of memory");
		*count = 1;
		return pk_scalar_dup(ld, n, what, &(*out)[0]);
	}
	if (n->type != YAML_SEQUENCE_NODE)
		return pk_fail(ld, n, "'%s' must be a string or a list of strings", what);
	total = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	if (total > PACK_MAX_ITEMS)
		return pk_fail(ld, n, "'%s' has more than %d items", what, PACK_MAX_ITEMS);
	*out = tact_calloc(total, sizeof **out);
	if (!*out)
		return tact_err(TACT_ENOMEM, "out of memory");
	*count = total;
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++, k++)
		if ((rc = pk_scalar_dup(ld, pk_node(ld, *it), what, &(*out)[k])))
			return rc;
	return TACT_OK;
}

int pk_is_key(const yaml_node_pair_t *p, struct loader *ld, const char *k)
{
	const char *s = pk_scalar(pk_node(ld, p->key));

	return s && strcmp(s, k) == 0;
}

/* ---- rule fields ------------------------------------------------------------ */

int pk_severity(struct loader *ld, yaml_node_t *n, int *out)
{
	const char *s = pk_scalar(n);
	int k;

	for (k = TACT_SEVERITY_HINT; k <= TACT_SEVERITY_ERROR; k++)
		if (s && strcmp(s, tact_severity_name(k)) == 0) {
			*out = k;
			return TACT_OK;
		}
	return pk_fail(ld, n, "severity must be error, warning or hint");
}

int pk_valid_id(const char *id)
{
	const char *p;

	if (!*id || strlen(id) > 128)
		return 0;
	for (p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		      *p == '_'))
			return 0;
	return 1;
}

int pk_known_category(struct loader *ld, const char *name)
{
	size_t k;

	if (tact_category_find(ld->checker, name) != (size_t)-1)
		return 1;
	for (k = 0; k < ld->ncats; k++)
		if (strcmp(ld->cats[k], name) == 0)
			return 1;
	return 0;
}

int pk_compile(struct loader *ld, yaml_node_t *n, const char *src,
               uint32_t options, pcre2_code **out)
{
	char msg[MSG_MAX];
	int nomem = 0;

	*out = tact_pattern_compile(src, options, 0, msg, sizeof msg, &nomem);
	if (!*out && nomem)
		return tact_err(TACT_ENOMEM, "out of memory");
	if (!*out)
		return pk_fail(ld, n, "pattern '%.60s%s': %s", src,
		               strlen(src) > 60 ? "..." : "", msg);
	return TACT_OK;
}

/* Compile a pattern that runs unanchored and note the literal its
 * matches start with (read from folded, src as folded); JIT-compiled on
 * use (tact_pattern_code()). One that opens with [^\n]* is compiled
 * anchored and tried where lines start (tact_pattern_search()). */
static int pattern_with_literal(struct loader *ld, yaml_node_t *n,
                                const char *src, const char *folded,
                                struct tact_pattern *p)
{
	int rc;

	p->line_start = tact_pattern_line_start(src);
	rc = pk_compile(ld, n, src, p->line_start ? PCRE2_ANCHORED : 0,
	                &p->code);

	if (rc)
		return rc;
	p->literal = tact_pattern_literal(folded);
	p->literal_len = p->literal ? strlen(p->literal) : 0;
	return TACT_OK;
}

/* The literals of exception p (folded source): those one of which its
 * matches start with, or else contain (tact_exception_indexed()), and a
 * second set, one of which they also contain (in p->inner). The second
 * set is kept only when its literals all start words: one looked for
 * inside words could make the scan read inside every word of a language
 * whose other literals all start words. */
static int exception_literals(struct tact_pattern *p, const char *folded)
{
	const struct tact_anchors *first = &p->anchors;

	if (tact_pattern_anchors(folded, &p->anchors))
		return TACT_ENOMEM;
	if (!p->anchors.n) {
		if (tact_pattern_required(folded, &p->required))
			return TACT_ENOMEM;
		first = &p->required;
	}
	if (!first->n)
		return TACT_OK;
	if (tact_pattern_second(folded, first, &p->inner))
		return TACT_ENOMEM;
	if (!tact_anchors_at_words(&p->inner))
		tact_anchors_free(&p->inner);
	return TACT_OK;
}

/* An exception, and its literals. */
static int exception(struct loader *ld, yaml_node_t *n, const char *src,
                     struct tact_pattern *p)
{
	char *folded = tact_fold_string(src, strlen(src), 0);
	int rc = folded ? pattern_with_literal(ld, n, src, folded, p)
	                : tact_err(TACT_ENOMEM, "out of memory");

	if (!rc && exception_literals(p, folded))
		rc = tact_err(TACT_ENOMEM, "out of memory");
	tact_free(folded);
	return rc;
}

/* Hand a pattern just computed to the build tool that prepares the
 * built-in packs (lib/prepare.c), when it is the one loading. */
static int note(struct loader *ld, enum tact_prep_kind kind, const char *src,
                const struct tact_pattern *p)
{
	if (!ld->prep || !ld->prep->note ||
	    ld->prep->note(ld->prep->arg, kind, src, p) == TACT_OK)
		return TACT_OK;
	return tact_err(TACT_ENOMEM, "out of memory");
}

/* The prepared pattern for src, if there is one: 1 when p was filled. */
static int take(struct loader *ld, enum tact_prep_kind kind, const char *src,
                struct tact_pattern *p, int *rc)
{
	int got = tact_prep_take(ld->prep, kind, src, p);

	*rc = got < 0 ? tact_err(TACT_ENOMEM, "out of memory") : TACT_OK;
	return got != 0;
}

/* Pattern p's inner literals, when its anchors are short, or many and
 * long: then only when they are few (TACT_INNER_FEW). */
static int inner_literals(struct tact_pattern *p)
{
	int short_anchors =
	        tact_anchors_shortest(&p->anchors) < TACT_INNER_BELOW;

	if (!short_anchors && p->anchors.n < TACT_INNER_WIDE)
		return TACT_OK;
	if (tact_pattern_inner(p->source, &p->anchors, &p->inner))
		return TACT_ENOMEM;
	if (!short_anchors && p->inner.n > TACT_INNER_FEW)
		tact_anchors_free(&p->inner);
	return TACT_OK;
}

/* The literals the index finds pattern p by: its anchors, and inner
 * literals when the anchors are short or many; else its required literals
 * and a second set (docs/performance.md). */
static int pattern_literals(struct tact_pattern *p)
{
	if (tact_pattern_anchors(p->source, &p->anchors))
		return TACT_ENOMEM;
	if (p->anchors.n)
		return inner_literals(p);
	if (tact_pattern_required(p->source, &p->required))
		return TACT_ENOMEM;
	return p->required.n
	               ? tact_pattern_second(p->source, &p->required, &p->inner)
	               : TACT_OK;
}

/* struct tact_pattern's starts_below for pattern src: a white-space
 * character is at most three bytes. */
static size_t starts_below(const char *src)
{
	int spaces = tact_pattern_opening(src);

	return spaces < 0 ? 0 : 3 * (size_t)spaces + 1;
}

static int rule_pattern(struct loader *ld, yaml_node_t *n, const char *src,
                        struct tact_pattern *p)
{
	p->source = tact_fold_string(src, strlen(src), 0);
	if (!p->source || pattern_literals(p))
		return tact_err(TACT_ENOMEM, "out of memory");
	if (p->anchors.n == 0)
		return pattern_with_literal(ld, n, src, p->source, p);
	p->starts_below = starts_below(src);
	return pk_compile(ld, n, src, PCRE2_ANCHORED, &p->code);
}

int pk_rule_pattern(struct loader *ld, yaml_node_t *n, const char *src,
                    struct tact_pattern *p)
{
	int rc;

	if (take(ld, TACT_PREP_RULE, src, p, &rc))
		return rc;
	rc = rule_pattern(ld, n, src, p);
	return rc ? rc : note(ld, TACT_PREP_RULE, src, p);
}

int pk_unanchored(struct loader *ld, yaml_node_t *n, enum tact_prep_kind kind,
                  const char *src, struct tact_pattern *p)
{
	int rc;

	if (take(ld, kind, src, p, &rc))
		return rc;
	rc = kind == TACT_PREP_CUE ? pk_compile(ld, n, src, 0, &p->code)
	                           : exception(ld, n, src, p);
	return rc ? rc : note(ld, kind, src, p);
}

static int parse_pattern(struct loader *ld, yaml_node_t *n,
                         struct tact_pattern *p)
{
	yaml_node_pair_t *pr;
	yaml_node_t *regex = NULL;
	int rc;

	if (n->type == YAML_SCALAR_NODE)
		return pk_rule_pattern(ld, n, pk_scalar(n), p);
	if (n->type != YAML_MAPPING_NODE)
		return pk_fail(ld, n, "a pattern is a string or {regex, suggestions}");
	for (pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top;
	     pr++) {
		yaml_node_t *v = pk_node(ld, pr->value);

		if (pk_is_key(pr, ld, "regex") && !regex) {
			regex = v;
		} else if (pk_is_key(pr, ld, "suggestions") && !p->suggestions) {
			if ((rc = pk_string_list(ld, v, "suggestions", &p->suggestions,
			                      &p->nsuggestions)))
				return rc;
		} else {
			return pk_fail(ld, pk_node(ld, pr->key),
			            "unknown pattern field '%s'",
			            pk_scalar(pk_node(ld, pr->key)) ? pk_scalar(pk_node(ld, pr->key)) : "?");
		}
	}
	if (!pk_scalar(regex))
		return pk_fail(ld, n, "a pattern map needs 'regex'");
	return pk_rule_pattern(ld, regex, pk_scalar(regex), p);
}

int pk_patterns(struct loader *ld, yaml_node_t *n,
                          struct tact_rule *r)
{
	yaml_node_item_t *it;
	size_t total, k = 0;
	int rc;

	if (n->type == YAML_SCALAR_NODE) {
		r->patterns = tact_calloc(1, sizeof *r->patterns);
		if (!r->patterns)
			return tact_err(TACT_ENOMEM, "out of memory");
		r->npatterns = 1;
		return parse_pattern(ld, n, &r->patterns[0]);
	}
	if (n->type != YAML_SEQUENCE_NODE)
		return pk_fail(ld, n, "'patterns' must be a list");
	total = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	if (total == 0 || total > PACK_MAX_ITEMS)
		return pk_fail(ld, n, "'patterns' must hold 1 to %d patterns",
		            PACK_MAX_ITEMS);
	r->patterns = tact_calloc(total, sizeof *r->patterns);
	if (!r->patterns)
		return tact_err(TACT_ENOMEM, "out of memory");
	r->npatterns = total;
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++, k++)
		if ((rc = parse_pattern(ld, pk_node(ld, *it), &r->patterns[k])))
			return rc;
	return TACT_OK;
}

static int parse_exceptions(struct loader *ld, yaml_node_t *n,
                            struct tact_rule *r)
{
	char **src = NULL;
	size_t count = 0, k;
	int rc = pk_string_list(ld, n, "exceptions", &src, &count);

	if (!rc) {
		r->exceptions = tact_calloc(count, sizeof *r->exceptions);
		if (!r->exceptions)
			rc = tact_err(TACT_ENOMEM, "out of memory");
		else
			r->nexceptions = count;
	}
	for (k = 0; !rc && k < count; k++)
		rc = pk_unanchored(ld, n, TACT_PREP_EXCEPTION, src[k],
		                   &r->exceptions[k]);
	for (k = 0; src && k < count; k++)
		free(src[k]);
	free(src);
	return rc;
}

int pk_triggers(struct loader *ld, yaml_node_t *n,
                          struct tact_rule *r)
{
	size_t k;
	int rc = pk_string_list(ld, n, "triggers", &r->triggers, &r->ntriggers);

	for (k = 0; !rc && k < r->ntriggers; k++) {
		char *folded = tact_fold_string(r->triggers[k],
		                                strlen(r->triggers[k]), 1);
		size_t i = 0;
		uint32_t cp;

		if (!folded)
			return tact_err(TACT_ENOMEM, "out of memory");
		free(r->triggers[k]);
		r->triggers[k] = folded;
		cp = folded[0] ? tact_utf8_next(folded, &i) : 0;
		if (!((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
		      cp >= 0xC0))
			return pk_fail(ld, n, "trigger '%s' must start with a letter or digit",
			            folded);
	}
	return rc;
}

static int example_field(struct loader *ld, yaml_node_pair_t *p, int kind,
                         struct tact_example *ex)
{
	yaml_node_t *v = pk_node(ld, p->value);
	long n;
	int rc;

	if (pk_is_key(p, ld, "text") && !ex->text)
		return pk_scalar_dup(ld, v, "text", &ex->text);
	if (pk_is_key(p, ld, "fix") && kind == TACT_EXAMPLE_BAD && !ex->fix)
		return pk_scalar_dup(ld, v, "fix", &ex->fix);
	if (pk_is_key(p, ld, "customer") && !ex->customer)
		return pk_scalar_dup(ld, v, "customer", &ex->customer);
	if (pk_is_key(p, ld, "name") && !ex->name)
		return pk_scalar_dup(ld, v, "name", &ex->name);
	if (pk_is_key(p, ld, "age")) {
		rc = pk_int(ld, v, "age", 0, 150, &n);
		ex->age = (int)n;
		return rc;
	}
	if (pk_is_key(p, ld, "wait_seconds"))
		return pk_int(ld, v, "wait_seconds", 0, 10L * 365 * 86400,
		              &ex->wait_seconds);
	if (pk_is_key(p, ld, "discovery")) {
		const char *b = pk_scalar(v);

		if (!b || (strcmp(b, "true") && strcmp(b, "false")))
			return pk_fail(ld, v, "'discovery' must be true or false");
		ex->discovery = strcmp(b, "true") == 0;
		return TACT_OK;
	}
	return pk_fail(ld, pk_node(ld, p->key), "unknown or repeated example field");
}

int pk_int(struct loader *ld, yaml_node_t *n, const char *what, long lo,
           long hi, long *out)
{
	const char *s = pk_scalar(n);
	char *end = NULL;
	long v;

	if (!s || !*s)
		return pk_fail(ld, n, "'%s' must be a whole number", what);
	v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		return pk_fail(ld, n, "'%s' must be a whole number from %ld to %ld",
		               what, lo, hi);
	*out = v;
	return TACT_OK;
}

static int parse_example_list(struct loader *ld, yaml_node_t *n, int kind,
                              struct tact_rule *r)
{
	yaml_node_item_t *it;
	size_t total, k = 0;
	int rc;

	if (n->type != YAML_SEQUENCE_NODE)
		return pk_fail(ld, n, "examples must be lists");
	if (r->examples[kind])
		return pk_fail(ld, n, "examples given twice");
	total = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	if (total > PACK_MAX_ITEMS)
		return pk_fail(ld, n, "too many examples");
	r->examples[kind] = tact_calloc(total, sizeof *r->examples[kind]);
	if (!r->examples[kind])
		return tact_err(TACT_ENOMEM, "out of memory");
	r->nexamples[kind] = total;
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++, k++) {
		yaml_node_t *e = pk_node(ld, *it);
		struct tact_example *ex = &r->examples[kind][k];
		yaml_node_pair_t *p;

		ex->age = -1;
		ex->wait_seconds = -1;
		if (e->type == YAML_SCALAR_NODE) {
			if ((rc = pk_scalar_dup(ld, e, "example", &ex->text)))
				return rc;
			continue;
		}
		if (e->type != YAML_MAPPING_NODE)
			return pk_fail(ld, e, "an example is a string or {text, fix}");
		for (p = e->data.mapping.pairs.start; p < e->data.mapping.pairs.top; p++)
			if ((rc = example_field(ld, p, kind, ex)))
				return rc;
		if (!ex->text)
			return pk_fail(ld, e, "an example needs 'text'");
	}
	return TACT_OK;
}

int pk_examples(struct loader *ld, yaml_node_t *n,
                          struct tact_rule *r)
{
	yaml_node_pair_t *p;
	int rc;

	if (n->type != YAML_MAPPING_NODE)
		return pk_fail(ld, n, "'examples' must be a map with 'bad' and 'good'");
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *v = pk_node(ld, p->value);

		if (pk_is_key(p, ld, "bad"))
			rc = parse_example_list(ld, v, TACT_EXAMPLE_BAD, r);
		else if (pk_is_key(p, ld, "good"))
			rc = parse_example_list(ld, v, TACT_EXAMPLE_GOOD, r);
		else
			rc = pk_fail(ld, pk_node(ld, p->key), "examples hold 'bad' and 'good'");
		if (rc)
			return rc;
	}
	return TACT_OK;
}

/* ---- a rule ------------------------------------------------------------------- */

/* Has the rule's field been given already? */
static int repeated(const struct tact_rule *r, const char *key)
{
	return (!strcmp(key, "severity") && r->severity >= 0) ||
	       (!strcmp(key, "patterns") && r->patterns) ||
	       (!strcmp(key, "exceptions") && r->exceptions) ||
	       (!strcmp(key, "suggestions") && r->suggestions) ||
	       (!strcmp(key, "triggers") && r->triggers) ||
	       (!strcmp(key, "examples") && (r->examples[0] || r->examples[1]));
}

int pk_rule_field(struct loader *ld, struct tact_rule *r, const char *key,
                      yaml_node_t *v)
{
	/* A built-in pack's texts are not copied: the rule, and the reports
	 * that show them, point to them (tact_text_lasting()). */
	static const struct {
		const char *key;
		size_t offset;
	} strings[] = {
		{ "id", offsetof(struct tact_rule, id) },
		{ "category", offsetof(struct tact_rule, category) },
		{ "message", offsetof(struct tact_rule, message) },
		{ "message_en", offsetof(struct tact_rule, message_en) },
		{ "explanation", offsetof(struct tact_rule, explanation) },
		{ "explanation_en", offsetof(struct tact_rule, explanation_en) },
		{ "source", offsetof(struct tact_rule, source) },
	};
	size_t k;

	for (k = 0; k < TACT_ARRAY_LEN(strings); k++) {
		if (strcmp(key, strings[k].key) == 0) {
			char **slot = (char **)((char *)r + strings[k].offset);

			if (*slot)
				return pk_fail(ld, v, "'%s' given twice", key);
			return pk_scalar_lasting(ld, v, key, slot);
		}
	}
	if (repeated(r, key))
		return pk_fail(ld, v, "'%s' given twice", key);
	if (strcmp(key, "severity") == 0)
		return pk_severity(ld, v, &r->severity);
	if (strcmp(key, "patterns") == 0)
		return pk_patterns(ld, v, r);
	if (strcmp(key, "exceptions") == 0)
		return parse_exceptions(ld, v, r);
	if (strcmp(key, "suggestions") == 0)
		return pk_string_list(ld, v, "suggestions", &r->suggestions,
		                   &r->nsuggestions);
	if (strcmp(key, "triggers") == 0)
		return pk_triggers(ld, v, r);
	if (strcmp(key, "examples") == 0)
		return pk_examples(ld, v, r);
	return pk_fail(ld, v, "unknown rule field '%s'", key);
}

static int check_templates(struct loader *ld, yaml_node_t *n,
                           struct tact_rule *r)
{
	size_t p, k;
	char msg[MSG_MAX];

	for (p = 0; p < r->npatterns; p++) {
		struct tact_pattern *pt = &r->patterns[p];
		char **s = pt->suggestions ? pt->suggestions : r->suggestions;
		size_t ns = pt->suggestions ? pt->nsuggestions : r->nsuggestions;

		for (k = 0; k < ns; k++)
			if (tact_template_check(s[k], pt->code, msg, sizeof msg))
				return pk_fail(ld, n, "rule '%s': %s", r->id, msg);
	}
	return TACT_OK;
}

static int rule_complete(struct loader *ld, yaml_node_t *n, struct tact_rule *r)
{
	if (!r->id)
		return pk_fail(ld, n, "a rule needs 'id'");
	if (!pk_valid_id(r->id))
		return pk_fail(ld, n, "rule id '%s' may hold only ASCII letters, digits,"
		            " '.', '-' and '_'", r->id);
	if (!r->category || !pk_known_category(ld, r->category))
		return pk_fail(ld, n, "rule '%s': unknown or missing category '%s'",
		            r->id, r->category ? r->category : "");
	if (r->severity < 0)
		return pk_fail(ld, n, "rule '%s' needs 'severity'", r->id);
	if (!r->message || !r->explanation)
		return pk_fail(ld, n, "rule '%s' needs 'message' and 'explanation'", r->id);
	if (!r->patterns)
		return pk_fail(ld, n, "rule '%s' needs 'patterns'", r->id);
	return check_templates(ld, n, r);
}

static int parse_rule(struct loader *ld, yaml_node_t *n, struct tact_rule *r)
{
	yaml_node_pair_t *p;
	int rc;

	if (n->type != YAML_MAPPING_NODE)
		return pk_fail(ld, n, "a rule must be a map");
	r->severity = -1;
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		const char *key = pk_scalar(pk_node(ld, p->key));

		if (!key)
			return pk_fail(ld, pk_node(ld, p->key), "rule keys must be strings");
		if ((rc = pk_rule_field(ld, r, key, pk_node(ld, p->value))))
			return rc;
	}
	return rule_complete(ld, n, r);
}

int pk_unique_id(struct loader *ld, yaml_node_t *n, const char *id)
{
	size_t k;

	for (k = 0; k < ld->checker->nrules; k++)
		if (strcmp(ld->checker->rules[k]->id, id) == 0)
			return pk_fail(ld, n, "duplicate rule id '%s' (already loaded from "
			            "pack '%s')", id, ld->checker->rules[k]->pack);
	for (k = 0; k + 1 < ld->nrules; k++)
		if (strcmp(ld->rules[k]->id, id) == 0)
			return pk_fail(ld, n, "duplicate rule id '%s'", id);
	return TACT_OK;
}

int pk_new_rule(struct loader *ld, struct tact_rule **out)
{
	struct tact_rule *r;

	if (tact_grow((void **)&ld->rules, &ld->rulecap, ld->nrules + 1,
	              sizeof *ld->rules))
		return tact_err(TACT_ENOMEM, "out of memory");
	r = tact_calloc(1, sizeof *r);
	if (!r)
		return tact_err(TACT_ENOMEM, "out of memory");
	r->severity = -1;
	ld->rules[ld->nrules++] = r;
	r->language = tact_strdup(ld->language);
	r->pack = tact_strdup(ld->pack);
	if (!r->language || !r->pack)
		return tact_err(TACT_ENOMEM, "out of memory");
	*out = r;
	return TACT_OK;
}

static int parse_rules(struct loader *ld, yaml_node_t *n)
{
	yaml_node_item_t *it;

	if (n->type != YAML_SEQUENCE_NODE)
		return pk_fail(ld, n, "'rules' must be a list");
	if (n->data.sequence.items.top - n->data.sequence.items.start >
	    PACK_MAX_RULES)
		return pk_fail(ld, n, "more than %d rules", PACK_MAX_RULES);
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++) {
		yaml_node_t *rn = pk_node(ld, *it);
		struct tact_rule *r;
		int rc;

		if ((rc = pk_new_rule(ld, &r)) || (rc = parse_rule(ld, rn, r)) ||
		    (rc = pk_unique_id(ld, rn, r->id)))
			return rc;
	}
	return TACT_OK;
}

/* ---- categories and the top level ------------------------------------------ */

static int parse_categories(struct loader *ld, yaml_node_t *n)
{
	yaml_node_item_t *it;

	if (n->type != YAML_SEQUENCE_NODE)
		return pk_fail(ld, n, "'categories' must be a list");
	for (it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++) {
		yaml_node_t *c = pk_node(ld, *it);
		yaml_node_pair_t *p;
		const char *name = NULL;

		if (c->type != YAML_MAPPING_NODE)
			return pk_fail(ld, c, "a category is a map {name, description}");
		for (p = c->data.mapping.pairs.start; p < c->data.mapping.pairs.top; p++)
			if (pk_is_key(p, ld, "name"))
				name = pk_scalar(pk_node(ld, p->value));
		if (!name || !pk_valid_id(name))
			return pk_fail(ld, c, "a category needs a 'name' of ASCII letters");
		if (pk_known_category(ld, name))
			return pk_fail(ld, c, "category '%s' exists already", name);
		if (tact_grow((void **)&ld->cats, &ld->catcap, ld->ncats + 1,
		              sizeof *ld->cats) ||
		    !(ld->cats[ld->ncats] = tact_strdup(name)))
			return tact_err(TACT_ENOMEM, "out of memory");
		ld->ncats++;
	}
	return TACT_OK;
}

static int valid_language(const char *s)
{
	size_t n = strlen(s), k;

	if (n < 2 || n > 3)
		return 0;
	for (k = 0; k < n; k++)
		if (s[k] < 'a' || s[k] > 'z')
			return 0;
	return 1;
}

static int parse_top(struct loader *ld, yaml_node_t *root)
{
	yaml_node_pair_t *p;
	yaml_node_t *rules = NULL, *cats = NULL, *vocab = NULL, *coach = NULL;
	int rc;

	if (!root || root->type != YAML_MAPPING_NODE)
		return pk_fail(ld, root, "a pack is a map with 'pack', 'language', 'rules'");
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *v = pk_node(ld, p->value);

		if ((pk_is_key(p, ld, "pack") && ld->pack) ||
		    (pk_is_key(p, ld, "language") && ld->language) ||
		    (pk_is_key(p, ld, "rules") && rules) ||
		    (pk_is_key(p, ld, "categories") && cats) ||
		    (pk_is_key(p, ld, "vocabulary") && vocab) ||
		    (pk_is_key(p, ld, "coaching") && coach))
			rc = pk_fail(ld, pk_node(ld, p->key), "'%s' given twice",
			             pk_scalar(pk_node(ld, p->key)));
		else if (pk_is_key(p, ld, "pack"))
			rc = pk_scalar_dup(ld, v, "pack", &ld->pack);
		else if (pk_is_key(p, ld, "language"))
			rc = pk_scalar_dup(ld, v, "language", &ld->language);
		else if (pk_is_key(p, ld, "rules"))
			rc = (rules = v, TACT_OK);
		else if (pk_is_key(p, ld, "categories"))
			rc = (cats = v, TACT_OK);
		else if (pk_is_key(p, ld, "vocabulary"))
			rc = (vocab = v, TACT_OK);
		else if (pk_is_key(p, ld, "coaching"))
			rc = (coach = v, TACT_OK);
		else if (pk_is_key(p, ld, "description") || pk_is_key(p, ld, "version"))
			rc = TACT_OK;
		else
			rc = pk_fail(ld, pk_node(ld, p->key), "unknown pack field '%s'",
			          pk_scalar(pk_node(ld, p->key)) ? pk_scalar(pk_node(ld, p->key)) : "?");
		if (rc)
			return rc;
	}
	if (!ld->language || !valid_language(ld->language))
		return pk_fail(ld, root, "'language' must be a 2-3 letter code like ru");
	if (!ld->pack && !(ld->pack = tact_strdup(ld->name)))
		return tact_err(TACT_ENOMEM, "out of memory");
	if (cats && (rc = parse_categories(ld, cats)))
		return rc;
	if (!rules && !vocab && !coach)
		return pk_fail(ld, root, "a pack needs 'rules', 'vocabulary' or "
		               "'coaching'");
	if (rules && (rc = parse_rules(ld, rules)))
		return rc;
	if (vocab && (rc = pk_vocabulary(ld, vocab)))
		return rc;
	return coach ? pk_coaching(ld, coach) : TACT_OK;
}

static int load_document(struct loader *ld, const char *yaml, size_t len)
{
	yaml_parser_t parser;
	int ok;

	if (!yaml_parser_initialize(&parser))
		return tact_err(TACT_ENOMEM, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	ok = yaml_parser_load(&parser, &ld->doc);
	if (!ok) {
		size_t line = parser.problem_mark.line + 1;
		/* libyaml names every syntax problem; an unnamed failure is an
		 * allocation that failed. */
		int rc = parser.error == YAML_MEMORY_ERROR || !parser.problem
		                 ? tact_err(TACT_ENOMEM, "out of memory")
		                 : tact_err_at(TACT_EPACK, ld->name, line, (size_t)-1,
		                               "%s:%zu: YAML: %s", ld->name, line,
		                               parser.problem ? parser.problem : "error");
		yaml_parser_delete(&parser);
		return rc;
	}
	yaml_parser_delete(&parser);
	if (!yaml_document_get_root_node(&ld->doc)) {
		yaml_document_delete(&ld->doc);
		return tact_err_at(TACT_EPACK, ld->name, 1, (size_t)-1,
		                   "%s: the pack is empty", ld->name);
	}
	return TACT_OK;
}

static void loader_free(struct loader *ld)
{
	size_t k;

	for (k = 0; k < ld->nrules; k++)
		tact_rule_free(ld->rules[k]);
	free(ld->rules);
	for (k = 0; k < ld->ncats; k++)
		free(ld->cats[k]);
	free(ld->cats);
	for (k = 0; k < ld->nbands; k++)
		tact_band_free(ld->bands[k]);
	free(ld->bands);
	tact_coach_free(ld->coach);
	free(ld->language);
	free(ld->pack);
}

/* Read the loaded document into rules and give them to c. */
static int load(tact_checker *c, struct loader *ld)
{
	int rc = parse_top(ld, yaml_document_get_root_node(&ld->doc));

	if (ld->image)
		free(ld->doc.nodes.start);
	else
		yaml_document_delete(&ld->doc);
	if (!rc)
		rc = tact_checker_adopt(c, ld); /* empties ld on success */
	loader_free(ld);
	return rc;
}

int tact_pack_load(tact_checker *c, const char *yaml, size_t len,
                   const char *name)
{
	return tact_pack_load_prepared(c, yaml, len, name, NULL);
}

int tact_pack_load_prepared(tact_checker *c, const char *yaml, size_t len,
                            const char *name, struct tact_prep *prep)
{
	struct loader ld;
	size_t bad;
	int rc;

	memset(&ld, 0, sizeof ld);
	ld.name = name ? name : "<string>";
	ld.checker = c;
	ld.prep = prep;
	bad = tact_utf8_check(yaml, len);
	if (bad != len)
		return tact_err_at(TACT_EPACK, ld.name, (size_t)-1, bad,
		                   "%s: invalid UTF-8 at byte %zu", ld.name, bad);
	if ((rc = load_document(&ld, yaml, len)))
		return rc;
	return load(c, &ld);
}

int tact_pack_load_builtin(tact_checker *c, const struct tact_builtin_pack *bp,
                           struct tact_prep *prep)
{
	struct loader ld;

	memset(&ld, 0, sizeof ld);
	ld.name = bp->name;
	ld.checker = c;
	ld.prep = prep;
	ld.image = 1;
	if (pk_image_document(&ld, bp))
		return tact_err(TACT_ENOMEM, "out of memory");
	return load(c, &ld);
}
