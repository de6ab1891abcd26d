// The boot block: what the simulator's loader hands Dynamo (dynamo/README.md, "Boot
// protocol"). Shared by the host loader (os_model/dynamo_loader.cc) and by Dynamo itself
// (start.cc), so it is plain C++ over <stdint.h> that compiles on both sides.
//
// Layout and invariants: every field is a 32-bit word (no padding, the same layout on the
// host and on the guest), stored big-endian in guest memory at Dynamo's ELF symbol
// `dynamo_boot`. Dynamo's image initializes the header (magic, version, size) and the
// placement of its low page; the loader checks those, maps the low page, and fills in the
// rest before the first instruction of Dynamo runs, then sets `loaded` to kBootLoaded.
#ifndef DYNSIM_DYNAMO_BOOT_H
#define DYNSIM_DYNAMO_BOOT_H

#include <stdint.h>

namespace dynamo {

constexpr uint32_t kBootMagic = 0x44594e4d;  // "DYNM"
constexpr uint32_t kBootVersion = 1;
constexpr uint32_t kBootLoaded = 0x4c4f4144;  // "LOAD"

// The application's registers at its entry, exactly as a native run would start it
// (machine/arch_state.h). FP registers are split into words so that no field is 64 bits wide.
struct BootAppState {
  uint32_t gr[32];
  uint32_t fr_hi[32];  // bits 63..32 of fr[i]
  uint32_t fr_lo[32];  // bits 31..0
  uint32_t sar;
  uint32_t iaoq_front;  // with the privilege bits (user = 3)
  uint32_t iaoq_back;
  uint32_t psw_n;  // 0 or 1
  uint32_t psw_cb;
  uint32_t psw_v;  // 0 or 1
};

// The validated Dynamo configuration (configs/dynamo/*.yaml, dynamo/config.h). Booleans
// are 0 or 1. Which mechanism uses each value is documented in dynamo/config.cc.
struct BootConfig {
  uint32_t hot_threshold;
  uint32_t fragment_cache_kb;
  uint32_t max_trace_blocks;
  uint32_t linking;
  uint32_t inline_indirect;
  uint32_t lookup_table_entries;
  uint32_t count_lookups;
  uint32_t trace_through_calls;
  uint32_t close_loops;
  uint32_t optimize;  // OptimizeLevel
  uint32_t stack_slots;
  uint32_t bailout;
  uint32_t bailout_interval_kcycles;
  uint32_t bailout_threshold_percent;
  uint32_t bailout_intervals;
  uint32_t link_branches;
  uint32_t flush_policy;  // FlushPolicyKind
  uint32_t flush_interval_kcycles;
  uint32_t flush_history_intervals;
  uint32_t flush_spike_factor;
  uint32_t flush_spike_fragments;
  uint32_t jump_tables;
  uint32_t jump_table_min_change_percent;
  uint32_t fifo_max_kb;
  uint32_t fifo_window;
  uint32_t fifo_regen_percent;
  uint32_t indirect_chain_slots;
  uint32_t indirect_chain_samples;
  uint32_t indirect_chain_min_percent;
};

// The `flush_policy` choices (flush_policy.h, fifo_cache.h).
enum FlushPolicyKind : uint32_t { kFlushOnFull = 0, kFlushPreemptive = 1, kFlushFifo = 2 };

// The `optimize` levels (the paper's classes, section 4).
enum OptimizeLevel : uint32_t { kOptimizeNone = 0, kOptimizeConservative = 1, kOptimizeAggressive = 2 };

// What the application's image occupies (its PT_LOAD segments' lowest and highest
// addresses, page-rounded) and where it starts.
struct BootAppImage {
  uint32_t entry;
  uint32_t lo;
  uint32_t hi;
};

// What Dynamo needs to know about the simulated machine.
struct BootMachine {
  uint32_t icache_line_bytes;  // the span one `fic` flushes (a power of two)
};

struct BootBlock {
  // Set by Dynamo's image; checked by the loader.
  uint32_t magic;          // kBootMagic
  uint32_t version;        // kBootVersion
  uint32_t size;           // sizeof(BootBlock)
  uint32_t context_addr;   // Dynamo's low page (the app context): page-aligned, below 0x2000
  uint32_t context_bytes;  // its size, a multiple of the page size
  // Set by the loader.
  uint32_t loaded;  // kBootLoaded once everything below is filled in
  BootAppState app;
  BootAppImage image;
  BootMachine machine;
  BootConfig config;
};

static_assert(sizeof(BootAppState) == 4 * (32 * 3 + 6), "boot words have no padding");
static_assert(sizeof(BootBlock) ==
                  4 * 6 + sizeof(BootAppState) + sizeof(BootAppImage) + sizeof(BootMachine) + sizeof(BootConfig),
              "boot words have no padding");

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_BOOT_H
