/*
 * lresult.c: C results -> Lua tables.
 *
 * Positions follow Lua: a finding's start and stop are the 1-based,
 * inclusive byte positions string.sub takes (text:sub(f.start, f.stop) ==
 * f.match); cp_start and cp_stop are the same in code points (what
 * utf8.offset counts); line and column are 1-based as in C.
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

void ltact_push_findings(lua_State *L, const tact_report *report)
{
	size_t n = tact_report_count(report);

	lua_createtable(L, (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		push_finding(L, tact_report_finding(report, i));
		lua_rawseti(L, -2, (int)i + 1);
	}
}

/* examples = { bad = {{text=, fix=}...}, good = {"..."...} } */
static void push_examples(lua_State *L, const tact_rule *rule)
{
	size_t nbad = tact_rule_example_count(rule, TACT_EXAMPLE_BAD);
	size_t ngood = tact_rule_example_count(rule, TACT_EXAMPLE_GOOD);

	lua_createtable(L, 0, 2);
	lua_createtable(L, (int)nbad, 0);
	for (size_t i = 0; i < nbad; i++) {
		const char *fix = NULL;
		const char *text = tact_rule_example(rule, TACT_EXAMPLE_BAD, i,
		                                     &fix);

		lua_createtable(L, 0, 2);
		ltact_setstring(L, "text", text);
		ltact_setstring(L, "fix", fix);
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

	lua_createtable(L, (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		push_rule(L, tact_checker_rule(checker, i), english);
		lua_rawseti(L, -2, (int)i + 1);
	}
}
