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
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace dynsim {

// JSON objects keep their members in insertion order: the stats' order is their
// declaration order, never a hash's.
using Json = nlohmann::ordered_json;

// A map statistic's description of one key (Dynamo's counter "dynamo.fragments" has its
// own); "" falls back to the map's description.
using KeyDoc = std::function<std::string(const std::string& key)>;

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
           const std::map<std::string, uint64_t>* value, KeyDoc key_doc = nullptr);

  // The current value of the counter or formula at `path`, relative to this group
  // ("core.branches.call"); nullopt if there is none (or it is a map).
  std::optional<double> Value(const std::string& path) const;

  // This group as a JSON object: counters as exact integers, formulas as integers when
  // integral and as the shortest round-tripping double otherwise.
  Json ToJson() const;
  // ToJson, printed with two-space indentation.
  void WriteJson(std::ostream& out) const;
  // Every statistic's description, "doc (unit)", by its dotted path below this group
  // after `prefix` ("sim." gives "sim.core.nullified"); map entries with their own
  // description as "path::key".
  void Describe(Json* out, const std::string& prefix = "") const;
  // One "group.sub.name   value   # doc (unit)" line per statistic (map entries as
  // "name::key"), in declaration order, like gem5's stats.txt; the value column starts
  // after the longest name, so no name is cut or misaligned. Names start with `prefix`
  // ("sim."), by default this group's name and a dot.
  void WriteText(std::ostream& out, const std::string& prefix = "") const;

 private:
  struct Stat {
    std::string name, unit, doc;
    const uint64_t* counter = nullptr;
    std::function<double()> formula;
    const std::map<std::string, uint64_t>* map = nullptr;
    KeyDoc key_doc;
  };
  struct TextRow {
    std::string name, value, doc;
  };
  void CollectRows(const std::string& base, std::vector<TextRow>* rows) const;
  static std::string MapEntryDoc(const Stat& s, const std::string& key);

  std::string name_;
  std::vector<Stat> stats_;
  std::vector<std::unique_ptr<StatGroup>> children_;
};

// A formula's value as JSON the same way on every run: integers exactly, others as the
// shortest double that reads back the same; NaN and infinities (a ratio over zero) are 0.
Json StatNumber(double v);
// StatNumber as text ("3", "0.25").
std::string FormatStat(double v);
// JSON text for `value`, two-space indented: bytes that are not UTF-8 (a symbol name from
// a foreign ELF) become U+FFFD, so the output is always valid UTF-8.
std::string DumpJson(const Json& value, int indent = 2);

}  // namespace dynsim

#endif  // DYNSIM_SIM_STATS_H
