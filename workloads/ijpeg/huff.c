/* ijpeg: Huffman entropy coding of quantized blocks.
 *
 * JPEG-style symbols: the DC difference from the previous block of the component as a
 * size category plus extra bits; AC coefficients as (zero run << 4 | size) plus extra bits,
 * with ZRL (0xF0) for runs of 16 zeros and EOB (0x00). Tables are optimal for the image
 * (a counting pass first), limited to 16-bit codes, and stored in the stream's header as
 * code-length counts plus symbols, from which the decoder rebuilds canonical decode tables.
 */
#include <stdint.h>
#include <string.h>

#include "ijpeg.h"

#define NSYM 256
#define MAXLEN 16

struct hspec {
	uint8_t bits[MAXLEN + 1]; /* bits[l]: number of codes of length l */
	uint8_t vals[NSYM];       /* symbols in code order */
	int nvals;
};

struct henc {
	uint16_t code[NSYM];
	uint8_t len[NSYM];
};

struct hdec {
	int32_t maxcode[MAXLEN + 2]; /* largest code of each length, -1 if none */
	int32_t mincode[MAXLEN + 1];
	int valptr[MAXLEN + 1];
	uint8_t vals[NSYM];
};

/* ---- bit I/O, most significant bit first ---- */

static void put_bits(struct bitbuf *b, uint32_t v, int n)
{
	b->acc = (b->acc << n) | (v & ((1u << n) - 1));
	b->nacc += n;
	while (b->nacc >= 8) {
		b->nacc -= 8;
		if (b->len < b->cap)
			b->data[b->len] = (uint8_t)(b->acc >> b->nacc);
		b->len++;
	}
}

static void flush_bits(struct bitbuf *b)
{
	if (b->nacc > 0)
		put_bits(b, 0x7f, 8 - b->nacc); /* pad with ones */
}

static inline uint32_t get_bits(struct bitbuf *b, int n)
{
	while (b->nacc < n) {
		uint32_t byte = b->rpos < b->len ? b->data[b->rpos] : 0xff;
		b->rpos++;
		b->acc = (b->acc << 8) | byte;
		b->nacc += 8;
	}
	b->nacc -= n;
	return (b->acc >> b->nacc) & ((1u << n) - 1);
}

/* ---- table construction ---- */

/* Code lengths of an optimal prefix code for freq (plain Huffman, ties broken by index so
 * every host builds the same tree), then limited to MAXLEN bits. */
static void build_spec(const uint32_t freq[NSYM], struct hspec *s)
{
	uint32_t weight[2 * NSYM];
	int parent[2 * NSYM], alive[2 * NSYM];
	int sym[NSYM], len[NSYM];
	int n = 0;
	for (int i = 0; i < NSYM; i++)
		if (freq[i]) {
			sym[n] = i;
			weight[n] = freq[i];
			parent[n] = -1;
			alive[n] = 1;
			n++;
		}
	memset(s, 0, sizeof *s);
	if (n == 0)
		return;
	int nodes = n;
	for (int live = n; live > 1; live--) {
		int a = -1, b = -1;
		for (int i = 0; i < nodes; i++) {
			if (!alive[i])
				continue;
			if (a < 0 || weight[i] < weight[a]) {
				b = a;
				a = i;
			} else if (b < 0 || weight[i] < weight[b]) {
				b = i;
			}
		}
		weight[nodes] = weight[a] + weight[b];
		parent[nodes] = -1;
		alive[nodes] = 1;
		alive[a] = alive[b] = 0;
		parent[a] = parent[b] = nodes;
		nodes++;
	}
	int count[2 * NSYM + 1];
	memset(count, 0, sizeof count);
	for (int i = 0; i < n; i++) {
		int d = 0;
		for (int j = i; parent[j] >= 0; j = parent[j])
			d++;
		len[i] = d ? d : 1; /* a lone symbol still needs one bit */
		count[len[i]]++;
	}
	/* Limit lengths: a pair of leaves at the deepest level moves up, its sibling's slot is
	 * taken by a leaf from a shallower level pushed one deeper, keeping a full prefix code. */
	for (int l = 2 * NSYM; l > MAXLEN; l--)
		while (count[l] > 0) {
			int j = l - 2;
			while (count[j] == 0)
				j--;
			count[l] -= 2;
			count[l - 1]++;
			count[j + 1] += 2;
			count[j]--;
		}
	for (int l = 1; l <= MAXLEN; l++)
		s->bits[l] = (uint8_t)count[l];
	/* symbols by original length (shortest first), then by value */
	for (int i = 1; i < n; i++) {
		int ks = sym[i], kl = len[i], j = i - 1;
		while (j >= 0 && (len[j] > kl || (len[j] == kl && sym[j] > ks))) {
			sym[j + 1] = sym[j];
			len[j + 1] = len[j];
			j--;
		}
		sym[j + 1] = ks;
		len[j + 1] = kl;
	}
	for (int i = 0; i < n; i++)
		s->vals[i] = (uint8_t)sym[i];
	s->nvals = n;
}

