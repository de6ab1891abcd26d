// The modeled operating system of one guest process: Linux-hppa system calls, signals,
// interval timers and simulated time. The core hands control here when the guest
// branches to the syscall gateway (page zero, offset 0x100, as `ble 0x100(%sr2,%r0)`
// does), when an instruction faults, and at instruction boundaries where a timer has
// expired or a signal is deliverable.
//
// Time is simulated: the clock is the core's cycle counter at the configured frequency,
// starting from a fixed epoch, so every run sees the same times. Sleeping advances the
// clock instead of waiting. Nothing here reads host time.
#ifndef DYNSIM_OS_MODEL_GUEST_OS_H
#define DYNSIM_OS_MODEL_GUEST_OS_H

#include <sys/stat.h>

#include <cstdint>
#include <functional>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "isa/state.h"
#include "machine/arch_state.h"
#include "machine/memory.h"
#include "os_model/elf_loader.h"
#include "os_model/fs_sandbox.h"
#include "os_model/signals.h"

namespace dynsim {

// Page-zero gateway entries (Linux arch/parisc/kernel/syscall.S).
constexpr GuestAddr kGatewaySyscall = 0x100;
constexpr GuestAddr kGatewayLightweight = 0xb0;  // light-weight syscalls (atomics)
constexpr GuestAddr kGatewaySetThreadPointer = 0xe0;
// Where handlers return: a page holding `ldi 0,%r25; ldi 173,%r20; ble 0x100(%sr2,%r0);
// nop` at +8, at the address qemu-hppa uses, so r2 in a handler matches the oracle.
constexpr GuestAddr kSigtrampPage = 0xf9fff000;
constexpr GuestAddr kSigtrampEntry = kSigtrampPage + 8;
// Anonymous mmap regions are placed from here upward (below the sigtramp page).
constexpr GuestAddr kMmapBase = 0x40000000;

// The simulated clock, shared with the core, which advances `cycles`.
struct SimClock {
  uint64_t cycles = 0;
  uint64_t idle_cycles = 0;  // cycles added while the guest slept (not virtual time)
  uint64_t hz = 180000000;   // PA-8000 at 180 MHz (reference/pa8000.md)
};

// Simulated time ends at this cycle, so that cycle arithmetic never wraps (2^63 cycles:
// about 1,600 years at 180 MHz, 2.9 years at the fastest clock the schema allows,
// 100 GHz). A timer set to expire later never fires; a guest that sleeps past the end
// would never wake, and is stopped like one waiting for a signal that cannot arrive.
constexpr uint64_t kEndOfSimulatedTime = uint64_t{1} << 63;

struct OsConfig {
  uint64_t epoch_seconds = 946684800;  // 2000-01-01T00:00:00Z, the guest's boot time
  uint64_t random_seed = 1;            // getrandom and AT_RANDOM
  std::vector<FsGrant> fs_roots;
  std::string hostname = "dynsim";
};

// What guest software may tell the simulator (kNrDynsim* calls, syscall_numbers.h): the
// simulation implements it; without one the calls fail with ENOSYS as on Linux.
class SimulatorCalls {
 public:
  virtual ~SimulatorCalls() = default;
  // The guest names the code in [lo, hi) (cycle attribution, sim/regions.h).
  virtual void AnnounceRegion(const std::string& name, uint32_t lo, uint32_t hi) = 0;
  // The guest reports a counter of its own (Dynamo's fragment counts) for the stats.
  virtual void ReportCounter(const std::string& name, uint64_t value) = 0;
};

// What the OS did, for the simulator's debug output (dynsim run --debug-flags=Syscall,
// Signal); without a listener nothing is told and nothing is spent.
class OsEventListener {
 public:
  virtual ~OsEventListener() = default;
  // A system call through the gateway and its result (-errno on failure).
  virtual void OnSyscall(uint32_t nr, const uint32_t args[6], int64_t result) = 0;
  // A signal delivered or acted on (a handler started, or its default action).
  virtual void OnSignal(int signo, const ArchState& state) = 0;
};

// Where a guest's run stands after the OS acted.
enum class ProcessState { kRunning, kExited, kKilled };

class GuestOs {
 public:
  // `log` receives the OS's diagnostics (unknown syscalls, ...), never guest output.
  GuestOs(GuestMemory* memory, SimClock* clock, const OsConfig& config, std::ostream* log);

  // Maps the sigtramp page and sets the program break after the image.
  bool Start(const ElfImage& image, std::string* error);
  // Fills the 16 AT_RANDOM bytes from the seed.
  void RandomBytes(uint8_t* out, uint32_t n);

