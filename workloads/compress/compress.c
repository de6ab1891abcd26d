/* compress: LZW compression and decompression of generated text, round-trip checked.
 *
 * Modeled on SPECint95 129.compress: a byte-at-a-time hashing LZW coder with variable code
 * width (9..16 bits), a CLEAR code when the table is full and the compression ratio drops,
 * and a decoder that rebuilds strings through a prefix/suffix table and a reversal stack.
 * Almost all time is spent in two small hot loops (the encoder's hash probe and the
 * decoder's string walk), which is the character Dynamo exploits.
 *
 * Usage: compress [test|train|ref]. Prints a checksum of the compressed streams and exits 0
 * only if every round trip is exact and the checksum equals the value expected for the size.
 * Portable C99: integer only, endian-neutral, no pointer values feed the results.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "size_arg.h"

#define MAXBITS 16
#define MAXCODES (1u << MAXBITS) /* codes 0 .. 65535 */
#define CLEAR 256
#define FIRST 257
#define HBITS 17
#define HSIZE (1u << HBITS)
#define HMASK (HSIZE - 1)
#define CHECK_GAP 4096 /* input bytes between ratio checks once the table is full */

/* ---- deterministic text generator ---- */

static uint32_t rng_state;

static uint32_t rng(void)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return rng_state >> 8;
}

static const char *const syllables[] = {
	"th", "er", "on", "an", "re", "he", "in", "ed", "nd", "ha", "at", "en", "es", "of",
	"or", "nt", "ea", "ti", "to", "it", "st", "io", "le", "is", "ou", "ar", "as", "de",
	"rt", "ve", "com", "pro", "ment", "tion", "ing", "al", "ly", "con", "ex", "un",
};
#define NSYL (sizeof syllables / sizeof syllables[0])
#define NWORDS 1500

static char words[NWORDS][24];

static void make_vocabulary(void)
{
	for (int w = 0; w < NWORDS; w++) {
		int nsyl = 1 + (int)(rng() % 4);
		char *p = words[w];
		for (int s = 0; s < nsyl; s++) {
			const char *syl = syllables[rng() % NSYL];
			while (*syl)
				*p++ = *syl++;
		}
		*p = 0;
	}
}

/* Fills buf with n bytes of word-like text: skewed word frequencies, punctuation, lines. */
static void generate_text(uint8_t *buf, uint32_t n)
{
	uint32_t i = 0, col = 0;
	while (i < n) {
		uint32_t r = rng();
		/* Skewed choice: small indices are much more frequent (roughly Zipf-like). */
		uint32_t range = 1 + (r % NWORDS);
		const char *w = words[rng() % range];
		int cap = (col == 0) || (r % 17 == 0);
		for (const char *p = w; *p && i < n; p++, col++) {
			char c = *p;
			if (cap && p == w)
				c = (char)(c - 'a' + 'A');
			buf[i++] = (uint8_t)c;
		}
		if (i >= n)
			break;
		uint32_t q = rng() % 23;
		if (q == 0 && i < n) {
			buf[i++] = ',';
			col++;
		} else if (q == 1 && i < n) {
			buf[i++] = '.';
			col++;
		} else if (q == 2 && i + 4 < n) {
			/* numbers appear now and then */
			uint32_t v = rng() % 10000;
			buf[i++] = ' ';
			buf[i++] = (uint8_t)('0' + v / 1000);
			buf[i++] = (uint8_t)('0' + v / 100 % 10);
			buf[i++] = (uint8_t)('0' + v / 10 % 10);
			buf[i++] = (uint8_t)('0' + v % 10);
			col += 5;
		}
		if (i < n) {
			if (col > 64) {
				buf[i++] = '\n';
				col = 0;
			} else {
				buf[i++] = ' ';
				col++;
			}
		}
	}
}

/* ---- LZW encoder ---- */

static int32_t htab[HSIZE];     /* key: (char << 16 | prefix code) + 1, 0 = empty */
static uint16_t codetab[HSIZE]; /* the code of that key */

