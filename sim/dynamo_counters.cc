#include "sim/dynamo_counters.h"

#include "dynamo/counters.h"

namespace dynsim {
namespace {

// The block is Dynamo's one dynamo::Counters object, `counters` in start.cc's anonymous
// namespace (a local symbol: the ELF keeps it, the linker never resolves it).
constexpr const char* kCounterBlockSymbol = "_ZN6dynamo12_GLOBAL__N_18countersE";

}  // namespace

const std::vector<DynamoCounterDecl>& DynamoCounterDecls() {
  static const std::vector<DynamoCounterDecl> decls = {
#define DYNSIM_DYNAMO_COUNTER_DECL(name, doc) {#name, doc},
      DYNAMO_COUNTERS(DYNSIM_DYNAMO_COUNTER_DECL)
#undef DYNSIM_DYNAMO_COUNTER_DECL
  };
  return decls;
}

std::string DynamoCounterDoc(const std::string& key) {
  const std::string prefix = "dynamo.";
  if (key.compare(0, prefix.size(), prefix) != 0) return "";
  for (const DynamoCounterDecl& d : DynamoCounterDecls())
    if (key.compare(prefix.size(), std::string::npos, d.name) == 0) return "Dynamo: " + std::string(d.doc);
  return "";
}

bool DynamoCounterBlock::Find(const ElfImage& dynamo_image, std::string* error) {
  static_assert(sizeof(dynamo::Counters) % sizeof(uint64_t) == 0, "the block is an array of counters");
  for (const ElfSymbol& s : dynamo_image.symbols) {
    if (s.name != kCounterBlockSymbol) continue;
    const uint32_t expected = static_cast<uint32_t>(DynamoCounterDecls().size() * sizeof(uint64_t));
    if (s.size != expected) {
      *error = dynamo_image.path + ": Dynamo's counter block is " + std::to_string(s.size) + " bytes, not the " +
               std::to_string(expected) + " dynamo/counters.h declares";
      return false;
    }
    addr_ = s.addr;
    found_ = true;
    return true;
  }
  *error = dynamo_image.path + ": no symbol " + kCounterBlockSymbol + " (Dynamo's counter block)";
  return false;
}

std::vector<uint64_t> DynamoCounterBlock::Read(const GuestMemory& memory) const {
  if (!found_) return {};
  std::vector<uint8_t> bytes(DynamoCounterDecls().size() * sizeof(uint64_t));
  if (!memory.ReadBytes(addr_, bytes.data(), static_cast<uint32_t>(bytes.size()))) return {};
  std::vector<uint64_t> values(DynamoCounterDecls().size());
  for (size_t i = 0; i < values.size(); ++i) {
    uint64_t v = 0;
    for (size_t b = 0; b < 8; ++b) v = v << 8 | bytes[i * 8 + b];  // the guest is big-endian
    values[i] = v;
  }
  return values;
}

}  // namespace dynsim
