/* ijpeg: integer 8x8 DCT (separable partial butterflies), quantization and zigzag order. */
#include <stdint.h>

#include "ijpeg.h"

/* M[k][n] = round(8192 * c(k)/2 * cos((2n+1) k pi / 16)), c(0) = 1/sqrt(2), c(k) = 1
 * otherwise: the orthonormal DCT-II basis at 13 fractional bits (computed offline once;
 * the program itself uses no floating point). Row k is symmetric in n for even k and
 * antisymmetric for odd k, which the butterflies below exploit. */
static const int32_t M[8][8] = {
	{2896, 2896, 2896, 2896, 2896, 2896, 2896, 2896},
	{4017, 3406, 2276, 799, -799, -2276, -3406, -4017},
	{3784, 1567, -1567, -3784, -3784, -1567, 1567, 3784},
	{3406, -799, -4017, -2276, 2276, 4017, 799, -3406},
	{2896, -2896, -2896, 2896, 2896, -2896, -2896, 2896},
	{2276, -4017, 799, 3406, -3406, -799, 4017, -2276},
	{1567, -3784, 3784, -1567, -1567, 3784, -3784, 1567},
	{799, -2276, 3406, -4017, 4017, -3406, 2276, -799},
};

/* natural index of the i-th coefficient in zigzag order */
const uint8_t zigzag[64] = {
	0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
	12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
	35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
	58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
};

#define CONST_BITS 13
#define PASS1_BITS 2 /* extra precision kept between the two passes */

static inline int32_t descale(int32_t x, int n)
{
	return (x + (1 << (n - 1))) >> n;
}

/* One 8-point forward DCT of in[0], in[stride], ... into out likewise, descaled by shift. */
static inline void fdct_1d(const int32_t *in, int istride, int32_t *out, int ostride, int shift)
{
	int32_t e0 = in[0] + in[7 * istride], o0 = in[0] - in[7 * istride];
	int32_t e1 = in[istride] + in[6 * istride], o1 = in[istride] - in[6 * istride];
	int32_t e2 = in[2 * istride] + in[5 * istride], o2 = in[2 * istride] - in[5 * istride];
	int32_t e3 = in[3 * istride] + in[4 * istride], o3 = in[3 * istride] - in[4 * istride];
	int32_t ee0 = e0 + e3, eo0 = e0 - e3, ee1 = e1 + e2, eo1 = e1 - e2;
	out[0] = descale(M[0][0] * (ee0 + ee1), shift);
	out[4 * ostride] = descale(M[4][0] * (ee0 - ee1), shift);
	out[2 * ostride] = descale(M[2][0] * eo0 + M[2][1] * eo1, shift);
	out[6 * ostride] = descale(M[6][0] * eo0 + M[6][1] * eo1, shift);
	for (int k = 1; k < 8; k += 2)
		out[k * ostride] = descale(M[k][0] * o0 + M[k][1] * o1 + M[k][2] * o2 + M[k][3] * o3, shift);
}

/* One 8-point inverse DCT (the transpose). */
static inline void idct_1d(const int32_t *in, int istride, int32_t *out, int ostride, int shift)
{
	int32_t x0 = in[0], x1 = in[istride], x2 = in[2 * istride], x3 = in[3 * istride];
	int32_t x4 = in[4 * istride], x5 = in[5 * istride], x6 = in[6 * istride], x7 = in[7 * istride];
	/* even part */
	int32_t a = M[0][0] * (x0 + x4), b = M[0][0] * (x0 - x4);
	int32_t c = M[2][0] * x2 + M[6][0] * x6, d = M[2][1] * x2 + M[6][1] * x6;
	int32_t E0 = a + c, E3 = a - c, E1 = b + d, E2 = b - d;
	/* odd part */
	int32_t O0 = M[1][0] * x1 + M[3][0] * x3 + M[5][0] * x5 + M[7][0] * x7;
	int32_t O1 = M[1][1] * x1 + M[3][1] * x3 + M[5][1] * x5 + M[7][1] * x7;
	int32_t O2 = M[1][2] * x1 + M[3][2] * x3 + M[5][2] * x5 + M[7][2] * x7;
	int32_t O3 = M[1][3] * x1 + M[3][3] * x3 + M[5][3] * x5 + M[7][3] * x7;
	out[0] = descale(E0 + O0, shift);
	out[7 * ostride] = descale(E0 - O0, shift);
	out[1 * ostride] = descale(E1 + O1, shift);
	out[6 * ostride] = descale(E1 - O1, shift);
	out[2 * ostride] = descale(E2 + O2, shift);
	out[5 * ostride] = descale(E2 - O2, shift);
	out[3 * ostride] = descale(E3 + O3, shift);
	out[4 * ostride] = descale(E3 - O3, shift);
}

