// The in-order model over a real program (li at test size): it sees every slot the core
// retires, its stall causes sum exactly to its cycles beyond one per slot, and two runs
// give the same counts. Prints the CPI and its breakdown (not asserted: a measurement).
#include <gtest/gtest.h>

#include "tests/guest_binary_test_main.h"

#include <cstdio>
#include <sstream>

#include "sim/inorder_model.h"
#include "sim/simulation.h"

namespace dynsim {
namespace {


uint64_t RunLi(InOrderModel* model, uint64_t* retired_plus_nullified) {
  RunOptions options;
  options.program = GuestBinaryArgument();
  options.args = {"test"};
  std::ostringstream log;
  Simulation sim(options, &log);
  std::string error;
  EXPECT_TRUE(sim.Load(&error)) << error;
  sim.set_retire_sink(model);
  EXPECT_EQ(sim.Run(), RunEnd::kExited);
  auto stat = [&](const std::string& path) { return static_cast<uint64_t>(sim.stats().Value(path).value()); };
  *retired_plus_nullified = stat("instructions") + stat("core.nullified");
  return model->cycles();
}

TEST(InOrderWorkload, LiUnderTheInOrderModel) {
  InOrderModel a(DefaultConfig()), b(DefaultConfig());
  uint64_t slots_a = 0, slots_b = 0;
  const uint64_t cycles = RunLi(&a, &slots_a);
  EXPECT_EQ(RunLi(&b, &slots_b), cycles) << "deterministic";
  EXPECT_EQ(a.slots(), slots_a);
  const auto& s = a.stalls();
  EXPECT_EQ(cycles, a.slots() + s.icache + s.itlb + s.dcache + s.dtlb + s.load_use + s.branch_direction +
                        s.branch_target + s.taken_bubble);
  std::printf("li test on the in-order PA-8000 model: %llu slots, %llu cycles, CPI %.3f\n"
              "  stalls: icache %llu itlb %llu dcache %llu dtlb %llu load_use %llu\n"
              "          branch_direction %llu branch_target %llu taken_bubble %llu\n",
              (unsigned long long)a.slots(), (unsigned long long)cycles, double(cycles) / double(a.slots()),
              (unsigned long long)s.icache, (unsigned long long)s.itlb, (unsigned long long)s.dcache,
              (unsigned long long)s.dtlb, (unsigned long long)s.load_use, (unsigned long long)s.branch_direction,
              (unsigned long long)s.branch_target, (unsigned long long)s.taken_bubble);
}

}  // namespace
}  // namespace dynsim
