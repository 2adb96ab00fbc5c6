/* Reading small local files whole: configuration, /proc, saved state. */
#ifndef CONNRESET_FILEUTIL_H
#define CONNRESET_FILEUTIL_H

#include <stddef.h>

enum {
	FILE_TRUNCATE = 1 << 0	/* keep the first max bytes of a larger
				   file instead of failing with EFBIG */
};

/*
 * Returns the contents of path, NUL-terminated (owned by the caller), and
 * its length in *lenp when lenp is not NULL. On failure returns NULL with
 * errno set: the open error, EFBIG when the file holds more than max
 * bytes (unless FILE_TRUNCATE), or EIO on a read error.
 */
char *file_read(const char *path, size_t max, unsigned flags, size_t *lenp);

#endif
