/*
 * ltact.h: the internals of the Lua module `tact`, shared by its layers.
 *
 *   ltact.c     luaopen_tact: version check, metatables, module functions
 *   lchecker.c  the checker userdata and its methods
 *   loptions.c  Lua option tables -> tact_check_options (one table of fields)
 *   lresult.c   reports, findings and rules -> Lua tables
 *   lcommon.c   owning boxes for C results, `nil, message, code` returns
 *
 * A new C function of libtact becomes a Lua method by adding one converter
 * (lresult.c), maybe one option field (loptions.c) and one entry in a
 * luaL_Reg list (lchecker.c or ltact.c). The module keeps no C globals:
 * metatables live in the registry under the names below.
 */
#ifndef LTACT_H
#define LTACT_H

#include <stddef.h>

#include <lua.h>
#include <lauxlib.h>
#include <tact.h>

#include "compat.h"

#if LUA_VERSION_NUM >= 504
#define ltact_newudata(L, size) lua_newuserdatauv((L), (size), 0)
#else
#define ltact_newudata(L, size) lua_newuserdata((L), (size))
#endif

/* Registry names of the module's metatables. */
#define LTACT_CHECKER "tact.checker"
#define LTACT_BOX "tact.box"

/* ---- lcommon.c --------------------------------------------------------- */

/*
 * A box owns one C result (a report, a rewritten text) while Lua values
 * are built from it: if building raises a Lua error (out of memory), the
 * box's __gc releases the result. ltact_box_new() pushes the box and
 * returns the slot the C call fills; the caller frees the result and sets
 * the slot to NULL when done. (A checker has such slots of its own and uses
 * a box only when they are taken: lchecker.c.)
 */
typedef void (*ltact_release)(void *ptr);
void **ltact_box_new(lua_State *L, ltact_release release);
void ltact_box_register(lua_State *L);

/* Push nil, message, code name ("EUTF8"), position; return 4 (the number
 * of results). position: the 1-based byte of the first bad sequence
 * (EUTF8), the line of a refused pack (EPACK), else nil. */
int ltact_fail(lua_State *L, int code);

/* The name of a status code without its prefix: "EUTF8", "EPACK"... */
const char *ltact_code_name(int code);

/* The string argument at idx (a Lua string, not a number); *len its
 * length. With no_nul, a string with an embedded NUL is an argument error. */
const char *ltact_checkstring(lua_State *L, int idx, size_t *len, int no_nul);

/* Set t[key] = s (s may be NULL: the field is left unset) on the table on
 * top of the stack; likewise for integers and booleans. */
void ltact_setstring(lua_State *L, const char *key, const char *s);
void ltact_setint(lua_State *L, const char *key, lua_Integer v);

/* ---- loptions.c -------------------------------------------------------- */

/*
 * Read the option table at idx (nil or none: the defaults) into opts. An
 * unknown key or a value of the wrong type is an error(). Strings opts
 * points to stay on the Lua stack until the calling C function returns.
 */
void ltact_check_options(lua_State *L, int idx, tact_check_options *opts);

/* Does the option table at idx (checked by ltact_check_options()) leave
 * the report fields of check's result on (fields ~= false)? */
int ltact_want_fields(lua_State *L, int idx);

/* Read a table of boolean flags ({builtin=false}): each entry of names that
 * is present is stored in values[i] (1 or 0); unknown keys are an error. */
void ltact_flag_options(lua_State *L, int idx, const char *const names[],
                        int values[]);

/* ---- lresult.c --------------------------------------------------------- */

/* Push the array of finding tables of report. */
void ltact_push_findings(lua_State *L, const tact_report *report);

/* Push the coaching table of report: score, lost, questions, name, band,
 * profile (docs/lua.md). */
void ltact_push_coaching(lua_State *L, const tact_report *report);

/* Push the table of an age band; the array of the bands of lang. */
void ltact_push_band(lua_State *L, const tact_band *band);
void ltact_push_bands(lua_State *L, const tact_checker *checker,
                      const char *lang);

/* Push the array of rule tables of checker. */
void ltact_push_rules(lua_State *L, const tact_checker *checker, int english);

/* ---- lchecker.c -------------------------------------------------------- */

/* Create the checker metatable; the module table is on top of the stack. */
void ltact_checker_register(lua_State *L);

/* tact.new([opts]) */
int ltact_checker_new(lua_State *L);

/* The checker with the built-in packs that module functions use
 * (tact.vocabulary), made on first use and kept in the registry; NULL
 * when it cannot be made (tact_error_last() says why). */
const tact_checker *ltact_default_checker(lua_State *L);

/* vocabulary(lang, age), bands(lang) of checker, with lang the argument at
 * idx: the bodies of checker:vocabulary and tact.vocabulary. */
int ltact_vocabulary(lua_State *L, const tact_checker *checker, int idx);
int ltact_bands(lua_State *L, const tact_checker *checker, int idx);

#endif /* LTACT_H */
