/* printf family: every integer conversion, flag, width, precision and length modifier,
 * snprintf truncation and return values, %n, the stream entry points, and a few %f
 * values (formatted with integer arithmetic in the runtime). */
#include <stdio.h>
#include <stdarg.h>
#include <stdint.h>
#include <stddef.h>
#include <limits.h>
#include <string.h>
#include <sys/types.h>

static int line_no;

/* Formats into a buffer and prints "N: [result] length". */
#define T(...)                                                           \
	do {                                                             \
		char buf_[128];                                          \
		int n_ = snprintf(buf_, sizeof buf_, __VA_ARGS__);       \
		printf("%d: [%s] %d\n", ++line_no, buf_, n_);            \
	} while (0)

static int my_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vprintf(fmt, ap);
	va_end(ap);
	return r;
}

static int my_vsprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsprintf(buf, fmt, ap);
	va_end(ap);
	return r;
}

int main(void)
{
	/* d i u x X o */
	T("%d", 0);
	T("%d", 42);
	T("%d", -42);
	T("%d", INT_MIN);
	T("%d", INT_MAX);
	T("%i", -7);
	T("%u", 4294967295u);
	T("%u", 0u);
	T("%u", -1);
	T("%x", 0xdeadbeefu);
	T("%X", 0xdeadbeefu);
	T("%x", 0u);
	T("%o", 8u);
	T("%o", 0u);
	/* # */
	T("%#x", 255u);
	T("%#X", 255u);
	T("%#x", 0u);
	T("%#o", 8u);
	T("%#o", 0u);
	/* c s % */
	T("%c", 'A');
	T("%5c|", 'B');
	T("%-5c|", 'B');
	T("%s", "hello");
	T("%.3s", "hello");
	T("%10s|", "hi");
	T("%-10s|", "hi");
	T("%10.2s|", "hello");
	T("%.0s|", "hello");
	T("100%%");
	/* width, -, 0, +, space */
	T("%5d|", 42);
	T("%-5d|", 42);
	T("%05d", 42);
	T("%05d", -42);
	T("%+d", 42);
	T("%+d", -42);
	T("% d", 42);
	T("% d", -42);
	T("%+ d", 5);
	T("%-+6d|", 7);
	T("% 05d", 3);
	/* precision */
	T("%.5d", 42);
	T("%.5d", -42);
	T("%8.5d|", 42);
	T("%-8.5d|", -42);
	T("%08.5d|", 42);
	T("%.0d|", 0);
	T("%5.0d|", 0);
	T("%.0x|", 0u);
	T("%#.0o|", 0u);
	T("%#.3o", 8u);
	T("%.10d", INT_MIN);
	T("%.12d", INT_MIN);
	T("%#5x|", 255u);
	T("%#-8x|", 255u);
	T("%#08x", 255u);
	/* * for width and precision */
	T("%*d|", 6, 42);
	T("%*d|", -6, 42);
	T("%.*d", 4, 7);
	T("%.*d", -1, 7);
	T("%*.*s|", 6, 2, "abcdef");
	/* hh h */
	T("%hhd", 300);
	T("%hhd", 200);
	T("%hhu", 511);
	T("%hhx", -1);
	T("%hd", 70000);
	T("%hd", 40000);
	T("%hu", 70000);
	T("%hx", 0x12345);
	/* l ll */
	T("%ld", -123456789L);
	T("%lu", 4000000000UL);
	T("%lx", 0xabcdef01UL);
	T("%lld", LLONG_MIN);
	T("%lld", LLONG_MAX);
	T("%llu", ULLONG_MAX);
	T("%llx", ULLONG_MAX);
	T("%llo", ULLONG_MAX);
	T("%#llX", 0x123456789abcdefULL);
	T("%llX", 0xfedcba9876543210ULL);
	T("%lld", 1234567890123LL);
	T("%+020lld|", 1234567890123LL);
	T("%lli", -1LL);
	T("%llu", 10000000000000000000ULL);
	/* z j t */
	T("%zu", (size_t)123);
	T("%zd", (ssize_t)-5);
	T("%zx", (size_t)0xffffffffu);
	T("%jd", (intmax_t)-9000000000LL);
	T("%ju", (uintmax_t)9000000000ULL);
	T("%td", (ptrdiff_t)-3);
	/* p */
	T("%p", (void *)0x1234);
	T("%p", (void *)0);
	T("%12p|", (void *)0xabc);
	T("%-12p|", (void *)0xabc);
	/* mixed, and arguments of different sizes in one call */
	T("%d %s %c %x", 1, "two", '3', 4u);
	T("%d|%lld|%d", 1, -2LL, 3);
	T("%hhd%hd%ld%lld%zd", (signed char)1, (short)2, 3L, 4LL, (ssize_t)5);

	/* %n */
	{
		int n = -1;
		char buf[32];
		int r = snprintf(buf, sizeof buf, "ab%ncd", &n);
		printf("%d: n [%s] %d %d\n", ++line_no, buf, r, n);
	}
	/* snprintf truncation: returns the length the full output would have had */
	{
		char buf[16];
		memset(buf, 'X', sizeof buf);
		int r = snprintf(buf, 5, "%d", 123456);
		printf("%d: trunc [%s] %d %c\n", ++line_no, buf, r, buf[5]);
		r = snprintf(buf, 1, "abc");
		printf("%d: trunc [%s] %d\n", ++line_no, buf, r);
		r = snprintf(NULL, 0, "%s-%d", "xy", 99);
		printf("%d: null %d\n", ++line_no, r);
		r = snprintf(buf, 6, "%-8s|", "ab");
		printf("%d: trunc [%s] %d\n", ++line_no, buf, r);
		buf[0] = 'Q';
		r = snprintf(buf, 0, "zzz");
		printf("%d: zero %c %d\n", ++line_no, buf[0], r);
		r = sprintf(buf, "%05d", 3);
		printf("%d: sprintf [%s] %d\n", ++line_no, buf, r);
		r = my_vsprintf(buf, "<%s>", "v");
		printf("%d: vsprintf [%s] %d\n", ++line_no, buf, r);
	}
	/* floating point (integer-only formatter) */
	T("%f", 3.5);
	T("%.2f", 2.675);
	T("%.0f", 0.5);
	T("%.0f", 1.5);
	T("%.0f", 2.5);
	T("%.3f", -0.0005);
	T("%8.3f|", 3.14159);
	T("%-8.1f|", -2.25);
	T("%+.1f", 0.05);
	T("%f", 1e20);
	T("%.1f", 123456789.0);
	T("%f", 0.0);
	T("%010.2f", -1.5);
	T("%.10f", 1e-5);
	T("%.20f", 0.1);
	T("%.3f", 1e-300);
	T("%f", 5e-324);
	T("%.0f", 1e22);
	T("%.1f", 18446744073709551616.0);
	T("%.2f", 0.125);
	T("%.2f", 0.375);

	/* the stream functions, interleaved with a direct write to fd 1 */
	int r = printf("%s", "printf ");
	r += fprintf(stdout, "%d ", r);
	r += my_printf("vprintf %d\n", r);
	printf("total %d\n", r);
	fputs("fputs\n", stdout);
	puts("puts");
	putchar('c');
	putc('h', stdout);
	fputc('\n', stdout);
	fwrite("fwrite 12345\n", 1, 13, stdout);
	fflush(stdout);
	dprintf(1, "dprintf %d\n", 17);
	fprintf(stderr, "this goes to stderr %d\n", 5);
	printf("end\n");
	return 0;
}
