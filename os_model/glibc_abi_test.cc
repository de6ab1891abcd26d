// The parts of the process ABI that static glibc programs use, through GuestOs::Gateway
// as a guest reaches them: the light-weight syscall gateway's registers and return, the
// start-up calls (set_tid_address, robust lists, resource limits, /proc/self/exe), the
// 64-bit time and stat calls, mremap, and what the guest is told when it asks for more
// than one process or thread, or retries an unsupported call for ever.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>

#include "os_model/guest_errno.h"
#include "os_model/guest_os.h"
#include "os_model/lws_gateway.h"
#include "os_model/process.h"
#include "os_model/syscall_numbers.h"

namespace dynsim {
namespace {

constexpr GuestAddr kData = 0x00100000;
constexpr GuestAddr kReturn = 0x00010100;

class GlibcAbiTest : public testing::Test {
 protected:
  void SetUp() override {
    memory_.Map(0x10000, 0x1000, kPermRead | kPermExec);
    memory_.Map(kData, 0x1000, kPermRead | kPermWrite);
    image_.image_end = 0x00101000;
    image_.path = "/no/such/dir/prog";  // not resolvable: reported as given
    os_.reset(new GuestOs(&memory_, &clock_, config_, &log_));
    std::string error;
    ASSERT_TRUE(os_->Start(image_, &error)) << error;
    state_.JumpTo(0x10000);
  }
  void Enter(GuestAddr gateway, uint32_t r20, uint32_t r26 = 0, uint32_t r25 = 0, uint32_t r24 = 0,
             uint32_t r23 = 0, uint32_t r22 = 0) {
    state_.gr[20] = r20;
    state_.gr[26] = r26;
    state_.gr[25] = r25;
    state_.gr[24] = r24;
    state_.gr[23] = r23;
    state_.gr[22] = r22;
    state_.gr[31] = kReturn | kUserPrivilege;
    os_->Gateway(gateway, &state_);
  }
  int32_t Call(uint32_t nr, uint32_t a0 = 0, uint32_t a1 = 0, uint32_t a2 = 0, uint32_t a3 = 0, uint32_t a4 = 0,
               uint32_t a5 = 0) {
    state_.gr[21] = a5;
    Enter(kGatewaySyscall, nr, a0, a1, a2, a3, a4);
    return static_cast<int32_t>(state_.gr[28]);
  }
  uint32_t Get(GuestAddr a) {
    uint32_t v = 0;
    EXPECT_EQ(memory_.Load<uint32_t>(a, &v), MemFault::kNone);
    return v;
  }
  void Put(GuestAddr a, uint32_t v) { ASSERT_EQ(memory_.Store<uint32_t>(a, v), MemFault::kNone); }

