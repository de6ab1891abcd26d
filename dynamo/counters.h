// Dynamo's event counters, reported to the simulator when the application exits (they land
// in the stats group guest.counters as "dynamo.NAME"). Each counter is declared once, in
// DYNAMO_COUNTERS, with its meaning; stage 2's mechanisms add theirs to the list.
#ifndef DYNSIM_DYNAMO_COUNTERS_H
#define DYNSIM_DYNAMO_COUNTERS_H

#include <stdint.h>

namespace dynamo {

#define DYNAMO_COUNTERS(X)                                                                          \
  X(interpreted_instructions, "application instructions the interpreter executed (nullified ones excluded)") \
  X(nullified_instructions, "application instructions the interpreter skipped because PSW[N] was set") \
  X(syscalls, "application system calls Dynamo made on the application's behalf")                  \
  X(sigactions, "application rt_sigaction calls Dynamo intercepted (handlers go through its trampoline)") \
  X(gateway_calls, "application gateway calls of any kind (system calls, light-weight calls, set thread pointer)") \
  X(trace_head_candidates, "taken backward direct branches interpreted (their targets are trace-head candidates)") \
  X(decode_misses, "instructions the interpreter decoded (misses in its decoded-instruction cache)") \
  X(code_flushes, "fic instructions the application executed (each drops decoded copies of one line)") \
  X(native_transfers, "times Dynamo handed the application to native execution (a trap or fault to raise)") \
  X(native_transfer_pc, "the application pc of the last native transfer (0: none), where Dynamo lost control") \
  X(hot_trace_heads, "trace-head candidates that reached hot_threshold (each starts a trace recording)") \
  X(fragment_head_reached, "taken backward branches interpreted whose target already heads a fragment") \
  X(fragments, "fragments added to the fragment cache (recorded traces)")                          \
  X(fragment_instructions, "application instructions on the fragments added (trace lengths summed)") \
  X(fragment_bytes, "fragment-cache bytes the added fragments take (4 per instruction, plus 16 for exit stubs)") \
  X(cache_flushes, "times the fragment cache was full and flushed whole")                       \
  X(traces_too_big, "recorded traces larger than the whole fragment cache (dropped)")           \
  X(trace_ends_backward, "traces that ended at a backward taken branch")                        \
  X(trace_ends_fragment, "traces that ended at a taken branch to an existing fragment's head")   \
  X(trace_ends_syscall, "traces that ended at a system call (gateway)")                           \
  X(trace_ends_length, "traces that ended at max_trace_blocks blocks (or 1024 instructions)")     \
  X(traces_abandoned, "trace recordings given up (a trap, a fetch fault, or no start at the head)")

struct Counters {
#define DYNAMO_COUNTER_FIELD(name, doc) uint64_t name = 0;
  DYNAMO_COUNTERS(DYNAMO_COUNTER_FIELD)
#undef DYNAMO_COUNTER_FIELD

  // Sends every counter to the simulator (dynsim_report_counter). Call right before the
  // application exits or Dynamo loses control of it.
  void Report() const;
};

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_COUNTERS_H
