/*
 * test_limits.c: hostile patterns, huge texts, many threads.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>

#include "helpers.h"

static const char hostile_pack[] =
	"pack: hostile\nlanguage: en\nrules:\n"
	"  - id: en.hostile.redos\n    category: jargon\n    severity: hint\n"
	"    message: m\n    explanation: e\n"
	"    patterns: ['(a+)+$', '(a|a)+$', '(?:a|aa)+$', '(\\w+\\s?)+$']\n"
	"  - id: en.hostile.deep\n    category: jargon\n    severity: hint\n"
	"    message: m\n    explanation: e\n"
	"    patterns: ['((((((((((a*)*)*)*)*)*)*)*)*)*)*c']\n";

/* Catastrophic backtracking over 1 MB of 'a' (sentences of 'a's that end
 * in a '!' the patterns cannot match): the check ends and says the limit
 * was hit. (Its speed is measured by bench/, not here.) */
START_TEST(redos_is_bounded)
{
	tact_checker *c = checker_with(hostile_pack);
	size_t n = 1 << 20, k;
	char *t = malloc(n + 1);
	tact_report *r = NULL;
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;

	memset(t, 'a', n);
	for (k = 3000; k + 2 < n; k += 3002) {
		t[k] = '!';
		t[k + 1] = ' ';
	}
	t[n] = '\0';
	o.language = "en";
	ck_assert_int_eq(tact_check(&r, c, t, n, &o), TACT_OK);
	ck_assert_int_eq(tact_report_status(r), TACT_ELIMIT);
	tact_report_free(r);
	free(t);
	tact_checker_free(c);
}
END_TEST

/* The number of findings of rule id in a check of t. */
static size_t findings_of(const tact_checker *c, const char *t,
                          const tact_check_options *o, const char *id)
{
	tact_report *r = NULL;
	size_t k, n = 0;

	ck_assert_int_eq(tact_check(&r, c, t, strlen(t), o), TACT_OK);
	for (k = 0; k < tact_report_count(r); k++)
		n += strcmp(tact_finding_rule(tact_report_finding(r, k)), id) == 0;
	tact_report_free(r);
	return n;
}

/* What a check learns of a rule (its limit was hit, the options leave it
 * out) holds for that check only. */
START_TEST(rule_state_is_per_check)
{
	tact_checker *c = checker_with(hostile_pack);
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	char t[8192];
	int k;

	memset(t, 'a', sizeof t - 1);
	t[3000] = '!';
	t[3001] = ' ';
	t[sizeof t - 1] = '\0';
	o.language = "en";
	for (k = 0; k < 3; k++) {
		ck_assert_uint_eq(findings_of(c, t, &o, "en.hostile.redos"), 0);
		ck_assert_uint_eq(findings_of(c, "aaa", &o, "en.hostile.redos"), 1);
		o.min_severity = TACT_SEVERITY_WARNING;
		ck_assert_uint_eq(findings_of(c, "aaa", &o, "en.hostile.redos"), 0);
		o.min_severity = TACT_SEVERITY_HINT;
	}
	tact_checker_free(c);
}
END_TEST

START_TEST(patterns_too_deep_or_long_are_refused)
{
	tact_checker *c = NULL;
	char yaml[12000];
	char pat[8200];
	size_t k;

	ck_assert_int_eq(tact_checker_new(&c, TACT_CHECKER_NO_BUILTIN), TACT_OK);
	for (k = 0; k < 100; k++)
		pat[k] = '(';
	pat[100] = 'a';
	for (k = 0; k < 100; k++)
		pat[101 + k] = ')';
	pat[201] = '\0';
	snprintf(yaml, sizeof yaml, "pack: p\nlanguage: en\nrules:\n  - {id: en.x.y, "
	         "category: jargon, severity: hint, message: m, explanation: e, "
	         "patterns: ['%s']}\n", pat);
	ck_assert_int_eq(tact_checker_add_pack_string(c, yaml, strlen(yaml), "deep"),
	                 TACT_EPACK);
	memset(pat, 'a', 8000);
	pat[8000] = '\0';
	snprintf(yaml, sizeof yaml, "pack: p\nlanguage: en\nrules:\n  - {id: en.x.y, "
	         "category: jargon, severity: hint, message: m, explanation: e, "
	         "patterns: ['%s']}\n", pat);
	ck_assert_int_eq(tact_checker_add_pack_string(c, yaml, strlen(yaml), "long"),
	                 TACT_EPACK);
	ck_assert_msg(strstr(tact_error_last(), "longer than") != NULL, "%s",
	              tact_error_last());
	tact_checker_free(c);
}
END_TEST

START_TEST(too_big_is_refused_before_reading)
{
	tact_checker *c = checker_with("pack: p\nlanguage: en\nrules: []\n");
	tact_report *r = NULL;

	ck_assert_int_eq(tact_check(&r, c, "x", TACT_MAX_TEXT + 1, NULL),
	                 TACT_ETOOBIG);
	ck_assert_ptr_null(r);
	tact_checker_free(c);
}
END_TEST

