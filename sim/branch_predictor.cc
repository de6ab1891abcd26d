#include "sim/branch_predictor.h"

#include <string>

#include "sim/config.h"

namespace dynsim {
namespace bpred {
namespace {

bool IsPowerOfTwo(uint32_t n) { return n != 0 && (n & (n - 1)) == 0; }

constexpr uint32_t kPrivMask = ~3u;

}  // namespace

BranchParams ParamsFromConfig(const BranchConfig& c) {
  BranchParams p;
  switch (c.predictor) {
    case dynsim::BranchPredictor::kBht: p.kind = DirectionKind::kBht; break;
    case dynsim::BranchPredictor::kStatic: p.kind = DirectionKind::kStatic; break;
    case dynsim::BranchPredictor::kPerfect: p.kind = DirectionKind::kPerfect; break;
  }
  p.bht_entries = c.bht_entries;
  p.history_bits = c.history_bits;
  p.mispredict_penalty = c.mispredict_penalty;
  p.taken_bubble = c.taken_bubble;
  p.btac_entries = c.btac_entries;
  p.indirect = c.indirect == IndirectPolicy::kBtb ? IndirectKind::kBtb : IndirectKind::kAlwaysMispredict;
  p.btb_entries = c.btb_entries;
  p.ras_entries = c.ras_entries;
  return p;
}

BranchPredictor::BranchPredictor(const BranchParams& params) : params_(params) {
  if (params_.bht_entries == 0) params_.bht_entries = 1;
  if (params_.history_bits == 0) params_.history_bits = 1;
  if (params_.history_bits > 31) params_.history_bits = 31;
  if (params_.btb_entries == 0) params_.btb_entries = 1;
  bht_mask_ = IsPowerOfTwo(params_.bht_entries) ? params_.bht_entries - 1 : 0;
  history_mask_ = (1u << params_.history_bits) - 1;
  if (params_.kind == DirectionKind::kBht) bht_.assign(params_.bht_entries, 0);
  if (params_.kind != DirectionKind::kPerfect && params_.btac_entries > 0) {
    btac_pc_.assign(params_.btac_entries, 0);
    btac_target_.assign(params_.btac_entries, 0);
    btac_stamp_.assign(params_.btac_entries, 0);
  }
  if (params_.kind != DirectionKind::kPerfect && params_.indirect == IndirectKind::kBtb) {
    btb_mask_ = IsPowerOfTwo(params_.btb_entries) ? params_.btb_entries - 1 : 0;
    btb_pc_.assign(params_.btb_entries, 0);
    btb_target_.assign(params_.btb_entries, 0);
    btb_valid_.assign(params_.btb_entries, 0);
    ras_.assign(params_.ras_entries, 0);
  }
}

// Set bits of a history, inline: without -mpopcnt (we target plain x86-64)
// __builtin_popcount is a library call, on the path of every conditional branch.
inline uint32_t PopCount(uint32_t x) {
  x = x - ((x >> 1) & 0x55555555u);
  x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
  x = (x + (x >> 4)) & 0x0f0f0f0fu;
  return (x * 0x01010101u) >> 24;
}

bool BranchPredictor::PredictDirection(const RetireRecord& r) {
  switch (params_.kind) {
    case DirectionKind::kBht: {
      const uint32_t h = bht_[Index(r.pc, params_.bht_entries, bht_mask_)];
      return 2 * PopCount(h) > params_.history_bits;
    }
    case DirectionKind::kStatic:
      if (!r.taken && r.target == 0) {
        ++static_unknown_target_;
        return false;
      }
      return (r.target & kPrivMask) <= r.pc;
    case DirectionKind::kPerfect:
      return r.taken;
  }
  return false;
}

void BranchPredictor::UpdateBht(uint32_t pc, bool taken) {
  uint32_t& h = bht_[Index(pc, params_.bht_entries, bht_mask_)];
  h = ((h << 1) | (taken ? 1u : 0u)) & history_mask_;
}

bool BranchPredictor::BtacLookup(uint32_t pc, uint32_t target) {
  const uint32_t n = static_cast<uint32_t>(btac_pc_.size());
  for (uint32_t i = 0; i < n; ++i) {
    if (btac_stamp_[i] != 0 && btac_pc_[i] == pc) {
      const bool hit = btac_target_[i] == target;
      btac_target_[i] = target;
      btac_stamp_[i] = ++btac_clock_;
      return hit;
    }
  }
  BtacInstall(pc, target);
  return false;
}

void BranchPredictor::BtacInstall(uint32_t pc, uint32_t target) {
  const uint32_t n = static_cast<uint32_t>(btac_pc_.size());
  if (n == 0) return;
  uint32_t victim = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (btac_stamp_[i] != 0 && btac_pc_[i] == pc) {  // refresh in place
      victim = i;
      break;
    }
    if (btac_stamp_[i] < btac_stamp_[victim]) victim = i;  // first invalid, else LRU
  }
  btac_pc_[victim] = pc;
  btac_target_[victim] = target;
  btac_stamp_[victim] = ++btac_clock_;
}

bool BranchPredictor::BtbPredict(uint32_t pc, uint32_t target) {
  const uint32_t i = Index(pc, params_.btb_entries, btb_mask_);
  const bool hit = btb_valid_[i] && btb_pc_[i] == pc && btb_target_[i] == target;
  btb_valid_[i] = 1;
  btb_pc_[i] = pc;
  btb_target_[i] = target;
  if (hit) {
    ++btb_hits_;
  } else {
    ++btb_misses_;
  }
  return hit;
}

void BranchPredictor::RasPush(uint32_t return_address) {
  const uint32_t n = static_cast<uint32_t>(ras_.size());
  if (n == 0) return;
  ras_[ras_top_] = return_address;
  ras_top_ = ras_top_ + 1 == n ? 0 : ras_top_ + 1;
  if (ras_count_ < n) ++ras_count_;
}

bool BranchPredictor::RasPop(uint32_t* predicted) {
  if (ras_count_ == 0) return false;
  const uint32_t n = static_cast<uint32_t>(ras_.size());
  ras_top_ = ras_top_ == 0 ? n - 1 : ras_top_ - 1;
  --ras_count_;
  *predicted = ras_[ras_top_];
  return true;
}

BranchResult BranchPredictor::Correct(const RetireRecord& r, uint32_t target) {
  if (!r.taken) return {};
  if (!btac_pc_.empty() && BtacLookup(r.pc, target)) {
    ++btac_hits_;
    return {};
  }
  if (!btac_pc_.empty()) ++btac_misses_;
  penalty_bubble_ += params_.taken_bubble;
  return {params_.taken_bubble, PenaltyCause::kTakenBubble};
}

BranchResult BranchPredictor::Mispredict(isa::BranchKind kind, PenaltyCause cause) {
  ++mispredicted_[static_cast<int>(kind)];
  if (cause == PenaltyCause::kDirection) {
    penalty_direction_ += params_.mispredict_penalty;
  } else {
    penalty_target_ += params_.mispredict_penalty;
  }
  return {params_.mispredict_penalty, cause};
}

BranchResult BranchPredictor::ResolveBranch(const RetireRecord& r) {
  const isa::BranchKind kind = r.branch;
  ++predicted_[static_cast<int>(kind)];
  if (params_.kind == DirectionKind::kPerfect) return {};
  const uint32_t target = r.target & kPrivMask;

  switch (kind) {
    case isa::BranchKind::kConditional: {
      const bool predicted_taken = PredictDirection(r);
      if (params_.kind == DirectionKind::kBht) UpdateBht(r.pc, r.taken);
      if (predicted_taken != r.taken) {
        if (r.taken) BtacInstall(r.pc, target);
        return Mispredict(kind, PenaltyCause::kDirection);
      }
      return Correct(r, target);
    }
    case isa::BranchKind::kCall:
      if (params_.indirect == IndirectKind::kBtb) RasPush(r.pc + 8);
      return Correct(r, target);
    case isa::BranchKind::kUnconditional:
      return Correct(r, target);
    case isa::BranchKind::kIndirect:
    case isa::BranchKind::kIndirectCall:
    case isa::BranchKind::kReturn: {
      if (params_.indirect == IndirectKind::kAlwaysMispredict) {
        if (r.taken) BtacInstall(r.pc, target);
        return Mispredict(kind, PenaltyCause::kTarget);
      }
      bool right;
      if (kind == isa::BranchKind::kReturn && !ras_.empty()) {
        uint32_t predicted = 0;
        right = RasPop(&predicted) && predicted == target;
        if (right) {
          ++ras_hits_;
        } else {
          ++ras_misses_;
        }
      } else {
        right = BtbPredict(r.pc, target);
      }
      if (kind == isa::BranchKind::kIndirectCall) RasPush(r.pc + 8);
      if (!right) {
        if (r.taken) BtacInstall(r.pc, target);
        return Mispredict(kind, PenaltyCause::kTarget);
      }
      return Correct(r, target);
    }
    case isa::BranchKind::kSyscall:
      return Mispredict(kind, PenaltyCause::kTarget);
    case isa::BranchKind::kNone:
      break;
  }
  return {};
}

uint64_t BranchPredictor::total_predicted() const {
  uint64_t n = 0;
  for (uint64_t v : predicted_) n += v;
  return n;
}

uint64_t BranchPredictor::total_mispredicted() const {
  uint64_t n = 0;
  for (uint64_t v : mispredicted_) n += v;
  return n;
}

void BranchPredictor::RegisterStats(StatGroup& group) const {
  auto rate = [](const uint64_t* num, const uint64_t* den) {
    return [num, den] { return static_cast<double>(*num) / static_cast<double>(*den); };
  };
  group.Formula("branches", "count", "branches predicted (nullified slots excluded)",
                [this] { return static_cast<double>(total_predicted()); });
  group.Formula("mispredicted", "count", "branches mispredicted (direction or target)",
                [this] { return static_cast<double>(total_mispredicted()); });
  group.Formula("mispredict_rate", "ratio", "mispredicted / branches", [this] {
    return static_cast<double>(total_mispredicted()) / static_cast<double>(total_predicted());
  });

  static const struct {
    isa::BranchKind kind;
    const char* name;
  } kKinds[] = {
      {isa::BranchKind::kConditional, "conditional"},   {isa::BranchKind::kUnconditional, "unconditional"},
      {isa::BranchKind::kCall, "call"},                 {isa::BranchKind::kIndirect, "indirect"},
      {isa::BranchKind::kIndirectCall, "indirect_call"}, {isa::BranchKind::kReturn, "return"},
      {isa::BranchKind::kSyscall, "syscall"},
  };
  for (const auto& k : kKinds) {
    StatGroup& g = group.Group(k.name);
    const int i = static_cast<int>(k.kind);
    g.Counter("predicted", "count", std::string(k.name) + " branches predicted", &predicted_[i]);
    g.Counter("mispredicted", "count", std::string(k.name) + " branches mispredicted", &mispredicted_[i]);
    g.Formula("mispredict_rate", "ratio", "mispredicted / predicted", rate(&mispredicted_[i], &predicted_[i]));
  }

  StatGroup& penalty = group.Group("penalty_cycles");
  penalty.Counter("direction", "cycles", "misprediction penalty of conditional branches with the wrong direction",
                  &penalty_direction_);
  penalty.Counter("target", "cycles",
                  "misprediction penalty of indirect branches, returns and syscalls with a wrong or no target",
                  &penalty_target_);
  penalty.Counter("taken_bubble", "cycles",
                  "fetch bubbles of correctly predicted taken branches whose target the BTAC did not supply",
                  &penalty_bubble_);
  penalty.Formula("total", "cycles", "all branch penalty cycles",
                  [this] { return static_cast<double>(penalty_total()); });

  StatGroup& btac = group.Group("btac");
  btac.Counter("hits", "count", "correctly predicted taken branches whose target the BTAC supplied", &btac_hits_);
  btac.Counter("misses", "count", "correctly predicted taken branches the BTAC missed (0 entries: not counted)",
               &btac_misses_);
  btac.Formula("hit_rate", "ratio", "hits / (hits + misses)", [this] {
    return static_cast<double>(btac_hits_) / static_cast<double>(btac_hits_ + btac_misses_);
  });

  StatGroup& btb = group.Group("btb");
  btb.Counter("hits", "count", "indirect targets the BTB predicted (indirect = btb)", &btb_hits_);
  btb.Counter("misses", "count", "indirect targets the BTB missed or got wrong (indirect = btb)", &btb_misses_);
  StatGroup& ras = group.Group("ras");
  ras.Counter("hits", "count", "returns the return address stack predicted (indirect = btb)", &ras_hits_);
  ras.Counter("misses", "count", "returns it got wrong or found it empty (indirect = btb)", &ras_misses_);

  group.Counter("static_unknown_target", "count",
                "static mode: not-taken conditional branches whose record carried no target, assumed forward",
                &static_unknown_target_);
}

}  // namespace bpred
}  // namespace dynsim
