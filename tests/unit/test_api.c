/*
 * test_api.c: the API's contracts: versions, NULL handling, error codes.
 */
#include "helpers.h"

START_TEST(versions_agree)
{
	ck_assert_str_eq(tact_version(), TACT_VERSION_STRING);
	ck_assert_int_eq(tact_version_number(), TACT_VERSION_NUMBER);
}
END_TEST

START_TEST(strerror_names_every_code)
{
	int code;

	for (code = TACT_ENOTFOUND; code <= TACT_OK; code++) {
		ck_assert_ptr_nonnull(tact_strerror(code));
		ck_assert_str_ne(tact_strerror(code), "unknown error");
	}
	ck_assert_str_eq(tact_strerror(-999), "unknown error");
	ck_assert_str_eq(tact_strerror(TACT_EUTF8), "invalid UTF-8");
}
END_TEST

START_TEST(null_is_safe)
{
	tact_checker_free(NULL);
	tact_report_free(NULL);
	tact_free(NULL);
	ck_assert_uint_eq(tact_report_count(NULL), 0);
	ck_assert_ptr_null(tact_report_finding(NULL, 0));
	ck_assert_ptr_null(tact_finding_rule(NULL));
	ck_assert_ptr_null(tact_finding_suggestion(NULL, 0));
	ck_assert_int_eq(tact_finding_span(NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	                 TACT_EINVAL);
	ck_assert_uint_eq(tact_checker_rule_count(NULL), 0);
	ck_assert_ptr_null(tact_rule_id(NULL));
	ck_assert_ptr_null(tact_severity_name(7));
	ck_assert_int_eq(tact_checker_new(NULL, 0), TACT_EINVAL);
}
END_TEST

START_TEST(check_argument_errors)
{
	tact_checker *c = checker_with("pack: p\nlanguage: ru\nrules: []\n");
	tact_report *r = (tact_report *)&r;
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;

	ck_assert_int_eq(tact_check(NULL, c, "a", 1, NULL), TACT_EINVAL);
	ck_assert_int_eq(tact_check(&r, NULL, "a", 1, NULL), TACT_EINVAL);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(tact_check(&r, c, NULL, 1, NULL), TACT_EINVAL);
	o.version = 99;
	ck_assert_int_eq(tact_check(&r, c, "a", 1, &o), TACT_EVERSION);
	o.version = TACT_CHECK_OPTIONS_VERSION;
	o.min_severity = 5;
	ck_assert_int_eq(tact_check(&r, c, "a", 1, &o), TACT_EINVAL);
	o.min_severity = 0;
	o.flags = 0x80;
	ck_assert_int_eq(tact_check(&r, c, "a", 1, &o), TACT_EINVAL);
	o.flags = 0;
	o.language = "xx";
	ck_assert_int_eq(tact_check(&r, c, "a", 1, &o), TACT_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(tact_error_last(), "xx"));
	o.language = "ru";
	ck_assert_int_eq(tact_check(&r, c, NULL, 0, &o), TACT_OK);
	ck_assert_uint_eq(tact_report_count(r), 0);
	ck_assert_str_eq(tact_report_language(r), "ru");
	tact_report_free(r);
	ck_assert_str_eq(tact_error_last(), "");
	tact_checker_free(c);
}
END_TEST

START_TEST(options_init)
{
	tact_check_options o;

	memset(&o, 0xAB, sizeof o);
	ck_assert_int_eq(tact_check_options_init(&o, TACT_CHECK_OPTIONS_VERSION),
	                 TACT_OK);
	ck_assert_uint_eq(o.version, TACT_CHECK_OPTIONS_VERSION);
	ck_assert_ptr_null(o.language);
	ck_assert_ptr_null(o.enable);
	ck_assert_int_eq(o.min_severity, TACT_SEVERITY_HINT);
	ck_assert_int_eq(tact_check_options_init(&o, 1000), TACT_EVERSION);
	ck_assert_int_eq(tact_check_options_init(NULL, 1), TACT_EINVAL);
}
END_TEST

START_TEST(builtin_checker_has_every_language)
{
	tact_checker *c = NULL;
	static const char *const langs[] = { "ru", "ro", "kk", "en" };
	size_t k, j;

	ck_assert_int_eq(tact_checker_new(&c, TACT_CHECKER_DEFAULT), TACT_OK);
	for (k = 0; k < 4; k++) {
		int found = 0;

		for (j = 0; j < tact_checker_rule_count(c); j++)
			found |= strcmp(tact_rule_language(tact_checker_rule(c, j)),
			                langs[k]) == 0;
		ck_assert_msg(found, "no built-in rule for %s", langs[k]);
	}
	tact_checker_free(c);
}
END_TEST

static Suite *api_suite(void)
{
	Suite *s = suite_create("api");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, versions_agree);
	tcase_add_test(tc, strerror_names_every_code);
	tcase_add_test(tc, null_is_safe);
	tcase_add_test(tc, check_argument_errors);
	tcase_add_test(tc, options_init);
	tcase_add_test(tc, builtin_checker_has_every_language);
	suite_add_tcase(s, tc);
	return s;
}

TACT_TEST_MAIN(api_suite)
