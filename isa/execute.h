// execute(): one switch from a pattern's semantic family (the SEM column of insns.def) to
// its handler. Inline, no virtual calls, no strings: the simulator and Dynamo's
// interpreter both compile it for their own State.
#ifndef DYNSIM_ISA_EXECUTE_H
#define DYNSIM_ISA_EXECUTE_H

#include "isa/inline.h"
#include "isa/insn.h"
#include "isa/semantics/alu.h"
#include "isa/semantics/branch.h"
#include "isa/semantics/fp.h"
#include "isa/semantics/memory.h"
#include "isa/semantics/shift.h"
#include "isa/semantics/system.h"
#include "isa/state.h"

namespace isa {

template <class S>
ISA_INLINE Effect execute(S& s, const Insn& i, Ia ia) {
  switch (info(i).sem) {
    case Sem::Illegal: return trap(Trap::kIllegal);
    case Sem::Break: return exec_break(s, i, ia);
    case Sem::Sync: return exec_sync(s, i, ia);
    case Sem::Mfsp: return exec_mfsp(s, i, ia);
    case Sem::Mfctl: return exec_mfctl(s, i, ia);
    case Sem::Mtsar: return exec_mtsar(s, i, ia);
    case Sem::CacheFlush: return exec_cache_flush(s, i, ia);
    case Sem::Logical: return exec_logical(s, i, ia);
    case Sem::Sub: return exec_sub(s, i, ia);
    case Sem::Ds: return exec_ds(s, i, ia);
    case Sem::Add: return exec_add(s, i, ia);
    case Sem::Cmpclr: return exec_cmpclr(s, i, ia);
    case Sem::Uaddcm: return exec_uaddcm(s, i, ia);
    case Sem::Dcor: return exec_dcor(s, i, ia);
    case Sem::Load: return exec_load(s, i, ia);
    case Sem::Ldcw: return exec_ldcw(s, i, ia);
    case Sem::Store: return exec_store(s, i, ia);
    case Sem::Ldil: return exec_ldil(s, i, ia);
    case Sem::Addil: return exec_addil(s, i, ia);
    case Sem::Ldo: return exec_ldo(s, i, ia);
    case Sem::Fload: return exec_fload(s, i, ia);
    case Sem::Fstore: return exec_fstore(s, i, ia);
    case Sem::Xmpyu: return exec_xmpyu(s, i, ia);
    case Sem::Cmpb: return exec_cmpb(s, i, ia);
    case Sem::Addb: return exec_addb(s, i, ia);
    case Sem::Bb: return exec_bb(s, i, ia);
    case Sem::Movb: return exec_movb(s, i, ia);
    case Sem::Shrpw: return exec_shrpw(s, i, ia);
    case Sem::Extrw: return exec_extrw(s, i, ia);
    case Sem::Depw: return exec_depw(s, i, ia);
    case Sem::Be: return exec_be(s, i, ia);
    case Sem::Bl: return exec_bl(s, i, ia);
    case Sem::Blr: return exec_blr(s, i, ia);
    case Sem::Bv: return exec_bv(s, i, ia);
    case Sem::Probe: return exec_probe(s, i, ia);
    case Sem::Stby: return exec_stby(s, i, ia);
    case Sem::FpUnary: return exec_fp_unary(s, i, ia);
    case Sem::FpCnv: return exec_fp_cnv(s, i, ia);
    case Sem::FpCmp: return exec_fp_cmp(s, i, ia);
    case Sem::FpTest: return exec_fp_test(s, i, ia);
    case Sem::FpArith: return exec_fp_arith(s, i, ia);
    case Sem::FpFma: return exec_fp_fma(s, i, ia);
    case Sem::FpMpyAdd: return exec_fp_mpyadd(s, i, ia);
  }
  return trap(Trap::kIllegal);
}

}  // namespace isa

#endif