static void build_enc(const struct hspec *s, struct henc *e)
{
	uint32_t code = 0;
	int k = 0;
	memset(e, 0, sizeof *e);
	for (int l = 1; l <= MAXLEN; l++) {
		for (int i = 0; i < s->bits[l]; i++) {
			e->code[s->vals[k]] = (uint16_t)code++;
			e->len[s->vals[k]] = (uint8_t)l;
			k++;
		}
		code <<= 1;
	}
}

static void build_dec(const struct hspec *s, struct hdec *d)
{
	int32_t code = 0;
	int k = 0;
	for (int l = 1; l <= MAXLEN; l++) {
		d->valptr[l] = k;
		d->mincode[l] = code;
		code += s->bits[l];
		k += s->bits[l];
		d->maxcode[l] = s->bits[l] ? code - 1 : -1;
		code <<= 1;
	}
	d->maxcode[MAXLEN + 1] = 0x7fffffff;
	memcpy(d->vals, s->vals, sizeof d->vals);
}

/* ---- symbols ---- */

static int category(int v)
{
	if (v < 0)
		v = -v;
	int s = 0;
	while (v) {
		s++;
		v >>= 1;
	}
	return s;
}

static uint32_t extra_bits(int v, int s)
{
	return (uint32_t)(v >= 0 ? v : v + (1 << s) - 1);
}

static int extend(uint32_t bits, int s)
{
	return bits < (1u << (s - 1)) ? (int)bits - (1 << s) + 1 : (int)bits;
}

/* Visits every symbol of every block: counts them (enc == NULL) or writes them. */
static void scan_blocks(struct coefs *comp[3], uint32_t freq[4][NSYM], const struct henc enc[4],
			struct bitbuf *bb)
{
	for (int ci = 0; ci < 3; ci++) {
		const struct coefs *cf = comp[ci];
		int td = ci == 0 ? 0 : 2, ta = td + 1;
		int pred = 0;
		int nblocks = cf->bw * cf->bh;
		for (int b = 0; b < nblocks; b++) {
			const int16_t *blk = cf->c + b * 64;
			int diff = blk[0] - pred, s = category(diff);
			pred = blk[0];
			if (!enc) {
				freq[td][s]++;
			} else {
				put_bits(bb, enc[td].code[s], enc[td].len[s]);
				if (s)
					put_bits(bb, extra_bits(diff, s), s);
			}
			int run = 0;
			for (int i = 1; i < 64; i++) {
				int v = blk[i];
				if (v == 0) {
					run++;
					continue;
				}
				while (run > 15) {
					if (!enc)
						freq[ta][0xf0]++;
					else
						put_bits(bb, enc[ta].code[0xf0], enc[ta].len[0xf0]);
					run -= 16;
				}
				s = category(v);
				int symbol = run << 4 | s;
				if (!enc) {
					freq[ta][symbol]++;
				} else {
					put_bits(bb, enc[ta].code[symbol], enc[ta].len[symbol]);
					put_bits(bb, extra_bits(v, s), s);
				}
				run = 0;
			}
			if (run > 0) {
				if (!enc)
					freq[ta][0]++;
				else
					put_bits(bb, enc[ta].code[0], enc[ta].len[0]);
			}
		}
	}
}

