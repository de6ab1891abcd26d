// Conditions (PA-RISC 2.0 manual, chapter 5 "Conditions": compare/subtract, add, logical,
// unit, shift/extract/deposit, branch-on-bit), named as objdump spells the completers and
// evaluated once here for every instruction that has a condition. A condition index is
// c << 1 | f: c selects the base condition and f negates it.
#ifndef DYNSIM_ISA_CONDITIONS_H
#define DYNSIM_ISA_CONDITIONS_H

#include <stdint.h>

#include "isa/insn.h"

namespace isa {

// Completer text without the leading comma ("" for never); nullptr: not a valid condition.
constexpr const char* kCondNames[9][16] = {
    // kCondNone
    {"", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
     nullptr, nullptr, nullptr, nullptr, nullptr, nullptr},
    // kCondCmp: compare/subtract conditions (table 5-3)
    {"", "tr", "=", "<>", "<", ">=", "<=", ">", "<<", ">>=", "<<=", ">>", "sv", "nsv", "od", "ev"},
    // kCondAdd: add conditions (table 5-4)
    {"", "tr", "=", "<>", "<", ">=", "<=", ">", "nuv", "uv", "znv", "vnz", "sv", "nsv", "od", "ev"},
    // kCondLog: logical conditions (table 5-5)
    {"", "tr", "=", "<>", "<", ">=", "<=", ">", nullptr, nullptr, nullptr, nullptr, nullptr,
     nullptr, "od", "ev"},
    // kCondUnit: unit conditions (table 5-6)
    {"", "tr", nullptr, nullptr, "sbz", "nbz", "shz", "nhz", "sdc", "ndc", nullptr, nullptr,
     "sbc", "nbc", "shc", "nhc"},
    // kCondSed: shift/extract/deposit conditions (table 5-7), 3-bit c only, f = 0
    {"", nullptr, "=", nullptr, "<", nullptr, "od", nullptr, "tr", nullptr, "<>", nullptr,
     ">=", nullptr, "ev", nullptr},
    // kCondBb: branch on bit: "<" bit is 1, ">=" bit is 0
    {"<", nullptr, ">=", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
     nullptr, nullptr, nullptr, nullptr, nullptr, nullptr},
    // kCondUxor: the unit conditions without carries (UXOR has none)
    {"", "tr", nullptr, nullptr, "sbz", "nbz", "shz", "nhz", nullptr, nullptr, nullptr, nullptr,
     nullptr, nullptr, nullptr, nullptr},
    // kCondAddb: ADDB/ADDIB, PA-RISC 2.0 table "Add and Branch Conditions": c = 0..4 are
    // the word conditions never, =, <, <=, NUV and (f = 1) their negations. PA 2.0 gives
    // c = 5..7 to the doubleword conditions *=, *<, *<= (objdump prints them so), which
    // test the 64-bit sum: outside the narrow-mode subset, so illegal here. (PA 1.1 had
    // ZNV, SV, OD there, which is what qemu-hppa 7.2 executes; docs/isa.md.)
    {"", "tr", "=", "<>", "<", ">=", "<=", ">", "nuv", "uv", nullptr, nullptr, nullptr,
     nullptr, nullptr, nullptr},
};

constexpr bool cond_valid(CondTab tab, uint8_t cond) {
  return cond < 16 && kCondNames[tab][cond] != nullptr;
}

// Compare/subtract and add conditions from an addition's result, carry out and signed
// overflow (subtraction is a + ~b + 1, so carry means "no borrow").
constexpr bool cond_arith(uint8_t cond, uint32_t res, bool carry, bool ovf) {
  const bool z = res == 0, lt = ((res >> 31) != 0) != ovf;
  bool r = false;
  switch (cond >> 1) {
    case 0: r = false; break;
    case 1: r = z; break;
    case 2: r = lt; break;
    case 3: r = lt || z; break;
    case 4: r = !carry; break;          // <<  (no unsigned overflow, for add)
    case 5: r = !carry || z; break;     // <<= (zero or no unsigned overflow, for add)
    case 6: r = ovf; break;
    default: r = (res & 1) != 0; break;
  }
  return r != ((cond & 1) != 0);
}

// Logical conditions on a result.
constexpr bool cond_logical(uint8_t cond, uint32_t res) {
  const int32_t v = static_cast<int32_t>(res);
  bool r = false;
  switch (cond >> 1) {
    case 1: r = v == 0; break;
    case 2: r = v < 0; break;
    case 3: r = v <= 0; break;
    case 7: r = (res & 1) != 0; break;
    default: r = false; break;
  }
  return r != ((cond & 1) != 0);
}

// Unit conditions: some byte/halfword zero of the result, some digit/byte/halfword carry
// (carries: bit i = carry out of bit i of the unit addition, 0 for logical units).
constexpr bool cond_unit(uint8_t cond, uint32_t res, uint32_t carries) {
  bool r = false;
  switch (cond >> 1) {
    case 2: r = ((res - 0x01010101u) & ~res & 0x80808080u) != 0; break;   // sbz
    case 3: r = (res & 0xffff) == 0 || (res >> 16) == 0; break;            // shz
    case 4: r = (carries & 0x88888888u) != 0; break;                       // sdc
    case 6: r = (carries & 0x80808080u) != 0; break;                       // sbc
    case 7: r = (carries & 0x80008000u) != 0; break;                       // shc
    default: r = false; break;
  }
  return r != ((cond & 1) != 0);
}

// Shift/extract/deposit (and move-and-branch) conditions on a result: c is cond >> 1.
constexpr bool cond_sed(uint8_t cond, uint32_t res) {
  const int32_t v = static_cast<int32_t>(res);
  switch (cond >> 1) {
    case 0: return false;
    case 1: return v == 0;
    case 2: return v < 0;
    case 3: return (res & 1) != 0;
    case 4: return true;
    case 5: return v != 0;
    case 6: return v >= 0;
    default: return (res & 1) == 0;
  }
}

// Carry out of every bit position of a + b (+ cin) = res, with the final carry.
constexpr uint32_t carry_vector(uint32_t a, uint32_t b, uint32_t res, bool cout) {
  return ((a ^ b ^ res) >> 1) | (cout ? 0x80000000u : 0u);
}
// PSW[C/B] as dynsim keeps it: bit k = carry out of nibble k (bits 4k..4k+3, lsb
// numbering); bit 7 is the carry out of the word, the one add,c and sub,b consume.
constexpr uint8_t nibble_carries(uint32_t carries) {
  // Gathers bits 3, 7, ..., 31 into bits 0..7 without a loop (bit k = bit 4k+3).
  uint32_t x = (carries >> 3) & 0x11111111u;
  x = (x | (x >> 3)) & 0x03030303u;
  x = (x | (x >> 6)) & 0x000f000fu;
  return static_cast<uint8_t>(x | (x >> 12));
}
// A carry vector whose nibble_carries() is `cb` (bit k to bit 4k+3), for a State that
// keeps the vector and starts from PSW[C/B].
constexpr uint32_t carries_of_nibbles(uint8_t cb) {
  uint32_t x = cb;
  x = (x | (x << 12)) & 0x000f000fu;
  x = (x | (x << 6)) & 0x03030303u;
  x = (x | (x << 3)) & 0x11111111u;
  return x << 3;
}
static_assert(nibble_carries(carries_of_nibbles(0xa5)) == 0xa5 && nibble_carries(carries_of_nibbles(0x5a)) == 0x5a,
              "carries_of_nibbles inverts nibble_carries");

}  // namespace isa

#endif
