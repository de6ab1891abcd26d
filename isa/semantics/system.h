// Semantics of the user-level system instructions (PA-RISC 2.0 manual, chapter 7: BREAK,
// SYNC, SYNCDMA, MFSP, MFCTL, MTCTL to SAR, MTSARCM, FDC, FIC).
#ifndef DYNSIM_ISA_SEMANTICS_SYSTEM_H
#define DYNSIM_ISA_SEMANTICS_SYSTEM_H

#include "isa/inline.h"
#include "isa/insn.h"
#include "isa/semantics/memory.h"
#include "isa/state.h"

namespace isa {

template <class S>
ISA_INLINE Effect exec_break(S&, const Insn&, Ia) {
  return trap(Trap::kBreak);
}

template <class S>
ISA_INLINE Effect exec_sync(S& s, const Insn&, Ia) {
  s.cache(CacheOp::kSync, 0);
  return next();
}

template <class S>
ISA_INLINE Effect exec_mfsp(S& s, const Insn& i, Ia) {
  write_gr(s, i.t, s.space(i.sr));
  return next();
}

// MFCTL: user mode may read cr11 (SAR), cr16 (interval timer), cr26 and cr27.
template <class S>
ISA_INLINE Effect exec_mfctl(S& s, const Insn& i, Ia) {
  uint32_t v = 0;
  if (i.r2 == 11) v = s.sar();
  else if (i.r2 == 16 || i.r2 == 26 || i.r2 == 27) v = s.cr(i.r2);
  else return trap(Trap::kPrivileged);
  write_gr(s, i.t, v);
  return next();
}

// MTSAR (mtctl r,cr11) and MTSARCM (SAR = ~r): only the low five bits matter in narrow mode.
template <class S>
ISA_INLINE Effect exec_mtsar(S& s, const Insn& i, Ia) {
  const uint32_t v = s.gr(i.r1);
  s.set_sar(((info(i).props & prop::NEG) ? ~v : v) & 31);
  return next();
}

// PROBEI,R: t = 1 if the address in b is readable at privilege level im5, else 0. The
// State's load is side-effect free, so a one-byte read answers it.
template <class S>
ISA_INLINE Effect exec_probe(S& s, const Insn& i, Ia) {
  uint64_t v = 0;
  write_gr(s, i.t, s.load(s.gr(i.r2), 1, &v) == 0 ? 1u : 0u);
  return next();
}

// FDC, FIC (indexed, optionally modifying the base) and FDC short: cache-maintenance
// events for the simulator's caches and predecoded-instruction cache.
template <class S>
ISA_INLINE Effect exec_cache_flush(S& s, const Insn& i, Ia) {
  const Address a = effective_address(s, i, 1);
  s.cache((info(i).props & prop::IFLUSH) ? CacheOp::kFic : CacheOp::kFdc, a.addr);
  if (a.modify) write_gr(s, i.r2, a.new_base);
  return next();
}

}  // namespace isa

#endif
