// `dynsim run --dump-fragments FILE`: every fragment Dynamo built, written when the
// fragment cache is flushed (the fragments that flush drops) and at the end of the run
// (the fragments still there):
//   fragment 1: head app pc 0x10008, built at cycle 4711, cache pc 0xc0089000, 9 words
// (then ", built from N of M trace instructions" when the fragment ends before its trace;
// a translated jump table's words show as "jump table: <fragment N: ...>" or "the probe")
//     trace (the application's code, as recorded):
//       0x00010008: 34840002  ldo 1(r4),r4
//     fragment code (as it stands in the cache, links included):
//       0xc0089000: 34840002  ldo 1(r4),r4
//       0xc0089004: ...       b,n c0089400 <fragment 2: app 0x10100>
// Branch targets name the fragment or the Dynamo function they reach, so a fragment's
// exits and their links read off its code. Like the debug flags, the dump watches from
// the host (the entry and return of FragmentCache::Add, Dynamo's store to
// counters.cache_flushes), so it costs the guest nothing.
#ifndef DYNSIM_SIM_FRAGMENT_DUMP_H
#define DYNSIM_SIM_FRAGMENT_DUMP_H

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "machine/arch_state.h"
#include "machine/memory.h"
#include "os_model/elf_loader.h"
#include "os_model/guest_os.h"
#include "sim/retire.h"

namespace dynsim {

class FragmentDumpSink final : public RetireSink {
 public:
  // `dynamo` is Dynamo's image with demangled names; `counters_addr` its counter block.
  FragmentDumpSink(RetireSink* inner, const SimClock* clock, const ArchState* state, const GuestMemory* memory,
                   const ElfImage* dynamo, uint32_t counters_addr, std::ostream* out);
  uint32_t Retire(const RetireRecord& r) override;
  // Writes the fragments still in the cache. Call once, at the end of the run.
  void Finish();

 private:
  struct TraceInsn {
    uint32_t pc, word;
    bool nullified;
  };
  struct Built {
    uint32_t number;    // in build order, from 1
    uint32_t record;    // the address of Dynamo's Fragment record
    uint32_t head, entry, words;
    uint32_t built_insns;  // the trace instructions the fragment was built from
    uint32_t table_word, table_words;  // its translated jump tables' words (data)
    uint64_t cycle;
    std::vector<TraceInsn> trace;
  };
  void OnAddEntry();
  void OnAddReturn();
  void Dump(const std::string& why);
  void DumpOne(const Built& f);
  uint32_t Word(uint32_t addr) const;
  std::string TargetName(uint32_t addr) const;

  RetireSink* inner_;
  const SimClock* clock_;
  const ArchState* state_;
  const GuestMemory* memory_;
  std::ostream* out_;
  const ElfImage* dynamo_;
  uint32_t add_entry_ = 0;
  uint32_t flush_counter_ = 0;  // the address of counters.cache_flushes' low word (0: none)
  // Between Add's entry and its return: where it returns to, and the trace it was given.
  bool in_add_ = false, returning_ = false;
  uint32_t return_pc_ = 0;
  Built pending_;
  std::vector<Built> built_;  // since the last flush
  std::map<uint32_t, const Built*> by_entry_;
  uint32_t count_ = 0, flushes_ = 0;
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_FRAGMENT_DUMP_H
