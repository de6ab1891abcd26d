#include "dynamo/fragment_cache.h"

#include <dynsim/simcall.h>
#include <dynsim/syscall.h>
#include <dynsim/unistd_nr.h>

#include "dynamo/emitter.h"
#include "dynamo/machine.h"
#include "dynamo/switch_profile.h"

namespace dynamo {
namespace {

constexpr long kProtReadWriteExec = 7;

}  // namespace

bool FragmentCache::Init(const BootConfig& config, uint32_t line_bytes, AppContext* ctx, Counters* counters) {
  ctx_ = ctx;
  counters_ = counters;
  line_bytes_ = line_bytes;
  uint32_t bytes = config.fragment_cache_kb * 1024u;
  if (bytes > kMaxBytes) bytes = kMaxBytes;
  capacity_words_ = bytes / 4;
  fifo_ = config.flush_policy == kFlushFifo;
  // fifo may grow the cache: the whole area it may grow to is executable from the start.
  if (fifo_ && config.fifo_max_kb * 1024u > bytes) bytes = config.fifo_max_kb * 1024u > kMaxBytes ? kMaxBytes : config.fifo_max_kb * 1024u;
  max_capacity_words_ = bytes / 4;
  options_.inline_indirect = config.inline_indirect != 0;
  options_.exit_routine = reinterpret_cast<uint32_t>(&dynamo_fragment_exit);
  options_.lookup_routine = reinterpret_cast<uint32_t>(config.count_lookups ? &dynamo_lookup_counting : &dynamo_lookup);
  options_.lookup_counter = config.count_lookups ? CTX_ABS(CTX_LOOKUPS) : 0;
  options_.propagate_constants = config.optimize >= kOptimizeConservative;
  options_.stack_slots = config.stack_slots != 0;
  options_.private_stack_slots = config.optimize >= kOptimizeAggressive;
  options_.close_loops = config.close_loops != 0;
  options_.jump_table_entries = config.jump_tables ? &JumpTables::TranslatableEntries : nullptr;
  options_.switch_varies = &SwitchProfile::SiteVaries;
  options_.chain_slots = config.indirect_chain_samples ? config.indirect_chain_slots : 0;
  chains_.Init(config.indirect_chain_samples, config.indirect_chain_min_percent, line_bytes, counters);
  the_switch_profile.SetMinChangePercent(config.jump_table_min_change_percent);
  const uint32_t lo = reinterpret_cast<uint32_t>(code_), hi = lo + bytes;
  // Every stub must reach the routines with b,l (22 bits).
  const uint32_t routines[] = {options_.exit_routine, options_.lookup_routine};
  for (uint32_t routine : routines)
    if (!emit::FitsBranch22(static_cast<int32_t>(routine - lo)) || !emit::FitsBranch22(static_cast<int32_t>(routine - hi)))
      return false;
  if (__dynsim_syscall3(__NR_mprotect, lo, bytes, kProtReadWriteExec) != 0) return false;
  dynsim_announce_region("fragment_cache", lo, hi);
  linker_.Init(config.linking != 0, config.link_branches != 0, line_bytes, counters);
  lookup_.Init(config.lookup_table_entries, ctx);
  options_.lookup_table = lookup_.address();
  options_.lookup_index_bits = lookup_.index_bits();
  used_words_ = count_ = sources_used_ = app_words_used_ = 0;
  oldest_ = live_words_ = tombstones_ = 0;
  counters_->cache_capacity_bytes = capacity_words_ * 4;
  if (fifo_) InitFifo(config);
  jump_tables_.Clear();
  delivery_exit_count_ = delivery_loop_count_ = 0;
  for (uint32_t& s : slots_) s = kNone;
  for (uint32_t& w : line_filter_) w = 0;
  flush_policy_.Init(config, machine::ReadControl(16));
  return true;
}

const Fragment* FragmentCache::Find(AppPc pc) const {
  for (uint32_t i = Hash(pc.addr());; i = (i + 1) & (kSlots - 1)) {
    const uint32_t f = slots_[i];
    if (f == kNone) return nullptr;
    if (f != kDeleted && fragments_[f].head == pc) return &fragments_[f];
  }
}

void FragmentCache::Flush(FlushCause cause) {
  // What the fragments used, not whole tables: a small cache flushes often.
  for (uint32_t k = 0; k < count_; ++k) {
    slots_[Nth(k).slot] = kNone;
    lookup_.Remove(Nth(k).head, Nth(k).entry);
  }
  if (tombstones_)
    for (uint32_t& slot : slots_) slot = kNone;
  for (uint32_t& w : line_filter_) w = 0;
  used_words_ = count_ = sources_used_ = app_words_used_ = 0;
  oldest_ = live_words_ = tombstones_ = 0;
  code_space_.Reset();
  source_space_.Reset();
  app_word_space_.Reset();
  exit_space_.Reset();
  jump_tables_.Clear();
  chains_.Clear();
  linker_.Clear();
  ++counters_->cache_flushes;
  if (cause == FlushCause::kFull) ++counters_->flushes_full;
  if (cause == FlushCause::kRateSpike) ++counters_->flushes_rate_spike;
  if (cause == FlushCause::kGrow) ++counters_->fifo_resizes;
  flush_policy_.Flushed(machine::ReadControl(16));
}

const Fragment* FragmentCache::Add(const Trace& trace) {
  if (Contains(trace.head)) return nullptr;  // cannot happen: the monitor checks first
  if (fifo_) return AddFifo(trace);
  if (flush_policy_.FlushBeforeCreating(machine::ReadControl(16)) && count_ > 0) Flush(FlushCause::kRateSpike);
  BuildStatus status = BuildStatus::kEmpty;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (count_ == kMaxFragments || sources_used_ + trace.length > kMaxSources) Flush(FlushCause::kFull);
    const CodeSpace space{code_ + used_words_, reinterpret_cast<uint32_t>(code_ + used_words_),
                          capacity_words_ - used_words_};
    status = BuildFragment(trace, options_, space, &built_);
    if (status == BuildStatus::kOk && built_.exit_count > linker_.free_exits()) status = BuildStatus::kNoSpace;
    if (status != BuildStatus::kNoSpace || count_ == 0) break;
    Flush(FlushCause::kFull);  // it does not fit beside the others: start afresh
  }
  if (status == BuildStatus::kEmpty) {
    ++counters_->traces_unbuildable;
    return nullptr;
  }
  if (status == BuildStatus::kNoSpace) {
    ++counters_->traces_too_big;
    return nullptr;
  }
  code_at_ = used_words_;
  sources_at_ = sources_used_;
  app_words_at_ = app_words_used_;
  room_ = capacity_words_ - used_words_;
  Fragment& f = Install(trace, count_++);
  used_words_ += f.words;
  sources_used_ += f.source_count;
  app_words_used_ += f.app_word_count;
  if (used_words_ * 4 > counters_->cache_peak_bytes) counters_->cache_peak_bytes = used_words_ * 4;
  return &f;
}

