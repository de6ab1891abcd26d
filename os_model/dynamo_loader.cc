#include "os_model/dynamo_loader.h"

#include <cxxabi.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <vector>

namespace dynsim {
namespace {

constexpr const char* kBootSymbol = "dynamo_boot";
// The low page must be reachable from %r0 with a 14-bit displacement (0..8191) and must
// not touch page zero, the gateway page.
constexpr uint32_t kLowPageEnd = 0x2000;

std::string Hex(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%x", v);
  return buf;
}

// The boot block as guest words: every field of dynamo::BootBlock is a 32-bit word.
constexpr uint32_t kBootWords = sizeof(dynamo::BootBlock) / 4;
static_assert(sizeof(dynamo::BootBlock) % 4 == 0, "boot block is words");

bool ReadWords(const GuestMemory& memory, GuestAddr addr, uint32_t* words, uint32_t n) {
  std::vector<uint8_t> bytes(4 * n);
  if (!memory.ReadBytes(addr, bytes.data(), 4 * n)) return false;
  for (uint32_t i = 0; i < n; ++i) words[i] = GuestMemory::FromBigEndian<uint32_t>(&bytes[4 * i]);
  return true;
}

bool WriteWords(GuestMemory* memory, GuestAddr addr, const uint32_t* words, uint32_t n) {
  std::vector<uint8_t> bytes(4 * n);
  for (uint32_t i = 0; i < n; ++i) GuestMemory::ToBigEndian<uint32_t>(&bytes[4 * i], words[i]);
  return memory->WriteBytes(addr, bytes.data(), 4 * n);
}

dynamo::BootAppState AppStateOf(const ArchState& s) {
  dynamo::BootAppState a{};
  for (int r = 0; r < 32; ++r) {
    a.gr[r] = s.gr[r];
    a.fr_hi[r] = static_cast<uint32_t>(s.fr[r] >> 32);
    a.fr_lo[r] = static_cast<uint32_t>(s.fr[r]);
  }
  a.gr[0] = 0;
  a.sar = s.sar;
  a.iaoq_front = s.iaoq_front;
  a.iaoq_back = s.iaoq_back;
  a.psw_n = s.psw_n;
  a.psw_cb = s.psw_cb;
  a.psw_v = s.psw_v;
  return a;
}

dynamo::BootAppImage AppImageOf(const ElfImage& app) {
  dynamo::BootAppImage img{};
  img.entry = app.entry;
  img.lo = UINT32_MAX;
  for (const ElfSegment& seg : app.segments) {
    img.lo = std::min(img.lo, seg.vaddr & ~GuestMemory::kPageMask);
    img.hi = std::max(img.hi, (seg.vaddr + seg.mem_size + GuestMemory::kPageMask) & ~GuestMemory::kPageMask);
  }
  if (app.segments.empty()) img.lo = 0;
  return img;
}

// "dynamo::Event dynamo::(anonymous namespace)::StepOp<(isa::Op)3, true>(dynamo::AppState&,
// ...)" -> "dynamo::StepOp": no return type (template functions have one), parameter list,
// template arguments or anonymous namespaces.
std::string ProfileName(const std::string& mangled) {
  int status = 0;
  char* demangled = abi::__cxa_demangle(mangled.c_str(), nullptr, nullptr, &status);
  std::string name = status == 0 && demangled ? demangled : mangled;
  std::free(demangled);
  static const std::string kAnonymous = "(anonymous namespace)";
  std::string out;
  int angle = 0;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '<') ++angle;
    else if (c == '>' && angle > 0) --angle;
    else if (c == '(' && angle == 0 && name.compare(i, kAnonymous.size(), kAnonymous) == 0) {
      i += kAnonymous.size() - 1;  // and the "::" after it
      if (name.compare(i + 1, 2, "::") == 0) i += 2;
    } else if (c == '(' && angle == 0) {
      break;  // the parameter list
    } else if (c == ' ' && angle == 0) {
      out.clear();  // what came before was the return type
    } else if (angle == 0) {
      out += c;
    }
  }
  if (out.empty()) out = mangled;
  return out.compare(0, 8, "dynamo::") == 0 ? out : "dynamo::" + out;
}

}  // namespace

