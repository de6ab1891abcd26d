#include "dynamo/lookup.h"

extern "C" dynamo::Exit dynamo_lookup_miss_exit = {0, 0, dynamo::Linker::kNone, 0, dynamo::ExitKind::kLookup, 0};

namespace dynamo {

void LookupTable::Init(uint32_t entries, AppContext* ctx) {
  if (entries > kMaxEntries) entries = kMaxEntries;
  mask_ = entries - 1;
  ctx->lookup_mask = mask_;
  ctx->lookup_table = reinterpret_cast<uint32_t>(table_);
  ctx->lookup_hits = 0;
  Clear();
}

void LookupTable::Clear() {
  for (uint32_t i = 0; i <= mask_; ++i) table_[i] = Entry{kEmpty, 0};
}

void LookupTable::Remove(uint32_t app_pc, uint32_t entry) {
  Entry& e = Slot(app_pc);
  if (e.app_pc == app_pc && e.entry == entry) e = Entry{kEmpty, 0};
}

}  // namespace dynamo
