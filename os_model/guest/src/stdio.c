/* Buffered streams over file descriptors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include "stdio_impl.h"

static unsigned char stdin_buf[BUFSIZ];
static unsigned char stdout_buf[BUFSIZ];

static FILE stderr_file = {
	.fd = 2, .flags = F_WRITE | F_UNBUF, .buf = NULL, .bufsize = 0,
};
static FILE stdout_file = {
	.fd = 1, .flags = F_WRITE | F_PROBETTY, .buf = stdout_buf, .bufsize = sizeof stdout_buf,
	.wpos = stdout_buf, .next = &stderr_file,
};
static FILE stdin_file = {
	.fd = 0, .flags = F_READ, .buf = stdin_buf, .bufsize = sizeof stdin_buf,
	.rpos = stdin_buf, .rend = stdin_buf, .wpos = stdin_buf, .next = &stdout_file,
};

FILE *stdin = &stdin_file;
FILE *stdout = &stdout_file;
FILE *stderr = &stderr_file;

static FILE *all_files = &stdin_file;

static void probe_tty(FILE *f)
{
	if (f->flags & F_PROBETTY) {
		f->flags &= ~F_PROBETTY;
		if (isatty(f->fd))
			f->flags |= F_LINEBUF;
	}
}

/* Writes all of p[0..n) to the descriptor, retrying short writes. */
static int write_all(FILE *f, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t r = write(f->fd, p, n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			f->flags |= F_ERR;
			return EOF;
		}
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

static int flush_output(FILE *f)
{
	if (!f->buf || f->wpos == f->buf)
		return 0;
	size_t n = (size_t)(f->wpos - f->buf);
	f->wpos = f->buf;
	return write_all(f, f->buf, n);
}

/* Forgets buffered input, moving the descriptor back to the stream's logical position. */
static int drop_input(FILE *f)
{
	long unread = (long)(f->rend - f->rpos) + f->nunget;
	f->rpos = f->rend = f->buf;
	f->nunget = 0;
	if (unread && lseek(f->fd, -unread, SEEK_CUR) < 0)
		return EOF;
	return 0;
}

int __stdio_write(FILE *f, const void *p, size_t n)
{
	const unsigned char *s = p;
	if (!(f->flags & F_WRITE)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return EOF;
	}
	if (f->rpos != f->rend || f->nunget)
		drop_input(f);
	probe_tty(f);
	if ((f->flags & F_UNBUF) || !f->buf) {
		if (flush_output(f))
			return EOF;
		return write_all(f, s, n);
	}
	size_t room = f->bufsize - (size_t)(f->wpos - f->buf);
	if (n > room) {
		/* Fill the buffer, flush it, then either write the rest through (big) or
		 * buffer it. */
		memcpy(f->wpos, s, room);
		f->wpos += room;
		s += room;
		n -= room;
		if (flush_output(f))
			return EOF;
		if (n >= f->bufsize)
			return write_all(f, s, n);
	}
	memcpy(f->wpos, s, n);
	f->wpos += n;
	if (f->wpos == f->buf + f->bufsize)
		return flush_output(f);
	if ((f->flags & F_LINEBUF) && memchr(s, '\n', n))
		return flush_output(f);
	return 0;
}

/* Refills the read buffer; returns the number of bytes now available (0 at EOF/error). */
static size_t refill(FILE *f)
{
	if (!(f->flags & F_READ)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return 0;
	}
	if (f->wpos != f->buf && flush_output(f))
		return 0;
	/* Asking for input flushes a line-buffered stdout, so prompts appear. */
	if (f == stdin && (stdout_file.flags & F_LINEBUF))
		flush_output(&stdout_file);
	for (;;) {
		ssize_t r = read(f->fd, f->buf, f->bufsize);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			f->flags |= r < 0 ? F_ERR : F_EOF;
			f->rpos = f->rend = f->buf;
			return 0;
		}
		f->rpos = f->buf;
		f->rend = f->buf + r;
		return (size_t)r;
	}
}

