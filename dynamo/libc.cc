// The C library functions Dynamo's code needs (GCC emits calls to memcpy and friends for
// struct copies and loops). Dynamo defines its own so that no member of the runtime's C
// library is linked in: the runtime's string functions share an object file with strdup,
// which would bring malloc and sbrk, and Dynamo must never touch the application's heap
// (tests/dynamo checks that its ELF has no malloc, brk or sbrk).
#include <stddef.h>
#include <stdint.h>

extern "C" {

// -ffreestanding and the loop patterns GCC recognizes must not turn these into calls to
// themselves: the BUILD compiles this file with -fno-tree-loop-distribute-patterns.
void* memcpy(void* dst, const void* src, size_t n) {
  auto* d = static_cast<unsigned char*>(dst);
  const auto* s = static_cast<const unsigned char*>(src);
  if (((reinterpret_cast<uintptr_t>(d) | reinterpret_cast<uintptr_t>(s) | n) & 3) == 0) {
    auto* dw = reinterpret_cast<uint32_t*>(d);
    const auto* sw = reinterpret_cast<const uint32_t*>(s);
    for (size_t i = 0; i < n / 4; ++i) dw[i] = sw[i];
    return dst;
  }
  for (size_t i = 0; i < n; ++i) d[i] = s[i];
  return dst;
}

void* memmove(void* dst, const void* src, size_t n) {
  auto* d = static_cast<unsigned char*>(dst);
  const auto* s = static_cast<const unsigned char*>(src);
  if (d <= s || d >= s + n) return memcpy(dst, src, n);
  while (n--) d[n] = s[n];
  return dst;
}

void* memset(void* dst, int c, size_t n) {
  auto* d = static_cast<unsigned char*>(dst);
  for (size_t i = 0; i < n; ++i) d[i] = static_cast<unsigned char>(c);
  return dst;
}

int memcmp(const void* a, const void* b, size_t n) {
  const auto* x = static_cast<const unsigned char*>(a);
  const auto* y = static_cast<const unsigned char*>(b);
  for (size_t i = 0; i < n; ++i)
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

}  // extern "C"
