/*
 * loptions.c: Lua option tables -> C options.
 *
 * check_fields lists every key a check or rewrite accepts and the function
 * that stores it in tact_check_options: a new field of the C struct is one
 * more entry. A key the table does not list is an error, so a misspelt
 * option never passes silently.
 */
#include <limits.h>
#include <string.h>

#include "ltact.h"

typedef void (*ltact_setter)(lua_State *L, int vidx, const char *name,
                             tact_check_options *opts);

typedef struct ltact_field {
	const char *name;
	ltact_setter set;
} ltact_field;

static int absindex(lua_State *L, int idx)
{
	return idx > 0 ? idx : lua_gettop(L) + idx + 1;
}

static int opt_error(lua_State *L, const char *name, const char *what)
{
	return luaL_error(L, "option '%s': %s", name, what);
}

/* A string option, without embedded zeros. */
static const char *opt_string(lua_State *L, int vidx, const char *name)
{
	size_t len;
	const char *s;

	if (lua_type(L, vidx) != LUA_TSTRING)
		opt_error(L, name, "string expected");
	s = lua_tolstring(L, vidx, &len);
	if (strlen(s) != len)
		opt_error(L, name, "string contains an embedded zero");
	return s;
}

static int opt_boolean(lua_State *L, int vidx, const char *name)
{
	if (!lua_isboolean(L, vidx))
		opt_error(L, name, "boolean expected");
	return lua_toboolean(L, vidx);
}

/* A list of ids: "a, b.*" or {"a", "b.*"}; a table is joined with commas
 * and the joined string replaces it on the stack. */
static const char *opt_list(lua_State *L, int vidx, const char *name)
{
	luaL_Buffer b;
	size_t n;

	if (lua_type(L, vidx) != LUA_TTABLE)
		return opt_string(L, vidx, name);
	n = lua_rawlen(L, vidx);
	luaL_buffinit(L, &b);
	for (size_t i = 1; i <= n; i++) {
		lua_rawgeti(L, vidx, (int)i);
		if (lua_type(L, -1) != LUA_TSTRING)
			opt_error(L, name, "list of strings expected");
		if (i > 1)
			luaL_addchar(&b, ',');
		luaL_addvalue(&b);
	}
	luaL_pushresult(&b);
	lua_replace(L, vidx);
	return opt_string(L, vidx, name);
}

static void set_lang(lua_State *L, int vidx, const char *name,
                     tact_check_options *opts)
{
	opts->language = opt_string(L, vidx, name);
}

static void set_min_severity(lua_State *L, int vidx, const char *name,
                             tact_check_options *opts)
{
	if (lua_type(L, vidx) == LUA_TNUMBER) {
		lua_Number n = lua_tonumber(L, vidx);

		if (n != TACT_SEVERITY_HINT && n != TACT_SEVERITY_WARNING &&
		    n != TACT_SEVERITY_ERROR)
			opt_error(L, name, "0, 1 or 2 expected");
		opts->min_severity = (int)n;
		return;
	}
	const char *s = opt_string(L, vidx, name);
	for (int sev = TACT_SEVERITY_HINT; sev <= TACT_SEVERITY_ERROR; sev++) {
		if (strcmp(s, tact_severity_name(sev)) == 0) {
			opts->min_severity = sev;
			return;
		}
	}
	opt_error(L, name, "\"hint\", \"warning\" or \"error\" expected");
}

static void set_enable(lua_State *L, int vidx, const char *name,
                       tact_check_options *opts)
{
	opts->enable = opt_list(L, vidx, name);
}

static void set_disable(lua_State *L, int vidx, const char *name,
                        tact_check_options *opts)
{
	opts->disable = opt_list(L, vidx, name);
}

static void set_flag(lua_State *L, int vidx, const char *name,
                     tact_check_options *opts, unsigned int flag)
{
	if (opt_boolean(L, vidx, name))
		opts->flags |= flag;
	else
		opts->flags &= ~flag;
}

static void set_english(lua_State *L, int vidx, const char *name,
                        tact_check_options *opts)
{
	set_flag(L, vidx, name, opts, TACT_CHECK_ENGLISH);
}

static void set_include_quotes(lua_State *L, int vidx, const char *name,
                               tact_check_options *opts)
{
	set_flag(L, vidx, name, opts, TACT_CHECK_INCLUDE_QUOTES);
}

/* ---- version 2: the coaching context (docs/coaching.md) ---- */

/* A whole number in [0, max]; a float with a fraction is refused. */
static lua_Number opt_count(lua_State *L, int vidx, const char *name,
                            lua_Number max)
{
	lua_Number n;

	if (lua_type(L, vidx) != LUA_TNUMBER)
		opt_error(L, name, "number expected");
	n = lua_tonumber(L, vidx);
	if (!(n >= 0 && n <= max) || n != (lua_Number)(long long)n)
		opt_error(L, name, "a whole number >= 0 expected");
	return n;
}

/* age: tact refuses ages above 150 (EINVAL, a result, not an error()). */
static void set_age(lua_State *L, int vidx, const char *name,
                    tact_check_options *opts)
{
	opts->age = (int)opt_count(L, vidx, name, (lua_Number)INT_MAX);
}