int fgetc(FILE *f)
{
	if (f->nunget)
		return f->unget[--f->nunget];
	if (f->rpos == f->rend && refill(f) == 0)
		return EOF;
	return *f->rpos++;
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

int ungetc(int c, FILE *f)
{
	if (c == EOF || f->nunget == UNGET_MAX)
		return EOF;
	f->unget[f->nunget++] = (unsigned char)c;
	f->flags &= ~F_EOF;
	return (unsigned char)c;
}

char *fgets(char *__restrict s, int size, FILE *__restrict f)
{
	if (size <= 0)
		return NULL;
	char *d = s;
	size_t left = (size_t)size - 1;
	while (left > 0) {
		if (f->nunget) {
			char c = (char)f->unget[--f->nunget];
			*d++ = c;
			left--;
			if (c == '\n')
				break;
			continue;
		}
		if (f->rpos == f->rend && refill(f) == 0)
			break;
		size_t avail = (size_t)(f->rend - f->rpos);
		if (avail > left)
			avail = left;
		unsigned char *nl = memchr(f->rpos, '\n', avail);
		size_t take = nl ? (size_t)(nl - f->rpos) + 1 : avail;
		memcpy(d, f->rpos, take);
		f->rpos += take;
		d += take;
		left -= take;
		if (nl)
			break;
	}
	if (d == s)
		return NULL;
	*d = 0;
	return s;
}

size_t fread(void *__restrict ptr, size_t size, size_t count, FILE *__restrict f)
{
	if (size == 0 || count == 0)
		return 0;
	size_t want = size * count, got = 0;
	unsigned char *d = ptr;
	while (got < want && f->nunget)
		d[got++] = f->unget[--f->nunget];
	while (got < want) {
		size_t avail = (size_t)(f->rend - f->rpos);
		if (avail == 0) {
			if (!(f->flags & F_READ)) {
				f->flags |= F_ERR;
				break;
			}
			/* Large reads bypass the buffer. */
			if (want - got >= f->bufsize) {
				if (f->wpos != f->buf && flush_output(f))
					break;
				ssize_t r = read(f->fd, d + got, want - got);
				if (r < 0 && errno == EINTR)
					continue;
				if (r <= 0) {
					f->flags |= r < 0 ? F_ERR : F_EOF;
					break;
				}
				got += (size_t)r;
				continue;
			}
			if ((avail = refill(f)) == 0)
				break;
		}
		if (avail > want - got)
			avail = want - got;
		memcpy(d + got, f->rpos, avail);
		f->rpos += avail;
		got += avail;
	}
	return got / size;
}

size_t fwrite(const void *__restrict ptr, size_t size, size_t count, FILE *__restrict f)
{
	if (size == 0 || count == 0)
		return 0;
	if (__stdio_write(f, ptr, size * count))
		return 0;
	return count;
}

int fputc(int c, FILE *f)
{
	unsigned char b = (unsigned char)c;
	/* Fast path: room in a fully or line-buffered output buffer. */
	if (f->buf && f->rpos == f->rend && !f->nunget && (f->flags & (F_WRITE | F_UNBUF | F_PROBETTY)) == F_WRITE &&
	    f->wpos < f->buf + f->bufsize - 1 && b != '\n') {
		*f->wpos++ = b;
		return b;
	}
	return __stdio_write(f, &b, 1) ? EOF : b;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *__restrict s, FILE *__restrict f)
{
	return __stdio_write(f, s, strlen(s)) ? EOF : 1;
}

int puts(const char *s)
{
	if (__stdio_write(stdout, s, strlen(s)) || __stdio_write(stdout, "\n", 1))
		return EOF;
	return 1;
}

int fflush(FILE *f)
{
	if (!f) {
		int result = 0;
		for (FILE *g = all_files; g; g = g->next)
			if ((g->flags & F_WRITE) && fflush(g))
				result = EOF;
		return result;
	}
	if (f->wpos != f->buf && f->buf)
		return flush_output(f);
	if ((f->flags & F_READ) && (f->rpos != f->rend || f->nunget))
		return drop_input(f) == 0 || errno == ESPIPE ? 0 : EOF;
	return 0;
}

void __stdio_exit(void)
{
	for (FILE *f = all_files; f; f = f->next)
		if (f->flags & F_WRITE)
			flush_output(f);
}

static int mode_flags(const char *mode, int *oflags)
{
	int acc, extra = 0;
	switch (*mode) {
	case 'r':
		acc = O_RDONLY;
		break;
	case 'w':
		acc = O_WRONLY;
		extra = O_CREAT | O_TRUNC;
		break;
	case 'a':
		acc = O_WRONLY;
		extra = O_CREAT | O_APPEND;
		break;
	default:
		return -1;
	}
	for (const char *m = mode + 1; *m; m++) {
		if (*m == '+')
			acc = O_RDWR;
		else if (*m == 'x')
			extra |= O_EXCL;
		else if (*m == 'e')
			extra |= O_CLOEXEC;
	}
	*oflags = acc | extra;
	return 0;
}

static FILE *new_stream(int fd, int oflags)
{
	FILE *f = malloc(sizeof *f);
	unsigned char *buf = malloc(BUFSIZ);
	if (!f || !buf) {
		free(f);
		free(buf);
		errno = ENOMEM;
		return NULL;
	}
	memset(f, 0, sizeof *f);
	f->fd = fd;
	int acc = oflags & O_ACCMODE;
	f->flags = F_OWNBUF | F_OWNFILE | (acc != O_WRONLY ? F_READ : 0) | (acc != O_RDONLY ? F_WRITE : 0);
	f->buf = buf;
	f->bufsize = BUFSIZ;
	f->rpos = f->rend = f->wpos = buf;
	f->next = all_files;
	all_files = f;
	return f;
}

FILE *fopen(const char *__restrict path, const char *__restrict mode)
{
	int oflags;
	if (mode_flags(mode, &oflags) < 0) {
		errno = EINVAL;
		return NULL;
	}
	int fd = open(path, oflags, 0666);
	if (fd < 0)
		return NULL;
	FILE *f = new_stream(fd, oflags);
	if (!f)
		close(fd);
	return f;
}

FILE *fdopen(int fd, const char *mode)
{
	int oflags;
	if (mode_flags(mode, &oflags) < 0) {
		errno = EINVAL;
		return NULL;
	}
	return new_stream(fd, oflags);
}

int fclose(FILE *f)
{
	int result = fflush(f);
	if (close(f->fd) < 0)
		result = EOF;
	for (FILE **p = &all_files; *p; p = &(*p)->next) {
		if (*p == f) {
			*p = f->next;
			break;
		}
	}
	if (f->flags & F_OWNBUF)
		free(f->buf);
	if (f->flags & F_OWNFILE)
		free(f);
	else
		f->flags = 0;
	return result;
}

int setvbuf(FILE *__restrict f, char *__restrict buf, int mode, size_t size)
{
	/* Only allowed before any I/O; we honour the mode and a caller's buffer. */
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
		return -1;
	fflush(f);
	f->flags &= ~(F_LINEBUF | F_UNBUF | F_PROBETTY);
	if (mode == _IONBF) {
		f->flags |= F_UNBUF;
		/* Keep the read buffer for input streams; output goes straight through. */
		if (!(f->flags & F_READ))
			return 0;
	} else if (mode == _IOLBF) {
		f->flags |= F_LINEBUF;
	}
	if (buf && size > 0) {
		if (f->flags & F_OWNBUF)
			free(f->buf);
		f->flags &= ~F_OWNBUF;
		f->buf = (unsigned char *)buf;
		f->bufsize = size;
		f->rpos = f->rend = f->wpos = f->buf;
	} else if (!f->buf) {
		unsigned char *b = malloc(BUFSIZ);
		if (!b)
			return -1;
		f->buf = b;
		f->bufsize = BUFSIZ;
		f->flags |= F_OWNBUF;
		f->rpos = f->rend = f->wpos = b;
	}
	return 0;
}

void setbuf(FILE *__restrict f, char *__restrict buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

int fileno(FILE *f)
{
	return f->fd;
}

int feof(FILE *f)
{
	return (f->flags & F_EOF) != 0;
}

int ferror(FILE *f)
{
	return (f->flags & F_ERR) != 0;
}

void clearerr(FILE *f)
{
	f->flags &= ~(F_EOF | F_ERR);
}

int fseek(FILE *f, long offset, int whence)
{
	if (f->buf && f->wpos != f->buf && flush_output(f))
		return -1;
	if (whence == SEEK_CUR)
		offset -= (long)(f->rend - f->rpos) + f->nunget;
	f->rpos = f->rend = f->buf;
	f->nunget = 0;
	if (lseek(f->fd, offset, whence) < 0)
		return -1;
	f->flags &= ~F_EOF;
	return 0;
}

long ftell(FILE *f)
{
	long pos = lseek(f->fd, 0, SEEK_CUR);
	if (pos < 0)
		return -1;
	return pos - (long)(f->rend - f->rpos) - f->nunget + (f->buf ? (long)(f->wpos - f->buf) : 0);
}

void rewind(FILE *f)
{
	fseek(f, 0, SEEK_SET);
	f->flags &= ~F_ERR;
}

void perror(const char *s)
{
	const char *msg = strerror(errno);
	if (s && *s) {
		fputs(s, stderr);
		fputs(": ", stderr);
	}
	fputs(msg, stderr);
	fputs("\n", stderr);
}
