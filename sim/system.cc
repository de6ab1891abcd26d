#include "sim/system.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace dynsim {

// libsystemc.so carries its own main(), which calls sc_main(); the library cannot link
// without one. dynsim and its tests have their own main() and start the kernel through
// RunSystem, so this is never called.
extern "C" int sc_main(int, char*[]) { return 1; }

namespace {

using sc_core::sc_time;

constexpr uint64_t kPsPerSecond = 1000000000000u;

// Where SystemC's reports go while a SystemCKernel lives (sc_report_handler takes a plain
// function, so the destination is file-level; kernels nest, each restores its previous).
std::ostream* g_report_log = &std::cerr;

// Shows what the default handler would display on the simulator's log instead of stdout,
// then lets the default handler do the rest (log file, throw for errors, abort).
void ReportToLog(const sc_core::sc_report& report, const sc_core::sc_actions& actions) {
  if (actions & sc_core::SC_DISPLAY) *g_report_log << sc_core::sc_report_compose_message(report) << "\n";
  sc_core::sc_report_handler::default_handler(report, actions & ~sc_core::SC_DISPLAY);
}

}  // namespace

sc_time TimeOfCycle(uint64_t cycles, uint64_t hz) {
  unsigned __int128 ps = static_cast<unsigned __int128>(cycles) * kPsPerSecond / hz;
  return sc_time::from_value(static_cast<uint64_t>(std::min<unsigned __int128>(ps, kMaxSystemTimePs)));
}

uint64_t CycleAtOrAfter(const sc_time& t, uint64_t hz) {
  if (t.value() > kMaxSystemTimePs) return UINT64_MAX;
  // The least c with floor(c * 1e12 / hz) >= t, i.e. c * 1e12 >= t * hz.
  unsigned __int128 scaled = static_cast<unsigned __int128>(t.value()) * hz;
  return static_cast<uint64_t>((scaled + kPsPerSecond - 1) / kPsPerSecond);
}

// --- SystemCKernel ---

SystemCKernel::SystemCKernel(std::ostream* log)
    : previous_(sc_core::sc_curr_simcontext),
      previous_default_(sc_core::sc_default_global_context),
      previous_log_(g_report_log) {
  // The library prints its banner only from its own main(), but the variable is what it
  // checks: say no, so stderr stays the guest's whatever the environment holds.
  setenv("SC_COPYRIGHT_MESSAGE", "DISABLE", 1);
  g_report_log = log;
  sc_core::sc_report_handler::set_handler(ReportToLog);
  context_ = new sc_core::sc_simcontext;
  sc_core::sc_curr_simcontext = context_;
  sc_core::sc_default_global_context = context_;
}

SystemCKernel::~SystemCKernel() {
  delete context_;  // while still current: its clean-up may look itself up
  sc_core::sc_curr_simcontext = previous_;
  sc_core::sc_default_global_context = previous_default_;
  g_report_log = previous_log_;
}

// --- MemoryTarget ---

MemoryTarget::MemoryTarget(sc_core::sc_module_name name, GuestMemory* memory)
    : sc_module(name), socket("socket"), memory_(memory) {
  socket.register_b_transport(this, &MemoryTarget::b_transport);
  socket.register_transport_dbg(this, &MemoryTarget::transport_dbg);
  socket.register_get_direct_mem_ptr(this, &MemoryTarget::get_direct_mem_ptr);
}

