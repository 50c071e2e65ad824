/*
 * test_normalise.c: the normaliser and its map back to the original text.
 */
#include <ctype.h>
#include <stdio.h>

#include "helpers.h"
#include <utf8proc.h>

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
	static const struct {
		const char *in, *out;
	} twins[] = {
		{ "Товар хороший, Н\x6F дорогой", "товар хороший, но дорогой" },
		{ "Н\x6F, ДОРОГОЙ", "но, дорогой" },
		{ "ok, \xD0\xBD\x6F fine", "ok, ho fine" },
		{ "\xD0\xBD\x6F 42", "\xD0\xBD\x6F 42" },
		{ "\xD0\xBD\x6F", "\xD0\xBD\x6F" },
	};
	struct tact_norm n;
	size_t k;

	/* The seed text's Latin 'a' inside Cyrillic words. */
	ck_assert_str_eq(norm("Вaжно: клиентaми", &n), "важно: клиентами");
	tact_norm_free(&n);
	/* Whole Latin words stay Latin; a Cyrillic 'о' in a Latin word turns Latin. */
	ck_assert_str_eq(norm("cool b\xD0\xBEok", &n), "cool book");
	tact_norm_free(&n);
	/* Kazakh letters are kept. */
	ck_assert_str_eq(norm("ҚАЗІР Білмеймін", &n), "қазір білмеймін");
	tact_norm_free(&n);
	/* As many look-alikes of each script («Нo», a Latin «o»): the word
	 * before decides, else the word after, else it stays as written. */
	for (k = 0; k < TACT_ARRAY_LEN(twins); k++) {
		ck_assert_str_eq(norm(twins[k].in, &n), twins[k].out);
		tact_norm_free(&n);
	}
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

/* All the letters caseless matching takes as equal fold to one code point,
 * so the literal of a pattern finds any of them. */
START_TEST(case_classes_fold_alike)
{
	static const char *const cases[][2] = {
		{ "Big \xC5\xBF" "ale", "big sale" },       /* long s */
		{ "\xE2\x84\xAA", "k" },                     /* Kelvin sign */
		{ "\xE1\xB2\x80\xD1\x8B", "\xD0\xB2\xD1\x8B" }, /* U+1C80, ы */
		{ "ΣΟΦΟΣ σοφος", "σοφοσ σοφοσ" },           /* final sigma */
		{ "ϑ µ", "θ μ" },                           /* theta, micro */
		{ "ẞ ß", "ß ß" },
	};
	static const char *const folded[][2] = {
		{ "\xC5\xBF", "s" },
		{ "\xE2\x84\xAA", "k" },
		{ "\xE1\xB2\x80", "\xD0\xB2" },
		{ "ς", "σ" },
	};
	struct tact_norm n;
	size_t k;

	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		ck_assert_str_eq(norm(cases[k][0], &n), cases[k][1]);
		tact_norm_free(&n);
	}
	for (k = 0; k < sizeof folded / sizeof folded[0]; k++) {
		char *f = tact_fold_string(folded[k][0], strlen(folded[k][0]), 1);

		ck_assert_str_eq(f, folded[k][1]);
		tact_free(f);
	}
}
END_TEST

static size_t count_matches(const char *yaml, const char *lang,
                            const char *text, const char *first)
{
	tact_checker *c = checker_with(yaml);
	tact_report *r = check_as(c, lang, text);
	size_t count = tact_report_count(r);

	if (count)
		ck_assert_str_eq(tact_finding_match(tact_report_finding(r, 0), NULL),
		                 first);
	tact_report_free(r);
	tact_checker_free(c);
	return count;
}

START_TEST(case_classes_match_patterns)
{
	ck_assert_uint_eq(count_matches("pack: p\nlanguage: en\nrules:\n"
	                                "  - {id: en.x.sale, category: jargon, "
	                                "severity: hint, message: m, explanation: e, "
	                                "patterns: ['\\bsale\\b', '\\bok\\b']}\n",
	                                "en", "Big \xC5\xBF" "ale, O\xE2\x84\xAA?",
	                                "\xC5\xBF" "ale"), 2);
	ck_assert_uint_eq(count_matches("pack: p\nlanguage: ru\nrules:\n"
	                                "  - {id: ru.x.vy, category: jargon, "
	                                "severity: hint, message: m, explanation: e, "
	                                "patterns: ['\\bвы\\b']}\n",
	                                "ru", "\xE1\xB2\x80\xD1\x8B правы.",
	                                "\xE1\xB2\x80\xD1\x8B"), 1);
}
END_TEST

START_TEST(fold_table_matches_slow_path)
{
	ck_assert_uint_eq(tact_fold_table_check(), 0);
}
END_TEST

