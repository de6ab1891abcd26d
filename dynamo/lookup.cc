#include "dynamo/lookup.h"

extern "C" {
dynamo::Exit dynamo_lookup_miss_exit = {dynamo::AppPc(), dynamo::CachePc(), dynamo::Linker::kNone, 0,
                                        dynamo::ExitKind::kLookup, 0};
}

namespace dynamo {

void LookupTable::Init(uint32_t entries, AppContext* ctx) {
  if (entries > kMaxEntries) entries = kMaxEntries;
  mask_ = entries - 1;
  ctx->lookup_mask = mask_;
  ctx->lookup_table = reinterpret_cast<uint32_t>(table_);
  ctx->lookups = 0;
  Clear();
}

void LookupTable::Clear() {
  for (uint32_t i = 0; i <= mask_; ++i) table_[i] = Entry{kEmpty, 0};
}

void LookupTable::RemoveKey(uint32_t key, uint32_t entry) {
  Entry& e = Slot(key);
  if (e.app_pc == key && e.entry == entry) e = Entry{kEmpty, 0};
}

void LookupTable::Remove(AppPc pc, CachePc entry) {
  RemoveKey(pc.addr(), entry.addr());
  RemoveKey(pc.addr() | kUserPrivilege, entry.addr());
}

uint32_t LookupTable::index_bits() const {
  uint32_t bits = 0;
  while ((1u << bits) <= mask_) ++bits;
  return bits;
}

}  // namespace dynamo
