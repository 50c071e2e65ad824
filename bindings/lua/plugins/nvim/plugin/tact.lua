-- The commands of tact.nvim (lua/tact/init.lua has the code and the options).
if vim.g.loaded_tact then return end
vim.g.loaded_tact = true

local function tact() return require("tact_nvim") end

vim.api.nvim_create_user_command("TactLint", function() tact().lint(0) end,
  { desc = "tact: check the buffer and show findings as diagnostics" })
vim.api.nvim_create_user_command("TactClear", function() tact().clear(0) end,
  { desc = "tact: remove the buffer's tact diagnostics" })
vim.api.nvim_create_user_command("TactFix", function(a)
  tact().fix(tonumber(a.args))
end, { nargs = "?", desc = "tact: apply a suggestion to the finding under the cursor" })
vim.api.nvim_create_user_command("TactFixAll", function() tact().fix_all(0) end,
  { desc = "tact: apply the first suggestion of every finding" })
vim.api.nvim_create_user_command("TactExplain", function() tact().explain() end,
  { desc = "tact: why the finding under the cursor hurts" })
vim.api.nvim_create_user_command("TactAuto", function(a)
  tact().auto(0, a.args ~= "off")
end, { nargs = "?", complete = function() return { "on", "off" } end,
       desc = "tact: lint this buffer as you type (on) or stop (off)" })
vim.api.nvim_create_user_command("TactDraft", function() tact().draft() end,
  { desc = "tact: open a scratch buffer for a chat reply, linted as you type" })
