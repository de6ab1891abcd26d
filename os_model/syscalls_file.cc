// File-descriptor system calls. The guest's stdin, stdout and stderr are the simulator's;
// other files come only through the FsSandbox. Guest buffers are checked before any host
// call, so a wild pointer gets EFAULT and never touches host memory.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "os_model/guest_errno.h"
#include "os_model/guest_os.h"

namespace dynsim {
namespace {

// open() flags that differ between Linux-hppa (asm/fcntl.h for parisc) and the host.
struct FlagPair {
  uint32_t guest;
  int host;
};
constexpr FlagPair kOpenFlags[] = {
    {000000010, O_APPEND},    {000000400, O_CREAT},     {000002000, O_EXCL},
    {000001000, O_TRUNC},     {000200000, O_NONBLOCK},  {000010000, O_DIRECTORY},
    {000000200, O_NOFOLLOW},  {010000000, O_CLOEXEC},   {000400000, O_NOCTTY},
};
constexpr uint32_t kGuestAtFdcwd = static_cast<uint32_t>(-100);
constexpr uint32_t kMaxIo = 1u << 20;  // bytes moved per read/write call at most
constexpr uint32_t kMaxFiles = 64;
constexpr uint32_t kMaxIov = 1024;

int HostOpenFlags(uint32_t guest) {
  int host = static_cast<int>(guest & 3);  // O_RDONLY / O_WRONLY / O_RDWR agree
  for (const FlagPair& f : kOpenFlags)
    if (guest & f.guest) host |= f.host;
  return host;
}

int64_t HostResult(ssize_t r) { return r < 0 ? -HostToGuestErrno(errno) : r; }

}  // namespace

int GuestOs::HostFd(uint32_t guest_fd) const {
  return guest_fd < files_.size() ? files_[guest_fd].host_fd : -1;
}

int64_t GuestOs::SysRead(Args a) {
  int fd = HostFd(a[0]);
  if (fd < 0) return -kEBADF;
  uint32_t n = std::min(a[2], kMaxIo);
  if (!memory_->RangeHas(a[1], n, kPermWrite)) return -kEFAULT;
  std::vector<uint8_t> buf(n);
  ssize_t r = ::read(fd, buf.data(), n);
  if (r > 0) CopyOut(a[1], buf.data(), static_cast<uint32_t>(r));
  return HostResult(r);
}

int64_t GuestOs::SysWrite(Args a) {
  int fd = HostFd(a[0]);
  if (fd < 0) return -kEBADF;
  uint32_t n = std::min(a[2], kMaxIo);
  std::vector<uint8_t> buf(n);
  if (!memory_->RangeHas(a[1], n, kPermRead) || !CopyIn(a[1], buf.data(), n)) return -kEFAULT;
  return HostResult(::write(fd, buf.data(), n));
}

int64_t GuestOs::SysWritev(Args a) {
  int fd = HostFd(a[0]);
  if (fd < 0) return -kEBADF;
  if (a[2] > kMaxIov) return -kEINVAL;
  // Linux (import_iovec) reads the whole iovec array first: EFAULT if it is unreadable,
  // EINVAL if a length is negative as a 32-bit ssize_t; only then are the buffers read.
  std::vector<uint32_t> bases(a[2]), lens(a[2]);
  for (uint32_t i = 0; i < a[2]; ++i) {
    if (!Get32(a[1] + 8 * i, &bases[i]) || !Get32(a[1] + 8 * i + 4, &lens[i])) return -kEFAULT;
    if (static_cast<int32_t>(lens[i]) < 0) return -kEINVAL;
  }
  std::vector<uint8_t> data;
  for (uint32_t i = 0; i < a[2]; ++i) {
    uint32_t base = bases[i], len = lens[i];
    if (data.size() + len > kMaxIo) len = kMaxIo - static_cast<uint32_t>(data.size());
    size_t at = data.size();
    data.resize(at + len);
    if (!memory_->RangeHas(base, len, kPermRead) || !CopyIn(base, data.data() + at, len)) return -kEFAULT;
  }
  return HostResult(::write(fd, data.data(), data.size()));
}

int64_t GuestOs::SysOpen(int dirfd, GuestAddr path_addr, uint32_t flags, uint32_t mode) {
  std::string path;
  if (!memory_->ReadString(path_addr, 4096, &path))
    return memory_->IsMapped(path_addr) ? -kENAMETOOLONG : -kEFAULT;
  if (path.empty()) return -kENOENT;
  if (path[0] != '/' && static_cast<uint32_t>(dirfd) != kGuestAtFdcwd) return -kEBADF;
  uint32_t slot = 0;
  while (slot < files_.size() && files_[slot].host_fd >= 0) ++slot;
  if (slot >= kMaxFiles) return -kEMFILE;
  // /dev/null is always there, as on any Linux system: reads see end of file, writes vanish.
  int host_fd = path == "/dev/null" ? ::open("/dev/null", (HostOpenFlags(flags) & O_ACCMODE) | O_CLOEXEC)
                                    : sandbox_.Open(path, HostOpenFlags(flags), static_cast<int>(mode & 0777));
  if (host_fd < 0 && path == "/dev/null") return -HostToGuestErrno(errno);
  if (host_fd < 0) return host_fd;  // already -errno in the guest's numbering
  if (slot == files_.size()) files_.push_back({});
  files_[slot] = {host_fd, true};
  return slot;
}

int64_t GuestOs::SysClose(Args a) {
  if (HostFd(a[0]) < 0) return -kEBADF;
  OpenFile& f = files_[a[0]];
  if (f.owned) ::close(f.host_fd);
  f = OpenFile();
  return 0;
}

int64_t GuestOs::SysLseek(Args a) {
  int fd = HostFd(a[0]);
  if (fd < 0) return -kEBADF;
  if (a[2] > SEEK_END) return -kEINVAL;
  off_t r = ::lseek(fd, static_cast<int32_t>(a[1]), static_cast<int>(a[2]));
  if (r > INT32_MAX) return -kEOVERFLOW;
  return HostResult(r);
}

// struct stat of 32-bit Linux-hppa (asm/stat.h for parisc), 104 bytes. Only the type and
// permission bits and the size come from the host; device, inode, owner and times are
// fixed so that runs are deterministic.
int64_t GuestOs::SysFstat(Args a) {
  int fd = HostFd(a[0]);
  if (fd < 0) return -kEBADF;
  struct stat st;
  if (::fstat(fd, &st) < 0) return -HostToGuestErrno(errno);
  uint8_t out[104] = {};
  bool regular = S_ISREG(st.st_mode);
  uint32_t size = regular ? static_cast<uint32_t>(st.st_size) : 0;
  GuestMemory::ToBigEndian<uint32_t>(out + 0, 1);                        // st_dev
  GuestMemory::ToBigEndian<uint32_t>(out + 4, a[0] + 1);                 // st_ino
  GuestMemory::ToBigEndian<uint16_t>(out + 8, static_cast<uint16_t>(st.st_mode));
  GuestMemory::ToBigEndian<uint16_t>(out + 10, 1);                       // st_nlink
  GuestMemory::ToBigEndian<uint32_t>(out + 20, size);                    // st_size
  uint32_t epoch = static_cast<uint32_t>(config_.epoch_seconds);
  GuestMemory::ToBigEndian<uint32_t>(out + 24, epoch);                   // st_atime
  GuestMemory::ToBigEndian<uint32_t>(out + 32, epoch);                   // st_mtime
  GuestMemory::ToBigEndian<uint32_t>(out + 40, epoch);                   // st_ctime
  GuestMemory::ToBigEndian<uint32_t>(out + 48, 4096);                    // st_blksize
  GuestMemory::ToBigEndian<uint32_t>(out + 52, (size + 511) / 512);      // st_blocks
  if (!memory_->RangeHas(a[1], sizeof out, kPermWrite)) return -kEFAULT;
  CopyOut(a[1], out, sizeof out);
  return 0;
}

int64_t GuestOs::SysIoctl(Args a) {
  // No guest file is a terminal: TCGETS and every other request get ENOTTY, so stdio
  // buffers the same way in every run.
  return HostFd(a[0]) < 0 ? -kEBADF : -kENOTTY;
}

}  // namespace dynsim
