#include "dynamo/fragment_builder.h"

#include "dynamo/context_layout.h"
#include "dynamo/emitter.h"
#include "dynamo/optimizer_constants.h"
#include "isa/codec.h"
#include "isa/conditions.h"
#include "isa/nullify.h"
#include "isa/operands.h"

namespace dynamo {
namespace {

constexpr int32_t App(unsigned r) { return CTX_ABS(CTX_GR + 4 * static_cast<int32_t>(r)); }
constexpr int32_t kIndirectTarget = CTX_ABS(CTX_INDIRECT_TARGET);
constexpr uint32_t kUserPrivilege = 3;

// A branch's link: IAOQ_back + 4 with the privilege bits (isa/semantics/branch.h), for a
// branch at `pc` that is not itself in a delay slot.
constexpr uint32_t LinkOf(uint32_t pc) { return (pc | kUserPrivilege) + 8; }

// How the builder treats a recorded instruction.
enum class Form : uint8_t { kVerbatim, kCond, kDirect, kIndirect, kStop };

Form FormOf(const isa::Insn& in) {
  const isa::Info& info = isa::info(in);
  switch (info.sem) {
    case isa::Sem::Cmpb:
    case isa::Sem::Addb:
    case isa::Sem::Bb:
    case isa::Sem::Movb: return Form::kCond;
    case isa::Sem::Bl: return in.op == isa::Op::B_GATE ? Form::kStop : Form::kDirect;
    case isa::Sem::Blr:
    case isa::Sem::Bv: return Form::kIndirect;
    // BE/BE,L: the system call gateway (and, in the programs we run, nothing else).
    case isa::Sem::Be:
    case isa::Sem::Break:
    case isa::Sem::Illegal: return Form::kStop;
    default: break;
  }
  // FIC: Dynamo must see it to drop fragments made from the flushed code.
  if (info.props & isa::prop::IFLUSH) return Form::kStop;
  return Form::kVerbatim;
}

// The condition that holds exactly when `in`'s does not (conditions.h: f negates; the
// shift/extract/deposit table has no f and pairs c with c ^ 4; BB pairs "<" and ">=").
bool NegatedCond(const isa::Insn& in, uint8_t* out) {
  const isa::CondTab tab = isa::info(in).cond;
  switch (tab) {
    case isa::kCondCmp:
    case isa::kCondAdd:
    case isa::kCondAddb:
    case isa::kCondLog:
    case isa::kCondUnit:
    case isa::kCondUxor: *out = in.cond ^ 1; break;
    case isa::kCondSed: *out = in.cond ^ 8; break;
    case isa::kCondBb: *out = in.cond ^ 2; break;
    default: return false;
  }
  return isa::cond_valid(tab, *out);
}

// True if `in` re-encodes to itself (the same pattern and fields); a changed condition or
// displacement must not turn an instruction into another one.
bool Encodable(const isa::Insn& in) {
  const isa::Insn back = isa::decode(isa::encode(in));
  return back.op == in.op && back.cond == in.cond && back.r1 == in.r1 && back.r2 == in.r2 && back.t == in.t &&
         back.flags == in.flags;
}

// A unit: the code of one trace position (an instruction, or a branch with its delay
// slot). A fragment may end at any unit's start, where the application's queue is plain.
struct Unit {
  uint32_t index;       // trace index of its first instruction
  uint32_t pos;         // code word where it starts
  uint32_t pending;     // pending blocks before it
  uint32_t exits;       // exit stubs before it
  bool nullifies_next;  // its last instruction may nullify the next one
};
// An off-trace block, placed after the body once its branch's displacement is known.
// A jump table's probe may have no branch to it: only the table's words lead there.
constexpr uint32_t kNoBranch = ~0u;
struct Pending {
  enum Kind : uint8_t { kCondExit, kInlineMiss, kInlineProbe, kSplitExit, kJumpTableProbe, kBlrMiss } kind;
  ExitKind exit_kind;
  uint32_t pos;       // the word of the branch to the block, or kNoBranch
  isa::Insn branch;   // kCondExit: the branch to re-target; kBlrMiss: the blr, im its index
  int32_t delay;      // trace index of a delay slot the block runs first, or -1;
                      // kInlineProbe, kJumpTableProbe: the register holding the target
  uint32_t target;    // app pc (kInlineProbe: the compared value; kJumpTableProbe: the
                      // jump table's index in BuiltFragment::jump_tables)
  uint32_t unit_index;
};
// At most one of each per trace instruction. Static: too large for Dynamo's stack, and
// one build runs at a time.
Unit units_storage[Trace::kMaxTraceInsns];
Pending pending_storage[Trace::kMaxTraceInsns];
// The trace's instructions decoded once per build (a rebuild after an out-of-reach exit
// block reuses them).
isa::Insn decoded_storage[Trace::kMaxTraceInsns];

class Builder {
 public:
  Builder(const Trace& trace, const BuildOptions& options, const CodeSpace& space, BuiltFragment* out,
          uint32_t limit)
      : t_(trace), o_(options), s_(space), out_(out), limit_(limit) {}

  // kOk, kNoSpace or kEmpty; with retry() set, an exit block was out of its branch's
  // reach and the build must be repeated with at most retry_limit() instructions.
  BuildStatus Run();
  bool retry() const { return retry_; }
  uint32_t retry_limit() const { return retry_limit_; }

 private:

  void Emit(uint32_t word) {
    if (pos_ < s_.capacity) s_.code[pos_] = word;
    ++pos_;
  }
  int32_t DispTo(uint32_t from_pos, uint32_t to_addr) const {
    return static_cast<int32_t>(to_addr - (s_.addr + from_pos * 4 + 8));
  }
  void PushUnit(uint32_t index, bool nullifies_next) {
    units_[units_n_++] = Unit{index, pos_, pending_n_, out_->exit_count, nullifies_next};
  }
  bool PrevNullifies() const { return units_n_ > 0 && units_[units_n_ - 1].nullifies_next; }
  void AddPending(Pending::Kind kind, ExitKind exit_kind, const isa::Insn& branch, int32_t delay, uint32_t target,
                  uint32_t unit_index) {
    pending_[pending_n_++] = Pending{kind, exit_kind, pos_, branch, delay, target, unit_index};
  }
  void NoteApp(uint32_t index, AppNext kind, uint32_t next);
  bool Stub(ExitKind kind, uint32_t target);
  void MarkStubBranch(StubBranch branch, uint32_t pos);
  void LookupCall(int32_t delay);
  bool InlineProbe(unsigned reg, uint32_t* miss_word = nullptr);
  bool ChainedProbe(unsigned reg, uint32_t compare, uint32_t* probe);
  bool GuardAgainstNullification(uint32_t pc);
  bool ExitTo(uint32_t pc, ExitKind kind);
  bool CutAt(uint32_t index);
  bool LayOut(uint32_t i, uint32_t* next_i, bool* ended);
  bool LayOutVerbatim(uint32_t i, uint32_t* next_i);
  bool LayOutCond(uint32_t i, uint32_t next);
  bool LayOutCondBeforeBranch(uint32_t i, uint32_t* next_i);
  bool BlrCompare(uint32_t i, uint32_t next);
  void BlrTargetToR1(unsigned x, uint32_t pc);
  bool CloseLoop(uint32_t i);
  bool LayOutDirect(uint32_t i, uint32_t next);
  bool LayOutIndirect(uint32_t i, uint32_t next, bool* ended);
  bool FoldIndirect(uint32_t i, uint32_t next, unsigned link);
  bool ProbeIndirect(uint32_t i, uint32_t next, bool* ended);
  bool JumpTable(uint32_t i, bool* ended);
  void PlaceJumpTables();
  void InlineCompare(unsigned base, Pending::Kind miss, int32_t arg, uint32_t next, uint32_t i);
  void WriteLink(unsigned link, uint32_t pc);
  void RunDelay(uint32_t i, bool surely);

