// Types that keep Dynamo's two address spaces apart (DESIGN.md: "an app pc is never a cache
// pc"). An AppPc names an instruction of the application's original code (a fragment's
// tag, DynamoRIO's vocabulary); a CachePc names code Dynamo generated in its fragment cache
// (a fragment's start_pc, an exit stub). Neither converts to the other or to an integer
// implicitly: crossing between them is a lookup, never arithmetic.
#ifndef DYNSIM_DYNAMO_APP_PC_H
#define DYNSIM_DYNAMO_APP_PC_H

#include <stdint.h>

namespace dynamo {

// One strongly typed guest address; Tag makes AppPc and CachePc distinct types.
template <class Tag>
class GuestPc {
 public:
  // Trivial, so that Dynamo's static tables of fragments and exits need no constructor
  // (they are zero-initialized like all static data; GuestPc() and GuestPc{} are 0 too).
  GuestPc() = default;
  constexpr explicit GuestPc(uint32_t addr) : addr_(addr) {}
  // The byte address (instructions are word-aligned; privilege bits are never kept here).
  constexpr uint32_t addr() const { return addr_; }
  // The instruction `words` instructions further on (negative: earlier).
  constexpr GuestPc plus_words(int32_t words) const { return GuestPc(addr_ + static_cast<uint32_t>(words) * 4u); }

  friend constexpr bool operator==(GuestPc a, GuestPc b) { return a.addr_ == b.addr_; }
  friend constexpr bool operator!=(GuestPc a, GuestPc b) { return a.addr_ != b.addr_; }
  friend constexpr bool operator<(GuestPc a, GuestPc b) { return a.addr_ < b.addr_; }
  friend constexpr bool operator<=(GuestPc a, GuestPc b) { return a.addr_ <= b.addr_; }

 private:
  uint32_t addr_;
};

struct AppPcTag {};
struct CachePcTag {};
using AppPc = GuestPc<AppPcTag>;      // an address in the application's code
using CachePc = GuestPc<CachePcTag>;  // an address in Dynamo's fragment cache

// An IAOQ value (PA-RISC keeps the privilege level in the two low bits) as an app pc.
constexpr AppPc AppPcOfIaoq(uint32_t iaoq) { return AppPc(iaoq & ~3u); }

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_APP_PC_H
