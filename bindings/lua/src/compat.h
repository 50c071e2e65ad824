/*
 * compat.h: the few Lua 5.2+ auxiliary functions the module uses, for Lua
 * 5.1 and LuaJIT (LUA_VERSION_NUM == 501). Everything else the module calls
 * exists with the same meaning in 5.1, 5.2, 5.3 and 5.4.
 *
 * The shims are static and renamed by macros: LuaJIT 2.1 declares some of
 * these functions itself, but Lua 5.1 lacks them, and a module built with
 * LuaJIT's headers must still load into PUC Lua 5.1.
 */
#ifndef LTACT_COMPAT_H
#define LTACT_COMPAT_H

#include <lua.h>
#include <lauxlib.h>

#if !defined(LUA_VERSION_NUM) || LUA_VERSION_NUM == 501

/* Register funcs into the table on top of the stack, each closing over the
 * nup values below it (which are popped). */
static inline void ltact_setfuncs(lua_State *L, const luaL_Reg *funcs, int nup)
{
	luaL_checkstack(L, nup + 1, "too many upvalues");
	for (; funcs->name != NULL; funcs++) {
		for (int i = 0; i < nup; i++)
			lua_pushvalue(L, -nup);
		lua_pushcclosure(L, funcs->func, nup);
		lua_setfield(L, -(nup + 2), funcs->name);
	}
	lua_pop(L, nup);
}

static inline void ltact_setmetatable(lua_State *L, const char *tname)
{
	luaL_getmetatable(L, tname);
	lua_setmetatable(L, -2);
}

#define luaL_setfuncs ltact_setfuncs
#define luaL_setmetatable ltact_setmetatable
#define lua_rawlen(L, idx) lua_objlen((L), (idx))

#endif /* LUA_VERSION_NUM == 501 */

#endif /* LTACT_COMPAT_H */
