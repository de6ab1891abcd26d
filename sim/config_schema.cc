// The machine configuration's schema: every parameter's single declaration, with its
// type, unit, default, range and reason, bound to one MachineConfig field; and the checks
// that span parameters. Facts: ../shared/reference/pa8000.md (Kumar, "The HP PA-8000 RISC
// CPU", IEEE Micro 17(2), 1997; the Dynamo paper). The YAML loader and the override parser
// are config_loader.cc; the Markdown reference and the YAML dump config_doc.cc.
#include <algorithm>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/config.h"
#include "sim/config_internal.h"

namespace dynsim {
namespace {

// A generic accessor of one MachineConfig field, usable on const and non-const configs.
#define DYNSIM_FIELD(path) [](auto& c) -> auto& { return c.path; }

// Collects declarations; each helper binds a dotted name to a field through an accessor.
class SchemaBuilder {
 public:
  // Binds a field held as an integer (integer parameters and enum indexes) to a parameter.
  template <typename Ref>
  static void BindIntegral(ParamDef* p, Ref ref) {
    p->get = [ref](const MachineConfig& c) {
      ParamValue v;
      v.i = static_cast<int64_t>(ref(c));
      return v;
    };
    p->set = [ref](MachineConfig* c, const ParamValue& v) {
      auto& field = ref(*c);
      field = static_cast<std::remove_reference_t<decltype(field)>>(v.i);
    };
  }

  template <typename Ref>
  void Int(std::string name, std::string unit, int64_t def, int64_t min, int64_t max,
           IntConstraint constraint, std::string doc, Ref ref) {
    ParamDef p = Common(std::move(name), ParamType::kInt, std::move(unit), std::move(doc));
    p.default_value.i = def;
    p.min = min;
    p.max = max;
    p.constraint = constraint;
    BindIntegral(&p, ref);
    Add(std::move(p));
  }

  template <typename Ref>
  void Bool(std::string name, bool def, std::string doc, Ref ref) {
    ParamDef p = Common(std::move(name), ParamType::kBool, "", std::move(doc));
    p.default_value.b = def;
    p.get = [ref](const MachineConfig& c) {
      ParamValue v;
      v.b = ref(c);
      return v;
    };
    p.set = [ref](MachineConfig* c, const ParamValue& v) { ref(*c) = v.b; };
    Add(std::move(p));
  }

  // `choices` are in the order of the enumerators of the bound field's enum type.
  template <typename Ref>
  void Enum(std::string name, std::vector<std::string> choices, const std::string& def,
            std::string doc, Ref ref) {
    ParamDef p = Common(std::move(name), ParamType::kEnum, "", std::move(doc));
    p.choices = std::move(choices);
    p.default_value.i = std::find(p.choices.begin(), p.choices.end(), def) - p.choices.begin();
    BindIntegral(&p, ref);
    Add(std::move(p));
  }

  template <typename Ref>
  void String(std::string name, std::string def, std::string doc, Ref ref) {
    ParamDef p = Common(std::move(name), ParamType::kString, "", std::move(doc));
    p.default_value.s = std::move(def);
    p.get = [ref](const MachineConfig& c) {
      ParamValue v;
      v.s = ref(c);
      return v;
    };
    p.set = [ref](MachineConfig* c, const ParamValue& v) { ref(*c) = v.s; };
    Add(std::move(p));
  }

  // The parameters of one cache, under `prefix` ("icache"); `cache` accesses its CacheConfig.
  struct CacheDefaults {
    int64_t size_kb, assoc, line_bytes;
    std::string replacement;
    int64_t hit_latency, miss_penalty;
    std::string size_doc, assoc_doc, line_doc, replacement_doc, hit_doc, miss_doc;
  };
  template <typename CacheRef>
  void Cache(const std::string& prefix, const CacheDefaults& d, CacheRef cache) {
    Int(prefix + ".size_kb", "KiB", d.size_kb, 1, 1 << 20, IntConstraint::kNone, d.size_doc,
        [cache](auto& c) -> auto& { return cache(c).size_kb; });
    Int(prefix + ".assoc", "ways", d.assoc, 1, 1024, IntConstraint::kNone, d.assoc_doc,
        [cache](auto& c) -> auto& { return cache(c).assoc; });
    Int(prefix + ".line_bytes", "bytes", d.line_bytes, 4, 4096, IntConstraint::kPowerOfTwo,
        d.line_doc, [cache](auto& c) -> auto& { return cache(c).line_bytes; });
    Enum(prefix + ".replacement", {"lru", "fifo", "random"}, d.replacement, d.replacement_doc,
         [cache](auto& c) -> auto& { return cache(c).replacement; });
    Int(prefix + ".hit_latency", "cycles", d.hit_latency, 0, 1000, IntConstraint::kNone,
        d.hit_doc, [cache](auto& c) -> auto& { return cache(c).hit_latency; });
    Int(prefix + ".miss_penalty", "cycles", d.miss_penalty, 0, 100000, IntConstraint::kNone,
        d.miss_doc, [cache](auto& c) -> auto& { return cache(c).miss_penalty; });
  }