struct bitwriter {
	uint8_t *out;
	uint32_t pos; /* bytes written */
	uint32_t acc; /* pending bits, LSB first */
	int nacc;
};

static void put_code(struct bitwriter *bw, uint32_t code, int nbits)
{
	bw->acc |= code << bw->nacc;
	bw->nacc += nbits;
	while (bw->nacc >= 8) {
		bw->out[bw->pos++] = (uint8_t)bw->acc;
		bw->acc >>= 8;
		bw->nacc -= 8;
	}
}

static uint32_t max_code_for(int nbits)
{
	return nbits == MAXBITS ? MAXCODES : (1u << nbits) - 1;
}

/* Compresses in[0..n) into out; returns the compressed length. */
static uint32_t lzw_compress(const uint8_t *in, uint32_t n, uint8_t *out)
{
	struct bitwriter bw = {out, 0, 0, 0};
	int nbits = 9;
	uint32_t maxcode = max_code_for(nbits);
	uint32_t free_ent = FIRST;
	uint32_t checkpoint = CHECK_GAP;
	uint32_t last_ratio = 0;
	memset(htab, 0, sizeof htab);
	if (n == 0)
		return 0;
	uint32_t ent = in[0];
	for (uint32_t i = 1; i < n; i++) {
		uint32_t c = in[i];
		int32_t key = (int32_t)((c << 16) | ent) + 1;
		uint32_t h = ((c << (HBITS - 8)) ^ (ent * 40503u)) & HMASK;
		if (htab[h] == key) {
			ent = codetab[h];
			continue;
		}
		if (htab[h] != 0) {
			/* secondary probe: odd displacement visits every slot */
			uint32_t disp = ((ent ^ (c << 3)) | 1) & HMASK;
			for (;;) {
				h = (h - disp) & HMASK;
				if (htab[h] == key || htab[h] == 0)
					break;
			}
			if (htab[h] == key) {
				ent = codetab[h];
				continue;
			}
		}
		/* miss: emit the prefix, then grow the width and add the new string */
		put_code(&bw, ent, nbits);
		if (free_ent > maxcode && nbits < MAXBITS) {
			nbits++;
			maxcode = max_code_for(nbits);
		}
		ent = c;
		if (free_ent < MAXCODES) {
			codetab[h] = (uint16_t)free_ent++;
			htab[h] = key;
		} else if (i >= checkpoint) {
			/* table full: clear when the ratio stops improving (block mode) */
			checkpoint = i + CHECK_GAP;
			uint32_t outbytes = bw.pos + 1;
			uint32_t ratio = (uint32_t)(((uint64_t)i << 8) / outbytes);
			if (ratio > last_ratio) {
				last_ratio = ratio;
			} else {
				last_ratio = 0;
				put_code(&bw, CLEAR, nbits);
				memset(htab, 0, sizeof htab);
				free_ent = FIRST;
				nbits = 9;
				maxcode = max_code_for(nbits);
			}
		}
	}
	put_code(&bw, ent, nbits);
	if (bw.nacc > 0)
		bw.out[bw.pos++] = (uint8_t)bw.acc;
	return bw.pos;
}

/* ---- LZW decoder ---- */

static uint16_t prefix[MAXCODES];
static uint8_t suffix[MAXCODES];
static uint8_t stack[MAXCODES];

