// GuestOs driven directly, without a core: each test sets registers as a guest would
// before `ble 0x100(%sr2,%r0)` and checks what the OS did to registers, memory and time.
#include "os_model/guest_os.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "os_model/guest_errno.h"
#include "os_model/syscall_numbers.h"

namespace dynsim {
namespace {

constexpr GuestAddr kData = 0x00100000;   // a scratch data page
constexpr GuestAddr kStack = 0x00200000;  // a small stack (grows upward)
constexpr GuestAddr kReturn = 0x00010100;
constexpr uint32_t kHandler = 0x00010200;

class GuestOsTest : public testing::Test {
 protected:
  void SetUp() override {
    memory_.Map(0x10000, 0x1000, kPermRead | kPermExec);
    memory_.Map(kData, 0x1000, kPermRead | kPermWrite);
    memory_.Map(kStack, 0x10000, kPermRead | kPermWrite);
    image_.image_end = 0x00101000;
    os_.reset(new GuestOs(&memory_, &clock_, config_, &log_));
    std::string error;
    ASSERT_TRUE(os_->Start(image_, &error)) << error;
    state_.gr[30] = kStack + 0x100;
    state_.JumpTo(0x10000);
  }

  // Performs syscall `nr` and returns r28 as a signed value.
  int32_t Call(uint32_t nr, uint32_t a0 = 0, uint32_t a1 = 0, uint32_t a2 = 0, uint32_t a3 = 0,
               uint32_t a4 = 0) {
    state_.gr[20] = nr;
    state_.gr[22] = a4;
    state_.gr[26] = a0;
    state_.gr[25] = a1;
    state_.gr[24] = a2;
    state_.gr[23] = a3;
    state_.gr[31] = kReturn | kUserPrivilege;
    os_->Gateway(kGatewaySyscall, &state_);
    return static_cast<int32_t>(state_.gr[28]);
  }
  void Put(GuestAddr a, uint32_t v) {
    uint8_t b[4];
    GuestMemory::ToBigEndian<uint32_t>(b, v);
    ASSERT_TRUE(memory_.WriteBytes(a, b, 4));
  }
  uint32_t Get(GuestAddr a) {
    uint8_t b[4] = {};
    EXPECT_TRUE(memory_.ReadBytes(a, b, 4));
    return GuestMemory::FromBigEndian<uint32_t>(b);
  }
  void InstallHandler(int signo, uint32_t flags = 0) {
    Put(kData, kHandler);
    Put(kData + 4, flags);
    Put(kData + 8, 0);
    Put(kData + 12, 0);
    ASSERT_EQ(Call(kNrRtSigaction, signo, kData, 0, 8), 0);
  }

