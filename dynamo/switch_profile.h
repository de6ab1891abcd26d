// What interpretation saw of each `bv` site's targets, for the fragment builder's choice at
// a switch between a compare with the one target the trace recorded and a translated jump
// table (jump_tables.h). The table costs a load and a `bv` that the PA-8000 always
// mispredicts; the compare costs a predicted branch while it holds, and a lookup when it
// does not. So a switch whose target kept changing while it was interpreted gets the
// table, and one that kept going to the same place gets the compare: interpretation is
// the profile, as it is for trace selection (paper section 2).
#ifndef DYNSIM_DYNAMO_SWITCH_PROFILE_H
#define DYNSIM_DYNAMO_SWITCH_PROFILE_H

#include <stdint.h>

namespace dynamo {

class SwitchProfile {
 public:
  // An interpreted `bv` at `pc` went to `target`.
  void Note(uint32_t pc, uint32_t target) {
    Site& s = sites_[(pc >> 2) & (kSites - 1)];
    if (s.pc != pc) s = Site{pc, target, 0, 0};  // direct-mapped: another site starts afresh
    if (target != s.last) {
      s.last = target;
      ++s.changes;
    }
    ++s.runs;
  }
  void SetMinChangePercent(uint32_t percent) { min_change_percent_ = percent; }
  // True unless the `bv` at `pc` ran at least kMinRuns times interpreted and its target
  // changed on fewer than the minimum percentage of them (0: always true).
  bool Varies(uint32_t pc) const {
    const Site& s = sites_[(pc >> 2) & (kSites - 1)];
    if (s.pc != pc || s.runs < kMinRuns) return true;
    return uint64_t{s.changes} * 100 >= uint64_t{s.runs} * min_change_percent_;
  }
  static bool SiteVaries(uint32_t pc);  // Varies on the_switch_profile, for BuildOptions

 private:
  static constexpr uint32_t kSites = 1024, kMinRuns = 8;
  struct Site {
    uint32_t pc;  // 0: none (page zero holds no application code)
    uint32_t last, changes, runs;
  };
  Site sites_[kSites];
  uint32_t min_change_percent_;
};

// Dynamo's one profile (zero-initialized static data), reached without a call from the
// interpreter's `bv` step.
extern SwitchProfile the_switch_profile;

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_SWITCH_PROFILE_H
