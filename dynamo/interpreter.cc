#include "dynamo/interpreter.h"

#include "dynamo/machine.h"
#include "dynamo/signals.h"
#include "dynamo/switch_profile.h"
#include "dynamo/writable_pages.h"
#include "isa/codec.h"
#include "isa/conditions.h"
#include "isa/operands.h"
#include "isa/state.h"
#include "isa/step.h"
#include "machine/mem_fault.h"

namespace dynamo {

// The isa/state.h machine-state interface over the app context. Registers, PSW bits and
// the IAOQ are the context's fields; memory is the application's, read and written in
// place (both run in one address space, big-endian like the data). An access to an
// address that is not readable returns a fault code, so the semantics commit nothing and
// report Trap::kMemory. Only readability can be probed from user mode; a store also asks
// writable_pages.h, so that a store to a read-only page is a trap too.
//
// The instruction address queue and PSW[N] are members, loaded from the context when the
// state is made and stored back by Sync(): in Run's loop they stay in registers, which is
// where most of an interpreted instruction's bookkeeping would otherwise go.
class AppState {
 public:
  // The fault codes of machine/mem_fault.h, which the OS model's mapping of traps to
  // signals reads (RaiseTrapSignal).
  static constexpr int kFault = static_cast<int>(dynsim::MemFault::kUnmapped);
  static constexpr int kNotWritable = static_cast<int>(dynsim::MemFault::kProtection);  // readable, not writable

  AppState(AppContext& ctx, DecodeCache& cache, FragmentCache& fragments, Counters& counters, uint32_t line_bytes)
      : c_(ctx),
        cache_(cache),
        fragments_(fragments),
        counters_(counters),
        line_bytes_(line_bytes),
        front_(ctx.iaoq_front),
        back_(ctx.iaoq_back),
        n_(ctx.psw_n != 0),
        carries_(isa::carries_of_nibbles(static_cast<uint8_t>(ctx.psw_cb))) {}

  // Stores the queue, PSW[N] and PSW[C/B] into the context.
  void Sync() {
    c_.iaoq_front = front_;
    c_.iaoq_back = back_;
    c_.psw_n = n_;
    c_.psw_cb = isa::nibble_carries(carries_);
  }
  // Loads them back, after the context changed behind this state.
  void Reload() {
    front_ = c_.iaoq_front;
    back_ = c_.iaoq_back;
    n_ = c_.psw_n != 0;
    carries_ = isa::carries_of_nibbles(static_cast<uint8_t>(c_.psw_cb));
  }

  uint32_t gr(unsigned r) const { return c_.gr[r]; }
  void set_gr(unsigned r, uint32_t v) { c_.gr[r] = v; }
  uint32_t sar() const { return c_.sar; }
  void set_sar(uint32_t v) { c_.sar = v & 31; }
  // PSW[C/B] is kept as the last add's carry vector and packed only when read: few
  // instructions read it, most arithmetic writes it.
  uint8_t cb() const { return isa::nibble_carries(carries_); }
  void set_carries(uint32_t v) { carries_ = v; }
  bool psw_v() const { return c_.psw_v != 0; }
  void set_psw_v(bool v) { c_.psw_v = v; }
  uint64_t fr(unsigned r) const { return c_.fr[r]; }
  void set_fr(unsigned r, uint64_t v) { c_.fr[r] = v; }

