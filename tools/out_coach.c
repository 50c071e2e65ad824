/*
 * out_coach.c: the coaching part of a message's result (docs/coaching.md),
 * written after its findings.
 *
 * JSON members, after "findings" (and before "fixed"):
 *   "score":84,"lost":{"contrast":8,"obligation":8},
 *   "questions":{"open":1,"closed":2},
 *   "name":"addressed"                        (when a name was given)
 *   "band":"<25"                              (when a band covers the age)
 *   "profile":[{"band":"60+","hits":2,"words":["экономичный",...]},...]
 *                                             (when the language has a
 *                                              vocabulary pack)
 * Text lines:
 *   score: 84/100 (contrast -8, obligation -8)
 *   vocabulary: client band <25; used: 60+ 2 (экономичный, гарантированный)
 *   name: addressed
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

const char **report_categories(const tact_report *r, size_t *n)
{
	size_t i, k, count = tact_report_count(r);
	const char **v = count ? malloc(count * sizeof *v) : NULL;

	*n = 0;
	if (!v)
		return NULL;
	for (i = 0; i < count; i++) {
		const char *c = tact_finding_category(tact_report_finding(r, i));
		for (k = 0; k < *n && strcmp(v[k], c) != 0; k++)
			;
		if (k == *n)
			v[(*n)++] = c;
	}
	return v;
}

static const char *name_status(const tact_report *r)
{
	switch (tact_report_name_status(r)) {
	case TACT_NAME_ADDRESSED: return "addressed";
	case TACT_NAME_MISSING: return "missing";
	default: return NULL;
	}
}

static void count_questions(const tact_report *r, size_t *open,
                            size_t *closed)
{
	size_t i, n = tact_report_question_count(r);
	int kind;

	*open = *closed = 0;
	for (i = 0; i < n; i++)
		if (tact_report_question(r, i, &kind, NULL, NULL) == TACT_OK)
			*(kind == TACT_QUESTION_OPEN ? open : closed) += 1;
}

/* ---------------------------------------------------------------------- */
/* JSON                                                                    */
/* ---------------------------------------------------------------------- */

/* "score":84,"lost":{...}: the categories that lost points. */
static void put_score(struct json_buf *b, const tact_report *r)
{
	size_t i, n, listed = 0;
	const char **cats = report_categories(r, &n);
	int score = tact_report_score(r);

	if (!cats && tact_report_count(r))
		b->oom = 1;
	json_put_size_member(b, "score", score < 0 ? 0 : (size_t)score);
	json_put_lit(b, JSON_MEMBER("lost") "{");
	for (i = 0; i < n; i++) {
		int lost = tact_report_score_lost(r, cats[i]);
		if (lost <= 0)
			continue;
		if (listed++)
			json_put_lit(b, ",");
		json_put_key(b, cats[i]);
		json_put_size(b, (size_t)lost);
	}
	json_put_lit(b, "}");
	free(cats);
}

static void put_questions(struct json_buf *b, const tact_report *r)
{
	size_t open, closed;

	count_questions(r, &open, &closed);
	json_put_lit(b, JSON_MEMBER("questions"));
	json_put_lit(b, JSON_FIRST("open"));
	json_put_size(b, open);
	json_put_size_member(b, "closed", closed);
	json_put_lit(b, "}");
}

static void put_profile_band(struct json_buf *b, const tact_report *r,
                             size_t index)
{
	size_t k, n = tact_report_profile_word_count(r, index);

	json_put_lit(b, JSON_FIRST("band"));
	json_put_cstring(b, tact_report_profile_band(r, index));
	json_put_size_member(b, "hits", tact_report_profile_hits(r, index));
	json_put_lit(b, JSON_MEMBER("words") "[");
	for (k = 0; k < n; k++) {
		if (k)
			json_put_lit(b, ",");
		json_put_cstring(b, tact_report_profile_word(r, index, k));
	}
	json_put_lit(b, "]}");
}

static void put_profile(struct json_buf *b, const tact_report *r)
{
	size_t i, n = tact_report_profile_count(r);

	if (n == 0)
		return;
	json_put_lit(b, JSON_MEMBER("profile") "[");
	for (i = 0; i < n; i++) {
		if (i)
			json_put_lit(b, ",");
		put_profile_band(b, r, i);
	}
	json_put_lit(b, "]");
}

void json_put_coaching(struct json_buf *b, const tact_report *r)
{
	const char *name = name_status(r);
	const char *band = tact_report_band(r);

	put_score(b, r);
	put_questions(b, r);
	if (name)
		json_put_string_member(b, "name", name);
	if (band)
		json_put_string_member(b, "band", band);
	put_profile(b, r);
}

/* ---------------------------------------------------------------------- */
/* Text                                                                    */
/* ---------------------------------------------------------------------- */

static int put_score_line(FILE *f, const tact_report *r)
{
	size_t i, n, listed = 0;
	const char **cats = report_categories(r, &n);

	if (!cats && tact_report_count(r))
		return -1;
	fprintf(f, "score: %d/100", tact_report_score(r));
	for (i = 0; i < n; i++) {
		int lost = tact_report_score_lost(r, cats[i]);
		if (lost > 0)
			fprintf(f, "%s%s -%d", listed++ ? ", " : " (", cats[i], lost);
	}
	fputs(listed ? ")\n" : "\n", f);
	free(cats);
	return 0;
}

/* "60+ 2 (экономичный, гарантированный), ..." or "none". */
static void put_used_bands(FILE *f, const tact_report *r)
{
	size_t i, k, n = tact_report_profile_count(r), listed = 0;

	for (i = 0; i < n; i++) {
		size_t words = tact_report_profile_word_count(r, i);
		if (tact_report_profile_hits(r, i) == 0)
			continue;
		fprintf(f, "%s%s %zu (", listed++ ? ", " : "",
		        tact_report_profile_band(r, i),
		        tact_report_profile_hits(r, i));
		for (k = 0; k < words; k++)
			fprintf(f, "%s%s", k ? ", " : "",
			        tact_report_profile_word(r, i, k));
		fputc(')', f);
	}
	fputs(listed ? "\n" : "none\n", f);
}

static void put_vocabulary_line(FILE *f, const tact_report *r, int age)
{
	const char *band = tact_report_band(r);

	if (tact_report_profile_count(r) == 0) {
		fprintf(f, "vocabulary: no vocabulary for '%s'\n",
		        tact_report_language(r));
		return;
	}
	if (band)
		fprintf(f, "vocabulary: client band %s; used: ", band);
	else
		fprintf(f, "vocabulary: no band for age %d; used: ", age);
	put_used_bands(f, r);
}

int text_print_coaching(FILE *f, const tact_report *r, int age)
{
	const char *name = name_status(r);

	if (put_score_line(f, r) != 0)
		return -1;
	if (age >= 0)
		put_vocabulary_line(f, r, age);
	if (name)
		fprintf(f, "name: %s\n", name);
	return 0;
}
