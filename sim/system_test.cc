// The SystemC system (sim/system.h): simulated time from cycles, GuestMemory as a TLM-2.0
// target (b_transport, debug transport, DMI), results independent of the quantum for a
// guest whose output records where its timer signals landed (sim/testdata/timer_trace.c),
// and several simulations, each with a SystemC kernel of its own, in one process.
#include <gtest/gtest.h>

#include "tests/guest_binary_test_main.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/simulation.h"
#include "sim/system.h"

namespace dynsim {
namespace {

TEST(SystemTime, CyclesAtTheClockArePicoseconds) {
  const uint64_t hz = 180000000;
  EXPECT_EQ(TimeOfCycle(0, hz).value(), 0u);
  EXPECT_EQ(TimeOfCycle(9, hz).value(), 50000u);  // 9 cycles at 180 MHz are 50 ns
  EXPECT_EQ(TimeOfCycle(1, hz).value(), 5555u);   // rounded down
  EXPECT_EQ(TimeOfCycle(180000000, hz).value(), 1000000000000u);
  for (uint64_t c : {0ull, 1ull, 2ull, 7ull, 100000ull, 123456789ull, 1ull << 40})
    EXPECT_EQ(CycleAtOrAfter(TimeOfCycle(c, hz), hz), c) << c;
  EXPECT_EQ(CycleAtOrAfter(sc_core::sc_time::from_value(5556), hz), 2u);
  EXPECT_EQ(TimeOfCycle(UINT64_MAX, hz).value(), kMaxSystemTimePs) << "saturates";
  EXPECT_EQ(CycleAtOrAfter(sc_core::sc_time::from_value(kMaxSystemTimePs + 1), hz), UINT64_MAX);
}

// --- GuestMemory through the TLM socket ---

class Initiator : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<Initiator> socket;
  explicit Initiator(sc_core::sc_module_name name) : sc_module(name), socket("socket") {}

  tlm::tlm_response_status Transport(tlm::tlm_command command, uint64_t addr, std::vector<uint8_t>* data) {
    tlm::tlm_generic_payload p;
    Fill(&p, command, addr, data);
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    socket->b_transport(p, delay);
    return p.get_response_status();
  }
  unsigned Debug(tlm::tlm_command command, uint64_t addr, std::vector<uint8_t>* data) {
    tlm::tlm_generic_payload p;
    Fill(&p, command, addr, data);
    return socket->transport_dbg(p);
  }
  bool Dmi(uint64_t addr, tlm::tlm_dmi* dmi) {
    tlm::tlm_generic_payload p;
    p.set_command(tlm::TLM_READ_COMMAND);
    p.set_address(addr);
    return socket->get_direct_mem_ptr(p, *dmi);
  }

 private:
  static void Fill(tlm::tlm_generic_payload* p, tlm::tlm_command command, uint64_t addr, std::vector<uint8_t>* data) {
    p->set_command(command);
    p->set_address(addr);
    p->set_data_ptr(data->data());
    p->set_data_length(static_cast<unsigned>(data->size()));
    p->set_streaming_width(static_cast<unsigned>(data->size()));
    p->set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  }
};

class MemoryTargetTest : public ::testing::Test {
 protected:
  static constexpr GuestAddr kData = 0x10000, kReadOnly = 0x11000, kHole = 0x12000;

  MemoryTargetTest() : kernel_(&log_), target_("memory", &memory_), initiator_("initiator") {
    memory_.Map(kData, GuestMemory::kPageSize, kPermRead | kPermWrite);
    memory_.Map(kReadOnly, GuestMemory::kPageSize, kPermRead | kPermExec);
    const uint8_t code[4] = {0x08, 0x00, 0x02, 0x40};  // big-endian `nop`
    memory_.WriteBytes(kReadOnly + 0x40, code, 4);
    initiator_.socket.bind(target_.socket);
    sc_core::sc_start(sc_core::SC_ZERO_TIME);  // elaborate: bind the sockets
  }

