/*
 * test_pack.c: packs that must be refused, with file, line and reason, and
 * leave the checker exactly as it was.
 */
#include "helpers.h"

#define RULE_HEAD \
	"pack: p\nlanguage: ru\nrules:\n" \
	"  - id: ru.contrast.x\n" \
	"    category: contrast\n" \
	"    severity: warning\n" \
	"    message: m\n" \
	"    explanation: e\n"

static const char good_pack[] =
	"pack: p\nlanguage: ru\nrules:\n"
	"  - {id: ru.contrast.base, category: contrast, severity: warning,"
	" message: m, explanation: e, patterns: ['\\bно\\b']}\n";

struct bad_case {
	const char *yaml;
	size_t line;            /* expected line, 0 = don't care */
	const char *reason;     /* expected substring of the message */
};

static const struct bad_case bad_cases[] = {
	{ "pack: p\nlanguage: ru\nrules: [\n", 4, "YAML" },
	{ "", 1, "empty" },
	{ "- just\n- a list\n", 1, "a pack is a map" },
	{ "pack: p\nrules: []\n", 1, "language" },
	{ RULE_HEAD "    patterns: ['(unclosed']\n", 9, "missing closing parenthesis" },
	{ RULE_HEAD "    patterns: ['\\bно\\b']\n    mesage: typo\n", 10, "unknown rule field 'mesage'" },
	{ "pack: p\nlanguage: ru\nrules:\n  - id: ru.x.y\n    category: nosuch\n"
	  "    severity: warning\n    message: m\n    explanation: e\n"
	  "    patterns: [x]\n", 4, "unknown or missing category" },
	{ RULE_HEAD "    severity: loud\n    patterns: [x]\n", 9, "severity" },
	{ RULE_HEAD "    patterns: ['(a)']\n    suggestions: ['${b}']\n", 4, "group 'b'" },
	{ RULE_HEAD "    patterns: ['(a)']\n    suggestions: ['$2']\n", 4, "group '2'" },
	{ RULE_HEAD "    patterns: [x]\n    triggers: ['-x']\n", 10, "trigger" },
	{ RULE_HEAD "    patterns: [x]\n" "  - id: ru.contrast.x\n    category: contrast\n"
	  "    severity: hint\n    message: m\n    explanation: e\n    patterns: [y]\n",
	  10, "duplicate rule id" },
	{ RULE_HEAD "    patterns: [x]\n    examples: {bad: [{txt: a}]}\n", 10, "unknown or repeated example field" },
	{ "pack: p\nlanguage: ru\nrules:\n  - id: \"bad id!\"\n    category: contrast\n"
	  "    severity: hint\n    message: m\n    explanation: e\n    patterns: [x]\n",
	  4, "rule id" },
	{ RULE_HEAD "    patterns: ['a{2,1}']\n", 9, "offset" },
	{ "pack: p\nlanguage: ru\ncategories:\n  - name: contrast\nrules: []\n", 4,
	  "exists already" },
};

START_TEST(bad_packs_refused_whole)
{
	const struct bad_case *bc = &bad_cases[_i];
	tact_checker *c = checker_with(good_pack);
	const char *file = NULL;
	size_t line = 0, before = tact_checker_rule_count(c);
	int rc = tact_checker_add_pack_string(c, bc->yaml, strlen(bc->yaml),
	                                      "bad.yaml");

	ck_assert_int_eq(rc, TACT_EPACK);
	ck_assert_msg(strstr(tact_error_last(), bc->reason) != NULL,
	              "case %d: '%s' lacks '%s'", _i, tact_error_last(), bc->reason);
	ck_assert_msg(strncmp(tact_error_last(), "bad.yaml:", 9) == 0,
	              "no file name: %s", tact_error_last());
	ck_assert_int_eq(tact_error_position(&file, &line, NULL), TACT_EPACK);
	ck_assert_str_eq(file, "bad.yaml");
	if (bc->line)
		ck_assert_msg(line == bc->line, "case %d: line %zu, want %zu (%s)", _i,
		              line, bc->line, tact_error_last());
	ck_assert_uint_eq(tact_checker_rule_count(c), before);
	tact_checker_free(c);
}
END_TEST

