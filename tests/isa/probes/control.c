/* ISA probe: branches of every kind: loops (addib/cmpb/movb), switches (blr / jump tables),
   function pointers ($$dyncall), recursion, calls and returns, conditional moves. */
#include "probe_out.h"
typedef int (*fn_t)(int);
static int f0(int x) { return x + 1; }
static int f1(int x) { return x * 3; }
static int f2(int x) { return x ^ 0x55; }
static int f3(int x) { return -x; }
static fn_t table[4] = {f0, f1, f2, f3};
volatile int seed = 17;

__attribute__((noinline)) int sw(int k, int x) {
  switch (k) {
  case 0: return x + 3;
  case 1: return x * 5;
  case 2: return x - 9;
  case 3: return x << 2;
  case 4: return x >> 1;
  case 5: return x & 0xff;
  case 6: return x | 0x100;
  case 7: return ~x;
  case 9: return x / 3;
  case 11: return 42;
  default: return -1;
  }
}
__attribute__((noinline)) int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
__attribute__((noinline)) int search(const int *a, int n, int key) {
  int lo = 0, hi = n - 1;
  while (lo <= hi) {
    int mid = (lo + hi) >> 1;
    if (a[mid] == key) return mid;
    if (a[mid] < key) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}
__attribute__((noinline)) unsigned minmax(unsigned a, unsigned b, int c, int d) {
  unsigned m = a < b ? a : b;
  int n = c > d ? c : d;
  return m + (unsigned)n + (c == 0 ? 7u : 0u) + ((a & 4) ? 1u : 9u);
}
int main(void) {
  int arr[64];
  for (int i = 0; i < 64; i++) arr[i] = i * 3 + (seed & 1);
  unsigned acc = 0;
  for (int i = 0; i < 40; i++) {
    acc += (unsigned)sw(i % 13, seed + i);
    acc += (unsigned)table[i & 3](i);
    acc += (unsigned)search(arr, 64, i * 2);
    acc += minmax((unsigned)i, (unsigned)seed, i - 20, seed);
  }
  for (int i = 100; i > 0; i -= 3) acc = acc * 31 + (unsigned)i;
  acc += (unsigned)fib(15);
  probe_put_hex("control", acc);
  return 0;
}
