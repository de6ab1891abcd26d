// The branch predictor on a real guest program's retire records (li, the Lisp
// interpreter): every branch the core retires is predicted once, by kind; the modes rank as
// they must (perfect costs nothing, always-mispredict charges every indirect branch, a
// return stack predicts returns that always-mispredict misses); and the same records give
// the same counts twice.
#include <gtest/gtest.h>

#include "tests/guest_binary_test_main.h"

#include <chrono>
#include <cstdio>
#include <sstream>
#include <vector>

#include "sim/branch_predictor.h"
#include "sim/simulation.h"

namespace dynsim {
namespace bpred {
namespace {


class RecordingSink : public RetireSink {
 public:
  uint32_t Retire(const RetireRecord& record) override {
    records.push_back(record);
    return 1;
  }
  std::vector<RetireRecord> records;
};

const std::vector<RetireRecord>& Records() {
  static std::vector<RetireRecord>* records = [] {
    RunOptions options;
    options.program = GuestBinaryArgument();
    std::ostringstream log;
    Simulation sim(options, &log);
    std::string error;
    EXPECT_TRUE(sim.Load(&error)) << error;
    RecordingSink sink;
    sim.set_retire_sink(&sink);
    EXPECT_EQ(sim.Run(), RunEnd::kExited);
    return new std::vector<RetireRecord>(std::move(sink.records));
  }();
  return *records;
}

struct FeedResult {
  uint64_t cycles = 0;
  double ns_per_branch = 0;
};

FeedResult Feed(BranchPredictor& bp) {
  FeedResult run;
  const std::vector<RetireRecord>& records = Records();  // simulated once, outside the timing
  // A bare scan of the same records, to subtract the cost of streaming them from memory.
  volatile uint64_t taken = 0;
  const auto s0 = std::chrono::steady_clock::now();
  for (const RetireRecord& r : records) taken = taken + r.taken;
  const double scan_ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - s0).count();
  const auto start = std::chrono::steady_clock::now();
  for (const RetireRecord& r : records) run.cycles += bp.Resolve(r).cycles;
  const auto end = std::chrono::steady_clock::now();
  const uint64_t branches = bp.total_predicted();
  run.ns_per_branch = (std::chrono::duration<double, std::nano>(end - start).count() - scan_ns) /
                     static_cast<double>(branches);
  return run;
}

constexpr isa::BranchKind kKinds[] = {
    isa::BranchKind::kConditional, isa::BranchKind::kUnconditional, isa::BranchKind::kCall,
    isa::BranchKind::kIndirect,    isa::BranchKind::kIndirectCall,  isa::BranchKind::kReturn,
    isa::BranchKind::kSyscall,
};

TEST(BranchPredictorWorkload, EveryRetiredBranchIsPredictedOnceByKind) {
  uint64_t count[BranchPredictor::kNumKinds] = {};
  for (const RetireRecord& r : Records())
    if (!r.nullified) ++count[static_cast<int>(r.branch)];
  BranchPredictor bp(BranchParams{});
  const FeedResult run = Feed(bp);
  for (isa::BranchKind k : kKinds) EXPECT_EQ(bp.predicted(k), count[static_cast<int>(k)]) << static_cast<int>(k);
  EXPECT_GT(bp.predicted(isa::BranchKind::kConditional), 10000u);
  EXPECT_GT(bp.predicted(isa::BranchKind::kReturn), 100u);
  // Default (PA-8000): indirect branches, returns and syscalls all mispredict.
  for (isa::BranchKind k : {isa::BranchKind::kIndirect, isa::BranchKind::kIndirectCall, isa::BranchKind::kReturn,
                            isa::BranchKind::kSyscall})
    EXPECT_EQ(bp.mispredicted(k), bp.predicted(k));
  EXPECT_EQ(bp.mispredicted(isa::BranchKind::kCall), 0u);
  EXPECT_EQ(bp.mispredicted(isa::BranchKind::kUnconditional), 0u);
  EXPECT_EQ(run.cycles, bp.penalty_total());
  const double cond_rate = static_cast<double>(bp.mispredicted(isa::BranchKind::kConditional)) /
                           static_cast<double>(bp.predicted(isa::BranchKind::kConditional));
  std::printf("li: %llu branches, conditional mispredict rate %.4f, penalty %llu cycles, %.1f host ns/branch beyond a bare scan (not asserted)\n",
              static_cast<unsigned long long>(bp.total_predicted()), cond_rate,
              static_cast<unsigned long long>(bp.penalty_total()), run.ns_per_branch);
  EXPECT_GT(cond_rate, 0.0);
  EXPECT_LT(cond_rate, 0.25);
}

TEST(BranchPredictorWorkload, ModesRankAsTheyMust) {
  BranchPredictor perfect(BranchParams{DirectionKind::kPerfect});
  EXPECT_EQ(Feed(perfect).cycles, 0u);

  BranchParams base;
  BranchPredictor pa8000(base);
  const uint64_t pa8000_cycles = Feed(pa8000).cycles;

  BranchParams with_btac = base;
  with_btac.btac_entries = 32;
  BranchPredictor btac(with_btac);
  const uint64_t btac_cycles = Feed(btac).cycles;
  // The BTAC changes no prediction, only removes bubbles.
  EXPECT_EQ(btac.total_mispredicted(), pa8000.total_mispredicted());
  EXPECT_EQ(btac.penalty_taken_bubble() + 2 * btac.btac_hits(), pa8000.penalty_taken_bubble());
  EXPECT_LT(btac_cycles, pa8000_cycles);
  EXPECT_GT(btac.btac_hits(), 0u);

  BranchParams what_if = base;
  what_if.indirect = IndirectKind::kBtb;
  BranchPredictor btb(what_if);
  Feed(btb);
  // The conditional branches see the same BHT either way.
  EXPECT_EQ(btb.mispredicted(isa::BranchKind::kConditional), pa8000.mispredicted(isa::BranchKind::kConditional));
  const double ret_rate = static_cast<double>(btb.mispredicted(isa::BranchKind::kReturn)) /
                          static_cast<double>(btb.predicted(isa::BranchKind::kReturn));
  std::printf("li, btb + ras: return mispredict rate %.4f, indirect %llu/%llu, total penalty %llu vs %llu\n",
              ret_rate, static_cast<unsigned long long>(btb.mispredicted(isa::BranchKind::kIndirect)),
              static_cast<unsigned long long>(btb.predicted(isa::BranchKind::kIndirect)),
              static_cast<unsigned long long>(btb.penalty_total()),
              static_cast<unsigned long long>(pa8000_cycles));
  EXPECT_LT(ret_rate, 0.5);
  EXPECT_LT(btb.penalty_target(), pa8000.penalty_target());

  BranchPredictor static_mode(BranchParams{DirectionKind::kStatic});
  Feed(static_mode);
  EXPECT_EQ(static_mode.total_predicted(), pa8000.total_predicted());
}

TEST(BranchPredictorWorkload, SameRecordsSameCounts) {
  BranchParams p;
  p.btac_entries = 32;
  p.indirect = IndirectKind::kBtb;
  BranchPredictor a(p), b(p);
  EXPECT_EQ(Feed(a).cycles, Feed(b).cycles);
  StatGroup ga("bp"), gb("bp");
  a.RegisterStats(ga);
  b.RegisterStats(gb);
  std::ostringstream ja, jb;
  ga.WriteJson(ja);
  gb.WriteJson(jb);
  EXPECT_EQ(ja.str(), jb.str());
}

}  // namespace
}  // namespace bpred
}  // namespace dynsim
