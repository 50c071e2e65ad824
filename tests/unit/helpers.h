/*
 * helpers.h: shared helpers of the Check unit tests.
 */
#ifndef TACT_TEST_HELPERS_H
#define TACT_TEST_HELPERS_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tact.h"

/* A checker with only the given pack (YAML text) loaded. */
static inline tact_checker *checker_with(const char *yaml)
{
	tact_checker *c = NULL;

	ck_assert_int_eq(tact_checker_new(&c, TACT_CHECKER_NO_BUILTIN), TACT_OK);
	ck_assert_msg(tact_checker_add_pack_string(c, yaml, strlen(yaml), "test") ==
	                      TACT_OK,
	              "pack refused: %s", tact_error_last());
	return c;
}

/* Check text as lang; the report must be freed by the caller. */
static inline tact_report *check_as(const tact_checker *c, const char *lang,
                                    const char *text)
{
	tact_report *r = NULL;
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;

	o.language = lang;
	ck_assert_msg(tact_check(&r, c, text, strlen(text), &o) == TACT_OK,
	              "check failed: %s", tact_error_last());
	return r;
}

/* Rewrite text as lang into a malloc'd string the caller frees with
 * tact_free(). */
static inline char *rewrite_as(const tact_checker *c, const char *lang,
                               const char *text)
{
	char *out = NULL;
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;

	o.language = lang;
	ck_assert_msg(tact_rewrite(&out, NULL, c, text, strlen(text), &o) ==
	                      TACT_OK,
	              "rewrite failed: %s", tact_error_last());
	return out;
}

/* How many findings of a category (NULL: any) the report holds. */
static inline size_t count_category(const tact_report *r, const char *cat)
{
	size_t k, n = 0;

	for (k = 0; k < tact_report_count(r); k++)
		if (!cat || strcmp(tact_finding_category(tact_report_finding(r, k)),
		                   cat) == 0)
			n++;
	return n;
}

#define TACT_TEST_MAIN(suite_fn)                                              \
	int main(void)                                                        \
	{                                                                     \
		SRunner *sr = srunner_create(suite_fn());                     \
		int failed;                                                   \
		srunner_run_all(sr, CK_NORMAL);                               \
		failed = srunner_ntests_failed(sr);                           \
		srunner_free(sr);                                             \
		return failed ? EXIT_FAILURE : EXIT_SUCCESS;                  \
	}

#endif
