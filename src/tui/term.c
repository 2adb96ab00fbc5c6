#include "config.h"

#include "tui/term.h"
#include "tui/model.h"
#include "core/i18n.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

static int sig_pipe[2] = { -1, -1 };
static struct termios saved_tio;
static int have_tio;
static int is_open;
static int use_color;
static SCREEN *screen;

/* What a crashed process writes before dying: mouse off, main screen,
   attributes off, cursor on. */
static const char reset_seq[] = "\033[?1000l\033[?1002l\033[?1006l"
    "\033[?1049l\033[0m\033[?25h\r\n";

static const int crash_sigs[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL };
static const int pipe_sigs[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP };

static void
on_pipe_signal(int sig)
{
	int saved = errno;
	unsigned char c = (unsigned char)sig;

	if (sig_pipe[1] >= 0)
		(void)!write(sig_pipe[1], &c, 1);
	errno = saved;
}

/* Async-signal-safe: raw reset sequences, saved termios, re-raise. */
static void
on_crash(int sig)
{
	(void)!write(STDOUT_FILENO, reset_seq, sizeof(reset_seq) - 1);
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = fn == on_crash ? (int)SA_RESETHAND : SA_RESTART;
	sigaction(sig, &sa, NULL);
}

static int
open_pipe(void)
{
	if (pipe(sig_pipe) < 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		fcntl(sig_pipe[i], F_SETFL,
		    fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	return 0;
}

static void
setup_colors(void)
{
	const char *nc = getenv("NO_COLOR");

	use_color = has_colors() && !(nc && *nc);
	if (!use_color)
		return;
	start_color();
	use_default_colors();
	init_pair(TC_PASS, COLOR_GREEN, -1);
	init_pair(TC_FAIL, COLOR_RED, -1);
	init_pair(TC_WARN, COLOR_YELLOW, -1);
	init_pair(TC_TITLE, COLOR_CYAN, -1);
	init_pair(TC_BAR, COLOR_BLACK, COLOR_CYAN);
	init_pair(TC_DIM, COLOR_BLUE, -1);
}

/* Opens curses on the terminal; -1 with *err (one line) on failure. */
int
term_open(struct term_caps *caps, char **err)
{
	const char *cs = nl_langinfo(CODESET);
	char *cup;

	if (open_pipe() < 0) {
		*err = xasprintf(_("cannot create a pipe: %s"),
		    strerror(errno));
		return -1;
	}
	have_tio = tcgetattr(STDIN_FILENO, &saved_tio) == 0;
	/* Ours before curses starts, so curses leaves these alone. */
	for (size_t i = 0; i < sizeof(pipe_sigs) / sizeof(*pipe_sigs); i++)
		set_handler(pipe_sigs[i], on_pipe_signal);
	for (size_t i = 0; i < sizeof(crash_sigs) / sizeof(*crash_sigs); i++)
		set_handler(crash_sigs[i], on_crash);
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		term_close();
		*err = xasprintf(_("cannot initialise the terminal (TERM=%s)"),
		    getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	is_open = 1;
	/* A terminal that cannot place the cursor (TERM=dumb, an editor's
	   shell buffer) would show only the last line: say so instead. */
	cup = tigetstr("cup");
	if (!cup || cup == (char *)-1 || !*cup) {
		const char *t = getenv("TERM");
		char *name = sanitize_str(t && *t ? t : "unset", 0);

		term_close();
		*err = xasprintf(_("this terminal (TERM=%s) cannot move the "
		    "cursor, so the wizard cannot draw; run it in a terminal "
		    "such as xterm, or use: connreset --batch URL"), name);
		free(name);
		return -1;
	}
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	mouseinterval(0);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL);
	setup_colors();
	caps->color = use_color;
	caps->utf8 = cs && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
	return 0;
}

/* Restores the terminal; safe to call twice. */
void
term_close(void)
{
	if (is_open) {
		mousemask(0, NULL);
		curs_set(1);
		endwin();
		delscreen(screen);
		screen = NULL;
		is_open = 0;
	}
	for (size_t i = 0; i < sizeof(pipe_sigs) / sizeof(*pipe_sigs); i++)
		signal(pipe_sigs[i], SIG_DFL);
	for (size_t i = 0; i < sizeof(crash_sigs) / sizeof(*crash_sigs); i++)
		signal(crash_sigs[i], SIG_DFL);
	for (int i = 0; i < 2; i++)
		if (sig_pipe[i] >= 0) {
			close(sig_pipe[i]);
			sig_pipe[i] = -1;
		}
}

/* Read end of the signal self-pipe. */
int
term_signal_fd(void)
{
	return sig_pipe[0];
}

/* Next signal number waiting in the pipe, or 0 when none. */
int
term_next_signal(void)
{
	unsigned char c;

	if (sig_pipe[0] < 0 || read(sig_pipe[0], &c, 1) != 1)
		return 0;
	return c;
}

/* Picks up the terminal's new size after SIGWINCH. */
void
term_resize(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resize_term(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
}

static int
map_key(int k)
{
	switch (k) {
	case KEY_UP: return MK_UP;
	case KEY_DOWN: return MK_DOWN;
	case KEY_LEFT: return MK_LEFT;
	case KEY_RIGHT: return MK_RIGHT;
	case KEY_ENTER: return MK_ENTER;
	case KEY_BTAB: return MK_BTAB;
	case KEY_BACKSPACE: return MK_BACKSPACE;
	case KEY_DC: return MK_DELETE;
	case KEY_HOME: return MK_HOME;
	case KEY_END: return MK_END;
	case KEY_PPAGE: return MK_PGUP;
	case KEY_NPAGE: return MK_PGDN;
	case KEY_F(1): return MK_F1;
	}
	return 0;
}

static int
map_char(wint_t c)
{
	switch (c) {
	case '\r': case '\n': return MK_ENTER;
	case 27: return MK_ESC;
	case '\t': return MK_TAB;
	case 8: case 127: return MK_BACKSPACE;
	case 21: return MK_CTRL_U;
	case 1: return MK_HOME;
	case 5: return MK_END;
	}
	return c < 0x20 ? 0 : (int)c;
}

/* Reads one input event without waiting; see term.h. */
int
term_read(int *key, int *y, int *x)
{
	wint_t c;
	int rc = get_wch(&c);
	MEVENT ev;

	if (rc == ERR)
		return TK_NONE;
	if (rc == KEY_CODE_YES && c == KEY_MOUSE) {
		if (getmouse(&ev) != OK ||
		    !(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
			return term_read(key, y, x);
		*y = ev.y;
		*x = ev.x;
		return TK_CLICK;
	}
	if (rc == KEY_CODE_YES && c == KEY_RESIZE) {
		*key = 0;
		return TK_KEY;
	}
	*key = rc == KEY_CODE_YES ? map_key((int)c) : map_char(c);
	return TK_KEY;
}

/* Attribute for a color pair, with a monochrome fallback. */
int
term_attr(int pair)
{
	if (use_color)
		return COLOR_PAIR(pair) | (pair == TC_TITLE ? A_BOLD : 0);
	switch (pair) {
	case TC_FAIL: return A_BOLD | A_UNDERLINE;
	case TC_WARN: case TC_TITLE: return A_BOLD;
	case TC_BAR: return A_REVERSE;
	default: return A_NORMAL;
	}
}
