// The progress line of a long run on a terminal: refreshed in place on stderr about twice a
// second, "dynsim: 812.3M instructions, 61.2 MIPS, 4.513 s simulated, Dynamo 7.9% /
// fragment cache 91.8%", and erased at the end. Only the display reads the host's clock;
// nothing the run writes to a file depends on it.
#ifndef DYNSIM_SIM_PROGRESS_H
#define DYNSIM_SIM_PROGRESS_H

#include <chrono>
#include <cstdint>
#include <ostream>

namespace dynsim {

class Simulation;

class Progress {
 public:
  Progress(const Simulation* sim, std::ostream* out);
  // Called between slices of the run: refreshes the line when it is due.
  void Tick();
  // Erases the line.
  void Finish();

 private:
  void Print();

  const Simulation* sim_;
  std::ostream* out_;
  std::chrono::steady_clock::time_point start_, next_;
  bool printed_ = false;
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_PROGRESS_H
