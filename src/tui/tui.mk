# src/tui/tui.mk
