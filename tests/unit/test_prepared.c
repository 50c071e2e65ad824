/*
 * test_prepared.c: the built-in packs as the library carries them — their
 * documents and their patterns prepared at build time (lib/prepare.c) —
 * must load into exactly the rules the YAML files in rules/ load into
 * when read and compiled at run time; and a prepared table that does not
 * fit the packs loaded must be left for computing, losing nothing.
 */
#include <stdio.h>

#include "helpers.h"
#include "../../lib/internal.h"

/* The built-in packs read from rules/ as any pack is. */
static tact_checker *from_files(void)
{
	tact_checker *c = NULL;
	size_t k;

	ck_assert_int_eq(tact_checker_new(&c, TACT_CHECKER_NO_BUILTIN), TACT_OK);
	for (k = 0; k < tact_builtin_pack_count; k++) {
		char path[512];

		snprintf(path, sizeof path, "%s/../../%s", TACT_TEST_DATA,
		         tact_builtin_packs[k].name);
		ck_assert_msg(tact_checker_add_pack_file(c, path) == TACT_OK, "%s: %s",
		              path, tact_error_last());
	}
	return c;
}

static void same_string(const char *a, const char *b, const char *what,
                        const char *id)
{
	ck_assert_msg((!a && !b) || (a && b && strcmp(a, b) == 0),
	              "%s: %s differs: '%s' / '%s'", id, what, a ? a : "(null)",
	              b ? b : "(null)");
}

static void same_literals(const struct tact_anchors *a,
                          const struct tact_anchors *b, const char *id)
{
	size_t k;

	ck_assert_msg(a->n == b->n, "%s: %zu / %zu literals", id, a->n, b->n);
	for (k = 0; k < a->n; k++) {
		ck_assert_uint_eq(a->v[k].len, b->v[k].len);
		ck_assert(memcmp(a->v[k].text, b->v[k].text, a->v[k].len) == 0);
		ck_assert_int_eq(a->v[k].word, b->v[k].word);
		ck_assert_int_eq(a->v[k].end, b->v[k].end);
	}
}

static void same_code(const pcre2_code *a, const pcre2_code *b, const char *id)
{
	static const uint32_t what[] = {
		PCRE2_INFO_SIZE, PCRE2_INFO_ALLOPTIONS, PCRE2_INFO_ARGOPTIONS,
		PCRE2_INFO_CAPTURECOUNT, PCRE2_INFO_MINLENGTH,
		PCRE2_INFO_FIRSTCODETYPE, PCRE2_INFO_NAMECOUNT,
	};
	size_t k;

	ck_assert_msg(a && b, "%s: a pattern is not compiled", id);
	for (k = 0; k < sizeof what / sizeof what[0]; k++) {
		size_t x = 0, y = 0;   /* large enough for every item asked */

		ck_assert_int_eq(pcre2_pattern_info(a, what[k], &x), 0);
		ck_assert_int_eq(pcre2_pattern_info(b, what[k], &y), 0);
		ck_assert_msg(x == y, "%s: pattern info %u differs", id, what[k]);
	}
}

static void same_pattern(const struct tact_pattern *a,
                         const struct tact_pattern *b, const char *id)
{
	size_t k;

	same_code(a->code, b->code, id);
	same_string(a->source, b->source, "source", id);
	same_string(a->literal, b->literal, "literal", id);
	ck_assert_uint_eq(a->literal_len, b->literal_len);
	same_literals(&a->anchors, &b->anchors, id);
	same_literals(&a->required, &b->required, id);
	same_literals(&a->inner, &b->inner, id);
	ck_assert_int_eq(a->line_start, b->line_start);
	ck_assert_uint_eq(a->starts_below, b->starts_below);
	ck_assert_uint_eq(a->nsuggestions, b->nsuggestions);
	for (k = 0; k < a->nsuggestions; k++)
		same_string(a->suggestions[k], b->suggestions[k], "suggestion", id);
}

