// Linux-hppa (32-bit) system-call numbers: the ones the OS model implements by name, and
// the name of every number (for reporting unsupported calls). Taken from the cross
// package's asm/unistd_32.h for parisc.
#ifndef DYNSIM_OS_MODEL_SYSCALL_NUMBERS_H
#define DYNSIM_OS_MODEL_SYSCALL_NUMBERS_H

#include <cstdint>

namespace dynsim {

// dynsim's own calls from guest software to the simulator, above Linux-hppa's numbers
// (which end below 500), so on a real kernel or qemu-hppa they fail with ENOSYS and cost
// nothing else. Declared for the guest in os_model/guest/include/dynsim/simcall.h.
constexpr uint32_t kNrDynsimAnnounceRegion = 0x7d00;  // (const char* name, lo, hi): [lo, hi) is `name`
constexpr uint32_t kNrDynsimReportCounter = 0x7d01;   // (const char* name, value_hi, value_lo)

constexpr uint32_t kNrExit = 1;
constexpr uint32_t kNrFork = 2;
constexpr uint32_t kNrRead = 3;
constexpr uint32_t kNrWrite = 4;
constexpr uint32_t kNrOpen = 5;
constexpr uint32_t kNrClose = 6;
constexpr uint32_t kNrUnlink = 10;
constexpr uint32_t kNrExecve = 11;
constexpr uint32_t kNrTime = 13;
constexpr uint32_t kNrLseek = 19;
constexpr uint32_t kNrGetpid = 20;
constexpr uint32_t kNrGetuid = 24;
constexpr uint32_t kNrAlarm = 27;
constexpr uint32_t kNrFstat = 28;
constexpr uint32_t kNrPause = 29;
constexpr uint32_t kNrAccess = 33;
constexpr uint32_t kNrKill = 37;
constexpr uint32_t kNrRename = 38;
constexpr uint32_t kNrMkdir = 39;
constexpr uint32_t kNrRmdir = 40;
constexpr uint32_t kNrDup = 41;
constexpr uint32_t kNrBrk = 45;
constexpr uint32_t kNrGetgid = 47;
constexpr uint32_t kNrGeteuid = 49;
constexpr uint32_t kNrGetegid = 50;
constexpr uint32_t kNrIoctl = 54;
constexpr uint32_t kNrFcntl = 55;
constexpr uint32_t kNrUname = 59;
constexpr uint32_t kNrUmask = 60;
constexpr uint32_t kNrDup2 = 63;
constexpr uint32_t kNrGetppid = 64;
constexpr uint32_t kNrSetrlimit = 75;
constexpr uint32_t kNrGetrlimit = 76;
constexpr uint32_t kNrGettimeofday = 78;
constexpr uint32_t kNrReadlink = 85;
constexpr uint32_t kNrMmap2 = 89;
constexpr uint32_t kNrMmap = 90;
constexpr uint32_t kNrMunmap = 91;
constexpr uint32_t kNrStat64 = 101;
constexpr uint32_t kNrSetitimer = 104;
constexpr uint32_t kNrGetitimer = 105;
constexpr uint32_t kNrGetcwd = 110;
constexpr uint32_t kNrFstat64 = 112;
constexpr uint32_t kNrVfork = 113;
constexpr uint32_t kNrSysinfo = 116;
constexpr uint32_t kNrMadvise = 119;
constexpr uint32_t kNrClone = 120;
constexpr uint32_t kNrMprotect = 125;
constexpr uint32_t kNrLlseek = 140;
constexpr uint32_t kNrReadv = 145;
constexpr uint32_t kNrWritev = 146;
constexpr uint32_t kNrSchedYield = 158;
constexpr uint32_t kNrNanosleep = 162;
constexpr uint32_t kNrMremap = 163;
constexpr uint32_t kNrSigaltstack = 166;
constexpr uint32_t kNrRtSigreturn = 173;
constexpr uint32_t kNrRtSigaction = 174;
constexpr uint32_t kNrRtSigprocmask = 175;
constexpr uint32_t kNrRtSigpending = 176;
constexpr uint32_t kNrRtSigsuspend = 179;
constexpr uint32_t kNrLstat64 = 198;
constexpr uint32_t kNrGetdents64 = 201;
constexpr uint32_t kNrFcntl64 = 202;
constexpr uint32_t kNrGettid = 206;
constexpr uint32_t kNrFutex = 210;
constexpr uint32_t kNrExitGroup = 222;
constexpr uint32_t kNrSetTidAddress = 237;
constexpr uint32_t kNrClockGettime = 256;
constexpr uint32_t kNrClockGetres = 257;
constexpr uint32_t kNrClockNanosleep = 258;
constexpr uint32_t kNrTgkill = 259;
constexpr uint32_t kNrOpenat = 275;
constexpr uint32_t kNrMkdirat = 276;
constexpr uint32_t kNrFstatat64 = 280;
constexpr uint32_t kNrUnlinkat = 281;
constexpr uint32_t kNrRenameat = 282;
constexpr uint32_t kNrReadlinkat = 285;
constexpr uint32_t kNrFaccessat = 287;
constexpr uint32_t kNrSetRobustList = 289;
constexpr uint32_t kNrDup3 = 312;
constexpr uint32_t kNrPrlimit64 = 321;
constexpr uint32_t kNrRenameat2 = 337;
constexpr uint32_t kNrGetrandom = 339;
constexpr uint32_t kNrExecveat = 342;
constexpr uint32_t kNrStatx = 349;
constexpr uint32_t kNrRseq = 354;
constexpr uint32_t kNrClockGettime64 = 403;
constexpr uint32_t kNrClockGetresTime64 = 406;
constexpr uint32_t kNrClockNanosleepTime64 = 407;
constexpr uint32_t kNrFutexTime64 = 422;
constexpr uint32_t kNrClone3 = 435;
constexpr uint32_t kNrFaccessat2 = 439;

// The guest's process and thread id (one process, one thread).
constexpr int64_t kGuestPid = 1000;

// The name of system call `nr` ("write"), or nullptr if Linux-hppa has none.
const char* SyscallName(uint32_t nr);

}  // namespace dynsim

#endif  // DYNSIM_OS_MODEL_SYSCALL_NUMBERS_H
