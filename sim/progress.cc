#include "sim/progress.h"

#include <cstdio>
#include <cstring>

#include "sim/simulation.h"

namespace dynsim {
namespace {

constexpr std::chrono::milliseconds kRefresh{500};
// Long enough to cover the longest line, so a shorter one erases it.
constexpr int kLineWidth = 100;

}  // namespace

Progress::Progress(const Simulation* sim, std::ostream* out)
    : sim_(sim), out_(out), start_(std::chrono::steady_clock::now()), next_(start_ + kRefresh) {}

void Progress::Tick() {
  const auto now = std::chrono::steady_clock::now();
  if (now < next_) return;
  next_ = now + kRefresh;
  Print();
}

void Progress::Print() {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double insts = static_cast<double>(sim_->instructions());
  char line[160];
  int n = std::snprintf(line, sizeof line, "dynsim: %.1fM instructions, %.1f MIPS, %.3f s simulated", insts / 1e6,
                        seconds > 0 ? insts / seconds / 1e6 : 0.0, sim_->stats().Value("sim_seconds").value_or(0));
  if (sim_->dynamo_config()) {
    uint64_t dynamo = 0, cache = 0, total = 0;
    for (const auto& [group, cycles] : sim_->GroupCyclesNow()) {
      total += cycles;
      if (group == "dynamo" || group.compare(0, 7, "dynamo.") == 0) dynamo += cycles;
      if (group == "fragment_cache") cache += cycles;
    }
    if (total && n > 0 && n < static_cast<int>(sizeof line))
      std::snprintf(line + n, sizeof line - n, ", Dynamo %.1f%% / fragment cache %.1f%%", 100.0 * dynamo / total,
                    100.0 * cache / total);
  }
  n = static_cast<int>(std::strlen(line));
  *out_ << '\r' << line << std::string(kLineWidth > n ? kLineWidth - n : 0, ' ') << '\r' << std::flush;
  printed_ = true;
}

void Progress::Finish() {
  if (printed_) *out_ << '\r' << std::string(kLineWidth, ' ') << '\r' << std::flush;
  printed_ = false;
}

}  // namespace dynsim
