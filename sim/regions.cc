#include "sim/regions.h"

#include <fnmatch.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>

#include "util/config_text.h"
#include "util/yaml_map.h"

namespace dynsim {
bool LoadRegionRules(const std::string& path, std::vector<RegionGroupRule>* rules, std::string* error) {
  std::string text;
  if (!ReadTextFile(path, &text)) {
    *error = path + ": cannot read the region table";
    return false;
  }
  YAML::Node root;
  if (!ParseYamlFile(text, path, &root, error)) return false;
  std::vector<RegionGroupRule> out;
  if (!root.IsMap()) {
    *error = path + ":1: expected a map with the key `groups`";
    return false;
  }
  std::map<std::string, int> top_lines;
  for (const auto& top : root) {
    const std::string key = top.first.as<std::string>();
    if (!FirstOccurrence(path, top.first, key, &top_lines, error)) return false;
    if (key != "groups") {
      *error = YamlWhere(path, top.first) + key + ": unknown key (the table has only `groups`)";
      return false;
    }
    if (!top.second.IsMap()) {
      *error = YamlWhere(path, top.second) + "groups: expected a map of group name -> list of patterns";
      return false;
    }
    std::map<std::string, int> group_lines;
    for (const auto& group : top.second) {
      const std::string name = group.first.as<std::string>();
      if (!FirstOccurrence(path, group.first, "groups." + name, &group_lines, error)) return false;
      const YAML::Node& patterns = group.second;
      if (!patterns.IsSequence()) {
        *error = YamlWhere(path, patterns) + "groups." + name + ": expected a list of function-name patterns";
        return false;
      }
      for (const auto& p : patterns) {
        if (!p.IsScalar()) {
          *error = YamlWhere(path, p) + "groups." + name + ": a pattern must be a string";
          return false;
        }
        out.push_back({p.as<std::string>(), name});
      }
    }
  }
  *rules = std::move(out);
  return true;
}

RegionProfiler::RegionProfiler(std::vector<RegionGroupRule> rules) : rules_(std::move(rules)) {
  RegionFor(kNoSymbolRegion, kNoSymbolRegion);
  Rebuild();
}

std::string RegionProfiler::GroupOf(const std::string& function) const {
  for (const RegionGroupRule& rule : rules_)
    if (fnmatch(rule.pattern.c_str(), function.c_str(), 0) == 0) return rule.group;
  return kDefaultGroup;
}

uint32_t RegionProfiler::RegionFor(const std::string& name, const std::string& group) {
  const std::string key = group + '\0' + name;
  auto it = region_index_.find(key);
  if (it != region_index_.end()) return it->second;
  const auto index = static_cast<uint32_t>(regions_.size());
  regions_.push_back({name, group});
  counts_.emplace_back();
  for (FetchMeter& m : meters_) m.regions.emplace_back();
  region_index_.emplace(key, index);
  return index;
}

void RegionProfiler::AddImage(const ElfImage& image) {
  // Functions only: data symbols never hold a pc. A function without a size (hand-written
  // assembly often has none) runs to the next function.
  std::vector<const ElfSymbol*> functions;
  for (const ElfSymbol& s : image.symbols)
    if (s.is_function) functions.push_back(&s);
  for (size_t i = 0; i < functions.size(); ++i) {
    const ElfSymbol& s = *functions[i];
    uint64_t hi = uint64_t{s.addr} + s.size;
    if (s.size == 0) hi = i + 1 < functions.size() ? functions[i + 1]->addr : s.addr;
    if (hi <= s.addr) continue;
    symbol_ranges_.push_back({s.addr, static_cast<uint32_t>(std::min<uint64_t>(hi, 0xffffffffu)),
                              RegionFor(s.name, GroupOf(s.name))});
  }
  Rebuild();
}

void RegionProfiler::AnnounceRange(const std::string& name, uint32_t lo, uint32_t hi) {
  if (hi <= lo) return;
  announced_ranges_.push_back({lo, hi, RegionFor(name, name)});
  Rebuild();
}

// The flat partition: every elementary interval between two range boundaries gets the
// region of the last announced range covering it, else of the first symbol covering it,
// else [no symbol]; neighbours with the same region merge.
void RegionProfiler::Rebuild() {
  ++generation_;
  std::vector<uint32_t> points{0};
  for (const auto* list : {&symbol_ranges_, &announced_ranges_})
    for (const Range& r : *list) {
      points.push_back(r.lo);
      points.push_back(r.hi);
    }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  std::vector<uint32_t> region(points.size(), 0);
  std::vector<bool> set(points.size(), false);
  auto paint = [&](const Range& r, bool override) {
    size_t i = std::lower_bound(points.begin(), points.end(), r.lo) - points.begin();
    for (; i < points.size() && points[i] < r.hi; ++i) {
      if (set[i] && !override) continue;
      region[i] = r.region;
      set[i] = true;
    }
  };
  for (const Range& r : symbol_ranges_) paint(r, false);
  for (const Range& r : announced_ranges_) paint(r, true);
  starts_.clear();
  start_regions_.clear();
  for (size_t i = 0; i < points.size(); ++i) {
    if (!start_regions_.empty() && start_regions_.back() == region[i]) continue;
    starts_.push_back(points[i]);
    start_regions_.push_back(region[i]);
  }
  cached_lo_ = 0;
  cached_size_ = 0;  // forces a lookup on the next record
}

const std::string& RegionProfiler::GroupAt(uint32_t pc, uint32_t* lo, uint64_t* size) const {
  const size_t i = std::upper_bound(starts_.begin(), starts_.end(), pc) - starts_.begin() - 1;
  *lo = starts_[i];
  *size = (i + 1 < starts_.size() ? starts_[i + 1] : uint64_t{1} << 32) - *lo;
  return regions_[start_regions_[i]].group;
}

void RegionProfiler::Lookup(uint32_t pc) {
  const size_t i = std::upper_bound(starts_.begin(), starts_.end(), pc) - starts_.begin() - 1;
  cached_lo_ = starts_[i];
  const uint64_t hi = i + 1 < starts_.size() ? starts_[i + 1] : uint64_t{1} << 32;
  cached_size_ = hi - cached_lo_;
  if (!meters_.empty() && start_regions_[i] != cached_region_) CloseFetchInterval();
  cached_region_ = start_regions_[i];
}

void RegionProfiler::AddMeter(const std::string& name, FetchMeter counters) {
  counters.name = name;
  counters.mark = {*counters.accesses, *counters.misses, *counters.miss_cycles};
  counters.regions.assign(regions_.size(), FetchCounts{});
  meters_.push_back(std::move(counters));
}

// The fetches since the last region change were all made by cached_region_'s code.
void RegionProfiler::CloseFetchInterval() {
  for (FetchMeter& m : meters_) {
    FetchCounts& counts = m.regions[cached_region_];
    const FetchCounts now{*m.accesses, *m.misses, *m.miss_cycles};
    counts.accesses += now.accesses - m.mark.accesses;
    counts.misses += now.misses - m.mark.misses;
    counts.miss_cycles += now.miss_cycles - m.mark.miss_cycles;
    m.mark = now;
  }
}

const char* RegionProfiler::KindOfGroup(const std::string& group) {
  if (group == "fragment_cache") return kKindFragmentCache;
  if (group == "dynamo.exit_stubs") return kKindExitStubs;
  if (group == "dynamo" || group.rfind("dynamo.", 0) == 0) return kKindDynamo;
  return kKindApplication;
}

// Every kind is present (zeros too), so an experiment's columns never depend on the run;
// groups only when their code was fetched.
void RegionProfiler::FinishFetchSplits() {
  if (!meters_.empty()) CloseFetchInterval();
  for (FetchMeter& m : meters_) {
    m.by_group = {};
    m.by_kind = {};
    for (const char* kind : {kKindApplication, kKindDynamo, kKindExitStubs, kKindFragmentCache}) {
      m.by_kind.accesses[kind] = m.by_kind.misses[kind] = m.by_kind.miss_cycles[kind] = 0;
    }
    for (size_t i = 0; i < regions_.size(); ++i) {
      const FetchCounts& c = m.regions[i];
      if (c.accesses == 0) continue;  // a miss is an access, so nothing else is lost
      const std::string& group = regions_[i].group;
      for (FetchSplit* split : {&m.by_group, &m.by_kind}) {
        const std::string key = split == &m.by_group ? group : KindOfGroup(group);
        split->accesses[key] += c.accesses;
        split->misses[key] += c.misses;
        split->miss_cycles[key] += c.miss_cycles;
      }
    }
  }
}

const RegionProfiler::FetchMeter* RegionProfiler::MeterNamed(const std::string& name) const {
  for (const FetchMeter& m : meters_)
    if (m.name == name) return &m;
  return nullptr;
}

const RegionProfiler::FetchSplit& RegionProfiler::by_group(const std::string& meter) const {
  static const FetchSplit kNone;
  const FetchMeter* m = MeterNamed(meter);
  return m ? m->by_group : kNone;
}

const RegionProfiler::FetchSplit& RegionProfiler::by_kind(const std::string& meter) const {
  static const FetchSplit kNone;
  const FetchMeter* m = MeterNamed(meter);
  return m ? m->by_kind : kNone;
}

void RegionProfiler::Finish(uint64_t total_cycles) {
  uint64_t charged_cycles = 0;
  for (const Counts& c : counts_) charged_cycles += c.cycles;
  os_cycles_ = total_cycles - charged_cycles;
  function_cycles_.clear();
  function_instructions_.clear();
  group_cycles_.clear();
  group_instructions_.clear();
  for (size_t i = 0; i < regions_.size(); ++i) {
    const Region& r = regions_[i];
    const Counts& c = counts_[i];
    if (c.cycles == 0 && c.instructions == 0) continue;
    // Two groups could hold functions of the same name (two images); the name then says both.
    const std::string name = r.group == kDefaultGroup || r.group == r.name ? r.name : r.group + ":" + r.name;
    function_cycles_[name] += c.cycles;
    function_instructions_[name] += c.instructions;
    group_cycles_[r.group] += c.cycles;
    group_instructions_[r.group] += c.instructions;
  }
  function_cycles_[kOsRegion] = os_cycles_;
  function_instructions_[kOsRegion] = 0;
  group_cycles_[kOsRegion] = os_cycles_;
  group_instructions_[kOsRegion] = 0;
  FinishFetchSplits();
}

std::map<std::string, uint64_t> RegionProfiler::GroupCyclesSoFar(uint64_t total_cycles) const {
  std::map<std::string, uint64_t> groups;
  uint64_t charged = 0;
  for (size_t i = 0; i < regions_.size(); ++i) {
    if (counts_[i].cycles == 0) continue;
    groups[regions_[i].group] += counts_[i].cycles;
    charged += counts_[i].cycles;
  }
  groups[kOsRegion] = total_cycles - charged;
  return groups;
}

void RegionProfiler::RegisterStats(StatGroup& group) const {
  StatGroup& groups = group.Group("groups");
  groups.Map("cycles", "cycles", "cycles charged to each group of regions (sums to the total)", &group_cycles_);
  groups.Map("instructions", "count", "instructions retired in each group (sums to the total)",
             &group_instructions_);
  StatGroup& functions = group.Group("functions");
  functions.Map("cycles", "cycles", "cycles charged to each function or announced range (sums to the total)",
                &function_cycles_);
  functions.Map("instructions", "count", "instructions retired in each function or announced range",
                &function_instructions_);
  for (const FetchMeter& m : meters_) {
    const std::string what = m.name == "icache" ? "instruction-cache" : "instruction-TLB";
    const std::pair<const char*, const FetchSplit*> splits[] = {{"groups", &m.by_group}, {"kinds", &m.by_kind}};
    for (const auto& [name, split] : splits) {
      StatGroup& g = group.Group(m.name).Group(name);
      const std::string of = std::string(" by the ") + (split == &m.by_group ? "group" : "kind") +
                             " of the code fetched (sums to the totals)";
      g.Map("accesses", "count", what + " accesses" + of, &split->accesses);
      g.Map("misses", "count", what + " misses" + of, &split->misses);
      g.Map("miss_cycles", "cycles", what + " miss cycles beyond the hit latency" + of, &split->miss_cycles);
    }
  }
}

namespace {

// One table of --profile: rows of (name, cycles, instructions) with their shares of the
// totals, the name column as wide as the longest name (no name is cut).
void PrintTable(std::ostream& out, const char* title, const std::vector<std::pair<std::string, uint64_t>>& rows,
                const std::map<std::string, uint64_t>& instructions, size_t limit) {
  uint64_t total_cycles = 0, total_insts = 0;
  for (const auto& row : rows) total_cycles += row.second;
  for (const auto& row : instructions) total_insts += row.second;
  const size_t shown = std::min(limit, rows.size());
  const std::string more = "(" + std::to_string(rows.size() - shown) + " more)";
  size_t width = std::max<size_t>(std::strlen(title), 5);
  for (size_t i = 0; i < shown; ++i) width = std::max(width, rows[i].first.size());
  if (rows.size() > shown) width = std::max(width, more.size());
  auto line = [&](const std::string& name, uint64_t cycles, uint64_t insts, bool cpi) {
    char numbers[128];
    std::snprintf(numbers, sizeof numbers, " %14llu %6.2f%% %14llu %6.2f%%", static_cast<unsigned long long>(cycles),
                  total_cycles ? 100.0 * cycles / total_cycles : 0.0, static_cast<unsigned long long>(insts),
                  total_insts ? 100.0 * insts / total_insts : 0.0);
    out << name << std::string(width - name.size(), ' ') << numbers;
    if (cpi) {
      char ratio[32];
      std::snprintf(ratio, sizeof ratio, " %7.3f", insts ? static_cast<double>(cycles) / insts : 0.0);
      out << ratio;
    }
    out << "\n";
  };
  char header[128];
  std::snprintf(header, sizeof header, " %14s %7s %14s %7s %7s\n", "cycles", "%", "instructions", "%", "CPI");
  out << title << std::string(width - std::strlen(title), ' ') << header;
  uint64_t shown_cycles = 0, shown_insts = 0;
  for (size_t i = 0; i < shown; ++i) {
    auto insts = instructions.find(rows[i].first);
    const uint64_t n = insts == instructions.end() ? 0 : insts->second;
    shown_cycles += rows[i].second;
    shown_insts += n;
    line(rows[i].first, rows[i].second, n, true);
  }
  if (rows.size() > shown) line(more, total_cycles - shown_cycles, total_insts - shown_insts, false);
  line("total", total_cycles, total_insts, true);
}

// Most cycles first; ties by name, so the order is deterministic.
std::vector<std::pair<std::string, uint64_t>> ByCycles(const std::map<std::string, uint64_t>& cycles) {
  std::vector<std::pair<std::string, uint64_t>> rows(cycles.begin(), cycles.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return rows;
}

}  // namespace

void RegionProfiler::Print(std::ostream& out, size_t limit) const {
  PrintTable(out, "region", ByCycles(function_cycles_), function_instructions_, limit);
  out << "\n";
  PrintTable(out, "group", ByCycles(group_cycles_), group_instructions_, SIZE_MAX);
}

}  // namespace dynsim
