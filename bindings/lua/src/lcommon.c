/*
 * lcommon.c: owning boxes for C results, failure returns, small helpers.
 */
#include <string.h>

#include "ltact.h"

typedef struct ltact_box {
	void *ptr;
	ltact_release release;
} ltact_box;

static int box_gc(lua_State *L)
{
	ltact_box *box = (ltact_box *)lua_touserdata(L, 1);

	if (box != NULL && box->ptr != NULL) {
		box->release(box->ptr);
		box->ptr = NULL;
	}
	return 0;
}

void ltact_box_register(lua_State *L)
{
	luaL_newmetatable(L, LTACT_BOX);
	lua_pushcfunction(L, box_gc);
	lua_setfield(L, -2, "__gc");
	lua_pushliteral(L, "tact.box");
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
}

void **ltact_box_new(lua_State *L, ltact_release release)
{
	ltact_box *box = (ltact_box *)ltact_newudata(L, sizeof *box);

	box->ptr = NULL;
	box->release = release;
	luaL_setmetatable(L, LTACT_BOX);
	return &box->ptr;
}

const char *ltact_code_name(int code)
{
	static const char *const names[] = {
		"OK", "ERROR", "ENOMEM", "EINVAL", "EUTF8", "EPACK",
		"EIO", "ETOOBIG", "ELIMIT", "EVERSION", "ENOTFOUND",
	};

	if (code <= 0 && -code < (int)(sizeof names / sizeof names[0]))
		return names[-code];
	return "ERROR";
}

int ltact_fail(lua_State *L, int code)
{
	const char *file = NULL;
	size_t line = (size_t)-1, offset = (size_t)-1;
	const char *msg = tact_error_last();

	(void)tact_error_position(&file, &line, &offset);
	lua_pushnil(L);
	lua_pushstring(L, msg[0] != '\0' ? msg : tact_strerror(code));
	lua_pushstring(L, ltact_code_name(code));
	if (code == TACT_EUTF8 && offset != (size_t)-1)
		lua_pushinteger(L, (lua_Integer)offset + 1);
	else if (code == TACT_EPACK && line != (size_t)-1)
		lua_pushinteger(L, (lua_Integer)line);
	else
		lua_pushnil(L);
	return 4;
}

const char *ltact_checkstring(lua_State *L, int idx, size_t *len, int no_nul)
{
	const char *s;

	luaL_checktype(L, idx, LUA_TSTRING);
	s = lua_tolstring(L, idx, len);
	if (no_nul && strlen(s) != *len)
		luaL_argerror(L, idx, "string contains an embedded zero");
	return s;
}

void ltact_setstring(lua_State *L, const char *key, const char *s)
{
	if (s == NULL)
		return;
	lua_pushstring(L, s);
	lua_setfield(L, -2, key);
}

void ltact_setint(lua_State *L, const char *key, lua_Integer v)
{
	lua_pushinteger(L, v);
	lua_setfield(L, -2, key);
}
