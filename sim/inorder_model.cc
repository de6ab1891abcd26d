#include "sim/inorder_model.h"

namespace dynsim {
namespace {

CacheParams CacheParamsOf(const CacheConfig& c, uint64_t seed) {
  CacheParams p;
  p.size_bytes = c.size_kb * 1024;
  p.assoc = c.assoc;
  p.line_bytes = c.line_bytes;
  // The two enums list the same policies in the same order (sim/cache.h).
  p.replacement = static_cast<ReplacementPolicy>(static_cast<int>(c.replacement));
  p.seed = seed;
  p.hit_latency = c.hit_latency;
  p.miss_penalty = c.miss_penalty;
  return p;
}

TlbParams TlbParamsOf(const TlbConfig& c, uint64_t seed) {
  TlbParams p;
  p.entries = c.entries;
  p.page_bytes = c.page_bytes;
  p.seed = seed;
  p.miss_penalty = c.miss_penalty;
  return p;
}

uint32_t Log2(uint32_t v) {
  uint32_t n = 0;
  while ((1u << n) < v) ++n;
  return n;
}

}  // namespace

InOrderModel::InOrderModel(const MachineConfig& config)
    : l2_(config.l2.enabled ? std::make_unique<Cache>(CacheParamsOf(config.l2.cache, config.seed)) : nullptr),
      icache_(CacheParamsOf(config.icache, config.seed), l2_.get()),
      dcache_(CacheParamsOf(config.dcache, config.seed), l2_.get()),
      tlb_(TlbParamsOf(config.tlb, config.seed)),
      predictor_(bpred::ParamsFromConfig(config.branch)),
      load_use_stall_(config.dcache.hit_latency > 0 ? config.dcache.hit_latency - 1 : 0),
      line_shift_(Log2(config.icache.line_bytes)) {}

void InOrderModel::Fetch(uint32_t pc) {
  const uint32_t line = pc >> line_shift_;
  if (line == last_fetch_line_) return;
  last_fetch_line_ = line;
  const TlbAccess t = tlb_.AccessInstruction(pc);
  const uint32_t tlb_stall = t.cycles - tlb_.params().hit_latency;
  const CacheAccess c = icache_.Access(pc, false);
  const uint32_t cache_stall = c.cycles - icache_.params().hit_latency;
  stalls_.itlb += tlb_stall;
  stalls_.icache += cache_stall;
  cycles_ += tlb_stall + cache_stall;
}

void InOrderModel::Data(const RetireRecord& r) {
  const TlbAccess t = tlb_.Access(r.mem_addr);
  const uint32_t tlb_stall = t.cycles - tlb_.params().hit_latency;
  const CacheAccess c = dcache_.Access(r.mem_addr, r.is_store);
  const uint32_t cache_stall = c.cycles - dcache_.params().hit_latency;
  stalls_.dtlb += tlb_stall;
  stalls_.dcache += cache_stall;
  cycles_ += tlb_stall + cache_stall;
}

void InOrderModel::Branch(const RetireRecord& r) {
  const bpred::BranchResult b = predictor_.Resolve(r);
  switch (b.cause) {
    case bpred::PenaltyCause::kNone: break;
    case bpred::PenaltyCause::kDirection: stalls_.branch_direction += b.cycles; break;
    case bpred::PenaltyCause::kTarget: stalls_.branch_target += b.cycles; break;
    case bpred::PenaltyCause::kTakenBubble: stalls_.taken_bubble += b.cycles; break;
  }
  cycles_ += b.cycles;
}

void InOrderModel::Retire(const RetireRecord& r) {
  ++slots_;
  ++cycles_;
  Fetch(r.pc);
  if (r.nullified) {
    loaded_regs_ = 0;
    return;
  }
  if (r.gr_read & loaded_regs_) {
    stalls_.load_use += load_use_stall_;
    cycles_ += load_use_stall_;
  }
  if (r.mem_size) Data(r);
  Branch(r);
  loaded_regs_ = (r.mem_size && !r.is_store) ? r.gr_written : 0;
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
  icache_.RegisterStats(group.Group("icache"));
  dcache_.RegisterStats(group.Group("dcache"));
  if (l2_) l2_->RegisterStats(group.Group("l2"));
  tlb_.RegisterStats(group.Group("tlb"));
  predictor_.RegisterStats(group.Group("branch"));
}

}  // namespace dynsim
