/*
 * test_detect.c: language detection per message.
 */
#include "helpers.h"

struct sample {
	const char *text;
	const char *lang;
};

static const struct sample samples[] = {
	{ "Здравствуйте! Ваш заказ уже в пути.", "ru" },
	{ "Айгүл, здравствуйте! Ваш заказ готов.", "ru" },
	{ "Сәлеметсіз бе! Тапсырысыңыз дайын.", "kk" },
	{ "Сіз форманы толтыруыңыз керек.", "kk" },
	{ "Білмеймін.", "kk" },
	{ "Bună ziua! Comanda dumneavoastră a fost expediată.", "ro" },
	{ "Buna ziua, nu stiu daca comanda a plecat.", "ro" },
	{ "Sunteţi sigur că aţi plătit?", "ro" },
	{ "Hello, your order has shipped.", "en" },
	{ "Are you sure?", "en" },
	{ "12345 !!!", "en" },
	{ "", "en" },
	{ "Вaжно: Bы дoлжны", "ru" },
	/* Frequent words in capitals: А-П, Р-Я (another first byte), Ё. */
	{ "МЕН вы", "kk" },
	{ "ВСЁ ВСЁ мен", "ru" },
	{ "ЭТО ЭТО мен", "ru" },
	/* Words across eight-byte chunks, whole and a letter too long. */
	{ "ЗДРАВСТВУЙТЕ ЗДРАВСТВУЙТЕ мен", "ru" },
	{ "здравствуйтее здравствуйтее мен", "kk" },
	{ "Пожалуйста, пожалуйста, мен", "ru" },
	{ "DUMNEAVOASTRA DUMNEAVOASTRA thank", "ro" },
	{ "dumneavoastr dumneavoastr thank", "en" },
	{ "Multumesc, multumesc, thanks!", "ro" },
	{ "DON'T DON'T si", "en" },
	/* The last word counts too. */
	{ "мен мен вы вы вы", "ru" },
	/* Ц, ц and Ж share a byte with І and і but are not Kazakh. */
	{ "Цех уже вы мен", "ru" },
	{ "Жду уже вы мен", "ru" },
	{ "Іс, іс вы", "kk" },
	/* A Kazakh name is no evidence of the language around it. */
	{ "Добрый день, Айгүл!", "ru" },
	{ "Айгүл Сейітқызы, здравствуйте.", "ru" },
	{ "Нұрлан, проверьте почту.", "ru" },
	{ "Айгүл", "kk" },
	{ "Айгүл, СІЗ вы", "kk" },
	/* Words not in the list vote by their endings. */
	{ "Скриншот болмаса, сене алмаймыз.", "kk" },
	{ "Ертең хабарласамыз.", "kk" },
	{ "Ол жасайды.", "kk" },
	{ "Проверьте почту.", "ru" },
	{ "Ерлан, спасибо за ожидание.", "ru" },
	{ "Ai primit codul?", "ro" },
	{ "Am verificat contul.", "ro" },
	{ "Livrarea dureaza trei zile.", "ro" },
	{ "Asteptati confirmarea clientilor.", "ro" },
	{ "Waiting for the shipment.", "en" },
	{ "It's careful work, honestly.", "en" },
	{ "Mr Popescu won't wait.", "en" },
	/* Romanian participles: «am» is also English, «ok» neither. */
	{ "Ok, am notat.", "ro" },
	{ "Am primit, revin.", "ro" },
	{ "Ok, anulat.", "ro" },
	{ "Perfect, rezolvat.", "ro" },
	{ "Am revenit.", "ro" },
	{ "Ok, pregatit.", "ro" },
	{ "Ok, format.", "en" },
	{ "Ok, thermostat.", "en" },
	{ "Ok, combat.", "en" },
	{ "Ok, democrat.", "en" },
	{ "Am submit.", "en" },
	{ "Am limit.", "en" },
	{ "Am visit.", "en" },
	{ "Am credit.", "en" },
	/* Kazakh typed without its own letters: frequent words and the
	 * plain forms of its endings. */
	{ "Тапсырыс жолда.", "kk" },
	{ "Акша кайтарылды.", "kk" },
	{ "Бугин жиберемиз.", "kk" },
	{ "Тапсырысты тексеремин.", "kk" },
	{ "Кешириниз, кешигип калдык.", "kk" },
	{ "Сурагыныз туралы.", "kk" },
	{ "Это термин, а не витамин.", "ru" },
	/* A word of 60 bytes or more is no vote. */
	{ "вы вы ааааааааааааааааааааааааааааақ, мен", "ru" },
	{ "вы вы аааааааааааааааааааааааааааақ, мен", "kk" },
	{ "вы ааааааааааааааааааааааааааааақ", "ru" },
	{ "вы аааааааааааааааааааааааааааақ", "kk" },
};

START_TEST(detects)
{
	const struct sample *s = &samples[_i];
	const char *got = tact_detect_language(s->text, strlen(s->text));

	ck_assert_msg(got && strcmp(got, s->lang) == 0, "'%s': got %s, want %s",
	              s->text, got ? got : "NULL", s->lang);
}
END_TEST

START_TEST(auto_check_reports_language)
{
	tact_checker *c = NULL;
	tact_report *r = NULL;
	const char *t = "Сәлеметсіз бе! Тапсырысыңыз дайын.";

	ck_assert_int_eq(tact_checker_new(&c, TACT_CHECKER_NO_BUILTIN), TACT_OK);
	ck_assert_int_eq(tact_check(&r, c, t, strlen(t), NULL), TACT_OK);
	ck_assert_str_eq(tact_report_language(r), "kk");
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(invalid_input)
{
	ck_assert_ptr_null(tact_detect_language("\xC0\x80", 2));
	ck_assert_int_eq(tact_error_position(NULL, NULL, NULL), TACT_EUTF8);
	ck_assert_ptr_null(tact_detect_language(NULL, 3));
}
END_TEST

static Suite *detect_suite(void)
{
	Suite *s = suite_create("detect");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, detects, 0,
	                    (int)(sizeof samples / sizeof samples[0]));
	tcase_add_test(tc, auto_check_reports_language);
	tcase_add_test(tc, invalid_input);
	suite_add_tcase(s, tc);
	return s;
}

TACT_TEST_MAIN(detect_suite)
