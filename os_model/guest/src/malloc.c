/* malloc, free, calloc, realloc: boundary-tag allocator with segregated free lists.
 *
 * Layout. Every chunk starts 8 bytes before a 16-byte-aligned payload:
 *     [prev_size][size|flags][payload ... ]
 * size counts the whole chunk (header included) and is a multiple of 16. prev_size is
 * valid only when the previous chunk is free (PREV_INUSE clear), which lets free()
 * coalesce backwards. Free chunks sit in one of NBINS doubly linked lists: exact lists
 * for sizes below 512, then four lists per power of two. A bitmap of non-empty lists
 * makes the search for a big-enough list a few word scans.
 *
 * Memory comes from brk (the "top" chunk is the unused tail of the heap and grows by at
 * least 64 KiB at a time); when brk cannot grow, from anonymous mmap regions. Blocks of
 * 256 KiB and more get their own mmap and are unmapped by free. The allocator is
 * deterministic: the same call sequence gives the same addresses. Not thread-safe (the
 * guest runtime is single-threaded). */
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/mman.h>

struct chunk {
	size_t prev_size;
	size_t size;
	struct chunk *next; /* free chunks only */
	struct chunk *prev;
};

#define ALIGN 16
#define HDR 8
#define MIN_CHUNK 16
#define PREV_INUSE 0x1
#define INUSE 0x2
#define MMAPPED 0x4
#define FLAGS 0x7
#define NBINS 128
#define SMALL_LIMIT 512
#define MMAP_THRESHOLD (256 * 1024)
#define GROW_MIN (64 * 1024)
#define PAGE 4096

#define CSIZE(c) ((c)->size & ~(size_t)FLAGS)
#define AT(c, off) ((struct chunk *)((char *)(c) + (off)))
#define PAYLOAD(c) ((void *)((char *)(c) + HDR))
#define CHUNK_OF(p) ((struct chunk *)((char *)(p) - HDR))

static struct chunk *bins[NBINS];
static uint32_t binmap[NBINS / 32];
static struct chunk *top;      /* the wilderness; not in any bin */
static char *region_end;       /* the program break when top is the brk heap's tail */
static int brk_failed;

static unsigned bin_index(size_t size)
{
	if (size < SMALL_LIMIT)
		return (unsigned)(size >> 4); /* 1..31 */
	unsigned log = 31 - (unsigned)__builtin_clz(size); /* >= 9 */
	unsigned sub = (unsigned)(size >> (log - 2)) & 3;
	unsigned idx = 32 + (log - 9) * 4 + sub;
	return idx < NBINS ? idx : NBINS - 1;
}

static void bin_insert(struct chunk *c)
{
	unsigned i = bin_index(CSIZE(c));
	c->prev = NULL;
	c->next = bins[i];
	if (bins[i])
		bins[i]->prev = c;
	bins[i] = c;
	binmap[i >> 5] |= 1u << (i & 31);
}

static void bin_remove(struct chunk *c)
{
	unsigned i = bin_index(CSIZE(c));
	if (c->prev)
		c->prev->next = c->next;
	else
		bins[i] = c->next;
	if (c->next)
		c->next->prev = c->prev;
	if (!bins[i])
		binmap[i >> 5] &= ~(1u << (i & 31));
}

/* Marks a free chunk's size in its successor (footer) and clears PREV_INUSE there. */
static void set_free(struct chunk *c, size_t size, size_t prev_inuse)
{
	c->size = size | prev_inuse;
	struct chunk *n = AT(c, size);
	n->prev_size = size;
	n->size &= ~(size_t)PREV_INUSE;
}

/* Turns the first `size` bytes of free chunk c (of total csize, not in a bin) into an
 * in-use chunk; the remainder becomes a free chunk in a bin. */
