// Memory system calls: the program break and mappings. A file mapping is a private copy
// of the file's bytes made at mmap time (what MAP_PRIVATE guarantees, as nothing else
// writes the file while the guest runs); writable shared file mappings are not modeled.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "os_model/guest_errno.h"
#include "os_model/guest_os.h"
#include "os_model/syscall_numbers.h"

namespace dynsim {
namespace {

constexpr uint32_t kProtRead = 1, kProtWrite = 2, kProtExec = 4;
constexpr uint32_t kMapShared = 0x01, kMapFixed = 0x04, kMapAnonymous = 0x10;
constexpr GuestAddr kMmapLimit = kSigtrampPage;
constexpr uint32_t kPage = GuestMemory::kPageSize;

uint8_t PermsOf(uint32_t prot) {
  // PA-RISC pages that can be written can also be read; exec implies read for fetch.
  return static_cast<uint8_t>(((prot & (kProtRead | kProtWrite | kProtExec)) ? kPermRead : 0) |
                              ((prot & kProtWrite) ? kPermWrite : 0) | ((prot & kProtExec) ? kPermExec : 0));
}

uint32_t PageAlignUp(uint32_t v) { return (v + GuestMemory::kPageMask) & ~GuestMemory::kPageMask; }

}  // namespace

int64_t GuestOs::SysBrk(Args a) {
  GuestAddr want = a[0];
  // The kernel's brk: returns the (possibly unchanged) break; failure leaves it as it was.
  if (want < brk_start_ || want >= kMmapBase) return brk_;
  GuestAddr old_end = PageAlignUp(brk_), new_end = PageAlignUp(want);
  if (new_end > old_end) {
    for (GuestAddr p = old_end; p < new_end; p += kPage)
      if (memory_->IsMapped(p)) return brk_;
    // Past the memory limit (memory.limit_mb) the break stays, as under RLIMIT_AS.
    if (!memory_->Map(old_end, new_end - old_end, kPermRead | kPermWrite)) return brk_;
  } else if (new_end < old_end) {
    memory_->Unmap(new_end, old_end - new_end);
  }
  brk_ = want;
  return brk_;
}

// mmap (offset in bytes) and mmap2 (offset in pages) share this; only anonymous mappings
// are modeled, so the offset is checked for alignment and otherwise unused.
int64_t GuestOs::SysMmap(Args a, uint64_t offset_bytes) {
  GuestAddr addr = a[0];
  uint32_t length = a[1], prot = a[2], flags = a[3];
  if (length == 0 || length > 0x80000000u || (offset_bytes & GuestMemory::kPageMask)) return -kEINVAL;
  const bool from_file = !(flags & kMapAnonymous);
  if (from_file && HostFd(a[4]) < 0) return -kEBADF;
  if (from_file && (flags & kMapShared) && (prot & kProtWrite)) {
    if (unknown_syscalls_.insert(0x20000 | kNrMmap2).second && log_)
      *log_ << "dynsim: a writable shared file mapping is not modeled; returning ENODEV\n";
    return -kENODEV;
  }
  uint32_t size = PageAlignUp(length);
  if (flags & kMapFixed) {
    if (addr & GuestMemory::kPageMask) return -kEINVAL;
    if (uint64_t{addr} + size > kMmapLimit || addr < kLowestLoadAddr) return -kENOMEM;
    // Linux checks the address-space limit before it unmaps what MAP_FIXED replaces.
    uint64_t replaced = 0;
    for (uint64_t p = addr; p < uint64_t{addr} + size; p += kPage) replaced += memory_->IsMapped(static_cast<GuestAddr>(p)) ? kPage : 0;
    if (memory_->mapped_bytes() - replaced + size > memory_->limit_bytes()) return -kENOMEM;
    memory_->Unmap(addr, size);
  } else {
    GuestAddr hint = (addr >= kMmapBase && addr < kMmapLimit) ? PageAlignUp(addr) : kMmapBase;
    addr = memory_->FindFree(hint, size, kMmapLimit);
    if (addr == 0 && hint != kMmapBase) addr = memory_->FindFree(kMmapBase, size, kMmapLimit);
    if (addr == 0) return -kENOMEM;
  }
  // Past the memory limit (memory.limit_mb) the guest gets ENOMEM, as under RLIMIT_AS.
  if (!from_file) return memory_->Map(addr, size, PermsOf(prot)) ? static_cast<int64_t>(addr) : -kENOMEM;
  if (!memory_->Map(addr, size, kPermRead | kPermWrite)) return -kENOMEM;
  int64_t copied = CopyFileIn(HostFd(a[4]), offset_bytes, addr, length);
  if (copied < 0) {
    memory_->Unmap(addr, size);
    return copied;
  }
  memory_->Protect(addr, size, PermsOf(prot));
  return addr;
}

// Copies up to `length` bytes of the file from `offset` to guest `addr` (already mapped
// and zeroed: bytes past the end of the file read as zero, as in a mapping's last page).
int64_t GuestOs::CopyFileIn(int host_fd, uint64_t offset, GuestAddr addr, uint32_t length) {
  std::vector<uint8_t> chunk(1u << 16);
  for (uint32_t done = 0; done < length;) {
    uint32_t want = std::min<uint32_t>(length - done, static_cast<uint32_t>(chunk.size()));
    ssize_t got = ::pread(host_fd, chunk.data(), want, static_cast<off_t>(offset + done));
    if (got < 0) return -HostToGuestErrno(errno);
    if (got == 0) break;
    memory_->WriteBytes(addr + done, chunk.data(), static_cast<uint32_t>(got));
    done += static_cast<uint32_t>(got);
  }
  return 0;
}

// mremap(old_addr, old_size, new_size, flags, new_addr): glibc's realloc of a block it
// got from mmap. Grows in place when the pages after it are free, else moves (with
// MREMAP_MAYMOVE), copying the contents; MREMAP_FIXED is not modeled.
int64_t GuestOs::SysMremap(Args a) {
  constexpr uint32_t kMremapMaymove = 1, kMremapFixed = 2;
  const GuestAddr old_addr = a[0];
  const uint32_t flags = a[3];
  if ((old_addr & GuestMemory::kPageMask) || a[2] == 0 || a[2] > 0x80000000u || (flags & ~(kMremapMaymove | kMremapFixed)))
    return -kEINVAL;
  if (flags & kMremapFixed) return -kEINVAL;
  const uint32_t old_size = PageAlignUp(a[1]), new_size = PageAlignUp(a[2]);
  if (uint64_t{old_addr} + old_size > kMmapLimit) return -kEFAULT;
  for (GuestAddr p = old_addr; p < old_addr + old_size; p += kPage)
    if (!memory_->IsMapped(p)) return -kEFAULT;
  if (new_size <= old_size) {
    if (new_size < old_size) memory_->Unmap(old_addr + new_size, old_size - new_size);
    return old_addr;
  }
  const uint8_t perms = memory_->Perms(old_addr);
  bool tail_free = uint64_t{old_addr} + new_size <= kMmapLimit;
  for (GuestAddr p = old_addr + old_size; tail_free && p < old_addr + new_size; p += kPage)
    if (memory_->IsMapped(p)) tail_free = false;
  if (tail_free) return memory_->Map(old_addr + old_size, new_size - old_size, perms) ? static_cast<int64_t>(old_addr) : -kENOMEM;
  if (!(flags & kMremapMaymove)) return -kENOMEM;
  GuestAddr moved = memory_->FindFree(kMmapBase, new_size, kMmapLimit);
  if (moved == 0) return -kENOMEM;
  std::vector<uint8_t> contents(old_size);
  memory_->ReadBytes(old_addr, contents.data(), old_size);
  if (!memory_->Map(moved, new_size, kPermRead | kPermWrite)) return -kENOMEM;
  memory_->WriteBytes(moved, contents.data(), old_size);
  memory_->Protect(moved, new_size, perms);
  memory_->Unmap(old_addr, old_size);
  return moved;
}

int64_t GuestOs::SysMunmap(Args a) {
  if ((a[0] & GuestMemory::kPageMask) || a[1] == 0) return -kEINVAL;
  if (uint64_t{a[0]} + a[1] > kMmapLimit) return -kEINVAL;
  memory_->Unmap(a[0], a[1]);
  return 0;
}

int64_t GuestOs::SysMprotect(Args a) {
  if (a[0] & GuestMemory::kPageMask) return -kEINVAL;
  if (a[1] == 0) return 0;
  return memory_->Protect(a[0], a[1], PermsOf(a[2])) ? 0 : -kENOMEM;
}

}  // namespace dynsim
