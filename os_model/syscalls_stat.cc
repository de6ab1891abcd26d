// File status and path lookups: fstat, stat64 and friends, statx, readlink, access. Only
// the file type, permission bits and size come from the host; device numbers, owners and
// times are fixed, and inode numbers are handed out in the order the guest first sees
// each file, so the same run always reports the same values. Paths go through the
// FsSandbox like open(); the guest never sees a host symlink (the sandbox follows them).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "os_model/guest_errno.h"
#include "os_model/guest_os.h"

namespace dynsim {
namespace {

constexpr int32_t kGuestAtFdcwd = -100;
constexpr uint32_t kAtEmptyPath = 0x1000;  // asm-generic/fcntl.h
constexpr uint32_t kStatxBasicStats = 0x7ff;
constexpr uint32_t kBlockSize = 4096;
constexpr char kProcSelfExe[] = "/proc/self/exe";

void Put32At(uint8_t* out, uint32_t offset, uint32_t v) { GuestMemory::ToBigEndian<uint32_t>(out + offset, v); }
void Put64At(uint8_t* out, uint32_t offset, uint64_t v) {
  Put32At(out, offset, static_cast<uint32_t>(v >> 32));
  Put32At(out, offset + 4, static_cast<uint32_t>(v));
}

}  // namespace

GuestOs::FileStatus GuestOs::StatusOf(const struct stat& st) {
  FileStatus s;
  s.mode = st.st_mode;
  s.size = S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : 0;
  auto key = std::make_pair(static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino));
  auto it = guest_inodes_.find(key);
  if (it == guest_inodes_.end()) it = guest_inodes_.emplace(key, guest_inodes_.size() + 2).first;
  s.ino = it->second;
  return s;
}

// The three layouts of 32-bit Linux-hppa: struct stat (asm/stat.h, 104 bytes, fstat),
// struct stat64 (104 bytes) and struct statx (linux/stat.h, 256 bytes).
int64_t GuestOs::PutStatus(const FileStatus& s, GuestAddr out_addr, StatLayout layout) {
  uint8_t out[256] = {};
  const uint32_t epoch = static_cast<uint32_t>(config_.epoch_seconds);
  const uint64_t blocks = (s.size + 511) / 512;
  uint32_t size = 104;
  switch (layout) {
    case StatLayout::kStat:
      if (s.size > INT32_MAX) return -kEOVERFLOW;
      Put32At(out, 0, 1);  // st_dev
      Put32At(out, 4, static_cast<uint32_t>(s.ino));
      GuestMemory::ToBigEndian<uint16_t>(out + 8, static_cast<uint16_t>(s.mode));
      GuestMemory::ToBigEndian<uint16_t>(out + 10, 1);  // st_nlink
      Put32At(out, 20, static_cast<uint32_t>(s.size));
      for (uint32_t at : {24u, 32u, 40u}) Put32At(out, at, epoch);  // st_atime, st_mtime, st_ctime
      Put32At(out, 48, kBlockSize);
      Put32At(out, 52, static_cast<uint32_t>(blocks));
      break;
    case StatLayout::kStat64:
      Put64At(out, 0, 1);  // st_dev
      Put32At(out, 12, static_cast<uint32_t>(s.ino));
      Put32At(out, 16, s.mode);
      Put32At(out, 20, 1);  // st_nlink
      Put64At(out, 48, s.size);
      Put32At(out, 56, kBlockSize);
      Put64At(out, 64, blocks);
      for (uint32_t at : {72u, 80u, 88u}) Put32At(out, at, epoch);
      Put64At(out, 96, s.ino);
      break;
    case StatLayout::kStatx:
      size = 256;
      Put32At(out, 0, kStatxBasicStats);  // stx_mask
      Put32At(out, 4, kBlockSize);
      Put32At(out, 16, 1);  // stx_nlink
      GuestMemory::ToBigEndian<uint16_t>(out + 28, static_cast<uint16_t>(s.mode));
      Put64At(out, 32, s.ino);
      Put64At(out, 40, s.size);
      Put64At(out, 48, blocks);
      for (uint32_t at : {64u, 96u, 112u}) Put64At(out, at, epoch);  // atime, ctime, mtime (no btime)
      Put32At(out, 140, 1);  // stx_dev_minor
      break;
  }
  if (!memory_->RangeHas(out_addr, size, kPermWrite)) return -kEFAULT;
  CopyOut(out_addr, out, size);
  return 0;
}

