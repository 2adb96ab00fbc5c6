# tests/tui/tui.mk
