/* ISA probe: loads and stores of every size and addressing form: short and long
   displacement, indexed and scaled, modify-before/after, byte copies, struct copies. */
#include "probe_out.h"
struct rec { char c; short s; int i; long long q; unsigned char pad[13]; };
static struct rec recs[16];
static unsigned char bytes[300];
volatile int n_v = 16;

__attribute__((noinline)) void copy_bytes(unsigned char *d, const unsigned char *s, int n) {
  while (n--) *d++ = *s++;
}
__attribute__((noinline)) void copy_words(unsigned *d, const unsigned *s, int n) {
  for (int i = 0; i < n; i++) d[i] = s[i];
}
__attribute__((noinline)) long long sum_recs(struct rec *r, int n) {
  long long t = 0;
  for (int i = 0; i < n; i++) t += r[i].c + r[i].s + r[i].i + r[i].q + r[i].pad[i % 13];
  return t;
}
__attribute__((noinline)) unsigned short halves(unsigned short *h, int n, int k) {
  unsigned short t = 0;
  for (int i = 0; i < n; i++) t += h[i] + h[i + k];
  return t;
}
__attribute__((noinline)) void fill_struct(struct rec *d, struct rec s) { *d = s; }
int main(void) {
  static unsigned words[64], words2[64];
  static unsigned short hw[128];
  for (int i = 0; i < 300; i++) bytes[i] = (unsigned char)(i * 7);
  for (int i = 0; i < 64; i++) words[i] = (unsigned)i * 0x01010101u;
  for (int i = 0; i < 128; i++) hw[i] = (unsigned short)(i * 257);
  for (int i = 0; i < n_v; i++) {
    struct rec r = {(char)i, (short)(i * 100), i * 100000, (long long)i << 40, {0}};
    r.pad[i % 13] = (unsigned char)i;
    fill_struct(&recs[i], r);
  }
  copy_bytes(bytes + 150, bytes + 3, 140);
  copy_words(words2, words, 64);
  struct blk { unsigned w[10]; };
  *(struct blk *)(words2 + 3) = *(const struct blk *)(words + 9);
  unsigned long long acc = (unsigned long long)sum_recs(recs, n_v);
  acc += halves(hw, 64, 5);
  for (int i = 0; i < 300; i++) acc = acc * 3 + bytes[i];
  for (int i = 0; i < 64; i++) acc ^= words2[i];
  probe_put_hex("memory", acc);
  return 0;
}