static void carve(struct chunk *c, size_t csize, size_t size)
{
	size_t prev_inuse = c->size & PREV_INUSE;
	if (csize - size >= MIN_CHUNK) {
		c->size = size | INUSE | prev_inuse;
		struct chunk *rest = AT(c, size);
		set_free(rest, csize - size, PREV_INUSE);
		bin_insert(rest);
	} else {
		c->size = csize | INUSE | prev_inuse;
		AT(c, csize)->size |= PREV_INUSE;
	}
}

/* Starts a new top chunk on [start, end), retiring the old top (it stays as a free chunk
 * followed by an in-use fence chunk so nothing coalesces across the gap). */
static void new_region(char *start, char *end)
{
	if (top) {
		size_t tsize = CSIZE(top);
		/* tsize >= MIN_CHUNK always holds for top. */
		struct chunk *fence;
		if (tsize >= 2 * MIN_CHUNK) {
			size_t fsize = tsize - MIN_CHUNK;
			set_free(top, fsize, top->size & PREV_INUSE);
			fence = AT(top, fsize);
			fence->size = MIN_CHUNK | INUSE;
			bin_insert(top);
		} else {
			fence = top;
			fence->size = MIN_CHUNK | INUSE | (top->size & PREV_INUSE);
		}
	}
	/* First chunk at 8 mod 16 so payloads are 16-aligned. */
	uintptr_t s = ((uintptr_t)start + HDR + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1);
	top = (struct chunk *)(s - HDR);
	top->prev_size = 0;
	/* Any unaligned slack at the end stays unused, even when the region grows later. */
	top->size = ((size_t)(end - (char *)top) & ~(size_t)(ALIGN - 1)) | PREV_INUSE;
}