uint32_t entropy_encode(struct coefs *comp[3], struct bitbuf *bb, uint32_t *table_sum)
{
	static uint32_t freq[4][NSYM];
	static struct hspec spec[4];
	static struct henc enc[4];
	memset(freq, 0, sizeof freq);
	scan_blocks(comp, freq, NULL, bb);
	bb->len = 0;
	bb->acc = 0;
	bb->nacc = 0;
	uint32_t h = 2166136261u;
	for (int t = 0; t < 4; t++) {
		build_spec(freq[t], &spec[t]);
		build_enc(&spec[t], &enc[t]);
		/* header: 16 length counts, then the symbols */
		for (int l = 1; l <= MAXLEN; l++) {
			put_bits(bb, spec[t].bits[l], 8);
			h = (h ^ spec[t].bits[l]) * 16777619u;
		}
		for (int i = 0; i < spec[t].nvals; i++)
			put_bits(bb, spec[t].vals[i], 8);
	}
	scan_blocks(comp, NULL, enc, bb);
	flush_bits(bb);
	*table_sum = h;
	return bb->len;
}

static inline int decode_symbol(struct bitbuf *b, const struct hdec *d)
{
	int32_t code = (int32_t)get_bits(b, 1);
	int l = 1;
	while (code > d->maxcode[l]) {
		code = (code << 1) | (int32_t)get_bits(b, 1);
		if (++l > MAXLEN)
			return -1;
	}
	return d->vals[d->valptr[l] + code - d->mincode[l]];
}

/* Decodes the stream into comp (whose dimensions are already set); 0 on success. */
int entropy_decode(struct coefs *comp[3], struct bitbuf *bb)
{
	static struct hspec spec[4];
	static struct hdec dec[4];
	bb->rpos = 0;
	bb->acc = 0;
	bb->nacc = 0;
	for (int t = 0; t < 4; t++) {
		memset(&spec[t], 0, sizeof spec[t]);
		int n = 0;
		for (int l = 1; l <= MAXLEN; l++) {
			spec[t].bits[l] = (uint8_t)get_bits(bb, 8);
			n += spec[t].bits[l];
		}
		if (n > NSYM)
			return -1;
		for (int i = 0; i < n; i++)
			spec[t].vals[i] = (uint8_t)get_bits(bb, 8);
		spec[t].nvals = n;
		build_dec(&spec[t], &dec[t]);
	}
	for (int ci = 0; ci < 3; ci++) {
		struct coefs *cf = comp[ci];
		const struct hdec *dd = &dec[ci == 0 ? 0 : 2], *da = &dec[ci == 0 ? 1 : 3];
		int pred = 0;
		int nblocks = cf->bw * cf->bh;
		for (int b = 0; b < nblocks; b++) {
			int16_t *blk = cf->c + b * 64;
			memset(blk, 0, 64 * sizeof *blk);
			int s = decode_symbol(bb, dd);
			if (s < 0 || s > 15)
				return -1;
			int diff = s ? extend(get_bits(bb, s), s) : 0;
			pred += diff;
			blk[0] = (int16_t)pred;
			for (int i = 1; i < 64;) {
				int sym = decode_symbol(bb, da);
				if (sym < 0)
					return -1;
				int run = sym >> 4;
				s = sym & 15;
				if (s == 0) {
					if (run == 15) {
						i += 16;
						continue;
					}
					break; /* EOB */
				}
				i += run;
				if (i > 63)
					return -1;
				blk[i++] = (int16_t)extend(get_bits(bb, s), s);
			}
		}
	}
	return bb->rpos > bb->len + 4 ? -1 : 0;
}