  std::ostringstream log_;
  GuestMemory memory_;
  SystemCKernel kernel_;
  MemoryTarget target_;
  Initiator initiator_;
};

TEST_F(MemoryTargetTest, BlockingTransportRoundTripsGuestBytes) {
  std::vector<uint8_t> out = {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0};
  ASSERT_EQ(initiator_.Transport(tlm::TLM_READ_COMMAND, kReadOnly + 0xffc, &out), tlm::TLM_ADDRESS_ERROR_RESPONSE)
      << "the range runs into the unmapped page after";
  EXPECT_EQ(out[0], 0x12) << "untouched";
  ASSERT_EQ(initiator_.Transport(tlm::TLM_WRITE_COMMAND, kData + 0x20, &out), tlm::TLM_OK_RESPONSE);
  uint32_t word = 0;
  ASSERT_EQ(memory_.Load(kData + 0x20, &word), MemFault::kNone);
  EXPECT_EQ(word, 0x12345678u) << "data[0] is the byte at the address: guest (big-endian) order";
  std::vector<uint8_t> in(8);
  ASSERT_EQ(initiator_.Transport(tlm::TLM_READ_COMMAND, kData + 0x20, &in), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(in, out);
}

TEST_F(MemoryTargetTest, ErrorsFollowMappingAndPermissions) {
  std::vector<uint8_t> data(4);
  EXPECT_EQ(initiator_.Transport(tlm::TLM_READ_COMMAND, kHole, &data), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(initiator_.Transport(tlm::TLM_READ_COMMAND, uint64_t{1} << 32, &data), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(initiator_.Transport(tlm::TLM_WRITE_COMMAND, kReadOnly, &data), tlm::TLM_COMMAND_ERROR_RESPONSE);
  EXPECT_EQ(initiator_.Transport(tlm::TLM_READ_COMMAND, kReadOnly + 0x40, &data), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(data, (std::vector<uint8_t>{0x08, 0x00, 0x02, 0x40}));
}

TEST_F(MemoryTargetTest, DebugTransportIgnoresPermissionsAndStopsAtTheHole) {
  std::vector<uint8_t> data = {1, 2, 3, 4};
  EXPECT_EQ(initiator_.Debug(tlm::TLM_WRITE_COMMAND, kReadOnly + 0x100, &data), 4u);
  std::vector<uint8_t> back(4);
  ASSERT_TRUE(memory_.ReadBytes(kReadOnly + 0x100, back.data(), 4));
  EXPECT_EQ(back, data);
  std::vector<uint8_t> span(0x20);
  EXPECT_EQ(initiator_.Debug(tlm::TLM_READ_COMMAND, kHole - 0x10, &span), 0x10u) << "up to the unmapped page";
  EXPECT_EQ(initiator_.Debug(tlm::TLM_READ_COMMAND, kHole, &span), 0u);
}

TEST_F(MemoryTargetTest, DmiGrantsThePageReadOnly) {
  tlm::tlm_dmi dmi;
  ASSERT_TRUE(initiator_.Dmi(kReadOnly + 0x44, &dmi));
  EXPECT_EQ(dmi.get_start_address(), kReadOnly);
  EXPECT_EQ(dmi.get_end_address(), kReadOnly + GuestMemory::kPageMask);
  EXPECT_TRUE(dmi.is_read_allowed());
  EXPECT_FALSE(dmi.is_write_allowed()) << "stores must reach GuestMemory's code watch";
  EXPECT_EQ(GuestMemory::FromBigEndian<uint32_t>(dmi.get_dmi_ptr() + 0x40), 0x08000240u);
  // The grant is GuestMemory's storage itself: later writes show through it.
  const uint8_t bytes[2] = {0xca, 0xfe};
  memory_.WriteBytes(kReadOnly + 0x800, bytes, 2);
  EXPECT_EQ(dmi.get_dmi_ptr()[0x800], 0xca);
  EXPECT_EQ(dmi.get_dmi_ptr()[0x801], 0xfe);
  EXPECT_EQ(target_.dmi_grants(), 1u);

  tlm::tlm_dmi none;
  EXPECT_FALSE(initiator_.Dmi(kHole + 4, &none));
  EXPECT_EQ(none.get_start_address(), kHole) << "denied for the whole page";
  EXPECT_EQ(none.get_end_address(), kHole + GuestMemory::kPageMask);
}

TEST_F(MemoryTargetTest, TransportWritesKeepPredecodedCodeCoherent) {
  std::vector<GuestAddr> dropped;
  memory_.SetCodeWriteListener([&](GuestAddr page) { dropped.push_back(page); });
  memory_.Map(0x20000, GuestMemory::kPageSize, kPermRead | kPermWrite | kPermExec);
  memory_.WatchCode(0x20000);
  std::vector<uint8_t> data(4);
  ASSERT_EQ(initiator_.Transport(tlm::TLM_WRITE_COMMAND, 0x20010, &data), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(dropped, std::vector<GuestAddr>{0x20000});
}

// --- Whole runs ---

struct Outcome {
  RunEnd end;
  std::string stdout_text;
  std::string stats_json;
  std::string log;
  uint64_t timer_interrupts = 0;
};

// Runs the guest, with the guest's stdout (host fd 1) captured into a file.
Outcome RunGuest(CoreModel model, uint64_t quantum_cycles, uint64_t max_insts = 0) {
  RunOptions options;
  options.program = GuestBinaryArgument();
  options.machine.core.model = model;
  options.machine.quantum_cycles = quantum_cycles;
  options.max_insts = max_insts;
  std::ostringstream log;
  Simulation sim(options, &log);
  Outcome outcome;
  std::string error;
  EXPECT_TRUE(sim.Load(&error)) << error;

  const std::string path = ::testing::TempDir() + "system_test_stdout.txt";
  std::fflush(stdout);
  const int saved = dup(1);
  const int file = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  dup2(file, 1);
  close(file);
  outcome.end = sim.Run();
  std::fflush(stdout);
  dup2(saved, 1);
  close(saved);

  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  outcome.stdout_text = text.str();
  std::ostringstream stats;
  sim.stats().WriteJson(stats);
  outcome.stats_json = stats.str();
  outcome.log = log.str();
  outcome.timer_interrupts = static_cast<uint64_t>(sim.stats().Value("systemc.timer_interrupts").value());

  // SystemC time ends where the machine's does, within the picosecond the conversion drops.
  const double sim_seconds = sim.stats().Value("sim_seconds").value();
  EXPECT_NEAR(sim.stats().Value("systemc.seconds").value(), sim_seconds, 1e-12);
  EXPECT_GT(sim_seconds, 0);
  return outcome;
}

TEST(SystemRun, TimerSignalsLandAtTheSameInstructionWhateverTheQuantum) {
  for (CoreModel model : {CoreModel::kFunctional, CoreModel::kInorder}) {
    const Outcome reference = RunGuest(model, 100000);
    ASSERT_EQ(reference.end, RunEnd::kExited);
    EXPECT_EQ(reference.log, "") << "SystemC says nothing";
    EXPECT_NE(reference.stdout_text.find("SIGALRM 11 at"), std::string::npos) << reference.stdout_text;
    EXPECT_NE(reference.stdout_text.find("SIGVTALRM 11 at"), std::string::npos);
    EXPECT_NE(reference.stdout_text.find("nanosleep -> -1"), std::string::npos) << "a tick cut the sleep short";
    EXPECT_NE(reference.stats_json.find("\"timer_interrupts\""), std::string::npos);
    for (uint64_t quantum : {1, 7, 1000, 3000, 1000000000}) {
      SCOPED_TRACE("core.model " + std::to_string(static_cast<int>(model)) + ", quantum " + std::to_string(quantum));
      const Outcome run = RunGuest(model, quantum);
      EXPECT_EQ(run.end, reference.end);
      EXPECT_EQ(run.stdout_text, reference.stdout_text);
      EXPECT_EQ(run.stats_json, reference.stats_json);
      EXPECT_EQ(run.log, "");
    }
  }
}

TEST(SystemRun, TimerInterruptsAreMarkedInSystemCTime) {
  const Outcome run = RunGuest(CoreModel::kFunctional, 100000);
  EXPECT_NE(run.stats_json.find("\"SIGALRM\": 12"), std::string::npos) << run.stats_json;
  EXPECT_NE(run.stats_json.find("\"SIGVTALRM\": 12"), std::string::npos) << run.stats_json;
  // Every delivered timer signal had its interrupt; a virtual timer may take more while
  // the guest sleeps (its earliest expiry moves on), and the cancelled alarm takes none.
  EXPECT_GE(run.timer_interrupts, 24u);
  EXPECT_LE(run.timer_interrupts, 24u + 6u);
}

TEST(SystemRun, InstructionLimitStopsTheSystem) {
  for (uint64_t quantum : {7, 100000}) {
    const Outcome run = RunGuest(CoreModel::kFunctional, quantum, 20000);
    EXPECT_EQ(run.end, RunEnd::kInstLimit);
    EXPECT_NE(run.stats_json.find("\"instructions\": 20000"), std::string::npos) << run.stats_json;
  }
}

TEST(SystemRun, SimulationsRunOneAfterAnotherInOneProcess) {
  // As retire_test does: both loaded first, then run in turn, each in a kernel of its own.
  RunOptions options;
  options.program = GuestBinaryArgument();
  std::ostringstream log;
  Simulation first(options, &log), second(options, &log);
  std::string error;
  ASSERT_TRUE(first.Load(&error)) << error;
  ASSERT_TRUE(second.Load(&error)) << error;
  std::fflush(stdout);
  const int saved = dup(1), null = open("/dev/null", O_WRONLY);
  dup2(null, 1);
  close(null);
  const RunEnd a = first.Run(), b = second.Run();
  dup2(saved, 1);
  close(saved);
  EXPECT_EQ(a, RunEnd::kExited);
  EXPECT_EQ(b, RunEnd::kExited);
  std::ostringstream stats_a, stats_b;
  first.stats().WriteJson(stats_a);
  second.stats().WriteJson(stats_b);
  EXPECT_EQ(stats_a.str(), stats_b.str());
  EXPECT_EQ(log.str(), "");
  // And a third, after both kernels are gone.
  EXPECT_EQ(RunGuest(options.machine.core.model, options.machine.quantum_cycles).stats_json, stats_a.str());
}

}  // namespace
}  // namespace dynsim
