/*
 * ltact.c: the Lua module `tact` (local tact = require "tact").
 *
 * One source for Lua 5.1/LuaJIT, 5.2, 5.3 and 5.4. The module refuses to
 * load when the libtact it is linked with is older than the tact.h it was
 * compiled against, or of another major version.
 */
#include "ltact.h"

/* tact.detect_language(text) -> "ru" | nil, message, code, position */
static int l_detect_language(lua_State *L)
{
	size_t len;
	const char *text = ltact_checkstring(L, 1, &len, 0);
	const char *lang = tact_detect_language(text, len);

	if (lang == NULL) {
		int code = tact_error_position(NULL, NULL, NULL);

		return ltact_fail(L, code != TACT_OK ? code : TACT_EUTF8);
	}
	lua_pushstring(L, lang);
	return 1;
}

/* nil, message, code when the default checker cannot be made. */
static int default_failed(lua_State *L)
{
	int code = tact_error_position(NULL, NULL, NULL);

	return ltact_fail(L, code != TACT_OK ? code : TACT_ENOMEM);
}

/* tact.vocabulary(lang, age) -> band | nil, message, code: the band of the
 * built-in packs (loaded into a checker of the module's on first use). */
static int l_vocabulary(lua_State *L)
{
	const tact_checker *checker = ltact_default_checker(L);

	return checker != NULL ? ltact_vocabulary(L, checker, 1)
	                       : default_failed(L);
}

/* tact.bands(lang) -> array of the bands of the built-in packs */
static int l_bands(lua_State *L)
{
	const tact_checker *checker = ltact_default_checker(L);

	return checker != NULL ? ltact_bands(L, checker, 1) : default_failed(L);
}

static const luaL_Reg module_functions[] = {
	{ "new", ltact_checker_new },
	{ "detect_language", l_detect_language },
	{ "vocabulary", l_vocabulary },
	{ "bands", l_bands },
	{ NULL, NULL },
};

static void check_library_version(lua_State *L)
{
	int linked = tact_version_number();

	if (linked / 10000 != TACT_VERSION_NUMBER / 10000 ||
	    linked < TACT_VERSION_NUMBER)
		luaL_error(L, "tact: the module was built for libtact %s but "
		           "libtact %s is loaded", TACT_VERSION_STRING,
		           tact_version());
}

#if defined(__GNUC__) && __GNUC__ >= 4
__attribute__((visibility("default")))
#endif
int luaopen_tact(lua_State *L);

int luaopen_tact(lua_State *L)
{
	check_library_version(L);
	ltact_box_register(L);
	ltact_checker_register(L);
	lua_createtable(L, 0, 8);
	luaL_setfuncs(L, module_functions, 0);
	lua_pushstring(L, tact_version());
	lua_setfield(L, -2, "version");
	lua_pushinteger(L, tact_version_number());
	lua_setfield(L, -2, "version_number");
	lua_pushliteral(L, TACT_VERSION_STRING);
	lua_setfield(L, -2, "header_version");
	return 1;
}
