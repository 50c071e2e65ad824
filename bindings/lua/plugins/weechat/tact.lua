-- tact.lua: a WeeChat script that coaches a support agent before a message
-- reaches a customer (docs/lua.md).
--
-- In buffers marked as customer channels (/tact mark), every message the
-- agent sends is checked with tact first. Depending on
-- plugins.var.lua.tact.mode the findings are shown and the message is sent
-- anyway (warn), held back in the input line (block), or sent with the
-- suggestions applied (rewrite). /tact check and /tact fix work on the input
-- line on demand (bind them to keys: /key bind meta-t /tact check).
-- /tact name NAME gives a buffer its client's name: tact then hints when a
-- message there never addresses the client by it (any declined form).
--
-- WeeChat embeds Lua 5.3: the script needs the 5.3 build of the module,
-- found through package.cpath (plugins.var.lua.tact.cpath, or the
-- TACT_LUA_CPATH environment variable, e.g. /usr/lib/x86_64-linux-gnu/lua/5.3/?.so).

local SCRIPT_NAME = "tact"
local SCRIPT_VERSION = "1.1"

local defaults = {
  mode = { "warn", "warn: show findings and send; block: show findings and keep the message in the input line (/tact send sends it anyway); rewrite: send it with the suggestions applied" },
  buffers = { "", "comma-separated full names of customer buffers (irc.libera.#support); /tact mark and /tact unmark edit it" },
  lang = { "auto", "language of the messages: auto, ru, ro, kk, en" },
  min_severity = { "hint", "report findings at or above: hint, warning, error" },
  enable = { "", "comma-separated rule ids or categories to use (empty: all)" },
  disable = { "", "comma-separated rule ids or categories to skip" },
  english = { "off", "show messages and explanations in English" },
  builtin = { "on", "use the built-in rule packs" },
  packs = { "", "comma-separated paths of extra rule packs (YAML)" },
  cpath = { "", "extra package.cpath entries where the tact module (Lua 5.3 build) is found" },
}

local tact       -- the module
local checker    -- the checker built from the options
local held = {}  -- buffer pointer -> the last message held back in block mode
local bypass = {} -- buffer pointer -> text to let through once (/tact send)

local function opt(name)
  return weechat.config_get_plugin(name)
end

