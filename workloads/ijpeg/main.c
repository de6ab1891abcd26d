/* ijpeg: JPEG-like compression and decompression of a generated colour image.
 *
 * Modeled on SPECint95 132.ijpeg (the IJG JPEG library compressing and decompressing images
 * at several qualities): RGB to YCbCr with 4:2:0 subsampling, an integer 8x8 forward DCT,
 * quantization, zigzag, optimal Huffman tables and JPEG-style DC/AC symbol coding; then the
 * reverse: Huffman decoding, dequantization, integer inverse DCT, upsampling and colour
 * conversion. The work is regular loops over blocks and pixels with few indirect branches.
 *
 * Usage: ijpeg [test|train|ref]. For each quality it checks that the entropy decoder
 * recovers exactly the encoder's coefficients and that the reconstruction error is small,
 * prints the sizes and mean squared errors, and exits 0 only if everything checks and the
 * checksum over the compressed streams and decoded pixels is the one expected.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ijpeg.h"
#include "size_arg.h"

struct size {
	const char *name;
	int w, h;
	int nq;
	int quality[6];
	uint32_t expect; /* checksum printed by an independent host build (x86-64 gcc -O2) */
};

/* Expected values: this same source built for the host (//workloads/ijpeg:ijpeg_host,
 * x86-64 gcc) and run at each size; the PA-RISC guest builds must print the same. */
static const struct size sizes[] = {
	{"test", 48, 32, 2, {75, 30}, 0xb805a743u},
	{"train", 320, 240, 3, {90, 75, 50}, 0x9bd42be4u},
	{"ref", 640, 480, 3, {90, 70, 40}, 0x163e3073u},
};

static uint32_t fnv(uint32_t h, const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

static struct coefs new_coefs(const struct plane *p)
{
	struct coefs c;
	c.bw = (p->w + 7) / 8;
	c.bh = (p->h + 7) / 8;
	c.c = malloc((size_t)c.bw * c.bh * 64 * sizeof *c.c);
	return c;
}

int main(int argc, char **argv)
{
	const struct size *sz = WORKLOAD_SIZE(sizes, argc, argv, "ijpeg");
	int w = sz->w, h = sz->h, cw = (w + 1) / 2, ch = (h + 1) / 2;
	uint8_t *rgb = malloc((size_t)w * h * 3), *out = malloc((size_t)w * h * 3);
	struct plane planes[3] = {new_plane(w, h), new_plane(cw, ch), new_plane(cw, ch)};
	struct plane back[3] = {new_plane(w, h), new_plane(cw, ch), new_plane(cw, ch)};
	struct coefs enc[3], dec[3];
	struct coefs *encp[3], *decp[3];
	for (int i = 0; i < 3; i++) {
		enc[i] = new_coefs(&planes[i]);
		dec[i] = new_coefs(&planes[i]);
		encp[i] = &enc[i];
		decp[i] = &dec[i];
	}
	struct bitbuf bb;
	bb.cap = (uint32_t)w * h * 4 + 4096;
	bb.data = malloc(bb.cap);
	if (!rgb || !out || !bb.data || !back[2].pix || !dec[2].c) {
		fprintf(stderr, "ijpeg: out of memory\n");
		return 1;
	}

	uint32_t sum = 2166136261u;
	int ok = 1;
	for (int qi = 0; qi < sz->nq; qi++) {
		int quality = sz->quality[qi];
		uint16_t qt[2][64];
		make_qtable(quality, 0, qt[0]);
		make_qtable(quality, 1, qt[1]);
		make_image(w, h, 1000u + (uint32_t)qi, rgb);
		rgb_to_ycc(rgb, w, h, &planes[0], &planes[1], &planes[2]);
		for (int i = 0; i < 3; i++)
			encode_plane(&planes[i], qt[i > 0], &enc[i]);
		uint32_t tables;
		uint32_t bytes = entropy_encode(encp, &bb, &tables);
		if (bytes > bb.cap) {
			printf("q%d: compressed stream overflow\n", quality);
			return 1;
		}
		int bad = entropy_decode(decp, &bb) != 0;
		for (int i = 0; i < 3 && !bad; i++)
			bad = memcmp(enc[i].c, dec[i].c, (size_t)enc[i].bw * enc[i].bh * 64 * sizeof *enc[i].c) != 0;
		if (bad) {
			printf("q%d: entropy round trip FAILED\n", quality);
			ok = 0;
		}
		for (int i = 0; i < 3; i++)
			decode_plane(&dec[i], qt[i > 0], &back[i]);
		ycc_to_rgb(&back[0], &back[1], &back[2], out);
		uint64_t sse = 0;
		uint32_t n = (uint32_t)w * h * 3;
		for (uint32_t i = 0; i < n; i++) {
			int32_t d = (int32_t)rgb[i] - out[i];
			sse += (uint32_t)(d * d);
		}
		uint32_t mse100 = (uint32_t)(sse * 100 / n);
		/* a sanity bound on the reconstruction (mean squared error below 500, PSNR above 21 dB) */
		if (mse100 > 50000) {
			printf("q%d: reconstruction error too large\n", quality);
			ok = 0;
		}
		sum = fnv(sum, bb.data, bytes);
		sum = fnv(sum, out, n);
		sum = (sum ^ tables) * 16777619u;
		printf("q%d: %ux%u -> %u bytes, mse*100 %u\n", quality, (unsigned)w, (unsigned)h,
		       (unsigned)bytes, (unsigned)mse100);
	}
	printf("ijpeg %s: checksum %08x\n", sz->name, (unsigned)sum);
	if (sum != sz->expect) {
		printf("checksum MISMATCH: expected %08x\n", (unsigned)sz->expect);
		ok = 0;
	}
	printf("%s\n", ok ? "OK" : "FAILED");
	return ok ? 0 : 1;
}
