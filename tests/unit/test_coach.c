/*
 * test_coach.c: the coaching layer on the fixture pack coach.yaml:
 * vocabulary bands and profile, the client's name, empathy, solution,
 * the wait, questions, the score.
 */
#include <stddef.h>

#include "helpers.h"

static tact_checker *fixture(void)
{
	tact_checker *c = NULL;

	ck_assert_int_eq(tact_checker_new(&c, TACT_CHECKER_NO_BUILTIN), TACT_OK);
	ck_assert_msg(tact_checker_add_pack_file(c, TACT_TEST_DATA "/coach.yaml") ==
	                      TACT_OK, "%s", tact_error_last());
	ck_assert_msg(tact_checker_add_pack_file(c, TACT_TEST_DATA "/fixture.yaml") ==
	                      TACT_OK, "%s", tact_error_last());
	return c;
}

static tact_report *check_opts(const tact_checker *c, const char *text,
                               tact_check_options *o)
{
	tact_report *r = NULL;

	o->language = "ru";
	ck_assert_msg(tact_check(&r, c, text, strlen(text), o) == TACT_OK, "%s",
	              tact_error_last());
	return r;
}

static const tact_finding *find_category(const tact_report *r, const char *cat)
{
	size_t k;

	for (k = 0; k < tact_report_count(r); k++)
		if (!strcmp(tact_finding_category(tact_report_finding(r, k)), cat))
			return tact_report_finding(r, k);
	return NULL;
}

START_TEST(bands_by_age)
{
	tact_checker *c = fixture();
	const tact_band *b = tact_vocabulary(c, "ru", 65);

	ck_assert_str_eq(tact_band_name(b), "60+");
	ck_assert_str_eq(tact_band_theme(b, 1), "value");
	ck_assert_int_eq(tact_band_min_age(b), 60);
	ck_assert_uint_eq(tact_band_word_count(b), 3);
	ck_assert_str_eq(tact_band_word(b, 1), "экономичный");
	ck_assert_str_eq(tact_band_name(tact_vocabulary(c, "ru", 20)), "<25");
	ck_assert_ptr_null(tact_vocabulary(c, "ru", 30)); /* no band in fixture */
	ck_assert_ptr_null(tact_vocabulary(c, "xx", 30));
	ck_assert_uint_eq(tact_band_count(c, "ru"), 2);
	ck_assert_str_eq(tact_band_name(tact_band_at(c, "ru", 1)), "<25");
	ck_assert_ptr_null(tact_band_at(c, "ru", 2));
	tact_checker_free(c);
}
END_TEST