  GuestMemory memory_;
  SimClock clock_;
  OsConfig config_;
  std::ostringstream log_;
  ElfImage image_;
  std::unique_ptr<GuestOs> os_;
  ArchState state_;
};

TEST_F(GuestOsTest, SyscallReturnsThroughR31) {
  EXPECT_EQ(Call(kNrGetpid), kGuestPid);
  EXPECT_EQ(state_.pc(), kReturn);
  EXPECT_EQ(state_.iaoq_back, (kReturn | kUserPrivilege) + 4);
  EXPECT_EQ(os_->syscall_counts().at("getpid"), 1u);
}

TEST_F(GuestOsTest, UnknownSyscallIsEnosysAndLoggedOnce) {
  EXPECT_EQ(Call(42), -kENOSYS);  // pipe
  EXPECT_EQ(Call(42), -kENOSYS);
  EXPECT_EQ(os_->unknown_syscalls().count(42), 1u);
  EXPECT_EQ(os_->unsupported_counts().at("pipe"), 2u);
  std::string log = log_.str();
  EXPECT_NE(log.find("unsupported system call 42 (pipe)"), std::string::npos) << log;
  EXPECT_EQ(log.find("system call 42", log.find('\n')), std::string::npos) << "logged once: " << log;
}

TEST_F(GuestOsTest, WildPointersGetEfault) {
  EXPECT_EQ(Call(kNrWrite, 1, 0xdead0000, 16), -kEFAULT);
  EXPECT_EQ(Call(kNrClockGettime, 0, 0x00000010), -kEFAULT);
  EXPECT_EQ(Call(kNrRtSigaction, 10, 0xdead0000, 0, 8), -kEFAULT);
  EXPECT_EQ(Call(kNrWrite, 77, kData, 1), -kEBADF);
}

// Linux checks every iov_len before touching a buffer: one that is negative as a 32-bit
// ssize_t is EINVAL, even after a valid entry and whatever the buffer's address.
TEST_F(GuestOsTest, WritevWithANegativeLengthIsEinval) {
  Put(kData, kData + 0x100);
  Put(kData + 4, 0xffffffff);
  EXPECT_EQ(Call(kNrWritev, 1, kData, 1), -kEINVAL);
  Put(kData + 4, 4);
  Put(kData + 8, 0xdead0000);
  Put(kData + 12, 0x80000000);
  EXPECT_EQ(Call(kNrWritev, 1, kData, 2), -kEINVAL) << "nothing is written";
  EXPECT_EQ(Call(kNrWritev, 1, 0xdead0000, 1), -kEFAULT) << "an unreadable iovec array";
}

// Past the memory limit the guest gets ENOMEM from mmap and an unchanged break from brk,
// as under RLIMIT_AS; what was mapped stays usable.
TEST_F(GuestOsTest, MemoryLimitIsEnomemNotACrash) {
  memory_.set_limit_bytes(memory_.mapped_bytes() + (64u << 20));
  const uint32_t big = static_cast<uint32_t>(Call(kNrMmap2, 0, 48u << 20, 3, 0x12, 0xffffffff));
  EXPECT_EQ(big & 0xfff, 0u) << "48 MiB fit";
  EXPECT_EQ(Call(kNrMmap2, 0, 32u << 20, 3, 0x12, 0xffffffff), -kENOMEM);
  EXPECT_EQ(Call(kNrMmap2, big, 32u << 20, 3, 0x16, 0xffffffff), static_cast<int32_t>(big))
      << "MAP_FIXED within the 48 MiB replaces part of them";
  EXPECT_GT(Call(kNrMmap2, 0, (16u << 20) - 0x40000, 3, 0x12, 0xffffffff), 0) << "all but 256 KiB";
  const uint32_t start = static_cast<uint32_t>(Call(kNrBrk, 0));
  EXPECT_EQ(static_cast<uint32_t>(Call(kNrBrk, start + 0x80000)), start) << "the break stays";
  EXPECT_EQ(static_cast<uint32_t>(Call(kNrBrk, start + 0x40000)), start + 0x40000);
  EXPECT_EQ(memory_.Store<uint32_t>(start + 0x3fffc, 7), MemFault::kNone);
  EXPECT_EQ(memory_.mapped_bytes(), memory_.limit_bytes());
}

TEST_F(GuestOsTest, BrkGrowsZeroedAndRefusesOverlap) {
  uint32_t start = static_cast<uint32_t>(Call(kNrBrk, 0));
  EXPECT_EQ(start, 0x00101000u);
  EXPECT_EQ(static_cast<uint32_t>(Call(kNrBrk, start + 0x2800)), start + 0x2800);
  EXPECT_EQ(Get(start + 0x27fc), 0u);
  EXPECT_EQ(memory_.Store<uint32_t>(start + 0x27fc, 7), MemFault::kNone);
  // Growing into the stack mapping fails and leaves the break unchanged.
  EXPECT_EQ(static_cast<uint32_t>(Call(kNrBrk, kStack + 0x100)), start + 0x2800);
}

TEST_F(GuestOsTest, AnonymousMmapIsDeterministicAndProtectable) {
  uint32_t a = static_cast<uint32_t>(Call(kNrMmap2, 0, 10000, 3, 0x12));
  EXPECT_EQ(a, kMmapBase);
  uint32_t b = static_cast<uint32_t>(Call(kNrMmap2, 0, 4096, 3, 0x12));
  EXPECT_EQ(b, kMmapBase + 3 * 4096);
  EXPECT_EQ(Call(kNrMprotect, a, 4096, 1), 0);
  EXPECT_EQ(memory_.Store<uint32_t>(a, 1), MemFault::kProtection);
  EXPECT_EQ(Call(kNrMunmap, a, 12288), 0);
  EXPECT_EQ(static_cast<uint32_t>(Call(kNrMmap2, 0, 4096, 3, 0x12)), kMmapBase);
  EXPECT_EQ(Call(kNrMmap2, 0, 4096, 3, 0x02, 3), -kEBADF) << "a file mapping needs an open descriptor";
}

TEST_F(GuestOsTest, SignalFrameRoundTripsTheInterruptedState) {
  InstallHandler(kSigUsr1, kSaSiginfo);
  for (int i = 1; i < 32; ++i) state_.gr[i] = 0x1000 * i + 7;
  state_.gr[30] = kStack + 0x204;
  state_.sar = 17;
  state_.psw_cb = 0xa5;
  state_.psw_v = true;
  state_.gr[20] = kNrKill;
  state_.gr[26] = kGuestPid;
  state_.gr[25] = kSigUsr1;
  state_.gr[31] = kReturn | kUserPrivilege;
  ArchState before = state_;
  before.gr[28] = 0;  // kill's result, saved in the frame
  before.iaoq_front = kReturn | kUserPrivilege;
  before.iaoq_back = before.iaoq_front + 4;

  os_->Gateway(kGatewaySyscall, &state_);
  // The handler runs now: frame at the stack pointer rounded up to 64, handler args set.
  const uint32_t frame = kStack + 0x240;
  EXPECT_EQ(state_.pc(), kHandler);
  EXPECT_EQ(state_.gr[26], static_cast<uint32_t>(kSigUsr1));
  EXPECT_EQ(state_.gr[25], frame + kSiginfoOffset);
  EXPECT_EQ(state_.gr[24], frame + kUcontextOffset);
  EXPECT_EQ(state_.gr[30], frame + kRtSigframeSize);
  EXPECT_EQ(state_.gr[2], kSigtrampEntry | kUserPrivilege);
  EXPECT_EQ(Get(frame + kSiginfoOffset), static_cast<uint32_t>(kSigUsr1));
  EXPECT_EQ(Get(frame + kSiginfoOffset + 8), static_cast<uint32_t>(kSiUser));
  EXPECT_EQ(Get(frame + kSiginfoOffset + 12), static_cast<uint32_t>(kGuestPid));
  EXPECT_EQ(Get(frame + kMcontextOffset + 4 + 4 * 5), before.gr[5]);
  // sc_gr[0], the PSW as Linux shows it: V is PSW bit 14 (1 << 17), the C/B bits 16 to 23
  // (0xa5 << 8), counting from the most significant bit (PA-RISC 2.0 manual, "PSW").
  EXPECT_EQ(Get(frame + kMcontextOffset + 4), 0x0002a500u);
  EXPECT_EQ(Get(frame + kMcontextOffset + 400), before.iaoq_front);  // sc_iaoq[0]
  EXPECT_EQ(Get(frame + kMcontextOffset + 408), 17u);                 // sc_sar
  EXPECT_TRUE(os_->signal_counts().count("SIGUSR1"));

  // The handler clobbers registers, then returns through the trampoline.
  for (int i = 3; i < 19; ++i) state_.gr[i] = 0xbad;
  state_.sar = 3;
  Call(kNrRtSigreturn);
  for (int i = 1; i < 32; ++i) EXPECT_EQ(state_.gr[i], before.gr[i]) << "gr" << i;
  EXPECT_EQ(state_.sar, 17u);
  EXPECT_EQ(state_.psw_cb, 0xa5u);
  EXPECT_TRUE(state_.psw_v);
  EXPECT_EQ(state_.iaoq_front, before.iaoq_front);
  EXPECT_EQ(state_.iaoq_back, before.iaoq_back);
}

TEST_F(GuestOsTest, DefaultActionKillsWith128PlusSigno) {
  Call(kNrKill, kGuestPid, kSigTerm);
  EXPECT_EQ(os_->process_state(), ProcessState::kKilled);
  EXPECT_EQ(os_->exit_status(), 128 + kSigTerm);
  EXPECT_EQ(os_->killed_by(), kSigTerm);
}

TEST_F(GuestOsTest, BlockedSignalWaitsUntilUnblocked) {
  InstallHandler(kSigUsr2);
  Put(kData + 16, 1u << (kSigUsr2 - 1));
  Put(kData + 20, 0);
  EXPECT_EQ(Call(kNrRtSigprocmask, 0, kData + 16, 0, 8), 0);  // SIG_BLOCK
  Call(kNrKill, kGuestPid, kSigUsr2);
  EXPECT_EQ(state_.pc(), kReturn) << "blocked: not delivered";
  EXPECT_EQ(Call(kNrRtSigpending, kData + 24, 8), 0);
  EXPECT_EQ(Get(kData + 24), 1u << (kSigUsr2 - 1));
  Call(kNrRtSigprocmask, 1, kData + 16, 0, 8);  // SIG_UNBLOCK: delivered on return
  EXPECT_EQ(state_.pc(), kHandler);
}

TEST_F(GuestOsTest, IntervalTimerFiresAtTheConfiguredCycle) {
  InstallHandler(kSigAlrm);
  // 10 ms interval and value: 1.8 million cycles at 180 MHz.
  Put(kData + 32, 0);
  Put(kData + 36, 10000);
  Put(kData + 40, 0);
  Put(kData + 44, 10000);
  EXPECT_EQ(Call(kNrSetitimer, 0, kData + 32, 0), 0);
  clock_.cycles = 1799999;
  EXPECT_FALSE(os_->NeedsAttention());
  clock_.cycles = 1800000;
  EXPECT_TRUE(os_->NeedsAttention());
  os_->Poll(&state_);
  EXPECT_EQ(state_.pc(), kHandler);
  EXPECT_FALSE(os_->NeedsAttention()) << "re-armed for 3.6 million cycles";
}

TEST_F(GuestOsTest, NanosleepAdvancesSimulatedTimeOnly) {
  Put(kData, 2);
  Put(kData + 4, 500000000);
  EXPECT_EQ(Call(kNrNanosleep, kData, 0), 0);
  EXPECT_EQ(clock_.cycles, 450000000u);  // 2.5 s at 180 MHz
  EXPECT_EQ(clock_.idle_cycles, 450000000u);
  EXPECT_EQ(Call(kNrClockGettime, 1, kData + 8), 0);  // CLOCK_MONOTONIC
  EXPECT_EQ(Get(kData + 8), 2u);
  EXPECT_EQ(Get(kData + 12), 500000000u);
  EXPECT_EQ(static_cast<uint32_t>(Call(kNrTime, 0)), 946684802u);
}

// The longest nanosleep is 2^31 s, 3.9e17 cycles at 180 MHz: about 24 of them reach the
// end of simulated time (2^63 cycles), and 47 would wrap a 64-bit counter. The clock must
// never go back, and the sleep that would pass the end stops the guest.
TEST_F(GuestOsTest, SleepingPastTheEndOfSimulatedTimeStopsTheGuest) {
  Put(kData, 0x7fffffff);
  Put(kData + 4, 999999999);
  uint64_t last = clock_.cycles;
  int sleeps = 0;
  while (os_->process_state() == ProcessState::kRunning && sleeps < 60) {
    EXPECT_EQ(Call(kNrNanosleep, kData, 0), 0);
    ++sleeps;
    ASSERT_GE(clock_.cycles, last) << "the clock went back after " << sleeps << " sleeps";
    last = clock_.cycles;
  }
  EXPECT_EQ(sleeps, 24);
  EXPECT_LT(clock_.cycles, kEndOfSimulatedTime);
  EXPECT_EQ(os_->process_state(), ProcessState::kKilled);
  EXPECT_NE(log_.str().find("past the end of simulated time"), std::string::npos);
}

// A sleep that would pass the end still ends early when a timer's signal arrives, and a
// timer set past the end never fires.
TEST_F(GuestOsTest, TimersNearTheEndOfSimulatedTime) {
  InstallHandler(kSigAlrm);
  Put(kData + 16, 0x7fffffff);
  Put(kData + 20, 0);
  clock_.cycles = kEndOfSimulatedTime - 1000000000;  // 5.6 s before the end
  EXPECT_EQ(Call(kNrAlarm, 1), 0);
  EXPECT_EQ(Call(kNrNanosleep, kData + 16, 0), -kEINTR);
  EXPECT_EQ(os_->process_state(), ProcessState::kRunning);
  EXPECT_EQ(clock_.cycles, kEndOfSimulatedTime - 1000000000 + 180000000);
  EXPECT_EQ(Call(kNrAlarm, 10), 0);  // 10 s: past the end, never fires
  EXPECT_FALSE(os_->NeedsAttention());
  EXPECT_EQ(os_->AttentionCycle(), UINT64_MAX);
}

TEST_F(GuestOsTest, SigsuspendWithNothingArmedStopsTheGuest) {
  Put(kData, 0);
  Put(kData + 4, 0);
  Call(kNrRtSigsuspend, kData, 8);
  EXPECT_EQ(os_->process_state(), ProcessState::kKilled);
  EXPECT_NE(log_.str().find("can never arrive"), std::string::npos);
}

class FsSandboxTest : public testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/dynsim_fs_XXXXXX";
    top_ = mkdtemp(tmpl);
    ASSERT_EQ(system(("mkdir -p " + top_ + "/root/sub && echo secret > " + top_ + "/outside.txt && echo ok > " +
                      top_ + "/root/sub/in.txt && ln -s ../../outside.txt " + top_ + "/root/sub/escape")
                         .c_str()),
              0);
  }
  void TearDown() override { ASSERT_EQ(system(("rm -rf " + top_).c_str()), 0); }
  std::string top_;
};

