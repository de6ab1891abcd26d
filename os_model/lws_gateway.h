// The Linux-hppa light-weight syscall (LWS) gateway: page zero, offset 0xb0, entered with
// `ble 0xb0(%sr2,%r0)` and the entry number in %r20. The kernel runs these short atomic
// operations on the gateway page itself, without a full syscall (arch/parisc/kernel/
// syscall.S, lws_entry .. lws_table; glibc's and libgcc's locks and __sync builtins use
// entry 0 and 2). dynsim models one single-threaded process, so every operation is
// atomic by construction and no entry ever reports contention (EAGAIN): the same program
// takes the same path in every run.
//
// Register conventions (syscall.S, "32/64-bit Light-Weight-Syscall ABI"): arguments in
// %r26, %r25, %r24, %r23; the result in %r28 and the error in %r21 (0 or -errno). On
// entries that fault the kernel sets %r28 = 1 and %r21 = -EFAULT; an entry number past
// the table gives %r21 = -ENOSYS and leaves %r28 alone.
//
// The entries of Linux 6.1 for a narrow (32-bit) process on a 32-bit kernel:
//   0  compare_and_swap32  *r26 == r25 ? *r26 = r24; r28 = the old *r26 (word, aligned)
//   1  compare_and_swap64  the ELF64 entry: ENOSYS on a 32-bit kernel, as uname's
//                          "parisc" machine (not "parisc64") says we are
//   2  compare_and_swap_2  size r23 (0..3: 8..64 bits), old and new through pointers
//                          r25 and r24; r28 = 0 if swapped, 1 if *r26 differed
//   3  atomic_xchg         size r25; *r23 = *r26, then *r26 = *r24; r28 = 0
//   4  atomic_store        size r25; *r26 = *r24; r28 = 0
// Sizes above 3 give ENOSYS. Every address must be aligned to its size and mapped with
// the access it needs (write for the target), else EFAULT before anything is written.
#ifndef DYNSIM_OS_MODEL_LWS_GATEWAY_H
#define DYNSIM_OS_MODEL_LWS_GATEWAY_H

#include <cstdint>

#include "machine/memory.h"

namespace dynsim {

constexpr uint32_t kLwsCompareAndSwap32 = 0;
constexpr uint32_t kLwsCompareAndSwap64 = 1;
constexpr uint32_t kLwsCompareAndSwap2 = 2;
constexpr uint32_t kLwsAtomicExchange = 3;
constexpr uint32_t kLwsAtomicStore = 4;
constexpr uint32_t kLwsEntries = 5;  // __NR_lws_entries

// What one LWS call leaves in the guest's registers.
struct LwsResult {
  bool sets_r28 = true;  // false: %r28 keeps its value (the entry-number check)
  uint32_t r28 = 0;
  int32_t r21 = 0;       // 0 or -errno in the guest's numbering (-ENOSYS: no such entry or size)
};

// The LWS arguments: %r26, %r25, %r24, %r23.
struct LwsArgs {
  uint32_t r26 = 0, r25 = 0, r24 = 0, r23 = 0;
};

// Runs LWS entry `entry` (%r20) against guest memory.
LwsResult RunLightweightSyscall(uint32_t entry, const LwsArgs& args, GuestMemory* memory);

// "compare_and_swap32" for entry 0, ..., or nullptr past the table.
const char* LwsEntryName(uint32_t entry);

}  // namespace dynsim

#endif  // DYNSIM_OS_MODEL_LWS_GATEWAY_H