START_TEST(half_good_pack_loads_nothing)
{
	tact_checker *c = checker_with(good_pack);
	const char *yaml = "pack: q\nlanguage: en\nrules:\n"
	        "  - {id: en.contrast.a, category: contrast, severity: hint,"
	        " message: m, explanation: e, patterns: ['\\bbut\\b']}\n"
	        "  - {id: en.contrast.b, category: contrast, severity: hint,"
	        " message: m, explanation: e, patterns: ['(']}\n";
	tact_report *r;

	ck_assert_int_eq(tact_checker_add_pack_string(c, yaml, strlen(yaml), "q"),
	                 TACT_EPACK);
	ck_assert_uint_eq(tact_checker_rule_count(c), 1);
	r = check_as(c, "en", "Fine, but no.");
	ck_assert_uint_eq(tact_report_count(r), 0);
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(pack_file_errors)
{
	tact_checker *c = checker_with(good_pack);

	ck_assert_int_eq(tact_checker_add_pack_file(c, "/nonexistent/x.yaml"), TACT_EIO);
	ck_assert_ptr_nonnull(strstr(tact_error_last(), "/nonexistent/x.yaml"));
	ck_assert_int_eq(tact_checker_add_pack_file(c, NULL), TACT_EINVAL);
	ck_assert_int_eq(tact_checker_add_pack_file(NULL, "x"), TACT_EINVAL);
	ck_assert_int_eq(tact_checker_add_pack_string(c, "\xFF", 1, "u"), TACT_EPACK);
	tact_checker_free(c);
}
END_TEST

START_TEST(new_categories)
{
	const char *yaml = "pack: p\nlanguage: en\ncategories:\n"
	        "  - {name: upsell, description: pushing extras}\nrules:\n"
	        "  - {id: en.upsell.x, category: upsell, severity: hint,"
	        " message: m, explanation: e, patterns: ['\\bupgrade\\b']}\n";
	tact_checker *c = checker_with(yaml);
	tact_report *r = check_as(c, "en", "Upgrade now.");

	ck_assert_uint_eq(count_category(r, "upsell"), 1);
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

START_TEST(rule_accessors)
{
	tact_checker *c = NULL;
	const tact_rule *rule;
	const char *fix = NULL;

	ck_assert_int_eq(tact_checker_new(&c, TACT_CHECKER_NO_BUILTIN), TACT_OK);
	ck_assert_int_eq(tact_checker_add_pack_file(c, TACT_TEST_DATA "/fixture.yaml"),
	                 TACT_OK);
	rule = tact_checker_rule(c, 0);
	ck_assert_str_eq(tact_rule_id(rule), "ru.contrast.no");
	ck_assert_str_eq(tact_rule_language(rule), "ru");
	ck_assert_str_eq(tact_rule_pack(rule), "fixture");
	ck_assert_str_eq(tact_rule_message(rule, 1), "«но» cancels what came before.");
	ck_assert_int_eq(tact_rule_severity(rule), TACT_SEVERITY_WARNING);
	ck_assert_uint_eq(tact_rule_trigger_count(rule), 1);
	ck_assert_uint_eq(tact_rule_example_count(rule, TACT_EXAMPLE_BAD), 1);
	ck_assert_str_eq(tact_rule_example(rule, TACT_EXAMPLE_BAD, 0, &fix),
	                 "Хорошо, но дорого.");
	ck_assert_str_eq(fix, "Хорошо, однако дорого.");
	ck_assert_ptr_null(tact_rule_example(rule, TACT_EXAMPLE_GOOD, 5, &fix));
	ck_assert_ptr_null(fix);
	ck_assert_ptr_null(tact_checker_rule(c, 1000));
	ck_assert_uint_eq(tact_rule_trigger_count(tact_checker_rule(c, 2)), 0);
	tact_checker_free(c);
}
END_TEST

/* How patterns are found, and that each kind still finds its matches. */
START_TEST(pattern_counts)
{
	static const char yaml[] =
		"pack: t\nlanguage: kk\nrules:\n"
		"  - id: kk.familiarity.t1\n    category: familiarity\n"
		"    severity: warning\n    message: m\n    explanation: e\n"
		"    patterns: ['\\bбар\\b', '\\b\\w+сың\\b']\n"
		"  - id: kk.familiarity.t2\n    category: familiarity\n"
		"    severity: warning\n    message: m\n    explanation: e\n"
		"    triggers: [ал]\n    patterns: ['\\b\\w+z\\b']\n"
		"  - id: kk.familiarity.t3\n    category: familiarity\n"
		"    severity: warning\n    message: m\n    explanation: e\n"
		"    patterns: ['\\b\\w+\\?']\n";
	tact_checker *c = checker_with(yaml);
	const tact_rule *r1 = tact_checker_rule(c, 0), *r2 = tact_checker_rule(c, 1),
	                *r3 = tact_checker_rule(c, 2);
	tact_report *r;

	ck_assert_uint_eq(tact_rule_pattern_count(r1, TACT_FOUND_ANY), 2);
	ck_assert_uint_eq(tact_rule_pattern_count(r1, TACT_FOUND_ANCHORED), 1);
	ck_assert_uint_eq(tact_rule_pattern_count(r1, TACT_FOUND_LITERAL), 1);
	ck_assert_uint_eq(tact_rule_pattern_count(r2, TACT_FOUND_TRIGGER), 1);
	ck_assert_uint_eq(tact_rule_pattern_count(r3, TACT_FOUND_ALWAYS), 1);
	ck_assert_uint_eq(tact_rule_pattern_count(r3, 99), 0);
	ck_assert_uint_eq(tact_rule_pattern_count(NULL, TACT_FOUND_ANY), 0);
	r = check_as(c, "kk", "Бар. Барасың. Ал biz. Неге?");
	ck_assert_uint_eq(tact_report_count(r), 4);
	tact_report_free(r);
	/* Without its trigger, the second rule's pattern does not run. */
	r = check_as(c, "kk", "Biz.");
	ck_assert_uint_eq(tact_report_count(r), 0);
	tact_report_free(r);
	tact_checker_free(c);
}
END_TEST

static Suite *pack_suite(void)
{
	Suite *s = suite_create("pack");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, bad_packs_refused_whole, 0,
	                    (int)(sizeof bad_cases / sizeof bad_cases[0]));
	tcase_add_test(tc, half_good_pack_loads_nothing);
	tcase_add_test(tc, pack_file_errors);
	tcase_add_test(tc, new_categories);
	tcase_add_test(tc, rule_accessors);
	tcase_add_test(tc, pattern_counts);
	suite_add_tcase(s, tc);
	return s;
}

TACT_TEST_MAIN(pack_suite)
