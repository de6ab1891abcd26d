#include "sim/debug_flags.h"

#include <cstdio>

#include "sim/trace_events.h"

namespace dynsim {

const std::vector<DebugFlagDecl>& DebugFlagDecls() {
  static const std::vector<DebugFlagDecl> decls = {
      {DebugFlag::kExec, "Exec", "every instruction executed or nullified: pc, word, disassembly"},
      {DebugFlag::kSyscall, "Syscall", "every system call through the gateway: name, arguments, result"},
      {DebugFlag::kSignal, "Signal", "every signal delivered or acted on, and the pc the guest goes on at (a handler's)"},
      {DebugFlag::kMem, "Mem", "every load and store: pc, address, size"},
      {DebugFlag::kTrace, "Trace", "Dynamo starts recording a trace at a hot trace head (app pc)"},
      {DebugFlag::kFragment, "Fragment", "Dynamo adds a fragment to its cache: head app pc, trace length"},
      {DebugFlag::kLink, "Link", "Dynamo links a fragment exit to a fragment (target cache pc)"},
      {DebugFlag::kLookup, "Lookup", "fragment code looks up an indirect branch's target (app pc)"},
      {DebugFlag::kFlush, "Flush", "Dynamo flushes its whole fragment cache"},
      {DebugFlag::kBailout, "Bailout", "Dynamo hands the application to native execution (bail-out or a trap)"},
  };
  return decls;
}

bool ParseDebugFlags(const std::string& list, uint32_t* mask, std::string* error) {
  uint32_t m = 0;
  size_t start = 0;
  for (;;) {
    const size_t comma = list.find(',', start);
    const std::string name = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    bool known = false;
    for (const DebugFlagDecl& d : DebugFlagDecls()) {
      if (name != d.name) continue;
      m |= FlagBit(d.flag);
      known = true;
    }
    if (!known) {
      *error = "--debug-flags " + list + ": unknown flag '" + name + "' (--debug-flags=help lists them)";
      return false;
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  *mask = m;
  return true;
}

std::string DebugFlagsHelp() {
  std::string out =
      "Debug flags (--debug-flags=FLAG,FLAG,...): each prints one line per event, with its cycle,\n"
      "to stderr or --debug-file FILE, between --debug-start CYCLE and --debug-end CYCLE.\n"
      "Dynamo's events are seen at the entry of the Dynamo function that performs them.\n\n";
  for (const DebugFlagDecl& d : DebugFlagDecls()) {
    char line[160];
    std::snprintf(line, sizeof line, "  %-10s %s\n", d.name, d.doc);
    out += line;
  }
  return out;
}

void DebugLog::Line(DebugFlag f, uint64_t cycle, const std::string& text) {
  const char* name = DebugFlagDecls()[static_cast<size_t>(f)].name;
  if (trace_) trace_->Instant(name, cycle, text);
  if (!out_) return;
  char head[48];
  std::snprintf(head, sizeof head, "%12llu: %s: ", static_cast<unsigned long long>(cycle), name);
  *out_ << head << text << '\n';
}

}  // namespace dynsim
