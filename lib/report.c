/*
 * report.c: the findings of one check, and their accessors.
 *
 * A report owns copies of everything it shows (rule ids, messages, matched
 * text, suggestions) in one string buffer, so it outlives the checker and
 * the checked text. The texts of built-in rules are not copied: they are
 * the library's read-only data, which lasts longer than any report.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A report and the start of its strings come in one block of this many
 * bytes, small enough for the allocator's per-thread cache: a message
 * without findings needs no other block. */
#define REPORT_BLOCK 1024
_Static_assert(REPORT_BLOCK >= sizeof(struct tact_report) + 256,
               "a report's block leaves room for its first strings");

/* The strings' room inside the report's own block. */
static char *own_strings(struct tact_report *r)
{
	return (char *)(r + 1);
}

struct tact_report *tact_report_create(const char *language)
{
	static const struct tact_report cleared;
	/* Not calloc(): glibc's takes small blocks from its bins, not from
	 * the thread's cache as malloc() does, at a few hundred instructions
	 * a check. */
	struct tact_report *r = tact_malloc(REPORT_BLOCK);
	size_t n = strlen(language);

	if (!r)
		return NULL;
	*r = cleared;   /* memset() would be a slow "rep stos" */
	memcpy(r->language, language,
	       n < sizeof r->language ? n : sizeof r->language - 1);
	/* Offset 0 is the empty string. */
	r->strings.data = own_strings(r);
	r->strings.cap = REPORT_BLOCK - sizeof *r;
	r->strings.data[0] = r->strings.data[1] = '\0';
	r->strings.len = 1;
	return r;
}

void tact_report_free(tact_report *r)
{
	if (!r)
		return;
	size_t k;

	free(r->findings);
	free(r->rules);
	free(r->suggs);
	for (k = 0; k < r->nprofile; k++)
		free(r->profile[k].words);
	free(r->profile);
	free(r->questions);
	free(r->lost);
	if (r->strings.data != own_strings(r))
		free(r->strings.data);
	free(r);
}

/* Room for n more bytes of strings and the NUL after them: past the room
 * in the report's own block, the strings move to a block of their own,
 * which then grows as any buffer does. */
static int strings_reserve(struct tact_report *r, size_t n)
{
	struct tact_buf *b = &r->strings;
	char *p;
	size_t cap;

	if (n < b->cap - b->len)
		return TACT_OK;
	if (b->data != own_strings(r))
		return tact_buf_reserve(b, n);
	if (n > SIZE_MAX / 4 - b->len)
		return TACT_ENOMEM;
	cap = 2 * (b->len + n + 1);
	p = tact_malloc(cap);
	if (!p)
		return TACT_ENOMEM;
	memcpy(p, b->data, b->len + 1);
	b->data = p;
	b->cap = cap;
	return TACT_OK;
}

int tact_report_string(struct tact_report *r, const char *s, size_t n,
                       size_t *off)
{
	struct tact_buf *b = &r->strings;

	/* Room for the string and its NUL, and the NUL that then ends the
	 * buffer as tact_buf_append() leaves it. */
	if (n > SIZE_MAX / 4 || strings_reserve(r, n + 1))
		return TACT_ENOMEM;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->data[b->len + n] = '\0';
	*off = b->len;
	b->len += n + 1;
	b->data[b->len] = '\0';
	return TACT_OK;
}

/* Text s of a rule, for the report: the library's own text is pointed
 * to, any other copied. */
static int rule_text_keep(struct tact_report *r, struct tact_report_rule *rr,
                          int k, const char *s)
{
	rr->off[k] = 0;
	if (s && tact_text_lasting(s)) {
		rr->text[k] = s;
		return TACT_OK;
	}
	rr->text[k] = NULL;
	return tact_report_string(r, s ? s : "", s ? strlen(s) : 0, &rr->off[k]);
}

static const char *rule_text(const struct tact_report *r,
                             const struct tact_report_rule *rr, int k)
{
	return rr->text[k] ? rr->text[k] : r->strings.data + rr->off[k];
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
	rr->rule = rule;
	rr->severity = rule->severity;
	if (rule_text_keep(r, rr, TACT_TEXT_ID, rule->id) ||
	    rule_text_keep(r, rr, TACT_TEXT_CATEGORY, rule->category) ||
	    rule_text_keep(r, rr, TACT_TEXT_MESSAGE,
	                   tact_rule_message(rule, english)) ||
	    rule_text_keep(r, rr, TACT_TEXT_EXPLANATION,
	                   tact_rule_explanation(rule, english)))
		return TACT_ENOMEM;
	*index = r->nrules++;
	return TACT_OK;
}

struct tact_finding *tact_report_add(struct tact_report *r)
{
	static const struct tact_finding cleared;
	struct tact_finding *f;

