# src/tui/tui.mk: the curses wizard. Each screen is a unit in its own
# screen_*.c (keys and drawing behind struct screen_ops, listed once in
# screen.c). The key handlers and model*.c, textfield.c and casesum.c are
# pure (tested without a terminal); term.c, draw*.c, body.c and the
# screens' draw functions hold every curses call; tui.c is the shell on
# the loop; store.c saves the session.
src_libconnreset_a_SOURCES += \
	src/tui/textfield.c src/tui/textfield.h \
	src/tui/model.c src/tui/model_nav.c src/tui/model_export.c \
	src/tui/model.h src/tui/model_int.h \
	src/tui/screen.c src/tui/screen.h \
	src/tui/screen_start.c src/tui/screen_checks.c \
	src/tui/screen_step.c src/tui/screen_verdict.c \
	src/tui/screen_summary.c src/tui/screen_fixed.c \
	src/tui/screen_path.c \
	src/tui/casesum.c src/tui/casesum.h \
	src/tui/store.c src/tui/store.h \
	src/tui/term.c src/tui/term.h \
	src/tui/draw.c src/tui/draw_frame.c src/tui/draw_path.c \
	src/tui/body.c src/tui/body.h \
	src/tui/draw.h src/tui/ui.h \
	src/tui/tui.c src/tui/tui.h
