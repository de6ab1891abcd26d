#include "machine/memory.h"

#include <algorithm>
#include <new>

namespace dynsim {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "GuestMemory swaps bytes for a little-endian host");

const char* MemFaultName(MemFault fault) {
  switch (fault) {
    case MemFault::kNone: return "none";
    case MemFault::kUnmapped: return "unmapped address";
    case MemFault::kProtection: return "permission denied";
    case MemFault::kMisaligned: return "misaligned address";
    case MemFault::kNoMemory: return "no host memory for the page";
  }
  return "?";
}

namespace {
// What every mapped page reads as until it is first written.
alignas(64) const uint8_t kZeroPage[GuestMemory::kPageSize] = {};
}  // namespace

GuestMemory::GuestMemory()
    : mapped_(kNumPages, 0),
      pages_(kNumPages),
      perms_(kNumPages, kPermNone),
      code_watched_(kNumPages, 0),
      read_ptr_(kNumPages, nullptr),
      write_ptr_(kNumPages, nullptr) {}

namespace {
// Pages covering [addr, addr + length): first page and count; false if it wraps.
bool PageSpan(GuestAddr addr, uint32_t length, uint32_t* first, uint32_t* count) {
  if (length == 0) {
    *first = addr >> GuestMemory::kPageBits;
    *count = 0;
    return true;
  }
  uint64_t end = static_cast<uint64_t>(addr) + length;
  if (end > (uint64_t{1} << 32)) return false;
  *first = addr >> GuestMemory::kPageBits;
  uint32_t last = static_cast<uint32_t>((end - 1) >> GuestMemory::kPageBits);
  *count = last - *first + 1;
  return true;
}
}  // namespace

const uint8_t* GuestMemory::ReadBase(uint32_t page) const {
  return pages_[page] ? pages_[page].get() : kZeroPage;
}

void GuestMemory::RefreshPointers(uint32_t page) {
  const bool mapped = mapped_[page] != 0;
  uint8_t* base = pages_[page].get();
  // The zero page is only ever read through read_ptr_, never written.
  read_ptr_[page] = (mapped && (perms_[page] & kPermRead)) ? const_cast<uint8_t*>(ReadBase(page)) : nullptr;
  write_ptr_[page] =
      (base && (perms_[page] & kPermWrite) && !code_watched_[page]) ? base : nullptr;
}

bool GuestMemory::Back(uint32_t page) {
  if (pages_[page]) return true;
  pages_[page].reset(new (std::nothrow) uint8_t[kPageSize]());
  if (!pages_[page]) return false;
  ++backed_pages_;
  RefreshPointers(page);
  return true;
}

bool GuestMemory::Map(GuestAddr addr, uint32_t length, uint8_t perms) {
  uint32_t first, count;
  if (!PageSpan(addr, length, &first, &count)) return false;
  uint64_t added = 0;
  for (uint32_t p = first; p < first + count; ++p) added += mapped_[p] ? 0 : 1;
  if (mapped_bytes() + added * kPageSize > limit_bytes_) return false;
  for (uint32_t p = first; p < first + count; ++p) {
    if (!mapped_[p]) {
      mapped_[p] = 1;
      ++mapped_pages_;
    }
    perms_[p] = perms;
    RefreshPointers(p);
  }
  return true;
}

void GuestMemory::Unmap(GuestAddr addr, uint32_t length) {
  uint32_t first, count;
  if (!PageSpan(addr, length, &first, &count)) return;
  for (uint32_t p = first; p < first + count; ++p) {
    if (code_watched_[p]) NotifyCodeWrite(p);
    if (mapped_[p]) --mapped_pages_;
    if (pages_[p]) --backed_pages_;
    mapped_[p] = 0;
    pages_[p].reset();
    perms_[p] = kPermNone;
    RefreshPointers(p);
  }
}

bool GuestMemory::Protect(GuestAddr addr, uint32_t length, uint8_t perms) {
  uint32_t first, count;
  if (!PageSpan(addr, length, &first, &count)) return false;
  for (uint32_t p = first; p < first + count; ++p)
    if (!mapped_[p]) return false;
  for (uint32_t p = first; p < first + count; ++p) {
    // Losing execute permission must drop predecoded code too.
    if (code_watched_[p] && !(perms & kPermExec)) NotifyCodeWrite(p);
    perms_[p] = perms;
    RefreshPointers(p);
  }
  return true;
}