  GuestMemory memory_;
  SimClock clock_;
  OsConfig config_;
  std::ostringstream log_;
  ElfImage image_;
  std::unique_ptr<GuestOs> os_;
  ArchState state_;
};

TEST_F(GlibcAbiTest, LightweightCasSetsR28AndR21AndReturnsThroughR31) {
  Put(kData, 41);
  Enter(kGatewayLightweight, kLwsCompareAndSwap32, kData, 41, 42);
  EXPECT_EQ(state_.gr[28], 41u);
  EXPECT_EQ(state_.gr[21], 0u);
  EXPECT_EQ(Get(kData), 42u);
  EXPECT_EQ(state_.pc(), kReturn);
  EXPECT_EQ(os_->syscall_counts().at("lws_compare_and_swap32"), 1u);
}

TEST_F(GlibcAbiTest, UnknownLwsEntryIsEnosysKeepsR28AndIsReportedOnceWithItsPc) {
  state_.gr[28] = 0x5555;
  Enter(kGatewayLightweight, 9, kData);
  Enter(kGatewayLightweight, 9, kData);
  EXPECT_EQ(static_cast<int32_t>(state_.gr[21]), -kENOSYS);
  EXPECT_EQ(state_.gr[28], 0x5555u);
  const std::string log = log_.str();
  EXPECT_NE(log.find("unsupported light-weight syscall 9 at pc 0x10100"), std::string::npos) << log;
  EXPECT_EQ(log.find("light-weight", log.find('\n')), std::string::npos) << "reported once: " << log;
  EXPECT_EQ(os_->process_state(), ProcessState::kRunning);
}

TEST_F(GlibcAbiTest, RetryingAnUnsupportedCallForEverStopsTheGuest) {
  for (int i = 0; i < 200000 && os_->process_state() == ProcessState::kRunning; ++i)
    Enter(kGatewayLightweight, kLwsCompareAndSwap64, kData);
  EXPECT_EQ(os_->process_state(), ProcessState::kKilled);
  EXPECT_NE(log_.str().find("retried an unsupported call at pc 0x10100 100000 times in a row"), std::string::npos)
      << log_.str();
}

TEST_F(GlibcAbiTest, AnUnsupportedCallBetweenWorkingOnesIsNotARetryLoop) {
  for (int i = 0; i < 150000; ++i) {
    Enter(kGatewayLightweight, kLwsCompareAndSwap64, kData);
    Call(kNrGetpid);
  }
  EXPECT_EQ(os_->process_state(), ProcessState::kRunning);
}

TEST_F(GlibcAbiTest, SetThreadPointerWritesCr27AndNoResultRegister) {
  state_.gr[28] = 77;
  Enter(kGatewaySetThreadPointer, 0, 0x12345678);
  EXPECT_EQ(state_.cr27, 0x12345678u);
  EXPECT_EQ(state_.gr[28], 77u);
  EXPECT_EQ(state_.pc(), kReturn);
}

TEST_F(GlibcAbiTest, StartUpCalls) {
  EXPECT_EQ(Call(kNrSetTidAddress, kData), kGuestPid);
  EXPECT_EQ(Call(kNrSetRobustList, kData, 12), 0);
  EXPECT_EQ(Call(kNrSetRobustList, kData, 24), -kEINVAL);
  EXPECT_EQ(Call(kNrGetrlimit, 3, kData), 0);  // RLIMIT_STACK: the stack the loader maps
  EXPECT_EQ(Get(kData), kDefaultStackBytes);
  EXPECT_EQ(Get(kData + 4), 0xffffffffu);
  EXPECT_EQ(Call(kNrPrlimit64, 0, 7, 0, kData), 0);  // RLIMIT_NOFILE through prlimit64
  EXPECT_EQ(Get(kData + 4), 64u);
  EXPECT_EQ(Call(kNrGetrlimit, 16, kData), -kEINVAL);
  const char exe[] = "/proc/self/exe";
  ASSERT_TRUE(memory_.WriteBytes(kData + 0x100, exe, sizeof exe));
  EXPECT_EQ(Call(kNrReadlink, kData + 0x100, kData + 0x200, 64), 17);
  char link[18] = {};
  memory_.ReadBytes(kData + 0x200, link, 17);
  EXPECT_STREQ(link, "/no/such/dir/prog");
  EXPECT_EQ(Call(kNrReadlink, kData + 0x100, kData + 0x200, 4), 4) << "truncated, as readlink(2) does";
}

TEST_F(GlibcAbiTest, ClockGettime64WritesA64BitTimespecFromSimulatedTime) {
  clock_.cycles = clock_.hz * 3 + clock_.hz / 2;  // 3.5 s after boot
  EXPECT_EQ(Call(kNrClockGettime64, 1, kData), 0);
  EXPECT_EQ(Get(kData), 0u);
  EXPECT_EQ(Get(kData + 4), 3u);
  EXPECT_EQ(Get(kData + 12), 500000000u);
  EXPECT_EQ(Call(kNrClockGettime64, 0, kData), 0);
  EXPECT_EQ(Get(kData + 4), static_cast<uint32_t>(config_.epoch_seconds + 3));
  EXPECT_EQ(Call(kNrClockGettime64, 99, kData), -kEINVAL);
  EXPECT_EQ(Call(kNrClockGettime64, 0, 0x10), -kEFAULT);
}

TEST_F(GlibcAbiTest, ClockNanosleepAdvancesSimulatedTimeRelativeOrAbsolute) {
  Put(kData, 0);
  Put(kData + 4, 500000000);  // 0.5 s, 32-bit timespec
  EXPECT_EQ(Call(kNrClockNanosleep, 1, 0, kData, 0), 0);
  EXPECT_EQ(clock_.cycles, clock_.hz / 2);
  for (uint32_t i = 0; i < 4; ++i) Put(kData + 0x10 + 4 * i, i == 1 ? 2 : 0);  // 2 s, __kernel_timespec
  EXPECT_EQ(Call(kNrClockNanosleepTime64, 1, 1, kData + 0x10, 0), 0);  // TIMER_ABSTIME on CLOCK_MONOTONIC
  EXPECT_EQ(clock_.cycles, clock_.hz * 2);
  EXPECT_EQ(Call(kNrClockNanosleepTime64, 1, 1, kData + 0x10, 0), 0) << "a time already past returns at once";
  EXPECT_EQ(clock_.cycles, clock_.hz * 2);
  Put(kData + 4, 1000000000);
  EXPECT_EQ(Call(kNrClockNanosleep, 1, 0, kData, 0), -kEINVAL);
  EXPECT_EQ(Call(kNrClockNanosleep, 42, 0, kData, 0), -kEINVAL);
}

TEST_F(GlibcAbiTest, PauseWithNothingArmedStopsTheGuest) {
  Call(kNrPause);
  EXPECT_EQ(os_->process_state(), ProcessState::kKilled);
  EXPECT_NE(log_.str().find("waits in pause for a signal that can never arrive"), std::string::npos) << log_.str();
}

TEST_F(GlibcAbiTest, StatxOfStdoutAndFstat64AgreeOnTheInode) {
  EXPECT_EQ(Call(kNrStatx, 1, kData + 0x300, 0x1000, 0x7ff, kData), 0);  // AT_EMPTY_PATH, "" at +0x300
  EXPECT_EQ(Get(kData), 0x7ffu);                                          // stx_mask
  uint32_t ino = Get(kData + 36);
  EXPECT_EQ(Call(kNrFstat64, 1, kData + 0x400), 0);
  EXPECT_EQ(Get(kData + 0x400 + 100), ino);
  EXPECT_EQ(Call(kNrStatx, 77, kData + 0x300, 0x1000, 0x7ff, kData), -kEBADF);
}

TEST_F(GlibcAbiTest, DupCopiesDescriptorsWithTheirOwnCloseOnExecFlag) {
  EXPECT_EQ(Call(kNrDup3, 1, 5, 010000000), 5);  // O_CLOEXEC of Linux-hppa
  EXPECT_EQ(Call(kNrFcntl64, 5, 1), 1);           // F_GETFD: FD_CLOEXEC
  int copy = Call(kNrDup, 1);
  EXPECT_EQ(copy, 3) << "the lowest free slot";
  EXPECT_EQ(Call(kNrFcntl64, copy, 1), 0);
  EXPECT_EQ(Call(kNrClose, copy), 0);
  EXPECT_NE(Call(kNrFcntl64, 5, 3) & 3, 0) << "F_GETFL of stdout's copy: O_WRONLY or O_RDWR";
  EXPECT_EQ(Call(kNrClose, 5), 0);
  EXPECT_EQ(Call(kNrFcntl64, 5, 1), -kEBADF);
  EXPECT_EQ(Call(kNrDup3, 1, 1, 0), -kEINVAL);
  EXPECT_EQ(Call(kNrDup2, 1, 1), 1);
}

TEST_F(GlibcAbiTest, MremapGrowsInPlaceOrMovesWithItsContents) {
  uint32_t a = static_cast<uint32_t>(Call(kNrMmap2, 0, 8192, 3, 0x12));
  ASSERT_EQ(a, kMmapBase);
  Put(a + 8188, 0xfeedface);
  EXPECT_EQ(static_cast<uint32_t>(Call(kNrMremap, a, 8192, 16384, 1)), a) << "free pages after it: in place";
  EXPECT_EQ(Get(a + 8188), 0xfeedfaceu);
  uint32_t blocker = static_cast<uint32_t>(Call(kNrMmap2, 0, 4096, 3, 0x12));
  EXPECT_EQ(blocker, a + 16384);
  EXPECT_EQ(Call(kNrMremap, a, 16384, 32768, 0), -kENOMEM) << "blocked, and may not move";
  uint32_t moved = static_cast<uint32_t>(Call(kNrMremap, a, 16384, 32768, 1));
  EXPECT_NE(moved, a);
  EXPECT_EQ(Get(moved + 8188), 0xfeedfaceu);
  EXPECT_FALSE(memory_.IsMapped(a));
}

TEST_F(GlibcAbiTest, ThreadsAndProcessesAreOutOfScopeAndSaySoOnce) {
  EXPECT_EQ(Call(kNrClone, 0x003d0f00), -kENOSYS);  // pthread_create's flags include CLONE_THREAD
  EXPECT_EQ(Call(kNrClone, 0x003d0f00), -kENOSYS);
  EXPECT_EQ(Call(kNrClone, 0x01200011), -kENOSYS);  // glibc's fork: SIGCHLD | CLONE_CHILD_SETTID | CLEARTID
  EXPECT_EQ(Call(kNrFork), -kENOSYS);
  EXPECT_EQ(Call(kNrExecve, kData), -kENOSYS);
  const std::string log = log_.str();
  EXPECT_NE(log.find("dynsim: guest called clone at pc 0x10100: threads (clone with CLONE_THREAD) are out of scope"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("clone at pc 0x10100: new processes (clone, as glibc's fork uses it) are out of scope"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("fork at pc 0x10100: new processes (fork, vfork) are out of scope"), std::string::npos) << log;
  EXPECT_NE(log.find("execve at pc 0x10100: replacing the program (execve) is out of scope"), std::string::npos) << log;
  const size_t first = log.find("CLONE_THREAD");
  EXPECT_EQ(log.find("CLONE_THREAD", first + 1), std::string::npos) << "each reason reported once: " << log;
}

TEST_F(GlibcAbiTest, FutexWaitThatNoThreadCanWakeStopsTheGuest) {
  Put(kData, 1);
  EXPECT_EQ(Call(kNrFutex, kData, 1, 0), 0);       // FUTEX_WAKE: nobody waits
  EXPECT_EQ(Call(kNrFutex, kData, 0, 2), -kEAGAIN);  // FUTEX_WAIT, value changed: returns at once
  EXPECT_EQ(os_->process_state(), ProcessState::kRunning);
  Call(kNrFutex, kData, 0, 1);
  EXPECT_EQ(os_->process_state(), ProcessState::kKilled);
  EXPECT_NE(log_.str().find("no other thread can ever wake"), std::string::npos) << log_.str();
}

// Directory calls inside a writable --fs-root: a fresh GuestOs granted a temporary
// directory, driven with paths written into guest memory.
class DirectoryTest : public GlibcAbiTest {
 protected:
  void SetUp() override {
    std::string tmpl = std::string(std::getenv("TEST_TMPDIR") ? std::getenv("TEST_TMPDIR") : "/tmp") + "/dirtest.XXXXXX";
    ASSERT_NE(mkdtemp(&tmpl[0]), nullptr);
    dir_ = tmpl;
    config_.fs_roots = {{dir_, true}};
    GlibcAbiTest::SetUp();
  }
  void TearDown() override { EXPECT_EQ(std::system(("rm -rf '" + dir_ + "'").c_str()), 0); }
  GuestAddr Path(const std::string& p, GuestAddr at) {
    EXPECT_TRUE(memory_.WriteBytes(at, p.c_str(), static_cast<uint32_t>(p.size() + 1)));
    return at;
  }
  // The names in a getdents64 buffer of `n` bytes at `at`.
  std::vector<std::string> Names(GuestAddr at, int n) {
    std::vector<std::string> names;
    for (int off = 0; off < n;) {
      uint16_t reclen = 0;
      EXPECT_EQ(memory_.Load<uint16_t>(at + off + 16, &reclen), MemFault::kNone);
      std::string name;
      memory_.ReadString(at + off + 19, 256, &name);
      names.push_back(name);
      if (reclen == 0) break;
      off += reclen;
    }
    return names;
  }
  std::string dir_;
};

TEST_F(DirectoryTest, CreateListRenameRemove) {
  EXPECT_EQ(Call(kNrMkdir, Path("sub", kData), 0755), 0);
  EXPECT_EQ(Call(kNrMkdir, Path("sub", kData), 0755), -kEEXIST);
  int fd = Call(kNrOpen, Path("zeta.txt", kData), 0400 | 1, 0644);  // O_CREAT | O_WRONLY
  ASSERT_GE(fd, 3);
  EXPECT_EQ(Call(kNrClose, fd), 0);
  int d = Call(kNrOpen, Path(dir_, kData), 000010000, 0);  // O_DIRECTORY
  ASSERT_GE(d, 3);
  int n = Call(kNrGetdents64, d, kData + 0x400, 0x400);
  ASSERT_GT(n, 0);
  EXPECT_EQ(Names(kData + 0x400, n), (std::vector<std::string>{".", "..", "sub", "zeta.txt"})) << "sorted by name";
  EXPECT_EQ(Call(kNrGetdents64, d, kData + 0x400, 0x400), 0) << "end of the listing";
  EXPECT_EQ(Call(kNrLseek, d, 0, 0), 0);  // rewinddir
  EXPECT_EQ(Call(kNrGetdents64, d, kData + 0x400, 24), 24) << "one record of 24 bytes fits";
  EXPECT_EQ(Call(kNrGetdents64, d, kData + 0x400, 8), -kEINVAL) << "no record fits";
  EXPECT_EQ(Call(kNrClose, d), 0);
  EXPECT_EQ(Call(kNrRename, Path("zeta.txt", kData), Path("sub/alpha.txt", kData + 0x100)), 0);
  EXPECT_EQ(Call(kNrRmdir, Path("sub", kData)), -kENOTEMPTY);
  EXPECT_EQ(Call(kNrUnlink, Path("sub/alpha.txt", kData)), 0);
  EXPECT_EQ(Call(kNrRmdir, Path("sub", kData)), 0);
  EXPECT_EQ(Call(kNrUnlink, Path("sub/alpha.txt", kData)), -kENOENT);
  char* real = realpath(dir_.c_str(), nullptr);
  ASSERT_NE(real, nullptr);
  EXPECT_EQ(Call(kNrGetcwd, kData + 0x200, 512), static_cast<int32_t>(std::string(real).size() + 1));
  std::string cwd;
  memory_.ReadString(kData + 0x200, 512, &cwd);
  EXPECT_EQ(cwd, real) << "the first root is the working directory";
  free(real);
  EXPECT_EQ(Call(kNrGetcwd, kData + 0x200, 2), -kERANGE);
}

TEST_F(DirectoryTest, FileMappingsArePrivateCopiesOfTheFile) {
  int fd = Call(kNrOpen, Path("data.bin", kData), 0400 | 2, 0644);  // O_CREAT | O_RDWR
  ASSERT_GE(fd, 3);
  std::vector<uint8_t> bytes(4096 + 100);
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(i * 7);
  ASSERT_TRUE(memory_.Map(0x00300000, 0x2000, kPermRead | kPermWrite));
  ASSERT_TRUE(memory_.WriteBytes(0x00300000, bytes.data(), static_cast<uint32_t>(bytes.size())));
  ASSERT_EQ(Call(kNrWrite, fd, 0x00300000, static_cast<uint32_t>(bytes.size())), static_cast<int32_t>(bytes.size()));
  uint32_t whole = static_cast<uint32_t>(Call(kNrMmap2, 0, 8192, 1, 0x02, fd, 0));  // PROT_READ, MAP_PRIVATE
  ASSERT_EQ(whole & 0xfff, 0u) << static_cast<int32_t>(whole);
  uint8_t b = 0;
  EXPECT_EQ(memory_.Load<uint8_t>(whole + 4097, &b), MemFault::kNone);
  EXPECT_EQ(b, static_cast<uint8_t>(4097 * 7));
  EXPECT_EQ(memory_.Load<uint8_t>(whole + 4096 + 100, &b), MemFault::kNone);
  EXPECT_EQ(b, 0) << "past the end of the file: zero";
  EXPECT_EQ(memory_.Store<uint8_t>(whole, 1), MemFault::kProtection);
  // Offset one page in (mmap2 counts pages), writable: writes stay in the copy.
  uint32_t tail = static_cast<uint32_t>(Call(kNrMmap2, 0, 100, 3, 0x02, fd, 1));
  EXPECT_EQ(memory_.Load<uint8_t>(tail + 1, &b), MemFault::kNone);
  EXPECT_EQ(b, static_cast<uint8_t>(4097 * 7));
  EXPECT_EQ(memory_.Store<uint8_t>(tail + 1, 0), MemFault::kNone);
  uint32_t again = static_cast<uint32_t>(Call(kNrMmap2, 0, 100, 1, 0x02, fd, 1));
  EXPECT_EQ(memory_.Load<uint8_t>(again + 1, &b), MemFault::kNone);
  EXPECT_EQ(b, static_cast<uint8_t>(4097 * 7)) << "the file did not change";
  EXPECT_EQ(Call(kNrMmap2, 0, 4096, 3, 0x01, fd, 0), -kENODEV) << "writable MAP_SHARED is not modeled";
  EXPECT_EQ(Call(kNrMmap2, 0, 4096, 1, 0x01, fd, 0) & 0xfff, 0) << "a read-only shared mapping is a copy too";
  EXPECT_EQ(Call(kNrMmap, 0, 4096, 1, 0x02, fd, 100), -kEINVAL) << "mmap's byte offset must be page-aligned";
}

TEST_F(DirectoryTest, NothingOutsideAWritableRootChanges) {
  EXPECT_EQ(Call(kNrMkdir, Path("/tmp/dynsim_must_not_exist", kData), 0755), -kEACCES);
  EXPECT_EQ(Call(kNrUnlink, Path(dir_ + "/../x", kData)), -kEACCES);
  EXPECT_EQ(Call(kNrRmdir, Path(dir_, kData)), -kEACCES) << "the root itself lives in its parent";
  EXPECT_EQ(Call(kNrRmdir, Path("..", kData)), -kEINVAL);
}

}  // namespace
}  // namespace dynsim
