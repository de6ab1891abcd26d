#include "dynamo/jump_tables.h"

#include "dynamo/fragment_cache.h"
#include "dynamo/machine.h"
#include "dynamo/writable_pages.h"
#include "isa/step.h"

namespace dynamo {

void JumpTables::Add(const BuiltJumpTable& built, CachePc entry, const FragmentCache& cache) {
  if (count_ == kMaxTables) return;
  Table& t = tables_[count_++];
  t = Table{reinterpret_cast<uint32_t*>(entry.addr()) + built.word, built.entries, built.table.addr(),
            entry.addr() + built.probe * 4};
  for (uint32_t k = 0; k < t.entries; ++k)
    if (const Fragment* f = cache.Find(AppPc(Target(t, k)))) t.words[k] = f->entry.addr();
}

void JumpTables::FragmentAdded(AppPc head, CachePc entry) {
  for (uint32_t n = 0; n < count_; ++n) {
    const Table& t = tables_[n];
    for (uint32_t k = 0; k < t.entries; ++k)
      if (Target(t, k) == head.addr()) t.words[k] = entry.addr();
  }
}

void JumpTables::FragmentDeleted(CachePc entry, uint32_t words) {
  const uint32_t begin = entry.addr(), bytes = words * 4;
  for (uint32_t n = 0; n < count_;) {
    Table& t = tables_[n];
    if (reinterpret_cast<uint32_t>(t.words) - begin < bytes) {
      t = tables_[--count_];  // inside the fragment: gone with it
      continue;
    }
    for (uint32_t k = 0; k < t.entries; ++k)
      if (t.words[k] == entry.addr()) t.words[k] = t.probe;
    ++n;
  }
}

void JumpTables::Forget() {
  for (uint32_t n = 0; n < count_; ++n)
    for (uint32_t k = 0; k < tables_[n].entries; ++k) tables_[n].words[k] = tables_[n].probe;
  count_ = 0;
}

uint32_t JumpTables::TranslatableEntries(uint32_t table, uint32_t branch_pc) {
  if (table & 3) return 0;
  uint32_t n = 0;
  for (; n < kMaxJumpTableEntries; ++n) {
    const uint32_t addr = table + 4 * n;
    // Once per page: readable, and a write would fault (writable_pages.h probes it).
    if ((n == 0 || (addr & 4095) == 0) && (!machine::Readable(addr) || writable_pages().Writable(addr))) break;
    const uint32_t target = *reinterpret_cast<const volatile uint32_t*>(addr);
    if ((target & 3) || target < isa::kGatewayPageEnd || target - branch_pc + 0x10000u >= 0x20000u) break;
  }
  return n;
}

}  // namespace dynamo
