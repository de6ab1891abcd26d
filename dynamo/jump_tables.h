// Translated jump tables (fragment_builder.h, BuiltJumpTable): a switch's table of
// application targets becomes, inside the fragment that ends at the switch, a table of
// cache addresses indexed the same way, so that the switch costs a load and a `bv` as in
// the original code instead of a compare that mostly misses and a table probe (m88ksim's
// opcode dispatch). Each word leads to the fragment for its target once one exists, and
// to the fragment's inline probe of the target until then, so a word is always a correct
// place to go: the application's own load has put the target in its register.
//
// This keeps where the tables are, to keep their words right as fragments come and go:
//   - a new fragment: every table word whose target is its head leads to it;
//   - a deleted fragment: words leading to it go back to their probe, and tables inside
//     it are forgotten;
//   - a flush: the tables went with the cache;
//   - a system call that may change the application's mappings: the application's table
//     might become writable or be replaced, so every word goes back to its probe and
//     every table is forgotten (the builder only translates tables in read-only memory).
#ifndef DYNSIM_DYNAMO_JUMP_TABLES_H
#define DYNSIM_DYNAMO_JUMP_TABLES_H

#include <stdint.h>

#include "dynamo/app_pc.h"
#include "dynamo/fragment_builder.h"

namespace dynamo {

class FragmentCache;

class JumpTables {
 public:
  static constexpr uint32_t kMaxTables = 64;

  void Clear() { count_ = 0; }
  // The table `built` of a fragment just added at `entry`: its words lead to the fragments
  // `cache` has. Without room for it here, it stays all probe.
  void Add(const BuiltJumpTable& built, CachePc entry, const FragmentCache& cache);
  void FragmentAdded(AppPc head, CachePc entry);
  // `entry`'s fragment, whose code is the `words` words there, is being deleted.
  void FragmentDeleted(CachePc entry, uint32_t words);
  void Forget();

  // How many leading words of `table` a builder may translate (BuildOptions::
  // jump_table_entries): words in readable, read-only memory, each a code address within
  // 64 KiB of `branch_pc`.
  static uint32_t TranslatableEntries(uint32_t table, uint32_t branch_pc);

 private:
  struct Table {
    uint32_t* words;
    uint32_t entries;
    uint32_t app_table;
    uint32_t probe;  // the cache address every word starts at
  };
  static uint32_t Target(const Table& t, uint32_t k) {
    return *reinterpret_cast<const volatile uint32_t*>(t.app_table + 4 * k);
  }
  Table tables_[kMaxTables];
  uint32_t count_;
};

}  // namespace dynamo

#endif  // DYNSIM_DYNAMO_JUMP_TABLES_H
