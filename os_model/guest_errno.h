// Error numbers as the Linux-hppa guest sees them (asm/errno.h for parisc). Values above
// 34 differ from the host's (ENOSYS is 251 on hppa, 38 on x86), so the OS model never
// returns a host errno to the guest without HostToGuestErrno.
#ifndef DYNSIM_OS_MODEL_GUEST_ERRNO_H
#define DYNSIM_OS_MODEL_GUEST_ERRNO_H

namespace dynsim {

constexpr int kEPERM = 1;
constexpr int kENOENT = 2;
constexpr int kENODEV = 19;
constexpr int kESRCH = 3;
constexpr int kEINTR = 4;
constexpr int kEIO = 5;
constexpr int kEBADF = 9;
constexpr int kEAGAIN = 11;
constexpr int kENOMEM = 12;
constexpr int kEACCES = 13;
constexpr int kEFAULT = 14;
constexpr int kEEXIST = 17;
constexpr int kENOTDIR = 20;
constexpr int kEISDIR = 21;
constexpr int kEINVAL = 22;
constexpr int kEMFILE = 24;
constexpr int kENOTTY = 25;
constexpr int kEFBIG = 27;
constexpr int kENOSPC = 28;
constexpr int kESPIPE = 29;
constexpr int kEROFS = 30;
constexpr int kERANGE = 34;
constexpr int kENOSYS = 251;
constexpr int kENAMETOOLONG = 248;
constexpr int kELOOP = 249;
constexpr int kENOTEMPTY = 247;
constexpr int kEOVERFLOW = 72;

// Translates a host errno (from a host system call made for the guest) to the guest's.
int HostToGuestErrno(int host_errno);

}  // namespace dynsim

#endif  // DYNSIM_OS_MODEL_GUEST_ERRNO_H