static void same_rule(const struct tact_rule *a, const struct tact_rule *b)
{
	size_t k, j;

	same_string(a->id, b->id, "id", a->id);
	same_string(a->category, b->category, "category", a->id);
	same_string(a->language, b->language, "language", a->id);
	same_string(a->message, b->message, "message", a->id);
	same_string(a->message_en, b->message_en, "message_en", a->id);
	same_string(a->explanation, b->explanation, "explanation", a->id);
	same_string(a->source, b->source, "source", a->id);
	ck_assert_int_eq(a->severity, b->severity);
	ck_assert_int_eq(a->kind, b->kind);
	ck_assert_uint_eq(a->npatterns, b->npatterns);
	for (k = 0; k < a->npatterns; k++)
		same_pattern(&a->patterns[k], &b->patterns[k], a->id);
	ck_assert_uint_eq(a->nexceptions, b->nexceptions);
	for (k = 0; k < a->nexceptions; k++)
		same_pattern(&a->exceptions[k], &b->exceptions[k], a->id);
	ck_assert_uint_eq(a->nsuggestions, b->nsuggestions);
	for (k = 0; k < a->nsuggestions; k++)
		same_string(a->suggestions[k], b->suggestions[k], "suggestion", a->id);
	ck_assert_uint_eq(a->ntriggers, b->ntriggers);
	for (k = 0; k < a->ntriggers; k++)
		same_string(a->triggers[k], b->triggers[k], "trigger", a->id);
	for (j = 0; j < 2; j++) {
		ck_assert_uint_eq(a->nexamples[j], b->nexamples[j]);
		for (k = 0; k < a->nexamples[j]; k++) {
			same_string(a->examples[j][k].text, b->examples[j][k].text,
			            "example", a->id);
			same_string(a->examples[j][k].fix, b->examples[j][k].fix, "fix",
			            a->id);
		}
	}
}

static void same_cue(const struct tact_cue *a, const struct tact_cue *b,
                     const char *lang)
{
	size_t k;

	ck_assert_uint_eq(a->n, b->n);
	for (k = 0; k < a->n; k++)
		same_pattern(&a->v[k], &b->v[k], lang);
}

START_TEST(builtin_packs_load_as_their_files)
{
	tact_checker *built = NULL, *files = from_files();
	size_t k;

	ck_assert_int_eq(tact_checker_new(&built, TACT_CHECKER_DEFAULT), TACT_OK);
	ck_assert_uint_gt(tact_prepared_count, 0);
	ck_assert_uint_eq(built->nrules, files->nrules);
	for (k = 0; k < built->nrules; k++)
		same_rule(built->rules[k], files->rules[k]);
	ck_assert_uint_eq(built->nbands, files->nbands);
	ck_assert_uint_eq(built->ncoaches, files->ncoaches);
	for (k = 0; k < built->ncoaches; k++) {
		const struct tact_coach *a = built->coaches[k], *b = files->coaches[k];

		same_string(a->language, b->language, "coaching language", "coach");
		same_cue(&a->upset, &b->upset, a->language);
		same_cue(&a->empathy, &b->empathy, a->language);
		same_cue(&a->solution, &b->solution, a->language);
		same_cue(&a->wait_apology, &b->wait_apology, a->language);
		same_cue(&a->open_q, &b->open_q, a->language);
		same_cue(&a->discovery, &b->discovery, a->language);
	}
	ck_assert_uint_eq(built->index.npats, files->index.npats);
	tact_checker_free(built);
	tact_checker_free(files);
}
END_TEST

/* Every pattern of the built-in packs was prepared, and PCRE2 reads the
 * prepared code back: building a checker compiles nothing. */
START_TEST(every_pattern_is_taken)
{
	struct tact_prep prep;
	tact_checker *c = NULL;
	size_t k;

	ck_assert_int_eq(tact_prep_open(&prep), TACT_OK);
	ck_assert_ptr_nonnull(prep.codes);
	ck_assert_uint_eq(prep.n, tact_prepared_count);
	ck_assert_int_eq(tact_checker_new(&c, TACT_CHECKER_NO_BUILTIN), TACT_OK);
	for (k = 0; k < tact_builtin_pack_count; k++)
		ck_assert_int_eq(tact_pack_load_builtin(c, &tact_builtin_packs[k], &prep),
		                 TACT_OK);
	ck_assert_int_eq(prep.off, 0);
	ck_assert_uint_eq(prep.next, prep.n);
	tact_prep_close(&prep);
	tact_checker_free(c);
}
END_TEST

/* Another pack walked with the prepared table: the first pattern that
 * differs turns the table off, everything is compiled as usual, and the
 * codes not taken are freed when the walk is closed. */
START_TEST(a_pack_that_differs_is_computed)
{
	static const char yaml[] =
	        "pack: t\nlanguage: en\nrules:\n"
	        "  - id: t.must\n    category: obligation\n    severity: warning\n"
	        "    message: m\n    explanation: e\n    patterns: ['\\byou\\s+must\\b']\n"
	        "    exceptions: ['must\\s+see']\n";
	struct tact_prep prep;
	tact_checker *c = NULL;
	tact_report *r;

	ck_assert_int_eq(tact_prep_open(&prep), TACT_OK);
	ck_assert_int_eq(tact_checker_new(&c, TACT_CHECKER_NO_BUILTIN), TACT_OK);
	ck_assert_msg(tact_pack_load_prepared(c, yaml, sizeof yaml - 1, "t",
	                                      &prep) == TACT_OK,
	              "%s", tact_error_last());
	ck_assert_int_eq(prep.off, 1);
	ck_assert_uint_eq(prep.next, 0);
	ck_assert_str_eq(c->rules[0]->patterns[0].anchors.v[0].text, "you" "\xff" "must");
	ck_assert(!tact_text_lasting(c->rules[0]->patterns[0].anchors.v[0].text));
	r = check_as(c, "en", "Well, you must restart it.");
	ck_assert_uint_eq(tact_report_count(r), 1);
	tact_report_free(r);
	tact_prep_close(&prep);
	tact_checker_free(c);
}
END_TEST

