-- Every call and error path of the module in a loop, for valgrind (meson
-- test valgrind-lua5.x): each checker, report and rewritten text must be
-- freed, whether by close(), by a full GC cycle, or when the interpreter
-- closes its state at exit. Plain Lua, no busted: valgrind checks the result.
local tact = require "tact"

local here = os.getenv("TACT_LUA_TESTS") or "bindings/lua/tests"
local f = assert(io.open(here .. "/fixture.yaml", "rb"))
local fixture = f:read("*a")
f:close()

f = assert(io.open(here .. "/coaching.yaml", "rb"))
local coaching = f:read("*a")
f:close()

local DESIGN = "Товар хороший, но дорогой. Вы должны заполнить форму. Вы уверены?"
local COACHED = "Это дешевый вариант, но дорого. Вам удобно? Для работы?"
local context = { lang = "ru", age = 22, name = "Анна", customer = "Это безобразие!",
                  wait = 3600, discovery = true }
local opts = { lang = "ru", min_severity = "hint", enable = { "contrast", "obligation", "doubt" },
               disable = "ru.x.*", english = true, include_quotes = false }

local function exercise(c)
  assert(#c:check(DESIGN) == 3)
  assert(#c:check(DESIGN, opts) == 3)
  assert(c:rewrite(DESIGN, opts))
  assert(#c:rules { english = true } == 3)
  assert(c:check("bad \255 text") == nil)
  assert(c:rewrite("bad \255 text") == nil)
  assert(c:check("Hello", { lang = "xx" }) == nil)
  assert(c:add_pack_string("pack: [", "broken.yaml") == nil)
  assert(c:add_pack_string(fixture, "again.yaml") == nil)
  assert(c:add_pack(here .. "/no-such-file.yaml") == nil)
  assert(not pcall(c.check, c, DESIGN, { lang = "ru", min_severity = "x" }))
  assert(not pcall(c.check, c, DESIGN, { enable = { "a", false } }))
  assert(not pcall(c.rewrite, c, 42))
  assert(not pcall(c.rules, c, { bogus = true }))
  assert(tact.detect_language(DESIGN) == "ru")
  assert(tact.detect_language("\255") == nil)
end

-- The coaching layer: the report's coaching fields, bands, rules with
-- example contexts, and its error paths.
local function exercise_coaching(c)
  local found = c:check(COACHED, context)
  assert(#found == 7 and found.score < 100 and found.lost.contrast == 8)
  assert(#found.profile == 4 and found.questions.closed == 2 and found.name == "missing")
  assert(c:rewrite(COACHED, context))
  assert(c:vocabulary("ru", 30).name == "25-40")
  assert(c:vocabulary("ru", 200) == nil)
  assert(c:vocabulary("en", 30) == nil)
  assert(#c:bands("ru") == 4 and #c:bands("en") == 0)
  assert(#c:rules() == 14)
  assert(c:check(COACHED, { age = 151 }) == nil)
  assert(c:check(COACHED, { customer = "\255" }) == nil)
  assert(not pcall(c.check, c, COACHED, { lang = "ru", age = "x" }))
  assert(not pcall(c.check, c, COACHED, { lang = "ru", name = "Анна", wait = -1 }))
  assert(not pcall(c.vocabulary, c, "ru"))
  assert(not pcall(c.bands, c, 42))
end

for i = 1, 30 do
  local c = tact.new { builtin = false }
  assert(c:add_pack_string(fixture, "fixture.yaml"))
  exercise(c)
  assert(c:add_pack_string(coaching, "coaching.yaml"))
  exercise_coaching(c)
  if i % 3 == 0 then
    c:close()
    assert(not pcall(c.check, c, DESIGN))
  end
  if i % 10 == 0 then collectgarbage("collect") end
end

-- Finalizers that use (and close) a checker while it converts a result:
-- the nested calls hold their results in boxes, a closed checker's result
-- in flight is still freed once.
do
  local c = tact.new { builtin = false }
  assert(c:add_pack_string(fixture, "fixture.yaml"))
  local inside, nested = false, 0
  local function finalizer()
    if inside then nested = nested + 1 end
    if math.random(4) == 1 then c:close() end
    pcall(c.check, c, DESIGN)
    pcall(c.check, c, COACHED, context)
    pcall(c.rewrite, c, DESIGN)
  end
  local pause = collectgarbage("setpause", 0)
  local stepmul = collectgarbage("setstepmul", 1000)
  for i = 1, 200 do
    if i % 20 == 0 then
      c = tact.new { builtin = false }
      assert(c:add_pack_string(fixture, "fixture.yaml"))
    end
    for _ = 1, 3 do
      if newproxy then
        getmetatable(newproxy(true)).__gc = finalizer
      else
        setmetatable({}, { __gc = finalizer })
      end
    end
    inside = true
    pcall(c.check, c, DESIGN)
    pcall(c.check, c, COACHED, context)
    pcall(c.rewrite, c, DESIGN)
    inside = false
  end
  print("leak.lua: finalizers that ran during a call: " .. nested)
  collectgarbage("setpause", pause)
  collectgarbage("setstepmul", stepmul)
  collectgarbage("collect")
end

-- One checker with the built-in packs, and some left for lua_close().
local builtin = tact.new()
assert(builtin:rewrite(DESIGN, { lang = "ru" }))
assert(#builtin:rules() > 0)
assert(builtin:check(COACHED, context).score < 100)
assert(tact.vocabulary("ru", 65).name == "60+" and #tact.bands("kk") == 4)
assert(tact.vocabulary("xx", 65) == nil)
LEFT_FOR_EXIT = { tact.new { builtin = false }:add_pack_string(fixture), builtin }
collectgarbage("collect")
print("leak.lua: ok")
