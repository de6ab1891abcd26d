#include "sim/core.h"

#include <algorithm>
#include <array>
#include <utility>

#include "isa/codec.h"
#include "isa/conditions.h"
#include "isa/step.h"
#include "isa/state.h"

namespace dynsim {

// The isa/ semantics' view of the machine (the State interface of isa/state.h), over the
// simulator's ArchState and GuestMemory. Everything is inline: the semantics templates
// are instantiated with this class, so there is no call per register access. With
// kObserve it also notes each access's effective address for the retire record.
template <bool kObserve>
class CoreStateT {
 public:
  CoreStateT(ArchState& s, GuestMemory& m, SimClock& clock, FunctionalCore& core)
      : s_(s), m_(m), clock_(clock), core_(core) {}

  uint32_t gr(unsigned r) const { return s_.gr[r]; }
  void set_gr(unsigned r, uint32_t v) { s_.gr[r] = v; }
  uint32_t sar() const { return s_.sar; }
  void set_sar(uint32_t v) { s_.sar = v & 31; }
  uint8_t cb() const { return static_cast<uint8_t>(s_.psw_cb); }
  void set_carries(uint32_t v) { s_.psw_cb = isa::nibble_carries(v); }
  bool psw_v() const { return s_.psw_v; }
  void set_psw_v(bool v) { s_.psw_v = v; }
  uint64_t fr(unsigned r) const { return s_.fr[r]; }
  void set_fr(unsigned r, uint64_t v) { s_.fr[r] = v; }

  int load(uint32_t addr, unsigned size, uint64_t* v) {
    if constexpr (kObserve) mem_addr = addr;
    MemFault f;
    switch (size) {
      case 1: { uint8_t x = 0; f = m_.Load(addr, &x); *v = x; break; }
      case 2: { uint16_t x = 0; f = m_.Load(addr, &x); *v = x; break; }
      case 4: { uint32_t x = 0; f = m_.Load(addr, &x); *v = x; break; }
      default: { uint64_t x = 0; f = m_.Load(addr, &x); *v = x; break; }
    }
    if (__builtin_expect(f == MemFault::kMisaligned, 0)) return UnalignedLoad(addr, size, v);
    return static_cast<int>(f);
  }
  int store(uint32_t addr, unsigned size, uint64_t v) {
    if constexpr (kObserve) mem_addr = addr;
    MemFault f;
    switch (size) {
      case 1: f = m_.Store(addr, static_cast<uint8_t>(v)); break;
      case 2: f = m_.Store(addr, static_cast<uint16_t>(v)); break;
      case 4: f = m_.Store(addr, static_cast<uint32_t>(v)); break;
      default: f = m_.Store(addr, v); break;
    }
    if (__builtin_expect(f == MemFault::kMisaligned, 0)) return UnalignedStore(addr, size, v);
    return static_cast<int>(f);
  }
  uint32_t cr(unsigned r) {
    switch (r) {
      case 16: return static_cast<uint32_t>(clock_.cycles);  // interval timer: the cycle counter
      case 26: return s_.cr26;
      case 27: return s_.cr27;
      default: return 0;
    }
  }
  uint32_t space(unsigned) const { return 0; }  // narrow-mode user code: every space is 0
  void cache(isa::CacheOp op, uint32_t addr) {
    if constexpr (kObserve) mem_addr = addr;
    if (op == isa::CacheOp::kFic) core_.InvalidateCode(addr);
  }
  uint32_t iaoq_front() const { return s_.iaoq_front; }
  uint32_t iaoq_back() const { return s_.iaoq_back; }
  void set_iaoq(uint32_t front, uint32_t back) {
    s_.iaoq_front = front;
    s_.iaoq_back = back;
  }
  bool psw_n() const { return s_.psw_n; }
  void set_psw_n(bool v) { s_.psw_n = v; }
  FunctionalCore& core() { return core_; }

