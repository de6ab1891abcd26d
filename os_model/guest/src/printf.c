/* The printf family: one formatter writing into a "sink", which is either a bounded
 * string (snprintf) or a small staging buffer drained into a stream or descriptor.
 *
 * Integers are converted with 32-bit arithmetic whenever the value fits, so most guest
 * printf calls never reach libgcc's 64-bit division. Floating point is formatted from the
 * bits of the double with integer arithmetic only (see <stdio.h> for the limits). */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <limits.h>
#include "stdio_impl.h"

struct sink {
	/* String mode: str != NULL or cap == 0. Stream mode: file != NULL. Fd mode: fd >= 0. */
	char *str;
	size_t cap; /* bytes str can hold, including the terminating NUL */
	FILE *file;
	int fd;
	int error;
	size_t count; /* bytes produced so far (what printf returns) */
	size_t stage_len;
	char stage[256];
};

static void sink_drain(struct sink *o)
{
	if (o->stage_len == 0)
		return;
	if (o->file) {
		if (__stdio_write(o->file, o->stage, o->stage_len))
			o->error = 1;
	} else {
		const char *p = o->stage;
		size_t n = o->stage_len;
		while (n) {
			ssize_t r = write(o->fd, p, n);
			if (r < 0) {
				if (errno == EINTR)
					continue;
				o->error = 1;
				break;
			}
			p += r;
			n -= (size_t)r;
		}
	}
	o->stage_len = 0;
}

static void emit(struct sink *o, const char *s, size_t n)
{
	if (o->file || o->fd >= 0) {
		while (n) {
			size_t room = sizeof o->stage - o->stage_len;
			if (room == 0) {
				sink_drain(o);
				room = sizeof o->stage;
			}
			size_t take = n < room ? n : room;
			memcpy(o->stage + o->stage_len, s, take);
			o->stage_len += take;
			s += take;
			n -= take;
			o->count += take;
		}
		return;
	}
	if (o->cap > 1 && o->count < o->cap - 1) {
		size_t room = o->cap - 1 - o->count;
		memcpy(o->str + o->count, s, n < room ? n : room);
	}
	o->count += n;
}

static void emit_repeat(struct sink *o, char c, int n)
{
	char chunk[32];
	if (n <= 0)
		return;
	memset(chunk, c, n < (int)sizeof chunk ? (size_t)n : sizeof chunk);
	while (n > 0) {
		int take = n < (int)sizeof chunk ? n : (int)sizeof chunk;
		emit(o, chunk, (size_t)take);
		n -= take;
	}
}

#define FL_LEFT 0x01
#define FL_PLUS 0x02
#define FL_SPACE 0x04
#define FL_ALT 0x08
#define FL_ZERO 0x10

/* Writes digits of v in base (8, 10 or 16) backwards ending at end; returns the start. */
static char *utoa_rev(char *end, unsigned long long v, unsigned base, const char *digits)
{
	char *p = end;
	if (base == 16) {
		do {
			*--p = digits[v & 15];
			v >>= 4;
		} while (v);
	} else if (base == 8) {
		do {
			*--p = (char)('0' + (v & 7));
			v >>= 3;
		} while (v);
	} else {
		while (v > 0xffffffffULL) {
			*--p = (char)('0' + (unsigned)(v % 10));
			v /= 10;
		}
		uint32_t w = (uint32_t)v;
		do {
			*--p = (char)('0' + w % 10);
			w /= 10;
		} while (w);
	}
	return p;
}

/* Lays out [sign][prefix][zeros][body] padded to width, honouring '-' and '0'. */
static void emit_field(struct sink *o, int flags, int width, const char *sign, const char *prefix, int zeros,
		       const char *body, int body_len)
{
	int slen = (int)strlen(sign), plen = (int)strlen(prefix);
	int total = slen + plen + zeros + body_len;
	int pad = width > total ? width - total : 0;
	if (!(flags & FL_LEFT) && !(flags & FL_ZERO))
		emit_repeat(o, ' ', pad);
	emit(o, sign, (size_t)slen);
	emit(o, prefix, (size_t)plen);
	if (!(flags & FL_LEFT) && (flags & FL_ZERO))
		emit_repeat(o, '0', pad);
	emit_repeat(o, '0', zeros);
	emit(o, body, (size_t)body_len);
	if (flags & FL_LEFT)
		emit_repeat(o, ' ', pad);
}