  // The guest branched into page zero at `gateway` (masked IAOQ front). Performs the call
  // and returns to r31 as the gateway does, then delivers any signal it made deliverable.
  void Gateway(GuestAddr gateway, ArchState* state);
  void set_simulator_calls(SimulatorCalls* calls) { simulator_calls_ = calls; }
  void set_event_listener(OsEventListener* listener) { events_ = listener; }
  // Under Dynamo the application's system calls enter the gateway from Dynamo's code
  // (`code_lo`..`code_hi`), and the application's own return address is the word at
  // `app_return_addr` (its r31 in the app context). Diagnostics then name that pc.
  void SetCallsOnBehalf(GuestAddr code_lo, GuestAddr code_hi, GuestAddr app_return_addr) {
    behalf_lo_ = code_lo;
    behalf_hi_ = code_hi;
    behalf_return_addr_ = app_return_addr;
  }

  // A synchronous fault at the current instruction.
  void Fault(const SignalInfo& info, ArchState* state);
  // The instruction at `iaoq_front` trapped with `trap` (nothing of it committed): the
  // signal Linux raises for it (trap_signals.h), as a synchronous fault.
  void Trap(const isa::Effect& trap, uint32_t iaoq_front, ArchState* state);
  // The fetch of the instruction at `pc` failed with `fault`.
  void FetchFault(GuestAddr pc, MemFault fault, ArchState* state);
  // Posts timer signals due by now and delivers deliverable signals. Cheap to call when
  // `NeedsAttention` is false: the core calls it only when that is true.
  void Poll(ArchState* state);
  bool NeedsAttention() const { return clock_->cycles >= AttentionCycle(); }
  // The cycle at which the core must next call Poll: now (0) if a signal is deliverable,
  // else the next timer expiry. Only calls into GuestOs change it, so the core may keep
  // it until its next call here.
  uint64_t AttentionCycle() const { return signals_.HasDeliverable() ? 0 : next_timer_cycle_; }
  // The cycle of the next timer expiry (UINT64_MAX: none armed). The listener, if set, is
  // told each time it changes (a timer armed, re-armed, cancelled or fired), at the cycle
  // of the change, so the system model can schedule the expiry as an event in simulated
  // time (sim/system.h). The core needs neither: AttentionCycle() already stops it there.
  uint64_t NextTimerCycle() const { return next_timer_cycle_; }
  using TimerListener = std::function<void(uint64_t next_timer_cycle)>;
  void SetTimerListener(TimerListener listener) { timer_listener_ = std::move(listener); }

  ProcessState process_state() const { return process_state_; }
  int exit_status() const { return exit_status_; }  // 128+signo if killed
  int killed_by() const { return killed_by_; }
  uint32_t killed_at_pc() const { return killed_at_pc_; }

  // Statistics, in deterministic (name) order.
  const std::map<std::string, uint64_t>& syscall_counts() const { return syscall_counts_; }
  const std::map<std::string, uint64_t>& signal_counts() const { return signal_counts_; }
  const std::set<uint32_t>& unknown_syscalls() const { return unknown_syscalls_; }
  // Calls answered with ENOSYS, by name ("sys_42" where Linux-hppa has no name).
  const std::map<std::string, uint64_t>& unsupported_counts() const { return unsupported_counts_; }

  // Simulated time in nanoseconds since the epoch.
  uint64_t NowNs() const;

 private:
  struct DirEntry {
    std::string name;
    uint8_t type;  // d_type
    uint64_t ino;  // the guest's inode number
  };
  struct OpenFile {
    int host_fd = -1;
    bool owned = false;  // closed on guest close (not the host's stdio)
    bool cloexec = false;  // FD_CLOEXEC: recorded only, as nothing is ever exec'd
    // A directory's entries, read on the first getdents64 (syscalls_dir.cc).
    bool listing_loaded = false;
    std::vector<DirEntry> listing;
    size_t listing_pos = 0;
  };
  struct IntervalTimer {
    uint64_t next = UINT64_MAX;  // cycle (virtual timers: virtual cycle) of next expiry
    uint64_t interval = 0;       // cycles; 0 = one-shot
  };

  using Args = const uint32_t (&)[6];
  int64_t Dispatch(uint32_t nr, Args a, ArchState* state, bool* no_result);
  // The light-weight syscall gateway at 0xb0 (lws_gateway.h).
  void LightweightSyscall(ArchState* state);
  // Reports an unsupported call once (with its pc) and answers ENOSYS; processes and
  // threads get a message saying they are out of scope (syscalls_process.cc).
  int64_t Unsupported(uint32_t nr, const ArchState& state);
  // Ends a run whose guest repeats an unsupported call in a loop (see guest_os.cc).
  void StopRetryLoop(ArchState* state);

