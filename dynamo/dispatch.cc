#include "dynamo/dispatch.h"

#include "dynamo/bailout.h"
#include "dynamo/signals.h"
#include "dynamo/syscalls.h"
#include "isa/conditions.h"

namespace dynamo {

namespace {

constexpr uint32_t kUserPrivilege = 3;

Trace trace;  // the trace being recorded (12 KB: static, not on Dynamo's stack)

void CountEnd(TraceEnd end, Counters* counters) {
  switch (end) {
    case TraceEnd::kBackward: ++counters->trace_ends_backward; break;
    case TraceEnd::kFragment: ++counters->trace_ends_fragment; break;
    case TraceEnd::kGateway: ++counters->trace_ends_syscall; break;
    case TraceEnd::kLength: ++counters->trace_ends_length; break;
    case TraceEnd::kAbandoned: ++counters->traces_abandoned; break;
  }
}

// The application continues at `pc` with a plain queue.
void SetPc(AppContext* ctx, AppPc pc) {
  ctx->iaoq_front = pc.addr() | kUserPrivilege;
  ctx->iaoq_back = ctx->iaoq_front + 4;
  ctx->psw_n = 0;
}

// The operands dynamo_enter_fragment turns into PSW[V] and PSW[C/B] (context_switch.S):
// nibble k of entry_cb_x is 0xf and of entry_cb_y is 1 where PSW[C/B] bit k is set. Bit
// arithmetic rather than a loop over the bits: this runs at every fragment-cache entry.
void PrepareEntry(AppContext* ctx) {
  ctx->entry_v = 0x7fffffffu + (ctx->psw_v ? 1 : 0);
  const uint32_t y = isa::carries_of_nibbles(static_cast<uint8_t>(ctx->psw_cb)) >> 3;  // bit k to bit 4k
  ctx->entry_cb_x = y * 0xfu;
  ctx->entry_cb_y = y;
}

// PSW[C/B] bit k is set where nibble k of DCOR,I's sixes is non-zero, and PSW[V], after
// dynamo_fragment_exit.
void ReadExitPsw(AppContext* ctx) {
  uint32_t any = ctx->exit_cb;
  any |= any >> 2;
  any |= any >> 1;  // bit 4k: nibble k is non-zero
  ctx->psw_cb = isa::nibble_carries(any << 3);
  ctx->psw_v = ctx->exit_v & 1;
  ctx->psw_n = 0;
}

class Dispatcher {
 public:
  Dispatcher(AppContext* ctx, Interpreter* interpreter, Monitor* monitor, FragmentCache* cache,
             uint32_t max_trace_blocks, Bailout* bailout, Counters* counters)
      : ctx_(ctx),
        interpreter_(interpreter),
        monitor_(monitor),
        cache_(cache),
        max_trace_blocks_(max_trace_blocks),
        bailout_(bailout),
        counters_(counters) {}

  [[noreturn]] void Loop();

 private:
  // Runs fragment code from `f` until an exit reaches Dynamo; true if the exit's target
  // just became a hot trace head (the context is at it).
  bool Execute(const Fragment& f);
  // Records the trace from `head` and builds it; the interpreter's stop.
  InterpStop RecordAndBuild(AppPc head);

