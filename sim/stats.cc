#include "sim/stats.h"

#include <algorithm>
#include <cmath>

namespace dynsim {

StatGroup& StatGroup::Group(const std::string& name) {
  for (auto& child : children_)
    if (child->name() == name) return *child;
  children_.push_back(std::make_unique<StatGroup>(name));
  return *children_.back();
}

void StatGroup::Counter(const std::string& name, const std::string& unit, const std::string& doc,
                        const uint64_t* value) {
  stats_.push_back({name, unit, doc, value, nullptr, nullptr, nullptr});
}

void StatGroup::Formula(const std::string& name, const std::string& unit, const std::string& doc,
                        std::function<double()> value) {
  stats_.push_back({name, unit, doc, nullptr, std::move(value), nullptr, nullptr});
}

void StatGroup::Map(const std::string& name, const std::string& unit, const std::string& doc,
                    const std::map<std::string, uint64_t>* value, KeyDoc key_doc) {
  stats_.push_back({name, unit, doc, nullptr, nullptr, value, std::move(key_doc)});
}

std::optional<double> StatGroup::Value(const std::string& path) const {
  const size_t dot = path.find('.');
  if (dot != std::string::npos) {
    const std::string head = path.substr(0, dot);
    for (const auto& child : children_)
      if (child->name() == head) return child->Value(path.substr(dot + 1));
    return std::nullopt;
  }
  for (const Stat& s : stats_) {
    if (s.name != path) continue;
    if (s.counter) return static_cast<double>(*s.counter);
    if (s.formula) return s.formula();
    return std::nullopt;
  }
  return std::nullopt;
}

Json StatNumber(double v) {
  if (!std::isfinite(v)) return 0;
  // Below 2^53 every integer is exact in a double, so it prints as one.
  if (v == std::floor(v) && std::fabs(v) < 9007199254740992.0) return static_cast<int64_t>(v);
  return v;
}

std::string FormatStat(double v) { return StatNumber(v).dump(); }

std::string DumpJson(const Json& value, int indent) {
  return value.dump(indent, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}

Json StatGroup::ToJson() const {
  Json out = Json::object();
  for (const Stat& s : stats_) {
    if (s.counter) {
      out[s.name] = *s.counter;
    } else if (s.formula) {
      out[s.name] = StatNumber(s.formula());
    } else {
      Json entries = Json::object();
      for (const auto& [key, count] : *s.map) entries[key] = count;
      out[s.name] = std::move(entries);
    }
  }
  for (const auto& child : children_) out[child->name()] = child->ToJson();
  return out;
}

void StatGroup::WriteJson(std::ostream& out) const { out << DumpJson(ToJson()); }

std::string StatGroup::MapEntryDoc(const Stat& s, const std::string& key) {
  std::string doc = s.key_doc ? s.key_doc(key) : "";
  return (doc.empty() ? s.doc : doc) + " (" + s.unit + ")";
}

void StatGroup::Describe(Json* out, const std::string& prefix) const {
  for (const Stat& s : stats_) {
    (*out)[prefix + s.name] = s.doc + " (" + s.unit + ")";
    if (!s.map || !s.key_doc) continue;
    for (const auto& entry : *s.map) (*out)[prefix + s.name + "::" + entry.first] = MapEntryDoc(s, entry.first);
  }
  for (const auto& child : children_) child->Describe(out, prefix + child->name() + ".");
}

void StatGroup::CollectRows(const std::string& base, std::vector<TextRow>* rows) const {
  for (const Stat& s : stats_) {
    if (s.map) {
      for (const auto& [key, count] : *s.map)
        rows->push_back({base + s.name + "::" + key, std::to_string(count), MapEntryDoc(s, key)});
      continue;
    }
    const std::string value = s.counter ? std::to_string(*s.counter) : FormatStat(s.formula());
    rows->push_back({base + s.name, value, s.doc + " (" + s.unit + ")"});
  }
  for (const auto& child : children_) child->CollectRows(base + child->name() + ".", rows);
}

void StatGroup::WriteText(std::ostream& out, const std::string& prefix) const {
  std::vector<TextRow> rows;
  CollectRows(prefix.empty() ? name_ + "." : prefix, &rows);
  size_t name_width = 0, value_width = 0;
  for (const TextRow& r : rows) {
    name_width = std::max(name_width, r.name.size());
    value_width = std::max(value_width, r.value.size());
  }
  for (const TextRow& r : rows) {
    out << r.name << std::string(name_width - r.name.size() + 2 + value_width - r.value.size(), ' ') << r.value
        << "   # " << r.doc << "\n";
  }
}

}  // namespace dynsim
