#include "sim/stats.h"

#include <cmath>
#include <cstdio>

namespace dynsim {

StatGroup& StatGroup::Group(const std::string& name) {
  for (auto& child : children_)
    if (child->name() == name) return *child;
  children_.push_back(std::make_unique<StatGroup>(name));
  return *children_.back();
}

void StatGroup::Counter(const std::string& name, const std::string& unit, const std::string& doc,
                        const uint64_t* value) {
  stats_.push_back({name, unit, doc, value, nullptr, nullptr});
}

void StatGroup::Formula(const std::string& name, const std::string& unit, const std::string& doc,
                        std::function<double()> value) {
  stats_.push_back({name, unit, doc, nullptr, std::move(value), nullptr});
}

void StatGroup::Map(const std::string& name, const std::string& unit, const std::string& doc,
                    const std::map<std::string, uint64_t>* value) {
  stats_.push_back({name, unit, doc, nullptr, nullptr, value});
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

std::string FormatStat(double v) {
  if (!std::isfinite(v)) return "0";
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

void StatGroup::WriteJson(std::ostream& out, int indent) const {
  std::string pad(indent + 2, ' ');
  out << "{";
  bool first = true;
  auto sep = [&] {
    out << (first ? "\n" : ",\n") << pad;
    first = false;
  };
  for (const Stat& s : stats_) {
    sep();
    out << JsonString(s.name) << ": ";
    if (s.counter) {
      out << *s.counter;
    } else if (s.formula) {
      out << FormatStat(s.formula());
    } else {
      out << "{";
      bool first_entry = true;
      for (const auto& [key, count] : *s.map) {
        out << (first_entry ? "" : ", ") << JsonString(key) << ": " << count;
        first_entry = false;
      }
      out << "}";
    }
  }
  for (const auto& child : children_) {
    sep();
    out << JsonString(child->name()) << ": ";
    child->WriteJson(out, indent + 2);
  }
  out << (first ? "}" : "\n" + std::string(indent, ' ') + "}");
}

void StatGroup::WriteText(std::ostream& out, const std::string& prefix) const {
  std::string base = prefix.empty() ? name_ : prefix + "." + name_;
  for (const Stat& s : stats_) {
    char line[128];
    if (s.map) {
      for (const auto& [key, count] : *s.map) {
        std::snprintf(line, sizeof line, "%-48s %16llu", (base + "." + s.name + "::" + key).c_str(),
                      static_cast<unsigned long long>(count));
        out << line << "   # " << s.doc << " (" << s.unit << ")\n";
      }
      continue;
    }
    std::string value = s.counter ? std::to_string(*s.counter) : FormatStat(s.formula());
    std::snprintf(line, sizeof line, "%-48s %16s", (base + "." + s.name).c_str(), value.c_str());
    out << line << "   # " << s.doc << " (" << s.unit << ")\n";
  }
  for (const auto& child : children_) child->WriteText(out, base);
}

}  // namespace dynsim
