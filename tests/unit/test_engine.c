/*
 * test_engine.c: matching on real text with the fixture pack: spans in
 * bytes and code points, traps, skipped regions, overlaps, errors.
 */
#include <stdio.h>

#include "helpers.h"

static tact_checker *fixture(void)
{
	tact_checker *c = NULL;

	ck_assert_int_eq(tact_checker_new(&c, TACT_CHECKER_NO_BUILTIN), TACT_OK);
	ck_assert_msg(tact_checker_add_pack_file(c, TACT_TEST_DATA "/fixture.yaml") ==
	                      TACT_OK, "%s", tact_error_last());
	return c;
}

/* A checker with one rule: a pattern (YAML single-quoted) in lang. */
static tact_checker *one_rule(const char *lang, const char *pattern)
{
	char yaml[1024];

	snprintf(yaml, sizeof yaml,
	         "pack: t\nlanguage: %s\nrules:\n"
	         "  - id: t.rule\n    category: familiarity\n    severity: hint\n"
	         "    message: m\n    explanation: e\n"
	         "    patterns: ['%s']\n", lang, pattern);
	return checker_with(yaml);
}

static void span_of(const tact_report *r, size_t i, size_t *b, size_t *e,
                    size_t *cb, size_t *ce, size_t *line, size_t *col)
{
	ck_assert_int_eq(tact_finding_span(tact_report_finding(r, i), b, e, cb, ce,
	                                   line, col), TACT_OK);
}

