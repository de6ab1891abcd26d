#include "sim/timeline.h"

#include <set>

#include "sim/dynamo_counters.h"
#include "sim/simulation.h"

namespace dynsim {
namespace {

// A counter's change, signed: a few of Dynamo's counters are values (a pc, a cycle) that
// may go down, and the changes must still sum to the last value.
int64_t Change(uint64_t now, uint64_t before) { return static_cast<int64_t>(now - before); }

// A stats value's change over an interval; nullopt when the run has no such statistic.
std::optional<int64_t> Change(const std::optional<double>& now, const std::optional<double>& before) {
  if (!now) return std::nullopt;
  return static_cast<int64_t>(*now - before.value_or(0));
}

std::string CsvField(const Json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) {
    std::string s = "\"";
    for (char c : value.get<std::string>()) s += c == '"' ? std::string("\"\"") : std::string(1, c);
    return s + "\"";
  }
  return DumpJson(value, -1);
}

}  // namespace

Timeline::Format Timeline::FormatFor(const std::string& path) {
  const std::string csv = ".csv";
  return path.size() > csv.size() && path.compare(path.size() - csv.size(), csv.size(), csv) == 0 ? Format::kCsv
                                                                                                   : Format::kJsonLines;
}

Timeline::Timeline(const Simulation* sim, uint64_t interval, std::ostream* out, Format format)
    : sim_(sim), interval_(interval), out_(out), format_(format), next_boundary_(interval) {
  last_.dynamo_counters.assign(sim->dynamo_config() ? DynamoCounterDecls().size() : 0, 0);
}

Timeline::Totals Timeline::Now() const {
  Totals t;
  t.cycles = sim_->cycles();
  t.instructions = sim_->instructions();
  t.icache_misses = sim_->stats().Value("timing.icache.misses");
  t.dcache_misses = sim_->stats().Value("timing.dcache.misses");
  t.branch_mispredictions = sim_->stats().Value("timing.branch.mispredicted");
  t.group_cycles = sim_->GroupCyclesNow();
  t.dynamo_counters = sim_->DynamoCountersNow();
  if (t.dynamo_counters.empty()) t.dynamo_counters = last_.dynamo_counters;  // unreadable: no change
  return t;
}

Json Timeline::Row(const Totals& now) const {
  Json row = Json::object();
  const uint64_t cycles = now.cycles - last_.cycles, instructions = now.instructions - last_.instructions;
  row["interval"] = rows_;
  row["start_cycle"] = last_.cycles;
  row["end_cycle"] = now.cycles;
  row["cycles"] = cycles;
  row["instructions"] = instructions;
  row["ipc"] = StatNumber(static_cast<double>(instructions) / static_cast<double>(cycles));
  auto optional = [](const std::optional<int64_t>& v) { return v ? Json(*v) : Json(); };
  row["icache_misses"] = optional(Change(now.icache_misses, last_.icache_misses));
  row["dcache_misses"] = optional(Change(now.dcache_misses, last_.dcache_misses));
  row["branch_mispredictions"] = optional(Change(now.branch_mispredictions, last_.branch_mispredictions));
  Json groups = Json::object();
  for (const auto& [group, total] : now.group_cycles) {
    auto before = last_.group_cycles.find(group);
    const uint64_t change = total - (before == last_.group_cycles.end() ? 0 : before->second);
    if (change) groups[group] = change;
  }
  row["groups"] = std::move(groups);
  if (!now.dynamo_counters.empty()) {
    Json dynamo = Json::object();
    for (size_t i = 0; i < now.dynamo_counters.size(); ++i) {
      const int64_t change = Change(now.dynamo_counters[i], last_.dynamo_counters[i]);
      if (change) dynamo[DynamoCounterDecls()[i].name] = change;
    }
    row["dynamo"] = std::move(dynamo);
  }
  return row;
}

void Timeline::Sample() {
  Totals now = Now();
  if (now.cycles == last_.cycles) return;
  Json row = Row(now);
  if (format_ == Format::kCsv) {
    csv_rows_.push_back(std::move(row));
  } else {
    *out_ << DumpJson(row, -1) << std::endl;  // whole rows, so the file can be followed live
  }
  ++rows_;
  last_ = std::move(now);
  next_boundary_ = (last_.cycles / interval_ + 1) * interval_;
}

void Timeline::Finish() {
  if (format_ == Format::kCsv) WriteCsv();
  out_->flush();
}

void Timeline::WriteCsv() {
  std::set<std::string> groups;
  for (const Json& row : csv_rows_)
    for (const auto& entry : row["groups"].items()) groups.insert(entry.key());
  const bool dynamo = !last_.dynamo_counters.empty();
  static const char* const kColumns[] = {"interval", "start_cycle", "end_cycle", "cycles", "instructions",
                                         "ipc", "icache_misses", "dcache_misses", "branch_mispredictions"};
  std::string header;
  for (const char* column : kColumns) header += std::string(header.empty() ? "" : ",") + column;
  for (const std::string& g : groups) header += "," + CsvField("group:" + g);
  if (dynamo)
    for (const DynamoCounterDecl& d : DynamoCounterDecls()) header += std::string(",dynamo.") + d.name;
  *out_ << header << "\n";
  for (const Json& row : csv_rows_) {
    std::string line;
    for (const char* column : kColumns) line += (line.empty() ? "" : ",") + CsvField(row[column]);
    for (const std::string& g : groups) line += "," + CsvField(row["groups"].value(g, Json(0)));
    if (dynamo)
      for (const DynamoCounterDecl& d : DynamoCounterDecls()) line += "," + CsvField(row["dynamo"].value(d.name, Json(0)));
    *out_ << line << "\n";
  }
}

}  // namespace dynsim