Fragment& FragmentCache::Install(const Trace& trace, uint32_t index) {
  Fragment& f = fragments_[index];
  f.head = trace.head;
  f.entry = CachePc(reinterpret_cast<uint32_t>(code_ + code_at_));
  f.words = built_.words;
  f.live = true;
  // Exit records, and their addresses in the stubs' record words.
  f.first_exit = linker_.next_index();
  f.exit_count = built_.exit_count;
  for (uint32_t k = 0; k < built_.exit_count; ++k) {
    const BuiltExit& b = built_.exits[k];
    Exit* e = linker_.Allocate();
    *e = Exit{b.target, f.entry.plus_words(static_cast<int32_t>(b.stub)), Linker::kNone,
              static_cast<uint16_t>(index), b.kind, 0, b.branch_words, b.branch, 0};
    code_[code_at_ + b.stub + 3] = reinterpret_cast<uint32_t>(e);
  }
  // What it was made from, for the application's FICs.
  f.first_source = sources_at_;
  f.source_count = built_.insns;
  for (uint32_t k = 0; k < built_.insns; ++k) {
    const uint32_t pc = trace.insns[k].pc.addr();
    sources_[sources_at_ + k] = pc;
    line_filter_[LineKey(pc) / 32] |= 1u << (LineKey(pc) % 32);
  }
  // Where its application instructions are, for rectifying a signal's context.
  f.first_app_word = app_words_at_;
  f.app_word_count = built_.app_word_count;
  for (uint32_t k = 0; k < built_.app_word_count; ++k) {
    const BuiltAppWord& w = built_.app_words[k];
    app_words_[app_words_at_ + k] = AppWordRecord{w.pc, w.next, w.spilled, w.other, static_cast<uint16_t>(w.word),
                                                  w.next_kind};
  }
  f.table_word = built_.jump_table_count ? built_.jump_tables[0].word : 0;
  f.table_words = 0;
  for (uint32_t k = 0; k < built_.jump_table_count; ++k) f.table_words += built_.jump_tables[k].words;
  for (uint32_t k = 0; k < built_.chain_site_count; ++k) {
    const BuiltChainSite& site = built_.chain_sites[k];
    linker_.at(f.first_exit + site.exit).chain_site = static_cast<uint16_t>(chains_.Add(site, f.entry));
  }
  AddLoopStub(f, index);
  live_words_ += f.words;
  emit::PublishCode(f.entry.addr(), f.words * 4, line_bytes_);
  uint32_t slot = Hash(f.head.addr());
  while (slots_[slot] != kNone && slots_[slot] != kDeleted) slot = (slot + 1) & (kSlots - 1);
  if (slots_[slot] == kDeleted) --tombstones_;
  slots_[slot] = index;
  f.slot = slot;
  lookup_.Insert(f.head, f.entry);
  jump_tables_.FragmentAdded(f.head, f.entry);
  for (uint32_t k = 0; k < built_.jump_table_count; ++k)
    jump_tables_.Add(built_.jump_tables[k], f.entry, *this);
  // Links both ways: its exits to fragments that exist, and exits waiting for its head.
  for (uint32_t k = 0; k < f.exit_count; ++k) {
    const uint32_t x = f.first_exit + k;
    Exit& e = linker_.at(x);
    if (e.kind != ExitKind::kBranch) continue;
    linker_.Register(x);
    if (const Fragment* to = Find(e.target)) linker_.Link(&e, to->entry);
  }
  linker_.LinkIncoming(f.head, f.entry);
  ++counters_->fragments;
  counters_->fragment_instructions += built_.insns;
  counters_->fragment_bytes += f.words * 4;
  counters_->fragment_exits += built_.exit_count;
  counters_->indirect_folded += built_.folded;
  counters_->indirect_inline_lookups += built_.inline_lookups;
  counters_->jump_tables += built_.jump_table_count;
  counters_->fragment_loops += built_.loops;
  if (built_.insns < trace.length) ++counters_->traces_cut;
  return f;
}