TEST_F(FsSandboxTest, OnlyGrantedFilesOpen) {
  FsSandbox sandbox;
  std::string error;
  ASSERT_TRUE(sandbox.Grant({top_ + "/root", false}, &error)) << error;
  int fd = sandbox.Open(top_ + "/root/sub/in.txt", O_RDONLY, 0);
  EXPECT_GE(fd, 0);
  if (fd >= 0) close(fd);
  fd = sandbox.Open("sub/in.txt", O_RDONLY, 0);  // relative to the first root
  EXPECT_GE(fd, 0);
  if (fd >= 0) close(fd);
  EXPECT_EQ(sandbox.Open(top_ + "/root/../outside.txt", O_RDONLY, 0), -kEACCES);
  EXPECT_EQ(sandbox.Open(top_ + "/root/sub/escape", O_RDONLY, 0), -kEACCES) << "symlink out of the root";
  EXPECT_EQ(sandbox.Open("/etc/passwd", O_RDONLY, 0), -kEACCES);
  EXPECT_EQ(sandbox.Open(top_ + "/root/sub/in.txt", O_WRONLY, 0), -kEACCES) << "read-only root";
  EXPECT_EQ(sandbox.Open(top_ + "/root/new.txt", O_WRONLY | O_CREAT, 0644), -kEACCES);
  EXPECT_EQ(sandbox.Open(top_ + "/root/missing.txt", O_RDONLY, 0), -kENOENT);
  EXPECT_FALSE(sandbox.Grant({top_ + "/nonexistent", false}, &error));
  EXPECT_NE(error.find("no such directory"), std::string::npos);
}