  // Misaligned accesses trap on PA-RISC, and Linux's unaligned-access handler
  // (arch/parisc/kernel/unaligned.c) emulates them for user code by default, so the
  // access completes; qemu-hppa agrees. We emulate byte by byte, all or nothing.
  int UnalignedLoad(uint32_t addr, unsigned size, uint64_t* v) {
    uint64_t value = 0;
    for (unsigned i = 0; i < size; ++i) {
      uint8_t b = 0;
      MemFault f = m_.Load(addr + i, &b);
      if (f != MemFault::kNone) return static_cast<int>(f);
      value = (value << 8) | b;
    }
    *v = value;
    core_.CountUnaligned();
    return 0;
  }
  int UnalignedStore(uint32_t addr, unsigned size, uint64_t v) {
    for (unsigned i = 0; i < size; ++i)
      if (!m_.IsMapped(addr + i)) return static_cast<int>(MemFault::kUnmapped);
    if (!m_.RangeHas(addr, size, kPermWrite)) return static_cast<int>(MemFault::kProtection);
    for (unsigned i = 0; i < size; ++i) m_.Store(addr + i, static_cast<uint8_t>(v >> (8 * (size - 1 - i))));
    core_.CountUnaligned();
    return 0;
  }
  // The last trap's effect (set by a step function that returns kTrap).
  isa::Effect trap;
  // With kObserve: the last access's address and the record of the last slot.
  uint32_t mem_addr = 0;
  RetireRecord record;