  AppContext* ctx_;
  Interpreter* interpreter_;
  Monitor* monitor_;
  FragmentCache* cache_;
  uint32_t max_trace_blocks_;
  Bailout* bailout_;
  Counters* counters_;
};

bool Dispatcher::Execute(const Fragment& f) {
  ++counters_->cache_entries;
  PrepareEntry(ctx_);
  bailout_->EnterCache();
  SetRunningFragment(&f);
  const uint32_t record = dynamo_enter_fragment(f.entry.addr());
  SetRunningFragment(nullptr);
  bailout_->LeaveCache();
  // A synchronous signal: the context is the application's at the faulting instruction.
  if (IsSignalExit(record)) return false;
  Exit* e = FragmentCache::ExitOfRecord(record);
  ReadExitPsw(ctx_);
  // With count_lookups, every lookup counts itself in the context (32 bits: collected at
  // every exit); the one that ends in a lookup exit missed, the others hit, except at a
  // chain site still learning, which leaves before its probe (indirect_chains.h). With
  // inline compares, every lookup follows a compare that failed.
  const bool chain_sample = e->kind == ExitKind::kLookup && cache_->ChainSiteLearning(*e);
  const uint32_t lookups = ctx_->lookups;
  ctx_->lookups = 0;
  counters_->lookup_hits += lookups - (e->kind == ExitKind::kLookup && !chain_sample && lookups ? 1 : 0);
  if (cache_->inline_indirect()) counters_->inline_misses += lookups;
  AppPc target;
  switch (e->kind) {
    case ExitKind::kStop:
      ++counters_->exits_stop;
      SetPc(ctx_, e->target);
      return false;
    case ExitKind::kLookup:
      target = AppPcOfIaoq(ctx_->indirect_target);
      SetPc(ctx_, target);
      if (chain_sample) cache_->SampleChainSite(*e, target);
      if (chain_sample && cache_->Contains(target)) return false;
      ++counters_->exits_lookup_miss;
      if (const Fragment* to = cache_->Find(target)) {
        cache_->InsertLookup(*to);
        ++counters_->lookup_inserts;
        return false;
      }
      break;
    case ExitKind::kBranch:
    default:
      ++counters_->exits_branch;
      target = e->target;
      SetPc(ctx_, target);
      if (const Fragment* to = cache_->Find(target)) {
        cache_->Link(e, *to);
        return false;
      }
      break;
  }
  return monitor_->OnExitTarget(target);
}

InterpStop Dispatcher::RecordAndBuild(AppPc head) {
  const InterpStop stop = interpreter_->Record(head, max_trace_blocks_, *cache_, &trace);
  CountEnd(trace.end, counters_);
  if (trace.end != TraceEnd::kAbandoned && !cache_->Add(trace)) monitor_->Blacklist(head);
  return stop;
}

void Dispatcher::Loop() {
  AppContext* ctx = ctx_;
  for (;;) {
    // Signals wait for this boundary: a fragment-cache exit or an interpreter stop. Dynamo
    // sends the application to a handler's entry as a fragment exit sends it to its
    // target, so the entry is a trace-head candidate too (else a handler without a loop
    // would be interpreted at every signal).
    bool hot_handler = false;
    if (SignalsWaiting() && DeliverSignals(ctx)) {
      const AppPc entry = AppPcOfIaoq(ctx->iaoq_front);
      hot_handler = !cache_->Contains(entry) && monitor_->OnExitTarget(entry);
    }
    InterpStop stop;
    const Fragment* f = nullptr;
    const bool plain = !ctx->psw_n && ctx->iaoq_back == ctx->iaoq_front + 4;
    if (plain && bailout_->Due()) {
      // Dynamo's own share of the time stayed high: the application runs natively from
      // here, with its own signal handlers.
      counters_->Report();
      TransferToNative(*ctx);
    }
    if (plain) f = cache_->Find(AppPcOfIaoq(ctx->iaoq_front));
    if (hot_handler) {
      stop = RecordAndBuild(AppPcOfIaoq(ctx->iaoq_front));
    } else if (f) {
      if (!Execute(*f)) continue;
      // A fragment exit's target became hot: record from there (the front).
      stop = RecordAndBuild(AppPcOfIaoq(ctx->iaoq_front));
    } else {
      stop = interpreter_->Run();
      if (stop == InterpStop::kFragmentHead) continue;
      // A backward branch's target became hot: its delay slot is at the front, the head
      // at the back. Record the tail that executes from there.
      if (stop == InterpStop::kTraceHead) stop = RecordAndBuild(AppPcOfIaoq(ctx->iaoq_back));
    }
    switch (stop) {
      case InterpStop::kTraceHead:
      case InterpStop::kFragmentHead:
      case InterpStop::kSignal: continue;  // the trace ended, or a signal waits: go on from there
      case InterpStop::kGateway:
        // A branch into page zero that is no gateway entry faults as a fetch would.
        if (!PerformGateway(ctx, counters_, cache_)) RaiseTrapSignal(*ctx, isa::Effect{}, true);
        continue;
      case InterpStop::kTrap:
        RaiseTrapSignal(*ctx, interpreter_->TrapEffect(), false);
        continue;
      case InterpStop::kFetchFault:
        RaiseTrapSignal(*ctx, isa::Effect{}, true);
        continue;
    }
  }
}

}  // namespace

void Dispatch(AppContext* ctx, Interpreter* interpreter, Monitor* monitor, FragmentCache* cache,
              uint32_t max_trace_blocks, Bailout* bailout, Counters* counters) {
  Dispatcher dispatcher(ctx, interpreter, monitor, cache, max_trace_blocks, bailout, counters);
  dispatcher.Loop();
}

}  // namespace dynamo