static void set_name(lua_State *L, int vidx, const char *name,
                     tact_check_options *opts)
{
	opts->client_name = opt_string(L, vidx, name);
}

/* customer: any Lua string; tact checks its UTF-8 (EUTF8). */
static void set_customer(lua_State *L, int vidx, const char *name,
                         tact_check_options *opts)
{
	if (lua_type(L, vidx) != LUA_TSTRING)
		opt_error(L, name, "string expected");
	opts->customer_message = lua_tolstring(L, vidx,
	                                       &opts->customer_message_len);
}

/* wait: seconds; a fraction (os.difftime) is dropped. */
static void set_wait(lua_State *L, int vidx, const char *name,
                     tact_check_options *opts)
{
	lua_Number n;

	if (lua_type(L, vidx) != LUA_TNUMBER)
		opt_error(L, name, "number expected");
	n = lua_tonumber(L, vidx);
	if (!(n >= 0 && n < (lua_Number)LONG_MAX))
		opt_error(L, name, "a number of seconds >= 0 expected");
	opts->wait_seconds = (long)n;
}

static void set_discovery(lua_State *L, int vidx, const char *name,
                          tact_check_options *opts)
{
	set_flag(L, vidx, name, opts, TACT_CHECK_DISCOVERY);
}

/* fields: read by checker:check (ltact_want_fields()); only its type is
 * checked here, and rewrite has no use for it. */
static void set_fields(lua_State *L, int vidx, const char *name,
                       tact_check_options *opts)
{
	(void)opts;
	(void)opt_boolean(L, vidx, name);
}

static const ltact_field check_fields[] = {
	{ "lang", set_lang },
	{ "min_severity", set_min_severity },
	{ "enable", set_enable },
	{ "disable", set_disable },
	{ "english", set_english },
	{ "include_quotes", set_include_quotes },
	{ "age", set_age },
	{ "name", set_name },
	{ "customer", set_customer },
	{ "wait", set_wait },
	{ "discovery", set_discovery },
	{ "fields", set_fields },
	{ NULL, NULL },
};

/* Every key of the table at idx must be a string that known() accepts. */
static void check_keys(lua_State *L, int idx, int (*known)(const char *key,
                       const void *list), const void *list)
{
	lua_pushnil(L);
	while (lua_next(L, idx) != 0) {
		const char *key;

		if (lua_type(L, -2) != LUA_TSTRING)
			luaL_argerror(L, idx, "option names must be strings");
		key = lua_tostring(L, -2);
		if (!known(key, list))
			luaL_argerror(L, idx, lua_pushfstring(L,
				"unknown option '%s'", key));
		lua_pop(L, 1);
	}
}

static int known_name(const char *key, const void *list)
{
	for (const char *const *n = list; *n != NULL; n++)
		if (strcmp(key, *n) == 0)
			return 1;
	return 0;
}

static const ltact_field *find_field(const char *key)
{
	for (const ltact_field *f = check_fields; f->name != NULL; f++)
		if (strcmp(key, f->name) == 0)
			return f;
	return NULL;
}

/* One pass over the table: each value stays pushed under the next key
 * (opts may point into it, and opt_list() replaces a list by a string in
 * its slot), so the stack grows by two slots an option. */
void ltact_check_options(lua_State *L, int idx, tact_check_options *opts)
{
	const tact_check_options init = TACT_CHECK_OPTIONS_INIT;

	*opts = init;
	if (lua_isnoneornil(L, idx))
		return;
	idx = absindex(L, idx);
	luaL_checktype(L, idx, LUA_TTABLE);
	lua_pushnil(L);
	while (lua_next(L, idx) != 0) {
		const ltact_field *f;
		const char *key;

		if (lua_type(L, -2) != LUA_TSTRING)
			luaL_argerror(L, idx, "option names must be strings");
		key = lua_tostring(L, -2);
		f = find_field(key);
		if (f == NULL)
			luaL_argerror(L, idx, lua_pushfstring(L,
				"unknown option '%s'", key));
		luaL_checkstack(L, 3, "too many options");
		f->set(L, lua_gettop(L), f->name, opts);
		lua_pushvalue(L, -2);
	}
}

int ltact_want_fields(lua_State *L, int idx)
{
	int want;

	if (lua_type(L, idx) != LUA_TTABLE)
		return 1;
	lua_getfield(L, idx, "fields");
	want = lua_isnil(L, -1) || lua_toboolean(L, -1);
	lua_pop(L, 1);
	return want;
}

void ltact_flag_options(lua_State *L, int idx, const char *const names[],
                        int values[])
{
	if (lua_isnoneornil(L, idx))
		return;
	idx = absindex(L, idx);
	luaL_checktype(L, idx, LUA_TTABLE);
	check_keys(L, idx, known_name, names);
	for (size_t i = 0; names[i] != NULL; i++) {
		lua_getfield(L, idx, names[i]);
		if (!lua_isnil(L, -1))
			values[i] = opt_boolean(L, lua_gettop(L), names[i]);
		lua_pop(L, 1);
	}
}
