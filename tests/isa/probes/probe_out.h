/* Tiny output helpers for the ISA probe programs (no printf needed). */
#ifndef PROBE_OUT_H
#define PROBE_OUT_H
#include <unistd.h>
static inline void probe_put_hex(const char *tag, unsigned long long v) {
  char buf[64];
  int n = 0;
  while (*tag) buf[n++] = *tag++;
  buf[n++] = '=';
  for (int s = 60; s >= 0; s -= 4) buf[n++] = "0123456789abcdef"[(v >> s) & 15];
  buf[n++] = '\n';
  write(1, buf, n);
}
#endif
