# src/tui/tui.mk: the curses wizard. model*.c, textfield.c and casesum.c
# are pure (tested without a terminal); term.c and draw*.c hold every
# curses call; tui.c is the shell on the loop; store.c saves the session.
src_libconnreset_a_SOURCES += \
	src/tui/textfield.c src/tui/textfield.h \
	src/tui/model.c src/tui/model_nav.c src/tui/model_step.c \
	src/tui/model.h \
	src/tui/casesum.c src/tui/casesum.h \
	src/tui/store.c src/tui/store.h \
	src/tui/term.c src/tui/term.h \
	src/tui/draw.c src/tui/draw_frame.c src/tui/draw_screens.c \
	src/tui/draw_path.c \
	src/tui/draw.h src/tui/ui.h \
	src/tui/tui.c src/tui/tui.h
