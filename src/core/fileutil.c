#include "config.h"

#include "core/fileutil.h"
#include "core/i18n.h"
#include "core/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Opens path for reading; with FILE_REGULAR, a regular file or EINVAL. */
static int
open_for_read(const char *path, unsigned flags)
{
	struct stat st;
	int fd;

	if (!(flags & FILE_REGULAR))
		return open(path, O_RDONLY | O_CLOEXEC);
	/* O_NONBLOCK: opening a FIFO without a writer must not wait. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

/* Reads at most max + 1 bytes, so that "larger than max" is seen. */
char *
file_read(const char *path, size_t max, unsigned flags, size_t *lenp)
{
	int fd = open_for_read(path, flags);
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

/* Writes all len bytes to fd; 0 or an errno value. */
static int
write_fd(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return errno;
		if (w == 0)
			return EIO;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* The folder of path (owned), "." for a bare name. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Makes a rename or link in path's folder durable. */
static void
sync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Writes a device, FIFO or symbolic link's target where it is. */
static int
write_in_place(const char *path, const char *data, size_t len)
{
	struct stat st;
	int fd, e;

	/* No O_CREAT: a dangling link is an error, not a new file. */
	fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 && errno == ENXIO && stat(path, &st) == 0 &&
	    S_ISFIFO(st.st_mode))
		return FILE_ENOREADER;
	if (fd < 0)
		return errno;
	if (fstat(fd, &st) != 0) {
		e = errno;
		close(fd);
		return e;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return EISDIR;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	e = S_ISREG(st.st_mode) && ftruncate(fd, 0) != 0 ? errno : 0;
	if (e == 0)
		e = write_fd(fd, data, len);
	/* Devices and pipes have nothing to sync. */
	if (e == 0 && fsync(fd) != 0 && errno != EINVAL && errno != EROFS &&
	    errno != ENOTSUP)
		e = errno;
	if (close(fd) != 0 && e == 0)
		e = errno;
	return e;
}

/* Moves tmp to path; without replace never replaces a file that exists. */
static int
place(const char *tmp, const char *path, int replace)
{
	if (replace)
		return rename(tmp, path) != 0 ? errno : 0;
	/* link() fails when path exists, so no race can clobber a file. */
	if (link(tmp, path) == 0) {
		unlink(tmp);
		return 0;
	}
	if (errno == EEXIST)
		return EEXIST;
	/* Some file systems have no hard links: check, then rename. */
	if (access(path, F_OK) == 0)
		return EEXIST;
	return rename(tmp, path) != 0 ? errno : 0;
}

/* The temporary-file half of file_write(). */
static int
write_atomic(const char *path, const char *data, size_t len,
    unsigned flags)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	mode_t mask = umask(0), mode;
	struct stat st;
	int fd, e;

	umask(mask);
	mode = (flags & FILE_W_PRIVATE) ? 0600 : (0666 & ~mask);
	if ((fd = mkstemp(tmp)) < 0) {
		e = errno;
		free(tmp);
		return e;
	}
	e = fchmod(fd, mode) != 0 ? errno : 0;
	if (e == 0)
		e = write_fd(fd, data, len);
	if (e == 0 && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && e == 0)
		e = errno;
	/* What the path names may have changed since the caller looked. */
	if (e == 0 && lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
		e = FILE_ENOTREG;
	if (e == 0)
		e = place(tmp, path, (flags & FILE_W_REPLACE) != 0);
	if (e != 0)
		unlink(tmp);
	else
		sync_dir(path);
	free(tmp);
	return e;
}

int
file_write(const char *path, const char *data, size_t len, unsigned flags)
{
	struct stat st;

	if (lstat(path, &st) != 0) {
		if (errno != ENOENT)
			return errno;
		return write_atomic(path, data, len, flags);
	}
	if (!(flags & FILE_W_REPLACE))
		return EEXIST;
	if (S_ISREG(st.st_mode))
		return write_atomic(path, data, len, flags);
	if (S_ISDIR(st.st_mode))
		return EISDIR;
	if (!(flags & FILE_W_IN_PLACE))
		return FILE_ENOTREG;
	return write_in_place(path, data, len);
}

const char *
file_strerror(int e)
{
	if (e == FILE_ENOTREG)
		return _("not a regular file");
	if (e == FILE_ENOREADER)
		return _("it is a FIFO and nothing reads from it");
	return strerror(e);
}

/* Is name base followed by a dot and six mkstemp() characters? */
static int
is_temp_of(const char *name, const char *base)
{
	size_t n = strlen(base);

	if (strncmp(name, base, n) != 0 || name[n] != '.' ||
	    strlen(name + n + 1) != 6)
		return 0;
	for (const char *p = name + n + 1; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9')))
			return 0;
	return 1;
}

int
file_remove_stale(const char *dir, const char *base, long min_age)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	time_t now = time(NULL);
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL) {
		struct stat st;

		if (!is_temp_of(e->d_name, base) ||
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode) || now - st.st_mtime < min_age)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) == 0)
			n++;
	}
	closedir(d);
	return n;
}

int
file_guard_std_fds(void)
{
	int closed = 0;

	for (int fd = 0; fd <= 2; fd++) {
		int n;

		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		/* The lowest free descriptor: fd itself, as 0..fd-1 are open. */
		n = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (n < 0)
			return -1;
		if (n != fd) {
			dup2(n, fd);
			close(n);
		}
		closed |= 1 << fd;
	}
	return closed;
}
