// The simulated machine as a SystemC model (DESIGN.md decision 6: SystemC frames the
// system, off the hot path). One `System` per run, in a SystemC kernel of its own:
//
//   System (sc_module)
//   |- CpuRunner: the CPU's SC_THREAD and a tlm_quantumkeeper. The functional core counts
//   |  cycles in a plain integer (SimClock::cycles) and runs in slices; between slices the
//   |  runner converts the cycles into local time and wait()s only at quantum boundaries
//   |  and at the OS's timer interrupts. Its initiator socket is bound to the memory.
//   |- MemoryTarget: GuestMemory as a TLM-2.0 target (b_transport, transport_dbg, DMI).
//   '- OsTimers: the modeled OS's timer interrupt as an sc_event notified for its
//      simulated time; an SC_METHOD marks each when SystemC time reaches it.
//
// Simulated time is cycles at the configured clock: cycle c is at floor(c * 1e12 / hz)
// picoseconds (SystemC's default resolution), so at the end of a run sc_time_stamp()
// equals the machine's cycles / clock to the picosecond.
//
// Determinism: results never depend on the quantum. The core decides where every signal
// lands by itself (it stops at GuestOs::AttentionCycle(), the next timer expiry, at an
// instruction boundary, whatever its slice), and running in slices is invisible to it
// (FunctionalCore::Run continues exactly where it stopped). SystemC only follows: its
// time is derived from the cycle count, never the other way round, and the runner also
// ends a slice at the first instruction boundary at or after each timer interrupt that
// is programmed when the slice starts, so SystemC time reaches the interrupt before the
// signal's handler runs.
// A timer armed and expired within one slice (a short setitimer in a long quantum) is
// still delivered at its exact cycle by the core, and still marked at its exact time,
// when SystemC catches up at the end of the slice.
//
// DMI: the functional core's per-page host pointers (GuestMemory's read and write
// tables) are this system's DMI grants: the core reads and writes guest memory directly
// through them, bypassing the socket, which is what DMI is for. GuestMemory keeps them
// coherent itself (a page's pointers are refreshed when it is mapped, unmapped or
// re-protected, and a store to predecoded code takes the slow path). MemoryTarget grants
// the same storage to socket initiators, page by page and read-only (writes must go
// through b_transport so that stores to code pages drop predecoded code). A grant is
// valid until its page is unmapped or its permissions change; GuestMemory has no hook
// for that yet, so the target does not call invalidate_direct_mem_ptr, and the one
// initiator, the runner, uses its grant only before any guest instruction runs.
#ifndef DYNSIM_SIM_SYSTEM_H
#define DYNSIM_SIM_SYSTEM_H

#include <cstdint>
#include <deque>
#include <ostream>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "machine/arch_state.h"
#include "machine/memory.h"
#include "os_model/guest_os.h"
#include "sim/core.h"

namespace dynsim {

// The simulated time of cycle `cycles` at `hz`: floor(cycles * 1e12 / hz) ps. Saturates
// at kMaxSystemTime (about 53 days of simulated time), beyond which SystemC time stops.
sc_core::sc_time TimeOfCycle(uint64_t cycles, uint64_t hz);
// The first cycle whose time is at or after `t` (UINT64_MAX beyond kMaxSystemTime).
uint64_t CycleAtOrAfter(const sc_core::sc_time& t, uint64_t hz);
constexpr uint64_t kMaxSystemTimePs = uint64_t{1} << 62;

// A SystemC kernel (sc_simcontext) of its own for as long as this object lives. SystemC
// elaborates a kernel only once, and tests and tools run several simulations in one
// process, so each run makes a fresh one and deletes it afterwards; the previous current
// kernel is restored. Modules must be created and destroyed while it lives.
// SystemC's reports go to `log` (never stdout, which belongs to the guest), and its banner
// is off.
class SystemCKernel {
 public:
  explicit SystemCKernel(std::ostream* log);
  ~SystemCKernel();
  SystemCKernel(const SystemCKernel&) = delete;
  SystemCKernel& operator=(const SystemCKernel&) = delete;

 private:
  sc_core::sc_simcontext* context_;
  sc_core::sc_simcontext* previous_;
  sc_core::sc_simcontext* previous_default_;
  std::ostream* previous_log_;
};

// GuestMemory as a TLM-2.0 target. Data arrays hold guest bytes in guest order (big-
// endian words), copied byte for byte: address a is data[0]. Guest accesses
// (b_transport) need the page permission; debug accesses (transport_dbg) only a mapping.
// Responses: unmapped -> TLM_ADDRESS_ERROR_RESPONSE; no permission ->
// TLM_COMMAND_ERROR_RESPONSE; byte enables -> TLM_BYTE_ENABLE_ERROR_RESPONSE; streaming
// -> TLM_BURST_ERROR_RESPONSE. No latency is annotated: timing models charge memory.
class MemoryTarget : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<MemoryTarget> socket;

  MemoryTarget(sc_core::sc_module_name name, GuestMemory* memory);
  uint64_t dmi_grants() const { return dmi_grants_; }

 private:
  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  unsigned int transport_dbg(tlm::tlm_generic_payload& payload);
  // Grants read access to the page holding the address, if it is readable.
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& payload, tlm::tlm_dmi& dmi);

  GuestMemory* memory_;
  uint64_t dmi_grants_ = 0;
};