int64_t GuestOs::StatFd(uint32_t guest_fd, GuestAddr out, StatLayout layout) {
  int fd = HostFd(guest_fd);
  if (fd < 0) return -kEBADF;
  struct stat st;
  if (::fstat(fd, &st) < 0) return -HostToGuestErrno(errno);
  return PutStatus(StatusOf(st), out, layout);
}

int GuestOs::OpenForLookup(int32_t dirfd, GuestAddr path_addr, std::string* path) {
  if (!memory_->ReadString(path_addr, 4096, path)) return memory_->IsMapped(path_addr) ? -kENAMETOOLONG : -kEFAULT;
  if (path->empty()) return -kENOENT;
  if ((*path)[0] != '/' && dirfd != kGuestAtFdcwd) return -kEBADF;  // relative to a directory fd: not modeled
  // O_PATH: no read permission needed to look; O_NONBLOCK keeps the sandbox from
  // clearing it again with F_SETFL, which an O_PATH descriptor does not allow.
  return sandbox_.Open(*path, O_PATH | O_NONBLOCK, 0);
}

int64_t GuestOs::StatPath(int32_t dirfd, GuestAddr path_addr, uint32_t at_flags, GuestAddr out, StatLayout layout) {
  std::string path;
  if ((at_flags & kAtEmptyPath) && memory_->ReadString(path_addr, 1, &path) && path.empty()) {
    if (dirfd == kGuestAtFdcwd) return -kENOENT;  // the working directory is not modeled
    return StatFd(static_cast<uint32_t>(dirfd), out, layout);
  }
  int fd = OpenForLookup(dirfd, path_addr, &path);
  if (fd < 0) return fd;
  struct stat st;
  int r = ::fstat(fd, &st);
  int saved = errno;
  ::close(fd);
  if (r < 0) return -HostToGuestErrno(saved);
  return PutStatus(StatusOf(st), out, layout);
}

int64_t GuestOs::SysReadlink(int32_t dirfd, GuestAddr path_addr, GuestAddr buf, uint32_t size) {
  if (static_cast<int32_t>(size) <= 0) return -kEINVAL;
  std::string path;
  if (!memory_->ReadString(path_addr, 4096, &path)) return -kEFAULT;
  if (path == kProcSelfExe) {
    // The program as the loader saw it (AT_EXECFN); truncated like readlink(2), no NUL.
    uint32_t n = static_cast<uint32_t>(std::min<size_t>(size, program_path_.size()));
    if (!memory_->RangeHas(buf, n, kPermWrite)) return -kEFAULT;
    CopyOut(buf, program_path_.data(), n);
    return n;
  }
  int fd = OpenForLookup(dirfd, path_addr, &path);
  if (fd < 0) return fd;
  ::close(fd);
  return -kEINVAL;  // it exists, and inside the sandbox nothing is a symlink
}

int64_t GuestOs::SysAccess(int32_t dirfd, GuestAddr path_addr, uint32_t mode) {
  constexpr uint32_t kWriteOk = 2;
  if (mode & ~7u) return -kEINVAL;
  std::string path;
  int fd = OpenForLookup(dirfd, path_addr, &path);
  if (fd < 0) return fd;
  ::close(fd);
  if (mode & kWriteOk) {
    // Writable only where the sandbox would let open() write.
    int wfd = sandbox_.Open(path, O_WRONLY | O_APPEND, 0);
    if (wfd < 0) return wfd == -kEISDIR ? -kEACCES : wfd;
    ::close(wfd);
  }
  return 0;
}

}  // namespace dynsim