/* A word's look-alikes turn to its script in place: growing (one byte to
 * two) or shrinking, with the map of every byte kept. */
START_TEST(homoglyphs_change_length)
{
	struct tact_norm n;
	char s[1 + 2 + 300];
	size_t k;

	memcpy(s, "\xD0\xBF", 2); /* п, then 300 Latin a */
	memset(s + 2, 'a', 300);
	s[302] = '\0';
	norm(s, &n);
	ck_assert_uint_eq(n.len, 602);
	for (k = 0; k < 300; k++) {
		ck_assert_int_eq(memcmp(n.text + 2 + 2 * k, "\xD0\xB0", 2), 0);
		ck_assert_uint_eq(n.map[2 + 2 * k], 2 + k);
		ck_assert_uint_eq(n.map[3 + 2 * k], 2 + k);
	}
	ck_assert_uint_eq(n.map[602], 302);
	tact_norm_free(&n);
	norm("z\xD0\xBE\xD0\xBE!", &n); /* z, Cyrillic оо */
	ck_assert_str_eq(n.text, "zoo!");
	ck_assert_uint_eq(n.map[1], 1);
	ck_assert_uint_eq(n.map[2], 3);
	ck_assert_uint_eq(n.map[3], 5);
	tact_norm_free(&n);
}
END_TEST

/* A combining mark after a letter the fast path would write alone: the
 * letter and its marks are composed together. */
START_TEST(marks_after_fast_letters)
{
	struct tact_norm n;

	/* The eighth ASCII byte, then U+0301. */
	ck_assert_str_eq(norm("abcdefge\xCC\x81x", &n), "abcdefg\xC3\xA9x");
	ck_assert_uint_eq(n.map[7], 7);
	ck_assert_uint_eq(n.map[8], 7);
	ck_assert_uint_eq(n.map[9], 10);
	tact_norm_free(&n);
	/* The last letter of a Cyrillic word, then U+0301. */
	ck_assert_str_eq(norm("Привет\xCC\x81 мир", &n),
	                 "привет\xCC\x81 мир");
	ck_assert_uint_eq(n.map[10], 10);
	ck_assert_uint_eq(n.map[13], 10);
	ck_assert_uint_eq(n.map[14], 14);
	tact_norm_free(&n);
}
END_TEST

/* t cuts into the sentences want[0..n), each trimmed, and no more. */
static void assert_sentences(const char *t, const char *const *want,
                             size_t nwant)
{
	size_t pos = 0, s, e, n = 0;

	while (tact_next_sentence(t, strlen(t), &pos, &s, &e)) {
		ck_assert_uint_lt(n, nwant);
		ck_assert_msg(e - s == strlen(want[n]) &&
		              memcmp(t + s, want[n], e - s) == 0,
		              "sentence %zu: «%.*s»", n, (int)(e - s), t + s);
		n++;
	}
	ck_assert_uint_eq(n, nwant);
}

START_TEST(sentences)
{
	/* A full stop before a lower-case word («т. е.», "e.g. this") does not
	 * end the sentence, nor does a line break inside a wrapped sentence. */
	const char *t = "Первое. Второе!  Третье?\nЧетвёртое… т. е. конец. Dvs. trebuie\n"
	                "Пятое, перенесённое\nна новую строку.\n- пункт";
	const char *const want[] = { "Первое.", "Второе!", "Третье?",
		                     "Четвёртое… т. е. конец.", "Dvs. trebuie",
		                     "Пятое, перенесённое\nна новую строку.",
		                     "- пункт" };

	assert_sentences(t, want, TACT_ARRAY_LEN(want));
}
END_TEST

/* A title's full stop before a name or a number does not end the
 * sentence («Ms. Clark», «Dna. Popescu», «УЛ. Абая»), but a stop after
 * a longer word that ends like one («Adams.», «dream.») or after a
 * title at the end of a line does. */
START_TEST(sentences_after_titles)
{
	const char *t = "On your side, Ms. Clark, not ours. Dr. Brown and MR. Smith "
	                "agree. Bună ziua, Dna. Popescu! Доставим на УЛ. Абая, кв. 5. "
	                "Ask Adams. Then dream. Then Mr.\nNext";
	const char *const want[] = { "On your side, Ms. Clark, not ours.",
		                     "Dr. Brown and MR. Smith agree.",
		                     "Bună ziua, Dna. Popescu!",
		                     "Доставим на УЛ. Абая, кв. 5.", "Ask Adams.",
		                     "Then dream.", "Then Mr.", "Next" };

	assert_sentences(t, want, TACT_ARRAY_LEN(want));
}
END_TEST

