// The machine-state interface the semantics are written against, and the value types they
// return. Semantics are templates over a State class S; a simulator's core and Dynamo's
// interpreter each provide one (tests/isa/ref_state.h is a small reference one). No
// virtual calls: every member below is an ordinary (ideally inline) member function.
//
//   uint32_t gr(unsigned r) const;            general register; gr(0) must return 0
//   void set_gr(unsigned r, uint32_t v);      never called with r == 0 (write_gr skips it)
//   uint32_t sar() const; void set_sar(uint32_t v);      shift amount register (cr11), 0..31
//   uint8_t cb() const;                       PSW[C/B]: bit k = carry out of nibble k; bit 7 =
//                                             carry out of bit 31
//   void set_carries(uint32_t v);             PSW[C/B] <- nibble_carries(v) (conditions.h),
//                                             v = the carry out of every bit of an add; a
//                                             State may convert it when cb() is read
//   bool psw_v() const; void set_psw_v(bool v);          PSW[V], used by DS (divide step)
//   uint64_t fr(unsigned r) const; void set_fr(unsigned r, uint64_t v);
//                                             FP register r (frNL = bits 63..32, frNR = 31..0)
//   int load(uint32_t addr, unsigned size, uint64_t* v);  big-endian 1/2/4/8-byte read;
//   int store(uint32_t addr, unsigned size, uint64_t v);  both return 0 or a fault code
//                                             (the instruction then commits nothing)
//   uint32_t cr(unsigned r);                  user-readable control registers cr16 (interval
//                                             timer), cr26, cr27 (cr11 is read via sar())
//   uint32_t space(unsigned sr) const;        space register sr (for mfsp)
//   void cache(CacheOp op, uint32_t addr);    fdc / fic / sync events (cache maintenance)
// and, for step() only (the dispatcher owns the instruction address queue):
//   uint32_t iaoq_front() const; uint32_t iaoq_back() const;
//   void set_iaoq(uint32_t front, uint32_t back);
//   bool psw_n() const; void set_psw_n(bool v);          PSW[N]: nullify the front insn
// IAOQ values carry the privilege level in their low two bits (user = 3); fetch from
// (front & ~3).
#ifndef DYNSIM_ISA_STATE_H
#define DYNSIM_ISA_STATE_H

#include <stdint.h>

namespace isa {

enum class CacheOp : uint8_t { kFdc, kFic, kSync };

// Why an instruction did not complete. Which signal each raises is the OS's rule, not the
// ISA's (os_model/trap_signals.h); the comments name Linux's.
enum class Trap : uint8_t {
  kNone,
  kBreak,       // BREAK: SIGTRAP
  kOverflow,    // ,tsv signed overflow: SIGFPE
  kCondition,   // ,tc condition true: SIGFPE
  kIllegal,     // word not in the table: SIGILL
  kPrivileged,  // privileged operation in user mode (e.g. mfctl of cr0): SIGILL
  kMemory,      // the State reported a fault (Effect::fault has its code)
  kUnaligned,   // unaligned data reference that Linux does not emulate (LDCW): SIGBUS;
                // Effect::target has the address
  kFloatingPoint,  // an FP operation raised an enabled IEEE exception: SIGFPE;
                   // Effect::fault has the trapping exceptions (isa::fpu::Flag bits)
};

// What executing one instruction did to control flow. kTrap: nothing was committed.
struct Effect {
  enum Kind : uint8_t { kNext, kBranch, kTrap } kind = kNext;
  bool nullify = false;     // nullify the next instruction in the queue
  Trap trap = Trap::kNone;
  int fault = 0;            // State's fault code for Trap::kMemory
  uint32_t target = 0;      // kBranch: new IAOQ back (with privilege bits); kMemory: address
};

// The instruction's own place in the queue, as semantics need it.
struct Ia {
  uint32_t front;  // address of this instruction (with privilege bits)
  uint32_t back;   // the next one; links are back + 4
};

constexpr Effect next(bool nullify = false) {
  Effect e;
  e.nullify = nullify;
  return e;
}
constexpr Effect branch(uint32_t target, bool nullify) {
  Effect e;
  e.kind = Effect::kBranch;
  e.target = target;
  e.nullify = nullify;
  return e;
}
constexpr Effect trap(Trap t, int fault = 0, uint32_t addr = 0) {
  Effect e;
  e.kind = Effect::kTrap;
  e.trap = t;
  e.fault = fault;
  e.target = addr;
  return e;
}

template <class S>
inline void write_gr(S& s, unsigned r, uint32_t v) {
  if (r != 0) s.set_gr(r, v);
}

}  // namespace isa

#endif
