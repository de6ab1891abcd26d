// The retire record: what the functional core tells a timing model about each slot of the
// instruction queue it retires, and nothing a timing model could use to change
// architectural state (DESIGN decision 5: functional and timing are separate).
//
// A core with no sink attached runs step functions that never build records, so the
// record costs nothing then; with a sink, every retired or nullified instruction yields
// exactly one record, in program order (trapping instructions retire nothing).
#ifndef DYNSIM_SIM_RETIRE_H
#define DYNSIM_SIM_RETIRE_H

#include <cstdint>

#include "isa/insn.h"
#include "isa/operands.h"

namespace dynsim {

struct RetireRecord {
  uint32_t pc = 0;           // address of the instruction (privilege bits masked)
  uint32_t gr_read = 0;      // bit r: general register r read (gr0 never listed)
  uint32_t gr_written = 0;   // bit r: general register r written
  uint32_t mem_addr = 0;     // effective address, when mem_size != 0
  uint32_t target = 0;       // taken branches: the new IAOQ back (with privilege bits); direct
                             // conditional branches: their target whether taken or not
  isa::Cls cls = isa::Cls::kNop;
  isa::BranchKind branch = isa::BranchKind::kNone;
  uint8_t mem_size = 0;      // bytes loaded or stored (0: no memory access)
  bool is_store = false;
  bool taken = false;        // a branch that changed the queue's course
  bool nullified = false;    // the slot was nullified: it took its place, did nothing
  // fdc / fic (cache maintenance): which cache, and the line's address in mem_addr
  // (mem_size stays 0: nothing is loaded or stored).
  enum class CacheFlush : uint8_t { kNone, kData, kInstruction } cache_flush = CacheFlush::kNone;
};

// Receives every slot's record and answers how many cycles the slot adds to the simulated
// clock (the clock is what the OS's timers and cr16 read, and what stats call cycles). A
// timing model may answer 0 (the slot retires in a cycle already counted) or many (a miss).
class RetireSink {
 public:
  virtual ~RetireSink() = default;
  virtual uint32_t Retire(const RetireRecord& record) = 0;
};

}  // namespace dynsim

#endif  // DYNSIM_SIM_RETIRE_H