START_TEST(design_example_spans)
{
	tact_checker *c = fixture();
	const char *t = "Товар хороший, но дорогой. Вы должны заполнить форму.";
	tact_report *r = check_as(c, "ru", t);
	size_t b, e, cb, ce, line, col;

	ck_assert_uint_eq(tact_report_count(r), 2);
	ck_assert_str_eq(tact_finding_rule(tact_report_finding(r, 0)), "ru.contrast.no");
	span_of(r, 0, &b, &e, &cb, &ce, &line, &col);
	ck_assert_uint_eq(b, 27);
	ck_assert_uint_eq(e, 31);
	ck_assert_uint_eq(cb, 15);
	ck_assert_uint_eq(ce, 17);
	ck_assert_uint_eq(line, 1);
	ck_assert_uint_eq(col, 16);
	ck_assert_str_eq(tact_finding_match(tact_report_finding(r, 0), NULL), "но");
	ck_assert_str_eq(tact_finding_suggestion(tact_report_finding(r, 0), 0), "однако");
	ck_assert_str_eq(tact_finding_category(tact_report_finding(r, 1)), "obligation");
	ck_assert_str_eq(tact_finding_suggestion(tact_report_finding(r, 1), 0),
	                 "Не могли бы Вы заполнить форму?");
	ck_assert_int_eq(tact_report_status(r), TACT_OK);
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

/* Emoji (4 bytes, 1 code point), combining marks and line breaks before the
 * match: code points, lines and columns must still be exact. */
START_TEST(spans_after_emoji_and_marks)
{
	tact_checker *c = fixture();
	const char *t = "Привет 😀 е\xCC\x88!\nЦена 🙂 хорошая, НО высокая.";
	tact_report *r = check_as(c, "ru", t);
	size_t b, e, cb, ce, line, col;
	const char *p = strstr(t, "НО");

	ck_assert_uint_eq(tact_report_count(r), 1);
	span_of(r, 0, &b, &e, &cb, &ce, &line, &col);
	ck_assert_uint_eq(b, (size_t)(p - t));
	ck_assert_uint_eq(e - b, strlen("НО"));
	/* "Привет 😀 е◌̈!\n" is 13 code points; "Цена 🙂 хорошая, " 16. */
	ck_assert_uint_eq(cb, 13 + 16);
	ck_assert_uint_eq(ce, cb + 2);
	ck_assert_uint_eq(line, 2);
	ck_assert_uint_eq(col, 17);
	ck_assert_str_eq(tact_finding_suggestion(tact_report_finding(r, 0), 0), "ОДНАКО");
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(no_inside_words_does_not_fire)
{
	tact_checker *c = fixture();
	tact_report *r = check_as(c, "ru",
	        "Оно новое, можно заказать. Новинка! Ноутбук, эконом, но-шпа");

	/* Only the standalone «но» of «но-шпа» is a word «но». */
	ck_assert_uint_eq(count_category(r, "contrast"), 1);
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(exception_not_only_but_also)
{
	tact_checker *c = fixture();
	tact_report *r = check_as(c, "ru",
	        "Мы не только вернём деньги, но и доставим новый товар.");

	ck_assert_uint_eq(tact_report_count(r), 0);
	tact_report_free(r);
	r = check_as(c, "ru", "Мы вернём деньги, но не сразу.");
	ck_assert_uint_eq(count_category(r, "contrast"), 1);
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(skipped_regions)
{
	static const char *const texts[] = {
		"Вы написали: «но я уже оплатил».",
		"Вы написали: \"но я уже оплатил\".",
		"Вы написали: „но я уже оплатил“.",
		"> но я уже оплатил\nСпасибо.",
		"См. https://example.com/но/вы-должны и пишите.",
		"См. www.example.com/но и пишите.",
		"См. WWW.EXAMPLE.COM/НО и пишите.",
		"См. ftp://example.com/но и пишите.",
		"Пишите на но@example.com.",
		"Команда `но` выводит ответ.",
		"```\nвы должны но\n```\nГотово.",
		/* Marks near the end, and texts shorter than a block. */
		"Пишите: http://a.ru/но", "Пишите: www.a.ru/но", "«но»",
		"\"но\"", "`но`", "> но", "но@a.ru", "„но“",
	};
	tact_checker *c = fixture();
	char t[128];
	size_t k, pad;

	/* The marks the finders need are looked for sixteen bytes at a time:
	 * each text at every offset from a block's start. */
	for (k = 0; k < sizeof texts / sizeof texts[0]; k++)
		for (pad = 0; pad < 34; pad++) {
			tact_report *r;

			memset(t, ' ', pad);
			strcpy(t + pad, texts[k]);
			r = check_as(c, "ru", t);
			ck_assert_msg(tact_report_count(r) == 0, "fired on: %s",
			              texts[k]);
			tact_report_free(r);
		}
	tact_checker_free(c);
}
END_TEST

/* Many skipped regions in one text, with words to flag between them: the
 * finders jump from mark to mark, and must neither miss a region nor
 * swallow the text between two. */
START_TEST(skipped_regions_among_text)
{
	const char *t = "См. http://a.example/но, потом www.b.example/но. "
	                "Текст, но текст. «но» и https://c.example/но; "
	                "WWW.D.EXAMPLE/НО но. Почта: но@e.example, но „но“ "
	                "ftp://f.example/но.";
	tact_report *r;
	tact_checker *c = fixture();
	size_t k, b, e, cb, ce, line, col;
	static const size_t at[] = { 72, 144, 178 };

	r = check_as(c, "ru", t);
	ck_assert_uint_eq(tact_report_count(r), 3);
	for (k = 0; k < 3; k++) {
		span_of(r, k, &b, &e, &cb, &ce, &line, &col);
		ck_assert_uint_eq(b, at[k]);
		ck_assert_uint_eq(e, at[k] + 4);
	}
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(quotes_checked_when_asked)
{
	tact_checker *c = fixture();
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	tact_report *r = NULL;
	const char *t = "Вы написали: «но я уже оплатил».";

	o.language = "ru";
	o.flags = TACT_CHECK_INCLUDE_QUOTES;
	ck_assert_int_eq(tact_check(&r, c, t, strlen(t), &o), TACT_OK);
	ck_assert_uint_eq(tact_report_count(r), 1);
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(homoglyph_text_still_matches)
{
	tact_checker *c = fixture();
	/* «Вы» with a Latin B, «должны» with a Latin o. */
	tact_report *r = check_as(c, "ru", "Bы дoлжны прийти.");

	ck_assert_uint_eq(count_category(r, "obligation"), 1);
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(same_category_overlaps_resolved)
{
	tact_checker *c = fixture();
	/* The reshaping pattern and the plain one match overlapping text: one
	 * obligation finding, the longer, survives. */
	tact_report *r = check_as(c, "ru", "Вы должны прийти.");

	ck_assert_uint_eq(count_category(r, "obligation"), 1);
	ck_assert_str_eq(tact_finding_match(tact_report_finding(r, 0), NULL),
	                 "Вы должны прийти.");
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(different_categories_may_overlap)
{
	tact_checker *c = fixture();
	tact_report *r = check_as(c, "ru", "Вы должны прийти, но позже.");

	ck_assert_uint_eq(count_category(r, "obligation"), 1);
	ck_assert_uint_eq(count_category(r, "contrast"), 1);
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

/* Overlaps are dropped within each category, also over a long text and
 * in a category past the first 64 (a pack with many of its own). */
START_TEST(overlaps_dropped_in_many_categories)
{
	static const char *const cats[] = { "familiarity", "c70" };
	char yaml[8192], text[4096];
	size_t n = 0, k;
	tact_checker *c;
	tact_report *r;

	n += (size_t)snprintf(yaml + n, sizeof yaml - n,
	                      "pack: t\nlanguage: en\ncategories:\n");
	for (k = 1; k <= 70; k++)
		n += (size_t)snprintf(yaml + n, sizeof yaml - n,
		                      "  - name: c%zu\n    description: d\n", k);
	n += (size_t)snprintf(yaml + n, sizeof yaml - n, "rules:\n");
	for (k = 0; k < 4; k++)
		n += (size_t)snprintf(yaml + n, sizeof yaml - n,
		                      "  - id: t.r%zu\n    category: %s\n"
		                      "    severity: hint\n    message: m\n"
		                      "    explanation: e\n    patterns: ['%s']\n",
		                      k, cats[k / 2], k % 2 ? "bcd" : "abc");
	ck_assert_uint_lt(n, sizeof yaml);
	c = checker_with(yaml);
	for (n = 0; n + 5 < sizeof text; n += 5)
		memcpy(text + n, "abcd ", 5);
	text[n] = '\0';
	r = check_as(c, "en", text);
	/* «abc» and «bcd» overlap in each of the 819 words: one of each
	 * category is kept, «abc», which starts first. */
	ck_assert_uint_eq(count_category(r, "familiarity"), n / 5);
	ck_assert_uint_eq(count_category(r, "c70"), n / 5);
	for (k = 0; k < tact_report_count(r); k++)
		ck_assert_str_eq(tact_finding_match(tact_report_finding(r, k), NULL),
		                 "abc");
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

/* A pattern with \K is found where its match begins, and reports the
 * span after \K, as PCRE2 does; a match is found once. */
/* Exceptions are looked for only as far as a finding needs: a later
 * match of an exception still excuses a later finding, also one of an
 * earlier pattern of the rule, and a finding no match holds is kept. */
START_TEST(exceptions_searched_as_far_as_needed)
{
	tact_checker *c = checker_with(
	        "pack: t\nlanguage: en\nrules:\n"
	        "  - id: t.rule\n    category: familiarity\n    severity: hint\n"
	        "    message: m\n    explanation: e\n"
	        "    patterns: ['\\bcd\\b', '\\bab\\b']\n"
	        "    exceptions: ['\\bx\\s+ab\\b', '\\bab\\s+cd\\b']\n");
	static const struct {
		const char *text;
		size_t n, first;        /* findings; the code point the first starts */
	} cases[] = {
		{ "x ab, ab, x ab.", 1, 6 },
		{ "ab cd ab.", 1, 6 },
		{ "cd, ab cd, x ab, ab cd, ab.", 2, 0 },
		{ "x ab x ab x ab.", 0, 0 },
	};
	size_t k;

	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		tact_report *r = check_as(c, "en", cases[k].text);
		size_t b, e, cb, ce, line, col;

		ck_assert_msg(tact_report_count(r) == cases[k].n,
		              "«%s»: %zu findings", cases[k].text,
		              tact_report_count(r));
		if (cases[k].n) {
			span_of(r, 0, &b, &e, &cb, &ce, &line, &col);
			ck_assert_uint_eq(cb, cases[k].first);
		}
		tact_report_free(r);
	}
	tact_checker_free(c);
}
END_TEST

START_TEST(match_start_moved_by_k)
{
	tact_checker *c =
	        one_rule("kk", "(?:ны|ты)\\s+\\K(?:жаз|бас)(?=\\s*[.!]|$)");
	tact_report *r = check_as(c, "kk", "Хатты  жаз. Батырманы бас! Жаз.");
	size_t b, e, cb, ce, line, col;

	ck_assert_uint_eq(tact_report_count(r), 2);
	span_of(r, 0, &b, &e, &cb, &ce, &line, &col);
	ck_assert_uint_eq(cb, 7);
	ck_assert_uint_eq(ce, 10);
	ck_assert_str_eq(tact_finding_match(tact_report_finding(r, 0), NULL), "жаз");
	ck_assert_str_eq(tact_finding_match(tact_report_finding(r, 1), NULL), "бас");
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

/* A pattern without anchors runs where both its required literals and
 * its second set were seen in the sentence, in either order. */
START_TEST(second_literals_seen_anywhere)
{
	tact_checker *c =
	        one_rule("ru", "\\b\\w+\\s+(?:ты|вы)\\s+\\w+\\s+должн[аыо]?\\b");
	tact_report *r = check_as(c, "ru", "Теперь вы тоже должны. Мы тоже должны.");

	ck_assert_uint_eq(tact_report_count(r), 1);
	ck_assert_str_eq(tact_finding_match(tact_report_finding(r, 0), NULL),
	                 "Теперь вы тоже должны");
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

/* A pattern that must start where a sentence does runs only there: it
 * still finds the start of every sentence, white space before it
 * included, and nothing further on. */
START_TEST(sentence_opening_pattern)
{
	tact_checker *c =
	        one_rule("en", "(?:^|(?<=^\\s)|(?<=^\\s\\s))but\\b");
	tact_report *r = check_as(c, "en",
	                          "But no. Ok, but yes.\n\u3000\u3000but maybe. "
	                          "Nothing but this!   But then.");
	size_t b, e, cb, ce, line, col;

	ck_assert_uint_eq(tact_report_count(r), 3);
	span_of(r, 0, &b, &e, &cb, &ce, &line, &col);
	ck_assert_uint_eq(b, 0);
	span_of(r, 1, &b, &e, &cb, &ce, &line, &col);
	ck_assert_uint_eq(b, 27);
	span_of(r, 2, &b, &e, &cb, &ce, &line, &col);
	ck_assert_uint_eq(b, 58);
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(rule_without_triggers_runs)
{
	tact_checker *c = fixture();
	tact_report *r = check_as(c, "ru", "Проверьте АПИ.");

	ck_assert_uint_eq(count_category(r, "jargon"), 1);
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(options_filter)
{
	tact_checker *c = fixture();
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	tact_report *r = NULL;
	const char *t = "Хорошо, но вы должны прийти. Вы уверены? АПИ.";

	o.language = "ru";
	o.min_severity = TACT_SEVERITY_ERROR;
	ck_assert_int_eq(tact_check(&r, c, t, strlen(t), &o), TACT_OK);
	ck_assert_uint_eq(tact_report_count(r), 1);
	tact_report_free(r);
	o.min_severity = TACT_SEVERITY_HINT;
	o.enable = "contrast, ru.jargon.*";
	ck_assert_int_eq(tact_check(&r, c, t, strlen(t), &o), TACT_OK);
	ck_assert_uint_eq(tact_report_count(r), 2);
	tact_report_free(r);
	o.enable = NULL;
	o.disable = "ru.contrast.no,doubt";
	ck_assert_int_eq(tact_check(&r, c, t, strlen(t), &o), TACT_OK);
	ck_assert_uint_eq(count_category(r, "contrast"), 0);
	ck_assert_uint_eq(count_category(r, "doubt"), 0);
	ck_assert_uint_eq(count_category(r, "obligation"), 1);
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(english_messages)
{
	tact_checker *c = fixture();
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	tact_report *r = NULL;
	const char *t = "Да, но нет.";

	o.language = "ru";
	o.flags = TACT_CHECK_ENGLISH;
	ck_assert_int_eq(tact_check(&r, c, t, strlen(t), &o), TACT_OK);
	ck_assert_str_eq(tact_finding_message(tact_report_finding(r, 0)),
	                 "«но» cancels what came before.");
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(invalid_utf8_names_offset)
{
	tact_checker *c = fixture();
	tact_report *r = (tact_report *)&r;
	const char t[] = "Хорошо, \xD0 но";
	size_t off = 0;

	ck_assert_int_eq(tact_check(&r, c, t, sizeof t - 1, NULL), TACT_EUTF8);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(tact_error_position(NULL, NULL, &off), TACT_EUTF8);
	ck_assert_uint_eq(off, strlen("Хорошо, "));
	ck_assert_ptr_nonnull(strstr(tact_error_last(), "byte 14"));
	tact_checker_free(c);
}
END_TEST

/* Two-byte letters are validated several at a time: a bad byte is found
 * at its own offset wherever it falls. */
START_TEST(invalid_utf8_among_two_byte_letters)
{
	static const unsigned char bad_lead[] = { 0xC0, 0xC1, 0x80, 0xBF, 0xFF };
	static const unsigned char bad_cont[] = { 'A', 0xD0, 0xC2, 0xE0, 0x00 };
	tact_checker *c = fixture();
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	char t[64];
	size_t pre, k, j, off;

	o.language = "ru";
	for (pre = 0; pre < 8; pre++) {
		tact_report *r = NULL;

		memset(t, 'a', pre);
		for (k = 0; k < 24; k += 2)
			memcpy(t + pre + k, k % 4 ? "\xD1\x8F" : "\xC2\xA9", 2);
		ck_assert_int_eq(tact_check(&r, c, t, pre + 24, &o), TACT_OK);
		tact_report_free(r);
		for (k = 0; k < 24; k++)
			for (j = 0; j < 5; j++) {
				char save = t[pre + k];

				t[pre + k] = (char)(k % 2 ? bad_cont[j] : bad_lead[j]);
				ck_assert_int_eq(tact_check(&r, c, t, pre + 24, &o),
				                 TACT_EUTF8);
				ck_assert_int_eq(tact_error_position(NULL, NULL, &off),
				                 TACT_EUTF8);
				ck_assert_uint_eq(off, pre + (k & ~(size_t)1));
				t[pre + k] = save;
			}
	}
	tact_checker_free(c);
}
END_TEST

/* Unicode's table of well-formed sequences (3-7), one byte at a time:
 * the offset of the first byte of the first ill-formed one, or n. */
static size_t reference_utf8(const unsigned char *t, size_t n)
{
	size_t i = 0, k, len;

	while (i < n) {
		unsigned char c = t[i], lo = 0x80, hi = 0xBF;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			len = 2;
		else if (c >= 0xE0 && c <= 0xEF)
			len = 3;
		else if (c >= 0xF0 && c <= 0xF4)
			len = 4;
		else
			return i;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
		else if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
		if (i + len > n || t[i + 1] < lo || t[i + 1] > hi)
			return i;
		for (k = 2; k < len; k++)
			if (t[i + k] < 0x80 || t[i + k] > 0xBF)
				return i;
		i += len;
	}
	return n;
}

/* Long runs of ASCII and two-byte letters are validated sixteen bytes at a
 * time: random texts of such runs, with every other kind of sequence and
 * bad byte among them, get the offset the reference gives, wherever the
 * sequence falls. */
START_TEST(invalid_utf8_matches_reference)
{
	static const char *const pieces[] = {
		"a", "abcdefgh ", "\xD0\xBF", "\xD1\x8F\xD0\xB0", "\xC2\xA0",
		"\xC4\x83", "\xDF\xBF", "\xE2\x80\x94", "\xF0\x9F\x98\x80",
		"\xEF\xBB\xBF", "\xC0", "\xC1\xBF", "\x80", "\xBF", "\xF5",
		"\xFF", "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
		"\xD0", "\xE2\x80", "\xF0\x9F\x98",
	};
	unsigned char t[160];
	uint32_t x = 2463534242u;
	int round;

	for (round = 0; round < 40000; round++) {
		size_t n = 0, want, off = (size_t)-1;
		const char *lang;

		while (n < 120) {
			const char *p;
			size_t m;

			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			/* Mostly letters, now and then anything. */
			p = pieces[x % 8 ? x % 5 : (x >> 8) % (sizeof pieces / sizeof pieces[0])];
			m = strlen(p);
			memcpy(t + n, p, m);
			n += m;
			if ((x >> 20) % 23 == 0)
				break;
		}
		want = reference_utf8(t, n);
		lang = tact_detect_language((const char *)t, n);
		if (want == n) {
			ck_assert_ptr_nonnull(lang);
			continue;
		}
		ck_assert_ptr_null(lang);
		ck_assert_int_eq(tact_error_position(NULL, NULL, &off), TACT_EUTF8);
		ck_assert_uint_eq(off, want);
	}
}
END_TEST

START_TEST(report_outlives_checker_and_text)
{
	tact_checker *c = fixture();
	char *t = strdup("Да, но нет.");
	tact_report *r = check_as(c, "ru", t);

	tact_checker_free(c);
	memset(t, 'x', strlen(t));
	free(t);
	ck_assert_str_eq(tact_finding_rule(tact_report_finding(r, 0)), "ru.contrast.no");
	ck_assert_str_eq(tact_finding_match(tact_report_finding(r, 0), NULL), "но");
	tact_report_free(r);
}
END_TEST

/* Findings come in text order whatever their number: a few are sorted
 * by insertion, many by qsort(). Each sentence gives three findings, of
 * three rules, found rule by rule: «но» (the first rule), then the
 * obligation that opens the sentence, then «апи» inside it. */
START_TEST(findings_in_text_order)
{
	static const size_t counts[] = { 1, 3, 8, 9, 20 };
	tact_checker *c = fixture();
	size_t k, i, n = counts[_i];
	char *t = malloc(n * 64 + 1), *p = t;
	tact_report *r;

	for (k = 0; k < n; k++)
		p += sprintf(p, "Вы должны %s апи, но ждите. ", k % 2 ? "знать" : "ввести");
	r = check_as(c, "ru", t);
	ck_assert_uint_eq(tact_report_count(r), 3 * n);
	for (i = 1; i < tact_report_count(r); i++) {
		size_t a, b, x, y;

		tact_finding_span(tact_report_finding(r, i - 1), &a, &x, NULL, NULL,
		                  NULL, NULL);
		tact_finding_span(tact_report_finding(r, i), &b, &y, NULL, NULL, NULL,
		                  NULL);
		ck_assert_uint_le(a, b);
		ck_assert(a < b || x >= y);
	}
	ck_assert_str_eq(tact_finding_rule(tact_report_finding(r, 0)),
	                 "ru.obligation.must");
	tact_report_free(r);
	free(t);
	tact_checker_free(c);
}
END_TEST

START_TEST(long_sentence_is_cut_not_refused)
{
	tact_checker *c = fixture();
	size_t n = 100000, k;
	char *t = malloc(n + 16);
	tact_report *r = NULL;

	for (k = 0; k < n; k += 5)
		memcpy(t + k, "abcd ", 5);
	memcpy(t + n, "но", strlen("но") + 1);
	ck_assert_int_eq(tact_check(&r, c, t, strlen(t), NULL), TACT_OK);
	tact_report_free(r);
	free(t);
	tact_checker_free(c);
}
END_TEST

static Suite *engine_suite(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, design_example_spans);
	tcase_add_test(tc, exceptions_searched_as_far_as_needed);
	tcase_add_test(tc, spans_after_emoji_and_marks);
	tcase_add_test(tc, no_inside_words_does_not_fire);
	tcase_add_test(tc, exception_not_only_but_also);
	tcase_add_test(tc, skipped_regions);
	tcase_add_test(tc, skipped_regions_among_text);
	tcase_add_test(tc, quotes_checked_when_asked);
	tcase_add_test(tc, homoglyph_text_still_matches);
	tcase_add_test(tc, same_category_overlaps_resolved);
	tcase_add_test(tc, different_categories_may_overlap);
	tcase_add_test(tc, overlaps_dropped_in_many_categories);
	tcase_add_test(tc, match_start_moved_by_k);
	tcase_add_test(tc, second_literals_seen_anywhere);
	tcase_add_test(tc, sentence_opening_pattern);
	tcase_add_test(tc, rule_without_triggers_runs);
	tcase_add_test(tc, options_filter);
	tcase_add_test(tc, english_messages);
	tcase_add_test(tc, invalid_utf8_names_offset);
	tcase_add_test(tc, invalid_utf8_among_two_byte_letters);
	tcase_add_test(tc, invalid_utf8_matches_reference);
	tcase_add_test(tc, report_outlives_checker_and_text);
	tcase_add_loop_test(tc, findings_in_text_order, 0, 5);
	tcase_add_test(tc, long_sentence_is_cut_not_refused);
	suite_add_tcase(s, tc);
	return s;
}

TACT_TEST_MAIN(engine_suite)
