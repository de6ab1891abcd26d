// Dynamo's start-up (dynamo/README.md, "Boot protocol"): entry.S sets up Dynamo's own
// stack and global pointer and calls dynamo_main, which checks the boot block the loader
// filled in, loads the application's initial state into the app context and hands over to
// the dispatcher. Dynamo's memory is its own image: the boot block, the stack and the
// mechanisms' tables are static data; it never uses the application's heap or stack.
#include <dynsim/syscall.h>
#include <dynsim/unistd_nr.h>

#include "dynamo/bailout.h"
#include "dynamo/boot.h"
#include "dynamo/context.h"
#include "dynamo/counters.h"
#include "dynamo/dispatch.h"
#include "dynamo/fragment_cache.h"
#include "dynamo/interpreter.h"
#include "dynamo/monitor.h"
#include "dynamo/signals.h"

namespace {

constexpr uint32_t kStackBytes = 256 * 1024;

}  // namespace

extern "C" {

// The boot block, found by the loader through this symbol. The header says what this
// image expects; the loader fills in the rest (boot.h).
dynamo::BootBlock dynamo_boot = {
    dynamo::kBootMagic, dynamo::kBootVersion, sizeof(dynamo::BootBlock), DYNAMO_CONTEXT_ADDR, DYNAMO_CONTEXT_BYTES,
    0, {}, {}, {}, {},
};

// Dynamo's stack (entry.S): Dynamo's own frames only (its signal handler runs on an
// alternate stack of its own, signals.cc; the application's handlers run under Dynamo on
// the application's stacks).
alignas(64) unsigned char dynamo_stack[kStackBytes];

[[noreturn]] void dynamo_main();

}  // extern "C"

namespace dynamo {
namespace {

DecodeCache decode_cache;
FragmentCache fragment_cache;
Monitor monitor;
Bailout bailout;
Counters counters;

[[noreturn]] void Fatal(const char* message) {
  unsigned long n = 0;
  while (message[n]) ++n;
  __dynsim_syscall3(__NR_write, 2, message, n);
  __dynsim_syscall1(__NR_exit_group, 127);
  __builtin_unreachable();
}

// Static constructors, as the runtime's start-up runs them for programs (Dynamo has none
// today, but a mechanism's table may want one).
using InitFn = void (*)();
extern "C" InitFn __init_array_start[] __attribute__((weak, visibility("hidden")));
extern "C" InitFn __init_array_end[] __attribute__((weak, visibility("hidden")));
void RunConstructors() {
  for (InitFn* f = __init_array_start; f < __init_array_end; ++f) (*f)();
}

}  // namespace
}  // namespace dynamo

void dynamo_main() {
  using namespace dynamo;
  RunConstructors();
  const volatile BootBlock& boot = dynamo_boot;
  if (boot.loaded != kBootLoaded) Fatal("dynamo: not started by dynsim's loader (the boot block is empty)\n");
  const uint32_t line = boot.machine.icache_line_bytes;
  if (line < 4 || (line & (line - 1)) != 0) Fatal("dynamo: bad instruction-cache line size in the boot block\n");
  AppContext& ctx = app_context();
  LoadContext(dynamo_boot.app, &ctx);
  const BootConfig config = const_cast<const BootConfig&>(dynamo_boot.config);
  if (!fragment_cache.Init(config, line, &ctx, &counters))
    Fatal("dynamo: cannot make the fragment cache executable, or it is out of reach of Dynamo's code\n");
  InitSignals(&fragment_cache, &counters);
  monitor.Init(config.hot_threshold, &counters, &fragment_cache);
  Interpreter::SetTraceThroughCalls(config.trace_through_calls != 0);
  Interpreter interpreter(&ctx, &decode_cache, &monitor, &fragment_cache, &counters, line);
  bailout.Init(config, &counters);
  Dispatch(&ctx, &interpreter, &monitor, &fragment_cache, config.max_trace_blocks, &bailout, &counters);
}
