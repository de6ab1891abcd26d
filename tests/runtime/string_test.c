/* <string.h>, <ctype.h>, string-to-integer conversions, qsort/bsearch, rand, and the
 * small <stdlib.h> helpers. Each line states inputs and results so the expected output
 * can be checked by reading it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <assert.h>

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void test_memory(void)
{
	char buf[64];
	/* memmove in both directions with overlap, at odd offsets to hit the byte paths */
	strcpy(buf, "0123456789abcdefghij");
	memmove(buf + 3, buf + 1, 10);
	printf("memmove fwd-overlap: %s\n", buf);
	strcpy(buf, "0123456789abcdefghij");
	memmove(buf + 1, buf + 3, 10);
	printf("memmove back-overlap: %s\n", buf);
	/* memcpy and memset across word boundaries */
	char src[40], dst[40];
	for (int i = 0; i < 40; i++)
		src[i] = (char)('A' + i % 26);
	memset(dst, '.', sizeof dst);
	memcpy(dst + 1, src + 1, 33);
	dst[39] = 0;
	printf("memcpy: %s\n", dst);
	memset(dst + 2, '#', 21);
	printf("memset: %s\n", dst);
	printf("memcmp: %d %d %d\n", sign(memcmp("abc", "abd", 3)), sign(memcmp("abc", "abc", 3)),
	       sign(memcmp("\xff", "\x01", 1)));
	const char *hay = "hello world";
	printf("memchr: %s %s\n", (char *)memchr(hay, 'w', 11), memchr(hay, 'z', 11) ? "found" : "NULL");
}

static void test_strings(void)
{
	char buf[64];
	printf("strlen: %u %u\n", (unsigned)strlen(""), (unsigned)strlen("dynsim"));
	printf("strnlen: %u %u\n", (unsigned)strnlen("dynsim", 3), (unsigned)strnlen("ab", 10));
	strcpy(buf, "foo");
	strcat(buf, "bar");
	strncat(buf, "bazqux", 3);
	printf("strcat/strncat: %s\n", buf);
	memset(buf, 'x', 10);
	strncpy(buf, "ab", 5);
	printf("strncpy pad: %d %d %d %c\n", buf[2], buf[3], buf[4], buf[5]);
	strncpy(buf, "abcdefgh", 3);
	printf("strncpy trunc: %.5s\n", buf);
	printf("strcmp: %d %d %d %d\n", sign(strcmp("a", "b")), sign(strcmp("b", "a")), sign(strcmp("abc", "abc")),
	       sign(strcmp("ab", "abc")));
	printf("strcmp unsigned: %d\n", sign(strcmp("\x80", "\x7f")));
	printf("strncmp: %d %d\n", sign(strncmp("abcX", "abcY", 3)), sign(strncmp("abcX", "abcY", 4)));
	printf("strcasecmp: %d %d %d\n", sign(strcasecmp("HeLLo", "hello")), sign(strcasecmp("abc", "ABD")),
	       sign(strncasecmp("ABCx", "abcy", 3)));
	const char *s = "a/b/c";
	printf("strchr: %s %s %s\n", strchr(s, '/'), strrchr(s, '/'), strchr(s, 0) == s + 5 ? "nul-ok" : "nul-bad");
	printf("strchr miss: %s\n", strchr(s, 'z') ? "found" : "NULL");
	printf("strstr: %s | %s | %s\n", strstr("needle in haystack", "hay"), strstr("abc", ""),
	       strstr("abc", "abcd") ? "found" : "NULL");
	printf("strspn: %u strcspn: %u strpbrk: %s\n", (unsigned)strspn("  \tx y", " \t"),
	       (unsigned)strcspn("key=value", "=:"), strpbrk("key=value", ":="));
	char *d = strdup("duplicate");
	char *nd = strndup("duplicate", 3);
	printf("strdup: %s strndup: %s\n", d, nd);
	free(d);
	free(nd);
	char text[] = ",,alpha,,beta gamma,delta,,";
	printf("strtok:");
	for (char *t = strtok(text, ", "); t; t = strtok(NULL, ", "))
		printf(" [%s]", t);
	printf("\n");
	char text2[] = "x=1;y=2";
	char *save, *outer = strtok_r(text2, ";", &save);
	printf("strtok_r: %s", outer);
	outer = strtok_r(NULL, ";", &save);
	printf(" %s %s\n", outer, strtok_r(NULL, ";", &save) ? "more" : "end");
	printf("strerror: %s / %s / %s\n", strerror(ENOENT), strerror(ERANGE), strerror(9999));
}