START_TEST(profile_and_hints_for_age)
{
	tact_checker *c = fixture();
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	tact_report *r;
	const tact_finding *f;
	const char *t = "Это экономичный, гарантированный и дешёвый вариант.";

	/* Without an age: a profile, no hints. */
	r = check_opts(c, t, &o);
	ck_assert_uint_eq(tact_report_count(r), 0);
	ck_assert_uint_eq(tact_report_profile_count(r), 2);
	ck_assert_str_eq(tact_report_profile_band(r, 0), "60+");
	ck_assert_uint_eq(tact_report_profile_hits(r, 0), 3);
	ck_assert_uint_eq(tact_report_profile_word_count(r, 0), 3);
	ck_assert_str_eq(tact_report_profile_word(r, 0, 2), "дешевый");
	ck_assert_uint_eq(tact_report_profile_hits(r, 1), 0);
	ck_assert_ptr_null(tact_report_band(r));
	tact_report_free(r);

	/* A client of 22: three hints toward the "<25" words. */
	o.age = 22;
	r = check_opts(c, t, &o);
	ck_assert_str_eq(tact_report_band(r), "<25");
	ck_assert_uint_eq(count_category(r, "vocabulary"), 3);
	f = find_category(r, "vocabulary");
	ck_assert_str_eq(tact_finding_match(f, NULL), "экономичный");
	ck_assert_str_eq(tact_finding_message(f),
	                 "«экономичный» — для 60+ (стоимость); клиенту 22 лет (<25): "
	                 "стильный, новый");
	ck_assert_str_eq(tact_finding_suggestion(f, 0), "стильный");
	ck_assert_int_eq(tact_finding_severity(f), TACT_SEVERITY_HINT);
	tact_report_free(r);

	/* Two patterns of one word matching the same text count once. */
	o.age = -1;
	r = check_opts(c, "Стильный вариант.", &o);
	ck_assert_uint_eq(tact_report_profile_hits(r, 1), 1);
	tact_report_free(r);

	/* A client of 65: the same words are the right ones. */
	o.age = 65;
	r = check_opts(c, t, &o);
	ck_assert_uint_eq(count_category(r, "vocabulary"), 0);
	ck_assert_str_eq(tact_report_band(r), "60+");
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(vocabulary_hints_are_not_rewritten)
{
	tact_checker *c = fixture();
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	const char *t = "Это экономичный вариант, но дорогой.";
	char *out = NULL;

	o.language = "ru";
	o.age = 20;
	ck_assert_int_eq(tact_rewrite(&out, NULL, c, t, strlen(t), &o), TACT_OK);
	ck_assert_str_eq(out, "Это экономичный вариант, однако дорогой.");
	tact_free(out);
	tact_checker_free(c);
}
END_TEST

START_TEST(name_in_any_form)
{
	static const char *const addressed[] = {
		"Анна, добрый день!", "Добрый день, Анне отправлено письмо.",
		"Спасибо, Анной всё подписано.", "АННА, здравствуйте.",
		"Здравствуйте, Анна Петровна!",
	};
	tact_checker *c = fixture();
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	tact_report *r;
	const tact_finding *f;
	size_t k;

	o.client_name = "Анна";
	for (k = 0; k < sizeof addressed / sizeof addressed[0]; k++) {
		r = check_opts(c, addressed[k], &o);
		ck_assert_msg(tact_report_name_status(r) == TACT_NAME_ADDRESSED, "%s",
		              addressed[k]);
		ck_assert_uint_eq(count_category(r, "name"), 0);
		tact_report_free(r);
	}
	/* Short names keep a stem of three letters. */
	o.client_name = "Оля";
	r = check_opts(c, "Олег из отдела доставки перезвонит.", &o);
	ck_assert_int_eq(tact_report_name_status(r), TACT_NAME_MISSING);
	tact_report_free(r);
	o.client_name = "Анна";
	r = check_opts(c, "Добрый день! Заказ отправлен. Аннушка — не имя.", &o);
	ck_assert_int_eq(tact_report_name_status(r), TACT_NAME_MISSING);
	f = find_category(r, "name");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(tact_finding_suggestion(f, 0), "Анна, добрый день!");
	ck_assert_str_eq(tact_finding_match(f, NULL), "Добрый день!");
	tact_report_free(r);
	o.client_name = NULL;
	r = check_opts(c, "Добрый день!", &o);
	ck_assert_int_eq(tact_report_name_status(r), TACT_NAME_UNKNOWN);
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(upset_customer_needs_empathy)
{
	static const char *const upset[] = {
		"Это безобразие, где мой заказ?",
		"Пишу уже третий раз, ответьте!",
		"ГДЕ МОЙ ЗАКАЗ, Я ЖДУ НЕДЕЛЮ",
		"Ответьте!!!",
	};
	tact_checker *c = fixture();
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	tact_report *r;
	size_t k;

	for (k = 0; k < sizeof upset / sizeof upset[0]; k++) {
		o.customer_message = upset[k];
		o.customer_message_len = strlen(upset[k]);
		r = check_opts(c, "Вы должны были проверить почту. Заказ у курьера.", &o);
		ck_assert_msg(count_category(r, "empathy") == 1, "%s", upset[k]);
		ck_assert_uint_eq(count_category(r, "solution"), 1);
		ck_assert_uint_eq(count_category(r, "obligation"), 1);
		tact_report_free(r);
		r = check_opts(c, "Понимаю Ваше раздражение. Курьер привезёт заказ "
		               "завтра до 12:00.", &o);
		ck_assert_uint_eq(count_category(r, "empathy"), 0);
		ck_assert_uint_eq(count_category(r, "solution"), 0);
		tact_report_free(r);
	}
	/* Quoting the customer's own words is not acknowledgement. */
	o.customer_message = "Это безобразие!";
	o.customer_message_len = strlen(o.customer_message);
	r = check_opts(c, "Вы пишете: «понимаю, что вам всё равно». Заказ "
	               "отправлен.", &o);
	ck_assert_uint_eq(count_category(r, "empathy"), 1);
	tact_report_free(r);
	/* A calm customer needs no empathy, but still a solution. */
	o.customer_message = "Подскажите, когда придёт заказ?";
	o.customer_message_len = strlen(o.customer_message);
	r = check_opts(c, "Заказ у курьера.", &o);
	ck_assert_uint_eq(count_category(r, "empathy"), 0);
	ck_assert_uint_eq(count_category(r, "solution"), 1);
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(long_wait_needs_apology)
{
	tact_checker *c = fixture();
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	tact_report *r;

	o.wait_seconds = 3600;
	r = check_opts(c, "Заказ отправлен.", &o);
	ck_assert_uint_eq(count_category(r, "wait"), 1);
	tact_report_free(r);
	r = check_opts(c, "Извините за долгое ожидание. Заказ отправлен.", &o);
	ck_assert_uint_eq(count_category(r, "wait"), 0);
	tact_report_free(r);
	o.wait_seconds = 60;
	r = check_opts(c, "Заказ отправлен.", &o);
	ck_assert_uint_eq(count_category(r, "wait"), 0);
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(questions_open_and_closed)
{
	tact_checker *c = fixture();
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	tact_report *r;
	int kind = -1;
	size_t s, e;
	const char *t = "Вам нужен ноутбук? Анна, какой бюджет? Вы написали «вам удобно?»";

	r = check_opts(c, t, &o);
	ck_assert_uint_eq(tact_report_question_count(r), 2);
	ck_assert_int_eq(tact_report_question(r, 0, &kind, &s, &e), TACT_OK);
	ck_assert_int_eq(kind, TACT_QUESTION_CLOSED);
	ck_assert_uint_eq(s, 0);
	ck_assert_uint_eq(e, strlen("Вам нужен ноутбук?"));
	ck_assert_int_eq(tact_report_question(r, 1, &kind, NULL, NULL), TACT_OK);
	ck_assert_int_eq(kind, TACT_QUESTION_OPEN);
	ck_assert_int_eq(tact_report_question(r, 2, &kind, NULL, NULL), TACT_EINVAL);
	ck_assert_uint_eq(count_category(r, "questions"), 0);
	tact_report_free(r);

	/* A discovery reply with only closed questions gets a hint, whether
	 * the flag says so or the customer asks for advice. */
	o.flags = TACT_CHECK_DISCOVERY;
	r = check_opts(c, "Вам нужен ноутбук? Для работы?", &o);
	ck_assert_uint_eq(count_category(r, "questions"), 1);
	tact_report_free(r);
	o.flags = 0;
	o.customer_message = "Посоветуйте, какой выбрать ноутбук.";
	o.customer_message_len = strlen(o.customer_message);
	r = check_opts(c, "Вам нужен ноутбук? Отправим завтра.", &o);
	ck_assert_uint_eq(count_category(r, "questions"), 1);
	tact_report_free(r);
	r = check_opts(c, "Что для Вас важнее? Отправим завтра.", &o);
	ck_assert_uint_eq(count_category(r, "questions"), 0);
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(score_and_losses)
{
	tact_checker *c = fixture();
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	tact_report *r;

	r = check_opts(c, "Заказ отправлен.", &o);
	ck_assert_int_eq(tact_report_score(r), 100);
	tact_report_free(r);
	/* contrast warning (8) + obligation error (15) */
	r = check_opts(c, "Хорошо, но Вы должны прийти.", &o);
	ck_assert_int_eq(tact_report_score_lost(r, "contrast"), 8);
	ck_assert_int_eq(tact_report_score_lost(r, "obligation"), 15);
	ck_assert_int_eq(tact_report_score_lost(r, "doubt"), 0);
	ck_assert_int_eq(tact_report_score(r), 77);
	tact_report_free(r);
	/* six «но»: the category loses at most 40 */
	r = check_opts(c, "Но да. Но нет. Но да. Но нет. Но да. Но нет.", &o);
	ck_assert_int_eq(tact_report_score_lost(r, "contrast"), 40);
	ck_assert_int_eq(tact_report_score(r), 60);
	tact_report_free(r);
	ck_assert_int_eq(tact_report_score(NULL), -1);
	tact_checker_free(c);
}
END_TEST

START_TEST(version_1_options_still_work)
{
	tact_checker *c = fixture();
	tact_check_options o;
	tact_report *r = NULL;
	const char *t = "Хорошо, но дорого.";

	/* A caller built against version 1 passes a shorter struct: the
	 * fields after `flags` may hold anything. */
	memset(&o, 0x5A, sizeof o);
	ck_assert_int_eq(tact_check_options_init(&o, 1), TACT_OK);
	ck_assert_uint_eq(o.version, 1);
	o.language = "ru";
	ck_assert_int_eq(tact_check(&r, c, t, strlen(t), &o), TACT_OK);
	ck_assert_uint_eq(tact_report_count(r), 1);
	ck_assert_int_eq(tact_report_name_status(r), TACT_NAME_UNKNOWN);
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(context_errors)
{
	tact_checker *c = fixture();
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	tact_report *r = NULL;

	o.customer_message = "ok \xC3";
	o.customer_message_len = 4;
	ck_assert_int_eq(tact_check(&r, c, "a", 1, &o), TACT_EUTF8);
	ck_assert_ptr_nonnull(strstr(tact_error_last(), "customer_message"));
	o.customer_message = NULL;
	o.age = 400;
	ck_assert_int_eq(tact_check(&r, c, "a", 1, &o), TACT_EINVAL);
	o.age = -1;
	o.client_name = "\xFF";
	ck_assert_int_eq(tact_check(&r, c, "a", 1, &o), TACT_EUTF8);
	tact_checker_free(c);
}
END_TEST

START_TEST(profile_by_language_across_packs)
{
	static const char kk[] =
		"pack: kk-words\nlanguage: kk\nvocabulary:\n  message: m\n"
		"  explanation: e\n  hint: h\n  bands:\n"
		"    - {name: жастар, theme: t, min_age: 0, max_age: 30,"
		" words: [{word: керемет, stems: [керемет]}]}\n"
		"    - {name: үлкендер, theme: t, min_age: 31, max_age: 120,"
		" words: [{word: тамаша, stems: [тамаша]}]}\n";
	static const char ru[] =
		"pack: more\nlanguage: ru\nvocabulary:\n  message: m\n"
		"  explanation: e\n  hint: h\n  bands:\n"
		"    - {name: 30-40, theme: t, min_age: 30, max_age: 40,"
		" words: [{word: модный, stems: [модн]}]}\n";
	tact_checker *c = fixture();
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;
	tact_report *r = NULL;
	const char *t = "Керемет, тамаша, тамаша!";

	ck_assert_msg(tact_checker_add_pack_string(c, kk, strlen(kk), "kk.yaml") ==
	                      TACT_OK, "%s", tact_error_last());
	/* A second vocabulary for Russian is refused and changes nothing. */
	ck_assert_int_eq(tact_checker_add_pack_string(c, ru, strlen(ru), "ru.yaml"),
	                 TACT_EPACK);
	o.language = "kk";
	ck_assert_int_eq(tact_check(&r, c, t, strlen(t), &o), TACT_OK);
	ck_assert_uint_eq(tact_report_profile_count(r), 2);
	ck_assert_str_eq(tact_report_profile_band(r, 0), "жастар");
	ck_assert_str_eq(tact_report_profile_band(r, 1), "үлкендер");
	ck_assert_uint_eq(tact_report_profile_hits(r, 0), 1);
	ck_assert_uint_eq(tact_report_profile_hits(r, 1), 2);
	ck_assert_str_eq(tact_report_profile_word(r, 1, 0), "тамаша");
	ck_assert_ptr_null(tact_report_profile_band(r, 2));
	tact_report_free(r);

	/* Russian keeps its own bands, in pack order, and none of Kazakh's. */
	r = check_opts(c, "Модный и экономичный вариант.", &o);
	ck_assert_uint_eq(tact_report_profile_count(r), 2);
	ck_assert_str_eq(tact_report_profile_band(r, 0), "60+");
	ck_assert_str_eq(tact_report_profile_band(r, 1), "<25");
	ck_assert_uint_eq(tact_report_profile_hits(r, 0), 1);
	tact_report_free(r);

	tact_checker_free(c);
}
END_TEST

START_TEST(bad_coaching_packs)
{
	static const char *const bad[] = {
		"pack: p\nlanguage: ru\ncoaching:\n  empathy:\n    severity: warning\n"
		"    message: m\n    explanation: e\n    patterns: [x]\n",
		"pack: p\nlanguage: ru\ncoaching:\n  hugs: {}\n",
		"pack: p\nlanguage: ru\nvocabulary:\n  message: m\n  explanation: e\n"
		"  hint: h\n  bands:\n    - {name: a, theme: t, min_age: 0, max_age: 30,"
		" words: [{word: x, stems: [x]}]}\n"
		"    - {name: b, theme: t, min_age: 20, max_age: 40,"
		" words: [{word: y, stems: [y]}]}\n",
		"pack: p\nlanguage: ru\nvocabulary:\n  message: m\n  explanation: e\n"
		"  hint: h\n  bands:\n    - {name: a, theme: t, min_age: 0, max_age: 30,"
		" words: [{word: x}]}\n",
	};
	tact_checker *c = fixture();
	size_t k, before = tact_checker_rule_count(c);

	for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		ck_assert_int_eq(tact_checker_add_pack_string(c, bad[k], strlen(bad[k]),
		                                              "bad.yaml"),
		                 TACT_EPACK);
		ck_assert_uint_eq(tact_checker_rule_count(c), before);
	}
	/* A second coaching pack for the same language is refused. */
	ck_assert_int_eq(tact_checker_add_pack_file(c, TACT_TEST_DATA "/coach.yaml"),
	                 TACT_EPACK);
	tact_checker_free(c);
}
END_TEST

static Suite *coach_suite(void)
{
	Suite *s = suite_create("coach");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, bands_by_age);
	tcase_add_test(tc, profile_by_language_across_packs);
	tcase_add_test(tc, profile_and_hints_for_age);
	tcase_add_test(tc, vocabulary_hints_are_not_rewritten);
	tcase_add_test(tc, name_in_any_form);
	tcase_add_test(tc, upset_customer_needs_empathy);
	tcase_add_test(tc, long_wait_needs_apology);
	tcase_add_test(tc, questions_open_and_closed);
	tcase_add_test(tc, score_and_losses);
	tcase_add_test(tc, version_1_options_still_work);
	tcase_add_test(tc, context_errors);
	tcase_add_test(tc, bad_coaching_packs);
	suite_add_tcase(s, tc);
	return s;
}

TACT_TEST_MAIN(coach_suite)
