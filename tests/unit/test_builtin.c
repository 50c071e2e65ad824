/*
 * test_builtin.c: properties of the built-in packs as a whole. (Each rule's
 * own examples are run by `tact test-pack`, one test per pack file.)
 */
#include <stdio.h>

#include "helpers.h"

static const char *const languages[] = { "ru", "ro", "kk", "en" };
static const char *const categories[] = {
	"contrast", "obligation", "doubt", "contradiction", "blame",
	"condescension", "dismissal", "refusal", "familiarity", "jargon",
};

static tact_checker *builtin(void)
{
	tact_checker *c = NULL;

	ck_assert_int_eq(tact_checker_new(&c, TACT_CHECKER_DEFAULT), TACT_OK);
	return c;
}

/* Every category except vocabulary has rules in every language, and each
 * rule carries two bad and two good examples, an English message and a
 * source. (Rules without triggers are allowed; `tact rules --stats` lists
 * them.) */
START_TEST(every_category_in_every_language)
{
	tact_checker *c = builtin();
	size_t k, n = tact_checker_rule_count(c);
	size_t cat;

	for (cat = 0; cat < sizeof categories / sizeof categories[0]; cat++) {
		size_t found = 0;

		for (k = 0; k < n; k++) {
			const tact_rule *r = tact_checker_rule(c, k);

			found += strcmp(tact_rule_language(r), languages[_i]) == 0 &&
			         strcmp(tact_rule_category(r), categories[cat]) == 0;
		}
		ck_assert_msg(found > 0, "%s has no %s rule", languages[_i],
		              categories[cat]);
	}
	for (k = 0; k < n; k++) {
		const tact_rule *r = tact_checker_rule(c, k);

		/* Vocabulary words are dictionary entries, proved by the coaching
		 * tests, not rules with examples. */
		if (strcmp(tact_rule_category(r), "vocabulary") == 0)
			continue;
		ck_assert_msg(tact_rule_example_count(r, TACT_EXAMPLE_BAD) >= 2 &&
		                      tact_rule_example_count(r, TACT_EXAMPLE_GOOD) >= 2,
		              "%s needs 2 bad and 2 good examples", tact_rule_id(r));
		ck_assert_msg(tact_rule_message(r, 1) != tact_rule_message(r, 0),
		              "%s has no message_en", tact_rule_id(r));
		ck_assert_msg(*tact_rule_source(r) != '\0', "%s has no source",
		              tact_rule_id(r));
	}
	tact_checker_free(c);
}
END_TEST

/* A good example of any rule is a clean message: no built-in rule of its
 * language fires on it. */
START_TEST(good_examples_are_clean)
{
	tact_checker *c = builtin();
	size_t k, j, n = tact_checker_rule_count(c);

	for (k = 0; k < n; k++) {
		const tact_rule *r = tact_checker_rule(c, k);

		if (strcmp(tact_rule_language(r), languages[_i]) != 0)
			continue;
		for (j = 0; j < tact_rule_example_count(r, TACT_EXAMPLE_GOOD); j++) {
			const char *t = tact_rule_example(r, TACT_EXAMPLE_GOOD, j, NULL);
			tact_report *rep = check_as(c, languages[_i], t);

			ck_assert_msg(tact_report_count(rep) == 0,
			              "good example of %s fires %s: %s", tact_rule_id(r),
			              tact_finding_rule(tact_report_finding(rep, 0)), t);
			tact_report_free(rep);
		}
	}
	tact_checker_free(c);
}
END_TEST

/* Rewriting a bad example with every rule of its language leaves nothing a
 * suggestion could fix, and rewriting again changes nothing. */
START_TEST(full_rewrite_is_idempotent)
{
	tact_checker *c = builtin();
	size_t k, j, n = tact_checker_rule_count(c);

	for (k = 0; k < n; k++) {
		const tact_rule *r = tact_checker_rule(c, k);

		if (strcmp(tact_rule_language(r), languages[_i]) != 0)
			continue;
		for (j = 0; j < tact_rule_example_count(r, TACT_EXAMPLE_BAD); j++) {
			const char *t = tact_rule_example(r, TACT_EXAMPLE_BAD, j, NULL);
			char *once = rewrite_as(c, languages[_i], t);
			char *twice = rewrite_as(c, languages[_i], once);

			ck_assert_msg(strcmp(once, twice) == 0,
			              "%s: rewrite not idempotent:\n %s\n %s\n %s",
			              tact_rule_id(r), t, once, twice);
			tact_free(once);
			tact_free(twice);
		}
	}
	tact_checker_free(c);
}
END_TEST

