/*
 * report.c: the findings of one check, and their accessors.
 *
 * A report owns copies of everything it shows (rule ids, messages, matched
 * text, suggestions) in one string buffer, so it outlives the checker and
 * the checked text.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct tact_report *tact_report_create(const char *language)
{
	struct tact_report *r = tact_calloc(1, sizeof *r);

	if (!r)
		return NULL;
	strncpy(r->language, language, sizeof r->language - 1);
	/* Offset 0 is the empty string. */
	if (tact_buf_putc(&r->strings, '\0')) {
		free(r);
		return NULL;
	}
	return r;
}

void tact_report_free(tact_report *r)
{
	if (!r)
		return;
	free(r->findings);
	free(r->rules);
	free(r->suggs);
	tact_buf_free(&r->strings);
	free(r);
}

int tact_report_string(struct tact_report *r, const char *s, size_t n,
                       size_t *off)
{
	size_t at = r->strings.len;

	if (tact_buf_append(&r->strings, s, n) || tact_buf_putc(&r->strings, '\0'))
		return TACT_ENOMEM;
	*off = at;
	return TACT_OK;
}

static int copy_str(struct tact_report *r, const char *s, size_t *off)
{
	return tact_report_string(r, s ? s : "", s ? strlen(s) : 0, off);
}

int tact_report_rule_index(struct tact_report *r, const struct tact_rule *rule,
                           int english, size_t *index)
{
	struct tact_report_rule *rr;
	size_t k;

	for (k = 0; k < r->nrules; k++)
		if (r->rules[k].rule == rule) {
			*index = k;
			return TACT_OK;
		}
	if (tact_grow((void **)&r->rules, &r->rcap, r->nrules + 1, sizeof *rr))
		return TACT_ENOMEM;
	rr = &r->rules[r->nrules];
	memset(rr, 0, sizeof *rr);
	rr->rule = rule;
	rr->severity = rule->severity;
	if (copy_str(r, rule->id, &rr->id) ||
	    copy_str(r, rule->category, &rr->category) ||
	    copy_str(r, tact_rule_message(rule, english), &rr->message) ||
	    copy_str(r, tact_rule_explanation(rule, english), &rr->explanation))
		return TACT_ENOMEM;
	*index = r->nrules++;
	return TACT_OK;
}

struct tact_finding *tact_report_add(struct tact_report *r)
{
	struct tact_finding *f;

	if (tact_grow((void **)&r->findings, &r->fcap, r->nfindings + 1, sizeof *f))
		return NULL;
	f = &r->findings[r->nfindings++];
	memset(f, 0, sizeof *f);
	f->report = r;
	return f;
}

/* ---- finishing ------------------------------------------------------------- */

static int finding_cmp(const void *a, const void *b)
{
	const struct tact_finding *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1; /* longer first */
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return 0;
}

/* Within a category, drop a finding that overlaps one kept before it. */
static void drop_overlaps(struct tact_report *r)
{
	size_t i, j, o = 0;

	for (i = 0; i < r->nfindings; i++) {
		struct tact_finding *f = &r->findings[i];
		int keep = 1;

		for (j = o; j-- > 0;) {
			const struct tact_finding *k = &r->findings[j];

			if (k->category_id == f->category_id && k->end > f->start) {
				keep = 0;
				break;
			}
			if (f->start - k->start > 65536)
				break;
		}
		if (keep)
			r->findings[o++] = *f;
	}
	r->nfindings = o;
}

static size_t count_cps(const char *t, size_t from, size_t to)
{
	size_t n = 0;

	for (; from < to; from++)
		n += ((unsigned char)t[from] & 0xC0) != 0x80;
	return n;
}

static void fill_positions(struct tact_report *r, const char *text)
{
	size_t pos = 0, cp = 0, line = 1, line_cp = 0, i;

	for (i = 0; i < r->nfindings; i++) {
		struct tact_finding *f = &r->findings[i];

		for (; pos < f->start; pos++) {
			unsigned char c = (unsigned char)text[pos];

			if ((c & 0xC0) == 0x80)
				continue;
			cp++;
			if (c == '\n') {
				line++;
				line_cp = cp;
			}
		}
		f->cp_start = cp;
		f->cp_end = cp + count_cps(text, f->start, f->end);
		f->line = line;
		f->column = cp - line_cp + 1;
	}
}

void tact_report_finish(struct tact_report *r, const char *text, size_t len)
{
	size_t i;

	TACT_UNUSED(len);
	if (r->nfindings)
		qsort(r->findings, r->nfindings, sizeof *r->findings, finding_cmp);
	drop_overlaps(r);
	fill_positions(r, text);
	for (i = 0; i < r->nfindings; i++)
		r->findings[i].report = r;
	for (i = 0; i < r->nrules; i++)
		r->rules[i].rule = NULL;
}

/* ---- accessors ------------------------------------------------------------- */

size_t tact_report_count(const tact_report *r)
{
	return r ? r->nfindings : 0;
}

const char *tact_report_language(const tact_report *r)
{
	return r ? r->language : NULL;
}

int tact_report_status(const tact_report *r)
{
	return r ? r->status : TACT_EINVAL;
}

const tact_finding *tact_report_finding(const tact_report *r, size_t index)
{
	return r && index < r->nfindings ? &r->findings[index] : NULL;
}

static const char *str(const tact_finding *f, size_t off)
{
	return f->report->strings.data + off;
}

static const struct tact_report_rule *frule(const tact_finding *f)
{
	return &f->report->rules[f->rule];
}

const char *tact_finding_rule(const tact_finding *f)
{
	return f ? str(f, frule(f)->id) : NULL;
}

const char *tact_finding_category(const tact_finding *f)
{
	return f ? str(f, frule(f)->category) : NULL;
}

int tact_finding_severity(const tact_finding *f)
{
	return f ? frule(f)->severity : TACT_SEVERITY_HINT;
}

const char *tact_finding_message(const tact_finding *f)
{
	return f ? str(f, frule(f)->message) : NULL;
}

const char *tact_finding_explanation(const tact_finding *f)
{
	return f ? str(f, frule(f)->explanation) : NULL;
}

const char *tact_finding_match(const tact_finding *f, size_t *len)
{
	if (len)
		*len = f ? f->match_len : 0;
	return f ? str(f, f->match) : NULL;
}

int tact_finding_span(const tact_finding *f, size_t *byte_start,
                      size_t *byte_end, size_t *cp_start, size_t *cp_end,
                      size_t *line, size_t *column)
{
	if (!f)
		return tact_err(TACT_EINVAL, "tact_finding_span: NULL finding");
	if (byte_start)
		*byte_start = f->start;
	if (byte_end)
		*byte_end = f->end;
	if (cp_start)
		*cp_start = f->cp_start;
	if (cp_end)
		*cp_end = f->cp_end;
	if (line)
		*line = f->line;
	if (column)
		*column = f->column;
	return TACT_OK;
}

size_t tact_finding_suggestion_count(const tact_finding *f)
{
	return f ? f->nsugg : 0;
}

const char *tact_finding_suggestion(const tact_finding *f, size_t index)
{
	if (!f || index >= f->nsugg)
		return NULL;
	return str(f, f->report->suggs[f->sugg + index]);
}