/* Sentence ends are looked for sixteen bytes at a time: each mark far
 * into a sentence, at every offset from its start. */
START_TEST(sentence_ends_far_in)
{
	static const char *const marks[] = { ".", "!", "?", "\xE2\x80\xA6", "\n" };
	char t[128];
	size_t pad, k;

	for (pad = 0; pad < 40; pad++)
		for (k = 0; k < TACT_ARRAY_LEN(marks); k++) {
			size_t pos = 0, s, e, n;

			memset(t, 'a', pad);
			n = pad;
			memcpy(t + n, "\xD1\x8F", 2);
			n += 2;
			memcpy(t + n, marks[k], strlen(marks[k]));
			n += strlen(marks[k]);
			memcpy(t + n, " Next", 6);
			n += 5;
			ck_assert(tact_next_sentence(t, n, &pos, &s, &e));
			ck_assert_uint_eq(s, 0);
			ck_assert_uint_eq(e, pad + 2 + (k < 4 ? strlen(marks[k]) : 0));
			ck_assert(tact_next_sentence(t, n, &pos, &s, &e));
			ck_assert_uint_eq(e - s, 4);
			ck_assert(!tact_next_sentence(t, n, &pos, &s, &e));
		}
}
END_TEST

/* After a full stop, a sentence goes on at a lower-case letter (Ll):
 * every code point, as utf8proc classes it. */
START_TEST(sentence_goes_on_at_lower_case)
{
	uint32_t cp, bad = 0, wrong = 0;

	/* One assertion at the end: a million of Check's would take most of
	 * the suite's time under the sanitizers. */
	for (cp = 0x21; cp < 0x110000; cp++) {
		char t[16] = "Da. ";
		size_t pos = 0, s, e = 0, n;
		int ll = utf8proc_category((int32_t)cp) == UTF8PROC_CATEGORY_LL;

		if (cp >= 0xD800 && cp < 0xE000)
			continue;
		n = 4 + tact_utf8_put(t + 4, cp);
		if (!tact_next_sentence(t, n, &pos, &s, &e) || e != (ll ? n : 3))
			bad = wrong++ ? bad : cp;
	}
	ck_assert_msg(wrong == 0, "%u code points end the sentence wrongly, "
	              "the first U+%04X", wrong, bad);
}
END_TEST

/* A match's case is read letter by letter, ASCII and basic Cyrillic
 * without a look-up: every code point, alone and doubled, reads as
 * utf8proc's case mappings say. */