// The modeled OS's timer interrupt as an event in simulated time. The OS programs it for
// the earliest cycle at which one of its interval timers can expire (for ITIMER_VIRTUAL
// and ITIMER_PROF a lower bound: sleeping pushes their expiry later, so one expiry may
// take several interrupts) and tells this module each time that changes
// (GuestOs::SetTimerListener), at the cycle of the change. The module notifies `expiry_`
// for that cycle's time. An interrupt the core has reached (the OS has acted on it)
// stays scheduled until SystemC time reaches it; one re-programmed or cancelled before
// its cycle is dropped. `Mark`, an SC_METHOD sensitive to `expiry_`, counts each once, at
// exactly its time. All of this depends only on the cycles at which the guest armed its
// timers, so the count is the same whatever the quantum.
class OsTimers : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(OsTimers);
  OsTimers(sc_core::sc_module_name name, GuestOs* os, const SimClock* clock);
  ~OsTimers() override;

  // The cycle the OS's timer interrupt is programmed for (UINT64_MAX: none).
  uint64_t next_due() const { return pending_; }
  // True if every interrupt at or before `cycle` has been marked.
  bool MarkedThrough(uint64_t cycle) const;
  // Interrupts marked so far.
  uint64_t interrupts() const { return interrupts_; }
  // Drops the notification still pending at the end of the run, so the kernel stops at
  // the machine's final time instead of running on to an interrupt that never came.
  void Stop();

 private:
  void start_of_simulation() override;
  void OnTimerChange(uint64_t next);
  void Mark();
  void Renotify();
  // The earliest interrupt not yet marked (UINT64_MAX: none).
  uint64_t NextUnmarked() const;

  GuestOs* os_;
  const SimClock* clock_;
  sc_core::sc_event expiry_;
  uint64_t pending_;              // the programmed interrupt, not yet reached by the core
  std::deque<uint64_t> reached_;  // interrupts the core passed, not yet marked (ascending)
  uint64_t last_marked_ = 0;      // interrupts are marked in increasing cycle order
  uint64_t interrupts_ = 0;
};

// Looks at the run between slices of the core (the timeline, a pending Ctrl-C). The core
// ends a slice at the first instruction boundary at or after NextStop(); running in more
// slices changes nothing the guest or the timing model sees (see Determinism above).
class SliceObserver {
 public:
  virtual ~SliceObserver() = default;
  // The cycle the next slice should end at, at the latest (UINT64_MAX: no need).
  virtual uint64_t NextStop() const = 0;
  // The instruction count the next slice should end at, at the latest (UINT64_MAX: no
  // need); a debugger stepping one instruction at a time asks for instructions() + 1.
  virtual uint64_t NextInstStop() const { return UINT64_MAX; }
  // Called at the end of every slice; false ends the run there (it was interrupted).
  virtual bool AtSliceEnd(uint64_t cycles) = 0;
};

// The CPU: a thin runner around FunctionalCore (the ISS stays plain C++).
class CpuRunner : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<CpuRunner> socket;

  SC_HAS_PROCESS(CpuRunner);
  struct Params {
    FunctionalCore* core;
    const ArchState* state;
    const SimClock* clock;
    OsTimers* timers;
    uint64_t quantum_cycles;
    uint64_t max_insts;  // 0: no limit
    std::ostream* log;
    SliceObserver* observer;  // nullptr: none
  };
  CpuRunner(sc_core::sc_module_name name, const Params& params);

  // How the core stopped (valid after the simulation ends).
  CoreStop stop() const { return stop_; }
  // The observer ended the run (stop() is then kCycleLimit).
  bool interrupted() const { return interrupted_; }
  // The entry page's DMI grant agreed with a debug read of the first instruction.
  bool entry_dmi_checked() const { return entry_dmi_checked_; }

 private:
  // tlm_quantumkeeper with this machine's quantum rather than the process-wide global
  // one (every System in a process keeps its own), on the same boundaries: multiples of
  // the quantum in SystemC time.
  class QuantumKeeper : public tlm_utils::tlm_quantumkeeper {
   public:
    explicit QuantumKeeper(const sc_core::sc_time& quantum) : quantum_(quantum) {}
    const sc_core::sc_time& next_sync_point() const { return m_next_sync_point; }

   protected:
    sc_core::sc_time compute_local_quantum() override;

   private:
    sc_core::sc_time quantum_;
  };

  void Main();
  void Sync();
  void CheckEntryDmi();

  Params params_;
  QuantumKeeper keeper_;
  CoreStop stop_ = CoreStop::kExited;
  bool interrupted_ = false;
  bool entry_dmi_checked_ = false;
};

// What a System needs from the machine Simulation::Load built.
struct SystemParts {
  GuestMemory* memory;
  GuestOs* os;
  FunctionalCore* core;
  const ArchState* state;
  const SimClock* clock;
};

class System : public sc_core::sc_module {
 public:
  System(sc_core::sc_module_name name, const SystemParts& parts, uint64_t quantum_cycles, uint64_t max_insts,
         std::ostream* log, SliceObserver* observer = nullptr);

  MemoryTarget memory;
  OsTimers timers;
  CpuRunner cpu;
};

// The outcome of RunSystem.
struct SystemRun {
  CoreStop stop = CoreStop::kExited;
  double systemc_seconds = 0;     // sc_time_stamp() at the end
  uint64_t timer_interrupts = 0;  // the OS's timer interrupts, marked in SystemC time
  bool interrupted = false;       // the observer ended the run
};

// Builds a System in a kernel of its own, runs it until the core exits, is killed or
// reaches `max_insts` (or `observer` ends it), and tears it down.
SystemRun RunSystem(const SystemParts& parts, uint64_t quantum_cycles, uint64_t max_insts, std::ostream* log,
                    SliceObserver* observer = nullptr);

}  // namespace dynsim

#endif  // DYNSIM_SIM_SYSTEM_H