/* Decompresses in[0..n) into out (capacity cap); returns the length, or -1 on a bad stream. */
static int32_t lzw_decompress(const uint8_t *in, uint32_t n, uint8_t *out, uint32_t cap)
{
	uint32_t inpos = 0, acc = 0, outpos = 0;
	int nacc = 0;
	int nbits = 9;
	uint32_t maxcode = max_code_for(nbits);
	uint32_t free_ent = FIRST;
	int32_t oldcode = -1;
	uint8_t firstch = 0;
	for (uint32_t c = 0; c < 256; c++) {
		prefix[c] = 0;
		suffix[c] = (uint8_t)c;
	}
	for (;;) {
		if (free_ent > maxcode && nbits < MAXBITS) {
			nbits++;
			maxcode = max_code_for(nbits);
		}
		while (nacc < nbits && inpos < n) {
			acc |= (uint32_t)in[inpos++] << nacc;
			nacc += 8;
		}
		if (nacc < nbits)
			break; /* end of stream (only padding bits left) */
		uint32_t code = acc & ((1u << nbits) - 1);
		acc >>= nbits;
		nacc -= nbits;
		if (code == CLEAR) {
			free_ent = FIRST;
			nbits = 9;
			maxcode = max_code_for(nbits);
			oldcode = -1;
			continue;
		}
		if (oldcode < 0) {
			if (code > 255 || outpos >= cap)
				return -1;
			firstch = (uint8_t)code;
			out[outpos++] = firstch;
			oldcode = (int32_t)code;
			continue;
		}
		uint32_t sp = 0, cur = code;
		if (code >= free_ent) {
			if (code > free_ent)
				return -1;
			stack[sp++] = firstch; /* the KwKwK case */
			cur = (uint32_t)oldcode;
		}
		while (cur >= 256) {
			stack[sp++] = suffix[cur];
			cur = prefix[cur];
		}
		firstch = (uint8_t)cur;
		stack[sp++] = firstch;
		if (outpos + sp > cap)
			return -1;
		while (sp > 0)
			out[outpos++] = stack[--sp];
		if (free_ent < MAXCODES) {
			prefix[free_ent] = (uint16_t)oldcode;
			suffix[free_ent] = firstch;
			free_ent++;
		}
		oldcode = (int32_t)code;
	}
	return (int32_t)outpos;
}

/* ---- driver ---- */

struct size {
	const char *name;
	uint32_t bytes;  /* text length per round */
	int rounds;      /* each round: new text, compress, decompress, compare */
	uint32_t expect; /* checksum printed by an independent host build (x86-64 gcc -O2) */
};

/* The expected values were derived by building this same source for the host
 * (bazel build //workloads/compress:compress_host, i.e. x86-64 gcc) and running it at each
 * size; the guest PA-RISC builds must print the same numbers. */
static const struct size sizes[] = {
	{"test", 32000, 1, 0x2fdf7297u},
	{"train", 400000, 2, 0x458d1734u},
	{"ref", 2000000, 3, 0x643fbecdu},
};

static uint32_t fnv(uint32_t h, const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

int main(int argc, char **argv)
{
	const struct size *sz = WORKLOAD_SIZE(sizes, argc, argv, "compress");
	uint32_t n = sz->bytes;
	uint8_t *text = malloc(n);
	uint8_t *packed = malloc(n + n / 2 + 16);
	uint8_t *back = malloc(n);
	if (!text || !packed || !back) {
		fprintf(stderr, "compress: out of memory\n");
		return 1;
	}
	rng_state = 20000u;
	make_vocabulary();
	uint32_t sum = 2166136261u, total_in = 0, total_out = 0;
	int ok = 1;
	for (int r = 0; r < sz->rounds; r++) {
		generate_text(text, n);
		uint32_t clen = lzw_compress(text, n, packed);
		int32_t dlen = lzw_decompress(packed, clen, back, n);
		if (dlen != (int32_t)n || memcmp(text, back, n) != 0) {
			printf("round %d: round trip FAILED (%d of %u bytes)\n", r, (int)dlen, (unsigned)n);
			ok = 0;
		}
		sum = fnv(sum, packed, clen);
		sum = (sum ^ clen) * 16777619u;
		total_in += n;
		total_out += clen;
		printf("round %d: %u -> %u bytes\n", r, (unsigned)n, (unsigned)clen);
	}
	printf("compress %s: %u -> %u bytes, checksum %08x\n", sz->name, (unsigned)total_in,
	       (unsigned)total_out, (unsigned)sum);
	if (sum != sz->expect) {
		printf("checksum MISMATCH: expected %08x\n", (unsigned)sz->expect);
		ok = 0;
	}
	free(text);
	free(packed);
	free(back);
	printf("%s\n", ok ? "OK" : "FAILED");
	return ok ? 0 : 1;
}
