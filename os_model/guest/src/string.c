/* String and memory functions. Written for clarity first; the block operations
 * (memcpy, memmove, memset) move whole words when the pointers allow it, because guest
 * programs spend measurable simulated time in them. */
#include <string.h>
#include <stdint.h>
#include <stdlib.h>
#include <errno.h>

/* A word type the compiler may assume aliases anything (we read chars through it). */
typedef uint32_t __attribute__((may_alias)) word_t;
#define WORD sizeof(word_t)
#define ALIGNED(p) (((uintptr_t)(p) & (WORD - 1)) == 0)

void *memcpy(void *__restrict dst, const void *__restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if ((((uintptr_t)d ^ (uintptr_t)s) & (WORD - 1)) == 0) {
		while (n && !ALIGNED(d)) {
			*d++ = *s++;
			n--;
		}
		word_t *dw = (word_t *)d;
		const word_t *sw = (const word_t *)s;
		while (n >= 4 * WORD) {
			word_t a = sw[0], b = sw[1], c = sw[2], e = sw[3];
			dw[0] = a;
			dw[1] = b;
			dw[2] = c;
			dw[3] = e;
			dw += 4;
			sw += 4;
			n -= 4 * WORD;
		}
		while (n >= WORD) {
			*dw++ = *sw++;
			n -= WORD;
		}
		d = (unsigned char *)dw;
		s = (const unsigned char *)sw;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d == s || n == 0)
		return dst;
	/* Forward copy is safe when the destination starts before the source, or when the
	 * regions do not overlap at all. */
	if ((uintptr_t)d < (uintptr_t)s || (uintptr_t)d >= (uintptr_t)s + n) {
		if ((uintptr_t)d + n <= (uintptr_t)s || (uintptr_t)d >= (uintptr_t)s + n)
			return memcpy(dst, src, n);
		while (n--)
			*d++ = *s++;
		return dst;
	}
	/* Destination overlaps the tail of the source: copy backwards. */
	d += n;
	s += n;
	if ((((uintptr_t)d ^ (uintptr_t)s) & (WORD - 1)) == 0) {
		while (n && !ALIGNED(d)) {
			*--d = *--s;
			n--;
		}
		while (n >= WORD) {
			d -= WORD;
			s -= WORD;
			*(word_t *)d = *(const word_t *)s;
			n -= WORD;
		}
	}
	while (n--)
		*--d = *--s;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	unsigned char b = (unsigned char)c;
	while (n && !ALIGNED(d)) {
		*d++ = b;
		n--;
	}
	word_t w = b * 0x01010101u;
	word_t *dw = (word_t *)d;
	while (n >= 4 * WORD) {
		dw[0] = w;
		dw[1] = w;
		dw[2] = w;
		dw[3] = w;
		dw += 4;
		n -= 4 * WORD;
	}
	while (n >= WORD) {
		*dw++ = w;
		n -= WORD;
	}
	d = (unsigned char *)dw;
	while (n--)
		*d++ = b;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p < *q ? -1 : 1;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	unsigned char b = (unsigned char)c;
	for (; n; n--, p++)
		if (*p == b)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;
	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
	size_t i = 0;
	while (i < max && s[i])
		i++;
	return i;
}

char *strcpy(char *__restrict dst, const char *__restrict src)
{
	char *d = dst;
	while ((*d++ = *src++) != 0)
		;
	return dst;
}

char *strncpy(char *__restrict dst, const char *__restrict src, size_t n)
{
	size_t i = 0;
	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = 0;
	return dst;
}

