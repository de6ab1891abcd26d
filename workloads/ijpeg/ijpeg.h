/* ijpeg: shared definitions for the JPEG-like integer image codec. */
#ifndef IJPEG_H
#define IJPEG_H

#include <stdint.h>

/* An 8-bit image plane. */
struct plane {
	int w, h;     /* in pixels */
	uint8_t *pix; /* w * h, row-major */
};

/* Quantized coefficients of one component, blocks in raster order, each in zigzag order. */
struct coefs {
	int bw, bh; /* in blocks */
	int16_t *c; /* bw * bh * 64 */
};

/* image.c: the test image and the colour conversions */
void make_image(int w, int h, uint32_t seed, uint8_t *rgb);
void rgb_to_ycc(const uint8_t *rgb, int w, int h, struct plane *y, struct plane *cb, struct plane *cr);
void ycc_to_rgb(const struct plane *y, const struct plane *cb, const struct plane *cr, uint8_t *rgb);
struct plane new_plane(int w, int h);

/* dct.c: integer forward/inverse DCT, quantization, zigzag */
extern const uint8_t zigzag[64];
void make_qtable(int quality, int chroma, uint16_t q[64]);
void encode_plane(const struct plane *p, const uint16_t q[64], struct coefs *out);
void decode_plane(const struct coefs *in, const uint16_t q[64], struct plane *p);

/* huff.c: Huffman entropy coding of quantized blocks (JPEG-style DC/AC symbols) */
struct bitbuf {
	uint8_t *data;
	uint32_t cap, len; /* bytes */
	uint32_t acc;
	int nacc;
	uint32_t rpos; /* reader: next byte */
};
uint32_t entropy_encode(struct coefs *comp[3], struct bitbuf *bb, uint32_t *table_sum);
int entropy_decode(struct coefs *comp[3], struct bitbuf *bb);

#endif