static void test_ctype(void)
{
	/* Count each class over the 128 ASCII characters. */
	int (*fns[])(int) = {isdigit, isalpha, isalnum, isspace, isupper, islower,
			     isxdigit, isprint, ispunct, iscntrl, isgraph};
	const char *names[] = {"digit", "alpha", "alnum", "space", "upper", "lower",
			       "xdigit", "print", "punct", "cntrl", "graph"};
	for (int f = 0; f < 11; f++) {
		int n = 0;
		for (int c = 0; c < 128; c++)
			n += fns[f](c) != 0;
		printf("%s=%d%s", names[f], n, f == 10 ? "\n" : " ");
	}
	printf("high bytes: %d %d\n", isalpha(0xe9) != 0, isprint(0xa0) != 0);
	printf("toupper: %c%c%c tolower: %c%c%c\n", toupper('a'), toupper('Z'), toupper('1'), tolower('A'), tolower('z'),
	       tolower('@'));
}

static void show_strtol(const char *s, int base)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, base);
	printf("strtol(\"%s\", %d) = %ld end +%d errno %d\n", s, base, v, (int)(end - s), errno);
}

static void show_strtoul(const char *s, int base)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, base);
	printf("strtoul(\"%s\", %d) = %lu end +%d errno %d\n", s, base, v, (int)(end - s), errno);
}

static void show_strtoll(const char *s, int base)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, base);
	printf("strtoll(\"%s\", %d) = %lld end +%d errno %d\n", s, base, v, (int)(end - s), errno);
}

static void show_strtoull(const char *s, int base)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, base);
	printf("strtoull(\"%s\", %d) = %llu end +%d errno %d\n", s, base, v, (int)(end - s), errno);
}

