// The fragment builder (paper section 2, "fragment formation"): straightens a recorded
// trace into fragment code, a single-entry, multiple-exit block laid out in the order the
// trace executed, written with the emitter's encodings.
//
// What each recorded instruction becomes:
//   - an ordinary instruction: itself, verbatim (so a condition that nullifies the next
//     instruction still nullifies the same next instruction);
//   - a conditional branch: the same branch (same registers, so ADDB/MOVB still write), its
//     condition negated if the trace followed the taken side, to an exit block placed after
//     the body that ends in an exit stub to the off-trace app pc. A delay slot that runs on
//     both sides stays in place under a branch without ,n, and the block is the bare stub;
//     otherwise the branch has ,n and a forward target: the on-trace side falls through into
//     its delay slot, and the block runs the delay slot first if that side runs it. A bare
//     block's branch is what linking re-targets (linker.h). One whose target is the instruction after
//     its delay slot (`bb,<,n r,.+8`: it only decides whether the delay slot runs) is
//     copied verbatim with its delay slot;
//   - an unconditional direct branch: dropped; a link register gets the app return address
//     (ldil/ldo), and the delay slot stays unless ,n nullified it;
//   - an indirect branch whose target register the optimizer knows holds the recorded
//     target (optimizer_constants.h: a return whose call is on the trace): its link and
//     delay slot only;
//   - `bv %r0(rX)` or `bve (rX)` (X not r1) whose delay slot leaves rX alone: the delay slot
//     first, then, with inline_indirect, a compare of rX itself with the recorded target
//     (r1 spilled: `addil`, `ldo`, `cmpib`); equal falls through on the trace, unequal goes
//     to a block that probes the lookup table inline and jumps to the fragment found, or
//     leaves through a lookup exit stub. Without inline_indirect the fragment ends in that
//     probe. With chain_slots, the block starts with that many empty slots for the
//     compares the site may grow (BuiltChainSite, indirect_chains.h);
//   - `bv,n %r0(rX)` (or `bv` with a delay slot that leaves rX and rI alone) right after
//     `ldw,s rI(rB),rX`, rB a known constant: a switch. With jump_table_entries saying
//     the table is read-only, and switch_varies saying the bv's target kept changing while
//     interpreted, the fragment ends in a translated table of its own (after the
//     application's load, so rX is the application's): r1 spilled, `cmpiclr,>>` of rI
//     against the table's length over a `b,n` to the inline probe of rX (left out where
//     rI is an unsigned extract no longer than the table: its words past the translated
//     ones stay the probe), then `addil`,
//     `ldo`, `ldw,s rI(r1),r1`, `bv r0(r1)` with r1 reloaded in its delay slot. A word of
//     the table is the probe until the fragment cache knows the fragment it leads to
//     (BuiltJumpTable);
//   - any other indirect branch (bv with an index, bve,l, blr): its target computed into r1
//     (the app's r1 spilled to the context), the link written, then, with inline_indirect, a
//     compare with the target seen while recording: equal falls through on the trace,
//     unequal goes to a block that runs the delay slot and calls the lookup routine
//     (lookup_routine.S). Without inline_indirect the fragment ends in that call;
//   - an instruction whose condition may nullify a branch or an instruction Dynamo must
//     interpret: split into a two-way branch on its condition (it, its condition negated
//     when the trace went on, then b,n to an exit), so every unit below starts plain;
//   - a system call, FIC, BREAK or an instruction the builder does not handle (BE, B,GATE,
//     a branch in a delay slot): the fragment ends before it with an exit that hands it to
//     the interpreter (ExitKind::kStop).
// The fragment ends with an exit stub to where the trace went on (ExitKind::kBranch), except
// that a trace whose last branch is a conditional one taken back to its head keeps that
// branch, re-targeted to the fragment's first word (a loop that stays in the fragment with
// its own prediction), and the final exit is its fall-through.
//
// An exit stub (4 words): `stw %r2,APP(2)` (the word the linker replaces by `b,n fragment`),
// `b,l dynamo_fragment_exit,%r2`, `stw %r1,APP(1)` (the delay slot), and the record word
// (the address of its Exit, filled in by the fragment cache).
//
// Freestanding and free of Dynamo's globals: the host's tests build fragments too.
#ifndef DYNSIM_DYNAMO_FRAGMENT_BUILDER_H
#define DYNSIM_DYNAMO_FRAGMENT_BUILDER_H

#include <stdint.h>

#include "dynamo/trace.h"