bool LoadDynamo(const DynamoBootSpec& spec, const ElfImage& app, GuestMemory* memory, ArchState* state,
                ElfImage* dynamo_image, DynamoPlacement* placement, std::string* error) {
  if (!ReadElf(spec.elf_path, dynamo_image, error)) return false;
  const std::string& path = dynamo_image->path;
  const ElfSymbol* boot_symbol = nullptr;
  for (const ElfSymbol& s : dynamo_image->symbols)
    if (s.name == kBootSymbol) boot_symbol = &s;
  if (!boot_symbol) {
    *error = path + ": no '" + kBootSymbol + "' symbol: not a Dynamo image";
    return false;
  }
  if (boot_symbol->size != sizeof(dynamo::BootBlock)) {
    *error = path + ": '" + kBootSymbol + "' is " + std::to_string(boot_symbol->size) +
             " bytes, the simulator's boot block " + std::to_string(sizeof(dynamo::BootBlock)) +
             " (Dynamo and dynsim built from different sources?)";
    return false;
  }
  if (!LoadElf(*dynamo_image, memory, error)) {
    *error += " (Dynamo's image collides with the application's)";
    return false;
  }

  // The header Dynamo's image carries.
  dynamo::BootBlock boot{};
  if (!ReadWords(*memory, boot_symbol->addr, reinterpret_cast<uint32_t*>(&boot), kBootWords)) {
    *error = path + ": '" + kBootSymbol + "' is not in a loaded segment";
    return false;
  }
  if (boot.magic != dynamo::kBootMagic || boot.version != dynamo::kBootVersion || boot.size != sizeof boot) {
    *error = path + ": boot block version " + std::to_string(boot.version) + ", expected " +
             std::to_string(dynamo::kBootVersion) + " (Dynamo and dynsim built from different sources?)";
    return false;
  }
  const uint32_t ctx = boot.context_addr, ctx_bytes = boot.context_bytes;
  if (ctx < GuestMemory::kPageSize || (ctx & GuestMemory::kPageMask) || ctx_bytes == 0 ||
      (ctx_bytes & GuestMemory::kPageMask) || ctx_bytes > kLowPageEnd - ctx) {
    *error = path + ": Dynamo's low page [" + Hex(ctx) + ", +" + Hex(ctx_bytes) + ") is not page-aligned within [" +
             Hex(GuestMemory::kPageSize) + ", " + Hex(kLowPageEnd) + ")";
    return false;
  }
  for (uint32_t a = ctx; a < ctx + ctx_bytes; a += GuestMemory::kPageSize) {
    if (memory->IsMapped(a)) {
      *error = path + ": Dynamo's low page at " + Hex(a) + " is already mapped by the application";
      return false;
    }
  }
  if (!memory->Map(ctx, ctx_bytes, kPermRead | kPermWrite)) {
    *error = path + ": Dynamo's low page does not fit in the memory limit (memory.limit_mb)";
    return false;
  }

  boot.app = AppStateOf(*state);
  boot.image = AppImageOf(app);
  boot.machine.icache_line_bytes = spec.icache_line_bytes;
  boot.config = spec.config;
  boot.loaded = dynamo::kBootLoaded;
  WriteWords(memory, boot_symbol->addr, reinterpret_cast<const uint32_t*>(&boot), kBootWords);

  *placement = DynamoPlacement();
  placement->code_lo = UINT32_MAX;
  for (const ElfSegment& seg : dynamo_image->segments) {
    if (!(seg.perms & kPermExec)) continue;
    placement->code_lo = std::min<GuestAddr>(placement->code_lo, seg.vaddr);
    placement->code_hi = std::max<GuestAddr>(placement->code_hi, seg.vaddr + seg.mem_size);
  }
  // The app context starts with the application's gr[0..31] (dynamo/context_layout.h).
  placement->app_return_addr = ctx + 4 * 31;

  // Nothing but the entry point matters: Dynamo's entry sets up its own registers.
  *state = ArchState();
  state->JumpTo(dynamo_image->entry);
  return true;
}

std::string FindDynamoElf() {
  char exe[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return "";
  exe[n] = '\0';
  std::string dir(exe);
  dir = dir.substr(0, dir.rfind('/'));
  const std::string candidate = dir + "/../dynamo/dynamo";
  return std::ifstream(candidate).good() ? candidate : "";
}

ElfImage DynamoImageForProfile(const ElfImage& image) {
  ElfImage copy;
  copy.path = image.path;
  copy.entry = image.entry;
  copy.symbols = image.symbols;
  for (ElfSymbol& s : copy.symbols)
    if (s.is_function) s.name = ProfileName(s.name);
  return copy;
}

}  // namespace dynsim
