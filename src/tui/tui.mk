# src/tui/tui.mk: the curses wizard. model*.c and textfield.c are pure
# (tested without a terminal); draw*.c and term.c hold all curses calls.
src_libconnreset_a_SOURCES += \
	src/tui/textfield.c src/tui/textfield.h \
	src/tui/model.c src/tui/model_nav.c src/tui/model_step.c \
	src/tui/model.h
