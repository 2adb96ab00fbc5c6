/* A growable, always NUL-terminated string buffer. */
#ifndef CONNRESET_STRBUF_H
#define CONNRESET_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *s;	/* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void sb_add(struct strbuf *sb, const char *s);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Returns the contents ("" when empty); the buffer stays usable. */
const char *sb_str(const struct strbuf *sb);
/* Hands the string to the caller and resets the buffer. */
char *sb_detach(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);

#endif