  const Trace& t_;
  const BuildOptions& o_;
  const CodeSpace& s_;
  BuiltFragment* out_;
  uint32_t limit_;
  uint32_t pos_ = 0;
  uint32_t units_n_ = 0, pending_n_ = 0;
  bool retry_ = false;
  uint32_t retry_limit_ = 0;
  Unit* units_ = units_storage;
  Pending* pending_ = pending_storage;
  const isa::Insn* decoded_ = decoded_storage;
  KnownValues known_;
  uint32_t loop_exit_ = 0;  // app pc of the final exit when the trace's last branch loops to word 0
  int32_t delay_register_ = -1;  // RunDelay: the queue goes on to this register's value
  uint32_t delay_off_trace_ = 0;  // RunDelay: or here if the branch before left the trace
  // The last `ldw,s rI(rB),rX` laid out that surely runs, with rB's value before it when
  // known, and rI's largest (JumpTable).
  struct IndexedLoad {
    uint32_t index;
    bool base_known;
    uint32_t base;
    uint32_t index_max;
  } indexed_load_{~0u, false, 0, ~0u};
};

// Records that the next word emitted is trace instruction `index` (the rectification map,
// BuiltAppWord). Entries at or past the current word were emitted by a layout since undone.
void Builder::NoteApp(uint32_t index, AppNext kind, uint32_t next) {
  while (out_->app_word_count && out_->app_words[out_->app_word_count - 1].word >= pos_) --out_->app_word_count;
  if (out_->app_word_count == BuiltFragment::kMaxAppWords) return;
  out_->app_words[out_->app_word_count++] = BuiltAppWord{pos_, t_.insns[index].pc, next, kind, 0, delay_off_trace_};
}

bool Builder::Stub(ExitKind kind, uint32_t target) {
  if (out_->exit_count == BuiltFragment::kMaxExits) return false;
  out_->exits[out_->exit_count++] = BuiltExit{pos_, AppPcOfIaoq(target), kind, StubBranch::kNone, 0};
  Emit(emit::Stw(2, App(2), 0));
  Emit(emit::BranchLinkR2(DispTo(pos_, o_.exit_routine)));
  Emit(emit::Stw(1, App(1), 0));
  Emit(0);  // the record word: the Exit's address (FragmentCache::Add)
  return true;
}

// The last stub is reached from the branch at word `pos` and nothing else, so linking may
// re-target that branch (linker.h); only a linkable exit's branch is worth it.
void Builder::MarkStubBranch(StubBranch branch, uint32_t pos) {
  BuiltExit& e = out_->exits[out_->exit_count - 1];
  if (e.kind != ExitKind::kBranch) return;
  e.branch = branch;
  e.branch_words = static_cast<uint16_t>(e.stub - pos);
}

// r1 holds the target (the application's r1 is in the context): store it for the lookup,
// restore r1, run the delay slot, and call the lookup routine.
void Builder::LookupCall(int32_t delay) {
  Emit(emit::Stw(1, kIndirectTarget, 0));
  Emit(emit::Ldw(App(1), 0, 1));
  if (delay >= 0) {
    NoteApp(static_cast<uint32_t>(delay), AppNext::kIndirectTarget, 0);
    Emit(t_.insns[delay].word);
  }
  Emit(emit::Stw(2, App(2), 0));
  Emit(emit::BranchLinkR2(DispTo(pos_, o_.lookup_routine)));
  Emit(emit::Stw(1, App(1), 0));
}

// Words of InlineProbe before its miss path's store of the target (ChainedProbe's reach):
// the count (with count_lookups), then the scratch spill, the index, the key's load and
// compare, the entry's load, the scratch reload, the bv and its delay slot, and the miss's
// scratch reload.
constexpr uint32_t kProbeCountWords = 3, kProbeWordsToMiss = 10;

// The table probe inlined in fragment code (lookup.h), with the branch's target in `reg`
// and the application's r1 in the context: on a hit (9 instructions) it jumps to the
// fragment with every register restored; on a miss it leaves through a lookup exit with
// the target in ctx.indirect_target. `scratch` is spilled around it. It writes no PSW bit.
bool Builder::InlineProbe(unsigned reg, uint32_t* miss_word) {
  const unsigned scratch = reg == 31 ? 2 : 31;
  const uint32_t table = o_.lookup_table;
  if (o_.lookup_counter) {
    const int32_t counter = static_cast<int32_t>(o_.lookup_counter);
    Emit(emit::Ldw(counter, 0, 1));
    Emit(emit::Ldo(1, 1, 1));
    Emit(emit::Stw(1, counter, 0));
  }
  Emit(emit::Stw(scratch, App(scratch), 0));
  Emit(emit::DepwZ(reg, 28, o_.lookup_index_bits, 1));  // (reg mod entries) * 8
  Emit(emit::Addil(table, 1));
  Emit(emit::Ldw(emit::RightPart(table), 1, scratch));  // the key
  Emit(emit::CmpbNotEqualN(reg, scratch, 12));         // to the miss, 5 words on
  Emit(emit::Ldw(emit::RightPart(table) + 4, 1, 1));    // the fragment's entry
  Emit(emit::Ldw(App(scratch), 0, scratch));
  Emit(emit::Bv(1));
  Emit(emit::Ldw(App(1), 0, 1));
  Emit(emit::Ldw(App(scratch), 0, scratch));  // the miss
  if (miss_word) *miss_word = pos_;
  Emit(emit::Stw(reg, kIndirectTarget, 0));
  Emit(emit::Ldw(App(1), 0, 1));
  return Stub(ExitKind::kLookup, 0);
}

// The miss block of `bv rX`'s inline compare at word `compare`, r1 spilled: with
// chain_slots, that many empty slots before the inline probe, recorded for the fragment
// cache to fill (BuiltChainSite) where the compare reaches past them to the probe's miss
// path. *probe: where the compare goes as built.
bool Builder::ChainedProbe(unsigned reg, uint32_t compare, uint32_t* probe) {
  const uint32_t slots = o_.chain_slots > kMaxChainSlots ? kMaxChainSlots : o_.chain_slots;
  const uint32_t learn_words = slots * kChainSlotWords + (o_.lookup_counter ? kProbeCountWords : 0) + kProbeWordsToMiss;
  *probe = pos_;
  if (!slots || out_->chain_site_count == BuiltFragment::kMaxChainSites ||
      !emit::FitsCondBranch(static_cast<int32_t>((pos_ + learn_words - compare) * 4) - 8))
    return InlineProbe(reg);
  BuiltChainSite site{compare, pos_, slots, 0, 0, 0, reg};
  for (uint32_t k = 0; k < slots * kChainSlotWords; ++k) Emit(emit::Nop());
  site.probe = *probe = pos_;
  if (!InlineProbe(reg, &site.learn)) return false;
  site.exit = out_->exit_count - 1;
  out_->chain_sites[out_->chain_site_count++] = site;
  return true;
}

// Code for `pc` follows, and the instruction before may nullify the one at `pc` (then the
// application goes on at pc + 4 instead): `b,n` over an exit to pc + 4. A nullified `b,n`
// falls into that exit; otherwise it reaches the code that follows.
bool Builder::GuardAgainstNullification(uint32_t pc) {
  Emit(emit::BranchN(12));  // over the 4-word stub below
  return Stub(ExitKind::kBranch, pc + 4);
}

// An exit to `pc`, guarded if the instruction before may nullify it.
bool Builder::ExitTo(uint32_t pc, ExitKind kind) {
  if (PrevNullifies() && !GuardAgainstNullification(pc)) return false;
  return Stub(kind, pc);
}

// Ends the body before trace instruction `index` with an exit to it. False if nothing is
// left.
bool Builder::CutAt(uint32_t index) {
  if (index == 0) return false;
  out_->insns = index;
  const isa::Insn& in = decoded_[index];
  return ExitTo(t_.insns[index].pc.addr(), FormOf(in) == Form::kStop ? ExitKind::kStop : ExitKind::kBranch);
}

// The general registers `in` may write.
uint32_t Written(const isa::Insn& in) { return isa::operands(in).gr_written; }

// A branch's link register value (ldil/ldo), or, with the optimizer, one ldo from a
// register known to hold a value near it (strength reduction: the previous call's link
// usually is).
void Builder::WriteLink(unsigned link, uint32_t pc) {
  if (!link) return;
  const uint32_t value = LinkOf(pc);
  unsigned near = 0;
  int32_t disp = 0;
  if (o_.propagate_constants && known_.Near(value, link, &near, &disp)) {
    Emit(emit::Ldo(disp, near, link));
  } else {
    Emit(emit::Ldil(value, link));
    Emit(emit::Ldo(emit::RightPart(value), link, link));
  }
  known_.Set(link, value);
}

// The delay slot at trace index d, on the trace (`surely`: it always runs there).
void Builder::RunDelay(uint32_t d, bool surely) {
  const uint32_t on_trace = d + 1 < t_.length ? t_.insns[d + 1].pc.addr() : t_.next_pc.addr();
  if (delay_register_ >= 0) {
    NoteApp(d, AppNext::kRegister, static_cast<uint32_t>(delay_register_));
  } else if (delay_off_trace_) {
    NoteApp(d, AppNext::kBranchOutcome, on_trace);
  } else {
    NoteApp(d, AppNext::kFixed, on_trace);
  }
  Emit(t_.insns[d].word);
  known_.Apply(decoded_[d], surely);
}

// An instruction that is neither a branch nor a stop: itself, verbatim, unless its
// condition may nullify a branch or a stop that follows (then a two-way split).
bool Builder::LayOutVerbatim(uint32_t i, uint32_t* next_i) {
  const TraceInsn& ti = t_.insns[i];
  const isa::Insn& in = decoded_[i];
  const bool nullifies = isa::operands(in).may_nullify_next;
  if (nullifies && i + 1 < limit_) {
    const TraceInsn& b = t_.insns[i + 1];
    const Form next_form = FormOf(decoded_[i + 1]);
    // Two conditions in a row before a branch ($$divI's `and,<>` then `addi,>` before
    // `b,l,n`) split at the first, so that the second, when it runs, splits with nothing
    // before it that may nullify it.
    const bool next_splits = i + 2 < limit_ && isa::operands(decoded_[i + 1]).may_nullify_next &&
                             FormOf(decoded_[i + 2]) != Form::kVerbatim;
    if (next_form != Form::kVerbatim || next_splits) {
      // A condition that may nullify a branch or a stop: split on it. With `b,n` after
      // it, the branch runs exactly when the instruction does not nullify; so the
      // instruction keeps its condition when the trace saw the next one nullified and
      // takes the negated one when the trace saw it run. FTEST has no negated form: it
      // stays and nullifies a `b,n` over the exit branch instead, which runs (to the trace's
      // code) exactly when FTEST does not nullify.
      if (PrevNullifies()) return false;
      isa::Insn x = in;
      uint32_t off_target;
      ExitKind off_kind = ExitKind::kBranch;
      bool over_exit = false;
      if (b.nullified) {
        off_target = b.pc.addr();  // it runs after all: resume there
        if (next_form == Form::kStop) off_kind = ExitKind::kStop;
        *next_i = i + 2;
      } else {
        over_exit = isa::info(in).sem == isa::Sem::FpTest;
        uint8_t c = 0;
        if (!over_exit && !NegatedCond(in, &c)) return false;
        if (!over_exit) x.cond = c;
        if (!Encodable(x)) return false;
        off_target = b.pc.addr() + 4;  // nullified after all: the one after it runs next
        *next_i = i + 1;
      }
      PushUnit(i, false);
      NoteApp(i, AppNext::kSequential, 0);
      Emit(isa::encode(x));
      if (over_exit) Emit(emit::BranchN(0));  // b,n .+8: over the exit branch
      known_.Apply(in, true);
      AddPending(Pending::kSplitExit, off_kind, isa::Insn{}, -1, off_target, i);
      Emit(0);  // b,n to the exit block
      return true;
    }
  }
  const bool surely = !PrevNullifies() && !ti.nullified;
  if (in.op == isa::Op::LDW_X && (in.flags & (isa::kFlagU | isa::kFlagM)) == isa::kFlagU && surely) {
    uint32_t base = 0;
    const bool known = known_.Known(in.r2, &base);
    uint32_t index_max = ~0u;  // stays so unless rI has a bound
    known_.UpperBound(in.r1, &index_max);
    indexed_load_ = IndexedLoad{i, known, base, index_max};
  }
  known_.Apply(in, surely);
  PushUnit(i, nullifies);
  NoteApp(i, AppNext::kSequential, 0);
  Emit(ti.word);
  *next_i = i + 1;
  return true;
}

// The trace's last branch, taken back to the trace's head (a loop): the same branch,
// displaced to the fragment's first word, so the loop stays in the fragment with the
// branch's own direction and delay slot (backward in both places, so the same
// nullification rule, PA-RISC 2.0 manual, "Conditional branches"); the fall-through
// leaves through the final exit. False if it does not apply or reach.
bool Builder::CloseLoop(uint32_t i) {
  const isa::Insn& in = decoded_[i];
  const uint32_t pc = t_.insns[i].pc.addr();
  if (i + 2 != t_.length || i + 2 != limit_ || t_.end != TraceEnd::kBackward || !t_.next_plain) return false;
  if (AppPc(pc + 8 + static_cast<uint32_t>(in.im)) != t_.head || t_.next_pc != t_.head) return false;
  if (isa::operands(decoded_[i + 1]).may_nullify_next) return false;
  isa::Insn b = in;
  b.im = DispTo(pos_, s_.addr);
  if (!emit::FitsCondBranch(b.im) || !Encodable(b)) return false;
  PushUnit(i, false);
  out_->loop_branch = pos_;
  Emit(isa::encode(b));
  NoteApp(i + 1, AppNext::kLoop, 0);
  Emit(t_.insns[i + 1].word);
  loop_exit_ = pc + 8;
  ++out_->loops;
  return true;
}

// A conditional branch and its delay slot; `next`: where the trace went after them.
bool Builder::LayOutCond(uint32_t i, uint32_t next) {
  const TraceInsn& ti = t_.insns[i];
  const isa::Insn& in = decoded_[i];
  const TraceInsn& d = t_.insns[i + 1];
  const bool d_nullifies = isa::operands(decoded_[i + 1]).may_nullify_next;
  const bool n = in.flags & isa::kFlagN;
  const uint32_t pc = ti.pc.addr();
  const uint32_t taken_target = pc + 8 + static_cast<uint32_t>(in.im), fall = pc + 8;
  if (taken_target == fall) {
    // Both sides meet right after the delay slot (the skip-one idiom `bb,<,n r,.+8`):
    // the branch only decides whether its delay slot runs, and copied verbatim with its
    // delay slot it decides the same, at any address.
    if (next != fall) return false;
    PushUnit(i, d_nullifies);
    Emit(ti.word);
    known_.Apply(in, true);
    RunDelay(i + 1, false);
    return true;
  }
  if (next != taken_target && next != fall) return false;
  const bool taken = next == taken_target;
  if (taken && o_.close_loops && CloseLoop(i)) return true;
  const bool runs_taken = !isa::cond_branch_nullifies(n, true, in.im);
  const bool runs_fall = !isa::cond_branch_nullifies(n, false, in.im);
  const bool on_runs = taken ? runs_taken : runs_fall, off_runs = taken ? runs_fall : runs_taken;
  if (d.nullified == on_runs) return false;  // the recording disagrees: leave it alone
  isa::Insn b = in;
  if (taken && !NegatedCond(in, &b.cond)) return false;
  // A delay slot that runs on both sides stays in place, under a branch without ,n (so in
  // either direction), and the exit block is the bare stub; otherwise ,n and a forward
  // exit block keep the delay slot to the side that runs it. A delay slot that may nullify
  // the next instruction never stays in place (it would nullify the exit stub): the exit
  // block runs its own copy and then guards against it (Pending::kCondExit).
  const bool both_run = on_runs && off_runs && !d_nullifies;
  if (!both_run) b.flags |= isa::kFlagN;
  b.im = 0;
  if (!Encodable(b)) return false;
  PushUnit(i, on_runs && d_nullifies);
  AddPending(Pending::kCondExit, ExitKind::kBranch, b, off_runs && !both_run ? static_cast<int32_t>(i + 1) : -1,
             taken ? fall : taken_target, i);
  Emit(0);  // the branch, once its exit block's place is known
  known_.Apply(in, true);
  if (both_run) delay_off_trace_ = taken ? fall : taken_target;
  if (on_runs) RunDelay(i + 1, true);
  delay_off_trace_ = 0;
  return true;
}

// A conditional branch with a branch (or a stop) in its delay slot. Only a forward `,n`
// branch is laid out: its delay slot runs only on the fall-through side, where the queue is
// plain at the delay slot (PA-RISC 2.0 manual, "Conditional branches"), so that side is
// either the trace's next unit or an exit to the delay slot's pc, exact either way. The
// taken side (the delay slot nullified) is the trace's next or a bare exit.
bool Builder::LayOutCondBeforeBranch(uint32_t i, uint32_t* next_i) {
  const TraceInsn& ti = t_.insns[i];
  const isa::Insn& in = decoded_[i];
  const uint32_t pc = ti.pc.addr();
  const uint32_t taken_target = pc + 8 + static_cast<uint32_t>(in.im);
  if (!(in.flags & isa::kFlagN) || in.im < 0 || i + 1 >= limit_) return false;
  const TraceInsn& d = t_.insns[i + 1];
  isa::Insn b = in;
  b.im = 0;
  uint32_t off_target;
  if (d.nullified) {  // taken on the trace
    if (i + 2 >= t_.length || t_.insns[i + 2].pc.addr() != taken_target || !NegatedCond(in, &b.cond)) return false;
    off_target = pc + 4;
    *next_i = i + 2;
  } else {  // fell through: the delay slot's branch is the next unit
    off_target = taken_target;
    *next_i = i + 1;
  }
  if (!Encodable(b)) return false;
  PushUnit(i, false);
  AddPending(Pending::kCondExit, ExitKind::kBranch, b, -1, off_target, i);
  Emit(0);  // the branch, once its exit block's place is known
  known_.Apply(in, true);
  return true;
}

// An unconditional direct branch: dropped, its link written.
bool Builder::LayOutDirect(uint32_t i, uint32_t next) {
  const TraceInsn& ti = t_.insns[i];
  const isa::Insn& in = decoded_[i];
  const uint32_t pc = ti.pc.addr();
  if (next != pc + 8 + static_cast<uint32_t>(in.im)) return false;
  const unsigned link = in.op == isa::Op::B_L22 ? 2 : in.t;
  const bool runs = !(in.flags & isa::kFlagN);
  if (t_.insns[i + 1].nullified == runs) return false;
  PushUnit(i, runs && isa::operands(decoded_[i + 1]).may_nullify_next);
  WriteLink(link, pc);
  if (runs) RunDelay(i + 1, true);
  return true;
}

// The register an indirect branch jumps through when its target is that register alone
// (bv %r0(rX), bve (rX), bve,l (rX)), or 0.
unsigned PlainTargetRegister(const isa::Insn& in) {
  if (in.op == isa::Op::BV) return in.r1 == 0 ? in.r2 : 0;
  if (in.op == isa::Op::BVE || in.op == isa::Op::BVE_L) return in.r2;
  return 0;
}

// The optimizer knows the branch's target register to hold the recorded target: only the
// link and the delay slot remain (paper section 4.2: a return whose call is on the trace).
bool Builder::FoldIndirect(uint32_t i, uint32_t next, unsigned link) {
  const unsigned reg = PlainTargetRegister(decoded_[i]);
  uint32_t value;
  if (!o_.propagate_constants || !reg || !known_.Known(reg, &value) || (value & ~3u) != next) return false;
  const bool runs = !(decoded_[i].flags & isa::kFlagN);
  PushUnit(i, runs && isa::operands(decoded_[i + 1]).may_nullify_next);
  WriteLink(link, t_.insns[i].pc.addr());
  if (runs) RunDelay(i + 1, true);
  ++out_->folded;
  return true;
}

// The inline compare of an indirect branch's target in `base` (the app's r1 spilled) with
// the recorded `next`: r1 = base - next (`addil`, `ldo`), then the compare to the `miss`
// block, placed after the body (its word written there), and r1 restored on the trace.
// `arg`: the block's delay-slot index or target register (Pending::delay).
void Builder::InlineCompare(unsigned base, Pending::Kind miss, int32_t arg, uint32_t next, uint32_t i) {
  const uint32_t minus_target = 0u - next;
  Emit(emit::Addil(minus_target, base));
  Emit(emit::Ldo(emit::RightPart(minus_target), 1, 1));
  AddPending(miss, ExitKind::kLookup, isa::Insn{}, arg, next, i);
  Emit(0);  // the compare, once the block's place is known
  Emit(emit::Ldw(App(1), 0, 1));
}

// bv %r0(rX) or bve (rX) without a link, X not r1, whose delay slot leaves rX alone: the
// delay slot can run first, and the compare and the probe use rX itself.
bool Builder::ProbeIndirect(uint32_t i, uint32_t next, bool* ended) {
  const isa::Insn& in = decoded_[i];
  const unsigned reg = PlainTargetRegister(in);
  if (!o_.lookup_table || in.op == isa::Op::BVE_L || reg <= 1) return false;
  if (out_->exit_count == BuiltFragment::kMaxExits) return false;  // the probe's exit
  const bool runs = !(in.flags & isa::kFlagN);
  if (runs && (Written(decoded_[i + 1]) & (1u << reg))) return false;
  PushUnit(i, false);
  delay_register_ = static_cast<int32_t>(reg);
  if (runs) RunDelay(i + 1, true);
  delay_register_ = -1;
  Emit(emit::Stw(1, App(1), 0));
  ++out_->inline_lookups;
  if (!o_.inline_indirect) {
    if (!InlineProbe(reg)) return false;
    out_->insns = i + 2;
    *ended = true;
    return true;
  }
  // rX - target is 0 to 3 exactly when rX is the target with some privilege bits (a
  // user-mode link has 3, PA-RISC 2.0 manual, "B,L"; a computed address 0): cmpib,<<,n 3.
  InlineCompare(reg, Pending::kInlineProbe, static_cast<int32_t>(reg), next, i);
  return true;
}

// A switch, `ldw,s rI(rB),rX` then `bv r0(rX)` with rB known (fragment_builder.h): the
// fragment ends in a translated jump table, whose address PlaceJumpTables writes into the
// addil/ldo pair once the table has its place after the off-trace blocks. rI must survive
// the sequence (not r1, not rX) and the delay slot, which runs first, must leave rI and rX.
bool Builder::JumpTable(uint32_t i, bool* ended) {
  const isa::Insn& in = decoded_[i];
  if (!o_.jump_table_entries || !o_.lookup_table || !o_.propagate_constants) return false;
  if (in.op != isa::Op::BV || in.r1 != 0 || indexed_load_.index + 1 != i || !indexed_load_.base_known) return false;
  if (o_.switch_varies && !o_.switch_varies(t_.insns[i].pc.addr())) return false;
  const isa::Insn& load = decoded_[i - 1];
  const unsigned reg = in.r2, index = load.r1;
  if (load.t != reg || reg <= 1 || index == 1 || index == reg) return false;
  if (out_->exit_count == BuiltFragment::kMaxExits || out_->jump_table_count == BuiltFragment::kMaxJumpTables)
    return false;
  const bool runs = !(in.flags & isa::kFlagN);
  if (runs && (Written(decoded_[i + 1]) & ((1u << reg) | (1u << index)))) return false;
  uint32_t entries = o_.jump_table_entries(indexed_load_.base, t_.insns[i].pc.addr());
  if (entries > kMaxJumpTableEntries) entries = kMaxJumpTableEntries;
  if (entries < 2) return false;
  // An index that cannot pass the table's end (an unsigned extract's all-ones, the words
  // past `entries` the probe) needs no bounds check.
  const uint32_t max = indexed_load_.index_max;
  const bool bounded = max < kMaxJumpTableEntries;
  const uint32_t words = bounded && max >= entries ? max + 1 : entries;
  PushUnit(i, false);
  delay_register_ = static_cast<int32_t>(reg);
  if (runs) RunDelay(i + 1, true);
  delay_register_ = -1;
  Emit(emit::Stw(1, App(1), 0));
  if (!bounded) Emit(emit::CmpiclrGreaterUnsigned(static_cast<int32_t>(entries), index));
  AddPending(Pending::kJumpTableProbe, ExitKind::kLookup, isa::Insn{}, static_cast<int32_t>(reg),
             out_->jump_table_count, i);
  if (bounded) pending_[pending_n_ - 1].pos = kNoBranch;
  else Emit(0);  // b,n to the probe: rI is past the table's end
  out_->jump_tables[out_->jump_table_count++] = BuiltJumpTable{pos_, entries, AppPc(indexed_load_.base), 0, words};
  Emit(0);  // addil L'table
  Emit(0);  // ldo R'table(r1),r1
  Emit(emit::LdwIndexScaled(index, 1, 1));
  Emit(emit::Bv(1));
  Emit(emit::Ldw(App(1), 0, 1));
  ++out_->inline_lookups;
  out_->insns = i + 2;
  *ended = true;
  return true;
}

// The jump tables after everything else: every word the probe's address until the fragment
// cache fills it; each table's address into its addil/ldo (BuiltJumpTable::word held their
// position until now).
void Builder::PlaceJumpTables() {
  for (uint32_t k = 0; k < out_->jump_table_count; ++k) {
    BuiltJumpTable& jt = out_->jump_tables[k];
    const uint32_t table = s_.addr + pos_ * 4;
    if (jt.word + 1 < s_.capacity) {
      s_.code[jt.word] = emit::Addil(table, 0);
      s_.code[jt.word + 1] = emit::Ldo(emit::RightPart(table), 1, 1);
    }
    jt.word = pos_;
    for (uint32_t e = 0; e < jt.words; ++e) Emit(s_.addr + jt.probe * 4);
  }
}

// An indirect branch: folded, probed inline, or computed into r1 for the lookup routine.
bool Builder::LayOutIndirect(uint32_t i, uint32_t next, bool* ended) {
  const TraceInsn& ti = t_.insns[i];
  const isa::Insn& in = decoded_[i];
  const uint32_t pc = ti.pc.addr();
  const bool runs = !(in.flags & isa::kFlagN);
  const bool d_nullifies = isa::operands(decoded_[i + 1]).may_nullify_next;
  if (t_.insns[i + 1].nullified == runs) return false;
  const unsigned link = in.op == isa::Op::BVE_L ? 2 : in.op == isa::Op::BLR ? in.t : 0;
  if (FoldIndirect(i, next, link)) return true;
  if (runs && d_nullifies) return false;  // the miss block puts the lookup call after it
  if (JumpTable(i, ended)) return true;
  if (ProbeIndirect(i, next, ended)) return true;
  if (link == 1) return false;  // r1 holds the target
  if (BlrCompare(i, next)) return true;
  PushUnit(i, false);
  Emit(emit::Stw(1, App(1), 0));
  switch (in.op) {
    case isa::Op::BV:
      Emit(in.r1 == 0 ? emit::Ldo(0, in.r2, 1) : emit::ShladdL(in.r1, 3, in.r2, 1));
      break;
    case isa::Op::BLR:
      BlrTargetToR1(in.r1, pc);
      break;
    default:  // BVE, BVE,L
      Emit(emit::Ldo(0, in.r2, 1));
      break;
  }
  Emit(emit::ClearLow2(1));
  WriteLink(link, pc);
  const int32_t delay = runs ? static_cast<int32_t>(i + 1) : -1;
  if (!o_.inline_indirect) {
    LookupCall(delay);
    out_->insns = i + 2;
    *ended = true;
    return true;
  }
  InlineCompare(1, Pending::kInlineMiss, delay, next, i);  // cmpib,<>,n 0,%r1,miss
  if (runs) RunDelay(i + 1, true);
  return true;
}

// The index of `blr x,%r0` that reaches `next` (PA-RISC 2.0 manual, "BLR": the target is
// the branch's address + 8 + 8x), when it fits cmpib's 5-bit immediate.
bool BlrIndexTo(uint32_t pc, uint32_t next, int32_t* index) {
  const int32_t offset = static_cast<int32_t>(next - pc - 8);
  if (offset % 8 != 0 || offset / 8 < -16 || offset / 8 > 15) return false;
  *index = offset / 8;
  return true;
}

// r1 = the target of `blr x` at `pc`, privilege bits still set: x*8 + (pc | 3) + 8.
void Builder::BlrTargetToR1(unsigned x, uint32_t pc) {
  Emit(emit::ShladdL(x, 3, 0, 1));
  Emit(emit::Addil(LinkOf(pc), 1));
  Emit(emit::Ldo(emit::RightPart(LinkOf(pc)), 1, 1));
}

// `blr x,%r0` (libgcc's $$divI dispatching on a small divisor): the target is the recorded
// one exactly when x is its index, so the compare is one `cmpib,<>,n` of x, with nothing
// spilled; the miss block computes the target for the lookup (Pending::kBlrMiss).
bool Builder::BlrCompare(uint32_t i, uint32_t next) {
  const isa::Insn& in = decoded_[i];
  isa::Insn compare = in;  // im: the recorded index, for the miss block's cmpib
  if (in.op != isa::Op::BLR || in.t != 0 || !o_.inline_indirect) return false;
  if (!BlrIndexTo(t_.insns[i].pc.addr(), next, &compare.im)) return false;
  const bool runs = !(in.flags & isa::kFlagN);
  PushUnit(i, false);
  AddPending(Pending::kBlrMiss, ExitKind::kLookup, compare, runs ? static_cast<int32_t>(i + 1) : -1, next, i);
  Emit(0);  // cmpib,<>,n index,x, once the block's place is known
  if (runs) RunDelay(i + 1, true);
  return true;
}

// Lays out the unit at trace index i. Returns false to cut the fragment before it.
// *next_i: the next unit's index; *ended: the unit ends the fragment (a lookup).
bool Builder::LayOut(uint32_t i, uint32_t* next_i, bool* ended) {
  const TraceInsn& ti = t_.insns[i];
  const isa::Insn& in = decoded_[i];
  const Form form = FormOf(in);
  if (form == Form::kVerbatim) return LayOutVerbatim(i, next_i);
  if (form == Form::kStop) return false;
  if (PrevNullifies()) {
    // The instruction before may nullify this branch. Guard it: `b,n` runs exactly when it
    // is not nullified. If the trace saw it nullified, the trace goes on after it and the
    // `b,n` leads to an exit to it; otherwise the `b,n` jumps over an exit to the
    // instruction after it (where a nullified branch leads) to the branch's own code.
    if (ti.nullified) {
      PushUnit(i, false);
      AddPending(Pending::kSplitExit, ExitKind::kBranch, isa::Insn{}, -1, ti.pc.addr(), i);
      Emit(0);
      *next_i = i + 1;
      return true;
    }
    PushUnit(i, false);
    if (!GuardAgainstNullification(ti.pc.addr())) return false;
  }
  if (i + 2 > limit_) return false;  // the delay slot is not on the trace
  const isa::Insn& din = decoded_[i + 1];
  // A branch (or a stop) in a delay slot that may run: left to the interpreter. An
  // unconditional branch with ,n never runs its delay slot, whatever it holds.
  if (FormOf(din) != Form::kVerbatim) {
    if (form == Form::kCond) return LayOutCondBeforeBranch(i, next_i);
    if (!(in.flags & isa::kFlagN)) return false;
  }
  uint32_t next;
  if (i + 2 < t_.length) {
    next = t_.insns[i + 2].pc.addr();
  } else {
    if (!t_.next_plain) return false;
    next = t_.next_pc.addr();
  }
  *next_i = i + 2;
  switch (form) {
    case Form::kCond: return LayOutCond(i, next);
    case Form::kDirect: return LayOutDirect(i, next);
    case Form::kIndirect: return LayOutIndirect(i, next, ended);
    default: return false;
  }
}

BuildStatus Builder::Run() {
  out_->exit_count = 0;
  out_->insns = 0;
  out_->folded = 0;
  out_->inline_lookups = 0;
  out_->loops = 0;
  out_->loop_branch = 0;
  out_->jump_table_count = 0;
  out_->chain_site_count = 0;
  out_->app_word_count = 0;
  known_.Clear();
  known_.FollowStackSlots(o_.stack_slots, o_.private_stack_slots);
  if (t_.length == 0 || t_.insns[0].nullified) return BuildStatus::kEmpty;
  uint32_t i = 0;
  bool ended = false, cut = false;
  while (i < limit_) {
    uint32_t next_i = i;
    if (!LayOut(i, &next_i, &ended)) {
      cut = true;
      break;
    }
    if (ended) break;
    i = next_i;
  }
  if (!ended) {
    if (cut || i < t_.length) {
      if (!CutAt(i)) return BuildStatus::kEmpty;
    } else if (!t_.next_plain) {
      // The trace stopped between a branch and its delay slot: end before that branch.
      const Unit u = units_[--units_n_];
      pos_ = u.pos;
      while (out_->app_word_count && out_->app_words[out_->app_word_count - 1].word >= pos_) --out_->app_word_count;
      pending_n_ = u.pending;
      out_->exit_count = u.exits;
      if (!CutAt(u.index)) return BuildStatus::kEmpty;
    } else {
      out_->insns = t_.length;
      if (!ExitTo(loop_exit_ ? loop_exit_ : t_.next_pc.addr(), ExitKind::kBranch)) return BuildStatus::kEmpty;
    }
  }
  // The off-trace blocks, after the body.
  for (uint32_t k = 0; k < pending_n_; ++k) {
    const Pending& p = pending_[k];
    const int32_t disp = p.pos == kNoBranch ? 0 : DispTo(p.pos, s_.addr + pos_ * 4);
    const bool cond = p.kind != Pending::kSplitExit && p.kind != Pending::kJumpTableProbe;
    if (cond ? !emit::FitsCondBranch(disp) : !emit::FitsBranch17(disp)) {
      retry_ = true;
      retry_limit_ = p.unit_index;
      return BuildStatus::kEmpty;
    }
    uint32_t word = 0;
    switch (p.kind) {
      case Pending::kCondExit:
        word = emit::WithDisplacement(p.branch, disp);
        if (p.delay >= 0) {
          NoteApp(static_cast<uint32_t>(p.delay), AppNext::kFixed, p.target);
          Emit(t_.insns[p.delay].word);
          // It may nullify the target: then the application goes on after it.
          if (isa::operands(decoded_[p.delay]).may_nullify_next && !GuardAgainstNullification(p.target))
            return BuildStatus::kEmpty;
        }
        if (!Stub(p.exit_kind, p.target)) return BuildStatus::kEmpty;
        if (p.delay < 0) MarkStubBranch(StubBranch::kCond, p.pos);
        break;
      case Pending::kSplitExit:
        word = emit::BranchN(disp);
        if (!Stub(p.exit_kind, p.target)) return BuildStatus::kEmpty;
        MarkStubBranch(StubBranch::kUncond, p.pos);
        break;
      case Pending::kInlineProbe: {
        const uint32_t block = pos_;
        uint32_t probe = block;
        if (!ChainedProbe(static_cast<unsigned>(p.delay), p.pos, &probe)) return BuildStatus::kEmpty;
        word = emit::CmpibLessUnsignedN(3, 1, disp + static_cast<int32_t>((probe - block) * 4));
        break;
      }
      case Pending::kInlineMiss:
        word = emit::CmpibNotEqualN(0, 1, disp);
        Emit(emit::Addil(p.target, 1));
        Emit(emit::Ldo(emit::RightPart(p.target), 1, 1));
        LookupCall(p.delay);
        break;
      case Pending::kBlrMiss: {
        word = emit::CmpibNotEqualN(p.branch.im, p.branch.r1, disp);  // im: the index
        Emit(emit::Stw(1, App(1), 0));
        BlrTargetToR1(p.branch.r1, t_.insns[p.unit_index].pc.addr());
        Emit(emit::ClearLow2(1));
        LookupCall(p.delay);
        break;
      }
      case Pending::kJumpTableProbe:
        word = emit::BranchN(disp);
        out_->jump_tables[p.target].probe = pos_;
        if (!InlineProbe(static_cast<unsigned>(p.delay))) return BuildStatus::kEmpty;
        break;
    }
    if (p.pos < s_.capacity) s_.code[p.pos] = word;
  }
  PlaceJumpTables();
  out_->words = pos_;
  return pos_ <= s_.capacity ? BuildStatus::kOk : BuildStatus::kNoSpace;
}

}  // namespace

BuildStatus BuildFragment(const Trace& trace, const BuildOptions& options, const CodeSpace& space,
                          BuiltFragment* out) {
  for (uint32_t i = 0; i < trace.length; ++i) decoded_storage[i] = isa::decode(trace.insns[i].word);
  uint32_t limit = trace.length;
  for (;;) {
    Builder b(trace, options, space, out, limit);
    const BuildStatus status = b.Run();
    if (!b.retry()) return status;
    // An exit block is out of its branch's reach: build a shorter fragment.
    if (b.retry_limit() == 0) return BuildStatus::kEmpty;
    limit = b.retry_limit();
  }
}

}  // namespace dynamo
