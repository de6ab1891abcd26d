/* Conversions, sorting and searching, integer arithmetic helpers, pseudo-random numbers
 * and the environment. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>

extern char **environ;

/* ---- string to integer ---------------------------------------------------------- */

static int digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

static int is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Parses [space][sign][prefix]digits. Returns the magnitude, saturated at `limit` with
 * *overflow set when it exceeds limit; *negative reports a '-' sign. *end gets the first
 * unparsed character, or s itself when there are no digits. */
static unsigned long long parse_uint(const char *s, char **end, int base, unsigned long long limit,
				     int *negative, int *overflow)
{
	const char *p = s;
	*negative = 0;
	*overflow = 0;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return 0;
	}
	while (is_space((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*negative = *p++ == '-';
	/* A "0x" prefix counts only when a hex digit follows; otherwise the "0" is the
	 * number and parsing stops at the 'x'. */
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_value((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	const char *digits = p;
	unsigned long long acc = 0;
	if (limit <= 0xffffffffULL) {
		/* 32-bit fast path: no 64-bit multiply or divide per digit. */
		uint32_t lim = (uint32_t)limit, cut = lim / (uint32_t)base, cutd = lim % (uint32_t)base, a = 0;
		int d;
		for (; (d = digit_value((unsigned char)*p)) < base; p++) {
			if (*overflow || a > cut || (a == cut && (uint32_t)d > cutd))
				*overflow = 1;
			else
				a = a * (uint32_t)base + (uint32_t)d;
		}
		acc = a;
	} else {
		unsigned long long cut = limit / (unsigned)base;
		unsigned cutd = (unsigned)(limit % (unsigned)base);
		int d;
		for (; (d = digit_value((unsigned char)*p)) < base; p++) {
			if (*overflow || acc > cut || (acc == cut && (unsigned)d > cutd))
				*overflow = 1;
			else
				acc = acc * (unsigned)base + (unsigned)d;
		}
	}
	if (p == digits) {
		if (end)
			*end = (char *)s;
		*negative = 0;
		return 0;
	}
	if (end)
		*end = (char *)p;
	if (*overflow)
		return limit;
	return acc;
}

unsigned long long strtoull(const char *s, char **end, int base)
{
	int neg, ovf;
	unsigned long long v = parse_uint(s, end, base, ULLONG_MAX, &neg, &ovf);
	if (ovf) {
		errno = ERANGE;
		return ULLONG_MAX;
	}
	return neg ? 0ULL - v : v;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	int neg, ovf;
	unsigned long v = (unsigned long)parse_uint(s, end, base, ULONG_MAX, &neg, &ovf);
	if (ovf) {
		errno = ERANGE;
		return ULONG_MAX;
	}
	return neg ? 0UL - v : v;
}

long long strtoll(const char *s, char **end, int base)
{
	int neg, ovf;
	/* Parse up to |LLONG_MIN|; a positive value may reach only LLONG_MAX. */
	unsigned long long v = parse_uint(s, end, base, (unsigned long long)LLONG_MAX + 1, &neg, &ovf);
	if (!neg && v > (unsigned long long)LLONG_MAX)
		ovf = 1;
	if (ovf) {
		errno = ERANGE;
		return neg ? LLONG_MIN : LLONG_MAX;
	}
	return neg ? (long long)(0ULL - v) : (long long)v;
}

long strtol(const char *s, char **end, int base)
{
	int neg, ovf;
	unsigned long v = (unsigned long)parse_uint(s, end, base, (unsigned long)LONG_MAX + 1, &neg, &ovf);
	if (!neg && v > (unsigned long)LONG_MAX)
		ovf = 1;
	if (ovf) {
		errno = ERANGE;
		return neg ? LONG_MIN : LONG_MAX;
	}
	return neg ? (long)(0UL - v) : (long)v;
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}

/* ---- integer helpers --------------------------------------------------------------- */

int abs(int x)
{
	return x < 0 ? -x : x;
}

long labs(long x)
{
	return x < 0 ? -x : x;
}

long long llabs(long long x)
{
	return x < 0 ? -x : x;
}

div_t div(int num, int den)
{
	div_t r = {num / den, num % den};
	return r;
}

ldiv_t ldiv(long num, long den)
{
	ldiv_t r = {num / den, num % den};
	return r;
}

/* ---- qsort: introsort ----------------------------------------------------------------
 * Quicksort with a median-of-three (ninther above 40 elements) pivot, insertion sort below 12 elements, recursion on
 * the smaller side only (O(log n) stack), and heapsort when the partitions degenerate
 * (depth > 2 log2 n), so the worst case is O(n log n). Not stable. */

typedef int (*cmp_fn)(const void *, const void *);

static void swap_bytes(char *a, char *b, size_t size)
{
	if (a == b)
		return;
	if (((uintptr_t)a | (uintptr_t)b | size) % sizeof(uint32_t) == 0) {
		uint32_t *x = (uint32_t *)(void *)a, *y = (uint32_t *)(void *)b;
		for (size_t i = 0; i < size / sizeof(uint32_t); i++) {
			uint32_t t = x[i];
			x[i] = y[i];
			y[i] = t;
		}
		return;
	}
	for (size_t i = 0; i < size; i++) {
		char t = a[i];
		a[i] = b[i];
		b[i] = t;
	}
}

static void insertion_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
	for (size_t i = 1; i < n; i++)
		for (char *p = base + i * size; p > base && cmp(p - size, p) > 0; p -= size)
			swap_bytes(p - size, p, size);
}

static void sift_down(char *base, size_t root, size_t n, size_t size, cmp_fn cmp)
{
	for (;;) {
		size_t child = 2 * root + 1;
		if (child >= n)
			return;
		if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap_bytes(base + root * size, base + child * size, size);
		root = child;
	}
}

static void heap_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(base, i, n, size, cmp);
	for (size_t end = n; end-- > 1;) {
		swap_bytes(base, base + end * size, size);
		sift_down(base, 0, end, size, cmp);
	}
}

static char *median3(char *a, char *b, char *c, cmp_fn cmp)
{
	if (cmp(a, b) < 0) {
		if (cmp(b, c) < 0)
			return b;
		return cmp(a, c) < 0 ? c : a;
	}
	if (cmp(a, c) < 0)
		return a;
	return cmp(b, c) < 0 ? c : b;
}

static void intro_sort(char *base, size_t n, size_t size, cmp_fn cmp, int depth)
{
	while (n > 12) {
		if (depth-- == 0) {
			heap_sort(base, n, size, cmp);
			return;
		}
		/* Pivot: median of first, middle and last, or for bigger arrays the median of
		 * three such medians (Tukey's ninther), moved to the front. */
		char *lo = base, *mid = base + (n / 2) * size, *hi = base + (n - 1) * size;
		if (n > 40) {
			size_t step = (n / 8) * size;
			lo = median3(lo, lo + step, lo + 2 * step, cmp);
			mid = median3(mid - step, mid, mid + step, cmp);
			hi = median3(hi - 2 * step, hi - step, hi, cmp);
		}
		swap_bytes(base, median3(lo, mid, hi, cmp), size);
		/* Hoare partition around base[0]; both scans stop on equal keys, which keeps
		 * runs of equal elements balanced. */
		size_t i = 0, j = n;
		for (;;) {
			do
				i++;
			while (i < n && cmp(base + i * size, base) < 0);
			do
				j--;
			while (cmp(base + j * size, base) > 0);
			if (i >= j)
				break;
			swap_bytes(base + i * size, base + j * size, size);
		}
		swap_bytes(base, base + j * size, size);
		/* Now [0, j) <= pivot, [j] = pivot, (j, n) >= pivot. */
		size_t left = j, right = n - j - 1;
		if (left < right) {
			intro_sort(base, left, size, cmp, depth);
			base += (j + 1) * size;
			n = right;
		} else {
			intro_sort(base + (j + 1) * size, right, size, cmp, depth);
			n = left;
		}
	}
	insertion_sort(base, n, size, cmp);
}

void qsort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *))
{
	if (count < 2 || size == 0)
		return;
	int depth = 0;
	for (size_t n = count; n > 1; n >>= 1)
		depth += 2;
	intro_sort(base, count, size, compare, depth);
}

void *bsearch(const void *key, const void *base, size_t count, size_t size,
	      int (*compare)(const void *, const void *))
{
	const char *lo = base;
	while (count > 0) {
		const char *mid = lo + (count / 2) * size;
		int c = compare(key, mid);
		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			lo = mid + size;
			count -= count / 2 + 1;
		} else {
			count /= 2;
		}
	}
	return NULL;
}

/* ---- rand: 64-bit LCG (Knuth's MMIX constants), output = bits 63..33 ----------------
 * srand(s) sets the state to s; the initial state is 1, as if srand(1) had run. */

static uint64_t rand_state = 1;

void srand(unsigned int seed)
{
	rand_state = seed;
}

int rand(void)
{
	rand_state = rand_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)(rand_state >> 33);
}

/* ---- environment -------------------------------------------------------------------- */

char *getenv(const char *name)
{
	if (!environ || !name)
		return NULL;
	size_t len = strlen(name);
	if (len == 0 || strchr(name, '='))
		return NULL;
	for (char **e = environ; *e; e++)
		if (strncmp(*e, name, len) == 0 && (*e)[len] == '=')
			return *e + len + 1;
	return NULL;
}