/* ---- threads -------------------------------------------------------------- */

static const char *const texts[] = {
	"Товар хороший, но дорогой. Вы должны заполнить форму.",
	"Мы не только вернём деньги, но и пришлём промокод.",
	"Sunteţi sigur că aţi plătit? Trebuie să completați formularul.",
	"Nu ştiu, dar nu e treaba mea.",
	"Тауар жақсы, бірақ қымбат. Сіз форманы толтыруыңыз керек.",
	"Білмеймін. Бұл мүмкін емес.",
	"You must fill in the form, but it only takes a minute.",
	"Are you sure you paid? As I said, calm down.",
	"Nothing but the receipt is needed. We must verify it.",
	"Вaжно: Bы дoлжны прийти, НО позже! Как я уже говорил.",
};
#define NTEXTS (sizeof texts / sizeof texts[0])
#define NTHREADS 8
#define ROUNDS 30

/* A text summary of a report: rule ids, spans, suggestions. */
static char *signature(const tact_checker *c, const char *t)
{
	tact_report *r = NULL;
	char *sig = calloc(1, 8192);
	size_t k, s, e;

	if (tact_check(&r, c, t, strlen(t), NULL) != TACT_OK)
		return sig;
	for (k = 0; k < tact_report_count(r); k++) {
		const tact_finding *f = tact_report_finding(r, k);
		size_t used = strlen(sig);

		tact_finding_span(f, &s, &e, NULL, NULL, NULL, NULL);
		snprintf(sig + used, 8192 - used, "%s:%zu-%zu:%s;", tact_finding_rule(f),
		         s, e, tact_finding_suggestion_count(f)
		                       ? tact_finding_suggestion(f, 0) : "");
	}
	tact_report_free(r);
	return sig;
}

struct worker {
	const tact_checker *checker;
	char **expected;
	int id;
	int mismatches;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	size_t round, k;

	for (round = 0; round < ROUNDS; round++)
		for (k = 0; k < NTEXTS; k++) {
			size_t i = (k + (size_t)w->id * 3 + round) % NTEXTS;
			char *sig = signature(w->checker, texts[i]);

			w->mismatches += strcmp(sig, w->expected[i]) != 0;
			free(sig);
		}
	return NULL;
}

START_TEST(shared_checker_across_threads)
{
	tact_checker *c = NULL;
	char *expected[NTEXTS];
	pthread_t tid[NTHREADS];
	struct worker w[NTHREADS];
	size_t k;

	ck_assert_int_eq(tact_checker_new(&c, TACT_CHECKER_DEFAULT), TACT_OK);
	for (k = 0; k < NTEXTS; k++) {
		expected[k] = signature(c, texts[k]);
		ck_assert_msg(k == 1 || k == 8 || expected[k][0], "no finding: %s",
		              texts[k]);
	}
	for (k = 0; k < NTHREADS; k++) {
		w[k].checker = c;
		w[k].expected = expected;
		w[k].id = (int)k;
		w[k].mismatches = 0;
		ck_assert_int_eq(pthread_create(&tid[k], NULL, work, &w[k]), 0);
	}
	for (k = 0; k < NTHREADS; k++) {
		pthread_join(tid[k], NULL);
		ck_assert_int_eq(w[k].mismatches, 0);
	}
	for (k = 0; k < NTEXTS; k++)
		free(expected[k]);
	tact_checker_free(c);
}
END_TEST

/* Errors are per thread: one thread's failure does not show in another. */
static void *fail_utf8(void *arg)
{
	tact_checker *c = arg;
	tact_report *r = NULL;

	return (void *)(intptr_t)tact_check(&r, c, "\xFF", 1, NULL);
}

START_TEST(errors_are_thread_local)
{
	tact_checker *c = checker_with("pack: p\nlanguage: en\nrules: []\n");
	pthread_t t;
	void *rc;
	tact_report *r = NULL;

	ck_assert_int_eq(tact_check(&r, c, "fine", 4, NULL), TACT_OK);
	tact_report_free(r);
	ck_assert_int_eq(pthread_create(&t, NULL, fail_utf8, c), 0);
	pthread_join(t, &rc);
	ck_assert_int_eq((int)(intptr_t)rc, TACT_EUTF8);
	ck_assert_str_eq(tact_error_last(), "");
	ck_assert_int_eq(tact_error_position(NULL, NULL, NULL), TACT_OK);
	tact_checker_free(c);
}
END_TEST

static Suite *limits_suite(void)
{
	Suite *s = suite_create("limits");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, redos_is_bounded);
	tcase_add_test(tc, rule_state_is_per_check);
	tcase_add_test(tc, patterns_too_deep_or_long_are_refused);
	tcase_add_test(tc, too_big_is_refused_before_reading);
	tcase_add_test(tc, shared_checker_across_threads);
	tcase_add_test(tc, errors_are_thread_local);
	suite_add_tcase(s, tc);
	return s;
}

TACT_TEST_MAIN(limits_suite)
