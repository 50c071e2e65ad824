-- LuaRocks build of the Lua module `tact` against an installed libtact
-- (meson install; or TACT_DIR=<prefix>). From a checkout of the repository:
--   luarocks make bindings/lua/tact-scm-1.rockspec [TACT_DIR=/usr/local]
-- (see docs/lua.md). The module is the same C source meson builds.
rockspec_format = "3.0"
package = "tact"
version = "scm-1"
source = {
  -- Where the repository is published; `luarocks make` in a checkout does
  -- not use it.
  url = "git+https://example.invalid/tact.git",
}
description = {
  summary = "Coach people who write to customers: flag and rewrite discouraged phrasing",
  detailed = [[
    Lua binding of libtact. Given a support agent's message, tact finds
    discouraged phrasing («но», «Вы должны», «Sunteţi sigur…?», "you must"),
    explains why it hurts, proposes polite alternatives and can apply them,
    in Russian, Romanian, Kazakh and English.
  ]],
  license = "MIT",
  labels = { "text", "linter", "i18n" },
}
dependencies = {
  "lua >= 5.1, < 5.5",
}
external_dependencies = {
  TACT = { header = "tact.h", library = "tact" },
}
build = {
  type = "builtin",
  modules = {
    tact = {
      sources = {
        "bindings/lua/src/lchecker.c",
        "bindings/lua/src/lcommon.c",
        "bindings/lua/src/loptions.c",
        "bindings/lua/src/lresult.c",
        "bindings/lua/src/ltact.c",
      },
      incdirs = { "$(TACT_INCDIR)", "bindings/lua/src" },
      libdirs = { "$(TACT_LIBDIR)" },
      libraries = { "tact" },
    },
  },
  copy_directories = { "bindings/lua/plugins" },
}
test = {
  type = "busted",
  flags = { "bindings/lua/tests/tact_spec.lua" },
}