 private:
  ArchState& s_;
  GuestMemory& m_;
  SimClock& clock_;
  FunctionalCore& core_;
};

namespace {

// One isa::step per pattern, and a second one for words whose condition field is 0:
// with the op (and the condition) pinned to constants, the pattern's info (semantic
// family, operand roles, addressing mode) and the condition evaluation fold away at
// compile time, leaving straight-line code for that one instruction form. Pinning a field
// to the value the word actually has cannot change what the instruction does.
// `flatten` inlines isa::step and isa::execute here, which is what lets the constants fold.
// Branch forms also count themselves by kind; other forms pay nothing for that.
template <isa::Op OP, bool kCondZero, bool kObserve>
__attribute__((flatten)) isa::StepResult::Kind StepOp(CoreStateT<kObserve>& s, isa::Insn insn) {
  insn.op = OP;
  if (kCondZero) insn.cond = 0;
  [[maybe_unused]] const uint32_t front = s.iaoq_front(), back = s.iaoq_back();
  const isa::StepResult r = isa::step(s, insn);
  constexpr isa::Cls kCls = isa::info(OP).cls;
  constexpr bool kIsBranch = isa::is_branch(kCls);
  if constexpr (kIsBranch) {
    if (r.kind == isa::StepResult::kRetired || r.kind == isa::StepResult::kGateway)
      s.core().CountBranch(isa::branch_kind(insn), r.effect.kind == isa::Effect::kBranch);
  }
  if (__builtin_expect(r.kind == isa::StepResult::kTrap, 0)) s.trap = r.effect;
  if constexpr (kObserve) {
    const isa::Operands ops = isa::operands(insn);
    RetireRecord& rec = s.record;
    rec.pc = front & ~3u;
    rec.cls = kCls;
    rec.nullified = r.kind == isa::StepResult::kNullified;
    rec.gr_read = rec.nullified ? 0 : ops.gr_read;
    rec.gr_written = rec.nullified ? 0 : ops.gr_written;
    rec.mem_size = rec.nullified ? 0 : ops.mem_size;
    rec.mem_addr = rec.mem_size ? s.mem_addr : 0;
    rec.is_store = isa::info(OP).sem == isa::Sem::Store || isa::info(OP).sem == isa::Sem::Fstore;
    rec.branch = kIsBranch && !rec.nullified ? isa::branch_kind(insn) : isa::BranchKind::kNone;
    rec.taken = !rec.nullified && r.effect.kind == isa::Effect::kBranch;
    // Direct conditional branches carry their target even when not taken, so a static
    // predictor can tell a backward loop exit from a forward skip.
    if constexpr (kCls == isa::Cls::kBranchCond)
      rec.target = rec.nullified ? 0 : isa::cond_branch_target(insn, isa::Ia{front, back});
    else
      rec.target = rec.taken ? r.effect.target : 0;
    if constexpr (isa::info(OP).sem == isa::Sem::CacheFlush) {
      rec.cache_flush = rec.nullified ? RetireRecord::CacheFlush::kNone
                        : (isa::info(OP).props & isa::prop::IFLUSH) ? RetireRecord::CacheFlush::kInstruction
                                                                    : RetireRecord::CacheFlush::kData;
      rec.mem_addr = rec.nullified ? 0 : s.mem_addr;
    } else {
      rec.cache_flush = RetireRecord::CacheFlush::kNone;
    }
  }
  return r.kind;
}

// Straight-line words: the semantic families that neither branch nor read the queue, the
// clock (mfctl) or the code (fic, and fdc with it), nor stop the machine (break, an illegal
// word), in a word that cannot nullify the next one. A run of them needs no queue
// bookkeeping between words: each one's front is the last one's plus 4, PSW[N] stays
// clear, and nothing but a trap can end the run early. The semantics alone run them;
// their Effect is then kNext or kTrap (anything else would be a misclassified word:
// RunStraight steps it as isa::step would).
constexpr bool IsStraightFamily(isa::Sem sem) {
  switch (sem) {
    case isa::Sem::Logical: case isa::Sem::Sub: case isa::Sem::Ds: case isa::Sem::Add:
    case isa::Sem::Cmpclr: case isa::Sem::Uaddcm: case isa::Sem::Dcor: case isa::Sem::Load:
    case isa::Sem::Ldcw: case isa::Sem::Store: case isa::Sem::Ldil: case isa::Sem::Addil:
    case isa::Sem::Ldo: case isa::Sem::Fload: case isa::Sem::Fstore: case isa::Sem::Xmpyu:
    case isa::Sem::Shrpw: case isa::Sem::Extrw: case isa::Sem::Depw: case isa::Sem::Stby:
    case isa::Sem::Mtsar: case isa::Sem::FpUnary: case isa::Sem::FpCnv: case isa::Sem::FpArith:
    case isa::Sem::FpFma: case isa::Sem::FpMpyAdd:
      return true;
    default:
      return false;
  }
}
bool IsStraight(const isa::Insn& insn) {
  return IsStraightFamily(isa::info(insn).sem) && !isa::operands(insn).may_nullify_next;
}

template <isa::Op OP, bool kCondZero>
__attribute__((flatten)) isa::Effect::Kind ExecStraight(CoreStateT<false>& s, isa::Insn insn, uint32_t front) {
  insn.op = OP;
  if (kCondZero) insn.cond = 0;
  const isa::Effect e = isa::execute(s, insn, isa::Ia{front, front + 4});
  if (__builtin_expect(e.kind != isa::Effect::kNext || e.nullify, 0)) {
    s.trap = e;  // a trap, or (from a misclassified word) a branch or nullification
    return e.kind == isa::Effect::kTrap ? isa::Effect::kTrap : isa::Effect::kBranch;
  }
  return isa::Effect::kNext;
}
using StraightFn = isa::Effect::Kind (*)(CoreStateT<false>&, isa::Insn, uint32_t);
template <bool kCondZero, size_t... I>
constexpr std::array<StraightFn, sizeof...(I)> MakeStraightTable(std::index_sequence<I...>) {
  return {&ExecStraight<static_cast<isa::Op>(I), kCondZero>...};
}
template <bool kCondZero>
constexpr auto kStraightTable = MakeStraightTable<kCondZero>(std::make_index_sequence<isa::kNumOps + 1>{});
StraightFn StraightFor(const isa::Insn& insn) {
  if (!IsStraight(insn)) return nullptr;
  const unsigned op = static_cast<unsigned>(insn.op);
  return insn.cond == 0 ? kStraightTable<true>[op] : kStraightTable<false>[op];
}

template <bool kObserve>
using StepFn = isa::StepResult::Kind (*)(CoreStateT<kObserve>&, isa::Insn);
template <bool kCondZero, bool kObserve, size_t... I>
constexpr std::array<StepFn<kObserve>, sizeof...(I)> MakeStepTable(std::index_sequence<I...>) {
  return {&StepOp<static_cast<isa::Op>(I), kCondZero, kObserve>...};
}
template <bool kCondZero, bool kObserve>
constexpr auto kStepTable = MakeStepTable<kCondZero, kObserve>(std::make_index_sequence<isa::kNumOps + 1>{});

// The step function for a decoded word: the condition-0 variant when its condition is 0.
template <bool kObserve>
StepFn<kObserve> StepFor(const isa::Insn& insn) {
  unsigned op = static_cast<unsigned>(insn.op);
  return insn.cond == 0 ? kStepTable<true, kObserve>[op] : kStepTable<false, kObserve>[op];
}

}  // namespace

FunctionalCore::FunctionalCore(ArchState* state, GuestMemory* memory, GuestOs* os, SimClock* clock)
    : state_(state), memory_(memory), os_(os), clock_(clock), pages_(GuestMemory::kNumPages) {
  memory_->SetCodeWriteListener([this](GuestAddr page) { InvalidateCode(page); });
}

FunctionalCore::~FunctionalCore() { memory_->SetCodeWriteListener(nullptr); }

void FunctionalCore::InvalidateCode(GuestAddr addr) {
  std::unique_ptr<CodePage>& page = pages_[addr >> GuestMemory::kPageBits];
  if (page) {
    page.reset();
    ++code_invalidations_;
  }
}

FunctionalCore::CodePage* FunctionalCore::DecodePage(uint32_t page) {
  GuestAddr base = page << GuestMemory::kPageBits;
  uint8_t bytes[GuestMemory::kPageSize];
  if (!memory_->ReadBytes(base, bytes, sizeof bytes)) return nullptr;
  auto decoded = std::make_unique<CodePage>();
  constexpr uint32_t kWords = GuestMemory::kPageSize / 4;
  for (uint32_t i = 0; i < kWords; ++i) {
    isa::Insn insn = isa::decode(GuestMemory::FromBigEndian<uint32_t>(bytes + 4 * i));
    decoded->insns[i] = {StepFor<false>(insn), StepFor<true>(insn), StraightFor(insn), insn, 0};
  }
  for (uint32_t i = kWords; i-- > 0;) {
    Predecoded& d = decoded->insns[i];
    d.straight_run = d.straight == nullptr ? 0 : 1 + (i + 1 < kWords ? decoded->insns[i + 1].straight_run : 0);
  }
  memory_->WatchCode(base);
  ++pages_decoded_;
  pages_[page] = std::move(decoded);
  return pages_[page].get();
}

MemFault FunctionalCore::WhyFetchFails(GuestAddr pc) const {
  if (!memory_->IsMapped(pc)) return MemFault::kUnmapped;
  if (!(memory_->Perms(pc) & kPermExec)) return MemFault::kProtection;
  return MemFault::kNone;
}

const Predecoded* FunctionalCore::FetchSlow(GuestAddr pc) {
  if (WhyFetchFails(pc) != MemFault::kNone) return nullptr;
  CodePage* code = DecodePage(pc >> GuestMemory::kPageBits);
  return &code->insns[(pc & GuestMemory::kPageMask) >> 2];
}

CoreStop FunctionalCore::Run(uint64_t max_insts, uint64_t cycle_limit) {
  return sink_ ? RunLoop<true>(max_insts, cycle_limit) : RunLoop<false>(max_insts, cycle_limit);
}

template <bool kObserve>
CoreStop FunctionalCore::RunLoop(uint64_t max_insts, uint64_t cycle_limit) {
  CoreStateT<kObserve> cs(*state_, *memory_, *clock_, *this);
  const uint64_t limit = max_insts ? max_insts : UINT64_MAX;
  ArchState& s = *state_;
  const uint64_t& cycles = clock_->cycles;
  while (os_->process_state() == ProcessState::kRunning) {
    if (os_->NeedsAttention()) {
      os_->Poll(state_);
      continue;
    }
    if (cycles >= cycle_limit) return CoreStop::kCycleLimit;
    // The fast path runs until the OS must act (a timer is due, the guest enters the
    // gateway, or an instruction traps) or the cycle limit. Nothing else changes the
    // attention cycle.
    const uint64_t attention = std::min(os_->AttentionCycle(), cycle_limit);
    while (cycles < attention) {
      const uint32_t pc = s.iaoq_front & ~3u;
      if (isa::is_gateway(s.iaoq_front) && !s.psw_n) {
        // Page zero is the kernel's gateway page: syscalls enter at 0x100.
        ++clock_->cycles;
        if (pc == kGatewaySyscall || pc == kGatewayLightweight || pc == kGatewaySetThreadPointer)
          os_->Gateway(pc, state_);
        else
          os_->FetchFault(pc, MemFault::kUnmapped, state_);
        break;
      }
      if (instructions_ >= limit) return CoreStop::kInstLimit;
      if (!RunSlots(cs, attention, limit - instructions_)) break;
    }
  }
  return os_->process_state() == ProcessState::kExited ? CoreStop::kExited : CoreStop::kKilled;
}

// Runs straight-line words (see IsStraightFamily) one after the other, each by value, with
// the queue kept in a register; the run ends after a word whose store dropped a decoded
// page (that page may hold the rest of the run). On return the queue is where
// isa::step would have left it: after the last word run, or at the word that trapped.
FunctionalCore::StraightResult FunctionalCore::RunStraight(CoreStateT<false>& cs, const Predecoded* decoded,
                                                           uint32_t n, uint32_t front) {
  ArchState& s = *state_;
  const uint64_t invalidations = code_invalidations_;
  for (uint32_t k = 0; k < n; ++k) {
    const uint32_t at = front + 4 * k;
    const isa::Effect::Kind kind = decoded[k].straight(cs, decoded[k].insn, at);
    if (__builtin_expect(kind != isa::Effect::kNext, 0)) {
      if (kind == isa::Effect::kTrap) {
        s.iaoq_front = at;
        s.iaoq_back = at + 4;
        return {k + 1, true};
      }
      s.iaoq_front = at + 4;  // a misclassified word: the queue advances as isa::step's would
      s.iaoq_back = cs.trap.kind == isa::Effect::kBranch ? cs.trap.target : at + 8;
      s.psw_n = cs.trap.nullify;
      return {k + 1, false};
    }
    if (__builtin_expect(code_invalidations_ != invalidations, 0)) n = k + 1;
  }
  s.iaoq_front = front + 4 * n;
  s.iaoq_back = front + 4 * n + 4;
  return {n, false};
}

// Runs slots from the current front, which is not the gateway, until the clock reaches
// `attention`, `allowed` more instructions have retired (or, without a timing model,
// `allowed` slots have run), or a slot enters the gateway (then returns true: the
// caller's checks come next), or until a trap or a fetch fault hands the guest to the OS
// (then false). The caller's per-slot checks are hoisted out of this loop: a slot that
// leaves the queue's front at the gateway says so (isa::step reports kGateway), so the
// gateway needs no check before the others; every slot retires at most one instruction,
// so stopping at `allowed` keeps the instruction limit exact; and the cycle bound is
// checked after every slot, as before. The retired count lives in a register and reaches
// instructions_ before anything outside the core can read it (the OS, or the caller).
template <bool kObserve>
bool FunctionalCore::RunSlots(CoreStateT<kObserve>& cs, uint64_t attention, uint64_t allowed) {
  ArchState& s = *state_;
  uint64_t& cycles = clock_->cycles;
  uint64_t retired = 0;
  // Without a timing model every slot takes exactly one cycle and retires at most one
  // instruction, so both bounds become one count of slots (stopping early when slots were
  // nullified is harmless: the caller comes back).
  [[maybe_unused]] uint64_t slots_left = std::min(attention - cycles, allowed);
  for (;;) {
    const uint32_t front = s.iaoq_front;
    const Predecoded* decoded = Fetch(front & ~3u);
    if (__builtin_expect(!decoded, 0)) {
      instructions_ += retired;
      os_->FetchFault(front & ~3u, WhyFetchFails(front & ~3u), state_);
      return false;
    }
    if constexpr (!kObserve) {
      // A run of straight-line words from a sequential queue with PSW[N] clear (page zero,
      // the gateway's, holds no application code to run this way).
      if (decoded->straight_run != 0 && !s.psw_n && s.iaoq_back == front + 4 && !isa::is_gateway(front)) {
        const uint32_t n = static_cast<uint32_t>(std::min<uint64_t>(decoded->straight_run, slots_left));
        const StraightResult run = RunStraight(cs, decoded, n, front);
        cycles += run.slots;
        if (__builtin_expect(run.trapped, 0)) {
          instructions_ += retired + run.slots - 1;
          os_->Trap(cs.trap, s.iaoq_front, state_);
          return false;
        }
        retired += run.slots;
        slots_left -= run.slots;
        if (slots_left == 0) break;
        if (isa::is_gateway(s.iaoq_front) && !s.psw_n) break;  // only after a misclassified word
        continue;
      }
    }
    // The instruction goes by value: a store by this very instruction may drop its page.
    isa::StepResult::Kind kind;
    if constexpr (kObserve) {
      // The sink (a timing model) says what the slot costs; a trapping instruction
      // retires nothing and costs one cycle, charged with the OS's work.
      kind = decoded->observed_step(cs, decoded->insn);
      cycles += kind != isa::StepResult::kTrap ? sink_->Retire(cs.record) : 1;
    } else {
      kind = decoded->step(cs, decoded->insn);
      ++cycles;  // without a timing model every slot of the queue takes a cycle
    }
    if (__builtin_expect(kind == isa::StepResult::kRetired, 1)) {
      ++retired;
      if (kObserve && retired == allowed) break;
    } else if (kind == isa::StepResult::kNullified) {
      ++nullified_;
    } else if (kind == isa::StepResult::kGateway) {
      ++retired;
      break;
    } else {
      instructions_ += retired;
      os_->Trap(cs.trap, front, state_);
      return false;
    }
    if constexpr (kObserve) {
      if (cycles >= attention) break;
    } else {
      if (--slots_left == 0) break;
    }
  }
  instructions_ += retired;
  return true;
}

}  // namespace dynsim