  int load(uint32_t addr, unsigned size, uint64_t* v) {
    if (!machine::Readable(addr)) return kFault;
    switch (size) {
      case 1: *v = *reinterpret_cast<const volatile uint8_t*>(addr); break;
      case 2: *v = *reinterpret_cast<const volatile uint16_t*>(addr); break;
      case 4: *v = *reinterpret_cast<const volatile uint32_t*>(addr); break;
      default: *v = *reinterpret_cast<const volatile uint64_t*>(addr); break;
    }
    return 0;
  }
  int store(uint32_t addr, unsigned size, uint64_t v) {
    if (!machine::Readable(addr)) return kFault;
    if (!writable_pages().Writable(addr)) return kNotWritable;
    switch (size) {
      case 1: *reinterpret_cast<volatile uint8_t*>(addr) = static_cast<uint8_t>(v); break;
      case 2: *reinterpret_cast<volatile uint16_t*>(addr) = static_cast<uint16_t>(v); break;
      case 4: *reinterpret_cast<volatile uint32_t*>(addr) = static_cast<uint32_t>(v); break;
      default: *reinterpret_cast<volatile uint64_t*>(addr) = v; break;
    }
    return 0;
  }
  uint32_t cr(unsigned r) { return machine::ReadControl(r); }
  uint32_t space(unsigned sr) const { return machine::ReadSpace(sr); }
  // The application's cache maintenance happens for real (the timing model sees it), and
  // fic also drops the interpreter's decoded copies of the line.
  void cache(isa::CacheOp op, uint32_t addr) {
    switch (op) {
      case isa::CacheOp::kFdc: machine::FlushDataLine(addr); break;
      case isa::CacheOp::kFic:
        cache_.FlushLine(addr, line_bytes_);
        fragments_.InvalidateLine(addr);
        ++counters_.code_flushes;
        machine::FlushInstructionLine(addr);
        break;
      case isa::CacheOp::kSync: machine::Sync(); break;
    }
  }

  uint32_t iaoq_front() const { return front_; }
  uint32_t iaoq_back() const { return back_; }
  void set_iaoq(uint32_t front, uint32_t back) {
    front_ = front;
    back_ = back;
  }
  bool psw_n() const { return n_; }
  // Stores only a change: Run's forms start with PSW[N] known clear, so that clearing it
  // again folds away instead of costing an instruction per interpreted instruction.
  void set_psw_n(bool v) {
    if (v != n_) n_ = v;
  }

