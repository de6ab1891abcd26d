#include "sim/debug_trace.h"

#include <algorithm>
#include <cstdio>

#include "dynamo/context_layout.h"
#include "isa/disasm.h"
#include "os_model/signals.h"
#include "os_model/syscall_numbers.h"
#include "sim/dynamo_counters.h"

namespace dynsim {
namespace {

std::string Hex(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%x", v);
  return buf;
}

}  // namespace

DebugTraceSink::DebugTraceSink(RetireSink* inner, DebugLog* log, const SimClock* clock, const ArchState* state,
                               const GuestMemory* memory, const ElfImage* dynamo, uint32_t counters_addr)
    : inner_(inner),
      log_(log),
      clock_(clock),
      state_(state),
      memory_(memory),
      exec_(log->on(DebugFlag::kExec)),
      mem_(log->on(DebugFlag::kMem)) {
  if (!dynamo) return;
  static const struct {
    const char* function;
    DebugFlag flag;
    Probe probe;
  } kProbes[] = {
      {"dynamo::Interpreter::Record", DebugFlag::kTrace, Probe::kTraceStart},
      {"dynamo::FragmentCache::Add", DebugFlag::kFragment, Probe::kFragmentAdd},
  };
  // The events seen as Dynamo's store to the counter that counts them.
  static const struct {
    const char* counter;
    DebugFlag flag;
  } kCounterEvents[] = {
      {"links", DebugFlag::kLink},           {"exits_lookup_miss", DebugFlag::kLookup},
      {"cache_flushes", DebugFlag::kFlush},  {"bailouts", DebugFlag::kBailout},
      {"native_transfers", DebugFlag::kBailout},
  };
  counter_flag_.assign(DynamoCounterDecls().size(), UINT32_MAX);
  for (const auto& e : kCounterEvents) {
    if (!log->on(e.flag)) continue;
    for (size_t i = 0; i < DynamoCounterDecls().size(); ++i)
      if (std::string(DynamoCounterDecls()[i].name) == e.counter) counter_flag_[i] = static_cast<uint32_t>(e.flag);
    counters_addr_ = counters_addr;
    counters_end_ = counters_addr + DynamoCounterBlock::size();
  }
  for (const auto& p : kProbes) {
    if (!log->on(p.flag)) continue;
    for (const ElfSymbol& s : dynamo->symbols)
      if (s.is_function && s.name == p.function) dynamo_entries_.push_back({s.addr, p.flag, p.probe});
  }
  std::sort(dynamo_entries_.begin(), dynamo_entries_.end(),
            [](const DynamoEntry& a, const DynamoEntry& b) { return a.pc < b.pc; });
  if (!dynamo_entries_.empty()) {
    dynamo_lo_ = dynamo_entries_.front().pc;
    dynamo_hi_ = dynamo_entries_.back().pc;
  }
}

uint32_t DebugTraceSink::Retire(const RetireRecord& r) {
  const uint64_t cycle = clock_->cycles;
  if (log_->InWindow(cycle)) {
    if (exec_) Exec(r, cycle);
    if (mem_ && r.mem_size && !r.nullified)
      log_->Line(DebugFlag::kMem, cycle,
                 Hex(r.pc) + ": " + (r.is_store ? "store " : "load ") + std::to_string(r.mem_size) + " bytes at " +
                     Hex(r.mem_addr));
    // A counter is a big-endian 64-bit word: the store of its low half ends the update.
    if (r.is_store && r.mem_addr - counters_addr_ < counters_end_ - counters_addr_ && !r.nullified &&
        (r.mem_addr - counters_addr_) % 8 + r.mem_size == 8)
      CounterEvent((r.mem_addr - counters_addr_) / 8, cycle);
    if (r.pc >= dynamo_lo_ && r.pc <= dynamo_hi_ && !r.nullified) {
      auto it = std::lower_bound(dynamo_entries_.begin(), dynamo_entries_.end(), r.pc,
                                 [](const DynamoEntry& e, uint32_t pc) { return e.pc < pc; });
      if (it != dynamo_entries_.end() && it->pc == r.pc) DynamoEvent(*it, cycle);
    }
  }
  return inner_->Retire(r);
}

uint32_t DebugTraceSink::Word(uint32_t addr) const {
  uint8_t b[4] = {};
  memory_->ReadBytes(addr, b, 4);
  return uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 | b[3];
}

void DebugTraceSink::Exec(const RetireRecord& r, uint64_t cycle) {
  const uint32_t word = Word(r.pc);
  char text[128];
  isa::disassemble_word(word, r.pc, text, sizeof text);
  char line[192];
  std::snprintf(line, sizeof line, "0x%08x: %08x  %s%s", r.pc, word, text, r.nullified ? "  (nullified)" : "");
  log_->Line(DebugFlag::kExec, cycle, line);
}

void DebugTraceSink::DynamoEvent(const DynamoEntry& e, uint64_t cycle) {
  const uint32_t* gr = state_->gr;
  std::string text;
  switch (e.probe) {
    // Arguments by the PA-RISC calling convention: r26 first (a member function's this),
    // then r25, r24; the first instruction of a function has not changed them yet.
    case Probe::kTraceStart: text = "record a trace from app pc " + Hex(gr[25]); break;
    case Probe::kFragmentAdd:  // Add(const Trace&): the trace starts with its head and length
      text = "add a fragment for the trace at app pc " + Hex(Word(gr[25])) + ", " + std::to_string(Word(gr[25] + 4)) +
             " instructions";
      break;
  }
  log_->Line(e.flag, cycle, text);
}

void DebugTraceSink::CounterEvent(uint32_t index, uint64_t cycle) {
  if (counter_flag_[index] == UINT32_MAX) return;
  const uint64_t value = uint64_t{Word(counters_addr_ + index * 8)} << 32 | Word(counters_addr_ + index * 8 + 4);
  const std::string name = DynamoCounterDecls()[index].name;
  std::string text;
  if (name == "links") text = "an exit linked to its target fragment";
  if (name == "exits_lookup_miss")
    text = "an indirect branch to app pc " + Hex(Word(CTX_ABS(CTX_INDIRECT_TARGET)) & ~3u) + " missed the lookup table";
  if (name == "cache_flushes") text = "the fragment cache was full: flushed whole";
  if (name == "bailouts") text = "bail-out: Dynamo's share of the time stayed high";
  if (name == "native_transfers") text = "the application goes on natively (a trap or fault to raise)";
  log_->Line(static_cast<DebugFlag>(counter_flag_[index]), cycle, text + " (dynamo." + name + " = " + std::to_string(value) + ")");
}

void OsDebugEvents::OnSyscall(uint32_t nr, const uint32_t args[6], int64_t result) {
  const uint64_t cycle = clock_->cycles;
  if (!log_->on(DebugFlag::kSyscall) || !log_->InWindow(cycle)) return;
  const char* known = SyscallName(nr);
  const std::string name = known ? known : "syscall_" + std::to_string(nr);
  char line[160];
  std::snprintf(line, sizeof line, "%s(0x%x, 0x%x, 0x%x, 0x%x) = %lld", name.c_str(), args[0], args[1], args[2], args[3],
                static_cast<long long>(result));
  log_->Line(DebugFlag::kSyscall, cycle, line);
}

void OsDebugEvents::OnSignal(int signo, const ArchState& state) {
  const uint64_t cycle = clock_->cycles;
  if (!log_->on(DebugFlag::kSignal) || !log_->InWindow(cycle)) return;
  log_->Line(DebugFlag::kSignal, cycle, std::string(SignalName(signo)) + ", the guest goes on at pc " + Hex(state.pc()));
}

}  // namespace dynsim
