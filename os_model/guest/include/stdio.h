/* Buffered standard I/O (a subset of ISO C plus a few POSIX additions).
 *
 * stdin is fully buffered, stdout is line-buffered when it is a terminal and fully
 * buffered otherwise (decided at its first use), stderr is unbuffered. exit() flushes
 * every stream. printf supports the integer conversions (d i u x X o c s p n %) with all
 * flags, widths, precisions and length modifiers. Floating point: %f/%F are formatted from
 * the double's bits with integer arithmetic only (exact for |x| < 2^64 whose binary
 * fraction needs at most 60 bits, otherwise the fraction is truncated to 60 bits);
 * %e %E %g %G %a %A are NOT implemented faithfully: they print as %f would (for %g/%G
 * with trailing zeros removed unless '#'). inf and nan print as "inf"/"nan". */
#ifndef _DYNSIM_STDIO_H
#define _DYNSIM_STDIO_H

#include <stddef.h>
#include <stdarg.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _dynsim_FILE FILE;
typedef long long fpos_t;

#define EOF (-1)
#define BUFSIZ 4096
#define FILENAME_MAX 4096
#define FOPEN_MAX 64

#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;
#define stdin stdin
#define stdout stdout
#define stderr stderr

FILE *fopen(const char *__restrict path, const char *__restrict mode);
FILE *fdopen(int fd, const char *mode);
int fclose(FILE *f);
int fflush(FILE *f);
int setvbuf(FILE *__restrict f, char *__restrict buf, int mode, size_t size);
void setbuf(FILE *__restrict f, char *__restrict buf);
int fileno(FILE *f);

size_t fread(void *__restrict ptr, size_t size, size_t count, FILE *__restrict f);
size_t fwrite(const void *__restrict ptr, size_t size, size_t count, FILE *__restrict f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
char *fgets(char *__restrict s, int size, FILE *__restrict f);
int ungetc(int c, FILE *f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *__restrict s, FILE *__restrict f);
int puts(const char *s);

int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int fseek(FILE *f, long offset, int whence);
long ftell(FILE *f);
void rewind(FILE *f);
void perror(const char *s);

int printf(const char *__restrict fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *__restrict f, const char *__restrict fmt, ...) __attribute__((format(printf, 2, 3)));
int dprintf(int fd, const char *__restrict fmt, ...) __attribute__((format(printf, 2, 3)));
int sprintf(char *__restrict s, const char *__restrict fmt, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *__restrict s, size_t n, const char *__restrict fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vprintf(const char *__restrict fmt, va_list ap) __attribute__((format(printf, 1, 0)));
int vfprintf(FILE *__restrict f, const char *__restrict fmt, va_list ap) __attribute__((format(printf, 2, 0)));
int vdprintf(int fd, const char *__restrict fmt, va_list ap) __attribute__((format(printf, 2, 0)));
int vsprintf(char *__restrict s, const char *__restrict fmt, va_list ap) __attribute__((format(printf, 2, 0)));
int vsnprintf(char *__restrict s, size_t n, const char *__restrict fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#ifdef __cplusplus
}
#endif

#endif
