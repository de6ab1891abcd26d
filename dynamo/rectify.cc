#include "dynamo/rectify.h"

#include "dynamo/sigframe.h"

namespace dynamo {
namespace {

constexpr uint32_t kUserPrivilege = 3;

uint32_t Word(uint32_t addr) { return *reinterpret_cast<const volatile uint32_t*>(addr); }
uint64_t Double(uint32_t addr) { return *reinterpret_cast<const volatile uint64_t*>(addr); }

// Where the application's queue goes after the instruction (AppNext).
uint32_t AppBack(uint32_t frame, const Fragment& f, const AppWordRecord& w, const AppContext& ctx) {
  switch (w.next_kind) {
    case AppNext::kFixed: return w.next | kUserPrivilege;
    case AppNext::kIndirectTarget: return ctx.indirect_target | kUserPrivilege;
    // bv and bve never raise the privilege level (PA-RISC 2.0 manual, "BV"): in user mode
    // the queue gets level 3 whatever the register's low bits.
    case AppNext::kRegister: return (ctx.gr[w.next] & ~3u) | kUserPrivilege;
    case AppNext::kLoop: {
      // The loop branch (just before this delay slot) went back to word 0, or to the loop
      // stub while a signal waits (fragment_cache_signals.cc), or fell through.
      const uint32_t back = Word(frame + sigframe::kScIaoq + 4) & ~3u;
      if (back == f.entry.addr() || (f.loop_stub != kNoLoop && back == f.entry.addr() + 4 * f.loop_stub))
        return f.head.addr() | kUserPrivilege;
      return (w.pc.addr() + 4) | kUserPrivilege;
    }
    case AppNext::kBranchOutcome: {
      // A delay slot in place under its branch: the code after it is the trace's way on;
      // anything else (the exit stub, or a fragment linked to straight) the other side.
      const uint32_t back = Word(frame + sigframe::kScIaoq + 4) & ~3u;
      const uint32_t here = Word(frame + sigframe::kScIaoq) & ~3u;
      return (back == here + 4 ? w.next : w.other) | kUserPrivilege;
    }
    case AppNext::kSequential:
    default: return (w.pc.addr() + 4) | kUserPrivilege;
  }
}

}  // namespace

void RectifyContext(uint32_t frame, const Fragment& f, const AppWordRecord& w, AppContext* ctx) {
  using namespace sigframe;
  for (unsigned r = 1; r < 32; ++r)
    if (!(w.spilled & (1u << r))) ctx->gr[r] = Word(frame + kScGr + 4 * r);
  for (unsigned r = 0; r < 32; ++r) ctx->fr[r] = Double(frame + kScFr + 8 * r);
  ctx->sar = Word(frame + kScSar) & 31;
  const PswBits psw = UnpackPsw(Word(frame + kScGr));
  ctx->psw_n = 0;
  ctx->psw_v = psw.v;
  ctx->psw_cb = psw.cb;
  ctx->iaoq_front = w.pc.addr() | kUserPrivilege;
  ctx->iaoq_back = AppBack(frame, f, w, *ctx);
}

}  // namespace dynamo
