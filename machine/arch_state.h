// The architectural state of one PA-RISC 2.0 processor in narrow (32-bit) user mode, as
// plain data. The functional core executes against it; the OS model reads and writes it
// for system calls and signal frames; Dynamo's app-context mirrors it in the guest.
//
// Instruction address queue (PA-RISC 2.0 manual, "Instruction Address Queue"): the
// instruction at `iaoq_front` executes next and `iaoq_back` follows it, so a branch
// writes `iaoq_back` and its delay slot (already at the back) still executes. Addresses
// carry the privilege level in their two low bits (user = 3); fetch masks them off.
#ifndef DYNSIM_MACHINE_ARCH_STATE_H
#define DYNSIM_MACHINE_ARCH_STATE_H

#include <cstdint>

namespace dynsim {

constexpr uint32_t kUserPrivilege = 3;

struct ArchState {
  uint32_t gr[32] = {};    // general registers; gr[0] always reads 0
  uint64_t fr[32] = {};    // floating-point registers (fr0..fr3 hold status/exceptions)
  uint32_t sar = 0;        // shift amount register (cr11), 5 bits used in narrow mode
  uint32_t iaoq_front = 0;  // offset of the instruction about to execute, with privilege bits
  uint32_t iaoq_back = 0;   // offset of the one after it
  bool psw_n = false;      // PSW[N]: nullify the instruction at iaoq_front
  uint32_t psw_cb = 0;     // PSW[C/B]: carry/borrow bits, one per nibble (bit 7 = bit 0..3 carry)
  bool psw_v = false;      // PSW[V]: overflow for the trap-on-condition forms
  uint32_t cr26 = 0;       // user-readable scratch control registers (thread pointer: cr27)
  uint32_t cr27 = 0;
  uint32_t sr[8] = {};     // space registers; user code sees 0 in narrow mode

  uint32_t pc() const { return iaoq_front & ~3u; }
  // Starts execution at `addr`: front = addr, back = addr + 4, both at user privilege.
  void JumpTo(uint32_t addr) {
    iaoq_front = (addr & ~3u) | kUserPrivilege;
    iaoq_back = iaoq_front + 4;
    psw_n = false;
  }
};

}  // namespace dynsim

#endif  // DYNSIM_MACHINE_ARCH_STATE_H
