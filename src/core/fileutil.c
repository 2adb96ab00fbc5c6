#include "config.h"

#include "core/fileutil.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

/* Reads at most max + 1 bytes, so that "larger than max" is seen. */
char *
file_read(const char *path, size_t max, unsigned flags, size_t *lenp)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0, cap = 0;
	char *buf = NULL;
	int err = 0;

	if (fd < 0)
		return NULL;
	for (;;) {
		ssize_t n;

		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			if (cap > max + 1)
				cap = max + 1;
			buf = xrealloc(buf, cap + 1);
		}
		if (len == cap)
			break;	/* max + 1 bytes read */
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = EIO;
			break;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (!err && len > max) {
		if (flags & FILE_TRUNCATE)
			len = max;
		else
			err = EFBIG;
	}
	if (err) {
		free(buf);
		errno = err;
		return NULL;
	}
	buf[len] = '\0';
	if (lenp)
		*lenp = len;
	return buf;
}
