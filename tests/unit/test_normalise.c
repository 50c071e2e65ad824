/*
 * test_normalise.c: the normaliser and its map back to the original text.
 */
#include "helpers.h"
#include "../../lib/internal.h"

static char *norm(const char *s, struct tact_norm *n)
{
	memset(n, 0, sizeof *n);
	ck_assert_int_eq(tact_normalise(n, s, strlen(s)), TACT_OK);
	return n->text;
}

START_TEST(lower_and_yo)
{
	struct tact_norm n;

	ck_assert_str_eq(norm("ЁЛКА Ещё", &n), "елка еще");
	tact_norm_free(&n);
}
END_TEST

START_TEST(romanian_variants_fold_alike)
{
	static const char *const forms[] = {
		"Sunteţi sigur", /* cedilla */
		"Sunteți sigur", /* comma below */
		"Sunteti sigur", /* none */
		"SUNTEȚI SIGUR",
	};
	struct tact_norm n;
	size_t k;

	for (k = 0; k < 4; k++) {
		ck_assert_str_eq(norm(forms[k], &n), "sunteti sigur");
		tact_norm_free(&n);
	}
	ck_assert_str_eq(norm("Mulțumim, știu, îți, până", &n),
	                 "multumim, stiu, iti, pana");
	tact_norm_free(&n);
}
END_TEST

START_TEST(nfc_composes_combining_marks)
{
	struct tact_norm n;
	/* е + U+0308 (combining diaeresis) is ё, folded to е; и + U+0306 is й. */
	const char *s = "е\xCC\x88ще мои\xCC\x86";

	ck_assert_str_eq(norm(s, &n), "еще мой");
	tact_norm_free(&n);
	/* s + U+0326 (comma below) is ș, folded to s. */
	ck_assert_str_eq(norm("s\xCC\xA6i", &n), "si");
	tact_norm_free(&n);
}
END_TEST

START_TEST(homoglyphs_in_cyrillic_words)
{
	struct tact_norm n;

	/* The seed text's Latin 'a' inside Cyrillic words. */
	ck_assert_str_eq(norm("Вaжно: клиентaми", &n), "важно: клиентами");
	tact_norm_free(&n);
	/* Whole Latin words stay Latin; a Cyrillic 'о' in a Latin word turns Latin. */
	ck_assert_str_eq(norm("cool b\xD0\xBEok", &n), "cool book");
	tact_norm_free(&n);
	/* Kazakh letters are kept. */
	ck_assert_str_eq(norm("ҚАЗІР Білмеймін", &n), "қазір білмеймін");
	tact_norm_free(&n);
}
END_TEST

START_TEST(apostrophes)
{
	struct tact_norm n;

	ck_assert_str_eq(norm("You\xE2\x80\x99re", &n), "you're");
	tact_norm_free(&n);
}
END_TEST

/* Every normalised byte maps into the source, monotonically, and spans
 * map back to whole code points of the source. */
START_TEST(map_is_monotonic_and_exact)
{
	const char *s = "Вaжно: е\xCC\x88ще 😀 ŞI Ţară!";
	struct tact_norm n;
	size_t k, a, b;

	norm(s, &n);
	for (k = 1; k <= n.len; k++)
		ck_assert_uint_le(n.map[k - 1], n.map[k]);
	ck_assert_uint_eq(n.map[n.len], strlen(s));
	/* "еще" in the normalised text covers "е◌̈ще" in the source. */
	{
		const char *p = strstr(n.text, "еще");

		ck_assert_ptr_nonnull(p);
		tact_norm_span(&n, (size_t)(p - n.text),
		               (size_t)(p - n.text) + strlen("еще"), &a, &b);
		ck_assert_uint_eq(b - a, strlen("е\xCC\x88ще"));
		ck_assert_int_eq(memcmp(s + a, "е\xCC\x88ще", b - a), 0);
	}
	{
		const char *p = strstr(n.text, "tara");

		ck_assert_ptr_nonnull(p);
		tact_norm_span(&n, (size_t)(p - n.text), (size_t)(p - n.text) + 4,
		               &a, &b);
		ck_assert_int_eq(memcmp(s + a, "Ţară", b - a), 0);
		ck_assert_uint_eq(b - a, strlen("Ţară"));
	}
	tact_norm_free(&n);
}
END_TEST