static void format_int(struct sink *o, int flags, int width, int prec, int conv, unsigned long long v,
		       int negative)
{
	char buf[32];
	char *end = buf + sizeof buf;
	unsigned base = conv == 'o' ? 8 : (conv == 'x' || conv == 'X' || conv == 'p') ? 16 : 10;
	const char *digits = conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	char *start;
	if (prec == 0 && v == 0)
		start = end; /* "%.0d" of 0 prints no digits */
	else
		start = utoa_rev(end, v, base, digits);
	int ndig = (int)(end - start);
	const char *sign = "";
	if (conv == 'd' || conv == 'i') {
		if (negative)
			sign = "-";
		else if (flags & FL_PLUS)
			sign = "+";
		else if (flags & FL_SPACE)
			sign = " ";
	}
	const char *prefix = "";
	if (conv == 'p')
		prefix = "0x";
	else if ((flags & FL_ALT) && v != 0 && conv == 'x')
		prefix = "0x";
	else if ((flags & FL_ALT) && v != 0 && conv == 'X')
		prefix = "0X";
	int zeros = prec > ndig ? prec - ndig : 0;
	/* '#' with 'o' makes the first digit a zero. */
	if (conv == 'o' && (flags & FL_ALT) && zeros == 0 && (ndig == 0 || *start != '0'))
		zeros = 1;
	if (prec >= 0)
		flags &= ~FL_ZERO;
	emit_field(o, flags, width, sign, prefix, zeros, start, ndig);
}

/* Decimal digits of mant * 2^shift (an integer of up to 1024 bits), written backwards
 * ending at end; returns the start. Only used for |x| >= 2^64, so speed does not matter. */
static char *bigint_to_dec(char *end, uint64_t mant, int shift)
{
	uint32_t w[34]; /* little-endian 32-bit limbs */
	int n = 34;
	memset(w, 0, sizeof w);
	int limb = shift / 32, bit = shift % 32;
	w[limb] = (uint32_t)(mant << bit);
	w[limb + 1] = (uint32_t)(mant >> (32 - bit)); /* bit < 32, so the shift is 1..32 */
	if (bit)
		w[limb + 2] = (uint32_t)(mant >> (64 - bit));
	while (n > 0 && w[n - 1] == 0)
		n--;
	char *p = end;
	while (n > 0) {
		/* Divide by 10^9, collecting the remainder as nine digits. */
		uint64_t rem = 0;
		for (int i = n - 1; i >= 0; i--) {
			uint64_t cur = (rem << 32) | w[i];
			w[i] = (uint32_t)(cur / 1000000000u);
			rem = cur % 1000000000u;
		}
		while (n > 0 && w[n - 1] == 0)
			n--;
		uint32_t r = (uint32_t)rem;
		for (int k = 0; k < 9 && (n > 0 || r); k++) {
			*--p = (char)('0' + r % 10);
			r /= 10;
		}
	}
	if (p == end)
		*--p = '0';
	return p;
}

#define FLOAT_MAX_PREC 64

/* Adds one unit in the last place to the decimal digits; returns 1 on carry out. */
static int round_digits_up(char *dig, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		if (dig[i] == '9') {
			dig[i] = '0';
		} else {
			dig[i]++;
			return 0;
		}
	}
	return 1;
}

/* First n decimal digits of the fraction mant / 2^fbits (fbits > 60, value < 1), exactly,
 * with a multi-word fraction. Returns whether they must be rounded up (nearest, ties to
 * even; with n == 0 the integer part 0 is even). */
static int big_fraction_digits(uint64_t mant, int fbits, char *dig, int n)
{
	uint32_t w[36];
	int words = (fbits + 31) / 32;
	int sh = words * 32 - fbits;
	memset(w, 0, sizeof w);
	w[0] = (uint32_t)(mant << sh);
	w[1] = (uint32_t)(mant >> (32 - sh)); /* sh < 32: shift is 1..32 */
	if (sh)
		w[2] = (uint32_t)(mant >> (64 - sh));
	int low = 0; /* w[0..low) are zero and stay zero under *10 */
	for (int d = 0; d < n; d++) {
		while (low < words && w[low] == 0)
			low++;
		uint32_t carry = 0;
		for (int i = low; i < words; i++) {
			uint64_t t = (uint64_t)w[i] * 10u + carry;
			w[i] = (uint32_t)t;
			carry = (uint32_t)(t >> 32);
		}
		dig[d] = (char)('0' + carry);
	}
	uint32_t topw = w[words - 1];
	int rest = 0;
	for (int i = 0; i < words - 1; i++)
		rest |= w[i] != 0;
	if (topw != 0x80000000u)
		return topw > 0x80000000u;
	if (rest)
		return 1;
	return n ? (dig[n - 1] - '0') & 1 : 0;
}

/* %f from the IEEE-754 bits (value = mant * 2^exp2) with integer arithmetic only. The
 * integer part is exact; the fraction is exact when it fits in 60 bits. Rounds to
 * nearest, ties to even. */