START_TEST(case_of_every_code_point)
{
	uint32_t cp, bad = 0, wrong = 0;

	/* One assertion at the end, as above. */
	for (cp = 0; cp < 0x110000; cp++) {
		int up = utf8proc_tolower((int32_t)cp) != (int32_t)cp;
		int low = utf8proc_toupper((int32_t)cp) != (int32_t)cp;
		int want_one = up ? TACT_CASE_CAPITAL : TACT_CASE_KEEP;
		int want_two = !up ? TACT_CASE_KEEP
		               : low ? TACT_CASE_CAPITAL : TACT_CASE_UPPER;
		char one[4], two[8];
		size_t n;

		if (cp >= 0xD800 && cp < 0xE000)
			continue;
		n = tact_utf8_put(one, cp);
		memcpy(two, one, n);
		memcpy(two + n, one, n);
		if ((int)tact_case_of(one, n) != want_one ||
		    (int)tact_case_of(two, 2 * n) != want_two)
			bad = wrong++ ? bad : cp;
	}
	ck_assert_msg(wrong == 0, "%u code points read in the wrong case, "
	              "the first U+%04X", wrong, bad);
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

/* Which patterns are compiled without PCRE2_CASELESS: those whose every
 * letter is as the normaliser leaves it, with no escape that names a
 * code point, property or back reference. */
START_TEST(caseless_where_needed)
{
	static const struct {
		const char *pattern;
		int caseless;
	} cases[] = {
		{ "\\bвы\\s+должны\\b", 0 },
		{ "(?<w>\\b\\w+[\\s,;:]+)eta\\b(?!-)", 0 },
		{ "[а-я]+[^\\s,.!?]", 0 },
		{ "ё", 1 },                     /* not folded: the text has е */
		{ "[\\]a-z-]\\.\\«", 0 },
		{ "(?i)sale|(?-i)x", 0 },
		{ "Вы", 1 },                    /* a capital */
		{ "\\bsale\\b|S", 1 },
		{ "[А-Я]", 1 },
		{ "[a-ä]", 1 },                 /* holds À..Þ */
		{ "[a-z\\x{41}]", 1 },
		{ "\\x41", 1 },
		{ "\\N{U+0041}", 1 },
		{ "\\p{Lu}", 1 },
		{ "[[:upper:]]", 1 },
		{ "(a)\\1", 1 },
		{ "(?<a>x)\\k<a>", 1 },
		{ "\\Qabc\\E", 1 },
		{ "\xC5\xBF" "ale", 1 },        /* ſ: the text has s */
		{ "µ", 1 },                     /* the text has Greek mu */
		{ "σ", 1 },                     /* Greek: not read */
		{ "🙄", 1 },
		{ "(?<Name>x)", 1 },
		{ "abc\\", 1 },
	};
	size_t k;

	for (k = 0; k < sizeof cases / sizeof cases[0]; k++)
		ck_assert_msg(tact_pattern_caseless(cases[k].pattern) ==
		                      cases[k].caseless,
		              "%s", cases[k].pattern);
}
END_TEST

/* A letter in a pattern compiled without PCRE2_CASELESS must be the only
 * code point of normalised text that PCRE2 would take as equal to it
 * caseless: each such code point, matched caseless by PCRE2 over every
 * code point the normaliser may leave in a text (the fold of every
 * assigned one), is found once, where it is itself, or never when no
 * text holds it. */
START_TEST(plain_letters_have_one_case)
{
	static const uint32_t ranges[][2] = {
		{ 0, 0x250 }, { 0x400, 0x530 }, { 0x2000, 0x2070 },
	};
	uint8_t *in = calloc(0x110000 / 8, 1);
	char *subject = malloc(4 * 0x110000);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	size_t len = 0, k;
	uint32_t cp, bad = 0, wrong = 0, tested = 0;

	ck_assert(in && subject && md);
	for (cp = 0; cp < 0x110000; cp++) {
		uint32_t f;

		if (utf8proc_category((int32_t)cp) == UTF8PROC_CATEGORY_CN ||
		    utf8proc_category((int32_t)cp) == UTF8PROC_CATEGORY_CS)
			continue;
		f = tact_fold_cp(cp);
		in[f >> 3] |= (uint8_t)(1u << (f & 7));
	}
	for (cp = 0; cp < 0x110000; cp++)
		if (in[cp >> 3] >> (cp & 7) & 1)
			len += tact_utf8_put(subject + len, cp);
	for (k = 0; k < sizeof ranges / sizeof ranges[0]; k++)
		for (cp = ranges[k][0]; cp < ranges[k][1]; cp++) {
			char pat[16], one[8];
			size_t n = 0, found = 0, off = 0;
			pcre2_code *code;
			int err;
			PCRE2_SIZE eoff;

			if (cp < 0x80 && !isalnum((int)cp))
				one[n++] = '\\';
			n += tact_utf8_put(one + n, cp);
			one[n] = '\0';
			if (cp == 0 || tact_pattern_caseless(one))
				continue;
			tested++;
			snprintf(pat, sizeof pat, "\\x{%X}", (unsigned)cp);
			code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
			                     PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS,
			                     &err, &eoff, NULL);
			ck_assert_ptr_nonnull(code);
			(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
			while (pcre2_match(code, (PCRE2_SPTR)subject, len, off, 0, md,
			                   NULL) > 0) {
				off = pcre2_get_ovector_pointer(md)[1];
				found++;
			}
			pcre2_code_free(code);
			if (found != (size_t)(in[cp >> 3] >> (cp & 7) & 1))
				bad = wrong++ ? bad : cp;
		}
	ck_assert_uint_gt(tested, 500);
	ck_assert_msg(wrong == 0, "%u code points match others caseless, "
	              "the first U+%04X", wrong, bad);
	pcre2_match_data_free(md);
	free(subject);
	free(in);
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
	tcase_add_test(tc, case_classes_fold_alike);
	tcase_add_test(tc, case_classes_match_patterns);
	tcase_add_test(tc, fold_table_matches_slow_path);
	tcase_add_test(tc, homoglyphs_change_length);
	tcase_add_test(tc, marks_after_fast_letters);
	tcase_add_test(tc, sentences);
	tcase_add_test(tc, sentences_after_titles);
	tcase_add_test(tc, sentence_ends_far_in);
	tcase_add_test(tc, case_of_every_code_point);
	tcase_add_test(tc, sentence_goes_on_at_lower_case);
	tcase_add_test(tc, detect_word_list_found);
	tcase_add_test(tc, pattern_literals);
	tcase_add_test(tc, caseless_where_needed);
	tcase_add_test(tc, plain_letters_have_one_case);
	suite_add_tcase(s, tc);
	return s;
}

TACT_TEST_MAIN(normalise_suite)
