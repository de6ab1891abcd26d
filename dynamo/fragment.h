// A fragment's record in the fragment cache (fragment_cache.h). Its own header, of 32-bit
// words and one byte only, so that the host reads the guest's records with the same layout
// (sim/fragment_dump.cc).
#ifndef DYNSIM_DYNAMO_FRAGMENT_H
#define DYNSIM_DYNAMO_FRAGMENT_H

#include <stdint.h>

#include "dynamo/app_pc.h"

namespace dynamo {

struct Fragment {
  AppPc head;
  CachePc entry;        // its first instruction
  uint32_t words;       // code words (body, exit blocks and stubs)
  uint32_t first_exit;  // its exits in the linker: [first_exit, first_exit + exit_count)
  uint32_t exit_count;
  uint32_t first_source;  // the app pcs it was made from, in sources_
  uint32_t source_count;
  uint32_t slot;          // its entry in the head table
  uint32_t first_app_word;  // where its application instructions sit, in app_words_
  uint32_t app_word_count;
  uint32_t loop_branch;     // the word of its branch back to word 0, or kNoLoop
  uint32_t loop_stub;       // the word of the stub that branch can be sent to, or kNoLoop
  uint32_t table_word;      // where its translated jump tables start (jump_tables.h)
  uint32_t table_words;     // and their words together, data not code (0: none)
  bool live;              // false once deleted
};

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_FRAGMENT_H
