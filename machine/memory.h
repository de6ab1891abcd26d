// Guest memory: a 32-bit, big-endian address space of 4 KiB pages with read, write and
// execute permissions.
//
// Layout and invariants:
// - `mapped_[n]` says whether guest page n is mapped; `pages_[n]` owns its host storage,
//   which is allocated on the first write (null until then, and when unmapped). A mapped
//   page without storage reads as zeros from one shared zero page, so a guest that maps
//   much and touches little costs the host little.
// - The pages mapped at once never exceed the limit (set_limit_bytes; `memory.limit_mb`
//   in the machine config): Map fails instead, and the OS model answers ENOMEM.
// - `read_ptr_[n]` / `write_ptr_[n]` are the host base addresses of page n for loads and
//   stores, or null when that access must take the slow path: the page is unmapped, lacks
//   the permission, (for writes) has no storage yet, or holds predecoded code that a
//   store must invalidate.
//   The hot path is one table load and a null check per access, like a DMI pointer in
//   TLM-2.0 or QEMU's softmmu TLB.
// - A page's code watch is set by the core when it predecodes instructions from that
//   page; a store to a watched page clears the watch and reports the page to the
//   registered listener before the store is done, so stale predecoded code never runs.
#ifndef DYNSIM_MACHINE_MEMORY_H
#define DYNSIM_MACHINE_MEMORY_H

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "machine/mem_fault.h"

namespace dynsim {

using GuestAddr = uint32_t;

enum PagePerm : uint8_t {
  kPermNone = 0,
  kPermRead = 1,
  kPermWrite = 2,
  kPermExec = 4,
};

const char* MemFaultName(MemFault fault);

class GuestMemory {
 public:
  static constexpr unsigned kPageBits = 12;
  static constexpr uint32_t kPageSize = 1u << kPageBits;
  static constexpr uint32_t kPageMask = kPageSize - 1;
  static constexpr uint32_t kNumPages = 1u << (32 - kPageBits);

  GuestMemory();
  GuestMemory(const GuestMemory&) = delete;
  GuestMemory& operator=(const GuestMemory&) = delete;

  // The most bytes of pages mapped at once (default: the whole 4 GiB space).
  void set_limit_bytes(uint64_t limit) { limit_bytes_ = limit; }
  uint64_t limit_bytes() const { return limit_bytes_; }
  uint64_t mapped_bytes() const { return uint64_t{mapped_pages_} * kPageSize; }
  // Pages with host storage (written at least once), for tests and statistics.
  uint32_t backed_pages() const { return backed_pages_; }

  // Maps [addr, addr + length) rounded out to pages, zero-filled, with `perms`. Pages
  // already mapped keep their contents and get `perms`. Returns false, mapping nothing,
  // if the range wraps past the end of the address space or the newly mapped pages
  // would pass the limit.
  bool Map(GuestAddr addr, uint32_t length, uint8_t perms);
  // Unmaps the pages of [addr, addr + length); their storage is released.
  void Unmap(GuestAddr addr, uint32_t length);
  // Changes the permissions of mapped pages; returns false if any page is unmapped.
  bool Protect(GuestAddr addr, uint32_t length, uint8_t perms);

  bool IsMapped(GuestAddr addr) const { return mapped_[addr >> kPageBits] != 0; }
  uint8_t Perms(GuestAddr addr) const { return perms_[addr >> kPageBits]; }
  // The host storage of the page holding `addr` (kPageSize bytes, guest byte order), or
  // null if unmapped or never written; valid until the page is unmapped. Read-only: the
  // system's TLM target grants it as a DMI pointer (sim/system.h); writes go through
  // Store and WriteBytes, which honour code watches.
  const uint8_t* PageData(GuestAddr addr) const { return pages_[addr >> kPageBits].get(); }
  // True if every page of [addr, addr + length) is mapped with all of `perms`.
  bool RangeHas(GuestAddr addr, uint32_t length, uint8_t perms) const;
  // The first address at or above `hint` where `length` bytes of unmapped pages fit
  // below `limit`, or 0 if none.
  GuestAddr FindFree(GuestAddr hint, uint32_t length, GuestAddr limit) const;