// A FIFO would block open() on the host until a writer came; devices are refused too.
// The alarm turns a blocked open into a failure instead of a hung test.
TEST_F(FsSandboxTest, OnlyRegularFilesAndDirectoriesOpen) {
  ASSERT_EQ(mkfifo((top_ + "/root/fifo").c_str(), 0600), 0);
  FsSandbox sandbox;
  std::string error;
  ASSERT_TRUE(sandbox.Grant({top_ + "/root", true}, &error)) << error;
  ASSERT_TRUE(sandbox.Grant({"/dev", false}, &error)) << error;
  alarm(20);
  EXPECT_EQ(sandbox.Open(top_ + "/root/fifo", O_RDONLY, 0), -kEACCES);
  EXPECT_EQ(sandbox.Open(top_ + "/root/fifo", O_WRONLY, 0), -kEACCES);
  EXPECT_EQ(sandbox.Open("/dev/zero", O_RDONLY, 0), -kEACCES);
  alarm(0);
  int fd = sandbox.Open(top_ + "/root/sub", O_RDONLY | O_DIRECTORY, 0);
  EXPECT_GE(fd, 0) << "directories open";
  if (fd >= 0) close(fd);
  fd = sandbox.Open(top_ + "/root/sub/in.txt", O_RDONLY, 0);
  ASSERT_GE(fd, 0);
  EXPECT_EQ(fcntl(fd, F_GETFL) & O_NONBLOCK, 0) << "the guest did not ask for O_NONBLOCK";
  close(fd);
}

TEST_F(FsSandboxTest, NoRootsMeansNoFiles) {
  FsSandbox sandbox;
  EXPECT_EQ(sandbox.Open(top_ + "/root/sub/in.txt", O_RDONLY, 0), -kEACCES);
}

}  // namespace
}  // namespace dynsim
