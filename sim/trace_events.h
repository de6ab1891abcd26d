// A run as a Chrome trace-event file (`dynsim run --trace-events FILE`, the JSON object
// format of the Trace Event Format that Perfetto and chrome://tracing open): its phases
// as complete events ("ph": "X") on one track, one for each stretch of instructions
// retired in one region group (app, dynamo, or with --regions configs/dynamo/regions.yaml
// each Dynamo mechanism, fragment_cache, ...), and the debug flags' events as instant
// events ("ph": "i") with their text. Time is simulated time: "ts" and "dur" are
// microseconds at the configured clock, so the file is as deterministic as the run.
// The OS's cycles have no instructions: they fall in the stretch around them.
#ifndef DYNSIM_SIM_TRACE_EVENTS_H
#define DYNSIM_SIM_TRACE_EVENTS_H

#include <cstdint>
#include <ostream>
#include <string>

#include "os_model/guest_os.h"
#include "sim/regions.h"
#include "sim/retire.h"

namespace dynsim {

class TraceEventWriter {
 public:
  TraceEventWriter(std::ostream* out, uint64_t hz);
  void Instant(const std::string& category, uint64_t cycle, const std::string& text);
  void Complete(const std::string& name, uint64_t start_cycle, uint64_t end_cycle);
  // Names the tracks and closes the JSON. Call once, at the end.
  void Finish();

 private:
  void Write(const std::string& event_json);
  double Micros(uint64_t cycle) const;

  std::ostream* out_;
  uint64_t hz_;
  bool first_ = true;
};

// Sits in front of the core's sink and turns group changes into phases.
class PhaseTraceSink final : public RetireSink {
 public:
  PhaseTraceSink(RetireSink* inner, const RegionProfiler* regions, const SimClock* clock, TraceEventWriter* writer)
      : inner_(inner), regions_(regions), clock_(clock), writer_(writer) {}
  uint32_t Retire(const RetireRecord& r) override {
    if (r.pc - cached_lo_ >= cached_size_ || regions_->generation() != generation_) Enter(r.pc);
    return inner_->Retire(r);
  }
  // Ends the last phase at the run's end.
  void Finish();

 private:
  void Enter(uint32_t pc);

  RetireSink* inner_;
  const RegionProfiler* regions_;
  const SimClock* clock_;
  TraceEventWriter* writer_;
  uint32_t cached_lo_ = 0;
  uint64_t cached_size_ = 0;
  uint64_t generation_ = UINT64_MAX;
  std::string group_;
  uint64_t group_start_ = 0;
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_TRACE_EVENTS_H