bool GuestMemory::RangeHas(GuestAddr addr, uint32_t length, uint8_t perms) const {
  uint32_t first, count;
  if (!PageSpan(addr, length, &first, &count)) return false;
  for (uint32_t p = first; p < first + count; ++p)
    if (!mapped_[p] || (perms_[p] & perms) != perms) return false;
  return true;
}

GuestAddr GuestMemory::FindFree(GuestAddr hint, uint32_t length, GuestAddr limit) const {
  uint32_t need = (length + kPageMask) >> kPageBits;
  if (need == 0) return 0;
  uint32_t run = 0;
  for (uint32_t p = (hint + kPageMask) >> kPageBits; p < (limit >> kPageBits); ++p) {
    run = mapped_[p] ? 0 : run + 1;
    if (run == need) return (p - need + 1) << kPageBits;
  }
  return 0;
}

MemFault GuestMemory::ReadFault(GuestAddr addr) const {
  return mapped_[addr >> kPageBits] ? MemFault::kProtection : MemFault::kUnmapped;
}

MemFault GuestMemory::WriteSlowPath(GuestAddr addr) {
  uint32_t page = addr >> kPageBits;
  if (!mapped_[page]) return MemFault::kUnmapped;
  if (!(perms_[page] & kPermWrite)) return MemFault::kProtection;
  if (!Back(page)) return MemFault::kNoMemory;
  // Writable but watched: predecoded code on this page is about to go stale.
  if (code_watched_[page]) NotifyCodeWrite(page);
  return MemFault::kNone;
}

void GuestMemory::NotifyCodeWrite(uint32_t page) {
  code_watched_[page] = 0;
  RefreshPointers(page);
  if (code_listener_) code_listener_(page << kPageBits);
}

void GuestMemory::WatchCode(GuestAddr addr) {
  uint32_t page = addr >> kPageBits;
  if (code_watched_[page]) return;
  code_watched_[page] = 1;
  RefreshPointers(page);
}

MemFault GuestMemory::Fetch(GuestAddr addr, uint32_t* word) const {
  if (addr & 3) return MemFault::kMisaligned;
  uint32_t page = addr >> kPageBits;
  if (!mapped_[page]) return MemFault::kUnmapped;
  if (!(perms_[page] & kPermExec)) return MemFault::kProtection;
  *word = FromBigEndian<uint32_t>(ReadBase(page) + (addr & kPageMask));
  return MemFault::kNone;
}

bool GuestMemory::ReadBytes(GuestAddr addr, void* dst, uint32_t length) const {
  uint32_t first, count;
  if (!PageSpan(addr, length, &first, &count)) return false;
  for (uint32_t p = first; p < first + count; ++p)
    if (!mapped_[p]) return false;
  auto* out = static_cast<uint8_t*>(dst);
  while (length > 0) {
    uint32_t offset = addr & kPageMask;
    uint32_t chunk = std::min(length, kPageSize - offset);
    std::memcpy(out, ReadBase(addr >> kPageBits) + offset, chunk);
    out += chunk;
    addr += chunk;
    length -= chunk;
  }
  return true;
}

bool GuestMemory::WriteBytes(GuestAddr addr, const void* src, uint32_t length) {
  uint32_t first, count;
  if (!PageSpan(addr, length, &first, &count)) return false;
  for (uint32_t p = first; p < first + count; ++p)
    if (!mapped_[p]) return false;
  for (uint32_t p = first; p < first + count; ++p)
    if (!Back(p)) return false;
  for (uint32_t p = first; p < first + count; ++p)
    if (code_watched_[p]) NotifyCodeWrite(p);
  const auto* in = static_cast<const uint8_t*>(src);
  while (length > 0) {
    uint32_t offset = addr & kPageMask;
    uint32_t chunk = std::min(length, kPageSize - offset);
    std::memcpy(pages_[addr >> kPageBits].get() + offset, in, chunk);
    in += chunk;
    addr += chunk;
    length -= chunk;
  }
  return true;
}

bool GuestMemory::ReadString(GuestAddr addr, uint32_t max, std::string* out) const {
  out->clear();
  for (uint32_t i = 0; i < max; ++i) {
    uint32_t page = (addr + i) >> kPageBits;
    if (!mapped_[page]) return false;
    char c = static_cast<char>(ReadBase(page)[(addr + i) & kPageMask]);
    if (c == '\0') return true;
    out->push_back(c);
  }
  return false;
}

}  // namespace dynsim