char *strcat(char *__restrict dst, const char *__restrict src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

char *strncat(char *__restrict dst, const char *__restrict src, size_t n)
{
	char *d = dst + strlen(dst);
	while (n-- && *src)
		*d++ = *src++;
	*d = 0;
	return dst;
}

int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	while (*p && *p == *q) {
		p++;
		q++;
	}
	return (int)*p - (int)*q;
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	for (; n; n--, p++, q++) {
		if (*p != *q)
			return (int)*p - (int)*q;
		if (!*p)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	char ch = (char)c;
	for (;; s++) {
		if (*s == ch)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	char ch = (char)c;
	const char *last = NULL;
	for (;; s++) {
		if (*s == ch)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *strstr(const char *haystack, const char *needle)
{
	size_t len = strlen(needle);
	if (len == 0)
		return (char *)haystack;
	for (; (haystack = strchr(haystack, *needle)) != NULL; haystack++)
		if (strncmp(haystack, needle, len) == 0)
			return (char *)haystack;
	return NULL;
}

char *strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	return d ? memcpy(d, s, n) : NULL;
}

char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = malloc(len + 1);
	if (!d)
		return NULL;
	memcpy(d, s, len);
	d[len] = 0;
	return d;
}

/* A 256-bit membership set for the span/break family. */
struct byteset {
	uint32_t bits[8];
};

static void byteset_init(struct byteset *set, const char *chars)
{
	for (int i = 0; i < 8; i++)
		set->bits[i] = 0;
	for (const unsigned char *p = (const unsigned char *)chars; *p; p++)
		set->bits[*p >> 5] |= 1u << (*p & 31);
}

static int byteset_has(const struct byteset *set, unsigned char c)
{
	return (set->bits[c >> 5] >> (c & 31)) & 1;
}

size_t strspn(const char *s, const char *accept)
{
	struct byteset set;
	byteset_init(&set, accept);
	size_t i = 0;
	while (s[i] && byteset_has(&set, (unsigned char)s[i]))
		i++;
	return i;
}

size_t strcspn(const char *s, const char *reject)
{
	struct byteset set;
	byteset_init(&set, reject);
	size_t i = 0;
	while (s[i] && !byteset_has(&set, (unsigned char)s[i]))
		i++;
	return i;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

char *strtok_r(char *__restrict s, const char *__restrict delim, char **__restrict save)
{
	if (!s)
		s = *save;
	if (!s)
		return NULL;
	s += strspn(s, delim);
	if (!*s) {
		*save = NULL;
		return NULL;
	}
	char *end = s + strcspn(s, delim);
	if (*end) {
		*end = 0;
		*save = end + 1;
	} else {
		*save = NULL;
	}
	return s;
}

char *strtok(char *__restrict s, const char *__restrict delim)
{
	static char *save;
	return strtok_r(s, delim, &save);
}

static int lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

int strcasecmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	while (*p && lower(*p) == lower(*q)) {
		p++;
		q++;
	}
	return lower(*p) - lower(*q);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	for (; n; n--, p++, q++) {
		int d = lower(*p) - lower(*q);
		if (d)
			return d;
		if (!*p)
			break;
	}
	return 0;
}

/* Messages for the error numbers <errno.h> defines (Linux's wording). */
static const struct {
	int num;
	const char *msg;
} error_messages[] = {
	{0, "Success"},
	{EPERM, "Operation not permitted"},
	{ENOENT, "No such file or directory"},
	{ESRCH, "No such process"},
	{EINTR, "Interrupted system call"},
	{EIO, "Input/output error"},
	{ENXIO, "No such device or address"},
	{E2BIG, "Argument list too long"},
	{ENOEXEC, "Exec format error"},
	{EBADF, "Bad file descriptor"},
	{ECHILD, "No child processes"},
	{EAGAIN, "Resource temporarily unavailable"},
	{ENOMEM, "Cannot allocate memory"},
	{EACCES, "Permission denied"},
	{EFAULT, "Bad address"},
	{EBUSY, "Device or resource busy"},
	{EEXIST, "File exists"},
	{EXDEV, "Invalid cross-device link"},
	{ENODEV, "No such device"},
	{ENOTDIR, "Not a directory"},
	{EISDIR, "Is a directory"},
	{EINVAL, "Invalid argument"},
	{ENFILE, "Too many open files in system"},
	{EMFILE, "Too many open files"},
	{ENOTTY, "Inappropriate ioctl for device"},
	{EFBIG, "File too large"},
	{ENOSPC, "No space left on device"},
	{ESPIPE, "Illegal seek"},
	{EROFS, "Read-only file system"},
	{EMLINK, "Too many links"},
	{EPIPE, "Broken pipe"},
	{EDOM, "Numerical argument out of domain"},
	{ERANGE, "Numerical result out of range"},
	{ENOSYS, "Function not implemented"},
	{ENAMETOOLONG, "File name too long"},
	{ELOOP, "Too many levels of symbolic links"},
};

char *strerror(int errnum)
{
	for (size_t i = 0; i < sizeof error_messages / sizeof error_messages[0]; i++)
		if (error_messages[i].num == errnum)
			return (char *)error_messages[i].msg;
	/* "Unknown error N", built without stdio. */
	static char buf[32];
	static const char prefix[] = "Unknown error ";
	memcpy(buf, prefix, sizeof prefix - 1);
	char digits[12];
	int nd = 0;
	unsigned int u = errnum < 0 ? 0u - (unsigned int)errnum : (unsigned int)errnum;
	do {
		digits[nd++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	char *p = buf + sizeof prefix - 1;
	if (errnum < 0)
		*p++ = '-';
	while (nd)
		*p++ = digits[--nd];
	*p = 0;
	return buf;
}
