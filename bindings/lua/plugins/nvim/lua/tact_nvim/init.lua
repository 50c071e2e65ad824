-- tact.nvim: lint what you write to customers with tact, through
-- vim.diagnostic, and apply its suggestions (docs/lua.md).
--
--   require("tact_nvim").setup {
--     cpath = "/usr/lib/x86_64-linux-gnu/lua/5.1/?.so", -- the 5.1 build (LuaJIT)
--     lang = "auto", min_severity = "hint", english = false,
--     builtin = true, packs = { "~/acme.yaml" },
--     filetypes = { "mail", "tactdraft" },  -- lint these as you type
--   }
--
-- Commands (plugin/tact.lua): :TactLint, :TactClear, :TactFix [N] (the
-- finding under the cursor: its Nth suggestion, or pick one), :TactFixAll,
-- :TactExplain, :TactAuto [on|off], :TactDraft (a scratch chat draft).
-- Neovim 0.7 has no in-process language server, so the code actions are
-- these commands; :TactFix offers the suggestions with vim.ui.select.
local M = {}

local config = {
  cpath = nil,
  lang = "auto",
  min_severity = "hint",
  english = false,
  enable = nil,
  disable = nil,
  builtin = true,
  packs = {},
  filetypes = { "tactdraft" },
  debounce = 200, -- ms between a change and the lint of auto buffers
}

local ns = vim.api.nvim_create_namespace("tact")
local tact, checker
local auto = {} -- bufnr -> true while linted on change

local severities = {
  error = vim.diagnostic.severity.ERROR,
  warning = vim.diagnostic.severity.WARN,
  hint = vim.diagnostic.severity.HINT,
}

local function notify(msg, level)
  vim.notify("tact: " .. msg, level or vim.log.levels.INFO)
end

local function get_checker()
  if checker then return checker end
  if config.cpath and not package.cpath:find(config.cpath, 1, true) then
    package.cpath = config.cpath .. ";" .. package.cpath
  end
  local ok, mod = pcall(require, "tact")
  if not ok then
    notify("cannot load the tact module (set cpath to its Lua 5.1 build): " .. mod,
      vim.log.levels.ERROR)
    return nil
  end
  tact = mod
  local c, err = tact.new { builtin = config.builtin }
  if not c then
    notify(err, vim.log.levels.ERROR)
    return nil
  end
  for _, path in ipairs(config.packs) do
    local added, msg = c:add_pack(vim.fn.expand(path))
    if not added then notify(msg, vim.log.levels.ERROR) end
  end
  checker = c
  return c
end

local function check_options()
  return { lang = config.lang, min_severity = config.min_severity,
           english = config.english, enable = config.enable, disable = config.disable }
end

-- The buffer as one string, and the byte offset where each line starts.
local function buffer_text(bufnr)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local starts, pos = {}, 0
  for i, line in ipairs(lines) do
    starts[i] = pos
    pos = pos + #line + 1
  end
  return table.concat(lines, "\n"), starts
end

-- A 0-based byte offset of the text -> 0-based row and byte column.
local function position(starts, offset)
  local lo, hi = 1, #starts
  while lo < hi do
    local mid = math.floor((lo + hi + 1) / 2)
    if starts[mid] <= offset then lo = mid else hi = mid - 1 end
  end
  return lo - 1, offset - starts[lo]
end

local function to_diagnostic(f, starts)
  local lnum, col = position(starts, f.start - 1)
  local end_lnum, end_col = position(starts, f.stop)
  local fix = f.suggestions[1] and (" → " .. f.suggestions[1]) or ""
  return {
    lnum = lnum, col = col, end_lnum = end_lnum, end_col = end_col,
    severity = severities[f.severity] or vim.diagnostic.severity.INFO,
    message = f.message .. fix,
    source = "tact",
    code = f.rule,
    user_data = { tact = { suggestions = f.suggestions, explanation = f.explanation,
                           category = f.category, match = f.match } },
  }
end

