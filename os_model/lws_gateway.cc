// The light-weight syscall entries (lws_gateway.h). Each entry first checks every address
// it will touch, as the kernel's entries probe them before taking the lock, so a bad
// pointer gives EFAULT with memory unchanged.
#include "os_model/lws_gateway.h"

#include "os_model/guest_errno.h"

namespace dynsim {
namespace {

constexpr uint32_t kMaxSizeCode = 3;  // 0/1/2/3 = 8/16/32/64 bits

LwsResult Fault() {
  LwsResult r;
  r.r28 = 1;
  r.r21 = -kEFAULT;
  return r;
}

LwsResult NoSuchEntry() {
  LwsResult r;
  r.sets_r28 = false;
  r.r21 = -kENOSYS;
  return r;
}

LwsResult Done(uint32_t r28) {
  LwsResult r;
  r.r28 = r28;
  return r;
}

// True if [addr, addr + bytes) is aligned to `bytes` and has `perms` on every page.
bool Accessible(const GuestMemory& memory, GuestAddr addr, uint32_t bytes, uint8_t perms) {
  return (addr & (bytes - 1)) == 0 && memory.RangeHas(addr, bytes, perms);
}

// A value of 1 << size_code bytes, big-endian. Only called on checked addresses.
uint64_t LoadSized(const GuestMemory& memory, GuestAddr addr, uint32_t size_code) {
  uint8_t bytes[8];
  uint32_t n = 1u << size_code;
  memory.ReadBytes(addr, bytes, n);
  uint64_t v = 0;
  for (uint32_t i = 0; i < n; ++i) v = (v << 8) | bytes[i];
  return v;
}

void StoreSized(GuestMemory* memory, GuestAddr addr, uint32_t size_code, uint64_t v) {
  uint8_t bytes[8];
  uint32_t n = 1u << size_code;
  for (uint32_t i = 0; i < n; ++i) bytes[i] = static_cast<uint8_t>(v >> (8 * (n - 1 - i)));
  memory->WriteBytes(addr, bytes, n);
}

LwsResult CompareAndSwap32(const LwsArgs& a, GuestMemory* memory) {
  if (!Accessible(*memory, a.r26, 4, kPermRead | kPermWrite)) return Fault();
  uint32_t old = static_cast<uint32_t>(LoadSized(*memory, a.r26, 2));
  if (old == a.r25) StoreSized(memory, a.r26, 2, a.r24);
  return Done(old);
}

// compare_and_swap_2: r26 target, r25 -> expected, r24 -> replacement, r23 size code.
LwsResult CompareAndSwap2(const LwsArgs& a, GuestMemory* memory) {
  const uint32_t size = a.r23;
  if (size > kMaxSizeCode) return NoSuchEntry();
  const uint32_t n = 1u << size;
  if (!Accessible(*memory, a.r26, n, kPermRead | kPermWrite) || !Accessible(*memory, a.r25, n, kPermRead) ||
      !Accessible(*memory, a.r24, n, kPermRead))
    return Fault();
  uint64_t expected = LoadSized(*memory, a.r25, size), replacement = LoadSized(*memory, a.r24, size);
  if (LoadSized(*memory, a.r26, size) != expected) return Done(1);
  StoreSized(memory, a.r26, size, replacement);
  return Done(0);
}

// atomic_xchg: r26 target, r25 size code, r24 -> new value, r23 -> where the old goes.
LwsResult AtomicExchange(const LwsArgs& a, GuestMemory* memory) {
  const uint32_t size = a.r25;
  if (size > kMaxSizeCode) return NoSuchEntry();
  const uint32_t n = 1u << size;
  if (!Accessible(*memory, a.r26, n, kPermRead | kPermWrite) || !Accessible(*memory, a.r24, n, kPermRead) ||
      !Accessible(*memory, a.r23, n, kPermWrite))
    return Fault();
  // The kernel's order: save the old value, then read the new one (they may overlap).
  StoreSized(memory, a.r23, size, LoadSized(*memory, a.r26, size));
  StoreSized(memory, a.r26, size, LoadSized(*memory, a.r24, size));
  return Done(0);
}

// atomic_store: r26 target, r25 size code, r24 -> value.
LwsResult AtomicStore(const LwsArgs& a, GuestMemory* memory) {
  const uint32_t size = a.r25;
  if (size > kMaxSizeCode) return NoSuchEntry();
  const uint32_t n = 1u << size;
  if (!Accessible(*memory, a.r26, n, kPermWrite) || !Accessible(*memory, a.r24, n, kPermRead)) return Fault();
  StoreSized(memory, a.r26, size, LoadSized(*memory, a.r24, size));
  return Done(0);
}

}  // namespace

const char* LwsEntryName(uint32_t entry) {
  static const char* const kNames[kLwsEntries] = {"compare_and_swap32", "compare_and_swap64",
                                                  "compare_and_swap_2", "atomic_xchg", "atomic_store"};
  return entry < kLwsEntries ? kNames[entry] : nullptr;
}

LwsResult RunLightweightSyscall(uint32_t entry, const LwsArgs& args, GuestMemory* memory) {
  switch (entry) {
    case kLwsCompareAndSwap32: return CompareAndSwap32(args, memory);
    case kLwsCompareAndSwap2: return CompareAndSwap2(args, memory);
    case kLwsAtomicExchange: return AtomicExchange(args, memory);
    case kLwsAtomicStore: return AtomicStore(args, memory);
    case kLwsCompareAndSwap64:  // the ELF64 entry; lws_compare_and_swap64 on a 32-bit kernel
    default: return NoSuchEntry();
  }
}

}  // namespace dynsim
