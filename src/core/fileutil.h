/* Reading small local files whole, and writing reports and sessions. */
#ifndef CONNRESET_FILEUTIL_H
#define CONNRESET_FILEUTIL_H

#include <stddef.h>

enum {
	FILE_TRUNCATE = 1 << 0,	/* keep the first max bytes of a larger
				   file instead of failing with EFBIG */
	FILE_REGULAR = 1 << 1	/* read: open without blocking and refuse
				   anything but a regular file (a FIFO
				   must not hang us) */
};

enum {
	FILE_W_REPLACE = 1 << 0,	/* an existing path may be replaced */
	FILE_W_IN_PLACE = 1 << 1,	/* a device, FIFO or symbolic link is
					   written in place; without it, it
					   is refused */
	FILE_W_PRIVATE = 1 << 2		/* mode 0600, not 0666 less umask */
};

/* What file_write() returns for a path that is not a regular file ... */
#define FILE_ENOTREG (-1)
/* ... and for a FIFO that nothing reads from. */
#define FILE_ENOREADER (-2)

/*
 * Returns the contents of path, NUL-terminated (owned by the caller), and
 * its length in *lenp when lenp is not NULL. On failure returns NULL with
 * errno set: the open error, EFBIG when the file holds more than max
 * bytes (unless FILE_TRUNCATE), EIO on a read error, or EINVAL when
 * FILE_REGULAR is given and path is not a regular file.
 */
char *file_read(const char *path, size_t max, unsigned flags, size_t *lenp);

/*
 * Writes len bytes of data to path and makes them durable. A new path or
 * an existing regular file is written atomically: a temporary file
 * path.XXXXXX in the same folder, fsync, rename (link() when nothing may
 * be replaced, so no race can clobber a file), fsync of the folder. Any
 * other existing path (character device, FIFO, socket, symbolic link) is
 * never renamed over: with FILE_W_IN_PLACE it is opened O_WRONLY (a FIFO
 * without a reader fails at once: FILE_ENOREADER) and written in place,
 * otherwise FILE_ENOTREG. Returns 0, EEXIST when the path exists and
 * FILE_W_REPLACE is not given, FILE_ENOTREG, or another errno value.
 */
int file_write(const char *path, const char *data, size_t len,
    unsigned flags);
/* The words for a file_write() error (borrowed). */
const char *file_strerror(int e);
/*
 * Removes the temporaries base.XXXXXX that a killed file_write() left in
 * dir, when they are regular files older than min_age seconds. Returns
 * the number removed.
 */
int file_remove_stale(const char *dir, const char *base, long min_age);

/*
 * Opens /dev/null on each of the descriptors 0, 1 and 2 that is closed,
 * so that no socket or file opened later takes its place and receives
 * what was meant for standard output. Returns a mask (1 << fd) of those
 * that were closed, or -1 when /dev/null cannot be opened.
 */
int file_guard_std_fds(void);

#endif