START_TEST(fold_string_for_patterns)
{
	char *f = tact_fold_string("Sunteţi ещё", strlen("Sunteţi ещё"), 0);

	ck_assert_str_eq(f, "Sunteti еще");
	tact_free(f);
}
END_TEST

START_TEST(sentences)
{
	/* A full stop before a lower-case word («т. е.», "e.g. this") does not
	 * end the sentence, nor does a line break inside a wrapped sentence. */
	const char *t = "Первое. Второе!  Третье?\nЧетвёртое… т. е. конец. Dvs. trebuie\n"
	                "Пятое, перенесённое\nна новую строку.\n- пункт";
	size_t pos = 0, s, e, n = 0;
	const char *want[] = { "Первое.", "Второе!", "Третье?",
		               "Четвёртое… т. е. конец.", "Dvs. trebuie",
		               "Пятое, перенесённое\nна новую строку.", "- пункт" };

	while (tact_next_sentence(t, strlen(t), &pos, &s, &e)) {
		ck_assert_uint_lt(n, 7);
		ck_assert_uint_eq(e - s, strlen(want[n]));
		ck_assert_int_eq(memcmp(t + s, want[n], e - s), 0);
		n++;
	}
	ck_assert_uint_eq(n, 7);
}
END_TEST

/* The literal a pattern's matches start with: a cheap filter before the
 * regular expression runs. */
START_TEST(pattern_literals)
{
	static const char *const cases[][2] = {
		{ "\\bно\\b", "но" },
		{ "(?<!\\w)(?<!\\w\\s)incearca\\b(?!-)", "incearca" },
		{ "\\bвы\\s+должны", "вы" },
		{ "\\bВЫ\\s", "вы" },
		{ "Sunteţi\\s+sigur", "sunteti" },
		{ "abc?d", "ab" },
		{ "ab+c", "ab" },
		{ "abc{2}", "abc" },
		{ "ab?c", NULL },
		{ "foo|bar", NULL },
		{ "(?:a|b)cd", NULL },
		{ "(ab)|cd", NULL },
		{ "^\\s*no", NULL },
		{ "x", NULL },
		{ "[ab]cd", NULL },
	};
	size_t k;

	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char *lit = tact_pattern_literal(cases[k][0]);

		if (!cases[k][1])
			ck_assert_msg(lit == NULL, "%s gave %s", cases[k][0], lit);
		else
			ck_assert_msg(lit && strcmp(lit, cases[k][1]) == 0, "%s gave %s",
			              cases[k][0], lit ? lit : "NULL");
		tact_free(lit);
	}
}
END_TEST

START_TEST(detect_word_list_found)
{
	ck_assert_int_eq(tact_detect_table_check(), 1);
}
END_TEST

static Suite *normalise_suite(void)
{
	Suite *s = suite_create("normalise");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, lower_and_yo);
	tcase_add_test(tc, romanian_variants_fold_alike);
	tcase_add_test(tc, nfc_composes_combining_marks);
	tcase_add_test(tc, homoglyphs_in_cyrillic_words);
	tcase_add_test(tc, apostrophes);
	tcase_add_test(tc, map_is_monotonic_and_exact);
	tcase_add_test(tc, fold_string_for_patterns);
	tcase_add_test(tc, sentences);
	tcase_add_test(tc, detect_word_list_found);
	tcase_add_test(tc, pattern_literals);
	suite_add_tcase(s, tc);
	return s;
}

TACT_TEST_MAIN(normalise_suite)
