// Time, timers and system information. All of it derives from the simulated clock and
// the configuration, never from the host.
#include <cstring>

#include "os_model/guest_errno.h"
#include "os_model/guest_os.h"

namespace dynsim {
namespace {

constexpr uint32_t kClockRealtime = 0, kClockMonotonic = 1, kClockProcessCputime = 2,
                   kClockThreadCputime = 3, kClockMonotonicRaw = 4, kClockRealtimeCoarse = 5,
                   kClockMonotonicCoarse = 6, kClockBoottime = 7;
constexpr uint32_t kItimerReal = 0, kItimerVirtual = 1, kItimerProf = 2;
constexpr int kTimerSignal[3] = {kSigAlrm, kSigVtalrm, kSigProf};

}  // namespace

// The reading of clock `id` in nanoseconds, or false for a clock Linux does not have.
bool GuestOs::ClockNs(uint32_t id, uint64_t* ns) const {
  auto cycles_to_ns = [&](uint64_t cycles) {
    return static_cast<uint64_t>(static_cast<unsigned __int128>(cycles) * 1000000000u / clock_->hz);
  };
  switch (id) {
    case kClockRealtime:
    case kClockRealtimeCoarse: *ns = NowNs(); return true;
    case kClockMonotonic:
    case kClockMonotonicRaw:
    case kClockMonotonicCoarse:
    case kClockBoottime: *ns = cycles_to_ns(clock_->cycles); return true;
    case kClockProcessCputime:
    case kClockThreadCputime: *ns = cycles_to_ns(VirtualCycles()); return true;
    default: return false;
  }
}

// clock_gettime with the 32-bit struct timespec {tv_sec, tv_nsec}.
int64_t GuestOs::SysClockGettime(Args a) {
  uint64_t ns;
  if (!ClockNs(a[0], &ns)) return -kEINVAL;
  if (!Put32(a[1], static_cast<uint32_t>(ns / 1000000000u)) || !Put32(a[1] + 4, static_cast<uint32_t>(ns % 1000000000u)))
    return -kEFAULT;
  return 0;
}

// clock_gettime64 with struct __kernel_timespec {s64 tv_sec, s64 tv_nsec}: glibc 2.36
// calls it for time(), gettimeofday() and clock_gettime() alike.
int64_t GuestOs::SysClockGettime64(Args a) {
  uint64_t ns;
  if (!ClockNs(a[0], &ns)) return -kEINVAL;
  uint64_t sec = ns / 1000000000u, nsec = ns % 1000000000u;
  if (!memory_->RangeHas(a[1], 16, kPermWrite)) return -kEFAULT;
  Put32(a[1], static_cast<uint32_t>(sec >> 32));
  Put32(a[1] + 4, static_cast<uint32_t>(sec));
  Put32(a[1] + 8, 0);
  Put32(a[1] + 12, static_cast<uint32_t>(nsec));
  return 0;
}

// clock_getres: every clock advances by one cycle, a whole nanosecond at most 1 GHz.
int64_t GuestOs::SysClockGetres(Args a, bool time64) {
  uint64_t ns;
  if (!ClockNs(a[0], &ns)) return -kEINVAL;
  if (!a[1]) return 0;
  const uint32_t resolution = static_cast<uint32_t>((1000000000u + clock_->hz - 1) / clock_->hz);
  if (!memory_->RangeHas(a[1], time64 ? 16 : 8, kPermWrite)) return -kEFAULT;
  if (time64) {
    Put32(a[1], 0);
    Put32(a[1] + 4, 0);
    Put32(a[1] + 8, 0);
    Put32(a[1] + 12, resolution);
  } else {
    Put32(a[1], 0);
    Put32(a[1] + 4, resolution);
  }
  return 0;
}

int64_t GuestOs::SysGettimeofday(Args a) {
  uint64_t ns = NowNs();
  if (a[0] && (!Put32(a[0], static_cast<uint32_t>(ns / 1000000000u)) ||
               !Put32(a[0] + 4, static_cast<uint32_t>(ns % 1000000000u / 1000u))))
    return -kEFAULT;
  if (a[1] && (!Put32(a[1], 0) || !Put32(a[1] + 4, 0))) return -kEFAULT;  // struct timezone: UTC
  return 0;
}

int64_t GuestOs::SysTime(Args a) {
  uint32_t seconds = static_cast<uint32_t>(NowNs() / 1000000000u);
  if (a[0] && !Put32(a[0], seconds)) return -kEFAULT;
  return seconds;
}

uint64_t GuestOs::CycleAfter(uint64_t now, unsigned __int128 delta) {
  const unsigned __int128 at = now + delta;
  return at >= kEndOfSimulatedTime ? UINT64_MAX : static_cast<uint64_t>(at);
}

int64_t GuestOs::SysNanosleep(Args a, const ArchState& state) {
  uint32_t sec, nsec;
  if (!Get32(a[0], &sec) || !Get32(a[0] + 4, &nsec)) return -kEFAULT;
  if (nsec >= 1000000000u || static_cast<int32_t>(sec) < 0) return -kEINVAL;
  return SleepNs(uint64_t{sec} * 1000000000u + nsec, a[1], false, state);
}

// clock_nanosleep(clock, flags, request, remain), with the 32-bit timespec or (time64)
// struct __kernel_timespec, whose nanoseconds the kernel reads from the low word only.
// TIMER_ABSTIME sleeps until the clock reads `request`; `remain` is then not written.
int64_t GuestOs::SysClockNanosleep(Args a, bool time64, const ArchState& state) {
  constexpr uint32_t kTimerAbstime = 1;
  uint64_t now;
  if (!ClockNs(a[0], &now) || a[0] == kClockThreadCputime) return -kEINVAL;
  uint32_t w[4] = {};
  for (uint32_t i = 0; i < (time64 ? 4u : 2u); ++i)
    if (!Get32(a[2] + 4 * i, &w[i])) return -kEFAULT;
  int64_t sec = time64 ? static_cast<int64_t>((uint64_t{w[0]} << 32) | w[1]) : static_cast<int32_t>(w[0]);
  uint32_t nsec = time64 ? w[3] : w[1];
  if (nsec >= 1000000000u || sec < 0) return -kEINVAL;
  uint64_t request = static_cast<uint64_t>(sec) * 1000000000u + nsec;
  if (a[1] & kTimerAbstime) return SleepNs(request > now ? request - now : 0, 0, time64, state);
  return SleepNs(request, a[3], time64, state);
}

int64_t GuestOs::SleepNs(uint64_t ns, GuestAddr remain, bool time64, const ArchState& state) {
  const uint64_t target = CycleAfter(clock_->cycles, static_cast<unsigned __int128>(ns) * clock_->hz / 1000000000u);
  // Sleep timer by timer; a signal that becomes deliverable interrupts the sleep.
  while (next_timer_cycle_ < target) {
    IdleUntil(next_timer_cycle_);
    if (signals_.HasDeliverable()) {
      uint64_t left_ns = static_cast<uint64_t>(static_cast<unsigned __int128>(target - clock_->cycles) * 1000000000u / clock_->hz);
      uint32_t sec = static_cast<uint32_t>(left_ns / 1000000000u), nsec = static_cast<uint32_t>(left_ns % 1000000000u);
      bool written = !remain || (time64 ? Put32(remain, 0) && Put32(remain + 4, sec) && Put32(remain + 8, 0) &&
                                              Put32(remain + 12, nsec)
                                        : Put32(remain, sec) && Put32(remain + 4, nsec));
      return written ? -kEINTR : -kEFAULT;
    }
  }
  if (target == UINT64_MAX) {
    if (log_) *log_ << "dynsim: guest sleeps past the end of simulated time (2^63 cycles); killing it\n";
    Kill(kSigKill, state);
    return 0;
  }
  IdleUntil(target);
  return 0;
}

// struct itimerval: {it_interval {tv_sec, tv_usec}, it_value {tv_sec, tv_usec}}.
int64_t GuestOs::SysSetitimer(Args a) {
  if (a[0] > kItimerProf) return -kEINVAL;
  if (a[2] && SysGetitimer({a[0], a[2], 0, 0, 0, 0}) < 0) return -kEFAULT;
  if (!a[1]) return 0;
  uint32_t v[4];
  for (int i = 0; i < 4; ++i)
    if (!Get32(a[1] + 4 * i, &v[i])) return -kEFAULT;
  if (v[1] >= 1000000u || v[3] >= 1000000u) return -kEINVAL;
  auto to_cycles = [&](uint32_t s, uint32_t us) {
    return (static_cast<unsigned __int128>(s) * 1000000u + us) * clock_->hz / 1000000u;
  };
  IntervalTimer& t = timers_[a[0]];
  const unsigned __int128 value = to_cycles(v[2], v[3]), interval = to_cycles(v[0], v[1]);
  uint64_t now = a[0] == kItimerReal ? clock_->cycles : VirtualCycles();
  // An interval as long as simulated time itself means one expiry only.
  t.interval = interval >= kEndOfSimulatedTime ? 0 : static_cast<uint64_t>(interval);
  // A tiny but nonzero value still fires (Linux rounds up to the next tick).
  t.next = (v[2] == 0 && v[3] == 0) ? UINT64_MAX : CycleAfter(now, value ? value : 1);
  UpdateNextTimer();
  return 0;
}

int64_t GuestOs::SysGetitimer(Args a) {
  if (a[0] > kItimerProf) return -kEINVAL;
  const IntervalTimer& t = timers_[a[0]];
  uint64_t now = a[0] == kItimerReal ? clock_->cycles : VirtualCycles();
  uint64_t left = t.next == UINT64_MAX ? 0 : (t.next > now ? t.next - now : 1);
  auto put = [&](GuestAddr at, uint64_t cycles) {
    uint64_t us = static_cast<uint64_t>(static_cast<unsigned __int128>(cycles) * 1000000u / clock_->hz);
    if (cycles && !us) us = 1;
    return Put32(at, static_cast<uint32_t>(us / 1000000u)) && Put32(at + 4, static_cast<uint32_t>(us % 1000000u));
  };
  if (!put(a[1], t.interval) || !put(a[1] + 8, left)) return -kEFAULT;
  return 0;
}

int64_t GuestOs::SysAlarm(Args a) {
  IntervalTimer& t = timers_[kItimerReal];
  uint64_t left = t.next == UINT64_MAX ? 0 : (t.next > clock_->cycles ? t.next - clock_->cycles : 0);
  // Remaining seconds, rounded to nearest, and at least 1 if any time remains (Linux).
  uint64_t old = (left + clock_->hz / 2) / clock_->hz;
  if (left && !old) old = 1;
  t.interval = 0;
  t.next = a[0] ? CycleAfter(clock_->cycles, static_cast<unsigned __int128>(a[0]) * clock_->hz) : UINT64_MAX;
  UpdateNextTimer();
  return static_cast<int64_t>(old);
}

void GuestOs::FireTimers() {
  for (uint32_t which = 0; which < 3; ++which) {
    IntervalTimer& t = timers_[which];
    uint64_t now = which == kItimerReal ? clock_->cycles : VirtualCycles();
    if (t.next > now) continue;
    SignalInfo info;
    info.signo = kTimerSignal[which];
    info.code = kSiKernel;
    signals_.Post(info);
    // Overruns collapse into one signal, as a standard signal does not queue.
    t.next = t.interval ? CycleAfter(now, t.interval - (now - t.next) % t.interval) : UINT64_MAX;
  }
  UpdateNextTimer();
}

void GuestOs::UpdateNextTimer() {
  const uint64_t previous = next_timer_cycle_;
  next_timer_cycle_ = timers_[kItimerReal].next;
  // Virtual timers advance only while the guest runs; their expiry in real cycles is at
  // least as late as this, and FireTimers re-checks against virtual time.
  for (uint32_t which : {kItimerVirtual, kItimerProf}) {
    const IntervalTimer& t = timers_[which];
    if (t.next != UINT64_MAX) {
      uint64_t real = t.next + clock_->idle_cycles;
      if (real < next_timer_cycle_) next_timer_cycle_ = real;
    }
  }
  if (next_timer_cycle_ != previous && timer_listener_) timer_listener_(next_timer_cycle_);
}

void GuestOs::IdleUntil(uint64_t cycle) {
  if (cycle > clock_->cycles) {
    clock_->idle_cycles += cycle - clock_->cycles;
    clock_->cycles = cycle;
  }
  if (clock_->cycles >= next_timer_cycle_) FireTimers();
}

int64_t GuestOs::SysUname(Args a) {
  // struct utsname: six fields of 65 bytes. Values are fixed, not the host's.
  static const char* const kFields[6] = {"Linux", nullptr, "6.1.0", "#1 SMP dynsim", "parisc", "(none)"};
  char buf[6 * 65] = {};
  for (int i = 0; i < 6; ++i) {
    const char* v = kFields[i] ? kFields[i] : config_.hostname.c_str();
    std::strncpy(buf + 65 * i, v, 64);
  }
  if (!memory_->RangeHas(a[0], sizeof buf, kPermWrite)) return -kEFAULT;
  CopyOut(a[0], buf, sizeof buf);
  return 0;
}

// struct sysinfo of 32-bit Linux (64 bytes): fixed values, as for uname. glibc reads it
// for sysconf(_SC_PHYS_PAGES) (qsort sizes its buffer by it).
int64_t GuestOs::SysSysinfo(Args a) {
  constexpr uint32_t kTotalRam = 512u << 20, kFreeRam = 448u << 20;
  uint8_t out[64] = {};
  GuestMemory::ToBigEndian<uint32_t>(out + 0, static_cast<uint32_t>(NowNs() / 1000000000u - config_.epoch_seconds));
  GuestMemory::ToBigEndian<uint32_t>(out + 16, kTotalRam);
  GuestMemory::ToBigEndian<uint32_t>(out + 20, kFreeRam);
  GuestMemory::ToBigEndian<uint16_t>(out + 40, 1);  // procs
  GuestMemory::ToBigEndian<uint32_t>(out + 52, 1);  // mem_unit
  if (!memory_->RangeHas(a[0], sizeof out, kPermWrite)) return -kEFAULT;
  CopyOut(a[0], out, sizeof out);
  return 0;
}

int64_t GuestOs::SysGetrandom(Args a) {
  uint32_t n = a[1] > (1u << 20) ? (1u << 20) : a[1];
  if (!memory_->RangeHas(a[0], n, kPermWrite)) return -kEFAULT;
  std::vector<uint8_t> bytes(n);
  RandomBytes(bytes.data(), n);
  CopyOut(a[0], bytes.data(), n);
  return n;
}

}  // namespace dynsim