void MemoryTarget::b_transport(tlm::tlm_generic_payload& payload, sc_time& /*delay*/) {
  const uint64_t addr = payload.get_address();
  const uint32_t length = payload.get_data_length();
  if (payload.get_byte_enable_ptr()) {
    payload.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    return;
  }
  if (payload.get_streaming_width() < length) {
    payload.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
    return;
  }
  // Every page of the range must be mapped (RangeHas with no permission asks just that).
  if (addr + length > (uint64_t{1} << 32) || !memory_->RangeHas(static_cast<GuestAddr>(addr), length, kPermNone)) {
    payload.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  const GuestAddr guest = static_cast<GuestAddr>(addr);
  switch (payload.get_command()) {
    case tlm::TLM_READ_COMMAND:
      if (!memory_->RangeHas(guest, length, kPermRead)) break;
      memory_->ReadBytes(guest, payload.get_data_ptr(), length);
      payload.set_dmi_allowed(true);
      payload.set_response_status(tlm::TLM_OK_RESPONSE);
      return;
    case tlm::TLM_WRITE_COMMAND:
      if (!memory_->RangeHas(guest, length, kPermWrite)) break;
      memory_->WriteBytes(guest, payload.get_data_ptr(), length);  // keeps code watches
      payload.set_response_status(tlm::TLM_OK_RESPONSE);
      return;
    case tlm::TLM_IGNORE_COMMAND:
      payload.set_response_status(tlm::TLM_OK_RESPONSE);
      return;
  }
  payload.set_response_status(tlm::TLM_COMMAND_ERROR_RESPONSE);
}

unsigned int MemoryTarget::transport_dbg(tlm::tlm_generic_payload& payload) {
  const uint64_t addr = payload.get_address();
  const uint64_t end = std::min<uint64_t>(addr + payload.get_data_length(), uint64_t{1} << 32);
  const bool write = payload.get_command() == tlm::TLM_WRITE_COMMAND;
  if (!write && payload.get_command() != tlm::TLM_READ_COMMAND) return 0;
  // Page by page, up to the first unmapped byte.
  unsigned int done = 0;
  for (uint64_t at = addr; at < end && memory_->IsMapped(static_cast<GuestAddr>(at));) {
    const uint64_t chunk = std::min<uint64_t>(end, (at | GuestMemory::kPageMask) + 1) - at;
    unsigned char* data = payload.get_data_ptr() + done;
    const GuestAddr guest = static_cast<GuestAddr>(at);
    if (write)
      memory_->WriteBytes(guest, data, static_cast<uint32_t>(chunk));
    else
      memory_->ReadBytes(guest, data, static_cast<uint32_t>(chunk));
    done += static_cast<unsigned int>(chunk);
    at += chunk;
  }
  return done;
}

bool MemoryTarget::get_direct_mem_ptr(tlm::tlm_generic_payload& payload, tlm::tlm_dmi& dmi) {
  const uint64_t addr = payload.get_address();
  if (addr >> 32) {
    dmi.set_start_address(uint64_t{1} << 32);
    dmi.set_end_address(UINT64_MAX);
    return false;  // nothing lies above the 32-bit space
  }
  const GuestAddr guest = static_cast<GuestAddr>(addr);
  const GuestAddr base = guest & ~GuestMemory::kPageMask;
  dmi.set_start_address(base);
  dmi.set_end_address(base + GuestMemory::kPageMask);
  const uint8_t* page = memory_->PageData(guest);
  if (!page || !(memory_->Perms(guest) & kPermRead)) return false;
  // Read-only (see the file comment); the pointer is GuestMemory's own storage.
  dmi.set_dmi_ptr(const_cast<unsigned char*>(page));
  dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_READ);
  dmi.set_read_latency(sc_core::SC_ZERO_TIME);
  dmi.set_write_latency(sc_core::SC_ZERO_TIME);
  ++dmi_grants_;
  return true;
}

// --- OsTimers ---

OsTimers::OsTimers(sc_core::sc_module_name name, GuestOs* os, const SimClock* clock)
    : sc_module(name), os_(os), clock_(clock), expiry_("expiry"), pending_(os->NextTimerCycle()) {
  SC_METHOD(Mark);
  sensitive << expiry_;
  dont_initialize();
  os_->SetTimerListener([this](uint64_t next) { OnTimerChange(next); });
}

OsTimers::~OsTimers() { os_->SetTimerListener(nullptr); }

void OsTimers::start_of_simulation() { Renotify(); }

void OsTimers::OnTimerChange(uint64_t next) {
  // The interrupt being re-programmed happened if the core has reached its cycle (the OS
  // acted on it); otherwise it was re-armed or cancelled in time and never happens.
  if (pending_ != UINT64_MAX && pending_ > last_marked_ && pending_ <= clock_->cycles) reached_.push_back(pending_);
  pending_ = next;
  Renotify();
}

uint64_t OsTimers::NextUnmarked() const {
  if (!reached_.empty()) return reached_.front();
  return pending_ > last_marked_ ? pending_ : UINT64_MAX;
}

bool OsTimers::MarkedThrough(uint64_t cycle) const { return NextUnmarked() > cycle; }

void OsTimers::Mark() {
  const sc_time now = sc_core::sc_time_stamp();
  for (uint64_t due = NextUnmarked(); due != UINT64_MAX && TimeOfCycle(due, clock_->hz) <= now;
       due = NextUnmarked()) {
    if (!reached_.empty()) reached_.pop_front();
    last_marked_ = due;
    ++interrupts_;
  }
  Renotify();
}

void OsTimers::Renotify() {
  expiry_.cancel();
  const uint64_t due = NextUnmarked();
  if (due == UINT64_MAX) return;
  const sc_time at = TimeOfCycle(due, clock_->hz);
  if (at.value() >= kMaxSystemTimePs) return;  // beyond the end of SystemC time
  const sc_time now = sc_core::sc_time_stamp();
  expiry_.notify(at > now ? at - now : sc_core::SC_ZERO_TIME);
}

void OsTimers::Stop() {
  expiry_.cancel();
  os_->SetTimerListener(nullptr);
}

// --- CpuRunner ---

