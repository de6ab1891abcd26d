// Cycle attribution: every cycle and instruction of a run is charged to exactly one region,
// and the regions sum to the run's totals (DESIGN.md, "Contracts": per-region cycles and
// instructions). A region is
//   - a function of the program, from its ELF symbols (a function's range runs from its
//     symbol to its end, st_size; code no symbol covers is charged to "[no symbol]");
//   - a range of addresses that software announced at run time ("fragment cache"), which
//     takes precedence over the symbols below it;
//   - "[os]": what the modeled kernel costs (the gateway, trapping instructions, sleeping);
//     the core charges those cycles to the clock without a retire record, so [os] is the
//     clock minus everything charged through records, exact by construction.
// Functions roll up into groups: a small table of glob patterns (fnmatch) names the group
// of each function, first match wins; unmatched functions go to the default group "app",
// announced ranges form groups of their own name, and [os] is its own group.
//
// AttributedTiming (at the end) sits between the core and the timing model: it forwards
// each record to the model, without a virtual call, and has RegionProfiler charge the
// cycles the model answers to the record's region. The lookup is a
// binary search over a flat, sorted interval list, cached for the last interval hit, so
// the hot path is two compares and two adds.
#ifndef DYNSIM_SIM_REGIONS_H
#define DYNSIM_SIM_REGIONS_H

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "os_model/elf_loader.h"
#include "sim/cache.h"
#include "sim/retire.h"
#include "sim/stats.h"
#include "sim/tlb.h"

namespace dynsim {

// Glob pattern -> group name, in order; the first pattern that matches a function wins.
struct RegionGroupRule {
  std::string pattern;
  std::string group;
};

// Reads a region table, YAML of the form
//   groups:
//     libc: [printf, vfprintf, "mem*", "str*"]
//     millicode: ["$$*"]
// On failure returns false with one line "FILE:LINE: KEY: what is wrong".
bool LoadRegionRules(const std::string& path, std::vector<RegionGroupRule>* rules, std::string* error);

class RegionProfiler {
 public:
  static constexpr const char* kOsRegion = "[os]";
  static constexpr const char* kNoSymbolRegion = "[no symbol]";
  static constexpr const char* kDefaultGroup = "app";

  explicit RegionProfiler(std::vector<RegionGroupRule> rules);

  // The functions of a loaded image (call once per image, before running).
  void AddImage(const ElfImage& image);
  // An address range [lo, hi) named by the software running in it; later announcements
  // over the same addresses win.
  void AnnounceRange(const std::string& name, uint32_t lo, uint32_t hi);

  // Charges a slot's cycles (and its instruction, unless nullified) to its region.
  void Charge(const RetireRecord& r, uint32_t cycles) {
    Enter(r.pc);
    ChargeEntered(r, cycles);
  }
  // Charge in two halves, around the timing model's work on the slot: Enter before it, so
  // that the instruction cache's counting of the slot's fetch lands in the slot's region.
  void Enter(uint32_t pc) {
    if (pc - cached_lo_ >= cached_size_) Lookup(pc);
  }
  void ChargeEntered(const RetireRecord& r, uint32_t cycles) {
    Counts& counts = counts_[cached_region_];
    counts.cycles += cycles;
    counts.instructions += !r.nullified;
  }

  // Splits the instruction fetches' counters, the I-cache's and the I-TLB's, by the region
  // of the code fetched: whenever the running region changes, what the counters grew by
  // since the last change goes to the region that ran. So the hot path costs nothing more,
  // and the parts sum to the totals exactly (every fetch happens inside a slot's Retire,
  // between Enter and ChargeEntered). Call before running; the counters must outlive this.
  // The I-cache is only ever read (fetches), so its read counters are all its accesses.
  void SplitInstructionCache(const CacheCounters* icache) {
    AddMeter("icache", {&icache->accesses[0], &icache->misses[0], &icache->miss_cycles});
  }
  void SplitInstructionTlb(const TlbFetchCounters* itlb) {
    AddMeter("itlb", {&itlb->accesses, &itlb->misses, &itlb->miss_cycles});
  }

  // Computes the per-region and per-group totals, with [os] = total_cycles minus what the
  // records were charged. Call at the end of the run, before reading stats or Print.
  void Finish(uint64_t total_cycles);

  // The group of the code at `pc`, and the range [*lo, *lo + *size) around pc that is in
  // the same region (callers may cache it until generation() changes).
  const std::string& GroupAt(uint32_t pc, uint32_t* lo, uint64_t* size) const;
  // Changes whenever the ranges do (an announcement).
  uint64_t generation() const { return generation_; }

  // Cycles by group so far, [os] included (total_cycles minus what records were charged):
  // what group_cycles() is after Finish(total_cycles), without finishing.
  std::map<std::string, uint64_t> GroupCyclesSoFar(uint64_t total_cycles) const;

