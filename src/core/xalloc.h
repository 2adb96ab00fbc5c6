/* Allocation that never returns NULL: out of memory aborts in one place. */
#ifndef CONNRESET_XALLOC_H
#define CONNRESET_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Returns a copy of s owned by the caller; xstrdup(NULL) is NULL. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a newly formatted string owned by the caller. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);
/* Replaces *dst with a copy of src, freeing the old value. */
void xstrset(char **dst, const char *src);

#endif
