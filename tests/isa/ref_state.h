// A small reference implementation of the isa State interface (isa/state.h) for tests:
// flat big-endian memory of 64 KiB at address 0x10000, every other address faults.
#ifndef DYNSIM_TESTS_ISA_REF_STATE_H
#define DYNSIM_TESTS_ISA_REF_STATE_H

#include <stdint.h>

#include <vector>

#include "isa/conditions.h"
#include "isa/state.h"

struct RefState {
  static constexpr uint32_t kBase = 0x10000, kSize = 0x10000;
  uint32_t g[32] = {};
  uint32_t sar_ = 0;
  uint8_t cb_ = 0;
  bool v_ = false, n_ = false;
  uint64_t f[32] = {};
  uint32_t front = kBase | 3, back = (kBase + 4) | 3;
  std::vector<uint8_t> mem = std::vector<uint8_t>(kSize);
  std::vector<std::pair<isa::CacheOp, uint32_t>> cache_events;

  uint32_t gr(unsigned r) const { return r ? g[r] : 0; }
  void set_gr(unsigned r, uint32_t v) { g[r] = v; }
  uint32_t sar() const { return sar_; }
  void set_sar(uint32_t v) { sar_ = v; }
  uint8_t cb() const { return cb_; }
  void set_carries(uint32_t v) { cb_ = isa::nibble_carries(v); }
  bool psw_v() const { return v_; }
  void set_psw_v(bool v) { v_ = v; }
  uint64_t fr(unsigned r) const { return f[r]; }
  void set_fr(unsigned r, uint64_t v) { f[r] = v; }
  int load(uint32_t a, unsigned size, uint64_t* v) {
    if (a < kBase || a + size > kBase + kSize || a % size) return 11;
    uint64_t x = 0;
    for (unsigned k = 0; k < size; ++k) x = (x << 8) | mem[a - kBase + k];
    *v = x;
    return 0;
  }
  int store(uint32_t a, unsigned size, uint64_t v) {
    if (a < kBase || a + size > kBase + kSize || a % size) return 11;
    for (unsigned k = 0; k < size; ++k) mem[a - kBase + k] = static_cast<uint8_t>(v >> (8 * (size - 1 - k)));
    return 0;
  }
  uint32_t cr(unsigned r) { return r == 16 ? 12345 : 0; }
  uint32_t space(unsigned) const { return 0; }
  void cache(isa::CacheOp op, uint32_t a) { cache_events.emplace_back(op, a); }
  uint32_t iaoq_front() const { return front; }
  uint32_t iaoq_back() const { return back; }
  void set_iaoq(uint32_t f_, uint32_t b) { front = f_; back = b; }
  bool psw_n() const { return n_; }
  void set_psw_n(bool v) { n_ = v; }
};

#endif
