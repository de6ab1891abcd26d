// Memory system calls: the program break and anonymous mappings. File-backed mappings
// are not modeled (guests here are static and read files with read()).
#include "os_model/guest_errno.h"
#include "os_model/guest_os.h"
#include "os_model/syscall_numbers.h"

namespace dynsim {
namespace {

constexpr uint32_t kProtRead = 1, kProtWrite = 2, kProtExec = 4;
constexpr uint32_t kMapFixed = 0x04, kMapAnonymous = 0x10;
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

int64_t GuestOs::SysMmap2(Args a) {
  GuestAddr addr = a[0];
  uint32_t length = a[1], prot = a[2], flags = a[3];
  if (length == 0 || length > 0x80000000u) return -kEINVAL;
  if (!(flags & kMapAnonymous)) {
    if (unknown_syscalls_.insert(0x20000 | kNrMmap2).second && log_)
      *log_ << "dynsim: file-backed mmap is not modeled; returning ENODEV\n";
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
  if (!memory_->Map(addr, size, PermsOf(prot))) return -kENOMEM;
  return addr;
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