	if (tact_grow((void **)&r->findings, &r->fcap, r->nfindings + 1, sizeof *f))
		return NULL;
	f = &r->findings[r->nfindings++];
	*f = cleared;   /* memset() would be a slow "rep stos" */
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

/* Within a category, drop a finding that overlaps one kept before it.
 * In start order, a finding overlaps a kept one of its category exactly
 * when it starts before the last end kept in that category (a kept
 * finding starts at or after the ends kept before it). The first
 * categories keep that end in an array; the others, which only packs
 * with many categories of their own reach, look back over the kept
 * findings, as far as the longest finding reaches (a sentence). */
static void drop_overlaps(struct tact_report *r)
{
	enum { FEW = 64 };
	size_t end[FEW], i, j, o = 0;
	uint64_t seen = 0;

	for (i = 0; i < r->nfindings; i++) {
		struct tact_finding *f = &r->findings[i];
		size_t c = f->category_id;
		int keep = 1;

		if (c < FEW) {
			keep = !(seen >> c & 1) || end[c] <= f->start;
			if (keep) {
				end[c] = f->end;
				seen |= (uint64_t)1 << c;
			}
		} else {
			for (j = o; j-- > 0;) {
				const struct tact_finding *k = &r->findings[j];

				if (k->category_id == c && k->end > f->start) {
					keep = 0;
					break;
				}
				if (f->start - k->start > 65536)
					break;
			}
		}
		if (keep)
			r->findings[o++] = *f;
	}
	r->nfindings = o;
}

/* The code points among eight bytes of UTF-8 (those that are no
 * continuation byte 10xxxxxx), or -1 when one of them is a line feed. */
static int cps_of_eight(const char *p)
{
	uint64_t w, lf, cont;

	memcpy(&w, p, 8);
	lf = w ^ TACT_BYTES('\n');
	if ((lf - TACT_BYTES(1)) & ~lf & TACT_BYTES(0x80))
		return -1;
	cont = (w >> 7) & ~(w >> 6) & TACT_BYTES(1);
	return 8 - (int)tact_count_ones(cont);
}

static void fill_positions(struct tact_report *r, const char *text)
{
	size_t pos = 0, cp = 0, line = 1, line_cp = 0, i;

	for (i = 0; i < r->nfindings; i++) {
		struct tact_finding *f = &r->findings[i];

		while (pos < f->start) {
			unsigned char c = (unsigned char)text[pos];
			int n;

			/* Eight bytes at a time where they hold no line feed. */
			if (pos + 8 <= f->start && (n = cps_of_eight(text + pos)) >= 0) {
				cp += (size_t)n;
				pos += 8;
				continue;
			}
			pos++;
			if ((c & 0xC0) == 0x80)
				continue;
			cp++;
			if (c == '\n') {
				line++;
				line_cp = cp;
			}
		}
		f->cp_start = cp;
		f->cp_end = cp + tact_utf8_count(text + f->start, f->end - f->start);
		f->line = line;
		f->column = cp - line_cp + 1;
	}
}

/* Points a finding costs by severity, and the most a category can lose. */
static const int severity_points[] = { 3, 8, 15 };
#define CATEGORY_MAX_LOSS 40

/* The category of r->lost[k]. */
static const char *lost_category(const struct tact_report *r, size_t k)
{
	return rule_text(r, &r->rules[r->lost[k].rule], TACT_TEXT_CATEGORY);
}

static int score(struct tact_report *r)
{
	size_t i, k;
	int total = 0;

	for (i = 0; i < r->nfindings; i++) {
		size_t rule = r->findings[i].rule;
		const struct tact_report_rule *rr = &r->rules[rule];
		const char *category = rule_text(r, rr, TACT_TEXT_CATEGORY);
		struct tact_lost *l = NULL;

		for (k = 0; k < r->nlost && !l; k++)
			if (strcmp(lost_category(r, k), category) == 0)
				l = &r->lost[k];
		if (!l) {
			if (tact_grow((void **)&r->lost, &r->lcap, r->nlost + 1,
			              sizeof *r->lost))
				return TACT_ENOMEM;
			l = &r->lost[r->nlost++];
			l->rule = rule;
			l->points = 0;
		}
		l->points += severity_points[rr->severity];
		if (l->points > CATEGORY_MAX_LOSS)
			l->points = CATEGORY_MAX_LOSS;
	}
	for (k = 0; k < r->nlost; k++)
		total += r->lost[k].points;
	r->score = total >= 100 ? 0 : 100 - total;
	return TACT_OK;
}

/* A report holds a finding or a few: they are sorted by insertion, which
 * costs less than a call to qsort() (and its code, fetched for every
 * check); qsort() takes more of them. The sort is stable, as glibc's
 * qsort() is (a merge sort) for arrays of this size: findings that
 * compare equal keep the order they were found in. The findings are
 * sorted twice (vocabulary, then the report), the second time in order
 * already, which insertion passes through once, and which a look over
 * the many findings of a long text finds before qsort() is called. */
#define FEW_FINDINGS 16

void tact_report_sort(struct tact_report *r)
{
	struct tact_finding *v = r->findings, x;
	size_t i, j, n = r->nfindings;

	if (n > FEW_FINDINGS) {
		for (i = 1; i < n && finding_cmp(&v[i - 1], &v[i]) <= 0; i++)
			;
		if (i < n)
			qsort(v, n, sizeof *v, finding_cmp);
		return;
	}
	for (i = 1; i < n; i++) {
		if (finding_cmp(&v[i - 1], &v[i]) <= 0)
			continue;
		x = v[i];
		for (j = i; j > 0 && finding_cmp(&v[j - 1], &x) > 0; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

int tact_report_finish(struct tact_report *r, const char *text, size_t len)
{
	size_t i;

	TACT_UNUSED(len);
	tact_report_sort(r);
	drop_overlaps(r);
	fill_positions(r, text);
	if (score(r))
		return TACT_ENOMEM;
	for (i = 0; i < r->nfindings; i++)
		r->findings[i].report = r;
	for (i = 0; i < r->nrules; i++)
		r->rules[i].rule = NULL;
	for (i = 0; i < r->nprofile; i++)
		r->profile[i].band = NULL;
	return TACT_OK;
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

static const char *frule_text(const tact_finding *f, int k)
{
	return rule_text(f->report, frule(f), k);
}

const char *tact_finding_rule(const tact_finding *f)
{
	return f ? frule_text(f, TACT_TEXT_ID) : NULL;
}

const char *tact_finding_category(const tact_finding *f)
{
	return f ? frule_text(f, TACT_TEXT_CATEGORY) : NULL;
}

int tact_finding_severity(const tact_finding *f)
{
	return f ? frule(f)->severity : TACT_SEVERITY_HINT;
}

const char *tact_finding_message(const tact_finding *f)
{
	if (!f)
		return NULL;
	return f->message ? str(f, f->message)
	                  : frule_text(f, TACT_TEXT_MESSAGE);
}

const char *tact_finding_explanation(const tact_finding *f)
{
	return f ? frule_text(f, TACT_TEXT_EXPLANATION) : NULL;
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

/* ---- coaching accessors --------------------------------------------------- */

static const struct tact_profile *profile_at(const tact_report *r, size_t i)
{
	return r && i < r->nprofile ? &r->profile[i] : NULL;
}

size_t tact_report_profile_count(const tact_report *r)
{
	return r ? r->nprofile : 0;
}

const char *tact_report_profile_band(const tact_report *r, size_t i)
{
	const struct tact_profile *p = profile_at(r, i);

	return p ? r->strings.data + p->name : NULL;
}

size_t tact_report_profile_hits(const tact_report *r, size_t i)
{
	const struct tact_profile *p = profile_at(r, i);

	return p ? p->hits : 0;
}

size_t tact_report_profile_word_count(const tact_report *r, size_t i)
{
	const struct tact_profile *p = profile_at(r, i);

	return p ? p->nwords : 0;
}

const char *tact_report_profile_word(const tact_report *r, size_t i,
                                     size_t word)
{
	const struct tact_profile *p = profile_at(r, i);

	return p && word < p->nwords ? r->strings.data + p->words[word] : NULL;
}

const char *tact_report_band(const tact_report *r)
{
	return r && r->band ? r->strings.data + r->band : NULL;
}

int tact_report_name_status(const tact_report *r)
{
	return r ? r->name_status : TACT_NAME_UNKNOWN;
}

size_t tact_report_question_count(const tact_report *r)
{
	return r ? r->nquestions : 0;
}

int tact_report_question(const tact_report *r, size_t index, int *kind,
                         size_t *byte_start, size_t *byte_end)
{
	if (!r || index >= r->nquestions)
		return tact_err(TACT_EINVAL, "no question %zu", index);
	if (kind)
		*kind = r->questions[index].kind;
	if (byte_start)
		*byte_start = r->questions[index].start;
	if (byte_end)
		*byte_end = r->questions[index].end;
	return TACT_OK;
}

int tact_report_score(const tact_report *r)
{
	return r ? r->score : -1;
}

int tact_report_score_lost(const tact_report *r, const char *category)
{
	size_t k;

	for (k = 0; r && category && k < r->nlost; k++)
		if (strcmp(lost_category(r, k), category) == 0)
			return r->lost[k].points;
	return 0;
}
