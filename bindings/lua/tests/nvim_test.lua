-- Test of the Neovim plugin (plugins/nvim), run by nvim_test.sh in
-- `nvim --headless` (LuaJIT: the module's 5.1 build). Prints one line per
-- check; exits 0 when all pass, 1 otherwise.
local failures = 0
local function out(s) io.stdout:write(s, "\n") end
local function check(cond, what)
  out((cond and "ok     " or "FAILED ") .. what)
  if not cond then failures = failures + 1 end
end

local ok, err = pcall(function()
  local notes = {}
  vim.notify = function(msg, level) notes[#notes + 1] = { msg = msg, level = level } end

  local tests = os.getenv("TACT_LUA_TESTS")
  vim.cmd("runtime! plugin/tact.lua")
  local tact = require("tact_nvim")
  tact.setup { cpath = os.getenv("TACT_LUA_CPATH"), builtin = false,
               packs = { tests .. "/fixture.yaml" }, debounce = 20 }
  check(vim.fn.exists(":TactLint") == 2, "the plugin defines :TactLint")

  local buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, {
    "Здравствуйте!",
    "Товар хороший, но дорогой. Вы должны заполнить форму.",
  })
  vim.cmd("TactLint")
  local diags = vim.diagnostic.get(buf, { namespace = tact.namespace })
  table.sort(diags, function(a, b) return a.col < b.col end)
  check(#diags == 2, ":TactLint sets 2 diagnostics (got " .. #diags .. ")")
  local line = vim.api.nvim_buf_get_lines(buf, 1, 2, false)[1]
  local no, must = diags[1], diags[2]
  check(no.code == "ru.contrast.no" and no.lnum == 1 and
        line:sub(no.col + 1, no.end_col) == "но",
        "the «но» diagnostic spans exactly «но» on line 2")
  check(no.severity == vim.diagnostic.severity.WARN and no.source == "tact",
        "a warning finding is a WARN diagnostic from source tact")
  check(must.code == "ru.obligation.must" and must.severity == vim.diagnostic.severity.ERROR and
        line:sub(must.col + 1, must.end_col) == "Вы должны заполнить форму.",
        "the order is an ERROR diagnostic over the sentence")
  for _, d in ipairs(diags) do out("  " .. vim.inspect({ lnum = d.lnum, col = d.col, end_col = d.end_col,
    severity = d.severity, code = d.code, message = d.message })) end

  -- :TactFix on «но»: the first suggestion, or one picked from several.
  vim.api.nvim_win_set_cursor(0, { 2, no.col + 1 })
  local picked
  vim.ui.select = function(items, opts, on_choice)
    picked = items
    on_choice(items[2])
  end
  vim.cmd("TactFix")
  check(picked and #picked == 3 and picked[1].title == "Replace with «однако»",
        ":TactFix offers the suggestions and a whole-buffer rewrite")
  check(vim.api.nvim_buf_get_lines(buf, 1, 2, false)[1] ==
        "Товар хороший, а дорогой. Вы должны заполнить форму.",
        ":TactFix applies the picked suggestion")
  local fixed_line = vim.api.nvim_buf_get_lines(buf, 1, 2, false)[1]
  vim.api.nvim_win_set_cursor(0, { 2, (fixed_line:find("должны", 1, true)) })
  local explained = tact.explain()
  check(explained and explained:find("Просьба вместо приказа", 1, true) ~= nil,
        ":TactExplain gives the explanation")
  vim.cmd("TactFix 1")
  check(vim.api.nvim_buf_get_lines(buf, 1, 2, false)[1] ==
        "Товар хороший, а дорогой. Не могли бы Вы заполнить форму?",
        ":TactFix 1 applies the first suggestion")
  check(#vim.diagnostic.get(buf, { namespace = tact.namespace }) == 0,
        "the buffer is linted again after a fix: no finding left")

  -- :TactFixAll rewrites the whole buffer (the DESIGN example).
  vim.api.nvim_buf_set_lines(buf, 0, -1, false,
    { "Товар хороший, но дорогой.", "Вы должны заполнить форму." })
  vim.cmd("TactFixAll")
  check(table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") ==
        "Товар хороший, однако дорогой.\nНе могли бы Вы заполнить форму?",
        ":TactFixAll applies every first suggestion")

  -- Invalid UTF-8: a warning, no diagnostics, no crash.
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, { "Но \255" })
  notes = {}
  vim.cmd("TactLint")
  check(#vim.diagnostic.get(buf, { namespace = tact.namespace }) == 0 and #notes == 1 and
        notes[1].msg:find("UTF-8", 1, true) ~= nil,
        "invalid UTF-8 gives a warning, not diagnostics: " .. (notes[1] and notes[1].msg or "none"))

  -- A chat draft is linted as it is typed.
  vim.cmd("TactDraft")
  local draft = vim.api.nvim_get_current_buf()
  check(draft ~= buf and vim.bo[draft].filetype == "tactdraft", ":TactDraft opens a draft buffer")
  vim.api.nvim_buf_set_lines(draft, 0, -1, false, { "Вы уверены?" })
  check(vim.wait(3000, function()
    return #vim.diagnostic.get(draft, { namespace = tact.namespace }) == 1
  end, 10), "the draft is linted after a change")
  vim.api.nvim_buf_set_lines(draft, 0, -1, false, { "Спасибо, заказ уже в пути." })
  check(vim.wait(3000, function()
    return #vim.diagnostic.get(draft, { namespace = tact.namespace }) == 0
  end, 10), "the draft's diagnostics follow the text")
end)
if not ok then
  out("ERROR " .. tostring(err))
  failures = failures + 1
end
out(failures == 0 and "all checks passed" or (failures .. " check(s) failed"))
io.stdout:flush()
vim.cmd(failures == 0 and "qall!" or "cquit 1")