static void test_strtol(void)
{
	show_strtol("  -123xyz", 10);
	show_strtol("+42", 0);
	show_strtol("0x1F", 0);
	show_strtol("0X1f", 16);
	show_strtol("1f", 16);
	show_strtol("0755", 0);
	show_strtol("0", 0);
	show_strtol("0x", 0);
	show_strtol("0xg", 16);
	show_strtol("101", 2);
	show_strtol("zz", 36);
	show_strtol("", 10);
	show_strtol("  +", 10);
	show_strtol("2147483647", 10);
	show_strtol("2147483648", 10);
	show_strtol("-2147483648", 10);
	show_strtol("-2147483649", 10);
	show_strtol("99999999999999999999", 10);
	show_strtoul("4294967295", 10);
	show_strtoul("4294967296", 10);
	show_strtoul("-1", 10);
	show_strtoul("0xffffffff", 0);
	show_strtoll("9223372036854775807", 10);
	show_strtoll("9223372036854775808", 10);
	show_strtoll("-9223372036854775808", 10);
	show_strtoll("-9223372036854775809", 10);
	show_strtoll("-0x10", 0);
	show_strtoull("18446744073709551615", 10);
	show_strtoull("18446744073709551616", 10);
	show_strtoull("1777777777777777777777", 8);
	printf("atoi: %d %d %d atol: %ld atoll: %lld\n", atoi("  12abc"), atoi("-0"), atoi("x"), atol("-77"),
	       atoll("123456789012"));
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct rec {
	char name[6];
	short key;
};

static int cmp_rec(const void *a, const void *b)
{
	return ((const struct rec *)a)->key - ((const struct rec *)b)->key;
}

static unsigned long compares;
static int cmp_count(const void *a, const void *b)
{
	compares++;
	return cmp_int(a, b);
}

static int is_sorted(const int *v, int n)
{
	for (int i = 1; i < n; i++)
		if (v[i - 1] > v[i])
			return 0;
	return 1;
}

static void test_sort(void)
{
	int v[] = {5, -3, 9, 0, 5, 12, -7, 1, 1, 8, 3, 2, 100, -100, 4};
	int n = (int)(sizeof v / sizeof v[0]);
	qsort(v, (size_t)n, sizeof v[0], cmp_int);
	printf("qsort ints:");
	for (int i = 0; i < n; i++)
		printf(" %d", v[i]);
	printf("\n");
	int key = 8;
	int *hit = bsearch(&key, v, (size_t)n, sizeof v[0], cmp_int);
	key = 6;
	int *miss = bsearch(&key, v, (size_t)n, sizeof v[0], cmp_int);
	printf("bsearch: 8 at %d, 6 %s\n", hit ? (int)(hit - v) : -1, miss ? "found" : "absent");

	const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "apple"};
	qsort(words, 6, sizeof words[0], cmp_str);
	printf("qsort strings: %s %s %s %s %s %s\n", words[0], words[1], words[2], words[3], words[4], words[5]);

	struct rec recs[] = {{"c", 3}, {"a", 1}, {"e", 5}, {"b", 2}, {"d", 4}};
	qsort(recs, 5, sizeof recs[0], cmp_rec);
	printf("qsort 8-byte records: %s%s%s%s%s\n", recs[0].name, recs[1].name, recs[2].name, recs[3].name,
	       recs[4].name);

	/* Big inputs: sorted, reversed, all equal, organ pipe, pseudo-random. The compare
	 * count must stay near n log n (n = 10000: log2 n ~ 13.3). */
	enum { N = 10000 };
	static int big[N];
	const char *shapes[] = {"sorted", "reversed", "equal", "organ", "random"};
	unsigned x = 1;
	for (int shape = 0; shape < 5; shape++) {
		for (int i = 0; i < N; i++) {
			switch (shape) {
			case 0: big[i] = i; break;
			case 1: big[i] = N - i; break;
			case 2: big[i] = 7; break;
			case 3: big[i] = i < N / 2 ? i : N - i; break;
			default: x = x * 1103515245u + 12345u; big[i] = (int)(x >> 8) % 100000; break;
			}
		}
		compares = 0;
		qsort(big, N, sizeof big[0], cmp_count);
		printf("qsort %s: sorted %d compares<300000 %d\n", shapes[shape], is_sorted(big, N), compares < 300000);
	}
}

static void test_misc(void)
{
	printf("abs: %d %d %ld %lld\n", abs(-5), abs(5), labs(-70000L), llabs(-5000000000LL));
	div_t q = div(-7, 2);
	ldiv_t lq = ldiv(100000L, 7L);
	printf("div: %d %d ldiv: %ld %ld\n", q.quot, q.rem, lq.quot, lq.rem);
	/* rand: default seed 1, then srand(1) restarts the same sequence. */
	int first[3];
	for (int i = 0; i < 3; i++)
		first[i] = rand();
	srand(1);
	int again = rand();
	printf("rand: %d %d %d restart %s max %d\n", first[0], first[1], first[2], again == first[0] ? "same" : "differs",
	       RAND_MAX);
	srand(2024);
	int inrange = 1;
	for (int i = 0; i < 1000; i++) {
		int r = rand();
		if (r < 0 || r > RAND_MAX)
			inrange = 0;
	}
	printf("rand range ok: %d\n", inrange);
	printf("getenv: %s\n", getenv("HOME") ? "set" : "unset");
	assert(1 + 1 == 2);
	printf("assert passed\n");
}

int main(void)
{
	test_memory();
	test_strings();
	test_ctype();
	test_strtol();
	test_sort();
	test_misc();
	return 0;
}
