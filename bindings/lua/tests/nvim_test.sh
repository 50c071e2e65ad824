#!/bin/sh
# Runs nvim_test.lua in `nvim --headless` with the Neovim plugin on the
# runtimepath. Environment: TACT_LUA_CPATH (the module's 5.1 build, ?.so),
# TACT_LUA_TESTS, TACT_LUA_PLUGINS. Exit 77 (skipped) without nvim.
nvim=$(command -v nvim) || { echo "SKIP: nvim not found"; exit 77; }
"$nvim" --version | head -n 2
exec timeout 60 "$nvim" --headless -u NONE -i NONE -n \
	--cmd "set runtimepath^=$TACT_LUA_PLUGINS/nvim" \
	-c "luafile $TACT_LUA_TESTS/nvim_test.lua" </dev/null
