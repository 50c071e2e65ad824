/*
 * rule.c: read-only access to a checker's rules.
 */
#include <string.h>

#include "internal.h"

const char *tact_severity_name(int severity)
{
	switch (severity) {
	case TACT_SEVERITY_HINT: return "hint";
	case TACT_SEVERITY_WARNING: return "warning";
	case TACT_SEVERITY_ERROR: return "error";
	default: return NULL;
	}
}

size_t tact_checker_rule_count(const tact_checker *c)
{
	return c ? c->nrules : 0;
}

const tact_rule *tact_checker_rule(const tact_checker *c, size_t index)
{
	return c && index < c->nrules ? c->rules[index] : NULL;
}

const char *tact_rule_id(const tact_rule *r)
{
	return r ? r->id : NULL;
}

const char *tact_rule_category(const tact_rule *r)
{
	return r ? r->category : NULL;
}

const char *tact_rule_language(const tact_rule *r)
{
	return r ? r->language : NULL;
}

const char *tact_rule_pack(const tact_rule *r)
{
	return r ? r->pack : NULL;
}

const char *tact_rule_message(const tact_rule *r, int english)
{
	if (!r)
		return NULL;
	return english && r->message_en ? r->message_en : r->message;
}

const char *tact_rule_explanation(const tact_rule *r, int english)
{
	if (!r)
		return NULL;
	return english && r->explanation_en ? r->explanation_en : r->explanation;
}

const char *tact_rule_source(const tact_rule *r)
{
	if (!r)
		return NULL;
	return r->source ? r->source : "";
}

int tact_rule_severity(const tact_rule *r)
{
	return r ? r->severity : TACT_SEVERITY_HINT;
}

size_t tact_rule_trigger_count(const tact_rule *r)
{
	return r ? r->ntriggers : 0;
}

/* How pattern p of rule r is found (see tact.h). */
static int found(const struct tact_rule *r, const struct tact_pattern *p)
{
	if (p->anchors.n)
		return TACT_FOUND_ANCHORED;
	if (p->required.n)
		return TACT_FOUND_LITERAL;
	return r->ntriggers ? TACT_FOUND_TRIGGER : TACT_FOUND_ALWAYS;
}

size_t tact_rule_pattern_count(const tact_rule *r, int how)
{
	size_t k, n = 0;

	if (!r || how < TACT_FOUND_ANY || how > TACT_FOUND_ALWAYS)
		return 0;
	for (k = 0; k < r->npatterns; k++)
		n += how == TACT_FOUND_ANY || found(r, &r->patterns[k]) == how;
	return n;
}

size_t tact_rule_example_count(const tact_rule *r, int kind)
{
	if (!r || (kind != TACT_EXAMPLE_BAD && kind != TACT_EXAMPLE_GOOD))
		return 0;
	return r->nexamples[kind];
}

const char *tact_rule_example(const tact_rule *r, int kind, size_t index,
                              const char **fix)
{
	const struct tact_example *e;

	if (fix)
		*fix = NULL;
	if (index >= tact_rule_example_count(r, kind))
		return NULL;
	e = &r->examples[kind][index];
	if (fix)
		*fix = e->fix;
	return e->text;
}

int tact_rule_example_options(const tact_rule *r, int kind, size_t index,
                              tact_check_options *opts)
{
	const struct tact_example *e;

	if (!opts || opts->version < 2 || index >= tact_rule_example_count(r, kind))
		return tact_err(TACT_EINVAL, "tact_rule_example_options: no such "
		                "example, or opts NULL or older than version 2");
	e = &r->examples[kind][index];
	if (e->age >= 0)
		opts->age = e->age;
	if (e->name)
		opts->client_name = e->name;
	if (e->customer) {
		opts->customer_message = e->customer;
		opts->customer_message_len = strlen(e->customer);
	}
	if (e->wait_seconds >= 0)
		opts->wait_seconds = e->wait_seconds;
	if (e->discovery)
		opts->flags |= TACT_CHECK_DISCOVERY;
	return TACT_OK;
}
