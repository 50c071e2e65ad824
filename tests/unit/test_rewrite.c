/*
 * test_rewrite.c: applying suggestions.
 */
#include "helpers.h"

static tact_checker *fixture(void)
{
	tact_checker *c = NULL;

	ck_assert_int_eq(tact_checker_new(&c, TACT_CHECKER_NO_BUILTIN), TACT_OK);
	ck_assert_int_eq(tact_checker_add_pack_file(c, TACT_TEST_DATA "/fixture.yaml"),
	                 TACT_OK);
	return c;
}

static void expect_rewrite(const tact_checker *c, const char *in,
                           const char *want)
{
	char *out = rewrite_as(c, "ru", in), *again;

	ck_assert_str_eq(out, want);
	again = rewrite_as(c, "ru", out);
	ck_assert_str_eq(again, out); /* idempotent */
	tact_free(again);
	tact_free(out);
}

START_TEST(design_example)
{
	tact_checker *c = fixture();

	expect_rewrite(c, "Товар хороший, но дорогой. Вы должны заполнить форму.",
	               "Товар хороший, однако дорогой. Не могли бы Вы заполнить форму?");
	tact_checker_free(c);
}
END_TEST

START_TEST(case_is_kept)
{
	tact_checker *c = fixture();

	expect_rewrite(c, "Но это так.", "Однако это так.");
	expect_rewrite(c, "НО ЭТО ТАК.", "ОДНАКО ЭТО ТАК.");
	expect_rewrite(c, "Да, но нет.", "Да, однако нет.");
	tact_checker_free(c);
}
END_TEST

START_TEST(outside_findings_untouched)
{
	tact_checker *c = fixture();
	/* Odd spacing, emoji, homoglyphs and quotes survive byte for byte. */
	expect_rewrite(c, "  Вaжно 😀,   но «но»  \n\tостаётся. ",
	               "  Вaжно 😀,   однако «но»  \n\tостаётся. ");
	tact_checker_free(c);
}
END_TEST

START_TEST(overlapping_findings_all_fixed)
{
	tact_checker *c = fixture();
	char *out = rewrite_as(c, "ru", "Вы должны прийти, но позже.");
	tact_report *r = check_as(c, "ru", out);

	ck_assert_str_eq(out, "Не могли бы Вы прийти, однако позже?");
	ck_assert_uint_eq(tact_report_count(r), 0);
	tact_report_free(r);
	tact_free(out);
	tact_checker_free(c);
}
END_TEST

START_TEST(findings_without_suggestions_stay)
{
	tact_checker *c = fixture();

	expect_rewrite(c, "Вы уверены?", "Вы уверены?");
	tact_checker_free(c);
}
END_TEST

START_TEST(rewrite_errors)
{
	tact_checker *c = fixture();
	char *out = (char *)&out;
	size_t len = 7;

	ck_assert_int_eq(tact_rewrite(&out, &len, c, "\xFF", 1, NULL), TACT_EUTF8);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(tact_rewrite(NULL, NULL, c, "a", 1, NULL), TACT_EINVAL);
	ck_assert_int_eq(tact_rewrite(&out, NULL, NULL, "a", 1, NULL), TACT_EINVAL);
	ck_assert_int_eq(tact_rewrite(&out, NULL, c, NULL, 3, NULL), TACT_EINVAL);
	ck_assert_int_eq(tact_rewrite(&out, &len, c, NULL, 0, NULL), TACT_OK);
	ck_assert_str_eq(out, "");
	ck_assert_uint_eq(len, 0);
	tact_free(out);
	tact_checker_free(c);
}
END_TEST

static Suite *rewrite_suite(void)
{
	Suite *s = suite_create("rewrite");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, design_example);
	tcase_add_test(tc, case_is_kept);
	tcase_add_test(tc, outside_findings_untouched);
	tcase_add_test(tc, overlapping_findings_all_fixed);
	tcase_add_test(tc, findings_without_suggestions_stay);
	tcase_add_test(tc, rewrite_errors);
	suite_add_tcase(s, tc);
	return s;
}

TACT_TEST_MAIN(rewrite_suite)
