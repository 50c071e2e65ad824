-- busted specs of the Lua module `tact`: run by meson (suite 'lua') on
-- every interpreter of every Lua ABI built, with LUA_CPATH pointing at the
-- module of that ABI. By hand:
--   LUA_CPATH='build/bindings/lua/5.4/?.so;;' lua5.4 /usr/bin/busted \
--     bindings/lua/tests/tact_spec.lua
local tact = require "tact"

local here = os.getenv("TACT_LUA_TESTS") or "bindings/lua/tests"
local fixture_path = here .. "/fixture.yaml"

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local fixture = read(fixture_path)
local coaching = read(here .. "/coaching.yaml")

-- A checker with only the fixture pack: stable whatever the built-in
-- packs say.
local function fixture_checker()
  local c = tact.new { builtin = false }
  assert(c:add_pack_string(fixture, "fixture.yaml"))
  return c
end

-- The fixture's phrase rules and its coaching pack (vocabulary: and
-- coaching: sections, tests/coaching.yaml).
local function coaching_checker()
  local c = fixture_checker()
  assert(c:add_pack_string(coaching, "coaching.yaml"))
  return c
end

-- The ids of findings, in order.
local function ids(findings)
  local out = {}
  for i, f in ipairs(findings) do out[i] = f.rule end
  return out
end

-- The finding of rule in findings, or nil.
local function finding(findings, rule)
  for _, f in ipairs(findings) do
    if f.rule == rule then return f end
  end
end

-- t with the fields of u added (u may be nil).
local function with(t, u)
  local out = {}
  for k, v in pairs(t) do out[k] = v end
  for k, v in pairs(u or {}) do out[k] = v end
  return out
end

-- The number of code points in s (UTF-8), without the utf8 library (5.1).
local function cp_len(s)
  local _, n = s:gsub("[^\128-\191]", "")
  return n
end

local DESIGN = "Товар хороший, но дорогой. Вы должны заполнить форму."
local DESIGN_FIXED = "Товар хороший, однако дорогой. Не могли бы Вы заполнить форму?"

describe("the module", function()
  it("gives the library's version and refuses nothing it was built for", function()
    assert.is_string(tact.version)
    assert.matches("^%d+%.%d+%.%d+$", tact.version)
    assert.is_number(tact.version_number)
    local major, minor, patch = tact.version:match("^(%d+)%.(%d+)%.(%d+)$")
    assert.are.equal(major * 10000 + minor * 100 + patch, tact.version_number)
    assert.is_string(tact.header_version)
  end)

  it("detects languages", function()
    assert.are.equal("ru", tact.detect_language("Здравствуйте, чем могу помочь?"))
    assert.are.equal("kk", tact.detect_language("Сәлеметсіз бе, қалай көмектесе аламын?"))
    assert.are.equal("ro", tact.detect_language("Bună ziua, cu ce vă pot ajuta?"))
    assert.are.equal("en", tact.detect_language("Hello, how can I help?"))
  end)

  it("returns nil, message, code, position for invalid UTF-8", function()
    local lang, msg, code, pos = tact.detect_language("ab\255c")
    assert.is_nil(lang)
    assert.is_string(msg)
    assert.are.equal("EUTF8", code)
    assert.are.equal(3, pos)
  end)

  it("raises errors for wrong argument types", function()
    assert.has_error(function() tact.detect_language(42) end)
    assert.has_error(function() tact.detect_language() end)
    assert.has_error(function() tact.new(42) end)
    assert.has_error(function() tact.new { builtin = "no" } end)
    assert.has_error(function() tact.new { bultin = false } end)
  end)
end)

