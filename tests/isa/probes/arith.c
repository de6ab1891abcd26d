/* ISA probe: integer arithmetic GCC lowers to add/sub with carry, shifts, extract/deposit,
   millicode calls ($$mulI, $$divU, $$remI, __udivdi3 ...) and xmpyu. */
#include "probe_out.h"
typedef unsigned long long u64;
typedef long long s64;
struct bits { unsigned a : 3, b : 7, c : 13, d : 9; signed e : 5, f : 11; };
volatile unsigned vu[8] = {7, 1000003, 0xdeadbeef, 12345, 0x80000000u, 3, 0xffffffffu, 65537};
volatile int vi[8] = {-7, 1000003, -123456789, 12345, -2147483647 - 1, 3, -1, 65537};
volatile u64 vq[4] = {0x123456789abcdefULL, 0xffffffffffffffffULL, 77, 0x8000000000000000ULL};

__attribute__((noinline)) u64 mix64(u64 a, u64 b, int s) {
  u64 r = a * b + (a >> (s & 63)) - (b << (s & 31));
  r ^= (s64)a >> 7;
  r += a / (b | 1) + a % (b | 3);
  r -= (u64)((s64)a / (s64)(b | 5)) + (u64)((s64)a % 1000);
  return r;
}
__attribute__((noinline)) unsigned mix32(unsigned a, unsigned b, int s) {
  unsigned r = a * b + a / (b | 1) + a % (b | 1);
  r += (unsigned)((int)a / (int)(b | 1)) + (unsigned)((int)a % (int)(b | 3));
  r ^= (a >> (s & 31)) | (b << ((32 - s) & 31));
  r += a / 10 + a % 7 + (unsigned)((int)a / 3) + a * 37 + a * 1000 + a * 123457;
  r += (unsigned)(((int)a) >> (s & 31));
  r += (a < b) + (a <= b) * 2 + ((int)a < (int)b) * 4 + (a == b) * 8 + ((int)a >= 0) * 16;
  return r;
}
__attribute__((noinline)) unsigned bitfields(struct bits *p, unsigned v) {
  p->a = v; p->b = v >> 3; p->c += v; p->d = ~v; p->e = (int)v; p->f -= (int)v;
  return p->a + p->b + p->c + p->d + p->e + p->f;
}
__attribute__((noinline)) int popcnt(unsigned v) {
  int n = 0;
  while (v) { v &= v - 1; n++; }
  return n + __builtin_clz(v | 1) + __builtin_ctz(v | 0x100);
}
__attribute__((noinline)) s64 sat_add(s64 a, s64 b) {
  s64 r;
  if (__builtin_add_overflow(a, b, &r)) return a < 0 ? (s64)0x8000000000000000ULL : 0x7fffffffffffffffLL;
  return r;
}
int main(void) {
  u64 acc = 0;
  struct bits b = {0};
  for (int i = 0; i < 8; i++) {
    acc += mix64(vq[i & 3], vq[(i + 1) & 3], vi[i]);
    acc += mix32(vu[i], vu[(i + 3) & 7], vi[i]);
    acc += bitfields(&b, vu[i]);
    acc += popcnt(vu[i]);
    acc += sat_add(vq[i & 3], vq[(i + 2) & 3]);
    acc += (u64)vu[i] * vu[(i + 1) & 7];
    acc += (s64)vi[i] * vi[(i + 5) & 7];
  }
  probe_put_hex("arith", acc);
  return 0;
}
