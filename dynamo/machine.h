// The few PA-RISC instructions Dynamo executes on its own behalf rather than through the
// isa/ semantics: probing an address before touching the application's memory, reading
// the user-visible control and space registers, and cache maintenance (PA-RISC 2.0 manual,
// chapter 7: PROBEI, MFCTL, MFSP, FDC, FIC, SYNC). Guest-only (inline assembly).
#ifndef DYNSIM_DYNAMO_MACHINE_H
#define DYNSIM_DYNAMO_MACHINE_H

#include <stdint.h>

namespace dynamo::machine {

// True if user code may read the byte at `addr` (PROBEI,R at privilege level 3).
inline bool Readable(uint32_t addr) {
  uint32_t ok;
  __asm__ volatile("probei,r (%1),3,%0" : "=r"(ok) : "r"(addr));
  return ok != 0;
}

// MFCTL of the user-readable control registers: cr16 (interval timer), cr26, cr27.
inline uint32_t ReadControl(unsigned cr) {
  uint32_t v = 0;
  switch (cr) {
    case 16: __asm__ volatile("mfctl %%cr16,%0" : "=r"(v)); break;
    case 26: __asm__ volatile("mfctl %%cr26,%0" : "=r"(v)); break;
    case 27: __asm__ volatile("mfctl %%cr27,%0" : "=r"(v)); break;
    default: break;
  }
  return v;
}

// MFSP of space register `sr` (0..7).
inline uint32_t ReadSpace(unsigned sr) {
  uint32_t v = 0;
  switch (sr & 7) {
    case 0: __asm__ volatile("mfsp %%sr0,%0" : "=r"(v)); break;
    case 1: __asm__ volatile("mfsp %%sr1,%0" : "=r"(v)); break;
    case 2: __asm__ volatile("mfsp %%sr2,%0" : "=r"(v)); break;
    case 3: __asm__ volatile("mfsp %%sr3,%0" : "=r"(v)); break;
    case 4: __asm__ volatile("mfsp %%sr4,%0" : "=r"(v)); break;
    case 5: __asm__ volatile("mfsp %%sr5,%0" : "=r"(v)); break;
    case 6: __asm__ volatile("mfsp %%sr6,%0" : "=r"(v)); break;
    default: __asm__ volatile("mfsp %%sr7,%0" : "=r"(v)); break;
  }
  return v;
}

inline void FlushDataLine(uint32_t addr) { __asm__ volatile("fdc %%r0(%0)" : : "r"(addr) : "memory"); }
inline void FlushInstructionLine(uint32_t addr) {
  __asm__ volatile("fic %%r0(%%sr4,%0)" : : "r"(addr) : "memory");
}
inline void Sync() { __asm__ volatile("sync" : : : "memory"); }

}  // namespace dynamo::machine

#endif  // DYNSIM_DYNAMO_MACHINE_H