// A fragment whose last branch loops to its own first word never reaches an exit stub
// while the loop runs; for a signal's delivery that branch is sent to a stub of its own,
// placed after the fragment, which leaves to Dynamo at the head (kStop: Dynamo re-enters
// the fragment once the handler has run). Without room or reach the loop keeps running
// and the signal waits for the loop's exit.
void FragmentCache::AddLoopStub(Fragment& f, uint32_t index) {
  f.loop_branch = f.loop_stub = kNoLoop;
  if (!built_.loops || f.words + 4 > room_ || !linker_.free_exits()) return;
  const int32_t disp = static_cast<int32_t>((f.words - built_.loop_branch) * 4) - 8;
  if (!emit::FitsCondBranch(disp)) return;
  uint32_t* stub = code_ + code_at_ + f.words;
  const uint32_t stub_addr = reinterpret_cast<uint32_t>(stub);
  Exit* e = linker_.Allocate();
  *e = Exit{f.head, CachePc(stub_addr), Linker::kNone, static_cast<uint16_t>(index), ExitKind::kStop, 0};
  stub[0] = emit::Stw(2, CTX_ABS(CTX_GR + 4 * 2), 0);
  stub[1] = emit::BranchLinkR2(static_cast<int32_t>(options_.exit_routine - (stub_addr + 4 + 8)));
  stub[2] = emit::Stw(1, CTX_ABS(CTX_GR + 4 * 1), 0);
  stub[3] = reinterpret_cast<uint32_t>(e);
  f.loop_branch = built_.loop_branch;
  f.loop_stub = f.words;
  f.words += 4;
  ++f.exit_count;
}

void FragmentCache::Delete(Fragment& f) {
  linker_.UnlinkIncoming(f.head);
  linker_.Retire(f.first_exit, f.exit_count);
  lookup_.Remove(f.head, f.entry);
  jump_tables_.FragmentDeleted(f.entry, f.words);
  chains_.FragmentDeleted(f.entry, f.words);
  for (uint32_t i = Hash(f.head.addr());; i = (i + 1) & (kSlots - 1)) {
    if (slots_[i] == kNone) break;
    if (slots_[i] != kDeleted && &fragments_[slots_[i]] == &f) {
      slots_[i] = kDeleted;
      ++tombstones_;
      break;
    }
  }
  f.live = false;
  live_words_ -= f.words;
}

void FragmentCache::InvalidateLine(uint32_t addr) {
  const uint32_t key = LineKey(addr);
  if (!(line_filter_[key / 32] & (1u << (key % 32)))) return;
  const uint32_t line = addr & ~(line_bytes_ - 1);
  for (uint32_t i = 0; i < count_; ++i) {
    Fragment& f = Nth(i);
    if (!f.live) continue;
    for (uint32_t k = 0; k < f.source_count; ++k) {
      if ((sources_[f.first_source + k] & ~(line_bytes_ - 1)) == line) {
        Delete(f);
        ++counters_->fragments_deleted;
        break;
      }
    }
  }
}

}  // namespace dynamo
