/* ijpeg: the generated test image and the integer colour conversions (4:2:0). */
#include <stdint.h>
#include <stdlib.h>

#include "ijpeg.h"

struct plane new_plane(int w, int h)
{
	struct plane p = {w, h, malloc((size_t)w * h)};
	return p;
}

static uint8_t clamp255(int32_t v)
{
	return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
}

/* A photograph-like test card: smooth gradients, a shaded disc, a textured band, stripes
 * and a little noise, all from integer arithmetic and a seeded generator. */
void make_image(int w, int h, uint32_t seed, uint8_t *rgb)
{
	uint32_t r = seed;
	int cx = w / 3 + (int)(seed % 7), cy = h / 2, rad = (w < h ? w : h) / 3;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			r = r * 1103515245u + 12345u;
			int noise = (int)((r >> 16) & 15) - 8;
			int R = x * 255 / w, G = y * 255 / h, B = 255 - (x + y) * 255 / (w + h);
			int dx = x - cx, dy = y - cy, d2 = dx * dx + dy * dy;
			if (d2 < rad * rad) { /* shaded disc */
				int shade = 255 - d2 * 200 / (rad * rad);
				R = (R + 3 * shade) / 4;
				G = G / 3;
				B = (B + shade) / 2;
			}
			if (y > h * 3 / 4) { /* a textured band */
				int t = ((x / 3) ^ (y / 2)) & 7;
				R = R / 2 + t * 12;
				G = G / 2 + t * 9;
			}
			if (x > w * 4 / 5 && (y / 4) % 2 == 0) { /* stripes: sharp edges */
				R = 250;
				G = 240;
				B = 20;
			}
			uint8_t *px = rgb + 3 * (y * w + x);
			px[0] = clamp255(R + noise);
			px[1] = clamp255(G + noise / 2);
			px[2] = clamp255(B - noise);
		}
}

/* Y at full resolution; Cb and Cr averaged over 2x2 (edge pixels replicated). Fixed-point
 * ITU-R BT.601 weights at 16 fractional bits. */
void rgb_to_ycc(const uint8_t *rgb, int w, int h, struct plane *yp, struct plane *cbp, struct plane *crp)
{
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			const uint8_t *px = rgb + 3 * (y * w + x);
			int32_t R = px[0], G = px[1], B = px[2];
			yp->pix[y * w + x] = (uint8_t)((19595 * R + 38470 * G + 7471 * B + 32768) >> 16);
		}
	for (int y = 0; y < cbp->h; y++)
		for (int x = 0; x < cbp->w; x++) {
			int32_t cb = 0, cr = 0;
			for (int k = 0; k < 4; k++) {
				int sx = 2 * x + (k & 1), sy = 2 * y + (k >> 1);
				if (sx >= w)
					sx = w - 1;
				if (sy >= h)
					sy = h - 1;
				const uint8_t *px = rgb + 3 * (sy * w + sx);
				int32_t R = px[0], G = px[1], B = px[2];
				cb += -11059 * R - 21709 * G + 32768 * B + (128 << 16);
				cr += 32768 * R - 27439 * G - 5329 * B + (128 << 16);
			}
			/* the sums are non-negative, so the shifts are plain divisions */
			cbp->pix[y * cbp->w + x] = clamp255((cb + (2 << 16)) >> 18);
			crp->pix[y * crp->w + x] = clamp255((cr + (2 << 16)) >> 18);
		}
}

void ycc_to_rgb(const struct plane *yp, const struct plane *cbp, const struct plane *crp, uint8_t *rgb)
{
	for (int y = 0; y < yp->h; y++)
		for (int x = 0; x < yp->w; x++) {
			int32_t Y = yp->pix[y * yp->w + x];
			int32_t cb = (int32_t)cbp->pix[(y / 2) * cbp->w + x / 2] - 128;
			int32_t cr = (int32_t)crp->pix[(y / 2) * crp->w + x / 2] - 128;
			uint8_t *px = rgb + 3 * (y * yp->w + x);
			px[0] = clamp255(Y + ((91881 * cr + 32768) >> 16));
			px[1] = clamp255(Y - ((22554 * cb + 46802 * cr - 32768) >> 16));
			px[2] = clamp255(Y + ((116130 * cb + 32768) >> 16));
		}
}