local function split(list)
  local items = {}
  for item in list:gmatch("[^,]+") do
    item = item:match("^%s*(.-)%s*$")
    if item ~= "" then items[#items + 1] = item end
  end
  return items
end

local function say(buffer, text)
  weechat.print_date_tags(buffer, 0, "tact,no_highlight,notify_none",
    weechat.color("cyan") .. "tact\t" .. weechat.color("reset") .. text)
end

-- The client's name of a buffer (/tact name), kept in the buffer's local
-- variable tact_client_name; nil when none.
local NAME_VAR = "tact_client_name"

local function client_name(buffer)
  local name = weechat.buffer_get_string(buffer, "localvar_" .. NAME_VAR)
  if name == "" then return nil end
  return name
end

local function check_options(buffer)
  local o = { lang = opt("lang"), min_severity = opt("min_severity"),
              english = weechat.config_string_to_boolean(opt("english")) == 1,
              name = client_name(buffer) }
  if opt("enable") ~= "" then o.enable = opt("enable") end
  if opt("disable") ~= "" then o.disable = opt("disable") end
  return o
end

local function load_module()
  local extra = opt("cpath")
  local env = os.getenv("TACT_LUA_CPATH")
  for _, path in ipairs({ extra, env or "" }) do
    if path ~= "" and not package.cpath:find(path, 1, true) then
      package.cpath = path .. ";" .. package.cpath
    end
  end
  local ok, mod = pcall(require, "tact")
  if not ok then
    say("", weechat.prefix("error") .. "cannot load the tact module (set " ..
      "plugins.var.lua.tact.cpath to the directory of its Lua 5.3 build): " .. tostring(mod))
    return nil
  end
  return mod
end

-- (Re)build the checker from the options. Returns true when it is usable.
local function build_checker()
  if checker then checker:close() end
  checker = nil
  tact = tact or load_module()
  if not tact then return false end
  local c, err = tact.new { builtin = weechat.config_string_to_boolean(opt("builtin")) == 1 }
  if not c then
    say("", weechat.prefix("error") .. "tact: " .. err)
    return false
  end
  for _, path in ipairs(split(opt("packs"))) do
    local ok, msg = c:add_pack(path)
    if not ok then say("", weechat.prefix("error") .. "tact: " .. msg) end
  end
  checker = c
  return true
end

local function buffer_name(buffer)
  return weechat.buffer_get_string(buffer, "full_name")
end

local function is_customer(buffer)
  local name = buffer_name(buffer)
  for _, b in ipairs(split(opt("buffers"))) do
    if b == name then return true end
  end
  return false
end

local function set_customer(buffer, on)
  local name, kept = buffer_name(buffer), {}
  for _, b in ipairs(split(opt("buffers"))) do
    if b ~= name then kept[#kept + 1] = b end
  end
  if on then kept[#kept + 1] = name end
  weechat.config_set_plugin("buffers", table.concat(kept, ","))
end

-- Show the findings of text in buffer. Returns their number, or nil after
-- printing an error.
local function show(buffer, text)
  local findings, err = checker:check(text, check_options(buffer))
  if not findings then
    say(buffer, weechat.prefix("error") .. "tact: " .. err)
    return nil
  end
  local colors = { error = "lightred", warning = "yellow", hint = "green" }
  for _, f in ipairs(findings) do
    local fix = f.suggestions[1] and (" → «" .. f.suggestions[1] .. "»") or ""
    say(buffer, ("%s%s%s [%s] «%s»%s: %s"):format(weechat.color(colors[f.severity] or "default"),
      f.severity, weechat.color("reset"), f.rule, f.match, fix, f.message))
  end
  return #findings
end

-- The modifier input_text_for_buffer: what the agent sends to a buffer.
-- Returning "" drops the message.
function tact_input_cb(data, modifier, buffer, text)
  if bypass[buffer] == text then
    bypass[buffer] = nil
    return text
  end
  local message = weechat.string_input_for_buffer(text)
  if message == "" or not checker or not is_customer(buffer) then
    return text -- a command, no checker, or not a customer buffer
  end
  local n = show(buffer, message)
  if not n or n == 0 then return text end
  local mode = opt("mode")
  if mode == "block" then
    held[buffer] = text
    weechat.buffer_set(buffer, "input", text)
    weechat.buffer_set(buffer, "input_pos", tostring(#text))
    say(buffer, "message not sent: edit it, /tact fix to apply the suggestions, " ..
      "or /tact send to send it as it is")
    return ""
  elseif mode == "rewrite" then
    local fixed, err = checker:rewrite(message, check_options(buffer))
    if not fixed then
      say(buffer, weechat.prefix("error") .. "tact: " .. err)
      return text
    end
    if fixed ~= message then say(buffer, "sent as: " .. fixed) end
    return fixed
  end
  return text
end

local function cmd_check(buffer, text)
  if text == "" then text = weechat.buffer_get_string(buffer, "input") end
  if text == "" then
    say(buffer, "nothing to check: type a message first, or /tact check TEXT")
    return
  end
  local n = show(buffer, text)
  if n == 0 then say(buffer, "no findings") end
end

local function cmd_fix(buffer)
  local text = weechat.buffer_get_string(buffer, "input")
  local fixed, err = checker:rewrite(text, check_options(buffer))
  if not fixed then
    say(buffer, weechat.prefix("error") .. "tact: " .. err)
  elseif fixed == text then
    say(buffer, "nothing to fix")
  else
    weechat.buffer_set(buffer, "input", fixed)
    weechat.buffer_set(buffer, "input_pos", tostring(#fixed))
    say(buffer, "input rewritten")
  end
end

local function cmd_send(buffer)
  local text = held[buffer]
  if not text then
    say(buffer, "no message held back in this buffer")
    return
  end
  held[buffer] = nil
  bypass[buffer] = text
  weechat.buffer_set(buffer, "input", "")
  weechat.command(buffer, text) -- not a command: sent as input, let through once
end

-- /tact name [NAME|-del]: show, set or remove the buffer's client name.
local function cmd_name(buffer, name)
  if name == "-del" then
    weechat.buffer_set(buffer, "localvar_del_" .. NAME_VAR, "")
    say(buffer, "no client name in this buffer")
  elseif name ~= "" then
    weechat.buffer_set(buffer, "localvar_set_" .. NAME_VAR, name)
    say(buffer, "client name: " .. name)
  else
    say(buffer, "client name: " .. (client_name(buffer) or "none (/tact name NAME)"))
  end
end

function tact_command_cb(data, buffer, args)
  local sub, rest = args:match("^%s*(%S*)%s*(.-)%s*$")
  if sub ~= "mark" and sub ~= "unmark" and sub ~= "status" and sub ~= "name" and
      not checker then
    say(buffer, weechat.prefix("error") .. "tact: the module is not loaded")
    return weechat.WEECHAT_RC_ERROR
  end
  if sub == "" or sub == "check" then
    cmd_check(buffer, rest)
  elseif sub == "fix" then
    cmd_fix(buffer)
  elseif sub == "send" then
    cmd_send(buffer)
  elseif sub == "name" then
    cmd_name(buffer, rest)
  elseif sub == "mark" or sub == "unmark" then
    set_customer(buffer, sub == "mark")
    say(buffer, buffer_name(buffer) .. (sub == "mark" and " is" or " is not") ..
      " a customer channel")
  elseif sub == "status" then
    say(buffer, ("mode %s, %s, customer channels: %s, client name here: %s"):format(opt("mode"),
      checker and (#checker .. " rules (libtact " .. tact.version .. ")") or "module not loaded",
      opt("buffers") ~= "" and opt("buffers") or "none", client_name(buffer) or "none"))
  else
    return weechat.WEECHAT_RC_ERROR
  end
  return weechat.WEECHAT_RC_OK
end

function tact_config_cb(data, option, value)
  local name = option:match("([^.]+)$")
  if name ~= "mode" and name ~= "buffers" then build_checker() end
  return weechat.WEECHAT_RC_OK
end

if weechat.register(SCRIPT_NAME, "tact", SCRIPT_VERSION, "MIT",
    "Coach support agents: flag and fix discouraged phrasing before it is sent",
    "", "") == 1 then
  for name, d in pairs(defaults) do
    if weechat.config_is_set_plugin(name) == 0 then
      weechat.config_set_plugin(name, d[1])
    end
    weechat.config_set_desc_plugin(name, d[2] .. " (default: \"" .. d[1] .. "\")")
  end
  build_checker()
  weechat.hook_modifier("input_text_for_buffer", "tact_input_cb", "")
  weechat.hook_config("plugins.var.lua." .. SCRIPT_NAME .. ".*", "tact_config_cb", "")
  weechat.hook_command(SCRIPT_NAME,
    "Check or rewrite what you write to customers",
    "check [<text>] || fix || send || mark || unmark || name [<name>|-del] || status",
    "  check: show the findings of the input line (or of <text>)\n" ..
    "    fix: apply the suggestions to the input line\n" ..
    "   send: send the message held back (mode block) as it is\n" ..
    "   mark: make this buffer a customer channel (its messages are checked)\n" ..
    " unmark: stop checking this buffer\n" ..
    "   name: show or set the client's name in this buffer (-del: remove it); " ..
    "tact hints when a message does not address the client by name " ..
    "(needs a coaching pack for the language, as the built-in ones)\n" ..
    " status: show the mode, rules and customer channels\n\n" ..
    "Options: /set plugins.var.lua.tact.* (mode warn|block|rewrite, lang, " ..
    "min_severity, enable, disable, english, builtin, packs, cpath).\n" ..
    "Bind keys: /key bind meta-t /tact check ; /key bind meta-f /tact fix",
    "check|fix|send|mark|unmark|name|status", "tact_command_cb", "")
  if checker then
    say("", ("loaded: %d rules (libtact %s), mode %s"):format(#checker, tact.version, opt("mode")))
  end
end
