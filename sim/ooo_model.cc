#include "sim/ooo_model.h"

#include <algorithm>

namespace dynsim {

OooModel::OooModel(const MachineConfig& config)
    : l2_(config.l2.enabled ? std::make_unique<Cache>(CacheParamsFromConfig(config.l2.cache, config.seed)) : nullptr),
      icache_(CacheParamsFromConfig(config.icache, config.seed), l2_.get()),
      dcache_(CacheParamsFromConfig(config.dcache, config.seed), l2_.get()),
      tlb_(TlbParamsFromConfig(config.tlb, config.seed)),
      predictor_(bpred::ParamsFromConfig(config.branch)),
      width_(std::max(config.core.dispatch_width, 1u)),
      rob_entries_(std::clamp(config.core.rob_entries, 1u, kMaxRobEntries)),
      rob_mask_((1u << CeilLog2(rob_entries_)) - 1),
      iline_shift_(CeilLog2(config.icache.line_bytes)),
      dline_shift_(CeilLog2(config.dcache.line_bytes)),
      tlb_hit_(tlb_.params().hit_latency),
      icache_hit_(icache_.params().hit_latency),
      dcache_hit_(dcache_.params().hit_latency) {}

OooModel::Stalls OooModel::stalls() const {
  Stalls s;
  s.icache = stall_[kIcache];
  s.itlb = stall_[kItlb];
  s.branch_direction = stall_[kBranchDirection];
  s.branch_target = stall_[kBranchTarget];
  s.taken_bubble = stall_[kTakenBubble];
  s.dcache = stall_[kDcache];
  s.dtlb = stall_[kDtlb];
  s.rob_full = stall_[kRobFull];
  s.dependencies = stall_[kDependencies];
  return s;
}

// One line through the I-TLB and the I-cache; the hit latency is pipelined away.
inline __attribute__((always_inline)) void OooModel::FetchLine(uint32_t pc) {
  fetched_line_ = pc >> iline_shift_;
  const TlbAccess t = tlb_.AccessInstruction(pc);
  const CacheAccess a = icache_.Access(pc, false);
  const uint32_t tlb_stall = t.cycles - tlb_hit_;
  const uint32_t cache_stall = a.cycles - icache_hit_;
  if (tlb_stall + cache_stall == 0) return;
  const uint64_t slot = NextDispatchSlot();
  // Only a redirect applied to this very slot leaves fetch_ready_ ahead of the dispatch
  // frontier: then the line's stall adds to the redirect and the redirect keeps its cause.
  if (fetch_ready_ <= slot) {
    fetch_ready_ = slot;
    fetch_cause_ = kIcache;
  }
  fetch_ready_ += tlb_stall + cache_stall;
  itlb_part_ = tlb_stall;
  icache_part_ = cache_stall;
}

// The front end's work for a slot whose line is not fetch_key_: a waiting redirect, and
// the fetch of a new line.
void OooModel::FrontEnd(uint32_t pc) {
  if (redirect_countdown_ != 0 && --redirect_countdown_ == 0) ApplyRedirect();
  if ((pc >> iline_shift_) != fetched_line_) FetchLine(pc);
  fetch_key_ = redirect_countdown_ != 0 ? kNoLine : fetched_line_;
}

inline __attribute__((always_inline)) OooModel::MemResult OooModel::Memory(const RetireRecord& r, uint64_t start,
                                                                           bool forwarded) {
  const TlbAccess t = tlb_.Access(r.mem_addr);
  const CacheAccess a = dcache_.Access(r.mem_addr, r.is_store);
  const uint32_t tlb_stall = t.cycles - tlb_hit_;
  const uint64_t ready = start + dcache_hit_;
  uint64_t done = ready + tlb_stall;
  const uint32_t line = r.mem_addr >> dline_shift_;
  const uint32_t fi = line & kTableMask;
  if (!a.hit) {
    done += a.cycles - dcache_hit_;
    fill_line_[fi] = line;
    fill_done_[fi] = done;
  } else if (fill_line_[fi] == line && fill_done_[fi] > done) {
    done = fill_done_[fi];  // the line is still on its way
  }
  // A forwarded load takes its data from the store, whatever the line does.
  if (forwarded) done = ready + tlb_stall;
  if (r.is_store) {
    // A write buffer takes the store: it completes in a cycle, and its data can be
    // forwarded to a later load of the same word from then on.
    const uint32_t word = r.mem_addr >> 2;
    store_word_[word & kTableMask] = word;
    store_done_[word & kTableMask] = start + 1;
    return {start + 1, 0, 0};
  }
  if (r.cls == isa::Cls::kFpMem) reg_ready_[kFpReg] = done;
  return {done, tlb_stall, uint32_t(done - ready - tlb_stall)};
}

// An FP operation: it waits for its operands (the FP pseudo register) and, for a divide
// or square root, for the divide unit that frees first; FTEST (class kAlu) is not here.
uint64_t OooModel::FpExecute(const RetireRecord& r, uint64_t dispatch, uint64_t ready, uint32_t* cause) {
  ready = std::max(ready, reg_ready_[kFpReg]);
  uint64_t start = std::max(dispatch, ready);
  uint32_t latency = kFpLatency;
  if (r.cls != isa::Cls::kFpOp) {
    latency = r.cls == isa::Cls::kFpDivSgl ? kFpDivSglLatency : kFpDivDblLatency;
    uint64_t* unit = &fp_div_free_[0];
    for (uint64_t& u : fp_div_free_) unit = u < *unit ? &u : unit;
    start = std::max(start, *unit);
    *unit = start + latency;
  }
  if (start > dispatch) *cause = kDependencies;
  reg_ready_[kFpReg] = start + latency;
  return start + latency;
}

void OooModel::ApplyRedirect() {
  if (redirect_ready_ > fetch_ready_) {
    fetch_ready_ = redirect_ready_;
    fetch_cause_ = redirect_cause_;
    itlb_part_ = icache_part_ = 0;
  }
}

void OooModel::Redirect(const bpred::BranchResult& b, uint64_t dispatch, uint64_t complete) {
  // A branch in the delay slot of another (rare): the older redirect applies at once.
  if (redirect_countdown_ != 0) ApplyRedirect();
  redirect_countdown_ = 2;
  fetch_key_ = kNoLine;  // the next slots go through FrontEnd
  switch (b.cause) {
    case bpred::PenaltyCause::kNone: redirect_countdown_ = 0; break;
    case bpred::PenaltyCause::kDirection:
      redirect_ready_ = complete + b.cycles;
      redirect_cause_ = kBranchDirection;
      break;
    case bpred::PenaltyCause::kTarget:
      redirect_ready_ = complete + b.cycles;
      redirect_cause_ = kBranchTarget;
      break;
    case bpred::PenaltyCause::kTakenBubble:
      redirect_ready_ = dispatch + 1 + b.cycles;
      redirect_cause_ = kTakenBubble;
      break;
  }
}

// fdc writes the line back if dirty and drops it; fic drops the I-cache line (PA-RISC 2.0
// manual, "Flush Data Cache" / "Flush Instruction Cache"), as in the inorder model.
void OooModel::Flush(const RetireRecord& r) {
  if (r.cache_flush == RetireRecord::CacheFlush::kData) {
    dcache_.Flush(r.mem_addr);
  } else {
    icache_.Invalidate(r.mem_addr);
    // The next fetch of that line must look it up again.
    if ((r.mem_addr >> iline_shift_) == fetched_line_) fetched_line_ = fetch_key_ = kNoLine;
  }
}

// Charges the delta - 1 stall cycles of a late retirement (see the header's CPI stack)
// and returns delta. The stall goes first to the slot's own D-TLB and D-cache stall, then
// to `cause`; a front-end cause goes to the I-TLB and I-cache stall of the slot's line
// first, then to what set fetch_ready_.
uint32_t OooModel::Charge(uint64_t delta, uint32_t cause, uint32_t dtlb, uint32_t dcache) {
  uint64_t stall = delta - 1;
  auto take = [&stall, this](Stall to, uint64_t most) {
    const uint64_t x = std::min(stall, most);
    stall_[to] += x;
    stall -= x;
  };
  take(kDtlb, dtlb);
  take(kDcache, dcache);
  if (cause == kFrontEnd) {
    take(kItlb, itlb_part_);
    take(kIcache, icache_part_);
    cause = fetch_cause_;
  }
  stall_[cause] += stall;
  return uint32_t(delta);
}

// Dispatch: in order, width_ a cycle, after the front end, into a free ROB entry. Sets
// *cause when the front end or the window bound it.
inline __attribute__((always_inline)) uint64_t OooModel::Dispatch(uint32_t* cause) {
  uint64_t dispatch = NextDispatchSlot();
  if (__builtin_expect(fetch_ready_ > dispatch, 0)) {
    dispatch = fetch_ready_;
    *cause = kFrontEnd;
  }
  const uint64_t rob_free = rob_[(slots_ - rob_entries_) & rob_mask_];
  if (__builtin_expect(rob_free > dispatch, 0)) {
    dispatch = rob_free;
    *cause = kRobFull;
  }
  dispatch_count_ = dispatch == dispatch_cycle_ ? dispatch_count_ + 1 : 1;
  dispatch_cycle_ = dispatch;
  return dispatch;
}

// The cycle the registers in `mask` are all ready: the first two without a branch (an
// absent one reads the always-0 entry), any further ones in a loop (rare).
inline __attribute__((always_inline)) uint64_t OooModel::Ready(uint64_t mask) const {
  uint64_t ready = reg_ready_[__builtin_ctzll(mask | (1ull << kZeroReg))];
  mask &= mask - 1;
  ready = std::max(ready, reg_ready_[__builtin_ctzll(mask | (1ull << kZeroReg))]);
  for (mask &= mask - 1; __builtin_expect(mask != 0, 0); mask &= mask - 1)
    ready = std::max(ready, reg_ready_[__builtin_ctzll(mask)]);
  return ready;
}

// The registers in `mask` become ready at `cycle`: the first without a branch (none
// writes the sink entry).
inline __attribute__((always_inline)) void OooModel::Write(uint64_t mask, uint64_t cycle) {
  reg_ready_[__builtin_ctzll(mask | (1ull << kSinkReg))] = cycle;
  for (mask &= mask - 1; __builtin_expect(mask != 0, 0); mask &= mask - 1) reg_ready_[__builtin_ctzll(mask)] = cycle;
}

// Retire: in order, width_ a cycle, not before completion. Returns the frontier's advance.
inline __attribute__((always_inline)) uint32_t OooModel::Commit(uint64_t complete, uint32_t cause, uint32_t dtlb,
                                                                uint32_t dcache) {
  const uint64_t frontier = retire_count_ < width_ ? cycles_ : cycles_ + 1;
  const uint64_t retire = std::max(frontier, complete);
  const uint64_t delta = retire - cycles_;
  rob_[slots_ & rob_mask_] = retire;
  ++slots_;
  if (delta == 0) {
    ++retire_count_;
    return 0;
  }
  cycles_ = retire;
  retire_count_ = 1;
  // CPI stack: the slot opens a retire cycle: a base cycle, and the cycles before it go to
  // this slot's own data access, then to why it started late.
  ++base_;
  if (__builtin_expect(delta > 1, 0)) return Charge(delta, cause, dtlb, dcache);
  return 1;
}

// The hot path: O(1), no allocation, no calls but to the caches, TLB and predictor when a
// slot needs them and to the cold paths.
uint32_t OooModel::Retire(const RetireRecord& r) {
  // Front end: a new line, or a branch's redirect once its delay slot has passed.
  if ((r.pc >> iline_shift_) != fetch_key_) FrontEnd(r.pc);
  uint32_t cause = kDependencies;
  const uint64_t dispatch = Dispatch(&cause);

  // Execute.
  uint64_t complete;
  uint32_t dtlb = 0, dcache = 0;
  if (__builtin_expect(r.nullified, 0)) {
    ++nullified_;
    complete = dispatch + 1;
  } else {
    uint64_t ready = Ready(r.gr_read);
    if (r.mem_size != 0) {
      bool forwarded = false;
      if (r.is_store) {
        if (r.cls == isa::Cls::kFpMem) ready = std::max(ready, reg_ready_[kFpReg]);
      } else {
        // Forwarding from a store that was still in flight when this load dispatched.
        const uint32_t word = r.mem_addr >> 2;
        const uint32_t si = word & kTableMask;
        forwarded = store_word_[si] == word && store_done_[si] >= dispatch;
        if (forwarded) ready = std::max(ready, store_done_[si]);
      }
      if (ready > dispatch) cause = kDependencies;
      const MemResult mem = Memory(r, std::max(dispatch, ready), forwarded);
      complete = mem.complete;
      dtlb = mem.tlb_stall;
      dcache = mem.cache_stall;
    } else {
      const bool multiply = r.cls == isa::Cls::kMultiply;
      if (__builtin_expect(multiply, 0)) ready = std::max(ready, reg_ready_[kFpReg]);
      if (__builtin_expect(r.cls >= isa::Cls::kFpOp, 0)) {
        complete = FpExecute(r, dispatch, ready, &cause);
      } else {
        if (ready > dispatch) cause = kDependencies;
        complete = std::max(dispatch, ready) + (multiply ? kMultiplyLatency : 1);
      }
      if (__builtin_expect(multiply, 0)) reg_ready_[kFpReg] = complete;
      if (r.branch != isa::BranchKind::kNone) {
        const bpred::BranchResult b = predictor_.Resolve(r);
        if (b.cycles != 0) Redirect(b, dispatch, complete);
      }
      if (__builtin_expect(r.cache_flush != RetireRecord::CacheFlush::kNone, 0)) Flush(r);
    }
    Write(r.gr_written, complete);
  }
  return Commit(complete, cause, dtlb, dcache);
}

void OooModel::RegisterStats(StatGroup& group) const {
  group.Counter("cycles", "cycles", "cycles of the out-of-order core: the cycle of the last retirement", &cycles_);
  group.Counter("slots", "count", "instruction slots retired (retired and nullified)", &slots_);
  group.Counter("nullified", "count", "nullified slots (a dispatch and a retire slot, nothing else)", &nullified_);
  group.Formula("ipc", "slots/cycle", "slots retired per cycle",
                [this] { return static_cast<double>(slots_) / static_cast<double>(cycles_); });
  group.Formula("cpi", "cycles/slot", "cycles per retired slot",
                [this] { return static_cast<double>(cycles_) / static_cast<double>(slots_); });
  group.Counter("base", "cycles", "cycles in which at least one slot retired (the CPI stack's base)", &base_);
  StatGroup& stalls = group.Group("stalls");
  stalls.Counter("icache", "cycles", "retirement waited for an instruction-cache miss", &stall_[kIcache]);
  stalls.Counter("itlb", "cycles", "retirement waited for an instruction-TLB miss", &stall_[kItlb]);
  stalls.Counter("branch_direction", "cycles", "retirement waited for a mispredicted direction's refetch",
                 &stall_[kBranchDirection]);
  stalls.Counter("branch_target", "cycles",
                 "retirement waited for a mispredicted target's refetch (indirect branches, returns, syscalls)",
                 &stall_[kBranchTarget]);
  stalls.Counter("taken_bubble", "cycles", "retirement waited for the bubble of a taken branch without a BTAC hit",
                 &stall_[kTakenBubble]);
  stalls.Counter("dcache", "cycles", "retirement waited for a load's data-cache miss or in-flight line",
                 &stall_[kDcache]);
  stalls.Counter("dtlb", "cycles", "retirement waited for a load's data-TLB miss", &stall_[kDtlb]);
  stalls.Counter("rob_full", "cycles", "retirement waited for an instruction held back by a full reorder buffer",
                 &stall_[kRobFull]);
  stalls.Counter("dependencies", "cycles",
                 "retirement waited for operands or execution latency (multiply, load hit latency)",
                 &stall_[kDependencies]);
  icache_.RegisterStats(group.Group("icache"));
  dcache_.RegisterStats(group.Group("dcache"));
  if (l2_) l2_->RegisterStats(group.Group("l2"));
  tlb_.RegisterStats(group.Group("tlb"));
  predictor_.RegisterStats(group.Group("branch"));
}

}  // namespace dynsim
