/*
 * lresult.c: C results -> Lua tables.
 *
 * Positions follow Lua: a finding's start and stop are the 1-based,
 * inclusive byte positions string.sub takes (text:sub(f.start, f.stop) ==
 * f.match); cp_start and cp_stop are the same in code points (what
 * utf8.offset counts); line and column are 1-based as in C. Questions
 * carry byte positions only (the C API gives no code points for them).
 */
#include "ltact.h"

static void push_severity(lua_State *L, int severity)
{
	const char *name = tact_severity_name(severity);

	if (name != NULL)
		lua_pushstring(L, name);
	else
		lua_pushinteger(L, severity);
	lua_setfield(L, -2, "severity");
}

static void push_suggestions(lua_State *L, const tact_finding *f)
{
	size_t n = tact_finding_suggestion_count(f);

	lua_createtable(L, (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		lua_pushstring(L, tact_finding_suggestion(f, i));
		lua_rawseti(L, -2, (int)i + 1);
	}
	lua_setfield(L, -2, "suggestions");
}

static void push_finding(lua_State *L, const tact_finding *f)
{
	size_t start = 0, end = 0, cp_start = 0, cp_end = 0, line = 0, col = 0;
	size_t match_len = 0;
	const char *match = tact_finding_match(f, &match_len);

	(void)tact_finding_span(f, &start, &end, &cp_start, &cp_end, &line,
	                        &col);
	lua_createtable(L, 0, 14);
	ltact_setstring(L, "rule", tact_finding_rule(f));
	ltact_setstring(L, "category", tact_finding_category(f));
	push_severity(L, tact_finding_severity(f));
	ltact_setint(L, "start", (lua_Integer)start + 1);
	ltact_setint(L, "stop", (lua_Integer)end);
	ltact_setint(L, "cp_start", (lua_Integer)cp_start + 1);
	ltact_setint(L, "cp_stop", (lua_Integer)cp_end);
	ltact_setint(L, "line", (lua_Integer)line);
	ltact_setint(L, "column", (lua_Integer)col);
	lua_pushlstring(L, match != NULL ? match : "", match_len);
	lua_setfield(L, -2, "match");
	ltact_setstring(L, "message", tact_finding_message(f));
	ltact_setstring(L, "explanation", tact_finding_explanation(f));
	push_suggestions(L, f);
}

/* The converters nest tables (array, item, field, value...) above the
 * option values a call leaves on the stack: they make room first. */
#define NEST_ROOM(L, n) luaL_checkstack((L), (n), "tables nested too deep")

void ltact_push_findings(lua_State *L, const tact_report *report)
{
	size_t n = tact_report_count(report);

	NEST_ROOM(L, 5);
	lua_createtable(L, (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		push_finding(L, tact_report_finding(report, i));
		lua_rawseti(L, -2, (int)i + 1);
	}
}

/* lost = { category = points }: the categories of the findings, each once. */
static void push_lost(lua_State *L, const tact_report *report)
{
	size_t n = tact_report_count(report);

	lua_createtable(L, 0, 4);
	for (size_t i = 0; i < n; i++) {
		const char *cat = tact_finding_category(tact_report_finding(report,
		                                                            i));
		int points;

		if (cat == NULL)
			continue;
		lua_getfield(L, -1, cat);
		points = lua_isnil(L, -1) ? tact_report_score_lost(report, cat) : 0;
		lua_pop(L, 1);
		if (points > 0)
			ltact_setint(L, cat, points);
	}
	lua_setfield(L, -2, "lost");
}

/* questions = { open = n, closed = n, list = {{kind=, start=, stop=}...} } */
static void push_questions(lua_State *L, const tact_report *report)
{
	size_t n = tact_report_question_count(report);
	lua_Integer open = 0, closed = 0;

	lua_createtable(L, 0, 3);
	lua_createtable(L, (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		int kind = TACT_QUESTION_CLOSED;
		size_t start = 0, end = 0;

		(void)tact_report_question(report, i, &kind, &start, &end);
		if (kind == TACT_QUESTION_OPEN)
			open++;
		else
			closed++;
		lua_createtable(L, 0, 3);
		lua_pushstring(L, kind == TACT_QUESTION_OPEN ? "open" : "closed");
		lua_setfield(L, -2, "kind");
		ltact_setint(L, "start", (lua_Integer)start + 1);
		ltact_setint(L, "stop", (lua_Integer)end);
		lua_rawseti(L, -2, (int)i + 1);
	}
	lua_setfield(L, -2, "list");
	ltact_setint(L, "open", open);
	ltact_setint(L, "closed", closed);
	lua_setfield(L, -2, "questions");
}

/* profile = { {band=, hits=, words={...}}... }, in band order */
static void push_profile(lua_State *L, const tact_report *report)
{
	size_t n = tact_report_profile_count(report);

	lua_createtable(L, (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		size_t nwords = tact_report_profile_word_count(report, i);

		lua_createtable(L, 0, 3);
		ltact_setstring(L, "band", tact_report_profile_band(report, i));
		ltact_setint(L, "hits",
		             (lua_Integer)tact_report_profile_hits(report, i));
		lua_createtable(L, (int)nwords, 0);
		for (size_t w = 0; w < nwords; w++) {
			lua_pushstring(L, tact_report_profile_word(report, i, w));
			lua_rawseti(L, -2, (int)w + 1);
		}
		lua_setfield(L, -2, "words");
		lua_rawseti(L, -2, (int)i + 1);
	}
	lua_setfield(L, -2, "profile");
}

void ltact_push_coaching(lua_State *L, const tact_report *report)
{
	int name = tact_report_name_status(report);

	NEST_ROOM(L, 6);
	lua_createtable(L, 0, 6);
	ltact_setint(L, "score", tact_report_score(report));
	push_lost(L, report);
	push_questions(L, report);
	if (name == TACT_NAME_ADDRESSED)
		ltact_setstring(L, "name", "addressed");
	else if (name == TACT_NAME_MISSING)
		ltact_setstring(L, "name", "missing");
	ltact_setstring(L, "band", tact_report_band(report));
	push_profile(L, report);
}

void ltact_push_band(lua_State *L, const tact_band *band)
{
	size_t n = tact_band_word_count(band);

	lua_createtable(L, 0, 6);
	ltact_setstring(L, "name", tact_band_name(band));
	ltact_setstring(L, "theme", tact_band_theme(band, 0));
	ltact_setstring(L, "theme_en", tact_band_theme(band, 1));
	ltact_setint(L, "min_age", tact_band_min_age(band));
	ltact_setint(L, "max_age", tact_band_max_age(band));
	lua_createtable(L, (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		lua_pushstring(L, tact_band_word(band, i));
		lua_rawseti(L, -2, (int)i + 1);
	}
	lua_setfield(L, -2, "words");
}

void ltact_push_bands(lua_State *L, const tact_checker *checker,
                      const char *lang)
{
	size_t n = tact_band_count(checker, lang);

	NEST_ROOM(L, 5);
	lua_createtable(L, (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		ltact_push_band(L, tact_band_at(checker, lang, i));
		lua_rawseti(L, -2, (int)i + 1);
	}
}

/*
 * The context example index of kind is checked in (a coaching example's
 * client name, age, customer message, wait, discovery), as the check()
 * options that give it: pushes the table and returns 1, or pushes nothing
 * and returns 0 when the example carries no context.
 */
static int push_example_options(lua_State *L, const tact_rule *rule, int kind,
                                size_t index)
{
	tact_check_options o = TACT_CHECK_OPTIONS_INIT;

	if (tact_rule_example_options(rule, kind, index, &o) != TACT_OK ||
	    (o.age < 0 && o.client_name == NULL && o.customer_message == NULL &&
	     o.wait_seconds < 0 && !(o.flags & TACT_CHECK_DISCOVERY)))
		return 0;
	lua_createtable(L, 0, 5);
	if (o.age >= 0)
		ltact_setint(L, "age", o.age);
	ltact_setstring(L, "name", o.client_name);
	if (o.customer_message != NULL) {
		lua_pushlstring(L, o.customer_message, o.customer_message_len);
		lua_setfield(L, -2, "customer");
	}
	if (o.wait_seconds >= 0)
		ltact_setint(L, "wait", (lua_Integer)o.wait_seconds);
	if (o.flags & TACT_CHECK_DISCOVERY) {
		lua_pushboolean(L, 1);
		lua_setfield(L, -2, "discovery");
	}
	return 1;
}

/* examples = { bad = {{text=, fix=, options=}...}, good = {"..."...},
 *              good_options = {[i] = options} }: options only where the
 * example carries a context (coaching rules). */
static void push_examples(lua_State *L, const tact_rule *rule)
{
	size_t nbad = tact_rule_example_count(rule, TACT_EXAMPLE_BAD);
	size_t ngood = tact_rule_example_count(rule, TACT_EXAMPLE_GOOD);

	lua_createtable(L, 0, 3);
	lua_createtable(L, (int)nbad, 0);
	for (size_t i = 0; i < nbad; i++) {
		const char *fix = NULL;
		const char *text = tact_rule_example(rule, TACT_EXAMPLE_BAD, i,
		                                     &fix);

		lua_createtable(L, 0, 3);
		ltact_setstring(L, "text", text);
		ltact_setstring(L, "fix", fix);
		if (push_example_options(L, rule, TACT_EXAMPLE_BAD, i))
			lua_setfield(L, -2, "options");
		lua_rawseti(L, -2, (int)i + 1);
	}
	lua_setfield(L, -2, "bad");
	lua_createtable(L, (int)ngood, 0);
	for (size_t i = 0; i < ngood; i++) {
		lua_pushstring(L, tact_rule_example(rule, TACT_EXAMPLE_GOOD, i,
		                                    NULL));
		lua_rawseti(L, -2, (int)i + 1);
	}
	lua_setfield(L, -2, "good");
	lua_newtable(L);
	for (size_t i = 0; i < ngood; i++)
		if (push_example_options(L, rule, TACT_EXAMPLE_GOOD, i))
			lua_rawseti(L, -2, (int)i + 1);
	lua_setfield(L, -2, "good_options");
	lua_setfield(L, -2, "examples");
}

static void push_rule(lua_State *L, const tact_rule *rule, int english)
{
	lua_createtable(L, 0, 11);
	ltact_setstring(L, "id", tact_rule_id(rule));
	ltact_setstring(L, "category", tact_rule_category(rule));
	ltact_setstring(L, "language", tact_rule_language(rule));
	ltact_setstring(L, "pack", tact_rule_pack(rule));
	push_severity(L, tact_rule_severity(rule));
	ltact_setstring(L, "message", tact_rule_message(rule, english));
	ltact_setstring(L, "explanation", tact_rule_explanation(rule, english));
	ltact_setstring(L, "source", tact_rule_source(rule));
	ltact_setint(L, "triggers", (lua_Integer)tact_rule_trigger_count(rule));
	push_examples(L, rule);
}

void ltact_push_rules(lua_State *L, const tact_checker *checker, int english)
{
	size_t n = tact_checker_rule_count(checker);

	NEST_ROOM(L, 8);
	lua_createtable(L, (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		push_rule(L, tact_checker_rule(checker, i), english);
		lua_rawseti(L, -2, (int)i + 1);
	}
}
