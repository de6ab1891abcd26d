#include "os_model/guest_errno.h"

namespace dynsim {

// {host, guest} pairs for every errno name both the host's asm-generic/errno*.h and
// parisc's asm/errno.h define, generated once from those two headers.
static const int kErrnoMap[][2] = {
    {1, 1},  // EPERM
    {2, 2},  // ENOENT
    {3, 3},  // ESRCH
    {4, 4},  // EINTR
    {5, 5},  // EIO
    {6, 6},  // ENXIO
    {7, 7},  // E2BIG
    {8, 8},  // ENOEXEC
    {9, 9},  // EBADF
    {10, 10},  // ECHILD
    {11, 11},  // EAGAIN
    {12, 12},  // ENOMEM
    {13, 13},  // EACCES
    {14, 14},  // EFAULT
    {15, 15},  // ENOTBLK
    {16, 16},  // EBUSY
    {17, 17},  // EEXIST
    {18, 18},  // EXDEV
    {19, 19},  // ENODEV
    {20, 20},  // ENOTDIR
    {21, 21},  // EISDIR
    {22, 22},  // EINVAL
    {23, 23},  // ENFILE
    {24, 24},  // EMFILE
    {25, 25},  // ENOTTY
    {26, 26},  // ETXTBSY
    {27, 27},  // EFBIG
    {28, 28},  // ENOSPC
    {29, 29},  // ESPIPE
    {30, 30},  // EROFS
    {31, 31},  // EMLINK
    {32, 32},  // EPIPE
    {33, 33},  // EDOM
    {34, 34},  // ERANGE
    {35, 45},  // EDEADLK
    {36, 248},  // ENAMETOOLONG
    {37, 46},  // ENOLCK
    {38, 251},  // ENOSYS
    {39, 247},  // ENOTEMPTY
    {40, 249},  // ELOOP
    {42, 35},  // ENOMSG
    {43, 36},  // EIDRM
    {44, 37},  // ECHRNG
    {45, 38},  // EL2NSYNC
    {46, 39},  // EL3HLT
    {47, 40},  // EL3RST
    {48, 41},  // ELNRNG
    {49, 42},  // EUNATCH
    {50, 43},  // ENOCSI
    {51, 44},  // EL2HLT
    {52, 160},  // EBADE
    {53, 161},  // EBADR
    {54, 162},  // EXFULL
    {55, 163},  // ENOANO
    {56, 164},  // EBADRQC
    {57, 165},  // EBADSLT
    {59, 166},  // EBFONT
    {60, 54},  // ENOSTR
    {61, 51},  // ENODATA
    {62, 52},  // ETIME
    {63, 53},  // ENOSR
    {64, 50},  // ENONET
    {65, 55},  // ENOPKG
    {66, 71},  // EREMOTE
    {67, 57},  // ENOLINK
    {68, 58},  // EADV
    {69, 59},  // ESRMNT
    {70, 60},  // ECOMM
    {71, 61},  // EPROTO
    {72, 64},  // EMULTIHOP
    {73, 66},  // EDOTDOT
    {74, 67},  // EBADMSG
    {75, 72},  // EOVERFLOW
    {76, 167},  // ENOTUNIQ
    {77, 168},  // EBADFD
    {78, 169},  // EREMCHG
    {79, 170},  // ELIBACC
    {80, 171},  // ELIBBAD
    {81, 172},  // ELIBSCN
    {82, 173},  // ELIBMAX
    {83, 174},  // ELIBEXEC
    {84, 47},  // EILSEQ
    {85, 175},  // ERESTART
    {86, 176},  // ESTRPIPE
    {87, 68},  // EUSERS
    {88, 216},  // ENOTSOCK
    {89, 217},  // EDESTADDRREQ
    {90, 218},  // EMSGSIZE
    {91, 219},  // EPROTOTYPE
    {92, 220},  // ENOPROTOOPT
    {93, 221},  // EPROTONOSUPPORT
    {94, 222},  // ESOCKTNOSUPPORT
    {95, 223},  // EOPNOTSUPP
    {96, 224},  // EPFNOSUPPORT
    {97, 225},  // EAFNOSUPPORT
    {98, 226},  // EADDRINUSE
    {99, 227},  // EADDRNOTAVAIL
    {100, 228},  // ENETDOWN
    {101, 229},  // ENETUNREACH
    {102, 230},  // ENETRESET
    {103, 231},  // ECONNABORTED
    {104, 232},  // ECONNRESET
    {105, 233},  // ENOBUFS
    {106, 234},  // EISCONN
    {107, 235},  // ENOTCONN
    {108, 236},  // ESHUTDOWN
    {109, 237},  // ETOOMANYREFS
    {110, 238},  // ETIMEDOUT
    {111, 239},  // ECONNREFUSED
    {112, 241},  // EHOSTDOWN
    {113, 242},  // EHOSTUNREACH
    {114, 244},  // EALREADY
    {115, 245},  // EINPROGRESS
    {116, 70},  // ESTALE
    {117, 177},  // EUCLEAN
    {118, 178},  // ENOTNAM
    {119, 179},  // ENAVAIL
    {120, 180},  // EISNAM
    {121, 181},  // EREMOTEIO
    {122, 69},  // EDQUOT
    {123, 182},  // ENOMEDIUM
    {124, 183},  // EMEDIUMTYPE
    {125, 253},  // ECANCELED
    {126, 184},  // ENOKEY
    {127, 185},  // EKEYEXPIRED
    {128, 186},  // EKEYREVOKED
    {129, 187},  // EKEYREJECTED
    {130, 254},  // EOWNERDEAD
    {131, 255},  // ENOTRECOVERABLE
    {132, 256},  // ERFKILL
    {133, 257},  // EHWPOISON
};

int HostToGuestErrno(int host_errno) {
  for (const auto& pair : kErrnoMap)
    if (pair[0] == host_errno) return pair[1];
  return kEINVAL;  // a host error with no guest equivalent
}

}  // namespace dynsim
