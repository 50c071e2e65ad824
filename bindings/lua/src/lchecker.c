/*
 * lchecker.c: the checker userdata.
 *
 * A checker is a full userdata holding a tact_checker pointer, with the
 * metatable LTACT_CHECKER: __gc frees it, and on Lua 5.4 __close does too
 * (`local c <close> = tact.new()`); checker:close() frees it early. A closed
 * checker raises an error when used.
 *
 * While a report (or a rewritten text) is turned into Lua values, a Lua
 * error (out of memory) could skip the code that frees it. So the result is
 * held in a slot of the checker userdata, which __gc empties: no allocation
 * per call. When that slot is taken (a call made by a finalizer during the
 * conversion, or a result left there by such an error) the call holds its
 * result in a box (lcommon.c) instead.
 */
#include <limits.h>

#include "ltact.h"

typedef struct ltact_checker {
	tact_checker *checker;
	tact_report *report; /* the report being converted, or NULL */
	char *text;          /* the rewritten text being converted, or NULL */
} ltact_checker;

static ltact_checker *to_box(lua_State *L)
{
	return (ltact_checker *)luaL_checkudata(L, 1, LTACT_CHECKER);
}

/* The open checker in argument 1. */
static ltact_checker *to_open(lua_State *L)
{
	ltact_checker *c = to_box(L);

	if (c->checker == NULL)
		luaL_argerror(L, 1, "the checker is closed");
	return c;
}

static tact_checker *to_checker(lua_State *L)
{
	return to_open(L)->checker;
}

static void release_report(void *ptr)
{
	tact_report_free((tact_report *)ptr);
}

static void release_text(void *ptr)
{
	tact_free(ptr);
}

/* Push a new checker userdata; return the status of tact_checker_new(). */
static int push_checker(lua_State *L, unsigned int flags)
{
	ltact_checker *c = (ltact_checker *)ltact_newudata(L, sizeof *c);

	c->checker = NULL;
	c->report = NULL;
	c->text = NULL;
	luaL_setmetatable(L, LTACT_CHECKER);
	return tact_checker_new(&c->checker, flags);
}

int ltact_checker_new(lua_State *L)
{
	static const char *const names[] = { "builtin", NULL };
	int values[] = { 1 };
	int rc;

	ltact_flag_options(L, 1, names, values);
	rc = push_checker(L, values[0] ? TACT_CHECKER_DEFAULT
	                               : TACT_CHECKER_NO_BUILTIN);
	if (rc != TACT_OK)
		return ltact_fail(L, rc);
	return 1;
}

/* The registry holds the default checker under this key; its __gc frees it
 * when the state closes. Nobody else can reach it, so it is never closed. */
#define LTACT_DEFAULT "tact.default"

const tact_checker *ltact_default_checker(lua_State *L)
{
	const tact_checker *checker;

	lua_getfield(L, LUA_REGISTRYINDEX, LTACT_DEFAULT);
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		if (push_checker(L, TACT_CHECKER_DEFAULT) != TACT_OK) {
			lua_pop(L, 1);
			return NULL;
		}
		lua_pushvalue(L, -1);
		lua_setfield(L, LUA_REGISTRYINDEX, LTACT_DEFAULT);
	}
	checker = ((ltact_checker *)lua_touserdata(L, -1))->checker;
	lua_pop(L, 1);
	return checker;
}

/* checker:check(text [, opts]) -> findings, language, partial; the
 * findings array reads score, lost, questions, name, band and profile
 * through its metatable (so #, ipairs, pairs and next see only findings),
 * unless opts.fields is false: the findings alone, a third of the cost of
 * a clean check's conversion. */
static int checker_check(lua_State *L)
{
	ltact_checker *c = to_open(L);
	tact_check_options opts;
	tact_report **report = &c->report;
	size_t len;
	const char *text = ltact_checkstring(L, 2, &len, 0);
	int rc;

	ltact_check_options(L, 3, &opts);
	if (*report != NULL)
		report = (tact_report **)ltact_box_new(L, release_report);
	rc = tact_check(report, c->checker, text, len, &opts);
	if (rc != TACT_OK)
		return ltact_fail(L, rc);
	ltact_push_findings(L, *report);
	if (ltact_want_fields(L, 3)) {
		lua_createtable(L, 0, 1);
		ltact_push_coaching(L, *report);
		lua_setfield(L, -2, "__index");
		lua_setmetatable(L, -2);
	}
	lua_pushstring(L, tact_report_language(*report));
	lua_pushboolean(L, tact_report_status(*report) == TACT_ELIMIT);
	tact_report_free(*report);
	*report = NULL;
	return 3;
}

/* checker:rewrite(text [, opts]) -> text */
static int checker_rewrite(lua_State *L)
{
	ltact_checker *c = to_open(L);
	tact_check_options opts;
	char **out = &c->text;
	size_t len, out_len = 0;
	const char *text = ltact_checkstring(L, 2, &len, 0);
	int rc;

	ltact_check_options(L, 3, &opts);
	if (*out != NULL)
		out = (char **)ltact_box_new(L, release_text);
	rc = tact_rewrite(out, &out_len, c->checker, text, len, &opts);
	if (rc != TACT_OK)
		return ltact_fail(L, rc);
	lua_pushlstring(L, *out, out_len);
	tact_free(*out);
	*out = NULL;
	return 1;
}

