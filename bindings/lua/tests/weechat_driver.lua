-- weechat_driver.lua: types the agent's input for weechat_test.py.
--
-- Debian's weechat-headless has no FIFO plugin, so this test-only script
-- plays its part: every 50 ms it reads the lines appended to the file named
-- by plugins.var.lua.tact_driver.input, each "<buffer full name> <text>",
-- and runs weechat.command(buffer, text): text is sent as if typed and
-- followed by Enter (through the modifier input_text_for_buffer), a
-- /command is run in that buffer.
local offset = 0

function tact_driver_poll(data, remaining)
  local path = weechat.config_get_plugin("input")
  local f = path ~= "" and io.open(path, "rb")
  if not f then return weechat.WEECHAT_RC_OK end
  f:seek("set", offset)
  for line in f:lines() do
    offset = offset + #line + 1
    local name, text = line:match("^(%S+) (.*)$")
    if name then
      local buffer = weechat.buffer_search("==", name)
      if buffer ~= "" then weechat.command(buffer, text) end
    end
  end
  f:close()
  return weechat.WEECHAT_RC_OK
end

if weechat.register("tact_driver", "tact", "1.0", "MIT", "test driver", "", "") == 1 then
  weechat.hook_timer(50, 0, 0, "tact_driver_poll", "")
end