namespace dynamo {

enum class ExitKind : uint8_t {
  kBranch,  // to an app pc that may head a fragment: linkable, a trace-head candidate
  kStop,    // to an instruction Dynamo must interpret (a system call, FIC, ...)
  kLookup,  // the lookup routine missed (its one record: lookup.h)
};

struct BuildOptions {
  bool inline_indirect;
  uint32_t exit_routine;    // dynamo_fragment_exit's address
  uint32_t lookup_routine;  // dynamo_lookup's address (or dynamo_lookup_counting)
  // The lookup table (lookup.h) for the probe inlined in fragment code, and log2 of its
  // entries; 0: every lookup calls the routine. (No initializers: the fragment cache is
  // static data without a constructor; members left out of a braced list are 0.)
  uint32_t lookup_table;
  uint32_t lookup_index_bits;
  uint32_t lookup_counter;    // the context word an inline probe counts in; 0: none
  bool propagate_constants;  // optimize: conservative (optimizer_constants.h)
  bool stack_slots;          // ... through the trace's stack slots (optimizer_stack_slots.h)
  bool private_stack_slots;  // optimize: aggressive: other stores leave those slots alone
  bool close_loops;          // a trace's last branch back to its head targets word 0
  // Jump tables (Builder::JumpTable): how many leading words of the table at `table` are
  // code addresses near `branch_pc` in memory that cannot change (read-only), at most
  // kMaxJumpTableEntries; 0 or 1: no table. Null: no jump tables.
  uint32_t (*jump_table_entries)(uint32_t table, uint32_t branch_pc);
  // False: the switch's `bv` at branch_pc kept its target while interpreted, so it keeps
  // the compare with its recorded target instead of a table (nullptr: always true).
  bool (*switch_varies)(uint32_t branch_pc);
  // Chain slots in the miss block of each inline compare of `bv rX` (BuiltChainSite,
  // indirect_chains.h), at most kMaxChainSlots; 0: none.
  uint32_t chain_slots;
};

constexpr uint32_t kMaxChainSlots = 4;
constexpr uint32_t kChainSlotWords = 5;

constexpr uint32_t kMaxJumpTableEntries = 256;

// Where the fragment's code goes: `capacity` words at `code`, which is at cache address
// `addr` (branch displacements to the routines depend on it).
struct CodeSpace {
  uint32_t* code;
  uint32_t addr;
  uint32_t capacity;
};

// The branch that leads to an exit stub, which linking may re-target at the target fragment
// itself (linker.h, "direct links").
enum class StubBranch : uint8_t {
  kNone,    // the stub is reached by falling into it, or through a block that runs a delay slot
  kCond,    // a conditional branch (12-bit displacement)
  kUncond,  // b,n (17-bit displacement)
};

struct BuiltExit {
  uint32_t stub;    // word index of the stub's first word (the link's patch site)
  AppPc target;
  ExitKind kind;
  StubBranch branch;
  uint16_t branch_words;  // the stub's distance after that branch, in words
};

// Where the application's queue goes after a copied application instruction, so that a
// signal raised by it can be given the application's own IAOQ back (signals.h,
// "rectification"; PA-RISC 2.0 manual, "the IA queue"): the instruction's own pc + 4, a
// pc fixed when the fragment was built (a delay slot: the side of its branch this copy
// runs on), the indirect target stored in the context (a delay slot in the lookup call),
// a register (a delay slot run before the inline compare of `bv rX`), or the fragment's
// loop branch's outcome (its delay slot: the head if the branch went back), or a kept
// conditional branch's outcome (a delay slot left in place under a branch without ,n:
// `next` if the code goes on to the next word, `other`, the off-trace pc, if not).
enum class AppNext : uint8_t { kSequential, kFixed, kIndirectTarget, kRegister, kLoop, kBranchOutcome };

// One application instruction copied into fragment code, at word `word`. `spilled`: the
// registers whose application value is in the context's slot there, not in the register
// (a builder that placed an application instruction inside one of its spill windows would
// say so here; none does today).
struct BuiltAppWord {
  uint32_t word;
  AppPc pc;
  uint32_t next;  // kFixed, kBranchOutcome: the app pc; kRegister: the register
  AppNext next_kind;
  uint32_t spilled;
  uint32_t other;  // kBranchOutcome: the app pc off the trace
};

// A switch's jump table translated into the fragment: `words` words at word `word`, word
// k the cache address the index k goes to (for the first `entries`, the fragment whose
// head is the application table's word k, once the fragment cache knows one), initially
// word `probe`, the inline probe of the branch's register.
struct BuiltJumpTable {
  uint32_t word;
  uint32_t entries;
  AppPc table;  // the application's table
  uint32_t probe;
  uint32_t words;  // entries, or more when the index, bounded, reaches past them
};

// The miss block of an inline compare of `bv rX` with chain slots (indirect_chains.h):
// the compare `cmpib,<<,n 3,%r1` at word `compare`, `slots` slots of kChainSlotWords
// no-ops from word `word`, then the inline probe at word `probe`, whose miss path from
// word `learn` on (rX stored for the lookup, r1 restored) leaves through exit `exit`. As
// built the compare goes to the probe; it reaches `learn` too.
struct BuiltChainSite {
  uint32_t compare;
  uint32_t word;
  uint32_t slots;
  uint32_t probe;
  uint32_t learn;
  uint32_t exit;  // index in BuiltFragment::exits
  uint32_t reg;   // X
};

struct BuiltFragment {
  static constexpr uint32_t kMaxExits = 1024;
  static constexpr uint32_t kMaxAppWords = 2 * Trace::kMaxTraceInsns;
  uint32_t words;       // code words written
  uint32_t insns;       // trace instructions the fragment covers (a prefix of the trace)
  uint32_t exit_count;  // stubs, in exits[]
  uint32_t folded;          // indirect branches reduced to their delay slot
  uint32_t inline_lookups;  // indirect branches probing the table inline
  uint32_t loops;           // 1 if the last branch loops to the fragment's first word
  uint32_t loop_branch;     // with loops: the word of that branch
  static constexpr uint32_t kMaxJumpTables = 8;
  uint32_t jump_table_count;
  BuiltJumpTable jump_tables[kMaxJumpTables];
  static constexpr uint32_t kMaxChainSites = 64;
  uint32_t chain_site_count;
  BuiltChainSite chain_sites[kMaxChainSites];
  BuiltExit exits[kMaxExits];
  uint32_t app_word_count;  // in app_words[], by increasing word
  BuiltAppWord app_words[kMaxAppWords];
};

enum class BuildStatus : uint8_t {
  kOk,
  kNoSpace,  // the code does not fit in the space given
  kEmpty,    // nothing of the trace can run from the cache (it starts with a stop)
};

BuildStatus BuildFragment(const Trace& trace, const BuildOptions& options, const CodeSpace& space,
                          BuiltFragment* out);

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_FRAGMENT_BUILDER_H