/* Makes top at least `need` + MIN_CHUNK bytes. */
static int grow(size_t need)
{
	/* Enough for the request, top's minimum and the alignment of a fresh region. */
	size_t want = need + MIN_CHUNK + 2 * ALIGN;
	if (want < GROW_MIN)
		want = GROW_MIN;
	want = (want + PAGE - 1) & ~(size_t)(PAGE - 1);
	if (!brk_failed) {
		char *p = sbrk((long)want);
		if (p != (char *)-1) {
			if (top && p == region_end) {
				top->size += want; /* a page multiple keeps size 16-aligned */
			} else {
				new_region(p, p + want);
			}
			region_end = p + want;
			return 0;
		}
		brk_failed = 1;
	}
	if (want < 1024 * 1024)
		want = 1024 * 1024;
	char *p = mmap(NULL, want, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	new_region(p, p + want);
	region_end = NULL; /* never extend an mmap region in place */
	return 0;
}

static size_t request_size(size_t n)
{
	if (n > (size_t)0x7fffffff - 64)
		return 0;
	size_t size = (n + HDR + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	return size < MIN_CHUNK ? MIN_CHUNK : size;
}

static void *mmap_chunk(size_t size)
{
	/* Keep the payload 16-aligned: the chunk starts 8 bytes into the mapping. */
	size_t total = (size + HDR + PAGE - 1) & ~(size_t)(PAGE - 1);
	char *p = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	struct chunk *c = (struct chunk *)(p + HDR);
	c->prev_size = HDR; /* offset of the chunk in its mapping */
	c->size = (total - HDR) | MMAPPED | INUSE;
	return PAYLOAD(c);
}

static struct chunk *find_free(size_t size)
{
	unsigned i = bin_index(size);
	/* The request's own list may hold chunks smaller than it (large lists are ranges). */
	if (i >= SMALL_LIMIT / 16) {
		for (struct chunk *c = bins[i]; c; c = c->next)
			if (CSIZE(c) >= size)
				return c;
		i++;
	}
	/* Any chunk in a higher non-empty list is big enough. */
	for (unsigned w = i >> 5; w < NBINS / 32; w++) {
		uint32_t bitsw = binmap[w];
		if (w == i >> 5)
			bitsw &= ~0u << (i & 31);
		if (bitsw) {
			unsigned b = (w << 5) + (unsigned)__builtin_ctz(bitsw);
			return bins[b];
		}
	}
	return NULL;
}

void *malloc(size_t n)
{
	size_t size = request_size(n);
	if (!size) {
		errno = ENOMEM;
		return NULL;
	}
	if (size >= MMAP_THRESHOLD) {
		void *p = mmap_chunk(size);
		if (p)
			return p;
	}
	struct chunk *c = find_free(size);
	if (c) {
		bin_remove(c);
		carve(c, CSIZE(c), size);
		return PAYLOAD(c);
	}
	if (!top || CSIZE(top) < size + MIN_CHUNK) {
		if (grow(size) < 0) {
			errno = ENOMEM;
			return NULL;
		}
	}
	c = top;
	size_t tsize = CSIZE(top);
	top = AT(c, size);
	top->size = (tsize - size) | PREV_INUSE;
	c->size = size | INUSE | (c->size & PREV_INUSE);
	return PAYLOAD(c);
}

/* Frees chunk c, merging it with free neighbours and with top. */
static void release(struct chunk *c)
{
	size_t size = CSIZE(c);
	size_t prev_inuse = c->size & PREV_INUSE;
	if (!prev_inuse) {
		struct chunk *p = AT(c, -(long)c->prev_size);
		bin_remove(p);
		size += CSIZE(p);
		prev_inuse = p->size & PREV_INUSE;
		c = p;
	}
	struct chunk *n = AT(c, size);
	if (n == top) {
		top = c;
		top->size = (size + CSIZE(n)) | prev_inuse;
		return;
	}
	if (!(n->size & INUSE)) {
		bin_remove(n);
		size += CSIZE(n);
	}
	set_free(c, size, prev_inuse);
	bin_insert(c);
}

void free(void *p)
{
	if (!p)
		return;
	struct chunk *c = CHUNK_OF(p);
	if (c->size & MMAPPED) {
		munmap((char *)c - c->prev_size, CSIZE(c) + c->prev_size);
		return;
	}
	release(c);
}

void *calloc(size_t count, size_t size)
{
	if (size && count > (size_t)-1 / size) {
		errno = ENOMEM;
		return NULL;
	}
	size_t n = count * size;
	void *p = malloc(n);
	if (p)
		memset(p, 0, n);
	return p;
}

void *realloc(void *p, size_t n)
{
	if (!p)
		return malloc(n);
	if (n == 0) {
		free(p);
		return NULL;
	}
	size_t size = request_size(n);
	if (!size) {
		errno = ENOMEM;
		return NULL;
	}
	struct chunk *c = CHUNK_OF(p);
	size_t csize = CSIZE(c);
	if (!(c->size & MMAPPED)) {
		if (csize >= size) {
			/* Shrink in place, returning a big enough tail. */
			if (csize - size >= MIN_CHUNK) {
				c->size = size | INUSE | (c->size & PREV_INUSE);
				struct chunk *tail = AT(c, size);
				tail->size = (csize - size) | INUSE | PREV_INUSE;
				release(tail);
			}
			return p;
		}
		struct chunk *nx = AT(c, csize);
		if (nx == top && csize + CSIZE(top) >= size + MIN_CHUNK) {
			size_t total = csize + CSIZE(top);
			c->size = size | INUSE | (c->size & PREV_INUSE);
			top = AT(c, size);
			top->size = (total - size) | PREV_INUSE;
			return p;
		}
		if (nx != top && !(nx->size & INUSE) && csize + CSIZE(nx) >= size) {
			bin_remove(nx);
			size_t total = csize + CSIZE(nx);
			c->size = csize | INUSE | (c->size & PREV_INUSE);
			carve(c, total, size);
			return p;
		}
	} else if (csize >= size && csize - size < 2 * PAGE) {
		return p;
	}
	void *q = malloc(n);
	if (!q)
		return NULL;
	size_t old = csize - HDR;
	memcpy(q, p, old < n ? old : n);
	free(p);
	return q;
}