 private:
  AppContext& c_;
  DecodeCache& cache_;
  FragmentCache& fragments_;
  Counters& counters_;
  uint32_t line_bytes_;
  uint32_t front_, back_;
  bool n_;
  uint32_t carries_;
};

namespace {

static_assert(static_cast<int>(Event::kRetired) == isa::StepResult::kRetired &&
                  static_cast<int>(Event::kNullified) == isa::StepResult::kNullified &&
                  static_cast<int>(Event::kTrap) == isa::StepResult::kTrap &&
                  static_cast<int>(Event::kGateway) == isa::StepResult::kGateway,
              "Event extends isa::StepResult::Kind");

// Calls count as branches for trace selection unless trace_through_calls is on.
bool calls_are_branches = true;

// A direct call: b,l with a link register (B_L with t = r0 is a plain branch).
inline bool IsCall(const isa::Insn& insn) {
  return insn.op == isa::Op::B_L22 || (insn.op == isa::Op::B_L && insn.t != 0);
}

// Direct branches, whose taken backward targets are trace-head candidates.
constexpr bool IsDirectBranch(isa::Sem sem) {
  return sem == isa::Sem::Cmpb || sem == isa::Sem::Addb || sem == isa::Sem::Bb || sem == isa::Sem::Movb ||
         sem == isa::Sem::Bl;
}

// One isa::step per instruction form, as the simulator's core does (sim/core.cc): with the
// op (and kCond >= 0: the condition) pinned to constants, `flatten` inlines step and
// execute and the pattern's properties fold away, leaving straight-line code. Pinning a
// field to the value the word has cannot change what the instruction does.
constexpr int kAnyCond = -1;
template <isa::Op OP, int kCond, bool kReportGateway = true, bool kMayBeNullified = true>
__attribute__((always_inline)) inline Event StepAs(AppState& s, const isa::Insn& decoded) {
  isa::Insn insn = decoded;
  insn.op = OP;
  if (kCond != kAnyCond) insn.cond = static_cast<uint8_t>(kCond);
  const uint32_t front = s.iaoq_front();
  // Not const: GCC 12 keeps a const aggregate initialized from a call in memory (and
  // clears it first) instead of splitting it into registers.
  isa::StepResult r = isa::step<AppState, kReportGateway, kMayBeNullified>(s, insn);
  if constexpr (IsDirectBranch(isa::info(OP).sem)) {
    if (r.kind == isa::StepResult::kRetired && r.effect.kind == isa::Effect::kBranch &&
        (r.effect.target & ~3u) <= (front & ~3u) && (calls_are_branches || !IsCall(insn)))
      return Event::kBackwardTaken;
  }
  return static_cast<Event>(r.kind);
}

template <isa::Op OP, bool kCondZero>
__attribute__((flatten)) Event StepOp(AppState& s, const isa::Insn& decoded) {
  return StepAs<OP, kCondZero ? 0 : kAnyCond>(s, decoded);
}

// Any FP operation, out of line (see FORMS_FP in Run), on a state of its own over the
// context: were Run's state passed by reference, its address would escape and GCC would
// keep the queue and PSW[N] in memory instead of registers for every instruction.
__attribute__((noinline)) Event StepFp(AppContext& ctx, DecodeCache& cache, FragmentCache& fragments,
                                       Counters& counters, uint32_t line_bytes, const isa::Insn& insn) {
  AppState s(ctx, cache, fragments, counters, line_bytes);
  const Event event = static_cast<Event>(isa::step<AppState, false>(s, insn).kind);
  s.Sync();
  return event;
}

// Run's step labels, one per instruction form: a conditional branch has one per
// condition (c << 1 | f), so that only the compare it names is computed; any other op has
// two, any condition and a zero one.
constexpr unsigned kConds = 16;
constexpr bool EachCondHasForm(isa::Op op) { return isa::info(op).cls == isa::Cls::kBranchCond; }
constexpr unsigned FormsOf(isa::Op op) { return EachCondHasForm(op) ? kConds : 2; }
struct FormBases {
  uint16_t first[isa::kNumOps + 1];
};
constexpr FormBases MakeFormBases() {
  FormBases b{};
  unsigned n = 0;
  for (unsigned op = 0; op <= isa::kNumOps; ++op) {
    b.first[op] = static_cast<uint16_t>(n);
    n += FormsOf(static_cast<isa::Op>(op));
  }
  return b;
}
constexpr FormBases kFormBases = MakeFormBases();
uint16_t FormIndex(const isa::Insn& in) {
  const unsigned first = kFormBases.first[static_cast<unsigned>(in.op)];
  return static_cast<uint16_t>(first + (EachCondHasForm(in.op) ? in.cond : in.cond == 0 ? 1 : 0));
}

template <unsigned... I>
struct StepTables {
  static constexpr StepFn kAny[] = {&StepOp<static_cast<isa::Op>(I), false>...};
  static constexpr StepFn kCondZero[] = {&StepOp<static_cast<isa::Op>(I), true>...};
};
template <unsigned N>
using MakeStepTables = StepTables<__integer_pack(N)...>;
using Steps = MakeStepTables<isa::kNumOps + 1>;

StepFn StepFor(const isa::Insn& insn) {
  const unsigned op = static_cast<unsigned>(insn.op);
  return insn.cond == 0 ? Steps::kCondZero[op] : Steps::kAny[op];
}

// The instruction at the context's front, decoded afresh and stepped by its form's step
// function, out of line on a state of its own (see StepFp): Run's way past the decode cache
// for the one pc whose entry it keeps empty. A fetch that cannot be read is a trap.
__attribute__((noinline)) Event StepUncached(AppContext& ctx, DecodeCache& cache, FragmentCache& fragments,
                                             Counters& counters, uint32_t line_bytes) {
  const uint32_t pc = ctx.iaoq_front & ~3u;
  if (!machine::Readable(pc)) return Event::kTrap;
  const isa::Insn insn = isa::decode(*reinterpret_cast<const volatile uint32_t*>(pc));
  AppState s(ctx, cache, fragments, counters, line_bytes);
  Event event = StepFor(insn)(s, insn);
  s.Sync();
  // Run's forms never report the gateway: its next dispatch finds the front there.
  return event == Event::kGateway ? Event::kRetired : event;
}

}  // namespace

void DecodeCache::Clear() {
  for (Entry& e : entries_) e.iaoq = kEmpty;
}

void DecodeCache::SetLabels(const void* const* labels) {
  if (labels_ == labels) return;
  labels_ = labels;
  if (filled_) Clear();  // entries filled before hold another label, or none
}

__attribute__((noinline)) const DecodeCache::Entry* DecodeCache::Fill(AppPc pc) {
  // Page zero is the gateway page: it holds no application code.
  if (pc.addr() < isa::kGatewayPageEnd || !machine::Readable(pc.addr())) return nullptr;
  Entry& e = entries_[Index(pc.addr())];
  filled_ = true;
  e.insn = isa::decode(*reinterpret_cast<const volatile uint32_t*>(pc.addr()));
  e.step = StepFor(e.insn);
  e.label = labels_ ? labels_[FormIndex(e.insn)] : nullptr;
  e.iaoq = pc.addr() | kUserPrivilege;
  return &e;
}

void DecodeCache::Forget(uint32_t iaoq) {
  Entry& e = entries_[Index(iaoq)];
  if (e.iaoq == iaoq) e.iaoq = kEmpty;
}

void DecodeCache::FlushLine(uint32_t addr, uint32_t line_bytes) {
  const uint32_t start = addr & ~(line_bytes - 1);
  for (uint32_t a = start; a - start < line_bytes; a += 4) {
    Entry& e = entries_[Index(a)];
    if ((e.iaoq & ~3u) == a) e.iaoq = kEmpty;
  }
}

void Interpreter::SetTraceThroughCalls(bool on) { calls_are_branches = !on; }

__attribute__((noinline)) HeadAction Interpreter::AtBackwardBranch(AppPc target) {
  return monitor_->OnBackwardTaken(target);
}

// Flattened, so that every step's semantics are inlined at its label; what is not hot is
// out of line (noinline). Each instruction form has its own copy of the step (StepAs),
// reached by one indirect jump through its decode-cache entry (GCC's labels as values):
// the queue stays in registers, and an instruction costs that jump where a step function
// would cost a call and a return (both indirect, so both mispredicted on the PA-8000).
// The gateway is checked where the decode cache misses (page zero is never in it).
__attribute__((flatten)) InterpStop Interpreter::Run() {
// An op's forms by its class (the CLS column), in FormIndex order, each given to X as
// (op, pinned condition, label suffix): the label table and the steps below are the one
// list, so they cannot disagree.
#define FORMS_TWO(X, ID) X(ID, kAnyCond, any) X(ID, 0, 0)
#define FORMS_kBranchCond(X, ID)                                                                  \
  X(ID, 0, 0) X(ID, 1, 1) X(ID, 2, 2) X(ID, 3, 3) X(ID, 4, 4) X(ID, 5, 5) X(ID, 6, 6) X(ID, 7, 7) \
  X(ID, 8, 8) X(ID, 9, 9) X(ID, 10, 10) X(ID, 11, 11) X(ID, 12, 12) X(ID, 13, 13) X(ID, 14, 14)   \
  X(ID, 15, 15)
#define FORMS_kIllegal FORMS_TWO
#define FORMS_kNop FORMS_TWO
#define FORMS_kAlu FORMS_TWO
#define FORMS_kShift FORMS_TWO
#define FORMS_kLoad FORMS_TWO
#define FORMS_kStore FORMS_TWO
#define FORMS_kFpMem FORMS_TWO
#define FORMS_kMultiply FORMS_TWO
#define FORMS_kBranchUncond FORMS_TWO
#define FORMS_kBranchIndirect FORMS_TWO
#define FORMS_kSystem FORMS_TWO
// FP operations share one out-of-line step (StepFp): inlined at each of their many labels,
// their semantics would multiply the loop's code and GCC's time on it for no gain (they
// call the FP unit anyway).
#define FORMS_FP(X, ID) X##_FP(ID, kAnyCond, any) X##_FP(ID, 0, 0)
#define FORMS_kFpOp FORMS_FP
#define FORMS_kFpDivSgl FORMS_FP
#define FORMS_kFpDivDbl FORMS_FP
#define FORM_LABEL_FP FORM_LABEL
#define FORM_LABEL(ID, COND, SUFFIX) &&form_##ID##_##SUFFIX,
  static const void* const kFormLabels[] = {
#define ISA_INSN(ID, ASM, FORMAT, MATCH, MASK, SEM, CLS, ...) FORMS_##CLS(FORM_LABEL, ID)
#include "isa/insns.def"
#undef ISA_INSN
      FORMS_TWO(FORM_LABEL, kIllegal)};
  static_assert(sizeof kFormLabels / sizeof kFormLabels[0] ==
                    kFormBases.first[isa::kNumOps] + FormsOf(isa::Op::kIllegal),
                "one label per form FormIndex counts");
  // Locals, so that the loop keeps them in registers.
  AppContext& ctx = *ctx_;
  DecodeCache& cache = *cache_;
  cache.SetLabels(kFormLabels);
  AppState s(ctx, cache, *fragments_, *counters_, line_bytes_);
  uint32_t retired = 0, nullified = 0, decoded = 0;
  // The queue value of a fragment head a backward branch went to (kEmpty: none yet). Its
  // decode-cache entry is kept empty while it is set, so that reaching it takes the slow
  // path, which checks it: the dispatch of every other instruction does not.
  uint32_t enter_at = DecodeCache::kEmpty;
  InterpStop stop;
  uint32_t front;
  const DecodeCache::Entry* e;
  Event event;
// The dispatch, copied to the end of every form so that each form jumps straight to the
// next instruction's (one indirect jump per instruction, no jump back to a loop head). A
// slot that misses the decode cache, or that PSW[N] nullifies, takes the slow path.
#define DISPATCH()                                                     \
  do {                                                                 \
    front = s.iaoq_front();                                            \
    e = &cache.Slot(front);                                            \
    if (__builtin_expect(e->iaoq != front, 0) || __builtin_expect(s.psw_n(), 0)) goto slow; \
    goto* e->label;                                                    \
  } while (0)
  DISPATCH();
slow:
  if (e->iaoq != front) {
    if (front == enter_at) {
      if (!s.psw_n() && s.iaoq_back() == front + 4) {
        stop = InterpStop::kFragmentHead;
        goto out;
      }
      // Not entered from here: run it without filling its entry, which must stay empty.
      s.Sync();
      event = StepUncached(ctx, cache, *fragments_, *counters_, line_bytes_);
      s.Reload();
      if (event == Event::kTrap && !machine::Readable(front & ~3u)) {
        stop = InterpStop::kFetchFault;
        goto out;
      }
      goto stepped;
    }
    if (isa::is_gateway(front) && !s.psw_n()) {
      stop = InterpStop::kGateway;  // the branch to it and its delay slot retired
      goto out;
    }
    e = cache.Fill(AppPcOfIaoq(front));
    ++decoded;
    if (!e) {
      stop = InterpStop::kFetchFault;
      goto out;
    }
  }
  // A nullified instruction takes the one generic step; the forms' steps may then assume
  // PSW[N] clear.
  if (__builtin_expect(s.psw_n(), 0)) {
    event = static_cast<Event>(isa::step<AppState, false>(s, e->insn).kind);
    goto stepped;
  }
  goto* e->label;
// A `bv` that is not a return through rp feeds the switch profile (switch_profile.h).
#define FORM_STEP(ID, COND, SUFFIX)                                        \
  form_##ID##_##SUFFIX:                                                    \
    if (s.psw_n()) __builtin_unreachable();                                \
    event = StepAs<isa::Op::ID, COND, false, false>(s, e->insn);           \
    if (isa::Op::ID == isa::Op::BV && e->insn.r2 != 2)                     \
      the_switch_profile.Note(front & ~3u, s.iaoq_back());                 \
    if (__builtin_expect(event == Event::kRetired, 1)) {                   \
      ++retired;                                                           \
      DISPATCH();                                                          \
    }                                                                      \
    goto stepped;
#define FORM_STEP_FP(ID, COND, SUFFIX) \
  form_##ID##_##SUFFIX:                \
    s.Sync();                          \
    event = StepFp(ctx, cache, *fragments_, *counters_, line_bytes_, e->insn); \
    s.Reload();                        \
    goto stepped;
#define ISA_INSN(ID, ASM, FORMAT, MATCH, MASK, SEM, CLS, ...) FORMS_##CLS(FORM_STEP, ID)
#include "isa/insns.def"
#undef ISA_INSN
  FORMS_TWO(FORM_STEP, kIllegal)
stepped:
  if (__builtin_expect(event == Event::kRetired, 1)) {
    ++retired;
    DISPATCH();
  }
  if (event == Event::kNullified) {
    ++nullified;
    DISPATCH();
  }
  if (event == Event::kBackwardTaken) {
    ++retired;
    // The branch has retired; its delay slot is at the front, the target at the back.
    const HeadAction action = AtBackwardBranch(AppPcOfIaoq(s.iaoq_back()));
    if (action == HeadAction::kRecord) {
      stop = InterpStop::kTraceHead;
      goto out;
    }
    if (action == HeadAction::kEnter || action == HeadAction::kEnterNext) {
      // After the delay slot; with kEnterNext, after the target too, run or nullified.
      enter_at = s.iaoq_back() + (action == HeadAction::kEnterNext ? 4 : 0);
      cache.Forget(enter_at);
    } else if (__builtin_expect(dynamo_signal_arrived != 0, 0)) {
      stop = InterpStop::kSignal;  // deliver it now: a loop interpreted may run long
      goto out;
    }
    DISPATCH();
  }
  stop = InterpStop::kTrap;
out:
#undef DISPATCH
  s.Sync();
  counters_->interpreted_instructions += retired;
  counters_->nullified_instructions += nullified;
  counters_->decode_misses += decoded;
  return stop;
}

#undef FORM_STEP
#undef FORM_LABEL
#undef FORMS_TWO
#undef FORMS_kBranchCond
#undef FORMS_kIllegal
#undef FORMS_kNop
#undef FORMS_kAlu
#undef FORMS_kShift
#undef FORMS_kLoad
#undef FORMS_kStore
#undef FORMS_kFpMem
#undef FORMS_kMultiply
#undef FORMS_kBranchUncond
#undef FORMS_kBranchIndirect
#undef FORMS_kSystem
#undef FORMS_kFpOp
#undef FORMS_kFpDivSgl
#undef FORMS_kFpDivDbl
#undef FORMS_FP
#undef FORM_LABEL_FP
#undef FORM_STEP_FP

InterpStop Interpreter::Record(AppPc head, uint32_t max_blocks, const FragmentCache& fragments, Trace* trace) {
  AppContext& ctx = *ctx_;
  DecodeCache& cache = *cache_;
  AppState s(ctx, cache, *fragments_, *counters_, line_bytes_);
  uint64_t retired = 0, nullified = 0, decoded = 0;
  trace->head = head;
  trace->length = 0;
  trace->blocks = 0;
  trace->end = TraceEnd::kAbandoned;
  bool started = false;
  bool ending = false;  // the next instruction (a delay slot) is the trace's last
  TraceEnd end = TraceEnd::kLength;
  InterpStop stop;
  for (;;) {
    const AppPc pc = AppPcOfIaoq(s.iaoq_front());
    if (!started && pc == head) started = true;
    const DecodeCache::Entry* e = &cache.Slot(s.iaoq_front());
    if (__builtin_expect(e->iaoq != s.iaoq_front(), 0)) {
      e = cache.Fill(pc);
      ++decoded;
      if (!e) {
        stop = InterpStop::kFetchFault;
        break;
      }
    }
    const isa::Insn insn = e->insn;
    const uint32_t word = *reinterpret_cast<const volatile uint32_t*>(pc.addr());
    const Event event = e->step(s, insn);
    if (event == Event::kTrap) {
      stop = InterpStop::kTrap;
      break;
    }
    if (event == Event::kNullified) ++nullified;
    else ++retired;
    if (event == Event::kBackwardTaken) ++counters_->trace_head_candidates;
    if (!started) {
      // Only the backward branch's delay slot runs before the head; anything else (a
      // branch in that delay slot) abandons the trace.
      if (AppPcOfIaoq(s.iaoq_front()) != head) {
        stop = event == Event::kGateway ? InterpStop::kGateway : InterpStop::kTraceHead;
        break;
      }
      if (event == Event::kGateway) {
        stop = InterpStop::kGateway;
        break;
      }
      continue;
    }
    if (trace->length == 0 && event == Event::kNullified) {
      // The instruction before nullified the head (a backward branch whose delay slot may
      // nullify its target, as in $$divI: `b,l` back with `add,>=` in its delay slot). No
      // fragment can start in that state, but the queue is now plain at the next
      // instruction: the trace starts there, and the monitor sends such branches to it
      // (HeadAction::kEnterNext). Else give up; the head's counter starts again.
      const AppPc next = AppPcOfIaoq(s.iaoq_front());
      if (next != pc.plus_words(1) || s.psw_n() || s.iaoq_back() != s.iaoq_front() + 4 || fragments.Contains(next)) {
        stop = InterpStop::kTraceHead;
        break;
      }
      trace->head = next;
      continue;
    }
    trace->insns[trace->length++] = TraceInsn{pc, word, event == Event::kNullified};
    if (event == Event::kGateway) {
      trace->end = TraceEnd::kGateway;
      stop = InterpStop::kGateway;
      break;
    }
    if (ending) {
      trace->end = end;
      stop = InterpStop::kTraceHead;
      break;
    }
    const isa::Cls cls = isa::info(insn).cls;
    if (event != Event::kNullified && isa::is_branch(cls)) {
      ++trace->blocks;
      const bool taken = (s.iaoq_back() & ~3u) != (s.iaoq_front() & ~3u) + 4;
      if (event == Event::kBackwardTaken) {
        ending = true;
        end = TraceEnd::kBackward;
      } else if (taken && (calls_are_branches || !IsCall(insn)) && fragments.Contains(AppPcOfIaoq(s.iaoq_back()))) {
        ending = true;
        end = TraceEnd::kFragment;
      } else if (trace->blocks >= max_blocks) {
        ending = true;
        end = TraceEnd::kLength;
      }
    }
    if (!ending && trace->length + 1 >= Trace::kMaxTraceInsns) {
      ending = true;
      end = TraceEnd::kLength;
    }
  }
  s.Sync();
  trace->next_pc = AppPcOfIaoq(s.iaoq_front());
  trace->next_plain = s.iaoq_back() == s.iaoq_front() + 4;
  counters_->interpreted_instructions += retired;
  counters_->nullified_instructions += nullified;
  counters_->decode_misses += decoded;
  return stop;
}

isa::Effect Interpreter::TrapEffect() {
  // Nothing of a trapping instruction is committed (isa/step.h), so running it again on
  // the same state only says why it traps.
  AppState s(*ctx_, *cache_, *fragments_, *counters_, line_bytes_);
  const uint32_t front = ctx_->iaoq_front;
  const isa::Insn insn = isa::decode(*reinterpret_cast<const volatile uint32_t*>(front & ~3u));
  return isa::execute(s, insn, isa::Ia{front, ctx_->iaoq_back});
}

}  // namespace dynamo