static void format_float(struct sink *o, int flags, int width, int prec, int conv, double d)
{
	union {
		double d;
		uint64_t u;
	} bits = {d};
	int negative = (int)(bits.u >> 63);
	int bexp = (int)((bits.u >> 52) & 0x7ff);
	uint64_t mant = bits.u & ((1ULL << 52) - 1);
	int upper = conv == 'F' || conv == 'E' || conv == 'G' || conv == 'A';
	const char *sign = negative ? "-" : (flags & FL_PLUS) ? "+" : (flags & FL_SPACE) ? " " : "";
	if (bexp == 0x7ff) {
		const char *s = mant ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
		emit_field(o, flags & ~FL_ZERO, width, sign, "", 0, s, 3);
		return;
	}
	int is_g = conv == 'g' || conv == 'G';
	if (prec < 0)
		prec = 6;
	if (prec > FLOAT_MAX_PREC)
		prec = FLOAT_MAX_PREC;
	if (bexp)
		mant |= 1ULL << 52;
	else
		bexp = 1;
	int exp2 = bexp - 1075;

	char ibuf[330];
	char *iend = ibuf + sizeof ibuf, *istart;
	uint64_t frac = 0;
	int fbits = 0; /* the fractional part is frac / 2^fbits */
	uint64_t ipart = 0;
	int big_fraction = 0;
	if (exp2 > 11) {
		istart = bigint_to_dec(iend, mant, exp2);
	} else {
		if (exp2 >= 0) {
			ipart = mant << exp2;
		} else if (exp2 >= -60) {
			fbits = -exp2;
			ipart = mant >> fbits;
			frac = mant & ((1ULL << fbits) - 1);
		} else {
			big_fraction = 1; /* |x| < 2^-7 */
		}
		istart = NULL;
	}
	char fdig[FLOAT_MAX_PREC + 4]; /* slack keeps GCC -O3 vectorizer warnings quiet */
	int nf = prec;
	if (big_fraction) {
		if (big_fraction_digits(mant, -exp2, fdig, nf))
			round_digits_up(fdig, nf);
		istart = utoa_rev(iend, 0, 10, "0123456789");
		goto layout;
	}
	for (int i = 0; i < nf; i++) {
		if (fbits) {
			frac *= 10;
			fdig[i] = (char)('0' + (int)(frac >> fbits));
			frac &= (1ULL << fbits) - 1;
		} else {
			fdig[i] = '0';
		}
	}
	if (fbits) {
		uint64_t half = 1ULL << (fbits - 1);
		int last_odd = nf ? (fdig[nf - 1] - '0') & 1 : (int)(ipart & 1);
		if (frac > half || (frac == half && last_odd))
			if (round_digits_up(fdig, nf))
				ipart++; /* ipart < 2^53 here, no overflow */
	}
	if (!istart)
		istart = utoa_rev(iend, ipart, 10, "0123456789");
layout:
	if (is_g && !(flags & FL_ALT))
		while (nf > 0 && fdig[nf - 1] == '0')
			nf--;
	char body[sizeof ibuf + 2 + FLOAT_MAX_PREC];
	int blen = (int)(iend - istart);
	memcpy(body, istart, (size_t)blen);
	if (nf > 0 || (flags & FL_ALT))
		body[blen++] = '.';
	memcpy(body + blen, fdig, (size_t)nf);
	blen += nf;
	emit_field(o, flags, width, sign, "", 0, body, blen);
}

