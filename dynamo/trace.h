// A recorded trace (paper section 2): the instructions of one hot path, in the order the
// interpreter executed them from the head, as Interpreter::Record collected them. The
// fragment builder (fragment_builder.h) straightens it into fragment code.
#ifndef DYNSIM_DYNAMO_TRACE_H
#define DYNSIM_DYNAMO_TRACE_H

#include <stdint.h>

#include "dynamo/app_pc.h"

namespace dynamo {

// One recorded instruction of a trace.
struct TraceInsn {
  AppPc pc;
  uint32_t word;    // the instruction word as fetched
  bool nullified;   // PSW[N] skipped it on the recorded path
};

// How recording a trace ended (paper section 2: the end-of-trace conditions).
enum class TraceEnd : uint8_t {
  kBackward,   // a backward taken branch (the branch and its delay slot are on the trace)
  kFragment,   // a taken branch to an existing fragment's head
  kGateway,    // a system call: the gateway branch and its delay slot end the trace
  kLength,     // max_trace_blocks blocks, or kMaxTraceInsns instructions
  kAbandoned,  // a trap or fetch fault while recording: nothing is built
};

struct Trace {
  static constexpr uint32_t kMaxTraceInsns = 1024;
  AppPc head;       // (AppPc is trivial: Trace stays static data without a constructor)
  uint32_t length;  // instructions in insns
  uint32_t blocks;  // branch instructions on the trace
  TraceEnd end;
  // Where the application went after the last recorded instruction: the app pc at the
  // front of the queue, and whether the queue was plain there (back = front + 4: not
  // between a branch and its delay slot). PSW[N] there follows from the instruction before.
  AppPc next_pc;
  bool next_plain;
  TraceInsn insns[kMaxTraceInsns];
};

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_TRACE_H
