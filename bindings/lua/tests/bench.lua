-- Per-call cost of the Lua binding (docs/lua.md, "Overhead"): 10,000
-- checks and rewrites of one message after a warm-up, in CPU time (best
-- of 5 runs). Not a
-- test; compare with the same loop in C over tact_check()/tact_rewrite().
--   LUA_CPATH='build/bindings/lua/5.4/?.so;;' lua5.4 bindings/lua/tests/bench.lua \
--     MESSAGE_FILE [builtin|PACK.yaml]
-- With --corpus, every line of FILE (build/bench/tact-bench --dump FILE) is
-- checked, --lang auto, as tact-bench checks: once untimed (patterns are
-- JIT-compiled on their first uses), once for the throughput, once more
-- with each check timed in CPU time (os.clock: about 1 us resolution) for
-- the latencies; prints MB/s, messages/s and latency percentiles, with
-- --json as one JSON object (bench/run-all):
--   ... bench.lua --corpus FILE [--json] [builtin|PACK.yaml...]
local tact = require "tact"

local function corpus_run(args)
  local path, json, packs = args[2], false, {}
  for k = 3, #args do
    if args[k] == "--json" then json = true
    elseif args[k] ~= "builtin" then packs[#packs + 1] = args[k] end
  end
  local f = assert(io.open(assert(path, "--corpus FILE"), "rb"))
  local data = f:read("*a")
  f:close()
  local messages = {}
  for m in data:gmatch("[^\n]*\n") do messages[#messages + 1] = m end
  local c = #packs == 0 and tact.new() or tact.new { builtin = false }
  for _, p in ipairs(packs) do assert(c:add_pack(p)) end
  local opts, lat, clock = { lang = "auto" }, {}, os.clock
  for k = 1, #messages do c:check(messages[k], opts) end
  local t0 = clock()
  for k = 1, #messages do c:check(messages[k], opts) end
  local total = clock() - t0
  for k = 1, #messages do
    local m0 = clock()
    c:check(messages[k], opts)
    lat[k] = clock() - m0
  end
  table.sort(lat)
  local n = #lat
  local r = {
    mb = #data / 1e6 / total, msgs = n / total,
    med = lat[math.floor(n / 2) + 1] * 1e6,
    p99 = lat[math.floor(n * 99 / 100) + 1] * 1e6,
    max = lat[n] * 1e6,
  }
  local lua = jit and jit.version or _VERSION
  if json then
    print(('{"lua":"%s","messages":%d,"bytes":%d,"mb_per_s":%.3f,' ..
      '"messages_per_s":%.1f,"latency_median_us":%.3f,"latency_p99_us":%.3f,' ..
      '"latency_max_us":%.3f}'):format(lua, n, #data, r.mb, r.msgs, r.med,
      r.p99, r.max))
  else
    print(("%s, %d messages, %.1f MB: %.1f MB/s, %.0f messages/s; latency " ..
      "median %.2f us, p99 %.2f us, max %.2f us"):format(lua, n, #data / 1e6,
      r.mb, r.msgs, r.med, r.p99, r.max))
  end
end

if arg[1] == "--corpus" then
  corpus_run(arg)
  return
end

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
local lean_opts = { lang = opts.lang, fields = false }
local lean = per_call(function(k)
  for _ = 1, k do c:check(text, lean_opts) end
end)
local rewrite = per_call(function(k)
  for _ = 1, k do c:rewrite(text, opts) end
end)
print(("%-22s %s len=%d findings=%d: check %.2f us/call, " ..
  "check {fields = false} %.2f us/call, rewrite %.2f us/call"):format(
  (jit and jit.version or _VERSION), which == "builtin" and "builtin" or "pack",
  #text, findings, check, lean, rewrite))
