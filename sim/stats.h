// Statistics as hierarchical groups mirroring the simulated modules (gem5's style): each
// statistic is declared once with its name, unit and description, bound to the counter
// that the model increments (a plain integer on the hot path), and dumped in declaration
// order, so the output is deterministic. Derived statistics are formulas over others.
#ifndef DYNSIM_SIM_STATS_H
#define DYNSIM_SIM_STATS_H

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace dynsim {

class StatGroup {
 public:
  explicit StatGroup(std::string name) : name_(std::move(name)) {}
  StatGroup(const StatGroup&) = delete;
  StatGroup& operator=(const StatGroup&) = delete;

  const std::string& name() const { return name_; }
  // A child group, created on first use; children dump after this group's statistics.
  StatGroup& Group(const std::string& name);

  // A counter the model owns and increments; the group only reads it.
  void Counter(const std::string& name, const std::string& unit, const std::string& doc, const uint64_t* value);
  // A value computed when dumped (ratios, sums).
  void Formula(const std::string& name, const std::string& unit, const std::string& doc,
               std::function<double()> value);
  // A set of named counts (syscalls by name): dumped as an object in name order.
  void Map(const std::string& name, const std::string& unit, const std::string& doc,
           const std::map<std::string, uint64_t>* value);

  // The current value of the counter or formula at `path`, relative to this group
  // ("core.branches.call"); nullopt if there is none (or it is a map).
  std::optional<double> Value(const std::string& path) const;

  // JSON object for this group, indented by `indent` spaces.
  void WriteJson(std::ostream& out, int indent = 0) const;
  // "group.sub.name   value   # doc (unit)" lines, like gem5's stats.txt.
  void WriteText(std::ostream& out, const std::string& prefix = "") const;

 private:
  struct Stat {
    std::string name, unit, doc;
    const uint64_t* counter = nullptr;
    std::function<double()> formula;
    const std::map<std::string, uint64_t>* map = nullptr;
  };
  std::string name_;
  std::vector<Stat> stats_;
  std::vector<std::unique_ptr<StatGroup>> children_;
};

// Formats a double the same way on every run: integers exactly, others with 6 significant
// digits; NaN and infinities (a ratio over zero) become 0.
std::string FormatStat(double v);
// JSON string literal with escapes.
std::string JsonString(const std::string& s);

}  // namespace dynsim

#endif  // DYNSIM_SIM_STATS_H
