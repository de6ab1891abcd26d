// Branch prediction for the timing models: a PA-8000-style predictor that reads one retire
// record per branch, returns the cycles the branch costs the front end, and learns from the
// outcome. Facts from ../shared/reference/pa8000.md; the rest is marked "our choice".
//
// What a branch costs (one branch, one call to Resolve):
//   - mispredicted direction or target:            mispredict_penalty (default 5)
//   - correctly predicted taken, target not in BTAC: taken_bubble (default 2)
//   - correctly predicted taken, BTAC hit:          0
//   - correctly predicted not taken:                0
// A mispredicted branch pays only the misprediction penalty (the redirect replaces the
// bubble). Prediction and update both happen at retirement, in program order: there is no
// speculative history update, so a trace of records determines every count exactly.
//
// Per kind (isa::BranchKind):
//   - kConditional: direction from the direction predictor (below). The target of a direct
//     branch is known at decode, so a taken branch predicted taken is never a target miss.
//   - kUnconditional, kCall (direct): always predicted taken correctly; they pay the taken
//     bubble unless the BTAC hits. Calls push the return address stack (btb mode).
//   - kIndirect, kIndirectCall, kReturn: `indirect = kAlwaysMispredict` (the PA-8000, and the
//     reason Dynamo inlines indirect targets into traces) charges the misprediction penalty
//     every time. `indirect = kBtb` predicts kIndirect and kIndirectCall with the BTB and
//     kReturn with the return address stack (the BTB when ras_entries == 0); a correct target
//     then costs like any correctly predicted taken branch (bubble unless the BTAC hits).
//     kIndirectCall also pushes the return address stack.
//   - kSyscall (`be,l 0x100(sr2,r0)`): our choice: always the misprediction penalty, in every
//     mode but perfect. Entering the kernel through the gateway flushes the pipeline whatever
//     any predictor guessed; the record does not even carry a target. Counted as a target
//     misprediction (penalty cause `target`).
//   - Records with branch == kNone or nullified == true are not branches: cost 0, not counted.
//
// Direction predictors (`kind`):
//   - kBht: the PA-8000's branch history table. bht_entries entries, each a history_bits-bit
//     shift register of the entry's last outcomes (newest in bit 0, 1 = taken), all zero
//     (not taken) at reset. Index = (pc >> 2) mod bht_entries: the word address's low bits,
//     so with 256 entries branches 1 KiB apart share an entry (aliasing). Prediction: taken
//     when strictly more than half of the history_bits bits are 1 (majority vote; an even
//     width that ties predicts not taken).
//   - kStatic: backward taken, forward not taken: taken iff target <= pc (privilege bits of
//     the target masked). The functional core fills in the target of every direct
//     conditional branch, taken or not (retire.h), so static mode is exact. A record
//     without one (target == 0, from a hand-made trace) is assumed forward (predicted not
//     taken) and counted in `static_unknown_target`, which stays 0 for core traces.
//   - kPerfect: an oracle front end, our choice for what-if studies: every branch of every
//     kind, syscalls included, is predicted correctly and costs 0 cycles (no bubble either);
//     the BTAC, BTB and return stack are not consulted.
//
// Target structures (our choices; the reference gives only the PA-8500's 32-entry BTAC):
//   - BTAC (btac_entries, 0 = none): fully associative, true LRU, holding (branch pc,
//     target) for taken branches. Looked up for every correctly predicted taken branch: a hit
//     is an entry for that pc with the same target (a stale target counts as a miss). Every
//     taken branch (mispredicted ones included) then installs or refreshes its entry. Lookup
//     scans the entries, so keep it small (tens of entries, as in hardware).
//   - BTB (btb_entries, btb mode): direct mapped, index (pc >> 2) mod btb_entries, tagged
//     with the full pc, holding the last target of that indirect branch. A miss or a wrong
//     target mispredicts; the entry is overwritten with the actual target.
//   - Return address stack (ras_entries, btb mode): calls push pc + 8 (the return point past
//     the delay slot; the link of a call that itself sits in a taken branch's delay slot
//     differs, which we ignore). A return pops and predicts the popped address; an empty
//     stack mispredicts. Circular: a push onto a full stack overwrites the oldest entry.
//     Caveat: millicode calls (`bl $$mulI,%r31`) push but return with `bv 0(%r31)`, a
//     kIndirect, so they leave a stale entry behind.
//
// Targets are compared with the privilege bits (low two bits) masked.
#ifndef DYNSIM_SIM_BRANCH_PREDICTOR_H
#define DYNSIM_SIM_BRANCH_PREDICTOR_H

#include <cstdint>
#include <vector>

#include "isa/operands.h"
#include "sim/retire.h"
#include "sim/stats.h"