static int do_format(struct sink *o, const char *fmt, va_list ap)
{
	while (*fmt) {
		if (*fmt != '%') {
			const char *p = fmt;
			while (*p && *p != '%')
				p++;
			emit(o, fmt, (size_t)(p - fmt));
			fmt = p;
			continue;
		}
		const char *spec_start = fmt++;
		int flags = 0;
		for (;; fmt++) {
			if (*fmt == '-')
				flags |= FL_LEFT;
			else if (*fmt == '+')
				flags |= FL_PLUS;
			else if (*fmt == ' ')
				flags |= FL_SPACE;
			else if (*fmt == '#')
				flags |= FL_ALT;
			else if (*fmt == '0')
				flags |= FL_ZERO;
			else
				break;
		}
		int width = 0;
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= FL_LEFT;
				width = width == INT_MIN ? INT_MAX : -width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				width = width * 10 + (*fmt++ - '0');
		}
		int prec = -1;
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				if (prec < 0)
					prec = -1;
				fmt++;
			} else {
				prec = 0;
				while (*fmt >= '0' && *fmt <= '9')
					prec = prec * 10 + (*fmt++ - '0');
			}
		}
		/* Length: 'H' = hh, 'h', 0 = int, 'l' = long, 'L' = long long / intmax (64-bit),
		 * 'z' = size_t/ptrdiff_t (32-bit here). */
		int len = 0;
		switch (*fmt) {
		case 'h':
			len = 'h';
			if (*++fmt == 'h') {
				len = 'H';
				fmt++;
			}
			break;
		case 'l':
			len = 'l';
			if (*++fmt == 'l') {
				len = 'L';
				fmt++;
			}
			break;
		case 'q':
		case 'j':
		case 'L':
			len = 'L';
			fmt++;
			break;
		case 'z':
		case 't':
			len = 'z';
			fmt++;
			break;
		}
		int conv = *fmt;
		if (conv)
			fmt++;
		switch (conv) {
		case 'd':
		case 'i': {
			long long v;
			if (len == 'L')
				v = va_arg(ap, long long);
			else if (len == 'l')
				v = va_arg(ap, long);
			else if (len == 'z')
				v = va_arg(ap, ssize_t);
			else
				v = va_arg(ap, int);
			if (len == 'h')
				v = (short)v;
			else if (len == 'H')
				v = (signed char)v;
			int neg = v < 0;
			unsigned long long u = neg ? 0ULL - (unsigned long long)v : (unsigned long long)v;
			format_int(o, flags, width, prec, conv, u, neg);
			break;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o': {
			unsigned long long v;
			if (len == 'L')
				v = va_arg(ap, unsigned long long);
			else if (len == 'l')
				v = va_arg(ap, unsigned long);
			else if (len == 'z')
				v = va_arg(ap, size_t);
			else
				v = va_arg(ap, unsigned int);
			if (len == 'h')
				v = (unsigned short)v;
			else if (len == 'H')
				v = (unsigned char)v;
			format_int(o, flags & ~(FL_PLUS | FL_SPACE), width, prec, conv, v, 0);
			break;
		}
		case 'p': {
			void *p = va_arg(ap, void *);
			if (!p)
				emit_field(o, flags & ~FL_ZERO, width, "", "", 0, "(nil)", 5);
			else
				format_int(o, flags, width, prec, 'p', (uintptr_t)p, 0);
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			emit_field(o, flags & ~FL_ZERO, width, "", "", 0, &c, 1);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			int n = (int)(prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s));
			emit_field(o, flags & ~FL_ZERO, width, "", "", 0, s, n);
			break;
		}
		case 'n': {
			void *p = va_arg(ap, void *);
			if (len == 'L')
				*(long long *)p = (long long)o->count;
			else if (len == 'l' || len == 'z')
				*(long *)p = (long)o->count;
			else if (len == 'h')
				*(short *)p = (short)o->count;
			else if (len == 'H')
				*(signed char *)p = (signed char)o->count;
			else
				*(int *)p = (int)o->count;
			break;
		}
		case 'f':
		case 'F':
		case 'e':
		case 'E':
		case 'g':
		case 'G':
		case 'a':
		case 'A':
			format_float(o, flags, width, prec, conv, va_arg(ap, double));
			break;
		case '%':
			emit(o, "%", 1);
			break;
		default:
			/* Unknown conversion: print it literally. */
			emit(o, spec_start, (size_t)(fmt - spec_start));
			break;
		}
	}
	if (o->count > INT_MAX) {
		errno = EINVAL; /* POSIX says EOVERFLOW, which <errno.h> does not define */
		return -1;
	}
	return (int)o->count;
}

static void sink_init(struct sink *o, char *str, size_t cap, FILE *file, int fd)
{
	o->str = str;
	o->cap = cap;
	o->file = file;
	o->fd = fd;
	o->error = 0;
	o->count = 0;
	o->stage_len = 0;
}

int vsnprintf(char *__restrict s, size_t n, const char *__restrict fmt, va_list ap)
{
	struct sink o;
	sink_init(&o, s, n, NULL, -1);
	int r = do_format(&o, fmt, ap);
	if (n > 0)
		s[o.count < n - 1 ? o.count : n - 1] = 0;
	return r;
}

int vsprintf(char *__restrict s, const char *__restrict fmt, va_list ap)
{
	return vsnprintf(s, (size_t)INT_MAX + 1, fmt, ap);
}

int vfprintf(FILE *__restrict f, const char *__restrict fmt, va_list ap)
{
	struct sink o;
	sink_init(&o, NULL, 0, f, -1);
	int r = do_format(&o, fmt, ap);
	sink_drain(&o);
	return o.error ? -1 : r;
}

int vdprintf(int fd, const char *__restrict fmt, va_list ap)
{
	struct sink o;
	sink_init(&o, NULL, 0, NULL, fd);
	int r = do_format(&o, fmt, ap);
	sink_drain(&o);
	return o.error ? -1 : r;
}

int vprintf(const char *__restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *__restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}

int fprintf(FILE *__restrict f, const char *__restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

int dprintf(int fd, const char *__restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vdprintf(fd, fmt, ap);
	va_end(ap);
	return r;
}

int sprintf(char *__restrict s, const char *__restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsprintf(s, fmt, ap);
	va_end(ap);
	return r;
}

int snprintf(char *__restrict s, size_t n, const char *__restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsnprintf(s, n, fmt, ap);
	va_end(ap);
	return r;
}
