#include "sim/inorder_model.h"

namespace dynsim {

InOrderModel::InOrderModel(const MachineConfig& config)
    : l2_(config.l2.enabled ? std::make_unique<Cache>(CacheParamsFromConfig(config.l2.cache, config.seed)) : nullptr),
      icache_(CacheParamsFromConfig(config.icache, config.seed), l2_.get()),
      dcache_(CacheParamsFromConfig(config.dcache, config.seed), l2_.get()),
      tlb_(TlbParamsFromConfig(config.tlb, config.seed)),
      predictor_(bpred::ParamsFromConfig(config.branch)),
      load_use_stall_(config.dcache.hit_latency > 0 ? config.dcache.hit_latency - 1 : 0),
      line_shift_(CeilLog2(config.icache.line_bytes)) {}

uint32_t InOrderModel::Fetch(uint32_t pc) {
  const uint32_t line = pc >> line_shift_;
  if (line == last_fetch_line_) return 0;
  last_fetch_line_ = line;
  const TlbAccess t = tlb_.AccessInstruction(pc);
  const uint32_t tlb_stall = t.cycles - tlb_.params().hit_latency;
  const CacheAccess c = icache_.Access(pc, false);
  const uint32_t cache_stall = c.cycles - icache_.params().hit_latency;
  stalls_.itlb += tlb_stall;
  stalls_.icache += cache_stall;
  return tlb_stall + cache_stall;
}

uint32_t InOrderModel::Data(const RetireRecord& r) {
  const TlbAccess t = tlb_.Access(r.mem_addr);
  const uint32_t tlb_stall = t.cycles - tlb_.params().hit_latency;
  const CacheAccess c = dcache_.Access(r.mem_addr, r.is_store);
  const uint32_t cache_stall = c.cycles - dcache_.params().hit_latency;
  stalls_.dtlb += tlb_stall;
  stalls_.dcache += cache_stall;
  return tlb_stall + cache_stall;
}

uint32_t InOrderModel::Branch(const RetireRecord& r) {
  const bpred::BranchResult b = predictor_.Resolve(r);
  switch (b.cause) {
    case bpred::PenaltyCause::kNone: break;
    case bpred::PenaltyCause::kDirection: stalls_.branch_direction += b.cycles; break;
    case bpred::PenaltyCause::kTarget: stalls_.branch_target += b.cycles; break;
    case bpred::PenaltyCause::kTakenBubble: stalls_.taken_bubble += b.cycles; break;
  }
  return b.cycles;
}

// fdc writes the line back if dirty and drops it; fic drops the I-cache line (PA-RISC 2.0
// manual, "Flush Data Cache" / "Flush Instruction Cache"). Their cost is the issue cycle:
// the write-back goes to a write buffer (our assumption).
void InOrderModel::Flush(const RetireRecord& r) {
  if (r.cache_flush == RetireRecord::CacheFlush::kData) {
    dcache_.Flush(r.mem_addr);
  } else {
    icache_.Invalidate(r.mem_addr);
    // The next fetch of that line must look it up again.
    if ((r.mem_addr >> line_shift_) == last_fetch_line_) last_fetch_line_ = ~0u;
  }
}

uint32_t InOrderModel::Retire(const RetireRecord& r) {
  ++slots_;
  uint32_t cycles = 1 + Fetch(r.pc);
  if (!r.nullified) {
    if (r.gr_read & loaded_regs_) {
      stalls_.load_use += load_use_stall_;
      cycles += load_use_stall_;
    }
    if (r.mem_size) cycles += Data(r);
    if (__builtin_expect(r.cls >= isa::Cls::kFpOp, 0)) {
      const uint32_t latency = r.cls == isa::Cls::kFpOp ? kFpLatency
                               : r.cls == isa::Cls::kFpDivSgl ? kFpDivSglLatency : kFpDivDblLatency;
      stalls_.fp += latency - 1;
      cycles += latency - 1;
    }
    if (r.cache_flush != RetireRecord::CacheFlush::kNone) Flush(r);
    cycles += Branch(r);
  }
  loaded_regs_ = (r.mem_size && !r.is_store && !r.nullified) ? r.gr_written : 0;
  cycles_ += cycles;
  return cycles;
}

void InOrderModel::RegisterStats(StatGroup& group) const {
  group.Counter("cycles", "cycles", "cycles of the in-order pipeline", &cycles_);
  group.Counter("slots", "count", "instruction slots issued (retired and nullified)", &slots_);
  group.Formula("cpi", "cycles/slot", "cycles per issued slot",
                [this] { return static_cast<double>(cycles_) / static_cast<double>(slots_); });
  StatGroup& stalls = group.Group("stalls");
  stalls.Counter("icache", "cycles", "instruction-cache misses beyond the pipelined hit", &stalls_.icache);
  stalls.Counter("itlb", "cycles", "instruction-TLB misses", &stalls_.itlb);
  stalls.Counter("dcache", "cycles", "data-cache misses beyond the pipelined hit", &stalls_.dcache);
  stalls.Counter("dtlb", "cycles", "data-TLB misses", &stalls_.dtlb);
  stalls.Counter("load_use", "cycles", "interlocks of an instruction on the load just before it",
                 &stalls_.load_use);
  stalls.Counter("branch_direction", "cycles", "mispredicted branch directions", &stalls_.branch_direction);
  stalls.Counter("branch_target", "cycles", "mispredicted targets (indirect branches, returns, syscalls)",
                 &stalls_.branch_target);
  stalls.Counter("taken_bubble", "cycles", "correctly predicted taken branches without a BTAC hit",
                 &stalls_.taken_bubble);
  stalls.Counter("fp", "cycles", "FP operations beyond their issue cycle (no FP overlap)", &stalls_.fp);
  icache_.RegisterStats(group.Group("icache"));
  dcache_.RegisterStats(group.Group("dcache"));
  if (l2_) l2_->RegisterStats(group.Group("l2"));
  tlb_.RegisterStats(group.Group("tlb"));
  predictor_.RegisterStats(group.Group("branch"));
}

}  // namespace dynsim
