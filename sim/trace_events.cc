#include "sim/trace_events.h"

#include "sim/stats.h"

namespace dynsim {
namespace {

// Every event is in one process and names its track by thread id.
constexpr int kPid = 1;
constexpr int kPhaseTrack = 1;
constexpr int kEventTrack = 2;

}  // namespace

TraceEventWriter::TraceEventWriter(std::ostream* out, uint64_t hz) : out_(out), hz_(hz) {
  *out_ << "{\"displayTimeUnit\": \"ns\", \"traceEvents\": [\n";
}

double TraceEventWriter::Micros(uint64_t cycle) const {
  return static_cast<double>(cycle) * 1e6 / static_cast<double>(hz_);
}

void TraceEventWriter::Write(const std::string& event_json) {
  *out_ << (first_ ? "" : ",\n") << event_json;
  first_ = false;
}

void TraceEventWriter::Instant(const std::string& category, uint64_t cycle, const std::string& text) {
  Json e = Json::object();
  e["name"] = category;
  e["cat"] = category;
  e["ph"] = "i";
  e["s"] = "t";
  e["ts"] = Micros(cycle);
  e["pid"] = kPid;
  e["tid"] = kEventTrack;
  e["args"] = {{"cycle", cycle}, {"text", text}};
  Write(DumpJson(e, -1));
}

void TraceEventWriter::Complete(const std::string& name, uint64_t start_cycle, uint64_t end_cycle) {
  Json e = Json::object();
  e["name"] = name;
  e["cat"] = "phase";
  e["ph"] = "X";
  e["ts"] = Micros(start_cycle);
  e["dur"] = Micros(end_cycle) - Micros(start_cycle);
  e["pid"] = kPid;
  e["tid"] = kPhaseTrack;
  e["args"] = {{"start_cycle", start_cycle}, {"cycles", end_cycle - start_cycle}};
  Write(DumpJson(e, -1));
}

void TraceEventWriter::Finish() {
  for (const auto& [tid, name] : {std::pair<int, const char*>{kPhaseTrack, "phases (region groups)"},
                                  std::pair<int, const char*>{kEventTrack, "events (debug flags)"}}) {
    Json m = Json::object();
    m["name"] = "thread_name";
    m["ph"] = "M";
    m["pid"] = kPid;
    m["tid"] = tid;
    m["args"] = {{"name", name}};
    Write(DumpJson(m, -1));
  }
  *out_ << "\n]}\n";
  out_->flush();
}

void PhaseTraceSink::Enter(uint32_t pc) {
  generation_ = regions_->generation();
  const std::string& group = regions_->GroupAt(pc, &cached_lo_, &cached_size_);
  if (group == group_) return;
  const uint64_t now = clock_->cycles;
  if (!group_.empty() && now > group_start_) writer_->Complete(group_, group_start_, now);
  group_start_ = now;
  group_ = group;
}

void PhaseTraceSink::Finish() {
  if (!group_.empty() && clock_->cycles > group_start_) writer_->Complete(group_, group_start_, clock_->cycles);
  group_.clear();
}

}  // namespace dynsim
