-- Per-call cost of the Lua binding (docs/lua.md, "Overhead"): 10,000
-- checks and rewrites of one message after a warm-up, in CPU time (best
-- of 5 runs). Not a
-- test; compare with the same loop in C over tact_check()/tact_rewrite().
--   LUA_CPATH='build/bindings/lua/5.4/?.so;;' lua5.4 bindings/lua/tests/bench.lua \
--     MESSAGE_FILE [builtin|PACK.yaml]
local tact = require "tact"

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local text = read(assert(arg[1], "usage: bench.lua MESSAGE_FILE [builtin|PACK.yaml]"))
local which = arg[2] or "builtin"
local c
if which == "builtin" then
  c = tact.new()
else
  c = assert(tact.new { builtin = false }:add_pack(which))
end
local opts = { lang = "ru" }
local n = 10000

-- The best of 5 runs of n calls (the machine may be busy).
local function per_call(f)
  f(1000) -- warm-up
  local best = math.huge
  for _ = 1, 5 do
    collectgarbage("collect")
    local t0 = os.clock()
    f(n)
    best = math.min(best, (os.clock() - t0) / n * 1e6)
  end
  return best
end

local findings = 0
local check = per_call(function(k)
  for _ = 1, k do findings = #c:check(text, opts) end
end)
local rewrite = per_call(function(k)
  for _ = 1, k do c:rewrite(text, opts) end
end)
print(("%-22s %s len=%d findings=%d: check %.2f us/call, rewrite %.2f us/call"):format(
  (jit and jit.version or _VERSION), which == "builtin" and "builtin" or "pack",
  #text, findings, check, rewrite))