  // The four kinds of code an I-cache study compares, for the kinds split below.
  static constexpr const char* kKindApplication = "application";
  static constexpr const char* kKindDynamo = "dynamo";
  static constexpr const char* kKindExitStubs = "exit_stubs";
  static constexpr const char* kKindFragmentCache = "fragment_cache";
  // The kind of a group's code: the announced fragment cache; Dynamo's shared exit-stub
  // code (group dynamo.exit_stubs of configs/dynamo/regions.yaml); the rest of Dynamo
  // (group dynamo, or dynamo.*); everything else is the application's (app, libc, ...).
  static const char* KindOfGroup(const std::string& group);

  // regions.functions.{cycles,instructions} and regions.groups.{cycles,instructions}, maps
  // by name, and for each split meter (icache, itlb) regions.METER.{groups,kinds}.{accesses,
  // misses,miss_cycles} (filled by Finish).
  void RegisterStats(StatGroup& group) const;
  // The top `limit` regions by cycles, as a table (dynsim run --profile).
  void Print(std::ostream& out, size_t limit) const;

  const std::map<std::string, uint64_t>& function_cycles() const { return function_cycles_; }
  const std::map<std::string, uint64_t>& function_instructions() const { return function_instructions_; }
  const std::map<std::string, uint64_t>& group_cycles() const { return group_cycles_; }
  const std::map<std::string, uint64_t>& group_instructions() const { return group_instructions_; }

  // A fetch meter's split (after Finish), by group and by kind; empty without the meter.
  struct FetchSplit {
    std::map<std::string, uint64_t> accesses, misses, miss_cycles;
  };
  const FetchSplit& by_group(const std::string& meter) const;
  const FetchSplit& by_kind(const std::string& meter) const;
  const FetchSplit& icache_by_group() const { return by_group("icache"); }
  const FetchSplit& icache_by_kind() const { return by_kind("icache"); }

 private:
  struct Region {
    std::string name, group;
  };
  // Apart from the names, so the hot path touches 16 dense bytes.
  struct Counts {
    uint64_t cycles = 0, instructions = 0;
  };
  struct Range {
    uint32_t lo, hi;  // [lo, hi)
    uint32_t region;
  };
  // Counts of fetches: a meter's running totals, or what it counted while a region ran.
  struct FetchCounts {
    uint64_t accesses = 0, misses = 0, miss_cycles = 0;
  };
  // Where a meter's counters are; per region what it counted, and its split after Finish.
  struct FetchMeter {
    const uint64_t *accesses, *misses, *miss_cycles;
    std::string name;
    FetchCounts mark;                  // the totals when cached_region_ began
    std::vector<FetchCounts> regions;  // by region index
    FetchSplit by_group, by_kind;
  };
  uint32_t RegionFor(const std::string& name, const std::string& group);
  void AddMeter(const std::string& name, FetchMeter counters);
  const FetchMeter* MeterNamed(const std::string& name) const;  // nullptr: no such meter
  void CloseFetchInterval();
  void FinishFetchSplits();
  std::string GroupOf(const std::string& function) const;
  void Rebuild();
  void Lookup(uint32_t pc);

  std::vector<RegionGroupRule> rules_;
  std::vector<Region> regions_;  // index 0: [no symbol]
  std::vector<Counts> counts_;   // by region index
  std::map<std::string, uint32_t> region_index_;  // "group\0name" -> index
  std::vector<Range> symbol_ranges_, announced_ranges_;
  // The flat partition of the address space: sorted starts, each with its region.
  std::vector<uint32_t> starts_;
  std::vector<uint32_t> start_regions_;
  uint32_t cached_lo_ = 0, cached_region_ = 0;
  uint64_t cached_size_ = 0;  // up to 2^32
  uint64_t os_cycles_ = 0;
  uint64_t generation_ = 0;
  std::map<std::string, uint64_t> function_cycles_, function_instructions_;
  std::map<std::string, uint64_t> group_cycles_, group_instructions_;
  std::vector<FetchMeter> meters_;  // in the order added; at most a few
};

// What the core talks to when a timing model runs: the model, then the region charge, in
// one call with no virtual dispatch inside (the qualified call to Model::Retire is direct).
template <class Model>
class AttributedTiming final : public RetireSink {
 public:
  AttributedTiming(Model* model, RegionProfiler* regions) : model_(model), regions_(regions) {}
  uint32_t Retire(const RetireRecord& r) override {
    regions_->Enter(r.pc);
    const uint32_t cycles = model_->Model::Retire(r);
    regions_->ChargeEntered(r, cycles);
    return cycles;
  }

 private:
  Model* model_;
  RegionProfiler* regions_;
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_REGIONS_H