  // Files (syscalls_file.cc)
  int64_t SysDynsim(uint32_t nr, Args a);
  int64_t SysRead(Args a);
  int64_t SysWrite(Args a);
  int64_t SysWritev(Args a);
  int64_t SysOpen(int dirfd, GuestAddr path, uint32_t flags, uint32_t mode);
  int64_t SysClose(Args a);
  int64_t SysLseek(Args a);
  int64_t SysIoctl(Args a);
  int HostFd(uint32_t guest_fd) const;
  int64_t SysReadv(Args a);
  int64_t SysLlseek(Args a);
  int64_t SysDup(uint32_t old_fd, int32_t new_fd, bool cloexec);
  int64_t SysFcntl(Args a);
  // File status and lookups (syscalls_stat.cc)
  struct FileStatus {
    uint32_t mode = 0;
    uint64_t size = 0;
    uint64_t ino = 0;
  };
  enum class StatLayout { kStat, kStat64, kStatx };
  FileStatus StatusOf(const struct stat& st);
  int64_t PutStatus(const FileStatus& s, GuestAddr out, StatLayout layout);
  int64_t StatFd(uint32_t guest_fd, GuestAddr out, StatLayout layout);
  int64_t StatPath(int32_t dirfd, GuestAddr path, uint32_t at_flags, GuestAddr out, StatLayout layout);
  int64_t SysReadlink(int32_t dirfd, GuestAddr path, GuestAddr buf, uint32_t size);
  int64_t SysAccess(int32_t dirfd, GuestAddr path, uint32_t mode);
  // Reads a guest path and resolves it through the sandbox for a lookup: a host fd opened
  // with O_PATH, or -errno.
  int OpenForLookup(int32_t dirfd, GuestAddr path_addr, std::string* path);
  // Directories (syscalls_dir.cc)
  int ResolveEntryAt(int32_t dirfd, GuestAddr path, std::string* host_path);
  int64_t SysUnlinkAt(int32_t dirfd, GuestAddr path, uint32_t flags);
  int64_t SysMkdirAt(int32_t dirfd, GuestAddr path, uint32_t mode);
  int64_t SysRenameAt(int32_t old_dirfd, GuestAddr old_path, int32_t new_dirfd, GuestAddr new_path, uint32_t flags);
  int64_t SysGetcwd(GuestAddr buf, uint32_t size);
  int64_t SysGetdents64(Args a);
  bool LoadListing(OpenFile* file);
  // lseek on a directory whose listing was read moves in the listing: true and the new
  // position (or -errno) in `result`; false if `guest_fd` is not such a directory.
  bool SeekListing(uint32_t guest_fd, int64_t offset, int whence, int64_t* result);
  // Memory (syscalls_memory.cc)
  int64_t SysBrk(Args a);
  int64_t SysMmap(Args a, uint64_t offset_bytes);
  int64_t SysMremap(Args a);
  int64_t CopyFileIn(int host_fd, uint64_t offset, GuestAddr addr, uint32_t length);
  int64_t SysMunmap(Args a);
  int64_t SysMprotect(Args a);
  // Signals (syscalls_signal.cc)
  int64_t SysRtSigaction(Args a);
  int64_t SysRtSigprocmask(Args a);
  int64_t SysRtSigpending(Args a);
  int64_t SysRtSigsuspend(Args a, ArchState* state);
  int64_t SysPause(ArchState* state);
  // Idles until a signal is deliverable; false (the guest killed, with a message naming
  // `call`) if no timer is armed, since then nothing could ever arrive.
  bool SleepUntilSignal(const char* call, ArchState* state);
  int64_t SysSigaltstack(Args a, const ArchState& state);
  int64_t SysKill(uint32_t pid, uint32_t sig, int32_t code);
  int64_t SysRtSigreturn(ArchState* state);
  void DeliverSignals(ArchState* state);
  void Kill(int signo, const ArchState& state);
  // Time (syscalls_time.cc)
  int64_t SysClockGettime(Args a);
  int64_t SysGettimeofday(Args a);
  int64_t SysTime(Args a);
  int64_t SysNanosleep(Args a, const ArchState& state);
  int64_t SysClockNanosleep(Args a, bool time64, const ArchState& state);
  // Sleeps `ns` of simulated time or until a signal is deliverable (-EINTR, the time
  // left written to `remain` unless it is 0); a sleep past the end of simulated time
  // kills the guest, as nanosleep does.
  int64_t SleepNs(uint64_t ns, GuestAddr remain, bool time64, const ArchState& state);
  int64_t SysSetitimer(Args a);
  int64_t SysGetitimer(Args a);
  int64_t SysAlarm(Args a);
  int64_t SysUname(Args a);
  int64_t SysGetrandom(Args a);
  int64_t SysClockGettime64(Args a);
  bool ClockNs(uint32_t id, uint64_t* ns) const;
  int64_t SysClockGetres(Args a, bool time64);
  int64_t SysSysinfo(Args a);
  // Process (syscalls_process.cc)
  int64_t SysSetTidAddress(Args a);
  int64_t SysSetRobustList(Args a);
  int64_t SysGetrlimit(Args a);
  int64_t SysSetrlimit(Args a);
  int64_t SysPrlimit64(Args a);
  int64_t SysFutex(Args a, const ArchState& state);
  void InitResourceLimits();
  void FireTimers();
  void UpdateNextTimer();
  uint64_t VirtualCycles() const { return clock_->cycles - clock_->idle_cycles; }
  // The cycle `delta` cycles after `now`, or UINT64_MAX (never) at or past the end of
  // simulated time.
  static uint64_t CycleAfter(uint64_t now, unsigned __int128 delta);
  // Advances the clock to `cycle` as idle time (sleeping); timers due fire.
  void IdleUntil(uint64_t cycle);

