// File-descriptor system calls. The guest's stdin, stdout and stderr are the simulator's;
// other files come only through the FsSandbox. Guest buffers are checked before any host
// call, so a wild pointer gets EFAULT and never touches host memory.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <utility>
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
constexpr uint32_t kGuestAppend = 000000010, kGuestCloexec = 010000000;
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
  files_[slot] = {host_fd, true, (flags & kGuestCloexec) != 0};
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
  int64_t in_listing;
  if (SeekListing(a[0], static_cast<int32_t>(a[1]), static_cast<int>(a[2]), &in_listing)) return in_listing;
  off_t r = ::lseek(fd, static_cast<int32_t>(a[1]), static_cast<int>(a[2]));
  if (r > INT32_MAX) return -kEOVERFLOW;
  return HostResult(r);
}

int64_t GuestOs::SysReadv(Args a) {
  int fd = HostFd(a[0]);
  if (fd < 0) return -kEBADF;
  if (a[2] > kMaxIov) return -kEINVAL;
  // Check every buffer first, read once, then scatter: one host read, as readv is atomic.
  // A length negative as a 32-bit ssize_t is EINVAL, as for writev (import_iovec).
  std::vector<std::pair<uint32_t, uint32_t>> iov;
  uint32_t total = 0;
  for (uint32_t i = 0; i < a[2]; ++i) {
    uint32_t base, len;
    if (!Get32(a[1] + 8 * i, &base) || !Get32(a[1] + 8 * i + 4, &len)) return -kEFAULT;
    if (static_cast<int32_t>(len) < 0) return -kEINVAL;
    len = std::min(len, kMaxIo - total);
    if (!memory_->RangeHas(base, len, kPermWrite)) return -kEFAULT;
    iov.push_back({base, len});
    total += len;
  }
  std::vector<uint8_t> data(total);
  ssize_t r = ::read(fd, data.data(), total);
  if (r < 0) return HostResult(r);
  uint32_t at = 0;
  for (const auto& [base, len] : iov) {
    uint32_t n = std::min<uint32_t>(len, static_cast<uint32_t>(r) - at);
    CopyOut(base, data.data() + at, n);
    at += n;
  }
  return r;
}

// _llseek(fd, offset_high, offset_low, loff_t* result, whence).
int64_t GuestOs::SysLlseek(Args a) {
  int fd = HostFd(a[0]);
  if (fd < 0) return -kEBADF;
  if (a[4] > SEEK_END) return -kEINVAL;
  if (!memory_->RangeHas(a[3], 8, kPermWrite)) return -kEFAULT;
  int64_t offset = static_cast<int64_t>((uint64_t{a[1]} << 32) | a[2]);
  int64_t in_listing;
  off_t r;
  if (SeekListing(a[0], offset, static_cast<int>(a[4]), &in_listing)) {
    if (in_listing < 0) return in_listing;
    r = in_listing;
  } else {
    r = ::lseek(fd, offset, static_cast<int>(a[4]));
  }
  if (r < 0) return -HostToGuestErrno(errno);
  Put32(a[3], static_cast<uint32_t>(static_cast<uint64_t>(r) >> 32));
  Put32(a[3] + 4, static_cast<uint32_t>(r));
  return 0;
}

// dup (new_fd < 0: the lowest free slot), dup2 and dup3. The new slot gets its own host
// descriptor, so closing either one leaves the other open.
int64_t GuestOs::SysDup(uint32_t old_fd, int32_t new_fd, bool cloexec) {
  int host = HostFd(old_fd);
  if (host < 0) return -kEBADF;
  uint32_t slot;
  if (new_fd < 0) {
    slot = 0;
    while (slot < files_.size() && files_[slot].host_fd >= 0) ++slot;
  } else {
    slot = static_cast<uint32_t>(new_fd);
    if (slot == old_fd) return slot;
  }
  if (slot >= kMaxFiles) return new_fd < 0 ? -kEMFILE : -kEBADF;
  int copy = ::fcntl(host, cloexec ? F_DUPFD_CLOEXEC : F_DUPFD, 0);
  if (copy < 0) return -HostToGuestErrno(errno);
  if (slot >= files_.size()) files_.resize(slot + 1);
  if (files_[slot].owned) ::close(files_[slot].host_fd);
  files_[slot] = {copy, true, cloexec};
  return slot;
}

int64_t GuestOs::SysFcntl(Args a) {
  // Commands of asm-generic/fcntl.h; the status flags are translated like open's.
  constexpr uint32_t kFDupfd = 0, kFGetfd = 1, kFSetfd = 2, kFGetfl = 3, kFSetfl = 4, kFDupfdCloexec = 1030;
  int fd = HostFd(a[0]);
  if (fd < 0) return -kEBADF;
  switch (a[1]) {
    case kFDupfd:
    case kFDupfdCloexec: {
      uint32_t slot = a[2];
      while (slot < files_.size() && files_[slot].host_fd >= 0) ++slot;
      if (slot >= kMaxFiles) return -kEMFILE;
      return SysDup(a[0], static_cast<int32_t>(slot), a[1] == kFDupfdCloexec);
    }
    case kFGetfd: return files_[a[0]].cloexec ? 1 : 0;
    case kFSetfd: files_[a[0]].cloexec = (a[2] & 1) != 0; return 0;
    case kFGetfl: {
      int host = ::fcntl(fd, F_GETFL);
      if (host < 0) return -HostToGuestErrno(errno);
      uint32_t guest = static_cast<uint32_t>(host & O_ACCMODE);
      for (const FlagPair& f : kOpenFlags)
        if ((host & f.host) && f.host != O_CLOEXEC) guest |= f.guest;
      return guest;
    }
    case kFSetfl: {
      // Only O_APPEND is passed on: O_NONBLOCK on a host descriptor would change the
      // simulator's own stdio, so the guest's descriptors always block.
      int host = ::fcntl(fd, F_GETFL);
      if (host < 0) return -HostToGuestErrno(errno);
      host = (a[2] & kGuestAppend) ? (host | O_APPEND) : (host & ~O_APPEND);
      return ::fcntl(fd, F_SETFL, host) < 0 ? -HostToGuestErrno(errno) : 0;
    }
    default: return -kEINVAL;
  }
}

int64_t GuestOs::SysIoctl(Args a) {
  // No guest file is a terminal: TCGETS and every other request get ENOTTY, so stdio
  // buffers the same way in every run.
  return HostFd(a[0]) < 0 ? -kEBADF : -kENOTTY;
}

}  // namespace dynsim
