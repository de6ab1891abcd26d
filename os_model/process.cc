#include "os_model/process.h"

namespace dynsim {
namespace {

// Auxiliary vector keys (Linux include/uapi/linux/auxvec.h).
enum AuxKey : uint32_t {
  kAtNull = 0,
  kAtPhdr = 3,
  kAtPhent = 4,
  kAtPhnum = 5,
  kAtPagesz = 6,
  kAtBase = 7,
  kAtFlags = 8,
  kAtEntry = 9,
  kAtUid = 11,
  kAtEuid = 12,
  kAtGid = 13,
  kAtEgid = 14,
  kAtPlatform = 15,
  kAtHwcap = 16,
  kAtClktck = 17,
  kAtSecure = 23,
  kAtRandom = 25,
  kAtExecfn = 31,
};

constexpr uint32_t AlignUp(uint32_t v, uint32_t a) { return (v + a - 1) & ~(a - 1); }

// Guest address of the program headers: inside the segment that maps file offset e_phoff.
GuestAddr ProgramHeaderAddress(const ElfImage& image) {
  if (image.phdr_addr) return image.phdr_addr;
  uint32_t phoff = GuestMemory::FromBigEndian<uint32_t>(&image.bytes[28]);
  for (const ElfSegment& seg : image.segments)
    if (phoff >= seg.file_offset && phoff - seg.file_offset < seg.file_size)
      return seg.vaddr + (phoff - seg.file_offset);
  return 0;
}

class StackWriter {
 public:
  StackWriter(GuestMemory* memory, GuestAddr at) : memory_(memory), at_(at) {}
  GuestAddr String(const std::string& s) {
    GuestAddr addr = at_;
    memory_->WriteBytes(at_, s.c_str(), static_cast<uint32_t>(s.size() + 1));
    at_ += static_cast<uint32_t>(s.size() + 1);
    return addr;
  }
  GuestAddr Bytes(const uint8_t* bytes, uint32_t n) {
    GuestAddr addr = at_;
    memory_->WriteBytes(at_, bytes, n);
    at_ += n;
    return addr;
  }
  void Word(uint32_t w) {
    uint8_t b[4];
    GuestMemory::ToBigEndian<uint32_t>(b, w);
    memory_->WriteBytes(at_, b, 4);
    at_ += 4;
  }
  void Align(uint32_t a) { at_ = AlignUp(at_, a); }
  GuestAddr at() const { return at_; }

 private:
  GuestMemory* memory_;
  GuestAddr at_;
};

}  // namespace

bool SetUpProcess(const ElfImage& image, const ProcessSpec& spec, GuestMemory* memory,
                  ArchState* state, std::string* error) {
  // Everything below the stack pointer must fit in the first quarter of the stack.
  uint64_t needed = 16 + 64 + 64 + 8 * 20;
  for (const auto& s : spec.argv) needed += s.size() + 1 + 4;
  for (const auto& s : spec.envp) needed += s.size() + 1 + 4;
  needed += (spec.argv.empty() ? 0 : spec.argv[0].size() + 1) + 7;
  if (needed > spec.stack_bytes / 4) {
    *error = "arguments and environment (" + std::to_string(needed) +
             " bytes) do not fit in the guest stack";
    return false;
  }
  const uint8_t stack_perms = kPermRead | kPermWrite | (image.executable_stack ? kPermExec : 0);
  if (!memory->Map(kStackBase, spec.stack_bytes, stack_perms)) {
    *error = "cannot map the guest stack";
    return false;
  }
  StackWriter w(memory, kStackBase);
  std::vector<GuestAddr> argv_addrs, envp_addrs;
  for (const auto& s : spec.argv) argv_addrs.push_back(w.String(s));
  for (const auto& s : spec.envp) envp_addrs.push_back(w.String(s));
  GuestAddr execfn = w.String(spec.argv.empty() ? std::string() : spec.argv[0]);
  GuestAddr platform = w.String("PARISC");
  w.Align(16);
  GuestAddr random = w.Bytes(spec.random_bytes, sizeof spec.random_bytes);

  GuestAddr argc_addr = w.at();
  w.Word(static_cast<uint32_t>(argv_addrs.size()));
  GuestAddr argv_addr = w.at();
  for (GuestAddr a : argv_addrs) w.Word(a);
  w.Word(0);
  for (GuestAddr a : envp_addrs) w.Word(a);
  w.Word(0);
  const uint32_t auxv[][2] = {
      {kAtPhdr, ProgramHeaderAddress(image)},
      {kAtPhent, image.phentsize},
      {kAtPhnum, image.phnum},
      {kAtPagesz, GuestMemory::kPageSize},
      {kAtBase, 0},
      {kAtFlags, 0},
      {kAtEntry, image.entry},
      {kAtUid, 0},
      {kAtEuid, 0},
      {kAtGid, 0},
      {kAtEgid, 0},
      {kAtHwcap, 0},
      {kAtClktck, 100},
      {kAtRandom, random},
      {kAtSecure, 0},
      {kAtExecfn, execfn},
      {kAtPlatform, platform},
      {kAtNull, 0},
  };
  for (const auto& pair : auxv) {
    w.Word(pair[0]);
    w.Word(pair[1]);
  }
  (void)argc_addr;

  *state = ArchState();
  state->gr[25] = static_cast<uint32_t>(argv_addrs.size());
  state->gr[24] = argv_addr;
  state->gr[23] = 0;
  state->gr[30] = AlignUp(w.at(), 64) + 64;
  state->gr[31] = image.entry;
  state->JumpTo(image.entry);
  return true;
}

}  // namespace dynsim