  void Exit(int status);
  bool CopyOut(GuestAddr addr, const void* src, uint32_t n) { return memory_->WriteBytes(addr, src, n); }
  bool CopyIn(GuestAddr addr, void* dst, uint32_t n) const { return memory_->ReadBytes(addr, dst, n); }
  bool Put32(GuestAddr addr, uint32_t v);
  bool Get32(GuestAddr addr, uint32_t* v) const;
  // Where the application made the system call now being performed: the gateway's return
  // address, or the application's own when Dynamo calls on its behalf.
  GuestAddr CallerPc(const ArchState& state) const;
  // `pc` itself, or, for a pc in Dynamo's code (SetCallsOnBehalf), the application's pc
  // Dynamo left in the app context's r31 slot.
  GuestAddr AppPcOf(GuestAddr pc) const;

  GuestMemory* memory_;
  SimClock* clock_;
  OsConfig config_;
  std::ostream* log_;
  SimulatorCalls* simulator_calls_ = nullptr;
  OsEventListener* events_ = nullptr;
  GuestAddr behalf_lo_ = 0, behalf_hi_ = 0, behalf_return_addr_ = 0;
  FsSandbox sandbox_;
  SignalState signals_;
  std::vector<OpenFile> files_;
  GuestAddr brk_start_ = 0, brk_ = 0;
  // ITIMER_REAL counts all cycles; ITIMER_VIRTUAL and ITIMER_PROF count the cycles the
  // guest ran (not slept).
  IntervalTimer timers_[3];
  uint64_t next_timer_cycle_ = UINT64_MAX;
  TimerListener timer_listener_;
  uint64_t random_state_;
  ProcessState process_state_ = ProcessState::kRunning;
  int exit_status_ = 0;
  int killed_by_ = 0;
  uint32_t killed_at_pc_ = 0;
  bool suspend_mask_pending_ = false;
  uint64_t suspend_saved_mask_ = 0;
  std::map<std::string, uint64_t> syscall_counts_;
  std::map<std::string, uint64_t> signal_counts_;
  std::set<uint32_t> unknown_syscalls_;
  std::map<std::string, uint64_t> unsupported_counts_;
  std::set<std::string> reported_unsupported_;  // unsupported calls already logged
  // The retry-loop guard (StopRetryLoop): the last unsupported call's site, how many
  // times in a row it came, and whether the current gateway call was unsupported.
  static constexpr uint64_t kRetryLoopLimit = 100000;
  uint32_t retry_site_ = 0;
  uint64_t retry_count_ = 0;
  bool unsupported_call_ = false;
  // set_tid_address and set_robust_list: recorded; with one thread nothing reads them
  // until exit, where the kernel would clear *clear_child_tid (no one can wait on it).
  GuestAddr clear_child_tid_ = 0;
  GuestAddr robust_list_head_ = 0;
  struct ResourceLimit {
    uint64_t soft, hard;
  };
  static constexpr int kNumResourceLimits = 16;  // RLIM_NLIMITS
  ResourceLimit limits_[kNumResourceLimits];
  std::string program_path_;  // what readlink("/proc/self/exe") answers
  // Host (device, inode) -> the guest's inode number, in order of first sight.
  std::map<std::pair<uint64_t, uint64_t>, uint64_t> guest_inodes_;
};

}  // namespace dynsim

#endif  // DYNSIM_OS_MODEL_GUEST_OS_H
