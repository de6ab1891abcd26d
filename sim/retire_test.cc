// Retire records, checked on a real guest program: one record per slot of the instruction
// queue, in program order (replaying the queue from the records reproduces every pc),
// branch kinds that agree with the core's own counters, memory accesses with sizes, and
// the same run with and without a sink (timing never changes architectural state).
#include <gtest/gtest.h>

#include "tests/guest_binary_test_main.h"

#include <optional>
#include <sstream>
#include <vector>

#include "sim/simulation.h"

namespace dynsim {
namespace {


class RecordingSink : public RetireSink {
 public:
  uint32_t Retire(const RetireRecord& record) override {
    records.push_back(record);
    return 1;
  }
  std::vector<RetireRecord> records;
};

// A statistic of the run, by its dotted path under the simulation's stats.
uint64_t Stat(Simulation& sim, const std::string& path) {
  std::optional<double> v = sim.stats().Value(path);
  EXPECT_TRUE(v.has_value()) << path;
  return v ? static_cast<uint64_t>(*v) : ~0ull;
}

TEST(Retire, RecordsDescribeEverySlotInProgramOrder) {
  RunOptions options;
  options.program = GuestBinaryArgument();
  // One cycle a slot in both runs, so the sink that answers 1 must give the same cycles.
  options.machine.core.model = CoreModel::kFunctional;
  std::ostringstream log;
  Simulation plain(options, &log), observed(options, &log);
  std::string error;
  ASSERT_TRUE(plain.Load(&error)) << error;
  ASSERT_TRUE(observed.Load(&error)) << error;
  RecordingSink sink;
  observed.set_retire_sink(&sink);
  ASSERT_EQ(plain.Run(), RunEnd::kExited);
  ASSERT_EQ(observed.Run(), RunEnd::kExited);

  EXPECT_EQ(plain.status(), observed.status());
  EXPECT_EQ(Stat(plain, "cycles"), Stat(observed, "cycles"));
  EXPECT_EQ(plain.instructions(), observed.instructions());
  EXPECT_EQ(sink.records.size(), Stat(observed, "instructions") + Stat(observed, "core.nullified"));

  uint64_t loads = 0, stores = 0, calls = 0, returns = 0, conditional = 0, taken = 0;
  uint64_t backward_not_taken = 0;  // loop exits
  for (const RetireRecord& r : sink.records) {
    if (r.mem_size) (r.is_store ? stores : loads)++;
    calls += r.branch == isa::BranchKind::kCall;
    returns += r.branch == isa::BranchKind::kReturn;
    conditional += r.branch == isa::BranchKind::kConditional;
    taken += r.branch == isa::BranchKind::kConditional && r.taken;
    if (r.nullified) EXPECT_EQ(r.gr_written | r.mem_size, 0u) << "a nullified slot does nothing";
    if (r.branch == isa::BranchKind::kConditional && !r.taken) {
      ASSERT_NE(r.target, 0u) << "a not-taken conditional branch still names its target";
      backward_not_taken += (r.target & ~3u) <= r.pc;
    }
  }
  EXPECT_GT(backward_not_taken, 0u) << "li's loops exit";
  EXPECT_GT(loads, 0u);
  EXPECT_GT(stores, 0u);
  EXPECT_EQ(calls, Stat(observed, "core.branches.call"));
  EXPECT_EQ(returns, Stat(observed, "core.branches.return"));
  EXPECT_EQ(conditional, Stat(observed, "core.branches.conditional"));
  EXPECT_EQ(taken, Stat(observed, "core.branches.conditional_taken"));

  // Replay the queue: each record's pc is IAOQ front; a taken branch makes its target the
  // new back. A system call's delay slot is followed by the gateway (no record), which
  // returns to the instruction after the delay slot.
  uint32_t front = sink.records[0].pc, back = front + 4;
  bool in_syscall_delay_slot = false;
  uint32_t syscall_return = 0;
  uint64_t syscalls = 0;
  for (size_t i = 0; i < sink.records.size(); ++i) {
    const RetireRecord& r = sink.records[i];
    ASSERT_EQ(r.pc, front & ~3u) << "record " << i;
    front = back;
    back = r.taken ? r.target : back + 4;
    if (in_syscall_delay_slot) {  // the gateway ran after this slot: it returns to r31
      front = syscall_return;
      back = front + 4;
      in_syscall_delay_slot = false;
    }
    if (r.branch == isa::BranchKind::kSyscall) {
      in_syscall_delay_slot = true;
      syscall_return = r.pc + 8;
      ++syscalls;
    }
  }
  EXPECT_EQ(syscalls, Stat(observed, "core.branches.syscall"));
}

}  // namespace
}  // namespace dynsim