/* A base table (small steps at low frequencies) scaled by a 1..100 quality, as in the
 * usual JPEG convention. */
void make_qtable(int quality, int chroma, uint16_t q[64])
{
	int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
	for (int u = 0; u < 8; u++)
		for (int v = 0; v < 8; v++) {
			int base = chroma ? 14 + 6 * (u + v) : 8 + 3 * (u + v) + (u * v) / 2;
			int t = (base * scale + 50) / 100;
			q[u * 8 + v] = (uint16_t)(t < 1 ? 1 : t > 255 ? 255 : t);
		}
}

void encode_plane(const struct plane *p, const uint16_t q[64], struct coefs *out)
{
	int32_t blk[64], tmp[64], coef[64];
	for (int by = 0; by < out->bh; by++)
		for (int bx = 0; bx < out->bw; bx++) {
			/* gather with edge replication, level shift */
			for (int y = 0; y < 8; y++) {
				int sy = by * 8 + y;
				if (sy >= p->h)
					sy = p->h - 1;
				const uint8_t *row = p->pix + sy * p->w;
				for (int x = 0; x < 8; x++) {
					int sx = bx * 8 + x;
					if (sx >= p->w)
						sx = p->w - 1;
					blk[y * 8 + x] = (int32_t)row[sx] - 128;
				}
			}
			for (int y = 0; y < 8; y++) /* rows, keeping PASS1_BITS of precision */
				fdct_1d(blk + y * 8, 1, tmp + y * 8, 1, CONST_BITS - PASS1_BITS);
			for (int x = 0; x < 8; x++) /* columns */
				fdct_1d(tmp + x, 8, coef + x, 8, CONST_BITS + PASS1_BITS);
			int16_t *dst = out->c + (by * out->bw + bx) * 64;
			for (int i = 0; i < 64; i++) {
				int k = zigzag[i];
				int32_t v = coef[k], qq = q[k];
				dst[i] = (int16_t)(v >= 0 ? (v + qq / 2) / qq : -((-v + qq / 2) / qq));
			}
		}
}

void decode_plane(const struct coefs *in, const uint16_t q[64], struct plane *p)
{
	int32_t coef[64], tmp[64], blk[64];
	for (int by = 0; by < in->bh; by++)
		for (int bx = 0; bx < in->bw; bx++) {
			const int16_t *src = in->c + (by * in->bw + bx) * 64;
			for (int i = 0; i < 64; i++) {
				int k = zigzag[i];
				coef[k] = (int32_t)src[i] * q[k];
			}
			for (int x = 0; x < 8; x++) /* columns */
				idct_1d(coef + x, 8, tmp + x, 8, CONST_BITS - PASS1_BITS);
			for (int y = 0; y < 8; y++) /* rows */
				idct_1d(tmp + y * 8, 1, blk + y * 8, 1, CONST_BITS + PASS1_BITS);
			for (int y = 0; y < 8; y++) {
				int sy = by * 8 + y;
				if (sy >= p->h)
					break;
				uint8_t *row = p->pix + sy * p->w;
				for (int x = 0; x < 8; x++) {
					int sx = bx * 8 + x;
					if (sx >= p->w)
						break;
					int32_t v = blk[y * 8 + x] + 128;
					row[sx] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
				}
			}
		}
}