sc_time CpuRunner::QuantumKeeper::compute_local_quantum() {
  // As tlm::tlm_global_quantum::compute_local_quantum: up to the next multiple.
  const uint64_t now = sc_core::sc_time_stamp().value(), q = std::max<uint64_t>(quantum_.value(), 1);
  return sc_time::from_value(q - now % q);
}

CpuRunner::CpuRunner(sc_core::sc_module_name name, const Params& params)
    : sc_module(name),
      socket("socket"),
      params_(params),
      keeper_(TimeOfCycle(std::max<uint64_t>(params.quantum_cycles, 1), params.clock->hz)) {
  SC_THREAD(Main);
  // The core, the OS model and the timing model run on this thread's stack.
  set_stack_size(8u << 20);
}

void CpuRunner::Main() {
  const SimClock& clock = *params_.clock;
  keeper_.reset();
  CheckEntryDmi();
  for (;;) {
    // A slice ends at the quantum boundary or at the first instruction boundary at or
    // after the OS's next timer interrupt (the core acts on the interrupt there, then
    // stops). If it is already due, the core acts on it first thing; then run a cycle.
    const uint64_t now = clock.cycles, due = params_.timers->next_due();
    uint64_t limit = std::min(CycleAtOrAfter(keeper_.next_sync_point(), clock.hz), due > now ? due : now + 1);
    uint64_t max_insts = params_.max_insts;
    if (params_.observer) {
      limit = std::min(limit, std::max(params_.observer->NextStop(), now + 1));
      const uint64_t inst_stop = params_.observer->NextInstStop();
      if (inst_stop != UINT64_MAX && (max_insts == 0 || inst_stop < max_insts)) max_insts = inst_stop;
    }
    stop_ = params_.core->Run(max_insts, limit);
    // The observer's instruction bound ends only the slice; --max-insts ends the run.
    if (stop_ == CoreStop::kInstLimit && max_insts != params_.max_insts) stop_ = CoreStop::kCycleLimit;
    keeper_.set(TimeOfCycle(clock.cycles, clock.hz) - sc_core::sc_time_stamp());
    if (stop_ != CoreStop::kCycleLimit) break;
    if (params_.observer && !params_.observer->AtSliceEnd(clock.cycles)) {
      interrupted_ = true;
      break;
    }
    if (keeper_.need_sync() || clock.cycles >= due) Sync();
  }
  Sync();  // SystemC time is the machine's at the end
  params_.timers->Stop();
}

void CpuRunner::Sync() {
  keeper_.sync();
  // A timer interrupt at exactly this time is marked in the evaluation phase this thread
  // resumed in, perhaps after it; one delta cycle later it certainly has been.
  if (!params_.timers->MarkedThrough(params_.clock->cycles)) wait(sc_core::SC_ZERO_TIME);
}

void CpuRunner::CheckEntryDmi() {
  // Uses the socket for real once: the entry page's DMI grant must show the bytes a
  // debug read of the first instruction returns.
  const GuestAddr pc = params_.state->pc();
  tlm::tlm_generic_payload payload;
  payload.set_command(tlm::TLM_READ_COMMAND);
  payload.set_address(pc);
  tlm::tlm_dmi dmi;
  if (!socket->get_direct_mem_ptr(payload, dmi) || !dmi.is_read_allowed()) return;  // not readable
  unsigned char word[4];
  payload.set_data_ptr(word);
  payload.set_data_length(sizeof word);
  if (socket->transport_dbg(payload) != sizeof word) return;
  const unsigned char* direct = dmi.get_dmi_ptr() + (pc - dmi.get_start_address());
  entry_dmi_checked_ = std::equal(word, word + sizeof word, direct);
  if (!entry_dmi_checked_)
    *params_.log << "dynsim: SystemC DMI grant disagrees with memory at 0x" << std::hex << pc << std::dec << "\n";
}

// --- System ---

System::System(sc_core::sc_module_name name, const SystemParts& parts, uint64_t quantum_cycles, uint64_t max_insts,
               std::ostream* log, SliceObserver* observer)
    : sc_module(name),
      memory("memory", parts.memory),
      timers("timers", parts.os, parts.clock),
      cpu("cpu", CpuRunner::Params{parts.core, parts.state, parts.clock, &timers, quantum_cycles, max_insts, log, observer}) {
  cpu.socket.bind(memory.socket);
}

SystemRun RunSystem(const SystemParts& parts, uint64_t quantum_cycles, uint64_t max_insts, std::ostream* log,
                    SliceObserver* observer) {
  SystemCKernel kernel(log);
  System system("system", parts, quantum_cycles, max_insts, log, observer);
  sc_core::sc_start();
  SystemRun run;
  run.stop = system.cpu.stop();
  run.systemc_seconds = static_cast<double>(sc_core::sc_time_stamp().value()) / static_cast<double>(kPsPerSecond);
  run.timer_interrupts = system.timers.interrupts();
  run.interrupted = system.cpu.interrupted();
  return run;
}

}  // namespace dynsim
