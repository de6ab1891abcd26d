// Dynamo's event counters, reported to the simulator when the application exits (they land
// in the stats group guest.counters as "dynamo.NAME"). Each counter is declared once, in
// DYNAMO_COUNTERS, with its meaning.
#ifndef DYNSIM_DYNAMO_COUNTERS_H
#define DYNSIM_DYNAMO_COUNTERS_H

#include <stdint.h>

namespace dynamo {

#define DYNAMO_COUNTERS(X)                                                                          \
  X(interpreted_instructions, "application instructions the interpreter executed (nullified ones excluded)") \
  X(nullified_instructions, "application instructions the interpreter skipped because PSW[N] was set") \
  X(syscalls, "application system calls Dynamo made on the application's behalf")                  \
  X(sigactions, "application rt_sigaction calls Dynamo intercepted (its own handler goes to the OS)") \
  X(signal_calls, "application signal system calls Dynamo performed itself (masks, pending sets, sigaltstack, sigsuspend)") \
  X(signals_arrived, "signals the OS delivered to Dynamo's own handler") \
  X(signals_synchronous, "synchronous signals (faults, traps) raised by application instructions, in fragment code or interpreted") \
  X(signal_rectifications, "synchronous signals in fragment code whose context Dynamo rectified to the application's") \
  X(signals_delivered, "signal frames Dynamo built for application handlers (each handler then runs under Dynamo)") \
  X(signals_async_delivered, "asynchronous signals delivered to application handlers (the latency counters' population)") \
  X(signal_latency_sum, "cr16 cycles from each asynchronous signal's arrival in Dynamo to its frame, summed") \
  X(signal_latency_max, "the longest of those delays, cr16 cycles") \
  X(signal_unlinks, "links removed so that the fragment running when a signal arrived leaves for Dynamo (loop branches included)") \
  X(signal_relinks, "links restored after the delivery") \
  X(sigreturns, "application rt_sigreturn calls Dynamo performed (a handler returned)") \
  X(gateway_calls, "application gateway calls of any kind (system calls, light-weight calls, set thread pointer)") \
  X(trace_head_candidates, "taken backward direct branches interpreted (their targets are trace-head candidates)") \
  X(decode_misses, "instructions the interpreter decoded (misses in its decoded-instruction cache)") \
  X(code_flushes, "fic instructions the application executed (each drops decoded copies of one line)") \
  X(native_transfers, "synchronous signals Dynamo left to the OS's default action (raised in Dynamo's own code, so no application context to rectify)") \
  X(native_transfer_pc, "the pc of the last of them (0: none)") \
  X(hot_trace_heads, "trace-head candidates that reached hot_threshold (each starts a trace recording)") \
  X(fragment_head_reached, "taken backward branches interpreted whose target heads a fragment (Dynamo enters it)") \
  X(exit_target_candidates, "fragment exits and lookup misses to an app pc that heads no fragment (trace-head candidates)") \
  X(fragments, "fragments built into the fragment cache")                                         \
  X(fragment_instructions, "application instructions the fragments built were made from")        \
  X(fragment_bytes, "fragment-cache bytes of the fragments built (bodies, exit blocks and stubs)") \
  X(fragment_exits, "exit stubs of the fragments built")                                          \
  X(traces_cut, "traces built only in part (the fragment ends before an instruction Dynamo must interpret)") \
  X(traces_unbuildable, "traces of which nothing could be built (their head is then never recorded again)") \
  X(cache_flushes, "times the fragment cache was flushed whole, for any cause (full, rate spike, FIFO growth)")          \
  X(flushes_full, "whole-cache flushes because a new fragment did not fit")                       \
  X(cache_peak_bytes, "the most fragment-cache bytes in use at once (bodies, exit blocks and stubs)") \
  X(flushes_rate_spike, "pre-emptive whole-cache flushes on a sharp rise of the fragment creation rate (flush_policy: preemptive)") \
  X(traces_too_big, "traces whose fragment is larger than the whole fragment cache (dropped)")   \
  X(fragments_deleted, "fragments deleted because the application flushed (FIC) code they were made from (evictions are fragments_evicted)") \
  X(cache_entries, "times Dynamo entered the fragment cache (a context switch into fragment code)") \
  X(exits_branch, "fragment exits to Dynamo through a direct exit stub (unlinked exits)")        \
  X(exits_stop, "fragment exits before an instruction Dynamo interprets (system calls, FIC, ...)") \
  X(exits_lookup_miss, "indirect branches that missed the lookup table and exited to Dynamo")    \
  X(links, "exit stubs patched to branch straight to their target fragment")                     \
  X(links_direct, "linked exits whose branch into the stub was re-targeted at the target fragment itself (link_branches)") \
  X(links_out_of_reach, "links not made because the target was beyond a 17-bit branch")         \
  X(unlinks, "linked exits restored to their stubs (their target fragment was deleted)")          \
  X(lookup_hits, "indirect branches whose target the lookup found in the table (counted with count_lookups)") \
  X(inline_misses, "indirect branches whose target differed from the one inlined on the trace and from their chain's (counted with count_lookups)") \
  X(indirect_folded, "indirect branches built into fragments as nothing but their delay slot (target known: optimize)") \
  X(fragment_loops, "fragments whose last branch loops straight back to their first word (close_loops)") \
  X(indirect_inline_lookups, "indirect branches built with the table probe inline in fragment code")  \
  X(jump_tables, "switches built as translated jump tables (jump_tables)")                        \
  X(chain_sites, "indirect branches built with chain slots before their inline probe (indirect_chain_slots)") \
  X(chain_samples, "misses of chain sites still learning, each an exit to Dynamo with its target (indirect_chain_samples)") \
  X(chain_slots_filled, "chain slots filled with a compare and a direct branch to a target's fragment") \
  X(bailouts, "times Dynamo bailed out to native execution (Dynamo's share of the time stayed high)") \
  X(bailout_cycle, "the cr16 cycle of the bail-out (0: none)")                                    \
  X(bailout_ratio_percent, "Dynamo's cycles per 100 fragment-cache cycles in the interval that decided the bail-out") \
  X(lookup_inserts, "lookup-table entries refilled after a miss on a target that heads a fragment") \
  X(trace_ends_backward, "traces that ended at a backward taken branch")                        \
  X(trace_ends_fragment, "traces that ended at a taken branch to an existing fragment's head")   \
  X(trace_ends_syscall, "traces that ended at a system call (gateway)")                           \
  X(trace_ends_length, "traces that ended at max_trace_blocks blocks (or 1024 instructions)")     \
  X(traces_abandoned, "trace recordings given up (a trap, a fetch fault, or no start at the head)") \
  X(fragments_evicted, "fragments deleted to make room for a new one, oldest first (flush_policy: fifo)") \
  X(fifo_regenerated, "fragments created while the cache was full whose head had been evicted before (flush_policy: fifo)") \
  X(fifo_resizes, "times the fragment cache doubled because too many new fragments regenerated evicted ones (flush_policy: fifo; each empties it)") \
  X(cache_capacity_bytes, "the fragment cache's capacity at the end (fragment_cache_kb, or more after fifo_resizes)")

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
