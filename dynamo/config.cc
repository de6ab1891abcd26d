// Dynamo's parameters (the single declaration of each) and the YAML loader. Facts: the
// Dynamo paper (../shared/reference/dynamo-paper.md) and DynamoRIO's defaults.
#include "dynamo/config.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstdlib>
#include <map>

#include "util/config_text.h"
#include "util/param_spec.h"
#include "util/yaml_map.h"

namespace dynamo {
namespace {

std::vector<DynamoParam> BuildSchema() {
  return {
      {"hot_threshold", false, "executions", 50, 1, 1000000, false, "monitor",
       "How many times a trace-head candidate (the target of a backward taken branch or of a "
       "fragment-cache exit) executes before Dynamo records the trace that starts there. The "
       "paper does not state Dynamo's value; 50 is DynamoRIO's default.",
       &BootConfig::hot_threshold},
      {"fragment_cache_kb", false, "KiB", 150, 1, 1024, false, "fragment cache",
       "Size of the fragment cache; when it is full, Dynamo flushes it whole (with flush_policy: "
       "fifo, deletes its oldest fragments). The paper's main results use 150 KB.",
       &BootConfig::fragment_cache_kb},
      {"flush_policy", false, "", 0, 0, 2, false, "fragment cache",
       "How the fragment cache makes room. flush_on_full: the whole cache is flushed when a new "
       "fragment does not fit; preemptive: also when the fragment creation rate rises sharply "
       "over its recent level, the sign of a working-set change (paper section 2; the rule is in "
       "dynamo/flush_policy.h and the four flush_ parameters below); fifo: the oldest fragments "
       "are deleted one at a time until the new one fits, and the cache doubles when too many "
       "new fragments are ones evicted before (DynamoRIO's policy; dynamo/fifo_cache.h and the "
       "three fifo_ parameters below).",
       &BootConfig::flush_policy, "flush_on_full|preemptive|fifo"},
      {"fifo_max_kb", false, "KiB", 1024, 1, 1024, false, "fragment cache",
       "With fifo, the most the cache may grow to (from fragment_cache_kb, doubling); at or "
       "below fragment_cache_kb it never grows.",
       &BootConfig::fifo_max_kb},
      {"fifo_window", false, "fragments", 50, 1, 100000, false, "fragment cache",
       "With fifo, how many fragments created while the cache is full make one decision to grow "
       "or not (50: DynamoRIO's cache_trace_replace).",
       &BootConfig::fifo_window},
      {"fifo_regen_percent", false, "%", 20, 1, 100, false, "fragment cache",
       "With fifo, the cache doubles when at least this share of those fragments regenerate "
       "evicted ones (20: DynamoRIO's cache_trace_regen of 10 per 50).",
       &BootConfig::fifo_regen_percent},
      {"flush_interval_kcycles", false, "1000 cycles", 10000, 1, 1000000, false, "fragment cache",
       "Length of one interval of the pre-emptive flush rule, in thousands of cr16 cycles "
       "(10,000: as the bail-out's).",
       &BootConfig::flush_interval_kcycles},
      {"flush_history_intervals", false, "intervals", 4, 1, 64, false, "fragment cache",
       "Intervals over which the recent fragment creation level is the mean; also how long "
       "after the start or a flush no pre-emptive flush happens.",
       &BootConfig::flush_history_intervals},
      {"flush_spike_factor", false, "times", 4, 1, 1000, false, "fragment cache",
       "A pre-emptive flush needs the current interval's creations to exceed this many times "
       "the recent level (dynamo/README.md, \"Measured\": what eager values do at ref).",
       &BootConfig::flush_spike_factor},
      {"flush_spike_fragments", false, "fragments", 32, 1, 8192, false, "fragment cache",
       "... and to reach this many fragments in the interval (a few new traces on a quiet "
       "program are no phase change).",
       &BootConfig::flush_spike_fragments},
      {"max_trace_blocks", false, "basic blocks", 128, 1, 4096, false, "monitor",
       "A recorded trace ends after this many basic blocks even without a backward taken branch, "
       "a branch to an existing fragment or a system call (DynamoRIO: 128).",
       &BootConfig::max_trace_blocks},
      {"linking", true, "", 1, 0, 1, false, "linker",
       "Patch each fragment exit to jump straight to its target fragment once that exists. Off: "
       "every exit returns to Dynamo (the paper measured about 40x slowdown on SPECint95).",
       &BootConfig::linking},
      {"link_branches", true, "", 1, 0, 1, false, "linker",
       "Linking also re-targets the branch that leads to an exit stub (a conditional branch "
       "to an exit block with no delay slot to run, or a b,n) at the target fragment itself, "
       "where it reaches and, for a conditional branch with ,n, lies in the same direction "
       "(the nullification rule depends on it), so such an exit costs the one branch the "
       "application had. Off: every linked exit goes through its stub's b,n.",
       &BootConfig::link_branches},
      {"inline_indirect", true, "", 1, 0, 1, false, "fragment builder",
       "Turn an indirect branch on a trace into a compare with the target seen while recording, "
       "going to the lookup table only on a mismatch. Off: every indirect branch looks up.",
       &BootConfig::inline_indirect},
      {"lookup_table_entries", false, "entries", 4096, 16, 1 << 16, true, "lookup",
       "Entries of the hash table from app pc to fragment entry that indirect branches consult.",
       &BootConfig::lookup_table_entries},
      {"trace_through_calls", true, "", 1, 0, 1, false, "monitor",
       "A direct call (b,l with a link) is neither a backward branch nor a trace end: the callee "
       "is recorded into the caller's trace, where the optimizer folds its return (paper section "
       "4.2), instead of becoming a fragment of its own whose return goes to many callers. Off: "
       "a call to a lower address is a backward branch like any other.",
       &BootConfig::trace_through_calls},
      {"close_loops", true, "", 1, 0, 1, false, "fragment builder",
       "A trace whose last branch is a conditional branch taken back to its head keeps that "
       "branch, re-targeted to the fragment's first word, so the loop runs with its own "
       "direction and prediction; off, the branch is inverted and the loop goes round through "
       "its linked exit stub (one more taken branch per iteration).",
       &BootConfig::close_loops},
      {"jump_tables", true, "", 1, 0, 1, false, "fragment builder",
       "A switch (ldw,s of a table whose address the trace knows, then bv) ends its fragment "
       "in a copy of the table translated to fragment entries, when the application's table "
       "is in read-only memory: the switch costs a load and a bv, as in the original code, "
       "instead of a compare with one recorded target and a lookup on every other. Off: the "
       "compare and the lookup.",
       &BootConfig::jump_tables},
      {"jump_table_min_change_percent", false, "percent", 50, 0, 100, false, "fragment builder",
       "With jump_tables, a switch gets its table only when its bv, while interpreted (at least "
       "8 times), went somewhere else than the time before on at least this share of its runs; "
       "a switch that kept going to one place keeps the compare with its recorded target, a "
       "predicted branch where the table's bv is always mispredicted. 0: a table at every "
       "switch that allows one.",
       &BootConfig::jump_table_min_change_percent},
      {"indirect_chain_slots", false, "compares", 1, 0, 4, false, "fragment builder",
       "With inline_indirect, each bv rX compare on a trace gets room for this many more "
       "compares before its table probe, filled with the targets its misses then go to "
       "(a polymorphic inline cache, dynamo/indirect_chains.h): a hit is a compare and a "
       "direct, predicted branch to the target's fragment instead of the probe's nine "
       "instructions and always-mispredicted bv. 0: none (measured at ref: 1 slot 1.181x "
       "geometric mean, 2 slots 1.176x, none 1.175x).",
       &BootConfig::indirect_chain_slots},
      {"indirect_chain_samples", false, "misses", 8, 0, 64, false, "fragment builder",
       "How many of its compare's misses to targets that head fragments a site sends to "
       "Dynamo, each with its target, before its slots are filled (each is an exit and an "
       "entry: about a hundred instructions). 0: no slots.",
       &BootConfig::indirect_chain_samples},
      {"indirect_chain_min_percent", false, "percent", 75, 1, 100, false, "fragment builder",
       "A target gets a chain slot only if it had at least this share of the site's samples "
       "(and two of them): the slot's compare is a conditional branch, predicted from its "
       "history, and a target that comes and goes makes it mispredict about as often as the "
       "probe's bv would have (measured at ref: 50 and 75 within 0.1% of each other).",
       &BootConfig::indirect_chain_min_percent},
      {"count_lookups", true, "", 0, 0, 1, false, "lookup",
       "Count the indirect branches that consult the lookup table (three more instructions per "
       "lookup, for the counters lookup_hits and inline_misses). Off, those two counters stay 0 "
       "and the lookup's hit path writes no memory.",
       &BootConfig::count_lookups},
      {"optimize", false, "", 1, 0, 2, false, "optimizer",
       "Which of the paper's optimization classes (section 4) the fragment builder applies. "
       "none: the straightened trace; conservative: constant and copy propagation and folding "
       "of the values ldil, ldi, ldo, addil, copy and dropped calls' links put in registers "
       "(and, with stack_slots, stored in the trace's own stack frames), so an indirect branch "
       "whose target is then known (a return whose call is on the trace, paper section 4.2) "
       "becomes nothing but its delay slot; aggressive: as conservative, but assuming that a "
       "store through a pointer not derived from the stack pointer never writes a stack slot "
       "the trace saved a link in (the paper's aggressive class 'can sometimes be incorrect': "
       "a program that rewrites saved return addresses through pointers breaks). All keep "
       "every register, memory word and PSW bit the original code would have at every "
       "fragment exit and every instruction that may trap.",
       &BootConfig::optimize, "none|conservative|aggressive"},
      {"stack_slots", true, "", 1, 0, 1, false, "optimizer",
       "Constant propagation follows a known word through the stack slot the trace stored it "
       "in, so a callee that saves its return link (stw %rp,-20(%sp)) and reloads it has its "
       "return folded like a leaf's. Any store that may touch the slot forgets it.",
       &BootConfig::stack_slots},
      {"bailout", true, "", 1, 0, 1, false, "bailout",
       "Hand the application back to native execution for good when Dynamo's own share of the "
       "time stays high (paper section 2: go and vortex bail out).",
       &BootConfig::bailout},
      {"bailout_interval_kcycles", false, "1000 cycles", 10000, 1, 1000000, false, "bailout",
       "Length of one measuring interval of the bail-out rule, in thousands of cr16 cycles "
       "(10,000: 10 million cycles, about 56 ms at 180 MHz). The paper does not publish it.",
       &BootConfig::bailout_interval_kcycles},
      {"bailout_threshold_percent", false, "percent", 15, 1, 10000, false, "bailout",
       "An interval counts against Dynamo when the cycles spent in Dynamo's own code exceed "
       "this percentage of the cycles spent in the fragment cache (15: at ref only vortex "
       "and ijpeg bail out, and gain by it; at 20 ijpeg does not, and runs at 0.79x instead "
       "of 0.88x; the other workloads stay under 10%).",
       &BootConfig::bailout_threshold_percent},
      {"bailout_intervals", false, "intervals", 10, 1, 1000000, false, "bailout",
       "Consecutive intervals over the threshold after which Dynamo bails out (10: 100 million "
       "cycles by default; with 5, perl's warm-up alone made it bail out at ref and lose its gain).",
       &BootConfig::bailout_intervals},
  };
}

// The names of a choice parameter, in value order.
std::vector<std::string> ChoiceNames(const DynamoParam& p) {
  std::vector<std::string> names;
  const std::string all = p.choices;
  for (size_t start = 0;;) {
    const size_t bar = all.find('|', start);
    names.push_back(all.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
    if (bar == std::string::npos) return names;
    start = bar + 1;
  }
}

const DynamoParam* FindParam(const std::string& name) {
  for (const DynamoParam& p : DynamoSchema())
    if (name == p.name) return &p;
  return nullptr;
}

std::string Suggestion(const std::string& name) {
  std::vector<std::string> names;
  for (const DynamoParam& p : DynamoSchema()) names.push_back(p.name);
  return dynsim::DidYouMean(name, names);
}

// The value part of `p` in the type both schemas share.
dynsim::ParamSpec SpecOf(const DynamoParam& p) {
  dynsim::ParamSpec spec;
  spec.type = p.choices ? dynsim::ParamType::kEnum : p.is_bool ? dynsim::ParamType::kBool : dynsim::ParamType::kInt;
  spec.unit = p.unit;
  spec.min = p.min;
  spec.max = p.max;
  spec.constraint = p.power_of_two ? dynsim::IntConstraint::kPowerOfTwo : dynsim::IntConstraint::kNone;
  if (p.choices) spec.choices = ChoiceNames(p);
  return spec;
}

class Loader {
 public:
  explicit Loader(std::string file) : file_(std::move(file)), config_(DefaultDynamoConfig()) {}

  bool Load(const std::string& text) {
    YAML::Node root;
    if (!dynsim::ParseYamlMap(text, file_, "Dynamo parameters", &root, &error_)) return false;
    try {
      if (root.IsNull()) return true;  // an empty file: the defaults
      return Walk(root);
    } catch (const std::exception& e) {
      error_ = file_ + ": " + e.what();
      return false;
    }
  }

  const BootConfig& config() const { return config_; }
  const std::string& error() const { return error_; }

 private:
  bool Fail(int line, const std::string& key, const std::string& message) {
    error_ = file_ + ":" + std::to_string(line) + ": " + key + ": " + message;
    return false;
  }

  bool Walk(const YAML::Node& map) {
    std::map<std::string, int> lines;
    for (auto it = map.begin(); it != map.end(); ++it) {
      const YAML::Node key = it->first;
      const YAML::Node value = it->second;
      const int line = key.Mark().line + 1;
      if (!key.IsScalar()) return Fail(line, "(top level)", "keys must be plain names");
      const std::string name = key.Scalar();
      if (!dynsim::FirstOccurrence(file_, key, name, &lines, &error_)) return false;
      const DynamoParam* p = FindParam(name);
      if (!p) return Fail(line, name, "unknown key" + Suggestion(name));
      const dynsim::ParamSpec spec = SpecOf(*p);
      const std::string not_scalar = dynsim::NotAScalar(value, dynsim::ExpectedValue(spec));
      if (!not_scalar.empty()) return Fail(line, name, not_scalar);
      dynsim::ParamValue v;
      const std::string message = dynsim::ParseParamValue(spec, value.Scalar(), value.Tag() == "?", &v);
      if (!message.empty()) return Fail(line, name, message);
      config_.*(p->field) = static_cast<uint32_t>(spec.type == dynsim::ParamType::kBool ? v.b : v.i);
    }
    return true;
  }

  std::string file_;
  BootConfig config_;
  std::string error_;
};

}  // namespace

const std::vector<DynamoParam>& DynamoSchema() {
  static const std::vector<DynamoParam> schema = BuildSchema();
  return schema;
}

BootConfig DefaultDynamoConfig() {
  BootConfig c{};
  for (const DynamoParam& p : DynamoSchema()) c.*(p.field) = static_cast<uint32_t>(p.default_value);
  return c;
}

bool LoadDynamoConfigString(const std::string& yaml, const std::string& filename, BootConfig* out,
                            std::string* error) {
  Loader loader(filename);
  if (!loader.Load(yaml)) {
    // yaml-cpp's messages may quote the offending character, a key may hold a newline.
    *error = dynsim::OneLine(loader.error());
    return false;
  }
  *out = loader.config();
  return true;
}

bool LoadDynamoConfigFile(const std::string& path, BootConfig* out, std::string* error) {
  std::string text;
  if (!dynsim::ReadTextFile(path, &text)) {
    *error = path + ": cannot open the Dynamo configuration";
    return false;
  }
  return LoadDynamoConfigString(text, path, out, error);
}

std::string DynamoConfigDocMarkdown() {
  std::string out =
      "| parameter | type | unit | default | range | read by | meaning |\n"
      "|---|---|---|---|---|---|---|\n";
  for (const DynamoParam& p : DynamoSchema()) {
    std::string def = p.is_bool ? (p.default_value ? "true" : "false") : std::to_string(p.default_value);
    std::string range = p.is_bool ? "" : std::to_string(p.min) + " to " + std::to_string(p.max);
    if (p.power_of_two) range += ", power of two";
    if (p.choices) {
      def = ChoiceNames(p)[static_cast<size_t>(p.default_value)];
      range.clear();
      for (const std::string& n : ChoiceNames(p)) range += (range.empty() ? "" : ", ") + n;
    }
    const char* type = p.is_bool ? "bool" : p.choices ? "choice" : "int";
    out += std::string("| `") + p.name + "` | " + type + " | " + p.unit + " | " + def +
           " | " + range + " | " + p.used_by + " | " + p.doc + " |\n";
  }
  return out;
}

}  // namespace dynamo