describe("a checker", function()
  it("holds the built-in packs unless asked not to", function()
    assert.is_true(#tact.new() > 0)
    assert.are.equal(0, #tact.new { builtin = false })
    assert.are.equal(0, #tact.new { builtin = false }:rules())
  end)

  it("is a userdata with a protected metatable", function()
    local c = tact.new { builtin = false }
    assert.are.equal("userdata", type(c))
    assert.are.equal("tact.checker", getmetatable(c))
    assert.matches("^tact%.checker %(0 rules%)", tostring(c))
  end)

  it("adds packs from strings and files, and returns itself", function()
    local c = tact.new { builtin = false }
    assert.are.equal(c, c:add_pack_string(fixture, "fixture.yaml"))
    assert.are.equal(3, #c)
    local d = tact.new { builtin = false }
    assert.are.equal(d, d:add_pack(fixture_path))
    assert.are.equal(3, #d)
  end)

  it("refuses a bad pack with nil, message, code, line and stays as it was", function()
    local c = fixture_checker()
    local ok, msg, code, line = c:add_pack_string(
      "pack: x\nlanguage: ru\nrules:\n  - id: ru.x.y\n    category: contrast\n" ..
      "    severity: warning\n    message: m\n    explanation: e\n" ..
      "    patterns: ['(unclosed']\n", "broken.yaml")
    assert.is_nil(ok)
    assert.matches("broken.yaml", msg, 1, true)
    assert.are.equal("EPACK", code)
    assert.is_number(line)
    assert.are.equal(3, #c)
    -- The same pack twice: duplicate ids.
    ok, msg, code = c:add_pack_string(fixture, "again.yaml")
    assert.is_nil(ok)
    assert.are.equal("EPACK", code)
    assert.are.equal(3, #c)
  end)

  it("reports a missing pack file", function()
    local ok, msg, code = tact.new { builtin = false }:add_pack(here .. "/no-such-pack.yaml")
    assert.is_nil(ok)
    assert.is_string(msg)
    assert.are.equal("EIO", code)
  end)

  it("raises errors for misuse", function()
    local c = fixture_checker()
    assert.has_error(function() c:add_pack(42) end)
    assert.has_error(function() c:add_pack("a\0b") end)
    assert.has_error(function() c:add_pack_string({}) end)
    assert.has_error(function() c:add_pack_string("x", 42) end)
    assert.has_error(function() c:check() end)
    assert.has_error(function() c:check(42) end)
    assert.has_error(function() c.check("text") end)
    assert.has_error(function() c:check("text", "ru") end)
    assert.has_error(function() c:check("text", { lnag = "ru" }) end)
    assert.has_error(function() c:check("text", { lang = 7 }) end)
    assert.has_error(function() c:check("text", { min_severity = "fatal" }) end)
    assert.has_error(function() c:check("text", { min_severity = 7 }) end)
    assert.has_error(function() c:check("text", { english = 1 }) end)
    assert.has_error(function() c:check("text", { enable = { 1, 2 } }) end)
    assert.has_error(function() c:check("text", { [1] = "x" }) end)
    assert.has_error(function() c:rewrite("text", { disable = true }) end)
    assert.has_error(function() c:rules { english = "yes" } end)
    assert.has_error(function() c:rules { inglish = true } end)
    assert.has_error(function() tact.new().check(fixture_checker, "x") end)
  end)

  it("can be closed early, after which using it is an error", function()
    local c = fixture_checker()
    c:close()
    c:close()
    assert.are.equal(0, #c)
    assert.are.equal("tact.checker (closed)", tostring(c))
    assert.has_error(function() c:check("Хорошо, но дорого.") end, nil)
    local ok, err = pcall(c.check, c, "Хорошо, но дорого.")
    assert.is_false(ok)
    assert.matches("closed", err)
  end)

  if _VERSION == "Lua 5.4" then
    it("is closed by a to-be-closed variable (Lua 5.4)", function()
      local kept
      local chunk = assert(load([[
        local tact, fixture, keep = ...
        local c <close> = tact.new { builtin = false }
        c:add_pack_string(fixture)
        keep(c)
        assert(#c == 3)
      ]]))
      chunk(tact, fixture, function(c) kept = c end)
      assert.are.equal(0, #kept)
      assert.has_error(function() kept:check("x") end)
    end)
  end
end)

describe("checker:check", function()
  local c = fixture_checker()

  it("returns findings with 1-based inclusive spans that string.sub takes", function()
    local findings, lang, partial = c:check(DESIGN)
    assert.are.equal("ru", lang)
    assert.is_false(partial)
    assert.are.equal(2, #findings)
    local no, must = findings[1], findings[2]
    assert.are.equal("ru.contrast.no", no.rule)
    assert.are.equal("contrast", no.category)
    assert.are.equal("warning", no.severity)
    assert.are.equal("но", no.match)
    assert.are.equal("но", DESIGN:sub(no.start, no.stop))
    assert.are.equal(#"Товар хороший, " + 1, no.start)
    assert.are.equal(cp_len("Товар хороший, ") + 1, no.cp_start)
    assert.are.equal(no.cp_start + 1, no.cp_stop)
    assert.are.equal(1, no.line)
    assert.are.equal(no.cp_start, no.column)
    assert.are.same({ "однако", "а" }, no.suggestions)
    assert.are.equal("«Но» перечёркивает сказанное.", no.message)
    assert.is_string(no.explanation)

    assert.are.equal("ru.obligation.must", must.rule)
    assert.are.equal("error", must.severity)
    assert.are.equal("Вы должны заполнить форму.", must.match)
    assert.are.equal(must.match, DESIGN:sub(must.start, must.stop))
    assert.are.equal(#DESIGN, must.stop)
    assert.are.equal(cp_len(DESIGN), must.cp_stop)
    assert.are.same({ "Не могли бы Вы заполнить форму?" }, must.suggestions)
  end)

  it("gives an empty suggestion list to a rule that only reports", function()
    local findings = c:check("Вы уверены?")
    assert.are.equal(1, #findings)
    assert.are.equal("hint", findings[1].severity)
    assert.are.same({}, findings[1].suggestions)
  end)

  it("counts lines and columns", function()
    local text = "Здравствуйте!\nХорошо, но дорого."
    local f = c:check(text)[1]
    assert.are.equal(2, f.line)
    assert.are.equal(cp_len("Хорошо, ") + 1, f.column)
    assert.are.equal("но", text:sub(f.start, f.stop))
  end)

  it("finds nothing in clean or empty text", function()
    assert.are.same({}, (c:check("Спасибо, заказ уже в пути.")))
    assert.are.same({}, (c:check("")))
    assert.are.same({}, (c:check("Оно новое. Не только быстро, но и дёшево.")))
  end)

  it("takes text with embedded zeros", function()
    local text = "a\0b, но c."
    local f = c:check(text, { lang = "ru" })[1]
    assert.are.equal("но", text:sub(f.start, f.stop))
  end)

  it("honours lang, min_severity, enable, disable and english", function()
    local function rules(findings)
      local ids = {}
      for i, f in ipairs(findings) do ids[i] = f.rule end
      return ids
    end
    local text = DESIGN .. " Вы уверены?"
    assert.are.equal(3, #c:check(text))
    assert.are.equal(3, #c:check(text, { lang = "ru", min_severity = "hint" }))
    assert.are.same({ "ru.contrast.no", "ru.obligation.must" },
      rules(c:check(text, { min_severity = "warning" })))
    assert.are.same({ "ru.obligation.must" }, rules(c:check(text, { min_severity = 2 })))
    assert.are.same({ "ru.contrast.no" }, rules(c:check(text, { enable = "contrast" })))
    assert.are.same({ "ru.contrast.no", "ru.doubt.sure" },
      rules(c:check(text, { enable = { "contrast", "ru.doubt.*" } })))
    assert.are.same({ "ru.doubt.sure" },
      rules(c:check(text, { disable = { "contrast", "obligation" } })))
    assert.are.same({}, c:check(text, { enable = "contrast", disable = "ru.contrast.no" }))
    local en = c:check(text, { english = true })
    assert.are.equal("«но» cancels what came before.", en[1].message)
    assert.are.equal("Ask instead of ordering.", en[2].explanation)
    local _, lang = c:check("Hello, but why?", { lang = "auto" })
    assert.are.equal("en", lang)
  end)

  it("returns nil, message, code for bad input", function()
    local f, msg, code, pos = c:check("Хорошо,\255 но")
    assert.is_nil(f)
    assert.is_string(msg)
    assert.are.equal("EUTF8", code)
    assert.are.equal(#"Хорошо," + 1, pos)
    f, msg, code = c:check("Hello", { lang = "xx" })
    assert.is_nil(f)
    assert.is_string(msg)
    assert.are.equal("ENOTFOUND", code)
  end)
end)

describe("checker:rewrite", function()
  local c = fixture_checker()

  it("applies the first suggestions (the DESIGN example)", function()
    assert.are.equal(DESIGN_FIXED, c:rewrite(DESIGN))
    assert.are.equal(DESIGN_FIXED, c:rewrite(DESIGN_FIXED))
    assert.are.equal("НО", c:check("НО почему?")[1].match)
    assert.are.equal("ОДНАКО почему?", c:rewrite("НО почему?"))
  end)

  it("keeps text outside findings byte for byte and honours options", function()
    local text = "Хорошо,  но\tдорого.\n> Вы должны."
    assert.are.equal("Хорошо,  однако\tдорого.\n> Вы должны.", c:rewrite(text))
    assert.are.equal(text, c:rewrite(text, { disable = "contrast" }))
  end)

  it("returns nil, message, code for bad input", function()
    local s, msg, code, pos = c:rewrite("но\192")
    assert.is_nil(s)
    assert.is_string(msg)
    assert.are.equal("EUTF8", code)
    assert.are.equal(#"но" + 1, pos)
  end)
end)

describe("checker:rules", function()
  it("lists rules in load order with their fields and examples", function()
    local rules = fixture_checker():rules()
    assert.are.equal(3, #rules)
    local r = rules[1]
    assert.are.equal("ru.contrast.no", r.id)
    assert.are.equal("contrast", r.category)
    assert.are.equal("ru", r.language)
    assert.are.equal("lua-fixture", r.pack)
    assert.are.equal("warning", r.severity)
    assert.are.equal("«Но» перечёркивает сказанное.", r.message)
    assert.are.equal(1, r.triggers)
    assert.are.same({ { text = "Хорошо, но дорого.", fix = "Хорошо, однако дорого." } },
      r.examples.bad)
    assert.are.same({ "Оно новое.", "Не только быстро, но и дёшево." }, r.examples.good)
    assert.are.same({ { text = "Вы уверены?" } }, rules[3].examples.bad)
    assert.are.equal("«но» cancels what came before.",
      fixture_checker():rules { english = true }[1].message)
  end)

  it("lets a pack prove itself from Lua", function()
    local c = fixture_checker()
    for _, r in ipairs(c:rules()) do
      local only = { enable = r.id, lang = r.language }
      for _, ex in ipairs(r.examples.bad) do
        assert.is_true(#c:check(ex.text, only) > 0, ex.text)
        if ex.fix then assert.are.equal(ex.fix, c:rewrite(ex.text, only)) end
      end
      for _, text in ipairs(r.examples.good) do
        assert.are.same({}, c:check(text, only), text)
      end
    end
  end)
end)

describe("coaching", function()
  local c = coaching_checker()
  local ru = { lang = "ru" }

  it("gives every check a score and its losses, invisible to #, ipairs, pairs and next", function()
    local clean = c:check("Спасибо, заказ уже в пути.")
    assert.are.equal(0, #clean)
    assert.is_nil(next(clean))
    assert.are.same({}, clean)
    assert.are.equal(100, clean.score)
    assert.are.same({}, clean.lost)
    local f = c:check(DESIGN)
    assert.are.equal(2, #f)
    local keys = 0
    for _ in pairs(f) do keys = keys + 1 end
    assert.are.equal(2, keys)
    assert.are.equal(100 - 8 - 15, f.score)
    assert.are.same({ contrast = 8, obligation = 15 }, f.lost)
    -- Hidden findings cost nothing; the fixture pack alone has no coaching
    -- data but a score all the same.
    assert.are.equal(100 - 15, c:check(DESIGN, { min_severity = "error" }).score)
    assert.are.equal(77, fixture_checker():check(DESIGN).score)
    -- A category loses at most 40 points.
    local many = c:check(("Вы должны прийти. "):rep(5))
    assert.are.equal(5, #many)
    assert.are.same({ obligation = 40 }, many.lost)
    assert.are.equal(60, many.score)
  end)

  it("gives the vocabulary profile and, with an age, hints toward the client's band", function()
    local text = "Это дешевый и надежный вариант, а цена ниже."
    local plain = c:check(text, ru)
    assert.are.same({}, plain)
    assert.is_nil(plain.band)
    assert.are.same({
      { band = "60+", hits = 2, words = { "дешевый", "цена" } },
      { band = "40-60", hits = 1, words = { "надежный" } },
      { band = "25-40", hits = 0, words = {} },
      { band = "<25", hits = 0, words = {} },
    }, plain.profile)

    local young = c:check(text, { lang = "ru", age = 22 })
    assert.are.equal("<25", young.band)
    assert.are.same({ "ru.vocabulary.cheap", "ru.vocabulary.reliable", "ru.vocabulary.price" },
      ids(young))
    for _, f in ipairs(young) do
      assert.are.equal("vocabulary", f.category)
      assert.are.equal("hint", f.severity)
      assert.are.equal(f.match, text:sub(f.start, f.stop))
      assert.are.same({ "стильный", "новый" }, f.suggestions)
    end
    assert.matches("клиенту 22 ближе: стильный, новый", young[1].message, 1, true)
    assert.are.same({ vocabulary = 9 }, young.lost)
    assert.are.equal(91, young.score)

    -- The client's own band is no hint; English hints with english = true.
    local old = c:check(text, { lang = "ru", age = 70, english = true })
    assert.are.equal("60+", old.band)
    assert.are.same({ "ru.vocabulary.reliable" }, ids(old))
    assert.are.equal("«надежный» is for 40-60 (health); a client of 70 prefers: дешевый, цена",
      old[1].message)
    assert.are.same({}, c:check("Стильный и новый.", { lang = "ru", age = 18 }))
  end)

  it("says whether the reply addresses the client by name, in any declined form", function()
    assert.is_nil(c:check("Добрый день!", ru).name)
    for _, text in ipairs({
      "Анна, добрый день! Заказ отправлен.",
      "Добрый день, Анна!",
      "Анне мы уже всё отправили.",
      "Спасибо, Анну ждёт подарок.",
      "Рады помочь Анной.",
    }) do
      local f = c:check(text, { lang = "ru", name = "Анна" })
      assert.are.equal("addressed", f.name, text)
      assert.is_nil(finding(f, "ru.name.missing"), text)
    end
    local f = c:check("Добрый день! Заказ отправлен.", { lang = "ru", name = "Анна" })
    assert.are.equal("missing", f.name)
    local hint = finding(f, "ru.name.missing")
    assert.are.equal("name", hint.category)
    assert.are.equal("hint", hint.severity)
    assert.are.same({ "Анна, добрый день!" }, hint.suggestions)
    assert.are.equal(1, hint.start)
    assert.are.equal(97, f.score)
    -- Every word of the name counts: Ольга Викторовна -> «Ольге Викторовне».
    assert.are.equal("addressed", c:check("Ольге Викторовне отправили письмо.",
      { lang = "ru", name = "Ольга Викторовна" }).name)
    assert.are.equal("missing", c:check("Игорь, письмо отправлено.",
      { lang = "ru", name = "Ольга" }).name)
  end)

  it("asks for empathy with an upset customer, and a next step", function()
    local upset = "Это безобразие, заказа опять нет!"
    local f = c:check("Курьер привезёт заказ завтра.", { lang = "ru", customer = upset })
    assert.are.same({ "ru.empathy.missing" }, ids(f))
    assert.are.equal("warning", f[1].severity)
    assert.are.equal("empathy", f[1].category)
    assert.are.same({ "Понимаю Ваше раздражение." }, f[1].suggestions)
    assert.are.same({ empathy = 8 }, f.lost)
    -- Acknowledgement and a next step: nothing to say.
    local good = c:check("Понимаю Ваше раздражение. Курьер привезёт заказ завтра.",
      { lang = "ru", customer = upset })
    assert.are.same({}, good)
    assert.are.equal(100, good.score)
    -- Acknowledgement without a next step: the solution is missing, at the
    -- last sentence.
    local text = "Понимаю Ваше раздражение. Разберёмся."
    f = c:check(text, { lang = "ru", customer = upset })
    assert.are.same({ "ru.solution.missing" }, ids(f))
    assert.are.equal("Разберёмся.", text:sub(f[1].start, f[1].stop))
    -- A calm customer needs no empathy; capitals are upset.
    assert.are.same({}, c:check("Курьер привезёт заказ завтра.",
      { lang = "ru", customer = "Где мой заказ?" }))
    assert.are.same({ "ru.empathy.missing" }, ids(c:check("Курьер привезёт заказ завтра.",
      { lang = "ru", customer = "ГДЕ МОЙ ЗАКАЗ Я ЖДУ УЖЕ НЕДЕЛЮ" })))
    -- Without a customer message, neither check runs.
    assert.are.same({}, c:check("Разберёмся.", ru))
  end)

  it("asks for an apology after a long wait", function()
    local f = c:check("Заказ отправлен.", { lang = "ru", wait = 3600 })
    assert.are.same({ "ru.wait.no-apology" }, ids(f))
    assert.are.same({ "Извините за долгое ожидание." }, f[1].suggestions)
    assert.are.same({}, c:check("Извините за ожидание. Заказ отправлен.",
      { lang = "ru", wait = 3600 }))
    assert.are.same({}, c:check("Заказ отправлен.", { lang = "ru", wait = 599 }))
    assert.are.equal(1, #c:check("Заказ отправлен.", { lang = "ru", wait = 600.5 }))
  end)

  it("counts open and closed questions, and hints when discovery gets only closed ones", function()
    local text = "Вам нужен ноутбук? Для работы?"
    local f = c:check(text, { lang = "ru", discovery = true })
    assert.are.same({ "ru.questions.closed-only" }, ids(f))
    assert.are.equal("Вам нужен ноутбук?", text:sub(f[1].start, f[1].stop))
    assert.are.equal(2, f.questions.closed)
    assert.are.equal(0, f.questions.open)
    assert.are.equal(2, #f.questions.list)
    local q = f.questions.list[1]
    assert.are.equal("closed", q.kind)
    assert.are.equal("Вам нужен ноутбук?", text:sub(q.start, q.stop))
    assert.are.equal("Для работы?", text:sub(f.questions.list[2].start, f.questions.list[2].stop))
    -- Without discovery the questions are counted, no hint; a customer
    -- asking for advice is discovery too.
    local plain = c:check(text, ru)
    assert.are.same({}, plain)
    assert.are.equal(2, plain.questions.closed)
    assert.are.same({ "ru.questions.closed-only" },
      ids(c:check(text, { lang = "ru", customer = "Посоветуйте ноутбук.", enable = "questions" })))
    -- One open question is enough.
    text = "Что для Вас важнее? Вам нужен ноутбук?"
    f = c:check(text, { lang = "ru", discovery = true })
    assert.are.same({}, f)
    assert.are.equal(1, f.questions.open)
    assert.are.equal(1, f.questions.closed)
    assert.are.equal("open", f.questions.list[1].kind)
    assert.are.equal("Что для Вас важнее?", text:sub(f.questions.list[1].start, f.questions.list[1].stop))
    -- No coaching data for the language: no questions counted.
    assert.are.same({ open = 0, closed = 0, list = {} }, fixture_checker():check(text).questions)
  end)

  it("adds the losses of everything into one score", function()
    local f = c:check("Это дешевый вариант, но дорого. Вам удобно?", {
      lang = "ru", age = 22, name = "Анна", customer = "Это безобразие!", wait = 3600,
      discovery = true })
    assert.are.same({ contrast = 8, empathy = 8, solution = 8, name = 3, wait = 3,
                      questions = 3, vocabulary = 3 }, f.lost)
    assert.are.equal(100 - 36, f.score)
    assert.are.equal("missing", f.name)
    assert.are.equal("<25", f.band)
    -- rewrite() never applies coaching suggestions.
    assert.are.equal("Это дешевый вариант, однако дорого. Вам удобно?",
      c:rewrite("Это дешевый вариант, но дорого. Вам удобно?", {
        lang = "ru", age = 22, name = "Анна", customer = "Это безобразие!" }))
  end)

  it("leaves the report fields out with fields = false", function()
    local full = c:check(DESIGN)
    local lean, lang, partial = c:check(DESIGN, { fields = false })
    assert.is_nil(getmetatable(lean))
    assert.is_nil(lean.score)
    assert.are.equal("ru", lang)
    assert.is_false(partial)
    assert.are.same(full, lean)
    assert.are.equal(2, #lean)
    assert.are.equal(full.score, c:check(DESIGN, { fields = true }).score)
    assert.is_not_nil(getmetatable(c:check(DESIGN, { fields = true })))
    assert.has_error(function() c:check(DESIGN, { fields = 0 }) end)
    assert.has_error(function() c:check(DESIGN, { fields = "no" }) end)
    -- rewrite takes the option and has no use for it.
    assert.are.equal(c:rewrite(DESIGN), c:rewrite(DESIGN, { fields = false }))
  end)

  it("checks the types of the coaching options", function()
    for _, bad in ipairs({
      { age = "30" }, { age = -1 }, { age = 30.5 }, { age = 0 / 0 },
      { name = 42 }, { name = "Ан\0на" }, { customer = 42 }, { customer = true },
      { wait = "1h" }, { wait = -5 }, { wait = 0 / 0 }, { discovery = 1 },
      { client_name = "Анна" }, { wait_seconds = 10 },
    }) do
      assert.has_error(function() c:check("Текст.", bad) end)
      assert.has_error(function() c:rewrite("Текст.", bad) end)
    end
  end)

  it("returns nil, message, code for a bad coaching context", function()
    local f, msg, code = c:check("Текст.", { age = 151 })
    assert.is_nil(f)
    assert.matches("age", msg)
    assert.are.equal("EINVAL", code)
    f, msg, code = c:check("Текст.", { customer = "плохо\255" })
    assert.is_nil(f)
    assert.matches("customer", msg)
    assert.are.equal("EUTF8", code)
    f, msg, code = c:check("Текст.", { name = "\192" })
    assert.is_nil(f)
    assert.are.equal("EUTF8", code)
  end)

  it("lists the coaching rules with their categories and example contexts", function()
    local by_id = {}
    for _, r in ipairs(c:rules()) do by_id[r.id] = r end
    for id, cat in pairs({
      ["ru.name.missing"] = "name", ["ru.empathy.missing"] = "empathy",
      ["ru.solution.missing"] = "solution", ["ru.wait.no-apology"] = "wait",
      ["ru.questions.closed-only"] = "questions", ["ru.vocabulary.cheap"] = "vocabulary",
    }) do
      assert.is_table(by_id[id], id)
      assert.are.equal(cat, by_id[id].category)
      assert.are.equal("lua-coaching", by_id[id].pack)
    end
    assert.are.equal(3 + 6 + 5, #c)
    local name = by_id["ru.name.missing"].examples
    assert.are.same({ { text = "Добрый день! Заказ отправлен.", options = { name = "Анна" } } },
      name.bad)
    assert.are.same({ "Анна, добрый день! Заказ отправлен." }, name.good)
    assert.are.same({ { name = "Анна" } }, name.good_options)
    local wait = by_id["ru.wait.no-apology"].examples
    assert.are.same({ { wait = 3600 }, { wait = 60 } }, wait.good_options)
    assert.are.same({ discovery = true }, by_id["ru.questions.closed-only"].examples.bad[1].options)
    assert.are.same({ customer = "Посоветуйте ноутбук." },
      by_id["ru.questions.closed-only"].examples.bad[2].options)
    -- Phrase rules carry no context.
    assert.is_nil(by_id["ru.contrast.no"].examples.bad[1].options)
    assert.are.same({}, by_id["ru.contrast.no"].examples.good_options)
  end)

  it("replays every example in its context, as tact test-pack does", function()
    local n = 0
    for _, r in ipairs(c:rules()) do
      local only = { enable = r.id, lang = r.language }
      for _, ex in ipairs(r.examples.bad) do
        local f = c:check(ex.text, with(only, ex.options))
        assert.are.equal(r.id, f[1] and f[1].rule, ex.text)
        n = n + 1
      end
      for i, text in ipairs(r.examples.good) do
        assert.are.same({}, c:check(text, with(only, r.examples.good_options[i])), text)
        n = n + 1
      end
    end
    assert.are.equal(7 + 12, n) -- the phrase rules' examples and the coaching ones
  end)
end)

describe("vocabulary and bands", function()
  local c = coaching_checker()

  it("gives the band of an age", function()
    assert.are.same({ name = "<25", theme = "новизна", theme_en = "novelty", min_age = 0,
                      max_age = 24, words = { "стильный", "новый" } }, c:vocabulary("ru", 22))
    assert.are.equal("60+", c:vocabulary("ru", 60).name)
    assert.are.equal("40-60", c:vocabulary("ru", 59).name)
    assert.are.equal("25-40", c:vocabulary("ru", 25).name)
  end)

  it("returns nil, message, code when no band covers the age or the language has none", function()
    local band, msg, code = c:vocabulary("ru", 151)
    assert.is_nil(band)
    assert.matches("151", msg)
    assert.are.equal("ENOTFOUND", code)
    band, msg, code = c:vocabulary("ru", -1)
    assert.is_nil(band)
    assert.are.equal("ENOTFOUND", code)
    band, msg, code = c:vocabulary("en", 30)
    assert.is_nil(band)
    assert.matches("en", msg)
    assert.are.equal("ENOTFOUND", code)
    assert.is_nil(fixture_checker():vocabulary("ru", 30))
  end)

  it("lists the bands of a language in pack order", function()
    local names = {}
    for i, b in ipairs(c:bands("ru")) do
      names[i] = b.name
      assert.is_string(b.theme)
      assert.is_true(#b.words > 0)
    end
    assert.are.same({ "60+", "40-60", "25-40", "<25" }, names)
    assert.are.same({}, c:bands("en"))
    assert.are.same({}, fixture_checker():bands("ru"))
  end)

  it("raises errors for misuse", function()
    assert.has_error(function() c:vocabulary() end)
    assert.has_error(function() c:vocabulary("ru") end)
    assert.has_error(function() c:vocabulary("ru", "thirty") end)
    assert.has_error(function() c:vocabulary(42, 30) end)
    assert.has_error(function() c:vocabulary("r\0u", 30) end)
    assert.has_error(function() c:bands() end)
    assert.has_error(function() c:bands(42) end)
    assert.has_error(function() tact.vocabulary("ru") end)
    assert.has_error(function() tact.bands() end)
    local closed = coaching_checker()
    closed:close()
    assert.has_error(function() closed:vocabulary("ru", 30) end)
    assert.has_error(function() closed:bands("ru") end)
  end)

  it("works on the built-in packs from the module", function()
    local b = tact.vocabulary("ru", 65)
    assert.are.equal("60+", b.name)
    assert.are.equal("value", b.theme_en)
    assert.is_true(b.min_age <= 65 and 65 <= b.max_age)
    local builtin = tact.new()
    for _, lang in ipairs({ "ru", "ro", "kk", "en" }) do
      assert.are.equal(4, #tact.bands(lang), lang)
      assert.are.equal(builtin:vocabulary(lang, 30).name, tact.vocabulary(lang, 30).name)
    end
    assert.are.same({}, tact.bands("xx"))
    local none, _, code = tact.vocabulary("xx", 30)
    assert.is_nil(none)
    assert.are.equal("ENOTFOUND", code)
  end)
end)

describe("the built-in packs", function()
  it("fix the DESIGN example", function()
    local c = tact.new()
    local opts = { lang = "ru", enable = "contrast,obligation" }
    assert.are.equal(DESIGN_FIXED, c:rewrite(DESIGN, opts))
    local cats = {}
    for _, f in ipairs(c:check(DESIGN, opts)) do cats[f.category] = f.match end
    assert.are.equal("но", cats.contrast)
    assert.are.equal("ru", (select(2, c:check(DESIGN))))
  end)
end)

describe("memory", function()
  it("is released by the garbage collector", function()
    collectgarbage("collect")
    local before = collectgarbage("count")
    for _ = 1, 200 do
      local c = fixture_checker()
      c:check(DESIGN)
      c:rewrite(DESIGN)
      c:rules()
      c:check("\255")
      c:add_pack_string("{", "bad")
    end
    collectgarbage("collect")
    collectgarbage("collect")
    assert.is_true(collectgarbage("count") < before + 64,
      ("Lua heap grew from %.0f to %.0f KiB"):format(before, collectgarbage("count")))
  end)

  it("stays right when finalizers use the checker while it converts a result", function()
    -- With the collector always running, finalizers run inside the
    -- allocations that build the findings, and call the same checker.
    local c = fixture_checker()
    local inside, nested, wrong = false, 0, 0
    local function finalizer()
      if inside then nested = nested + 1 end
      local f = c:check(DESIGN)
      if not f or #f ~= 2 or f[2].match ~= "Вы должны заполнить форму." then wrong = wrong + 1 end
      if c:rewrite(DESIGN) ~= DESIGN_FIXED then wrong = wrong + 1 end
    end
    local function garbage()
      if newproxy then -- Lua 5.1, LuaJIT: only userdata have __gc
        local p = newproxy(true)
        getmetatable(p).__gc = finalizer
      else
        setmetatable({}, { __gc = finalizer })
      end
    end
    local pause = collectgarbage("setpause", 0)
    local stepmul = collectgarbage("setstepmul", 1000)
    -- Where the collector's steps fall depends on the interpreter's hash
    -- seed, so in a rare run every finalizer of one step size runs
    -- between the calls: another step size is then tried.
    for _, mul in ipairs({ 1000, 200, 5000, 50 }) do
      collectgarbage("setstepmul", mul)
      for i = 1, 2000 do -- until some finalizers have run nested
        if nested >= 5 and i > 50 then break end
        -- A count that varies keeps the collector from falling into step
        -- with the loop, its finalizers always run between the calls.
        for _ = 1, 3 + i % 5 do garbage() end
        inside = true
        local f = c:check(DESIGN)
        local fixed = c:rewrite(DESIGN)
        inside = false
        assert.are.equal(2, #f)
        assert.are.equal("но", f[1].match)
        assert.are.equal(DESIGN_FIXED, fixed)
      end
      if nested > 0 then break end
    end
    collectgarbage("collect")
    collectgarbage("setpause", pause)
    collectgarbage("setstepmul", stepmul)
    assert.are.equal(0, wrong)
    assert.is_true(nested > 0, "no finalizer ran during a conversion")
  end)

  it("survives errors raised in the middle of a call", function()
    local c = fixture_checker()
    for _ = 1, 100 do
      assert.is_false(pcall(c.check, c, DESIGN, { lang = "ru", min_severity = "x" }))
      assert.is_false(pcall(c.rewrite, c, DESIGN, { enable = { "a", false } }))
    end
    assert.are.equal(2, #c:check(DESIGN))
  end)
end)