/* checker:add_pack(path) -> checker */
static int checker_add_pack(lua_State *L)
{
	tact_checker *checker = to_checker(L);
	size_t len;
	const char *path = ltact_checkstring(L, 2, &len, 1);
	int rc = tact_checker_add_pack_file(checker, path);

	if (rc != TACT_OK)
		return ltact_fail(L, rc);
	lua_settop(L, 1);
	return 1;
}

/* checker:add_pack_string(yaml [, name]) -> checker */
static int checker_add_pack_string(lua_State *L)
{
	tact_checker *checker = to_checker(L);
	size_t len, name_len;
	const char *yaml = ltact_checkstring(L, 2, &len, 0);
	const char *name = lua_isnoneornil(L, 3) ? NULL
	                   : ltact_checkstring(L, 3, &name_len, 1);
	int rc = tact_checker_add_pack_string(checker, yaml, len, name);

	if (rc != TACT_OK)
		return ltact_fail(L, rc);
	lua_settop(L, 1);
	return 1;
}

/* checker:rules([{english=}]) -> array of rule tables */
static int checker_rules(lua_State *L)
{
	static const char *const names[] = { "english", NULL };
	int values[] = { 0 };
	const tact_checker *checker = to_checker(L);

	ltact_flag_options(L, 2, names, values);
	ltact_push_rules(L, checker, values[0]);
	return 1;
}

int ltact_vocabulary(lua_State *L, const tact_checker *checker, int idx)
{
	size_t len;
	const char *lang = ltact_checkstring(L, idx, &len, 1);
	lua_Integer age = luaL_checkinteger(L, idx + 1);
	const tact_band *band;

	luaL_argcheck(L, age >= INT_MIN && age <= INT_MAX, idx + 1,
	              "age out of range");
	band = tact_vocabulary(checker, lang, (int)age);
	if (band == NULL) {
		int code = tact_error_position(NULL, NULL, NULL);

		return ltact_fail(L, code != TACT_OK ? code : TACT_ENOTFOUND);
	}
	ltact_push_band(L, band);
	return 1;
}

int ltact_bands(lua_State *L, const tact_checker *checker, int idx)
{
	size_t len;
	const char *lang = ltact_checkstring(L, idx, &len, 1);

	ltact_push_bands(L, checker, lang);
	return 1;
}

/* checker:vocabulary(lang, age) -> band | nil, message, code */
static int checker_vocabulary(lua_State *L)
{
	return ltact_vocabulary(L, to_checker(L), 2);
}

/* checker:bands(lang) -> array of bands ({} when lang has no vocabulary) */
static int checker_bands(lua_State *L)
{
	return ltact_bands(L, to_checker(L), 2);
}

/* checker:close(), __close: free the checker now; idempotent. A result
 * being converted stays: reports do not refer to their checker. */
static int checker_close(lua_State *L)
{
	ltact_checker *c = to_box(L);

	tact_checker_free(c->checker);
	c->checker = NULL;
	return 0;
}

/* __gc: nothing can be converting any more; free what is left. */
static int checker_gc(lua_State *L)
{
	ltact_checker *c = to_box(L);

	checker_close(L);
	tact_report_free(c->report);
	c->report = NULL;
	tact_free(c->text);
	c->text = NULL;
	return 0;
}

/* #checker: the number of rules (0 once closed). */
static int checker_len(lua_State *L)
{
	const tact_checker *checker = to_box(L)->checker;

	lua_pushinteger(L, (lua_Integer)tact_checker_rule_count(checker));
	return 1;
}

static int checker_tostring(lua_State *L)
{
	ltact_checker *c = to_box(L);

	if (c->checker == NULL)
		lua_pushliteral(L, "tact.checker (closed)");
	else
		lua_pushfstring(L, "tact.checker (%d rules): %p",
		                (int)tact_checker_rule_count(c->checker),
		                (void *)c);
	return 1;
}

static const luaL_Reg checker_methods[] = {
	{ "check", checker_check },
	{ "rewrite", checker_rewrite },
	{ "add_pack", checker_add_pack },
	{ "add_pack_string", checker_add_pack_string },
	{ "rules", checker_rules },
	{ "vocabulary", checker_vocabulary },
	{ "bands", checker_bands },
	{ "close", checker_close },
	{ NULL, NULL },
};

static const luaL_Reg checker_meta[] = {
	{ "__gc", checker_gc },
#if LUA_VERSION_NUM >= 504
	{ "__close", checker_close },
#endif
	{ "__len", checker_len },
	{ "__tostring", checker_tostring },
	{ NULL, NULL },
};

void ltact_checker_register(lua_State *L)
{
	luaL_newmetatable(L, LTACT_CHECKER);
	luaL_setfuncs(L, checker_meta, 0);
	lua_createtable(L, 0, 8);
	luaL_setfuncs(L, checker_methods, 0);
	lua_setfield(L, -2, "__index");
	lua_pushliteral(L, "tact.checker");
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
}