  // Guest-visible accesses: big-endian, natural alignment required, permissions checked.
  // On failure the destination is untouched and the fault is returned.
  template <typename T>
  MemFault Load(GuestAddr addr, T* value) const {
    if (addr & (sizeof(T) - 1)) return MemFault::kMisaligned;
    const uint8_t* base = read_ptr_[addr >> kPageBits];
    if (!base) return ReadFault(addr);
    *value = FromBigEndian<T>(base + (addr & kPageMask));
    return MemFault::kNone;
  }
  template <typename T>
  MemFault Store(GuestAddr addr, T value) {
    if (addr & (sizeof(T) - 1)) return MemFault::kMisaligned;
    uint8_t* base = write_ptr_[addr >> kPageBits];
    if (!base) {
      MemFault fault = WriteSlowPath(addr);
      if (fault != MemFault::kNone) return fault;
      base = pages_[addr >> kPageBits].get();
    }
    ToBigEndian<T>(base + (addr & kPageMask), value);
    return MemFault::kNone;
  }
  // Instruction fetch: needs execute permission.
  MemFault Fetch(GuestAddr addr, uint32_t* word) const;

  // Host-side (loader, OS model) copies that ignore guest permissions but not mapping.
  // They return false if any byte is unmapped, and never invalidate silently: writes to
  // watched code pages notify the listener too.
  bool ReadBytes(GuestAddr addr, void* dst, uint32_t length) const;
  bool WriteBytes(GuestAddr addr, const void* src, uint32_t length);
  // Reads a NUL-terminated string of at most `max` bytes; false if unmapped or too long.
  bool ReadString(GuestAddr addr, uint32_t max, std::string* out) const;

  // Code watches for the predecoded-instruction cache (see the file comment).
  void WatchCode(GuestAddr addr);
  using CodeWriteListener = std::function<void(GuestAddr page_base)>;
  void SetCodeWriteListener(CodeWriteListener listener) { code_listener_ = std::move(listener); }

  // Byte order: the guest is big-endian; the host is assumed little-endian (checked
  // in memory.cc), so whole values are copied and swapped.
  template <typename T>
  static T FromBigEndian(const uint8_t* p) {
    T v;
    std::memcpy(&v, p, sizeof(T));
    return Swap(v);
  }
  template <typename T>
  static void ToBigEndian(uint8_t* p, T v) {
    v = Swap(v);
    std::memcpy(p, &v, sizeof(T));
  }
  template <typename T>
  static T Swap(T v) {
    if constexpr (sizeof(T) == 1) {
      return v;
    } else if constexpr (sizeof(T) == 2) {
      return static_cast<T>(__builtin_bswap16(static_cast<uint16_t>(v)));
    } else if constexpr (sizeof(T) == 4) {
      return static_cast<T>(__builtin_bswap32(static_cast<uint32_t>(v)));
    } else {
      static_assert(sizeof(T) == 8, "guest accesses are 1, 2, 4 or 8 bytes");
      return static_cast<T>(__builtin_bswap64(static_cast<uint64_t>(v)));
    }
  }

 private:
  MemFault ReadFault(GuestAddr addr) const;
  MemFault WriteSlowPath(GuestAddr addr);
  void RefreshPointers(uint32_t page);
  void NotifyCodeWrite(uint32_t page);
  // What page `page` reads as: its storage, or the zero page if it has none yet.
  const uint8_t* ReadBase(uint32_t page) const;
  // Gives a mapped page its storage; false if the host has no memory for it.
  bool Back(uint32_t page);

  std::vector<uint8_t> mapped_;
  std::vector<std::unique_ptr<uint8_t[]>> pages_;
  std::vector<uint8_t> perms_;
  std::vector<uint8_t> code_watched_;
  std::vector<uint8_t*> read_ptr_;
  std::vector<uint8_t*> write_ptr_;
  CodeWriteListener code_listener_;
  uint64_t limit_bytes_ = uint64_t{1} << 32;
  uint32_t mapped_pages_ = 0;
  uint32_t backed_pages_ = 0;
};

}  // namespace dynsim

#endif  // DYNSIM_MACHINE_MEMORY_H