/* Whether each text of rule r (those a report shows, and its source) is
 * the library's own. */
static void texts_lasting(const struct tact_rule *r, int want)
{
	const char *const texts[] = {
		r->message, r->message_en, r->explanation, r->explanation_en,
		r->source,
	};
	size_t k;

	for (k = 0; k < sizeof texts / sizeof texts[0]; k++)
		ck_assert_msg(!texts[k] || tact_text_lasting(texts[k]) == want,
		              "%s: text %zu", r->id, k);
	/* Coaching rules and vocabulary words without an id of their own
	 * make their id, and their category, when they are loaded. */
	if (r->kind == TACT_RULE_PHRASE) {
		ck_assert_int_eq(tact_text_lasting(r->id), want);
		ck_assert_int_eq(tact_text_lasting(r->category), want);
	}
}

/* A built-in rule's messages, explanations, source, id and category are
 * the library's read-only data, not copies: reports point to them instead
 * of copying them. A pack read at run time copies its texts. */
START_TEST(builtin_texts_are_not_copied)
{
	tact_checker *built = NULL, *files = from_files();
	size_t k;

	ck_assert_int_eq(tact_checker_new(&built, TACT_CHECKER_DEFAULT), TACT_OK);
	for (k = 0; k < built->nrules; k++) {
		texts_lasting(built->rules[k], 1);
		texts_lasting(files->rules[k], 0);
	}
	ck_assert(!tact_text_lasting(NULL));
	ck_assert(!tact_text_lasting("en.contrast.but"));
	tact_checker_free(built);
	tact_checker_free(files);
}
END_TEST

/* Whether every literal of pattern p is the library's own text. */
static void literals_borrowed(const struct tact_pattern *p, int want,
                              const char *id)
{
	const struct tact_anchors *sets[] = { &p->anchors, &p->required,
	                                      &p->inner };
	size_t k, j;

	for (k = 0; k < sizeof sets / sizeof sets[0]; k++)
		for (j = 0; j < sets[k]->n; j++)
			ck_assert_msg(tact_text_lasting(sets[k]->v[j].text) == want,
			              "%s: literal set %zu", id, k);
}

/* The built-in packs' literals and folded sources are read where the
 * prepared table keeps them (about 32,000 literals and 2,400 sources, once
 * copied one by one); a pack read at run time owns what its analysis
 * made. Both load the same texts
 * (builtin_packs_load_as_their_files), and freeing either checker frees
 * only what it owns (the sanitizer and valgrind runs would tell). */
START_TEST(builtin_literals_are_not_copied)
{
	tact_checker *built = NULL, *files = from_files();
	size_t k, j, borrowed = 0;

	ck_assert_int_eq(tact_checker_new(&built, TACT_CHECKER_DEFAULT), TACT_OK);
	for (k = 0; k < built->nrules; k++) {
		const struct tact_rule *a = built->rules[k], *b = files->rules[k];

		for (j = 0; j < a->npatterns; j++) {
			literals_borrowed(&a->patterns[j], 1, a->id);
			literals_borrowed(&b->patterns[j], 0, b->id);
			ck_assert(tact_text_lasting(a->patterns[j].source));
			ck_assert(!tact_text_lasting(b->patterns[j].source));
			borrowed += a->patterns[j].anchors.n;
		}
		for (j = 0; j < a->nexceptions; j++) {
			literals_borrowed(&a->exceptions[j], 1, a->id);
			literals_borrowed(&b->exceptions[j], 0, b->id);
		}
	}
	ck_assert_uint_gt(borrowed, 1000);
	tact_checker_free(built);
	tact_checker_free(files);
}
END_TEST

static Suite *prepared_suite(void)
{
	Suite *s = suite_create("prepared");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, builtin_packs_load_as_their_files);
	tcase_add_test(tc, every_pattern_is_taken);
	tcase_add_test(tc, a_pack_that_differs_is_computed);
	tcase_add_test(tc, builtin_texts_are_not_copied);
	tcase_add_test(tc, builtin_literals_are_not_copied);
	suite_add_tcase(s, tc);
	return s;
}

TACT_TEST_MAIN(prepared_suite)
