#include "dynamo/interpreter.h"

#include "dynamo/machine.h"
#include "isa/codec.h"
#include "isa/state.h"
#include "isa/step.h"

namespace dynamo {

// The isa/state.h machine-state interface over the app context. Registers, PSW bits and
// the IAOQ are the context's fields; memory is the application's, read and written in
// place (both run in one address space, big-endian like the data). An access to an
// address that is not readable returns a fault code, so the semantics commit nothing and
// report Trap::kMemory. Only readability can be probed from user mode: a store to a
// mapped read-only page still faults inside Dynamo (dynamo/README.md, "Limitations").
class AppState {
 public:
  static constexpr int kFault = 1;

  AppState(AppContext& ctx, DecodeCache& cache, FragmentCache& fragments, Counters& counters, uint32_t line_bytes)
      : c_(ctx), cache_(cache), fragments_(fragments), counters_(counters), line_bytes_(line_bytes) {}

  uint32_t gr(unsigned r) const { return c_.gr[r]; }
  void set_gr(unsigned r, uint32_t v) { c_.gr[r] = v; }
  uint32_t sar() const { return c_.sar; }
  void set_sar(uint32_t v) { c_.sar = v & 31; }
  uint8_t cb() const { return static_cast<uint8_t>(c_.psw_cb); }
  void set_cb(uint8_t v) { c_.psw_cb = v; }
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

  uint32_t iaoq_front() const { return c_.iaoq_front; }
  uint32_t iaoq_back() const { return c_.iaoq_back; }
  void set_iaoq(uint32_t front, uint32_t back) {
    c_.iaoq_front = front;
    c_.iaoq_back = back;
  }
  bool psw_n() const { return c_.psw_n != 0; }
  void set_psw_n(bool v) { c_.psw_n = v; }

 private:
  AppContext& c_;
  DecodeCache& cache_;
  FragmentCache& fragments_;
  Counters& counters_;
  uint32_t line_bytes_;
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
// op (and, in the second table, a zero condition) pinned to constants, `flatten` inlines
// step and execute and the pattern's properties fold away, leaving straight-line code.
// Pinning a field to the value the word has cannot change what the instruction does.
template <isa::Op OP, bool kCondZero>
__attribute__((flatten)) Event StepOp(AppState& s, const isa::Insn& decoded) {
  isa::Insn insn = decoded;
  insn.op = OP;
  if (kCondZero) insn.cond = 0;
  const uint32_t front = s.iaoq_front();
  // Not const: GCC 12 keeps a const aggregate initialized from a call in memory (and
  // clears it first) instead of splitting it into registers.
  isa::StepResult r = isa::step(s, insn);
  if constexpr (IsDirectBranch(isa::info(OP).sem)) {
    if (r.kind == isa::StepResult::kRetired && r.effect.kind == isa::Effect::kBranch &&
        (r.effect.target & ~3u) <= (front & ~3u) && (calls_are_branches || !IsCall(insn)))
      return Event::kBackwardTaken;
  }
  return static_cast<Event>(r.kind);
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

}  // namespace

void DecodeCache::Clear() {
  for (Entry& e : entries_) e.pc = kEmpty;
}

const DecodeCache::Entry* DecodeCache::Fill(AppPc pc) {
  // Page zero is the gateway page: it holds no application code.
  if (pc.addr() < isa::kGatewayPageEnd || !machine::Readable(pc.addr())) return nullptr;
  Entry& e = entries_[Index(pc.addr())];
  e.insn = isa::decode(*reinterpret_cast<const volatile uint32_t*>(pc.addr()));
  e.step = StepFor(e.insn);
  e.pc = pc.addr();
  return &e;
}

void DecodeCache::FlushLine(uint32_t addr, uint32_t line_bytes) {
  const uint32_t start = addr & ~(line_bytes - 1);
  for (uint32_t a = start; a - start < line_bytes; a += 4) {
    Entry& e = entries_[Index(a)];
    if (e.pc == a) e.pc = kEmpty;
  }
}

void Interpreter::SetTraceThroughCalls(bool on) { calls_are_branches = !on; }

InterpStop Interpreter::Run() {
  // Locals, so that the loop keeps them in registers across the step calls.
  AppContext& ctx = *ctx_;
  DecodeCache& cache = *cache_;
  AppState s(ctx, cache, *fragments_, *counters_, line_bytes_);
  uint64_t retired = 0, nullified = 0, decoded = 0;
  uint32_t enter_at = DecodeCache::kEmpty;  // a fragment head a backward branch went to
  InterpStop stop;
  for (;;) {
    const AppPc pc = AppPcOfIaoq(ctx.iaoq_front);
    if (__builtin_expect(pc.addr() == enter_at, 0) && !ctx.psw_n && ctx.iaoq_back == ctx.iaoq_front + 4) {
      stop = InterpStop::kFragmentHead;
      break;
    }
    const DecodeCache::Entry* e = &cache.Slot(pc);
    if (__builtin_expect(e->pc != pc.addr(), 0)) {
      e = cache.Fill(pc);
      ++decoded;
      if (!e) {
        stop = InterpStop::kFetchFault;
        break;
      }
    }
    const Event event = e->step(s, e->insn);
    if (__builtin_expect(event == Event::kRetired, 1)) {
      ++retired;
      continue;
    }
    if (event == Event::kNullified) {
      ++nullified;
      continue;
    }
    if (event == Event::kBackwardTaken) {
      ++retired;
      // The branch has retired; its delay slot is at the front, the target at the back.
      const HeadAction action = monitor_->OnBackwardTaken(AppPcOfIaoq(ctx.iaoq_back));
      if (action == HeadAction::kRecord) {
        stop = InterpStop::kTraceHead;
        break;
      }
      if (action == HeadAction::kEnter) enter_at = ctx.iaoq_back & ~3u;  // after the delay slot
      continue;
    }
    if (event == Event::kGateway) {
      ++retired;
      stop = InterpStop::kGateway;
      break;
    }
    stop = InterpStop::kTrap;
    break;
  }
  counters_->interpreted_instructions += retired;
  counters_->nullified_instructions += nullified;
  counters_->decode_misses += decoded;
  return stop;
}

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
    const AppPc pc = AppPcOfIaoq(ctx.iaoq_front);
    if (!started && pc == head) started = true;
    const DecodeCache::Entry* e = &cache.Slot(pc);
    if (__builtin_expect(e->pc != pc.addr(), 0)) {
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
      if (AppPcOfIaoq(ctx.iaoq_front) != head) {
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
      // The instruction before nullified the head this time: no fragment can start in that
      // state. Give up; the head's counter starts again.
      stop = InterpStop::kTraceHead;
      break;
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
    if (event != Event::kNullified &&
        (cls == isa::Cls::kBranchCond || cls == isa::Cls::kBranchUncond || cls == isa::Cls::kBranchIndirect)) {
      ++trace->blocks;
      const bool taken = (ctx.iaoq_back & ~3u) != (ctx.iaoq_front & ~3u) + 4;
      if (event == Event::kBackwardTaken) {
        ending = true;
        end = TraceEnd::kBackward;
      } else if (taken && (calls_are_branches || !IsCall(insn)) && fragments.Contains(AppPcOfIaoq(ctx.iaoq_back))) {
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
  trace->next_pc = AppPcOfIaoq(ctx.iaoq_front);
  trace->next_plain = ctx.iaoq_back == ctx.iaoq_front + 4;
  counters_->interpreted_instructions += retired;
  counters_->nullified_instructions += nullified;
  counters_->decode_misses += decoded;
  return stop;
}

}  // namespace dynamo
