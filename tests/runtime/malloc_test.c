/* malloc/free/calloc/realloc under a deterministic pseudo-random workload. Every block is
 * filled with a pattern derived from its slot and generation and verified before it is
 * resized or freed, so overlapping blocks or lost contents show up as errors. The
 * printed checksums depend only on the test's own generator, not on addresses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define SLOTS 512
#define STEPS 30000

static uint32_t rng = 12345;
static uint32_t next(void)
{
	/* xorshift32 */
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

struct slot {
	unsigned char *p;
	size_t size;
	unsigned char seed;
};

static struct slot slots[SLOTS];
static unsigned long errors, misaligned;
static uint32_t checksum;

static void fill(struct slot *s)
{
	for (size_t i = 0; i < s->size; i++)
		s->p[i] = (unsigned char)(s->seed + i * 7);
}

/* Verifies the first n bytes and folds them into the checksum. */
static void verify(const struct slot *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char want = (unsigned char)(s->seed + i * 7);
		if (s->p[i] != want) {
			errors++;
			return;
		}
	}
	checksum = checksum * 31 + (uint32_t)n + s->seed;
}

static size_t random_size(void)
{
	uint32_t r = next() % 1000;
	if (r < 700)
		return next() % 128 + 1;
	if (r < 950)
		return next() % 2048 + 1;
	if (r < 995)
		return next() % 65536 + 1;
	return next() % 600000 + 1; /* some beyond the mmap threshold */
}

static void check_align(void *p)
{
	if ((uintptr_t)p % 8)
		misaligned++;
}

int main(void)
{
	unsigned long mallocs = 0, frees = 0, reallocs = 0;
	for (int step = 0; step < STEPS; step++) {
		struct slot *s = &slots[next() % SLOTS];
		if (!s->p) {
			s->size = random_size();
			s->seed = (unsigned char)next();
			s->p = malloc(s->size);
			if (!s->p) {
				errors++;
				continue;
			}
			check_align(s->p);
			fill(s);
			mallocs++;
		} else if (next() % 3 == 0) {
			size_t n = random_size();
			verify(s, s->size);
			unsigned char *q = realloc(s->p, n);
			if (!q) {
				errors++;
				continue;
			}
			check_align(q);
			s->p = q;
			/* The old contents survive up to the smaller size. */
			verify(s, n < s->size ? n : s->size);
			s->size = n;
			s->seed = (unsigned char)next();
			fill(s);
			reallocs++;
		} else {
			verify(s, s->size);
			free(s->p);
			s->p = NULL;
			frees++;
		}
	}
	for (int i = 0; i < SLOTS; i++) {
		if (slots[i].p) {
			verify(&slots[i], slots[i].size);
			free(slots[i].p);
			slots[i].p = NULL;
			frees++;
		}
	}
	printf("random: mallocs %lu reallocs %lu frees %lu\n", mallocs, reallocs, frees);
	printf("random: checksum %08lx errors %lu misaligned %lu\n", (unsigned long)checksum, errors, misaligned);

	/* calloc returns zeroed memory even where freed blocks were dirty. */
	unsigned long nonzero = 0;
	void *dirty[64];
	for (int i = 0; i < 64; i++) {
		dirty[i] = malloc(100 + i * 16);
		memset(dirty[i], 0xa5, 100 + i * 16);
	}
	for (int i = 0; i < 64; i++)
		free(dirty[i]);
	for (int i = 0; i < 64; i++) {
		unsigned char *p = calloc(10 + i, 10);
		for (int j = 0; j < (10 + i) * 10; j++)
			nonzero += p[j] != 0;
		dirty[i] = p;
	}
	for (int i = 0; i < 64; i++)
		free(dirty[i]);
	printf("calloc: nonzero %lu\n", nonzero);
	volatile size_t huge_count = 0x10000, huge_size = 0x10001; /* product > SIZE_MAX */
	printf("calloc overflow: %s\n", calloc(huge_count, huge_size) == NULL ? "NULL" : "not NULL");

	/* realloc keeps contents while growing step by step, and realloc(NULL) mallocs. */
	char *str = realloc(NULL, 1);
	str[0] = 0;
	size_t len = 0;
	for (int i = 0; i < 500; i++) {
		str = realloc(str, len + 12);
		len += (size_t)sprintf(str + len, "%d,", i);
	}
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)str[i]) * 16777619u;
	printf("realloc grow: len %lu fnv %08lx tail %s\n", (unsigned long)len, (unsigned long)h, str + len - 8);
	free(str);

	/* Large blocks: 4 MiB written and verified, then grown to 9 MiB. */
	size_t big = 4u << 20;
	uint32_t *w = malloc(big);
	for (size_t i = 0; i < big / 4; i++)
		w[i] = (uint32_t)i * 2654435761u;
	w = realloc(w, 9u << 20);
	unsigned long bad = 0;
	for (size_t i = 0; i < big / 4; i++)
		bad += w[i] != (uint32_t)i * 2654435761u;
	memset((char *)w + big, 0x5a, (9u << 20) - big);
	printf("large: bad %lu last %02x\n", bad, ((unsigned char *)w)[(9u << 20) - 1]);
	free(w);

	/* Many small blocks freed in an interleaved order coalesce and are reused. */
	void *ptrs[2000];
	for (int i = 0; i < 2000; i++)
		ptrs[i] = malloc(24);
	for (int i = 0; i < 2000; i += 2)
		free(ptrs[i]);
	for (int i = 1; i < 2000; i += 2)
		free(ptrs[i]);
	void *one = malloc(40000);
	printf("coalesce: %s\n", one ? "ok" : "failed");
	free(one);
	free(malloc(0));
	free(NULL);
	printf("done\n");
	return errors || misaligned || nonzero || bad;
}