/* Auto-detection picks the pack's language for its bad examples. */
START_TEST(bad_examples_fire_under_auto)
{
	tact_checker *c = builtin();
	size_t k, j, n = tact_checker_rule_count(c), missed = 0, total = 0;

	for (k = 0; k < n; k++) {
		const tact_rule *r = tact_checker_rule(c, k);

		if (strcmp(tact_rule_language(r), languages[_i]) != 0)
			continue;
		for (j = 0; j < tact_rule_example_count(r, TACT_EXAMPLE_BAD); j++) {
			const char *t = tact_rule_example(r, TACT_EXAMPLE_BAD, j, NULL);
			const char *got = tact_detect_language(t, strlen(t));

			total++;
			if (strcmp(got, languages[_i]) != 0) {
				missed++;
				fprintf(stderr, "detected %s, not %s: %s\n", got,
				        languages[_i], t);
			}
		}
	}
	/* Very short examples («Nu.», "No.") may be ambiguous; allow 5%. */
	ck_assert_msg(missed * 20 <= total, "%zu of %zu examples misdetected",
	              missed, total);
	tact_checker_free(c);
}
END_TEST

/* The texts of built-in rules are not copied into a report but pointed
 * to (they are the library's read-only data): a report still shows them,
 * and its score, once its checker is gone, in the checker's language and
 * in English. (Under the sanitizers, a text freed with the checker would
 * fail this test.) */
START_TEST(builtin_report_outlives_checker)
{
	static const char text[] = "Вы должны сначала оплатить заказ, но "
	                           "это займёт время.";
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	char want[2][4][1024];
	tact_checker *c = builtin();
	tact_report *r = NULL;
	const tact_finding *f;
	const tact_rule *rule = NULL;
	size_t k, n;
	int lost;

	o.language = "ru";
	o.flags = (unsigned int)_i * TACT_CHECK_ENGLISH;
	ck_assert_int_eq(tact_check(&r, c, text, strlen(text), &o), TACT_OK);
	ck_assert_uint_ge(tact_report_count(r), 2);
	for (k = 0; k < 2; k++) {
		f = tact_report_finding(r, k);
		n = tact_checker_rule_count(c);
		while (n-- > 0 && strcmp(tact_rule_id(rule = tact_checker_rule(c, n)),
		                          tact_finding_rule(f)) != 0)
			;
		snprintf(want[k][0], sizeof want[k][0], "%s", tact_rule_id(rule));
		snprintf(want[k][1], sizeof want[k][1], "%s", tact_rule_category(rule));
		snprintf(want[k][2], sizeof want[k][2], "%s",
		         tact_rule_message(rule, _i));
		snprintf(want[k][3], sizeof want[k][3], "%s",
		         tact_rule_explanation(rule, _i));
	}
	lost = tact_report_score_lost(r, want[0][1]);
	ck_assert_int_gt(lost, 0);
	tact_checker_free(c);
	for (k = 0; k < 2; k++) {
		f = tact_report_finding(r, k);
		ck_assert_str_eq(tact_finding_rule(f), want[k][0]);
		ck_assert_str_eq(tact_finding_category(f), want[k][1]);
		ck_assert_str_eq(tact_finding_message(f), want[k][2]);
		ck_assert_str_eq(tact_finding_explanation(f), want[k][3]);
	}
	ck_assert_int_eq(tact_report_score_lost(r, want[0][1]), lost);
	tact_report_free(r);
}
END_TEST

static Suite *builtin_suite(void)
{
	Suite *s = suite_create("builtin");
	TCase *tc = tcase_create("packs");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, every_category_in_every_language, 0, 4);
	tcase_add_loop_test(tc, good_examples_are_clean, 0, 4);
	tcase_add_loop_test(tc, full_rewrite_is_idempotent, 0, 4);
	tcase_add_loop_test(tc, bad_examples_fire_under_auto, 0, 4);
	tcase_add_loop_test(tc, builtin_report_outlives_checker, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}

TACT_TEST_MAIN(builtin_suite)
