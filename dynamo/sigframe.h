// Linux-hppa's rt_sigframe (the kernel's arch/parisc/kernel/signal.c and asm/rt_sigframe.h;
// os_model/signals.h documents the same layout), as byte offsets from the frame's start,
// which is the stack pointer rounded up to 64. The handler runs with sp = frame + 640;
// rt_sigreturn finds the frame 640 bytes below the stack pointer.
#ifndef DYNSIM_DYNAMO_SIGFRAME_H
#define DYNSIM_DYNAMO_SIGFRAME_H

#include <stdint.h>

#include "os_model/signal_abi.h"

namespace dynamo {
namespace sigframe {

constexpr uint32_t kSize = 640;
constexpr uint32_t kSiginfo = 8;      // 128 bytes: si_signo, si_errno, si_code, the union
constexpr uint32_t kSiginfoWords = 32;
constexpr uint32_t kUcontext = 136;   // uc_flags, uc_link, uc_stack, pad, uc_mcontext
constexpr uint32_t kUcStack = 144;    // uc_stack {ss_sp, ss_flags, ss_size}
constexpr uint32_t kScGr = 164;       // sc_gr[32]; sc_gr[0] is the PSW
constexpr uint32_t kScFr = 296;       // sc_fr[32]
constexpr uint32_t kScIaoq = 560;     // sc_iaoq[2]
constexpr uint32_t kScSar = 568;
constexpr uint32_t kUcSigmask = 576;  // two words, signals 1..32 first
constexpr uint32_t kEnd = kUcSigmask + 8;  // the handler's context ends here (tramp[2] untouched)

// sc_gr[0]: the PSW bits user code sees, where Linux puts them (os_model/signal_abi.h).
using dynsim::kPswN;
using dynsim::PackPsw;
using dynsim::PswBits;
using dynsim::UnpackPsw;

}  // namespace sigframe
}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_SIGFRAME_H
