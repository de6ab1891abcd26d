#include "dynamo/signals.h"

#include <dynsim/syscall.h>
#include <dynsim/unistd_nr.h>

#include "dynamo/machine.h"

namespace dynamo {
namespace {

// The kernel's struct sigaction on Linux-hppa: {sa_handler, sa_flags, sa_mask[2]}, no
// restorer (os_model/syscalls_signal.cc reads the same).
struct KernelSigaction {
  uint32_t handler;
  uint32_t flags;
  uint32_t mask[2];
};
constexpr uint32_t kSigDfl = 0, kSigIgn = 1;
constexpr uint32_t kNumSignals = 64;

// Signals whose OS handler is the trampoline (bit signo - 1).
uint64_t trampolined;

uint32_t Trampoline() { return reinterpret_cast<uint32_t>(&dynamo_signal_trampoline); }

bool ReadableWords(uint32_t addr, uint32_t words) {
  for (uint32_t i = 0; i < words; ++i)
    if (!machine::Readable(addr + 4 * i)) return false;
  return true;
}

}  // namespace

bool InterceptSigaction(AppContext* ctx) {
  const uint32_t signo = ctx->gr[26], act = ctx->gr[25], oldact = ctx->gr[24], sigset_size = ctx->gr[23];
  if (signo < 1 || signo > kNumSignals || (act && ((act & 3) || !ReadableWords(act, 4)))) return false;
  KernelSigaction mine{};
  uint32_t handler = 0;
  if (act) {
    mine = *reinterpret_cast<const KernelSigaction*>(act);
    handler = mine.handler;
    if (handler != kSigDfl && handler != kSigIgn) mine.handler = Trampoline();
  }
  const uint32_t previous = ctx->app_handlers[signo];
  const long result = __dynsim_syscall4(__NR_rt_sigaction, signo, act ? &mine : nullptr, oldact, sigset_size);
  if (result == 0) {
    // The OS wrote the old action; the application must see its own handler in it.
    if (oldact && *reinterpret_cast<uint32_t*>(oldact) == Trampoline()) *reinterpret_cast<uint32_t*>(oldact) = previous;
    if (act) {
      ctx->app_handlers[signo] = handler;
      const uint64_t bit = uint64_t{1} << (signo - 1);
      trampolined = mine.handler == Trampoline() ? trampolined | bit : trampolined & ~bit;
    }
  }
  ctx->gr[28] = static_cast<uint32_t>(result);
  return true;
}

void RestoreAppHandlers(const AppContext& ctx) {
  for (uint32_t signo = 1; signo <= kNumSignals; ++signo) {
    if (!(trampolined & (uint64_t{1} << (signo - 1)))) continue;
    KernelSigaction current{};
    if (__dynsim_syscall4(__NR_rt_sigaction, signo, nullptr, &current, 8) != 0) continue;
    if (current.handler != Trampoline()) continue;  // SA_RESETHAND reset it since
    current.handler = ctx.app_handlers[signo];
    __dynsim_syscall4(__NR_rt_sigaction, signo, &current, nullptr, 8);
  }
  trampolined = 0;
}

}  // namespace dynamo