  std::vector<ParamDef> Take() { return std::move(params_); }

 private:
  static ParamDef Common(std::string name, ParamType type, std::string unit, std::string doc) {
    ParamDef p;
    p.name = std::move(name);
    p.type = type;
    p.unit = std::move(unit);
    p.doc = std::move(doc);
    return p;
  }
  void Add(ParamDef p) { params_.push_back(std::move(p)); }

  std::vector<ParamDef> params_;
};

constexpr IntConstraint kAny = IntConstraint::kNone;
// Lines per cache, at most: 64 MiB of the simulator's tag entries (CheckGeometry).
constexpr uint64_t kMaxCacheLines = uint64_t{1} << 22;
constexpr IntConstraint kPow2 = IntConstraint::kPowerOfTwo;

// THE declaration of every parameter. Groups must stay contiguous (the YAML dump nests them).
std::vector<ParamDef> BuildSchema() {
  SchemaBuilder s;
  s.String("name", "pa8000",
           "Label for this machine, copied into stats and config dumps.", DYNSIM_FIELD(name));
  s.Int("clock_mhz", "MHz", 180, 1, 100000, kAny,
        "Core clock; simulated time = cycles / clock. PA-8000: up to 180 MHz (Kumar 1997).",
        DYNSIM_FIELD(clock_mhz));
  s.Int("seed", "", 1, 0, INT64_MAX, kAny,
        "Seed of every pseudo-random choice: random replacement, and the guest's getrandom and "
        "AT_RANDOM bytes. Same seed and inputs, "
        "same stats.",
        DYNSIM_FIELD(seed));

  s.Int("quantum_cycles", "cycles", 100000, 1, 1000000000, kAny,
        "SystemC time quantum: the CPU runs up to this many cycles ahead of SystemC time before "
        "it synchronizes (tlm_quantumkeeper), and always stops at the modeled OS's timer events. "
        "Changes host speed only, never results. Our choice: large enough that synchronizing "
        "costs nothing measurable.",
        DYNSIM_FIELD(quantum_cycles));

  s.Enum("core.model", {"inorder", "ooo", "functional"}, "ooo",
         "Timing model: `inorder` is a scalar pipeline with interlocks and explicit penalties "
         "(for teaching and analytic checks); `ooo` approximates the PA-8000's out-of-order "
         "core in the interval-simulation style; `functional` has no pipeline, caches or "
         "predictor: every instruction slot takes one cycle (fastest).",
         DYNSIM_FIELD(core.model));
  s.Int("core.dispatch_width", "instructions/cycle", 4, 1, 64, kAny,
        "Instructions dispatched and retired per cycle by `ooo` (`inorder` issues one). "
        "PA-8000: 4-way superscalar (Kumar 1997).",
        DYNSIM_FIELD(core.dispatch_width));
  s.Int("core.rob_entries", "instructions", 56, 1, 4096, kAny,
        "Reorder window of `ooo`: how far past a long-latency miss independent work can "
        "proceed. PA-8000: 56-entry instruction reorder buffer (Kumar 1997).",
        DYNSIM_FIELD(core.rob_entries));

  const std::string kSizeFact =
      "PA-8000: large off-chip primary caches, separate instruction and data, up to 1 MB "
      "each (2 MB on the PA-8200) (Kumar 1997); the default is the largest PA-8000 size.";
  const std::string kAssocDoc =
      "Ways per set; 1 = direct mapped. Our assumption: direct mapped (the reference does not "
      "confirm it): one tag compare per access is what an off-chip SRAM array affords at "
      "speed. size_kb * 1024 / (assoc * line_bytes) must be a power of two (the sets).";
  const std::string kLineDoc =
      "Line size. Our assumption: 32 bytes (the reference does not give it), a common line "
      "size for caches of the period. At most " + std::to_string(kMaxCacheLines) +
      " lines per cache (size_kb * 1024 / line_bytes): the simulator keeps a tag for each.";
  const std::string kReplDoc =
      "Victim choice within a set: least recently used, first in first out, or random "
      "(seeded by `seed`). Irrelevant when direct mapped.";
  const std::string kMissDoc =
      "Cycles added by a miss to fetch the line from memory (from L2 instead when "
      "l2.enabled: then the L2's latencies apply). Our assumption: 50 cycles, about 280 ns "
      "of memory latency at 180 MHz.";
  s.Cache("icache",
          {1024, 1, 32, "lru", 2, 50, "Instruction cache size. " + kSizeFact, kAssocDoc,
           kLineDoc, kReplDoc,
           "Cycles from fetch request to instructions on a hit. Our assumption: 2 (a pipelined "
           "off-chip access).",
           kMissDoc},
          DYNSIM_FIELD(icache));
  s.Cache("dcache",
          {1024, 1, 32, "lru", 3, 50, "Data cache size. " + kSizeFact, kAssocDoc, kLineDoc,
           kReplDoc,
           "Load-to-use cycles on a hit: a dependent instruction issues this many cycles after "
           "the load. Our assumption: 3 (a pipelined off-chip access).",
           kMissDoc},
          DYNSIM_FIELD(dcache));

  s.Bool("l2.enabled", false,
         "Adds a unified second-level cache behind icache and dcache, for what-if studies. "
         "Off by default: the PA-8000's off-chip primaries are its last level (Kumar 1997).",
         DYNSIM_FIELD(l2.enabled));
  s.Cache("l2",
          {4096, 4, 64, "lru", 12, 50,
           "Unified L2 size (when l2.enabled). Our assumption: 4 MiB, four times a primary.",
           "Ways per set (when l2.enabled). Our assumption: 4. size_kb * 1024 / (assoc * "
           "line_bytes) must be a power of two.",
           "L2 line size (when l2.enabled). Our assumption: 64 bytes.", kReplDoc,
           "Cycles an L1 miss costs when it hits in L2, replacing the L1's miss_penalty (when "
           "l2.enabled). Our assumption: 12.",
           "Cycles an L2 miss adds to l2.hit_latency to fetch from memory (when l2.enabled). "
           "Our assumption: 50, as for the primaries without L2."},
          DYNSIM_FIELD(l2.cache));

  s.Int("tlb.entries", "entries", 96, 1, 65536, kAny,
        "Unified, fully associative TLB for instructions and data. PA-8000: 96 entries "
        "(Dynamo paper). The 4-entry instruction micro-TLB is not modelled.",
        DYNSIM_FIELD(tlb.entries));
  s.Int("tlb.page_bytes", "bytes", 4096, 4096, 1 << 30, kPow2,
        "Page size the TLB maps. 4 KiB: Linux on PA-RISC maps user memory with 4 KiB pages.",
        DYNSIM_FIELD(tlb.page_bytes));
  s.Int("tlb.miss_penalty", "cycles", 40, 0, 100000, kAny,
        "Cycles a TLB miss costs (PA-RISC refills in software: interruption plus the "
        "kernel's miss handler). Our assumption: 40.",
        DYNSIM_FIELD(tlb.miss_penalty));

  s.Enum("branch.predictor", {"bht", "static", "perfect"}, "bht",
         "Conditional-branch direction prediction: `bht` = the branch history table below; "
         "`static` = backward taken, forward not taken (PA-8000's per-page static mode, Kumar "
         "1997); `perfect` = never mispredicts (what-if).",
         DYNSIM_FIELD(branch.predictor));
  s.Int("branch.bht_entries", "entries", 256, 1, 1 << 20, kPow2,
        "Branch history table entries, indexed by branch address. PA-8000: 256 (Kumar 1997).",
        DYNSIM_FIELD(branch.bht_entries));
  s.Int("branch.history_bits", "bits", 3, 1, 15, IntConstraint::kOdd,
        "Bits of each BHT entry's outcome shift register; predicts the majority of the last "
        "history_bits outcomes (odd, so a vote never ties). PA-8000: 3 bits (Kumar 1997).",
        DYNSIM_FIELD(branch.history_bits));
  s.Int("branch.mispredict_penalty", "cycles", 5, 0, 1000, kAny,
        "Cycles lost per mispredicted branch. PA-8000: 5 (Kumar 1997).",
        DYNSIM_FIELD(branch.mispredict_penalty));
  s.Int("branch.taken_bubble", "cycles", 2, 0, 100, kAny,
        "Fetch bubble of a correctly predicted taken branch whose target the BTAC does not "
        "supply. PA-8000: 2 cycles (Kumar 1997).",
        DYNSIM_FIELD(branch.taken_bubble));
  s.Int("branch.btac_entries", "entries", 0, 0, 65536, kAny,
        "Branch target address cache entries, which remove the taken bubble on a hit; 0 = "
        "none, as the default PA-8000 model assumes. The PA-8500 had 32.",
        DYNSIM_FIELD(branch.btac_entries));
  s.Enum("branch.indirect", {"always_mispredict", "btb"}, "always_mispredict",
         "Indirect branches, returns included: `always_mispredict` as on the PA-8000 (Dynamo "
         "paper), or predicted by a BTB and a return address stack (what-if).",
         DYNSIM_FIELD(branch.indirect));
  s.Int("branch.btb_entries", "entries", 256, 1, 1 << 20, kPow2,
        "Branch target buffer entries for indirect branches (when branch.indirect = btb). "
        "Our assumption: 256.",
        DYNSIM_FIELD(branch.btb_entries));
  s.Int("branch.ras_entries", "entries", 8, 0, 1024, kAny,
        "Return address stack depth (when branch.indirect = btb); 0 = returns go through "
        "the BTB. Our assumption: 8.",
        DYNSIM_FIELD(branch.ras_entries));

  s.Int("memory.limit_mb", "MiB", 2048, 1, 4096, kAny,
        "Guest memory mapped at once, at most: program segments, stack, brk, mmap and "
        "Dynamo's pages. Past it mmap and brk fail with ENOMEM, as under RLIMIT_AS. A page "
        "takes host memory only once written. Our choice: 2 GiB, more than any workload "
        "needs, and a bound on what a guest can make the simulator allocate.",
        DYNSIM_FIELD(memory.limit_mb));
  return s.Take();
}

#undef DYNSIM_FIELD

}  // namespace

namespace config_internal {

const char* TypeName(ParamType t) {
  switch (t) {
    case ParamType::kBool:
      return "bool";
    case ParamType::kInt:
      return "integer";
    case ParamType::kEnum:
      return "enum";
    case ParamType::kString:
      return "string";
  }
  return "?";
}




// Dotted names of every group ("icache", "l2", ...), in schema order.
const std::vector<std::string>& GroupNames() {
  static const std::vector<std::string> groups = [] {
    std::vector<std::string> out;
    for (const ParamDef& p : ConfigSchema()) {
      for (size_t dot = p.name.find('.'); dot != std::string::npos;
           dot = p.name.find('.', dot + 1)) {
        std::string g = p.name.substr(0, dot);
        if (std::find(out.begin(), out.end(), g) == out.end()) out.push_back(g);
      }
    }
    return out;
  }();
  return groups;
}

bool IsGroup(const std::string& name) {
  const auto& g = GroupNames();
  return std::find(g.begin(), g.end(), name) != g.end();
}

std::string CheckGeometry(const MachineConfig& c, std::vector<std::string>* keys) {
  struct Named {
    const char* prefix;
    const CacheConfig* cache;
  };
  const Named caches[] = {{"icache", &c.icache}, {"dcache", &c.dcache}, {"l2", &c.l2.cache}};
  for (const Named& n : caches) {
    uint64_t bytes = uint64_t{n.cache->size_kb} * 1024;
    uint64_t set_bytes = uint64_t{n.cache->assoc} * n.cache->line_bytes;
    uint64_t sets = set_bytes ? bytes / set_bytes : 0;
    if (set_bytes == 0 || bytes % set_bytes != 0 || sets == 0 || (sets & (sets - 1)) != 0) {
      std::string p = n.prefix;
      *keys = {p + ".assoc", p + ".size_kb", p + ".line_bytes"};
      return std::to_string(n.cache->size_kb) + " KiB in " + std::to_string(n.cache->assoc) +
             "-way sets of " + std::to_string(n.cache->line_bytes) +
             "-byte lines is not a power-of-two number of sets";
    }
    // The simulator keeps a 16-byte tag entry per line (sim/cache.h); this bounds what a
    // configuration can make it allocate.
    const uint64_t lines = bytes / n.cache->line_bytes;
    if (lines > kMaxCacheLines) {
      std::string p = n.prefix;
      *keys = {p + ".size_kb", p + ".line_bytes"};
      return std::to_string(n.cache->size_kb) + " KiB of " + std::to_string(n.cache->line_bytes) + "-byte lines is " +
             std::to_string(lines) + " lines; the simulator models at most " + std::to_string(kMaxCacheLines) +
             " per cache";
    }
  }
  return "";
}

void ApplyDefaults(MachineConfig* c) {
  for (const ParamDef& p : ConfigSchema()) p.set(c, p.default_value);
}

}  // namespace config_internal

using config_internal::ApplyDefaults;
using config_internal::CheckGeometry;

const std::vector<ParamDef>& ConfigSchema() {
  static const std::vector<ParamDef> schema = BuildSchema();
  return schema;
}

const ParamDef* FindParam(const std::string& name) {
  for (const ParamDef& p : ConfigSchema()) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

MachineConfig DefaultConfig() {
  MachineConfig c{};
  ApplyDefaults(&c);
  return c;
}

bool CheckConfig(const MachineConfig& config, std::string* error, std::string* key) {
  std::vector<std::string> keys;
  std::string message = CheckGeometry(config, &keys);
  if (message.empty()) return true;
  *error = keys[0] + ": " + message;
  if (key) *key = keys[0];
  return false;
}

}  // namespace dynsim