namespace dynsim {
struct BranchConfig;  // sim/config.h

// A namespace of its own: sim/config.h declares an enum dynsim::BranchPredictor for the YAML
// choice, and a timing model includes both headers.
namespace bpred {

enum class DirectionKind : uint8_t { kBht, kStatic, kPerfect };  // "bht", "static", "perfect"
enum class IndirectKind : uint8_t { kAlwaysMispredict, kBtb };   // "always_mispredict", "btb"

// Plain parameters; defaults are the PA-8000 (pa8000.md) and our assumptions as marked.
struct BranchParams {
  DirectionKind kind = DirectionKind::kBht;
  uint32_t bht_entries = 256;        // PA-8000: 256; any value >= 1 (a power of two is fastest)
  uint32_t history_bits = 3;         // PA-8000: 3-bit shift registers, majority vote; 1..31
  uint32_t mispredict_penalty = 5;   // cycles, PA-8000: 5
  uint32_t taken_bubble = 2;         // cycles, PA-8000: 2
  uint32_t btac_entries = 0;         // 0 = none (PA-8000); PA-8500: 32
  IndirectKind indirect = IndirectKind::kAlwaysMispredict;  // PA-8000 (Dynamo paper)
  uint32_t btb_entries = 256;        // btb mode; our assumption; >= 1
  uint32_t ras_entries = 8;          // btb mode; our assumption; 0 = returns use the BTB
};

// The parameters of a validated machine config (the `branch` group of the YAML schema).
BranchParams ParamsFromConfig(const BranchConfig& config);

// Why a branch cost cycles.
enum class PenaltyCause : uint8_t { kNone, kDirection, kTarget, kTakenBubble };

struct BranchResult {
  uint32_t cycles = 0;
  PenaltyCause cause = PenaltyCause::kNone;
  bool mispredicted() const { return cause == PenaltyCause::kDirection || cause == PenaltyCause::kTarget; }
};

class BranchPredictor {
 public:
  // Number of isa::BranchKind values (kNone included), for the per-kind counters.
  static constexpr int kNumKinds = static_cast<int>(isa::BranchKind::kSyscall) + 1;

  explicit BranchPredictor(const BranchParams& params);
  // RegisterStats hands out pointers to the counters: the predictor stays put.
  BranchPredictor(const BranchPredictor&) = delete;
  BranchPredictor& operator=(const BranchPredictor&) = delete;

  // Predicts the branch in `r`, charges it, and learns its outcome. Non-branch and nullified
  // records cost nothing and change nothing.
  BranchResult Resolve(const RetireRecord& r) {
    if (r.branch == isa::BranchKind::kNone || r.nullified) return {};
    return ResolveBranch(r);
  }

  // Declares the counters and formulas in `group` (typically "branch_predictor").
  void RegisterStats(StatGroup& group) const;

  const BranchParams& params() const { return params_; }
  uint64_t predicted(isa::BranchKind k) const { return predicted_[static_cast<int>(k)]; }
  uint64_t mispredicted(isa::BranchKind k) const { return mispredicted_[static_cast<int>(k)]; }
  uint64_t total_predicted() const;
  uint64_t total_mispredicted() const;
  uint64_t penalty_direction() const { return penalty_direction_; }
  uint64_t penalty_target() const { return penalty_target_; }
  uint64_t penalty_taken_bubble() const { return penalty_bubble_; }
  uint64_t penalty_total() const { return penalty_direction_ + penalty_target_ + penalty_bubble_; }
  uint64_t btac_hits() const { return btac_hits_; }
  uint64_t btac_misses() const { return btac_misses_; }
  uint64_t btb_hits() const { return btb_hits_; }
  uint64_t btb_misses() const { return btb_misses_; }
  uint64_t ras_hits() const { return ras_hits_; }
  uint64_t ras_misses() const { return ras_misses_; }
  uint64_t static_unknown_target() const { return static_unknown_target_; }

 private:
  BranchResult ResolveBranch(const RetireRecord& r);
  bool PredictDirection(const RetireRecord& r);
  void UpdateBht(uint32_t pc, bool taken);
  uint32_t Index(uint32_t pc, uint32_t entries, uint32_t mask) const {
    const uint32_t word = pc >> 2;
    return mask ? (word & mask) : (word % entries);
  }
  // True when the BTAC supplies `target` for `pc`; then installs or refreshes the entry.
  bool BtacLookup(uint32_t pc, uint32_t target);
  void BtacInstall(uint32_t pc, uint32_t target);
  // Predicts an indirect target with the BTB; true when right. Updates the entry.
  bool BtbPredict(uint32_t pc, uint32_t target);
  void RasPush(uint32_t return_address);
  // Pops into *predicted; false when the stack is empty.
  bool RasPop(uint32_t* predicted);
  // The cost of a branch whose direction and target were predicted correctly.
  BranchResult Correct(const RetireRecord& r, uint32_t target);
  BranchResult Mispredict(isa::BranchKind kind, PenaltyCause cause);

  BranchParams params_;
  uint32_t bht_mask_ = 0;     // bht_entries - 1 when a power of two, else 0 (use modulo)
  uint32_t history_mask_ = 0;
  std::vector<uint32_t> bht_;  // one history register per entry

  // BTAC: fully associative, LRU by last-use stamp (0 = invalid).
  std::vector<uint32_t> btac_pc_, btac_target_;
  std::vector<uint64_t> btac_stamp_;
  uint64_t btac_clock_ = 0;

  uint32_t btb_mask_ = 0;
  std::vector<uint32_t> btb_pc_, btb_target_;
  std::vector<uint8_t> btb_valid_;

  std::vector<uint32_t> ras_;
  uint32_t ras_top_ = 0;    // index of the next push
  uint32_t ras_count_ = 0;  // valid entries, at most ras_.size()

  uint64_t predicted_[kNumKinds] = {};
  uint64_t mispredicted_[kNumKinds] = {};
  uint64_t penalty_direction_ = 0, penalty_target_ = 0, penalty_bubble_ = 0;
  uint64_t btac_hits_ = 0, btac_misses_ = 0;
  uint64_t btb_hits_ = 0, btb_misses_ = 0;
  uint64_t ras_hits_ = 0, ras_misses_ = 0;
  uint64_t static_unknown_target_ = 0;
};

}  // namespace bpred
}  // namespace dynsim

#endif  // DYNSIM_SIM_BRANCH_PREDICTOR_H