-- Lint bufnr (0: the current buffer): set its diagnostics. Returns the
-- findings, or nil and the error.
function M.lint(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local c = get_checker()
  if not c then return nil, "no checker" end
  local text, starts = buffer_text(bufnr)
  local findings, err = c:check(text, check_options())
  if not findings then
    vim.diagnostic.reset(ns, bufnr)
    notify(err, vim.log.levels.WARN)
    return nil, err
  end
  local diagnostics = {}
  for i, f in ipairs(findings) do diagnostics[i] = to_diagnostic(f, starts) end
  vim.diagnostic.set(ns, bufnr, diagnostics)
  return findings
end

function M.clear(bufnr)
  vim.diagnostic.reset(ns, bufnr or 0)
end

-- The tact diagnostic under the cursor (the narrowest when several).
local function diagnostic_at_cursor()
  local row, col = unpack(vim.api.nvim_win_get_cursor(0))
  row = row - 1
  local best
  for _, d in ipairs(vim.diagnostic.get(0, { namespace = ns })) do
    local after_start = row > d.lnum or (row == d.lnum and col >= d.col)
    local before_end = row < d.end_lnum or (row == d.end_lnum and col < d.end_col)
    if after_start and before_end then
      if not best or (d.end_lnum - d.lnum) * 1e6 + d.end_col - d.col <
          (best.end_lnum - best.lnum) * 1e6 + best.end_col - best.col then
        best = d
      end
    end
  end
  return best
end

local function apply(d, suggestion)
  vim.api.nvim_buf_set_text(0, d.lnum, d.col, d.end_lnum, d.end_col,
    vim.split(suggestion, "\n", { plain = true }))
  M.lint(0)
end

-- Replace the finding under the cursor by its nth suggestion; without n,
-- offer its suggestions (and a rewrite of the whole buffer) to pick from.
function M.fix(n)
  local d = diagnostic_at_cursor()
  if not d then
    notify("no finding under the cursor")
    return false
  end
  local suggestions = d.user_data and d.user_data.tact and d.user_data.tact.suggestions or {}
  if n then
    if not suggestions[n] then
      notify(("%s has no suggestion %d"):format(d.code, n), vim.log.levels.WARN)
      return false
    end
    apply(d, suggestions[n])
    return true
  end
  local choices = {}
  for i, s in ipairs(suggestions) do choices[i] = { title = "Replace with «" .. s .. "»", text = s } end
  choices[#choices + 1] = { title = "Rewrite the whole buffer (:TactFixAll)" }
  vim.ui.select(choices, {
    prompt = d.code .. ": " .. d.message,
    format_item = function(item) return item.title end,
  }, function(choice)
    if not choice then return end
    if choice.text then apply(d, choice.text) else M.fix_all() end
  end)
  return true
end

-- Apply the first suggestion of every finding (tact's rewrite).
function M.fix_all(bufnr)
  bufnr = bufnr or 0
  local c = get_checker()
  if not c then return false end
  local text = buffer_text(bufnr)
  local fixed, err = c:rewrite(text, check_options())
  if not fixed then
    notify(err, vim.log.levels.WARN)
    return false
  end
  if fixed ~= text then
    vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, vim.split(fixed, "\n", { plain = true }))
  end
  M.lint(bufnr)
  return true
end

function M.explain()
  local d = diagnostic_at_cursor()
  if not d then
    notify("no finding under the cursor")
    return nil
  end
  local t = d.user_data.tact
  local text = ("%s [%s]: %s\n%s"):format(t.match, d.code, d.message, t.explanation)
  vim.api.nvim_echo({ { text } }, true, {})
  return text
end

-- Lint bufnr on every change (debounced), or stop.
function M.auto(bufnr, on)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if on == false then
    auto[bufnr] = nil
    M.clear(bufnr)
    return
  end
  if auto[bufnr] then return end
  auto[bufnr] = true
  local pending = false
  vim.api.nvim_buf_attach(bufnr, false, {
    on_lines = function()
      if not auto[bufnr] then return true end -- detach
      if not pending then
        pending = true
        vim.defer_fn(function()
          pending = false
          if auto[bufnr] and vim.api.nvim_buf_is_valid(bufnr) then M.lint(bufnr) end
        end, config.debounce)
      end
    end,
    on_detach = function() auto[bufnr] = nil end,
  })
  M.lint(bufnr)
end

-- A scratch buffer for the reply being written, linted as you type.
function M.draft()
  vim.cmd("botright new")
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].buftype = "nofile"
  vim.bo[bufnr].bufhidden = "hide"
  vim.bo[bufnr].swapfile = false
  vim.bo[bufnr].filetype = "tactdraft"
  pcall(vim.api.nvim_buf_set_name, bufnr, "tact://draft")
  M.auto(bufnr, true)
  return bufnr
end

function M.setup(opts)
  config = vim.tbl_deep_extend("force", config, opts or {})
  if opts and opts.packs then config.packs = opts.packs end
  if opts and opts.filetypes then config.filetypes = opts.filetypes end
  if checker then checker:close() end
  checker = nil
  local group = vim.api.nvim_create_augroup("tact", { clear = true })
  if #config.filetypes > 0 then
    vim.api.nvim_create_autocmd("FileType", {
      group = group,
      pattern = config.filetypes,
      callback = function(args) M.auto(args.buf, true) end,
    })
  end
end

M.namespace = ns

return M
