// Directories: listing (getdents64), creating and removing entries (mkdir, rmdir, unlink,
// rename and their *at forms relative to AT_FDCWD) and the working directory. Changes
// are allowed only inside a writable --fs-root (FsSandbox::ResolveEntry). A listing is
// read once when the guest first asks and given out sorted by name, so the order does not
// depend on the host's file system; d_off is the index of the next entry, which is also
// what lseek on the directory takes.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

#include "os_model/guest_errno.h"
#include "os_model/guest_os.h"

namespace dynsim {
namespace {

constexpr int32_t kGuestAtFdcwd = -100;
constexpr uint32_t kAtRemovedir = 0x200;  // asm-generic/fcntl.h
constexpr uint32_t kDirentHeader = 19;    // struct linux_dirent64 up to d_name

int64_t HostErrno() { return -HostToGuestErrno(errno); }

}  // namespace

int GuestOs::ResolveEntryAt(int32_t dirfd, GuestAddr path_addr, std::string* host_path) {
  std::string path;
  if (!memory_->ReadString(path_addr, 4096, &path)) return memory_->IsMapped(path_addr) ? -kENAMETOOLONG : -kEFAULT;
  if (path.empty()) return -kENOENT;
  if (path[0] != '/' && dirfd != kGuestAtFdcwd) return -kEBADF;  // relative to a directory fd: not modeled
  return sandbox_.ResolveEntry(path, host_path);
}

int64_t GuestOs::SysUnlinkAt(int32_t dirfd, GuestAddr path_addr, uint32_t flags) {
  if (flags & ~kAtRemovedir) return -kEINVAL;
  std::string host;
  if (int r = ResolveEntryAt(dirfd, path_addr, &host)) return r;
  return ((flags & kAtRemovedir) ? ::rmdir(host.c_str()) : ::unlink(host.c_str())) < 0 ? HostErrno() : 0;
}

int64_t GuestOs::SysMkdirAt(int32_t dirfd, GuestAddr path_addr, uint32_t mode) {
  std::string host;
  if (int r = ResolveEntryAt(dirfd, path_addr, &host)) return r;
  return ::mkdir(host.c_str(), mode & 0777) < 0 ? HostErrno() : 0;
}

int64_t GuestOs::SysRenameAt(int32_t old_dirfd, GuestAddr old_path, int32_t new_dirfd, GuestAddr new_path,
                             uint32_t flags) {
  if (flags) return -kEINVAL;  // renameat2's RENAME_NOREPLACE and friends are not modeled
  std::string from, to;
  if (int r = ResolveEntryAt(old_dirfd, old_path, &from)) return r;
  if (int r = ResolveEntryAt(new_dirfd, new_path, &to)) return r;
  return ::rename(from.c_str(), to.c_str()) < 0 ? HostErrno() : 0;
}

int64_t GuestOs::SysGetcwd(GuestAddr buf, uint32_t size) {
  const std::string cwd = sandbox_.WorkingDirectory();
  if (cwd.empty()) return -kENOENT;
  if (size < cwd.size() + 1) return -kERANGE;
  if (!memory_->RangeHas(buf, static_cast<uint32_t>(cwd.size() + 1), kPermWrite)) return -kEFAULT;
  CopyOut(buf, cwd.c_str(), static_cast<uint32_t>(cwd.size() + 1));
  return static_cast<int64_t>(cwd.size() + 1);  // the kernel returns the length with the NUL
}

bool GuestOs::LoadListing(OpenFile* file) {
  if (file->listing_loaded) return true;
  struct stat st;
  if (::fstat(file->host_fd, &st) < 0 || !S_ISDIR(st.st_mode)) return false;
  int copy = ::dup(file->host_fd);
  DIR* dir = copy < 0 ? nullptr : ::fdopendir(copy);
  if (!dir) {
    if (copy >= 0) ::close(copy);
    return false;
  }
  ::rewinddir(dir);
  file->listing.clear();
  while (struct dirent* e = ::readdir(dir)) {
    auto key = std::make_pair(static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(e->d_ino));
    auto it = guest_inodes_.find(key);
    if (it == guest_inodes_.end()) it = guest_inodes_.emplace(key, guest_inodes_.size() + 2).first;
    file->listing.push_back({e->d_name, e->d_type, it->second});
  }
  ::closedir(dir);
  std::sort(file->listing.begin(), file->listing.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  file->listing_loaded = true;
  file->listing_pos = 0;
  return true;
}

// getdents64(fd, buf, count): struct linux_dirent64 {u64 d_ino; s64 d_off; u16 d_reclen;
// u8 d_type; char d_name[]}, each record padded to 8 bytes.
int64_t GuestOs::SysGetdents64(Args a) {
  if (HostFd(a[0]) < 0) return -kEBADF;
  OpenFile& file = files_[a[0]];
  if (!LoadListing(&file)) return -kENOTDIR;
  std::vector<uint8_t> out;
  while (file.listing_pos < file.listing.size()) {
    const DirEntry& e = file.listing[file.listing_pos];
    const uint32_t reclen = static_cast<uint32_t>((kDirentHeader + e.name.size() + 1 + 7) & ~size_t{7});
    if (out.size() + reclen > a[2]) {
      if (out.empty()) return -kEINVAL;  // the buffer cannot hold even one entry
      break;
    }
    const size_t at = out.size();
    out.resize(at + reclen, 0);
    GuestMemory::ToBigEndian<uint32_t>(&out[at + 4], static_cast<uint32_t>(e.ino));
    GuestMemory::ToBigEndian<uint32_t>(&out[at + 12], static_cast<uint32_t>(file.listing_pos + 1));  // d_off
    GuestMemory::ToBigEndian<uint16_t>(&out[at + 16], static_cast<uint16_t>(reclen));
    out[at + 18] = e.type;
    std::copy(e.name.begin(), e.name.end(), out.begin() + at + kDirentHeader);
    ++file.listing_pos;
  }
  if (!out.empty() && !memory_->RangeHas(a[1], static_cast<uint32_t>(out.size()), kPermWrite)) return -kEFAULT;
  if (!out.empty()) CopyOut(a[1], out.data(), static_cast<uint32_t>(out.size()));
  return static_cast<int64_t>(out.size());
}

bool GuestOs::SeekListing(uint32_t guest_fd, int64_t offset, int whence, int64_t* result) {
  OpenFile& file = files_[guest_fd];
  if (!file.listing_loaded) return false;
  int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? static_cast<int64_t>(file.listing_pos)
                                                             : static_cast<int64_t>(file.listing.size());
  int64_t pos = base + offset;
  if (pos < 0) {
    *result = -kEINVAL;
    return true;
  }
  file.listing_pos = static_cast<size_t>(pos);
  *result = pos;
  return true;
}

}  // namespace dynsim
