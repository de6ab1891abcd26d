#include "sim/fragment_dump.h"

#include <cstddef>
#include <cstdio>

#include "dynamo/fragment.h"
#include "dynamo/trace.h"
#include "isa/disasm.h"
#include "sim/dynamo_counters.h"

namespace dynsim {
namespace {

// dynamo::Trace and dynamo::TraceInsn hold 32-bit words, bytes and booleans only, so the
// host's layout of trace.h is the guest's.
constexpr uint32_t kTraceLength = offsetof(dynamo::Trace, length);
constexpr uint32_t kTraceInsns = offsetof(dynamo::Trace, insns);
constexpr uint32_t kTraceInsnSize = sizeof(dynamo::TraceInsn);
constexpr uint32_t kTraceInsnWord = offsetof(dynamo::TraceInsn, word);
constexpr uint32_t kTraceInsnNullified = offsetof(dynamo::TraceInsn, nullified);
// dynamo::Fragment (fragment.h): 32-bit words and one byte, the same layout on the host.
constexpr uint32_t kFragmentEntry = offsetof(dynamo::Fragment, entry);
constexpr uint32_t kFragmentWords = offsetof(dynamo::Fragment, words);
constexpr uint32_t kFragmentLive = offsetof(dynamo::Fragment, live);
constexpr uint32_t kFragmentSourceCount = offsetof(dynamo::Fragment, source_count);
constexpr uint32_t kFragmentTableWord = offsetof(dynamo::Fragment, table_word);
constexpr uint32_t kFragmentTableWords = offsetof(dynamo::Fragment, table_words);

std::string Hex(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%x", v);
  return buf;
}

}  // namespace

FragmentDumpSink::FragmentDumpSink(RetireSink* inner, const SimClock* clock, const ArchState* state,
                                   const GuestMemory* memory, const ElfImage* dynamo, uint32_t counters_addr,
                                   std::ostream* out)
    : inner_(inner), clock_(clock), state_(state), memory_(memory), out_(out), dynamo_(dynamo) {
  for (const ElfSymbol& s : dynamo->symbols)
    if (s.is_function && s.name == "dynamo::FragmentCache::Add") add_entry_ = s.addr;
  for (size_t i = 0; i < DynamoCounterDecls().size(); ++i)
    if (std::string(DynamoCounterDecls()[i].name) == "cache_flushes" && counters_addr)
      flush_counter_ = counters_addr + static_cast<uint32_t>(i) * 8 + 4;
}

uint32_t FragmentDumpSink::Retire(const RetireRecord& r) {
  if (!r.nullified && r.pc == add_entry_ && !in_add_) OnAddEntry();
  if (returning_) {
    returning_ = false;  // this is the return's delay slot: the result is in r28 now
    OnAddReturn();
  }
  // The return of Add: a taken branch back to its caller (a nested call returns elsewhere).
  if (in_add_ && r.taken && (r.target & ~3u) == return_pc_) returning_ = true;
  if (r.is_store && !r.nullified && flush_counter_ && r.mem_addr + r.mem_size == flush_counter_ + 4)
    Dump("flush " + std::to_string(++flushes_) + " at cycle " + std::to_string(clock_->cycles));
  return inner_->Retire(r);
}

uint32_t FragmentDumpSink::Word(uint32_t addr) const {
  uint8_t b[4] = {};
  memory_->ReadBytes(addr, b, 4);
  return uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 | b[3];
}

void FragmentDumpSink::OnAddEntry() {
  // Add(const Trace&): `this` in r26, the trace in r25; the caller's return address in r2.
  in_add_ = true;
  return_pc_ = state_->gr[2] & ~3u;
  const uint32_t trace = state_->gr[25];
  pending_ = Built{};
  pending_.head = Word(trace);
  pending_.cycle = clock_->cycles;
  const uint32_t length = std::min<uint32_t>(Word(trace + kTraceLength), dynamo::Trace::kMaxTraceInsns);
  for (uint32_t i = 0; i < length; ++i) {
    const uint32_t insn = trace + kTraceInsns + i * kTraceInsnSize;
    uint8_t nullified = 0;
    memory_->ReadBytes(insn + kTraceInsnNullified, &nullified, 1);
    pending_.trace.push_back({Word(insn), Word(insn + kTraceInsnWord), nullified != 0});
  }
}

void FragmentDumpSink::OnAddReturn() {
  in_add_ = false;
  const uint32_t record = state_->gr[28];  // const Fragment*, nullptr if nothing was built
  if (!record) return;
  pending_.number = ++count_;
  pending_.record = record;
  pending_.entry = Word(record + kFragmentEntry);
  pending_.words = Word(record + kFragmentWords);
  pending_.built_insns = Word(record + kFragmentSourceCount);
  pending_.table_word = Word(record + kFragmentTableWord);
  pending_.table_words = Word(record + kFragmentTableWords);
  built_.push_back(std::move(pending_));
}

std::string FragmentDumpSink::TargetName(uint32_t addr) const {
  auto f = by_entry_.find(addr);
  if (f != by_entry_.end())
    return "<fragment " + std::to_string(f->second->number) + ": app " + Hex(f->second->head) + ">";
  const ElfSymbol* s = SymbolAt(*dynamo_, addr);
  if (s && s->is_function && addr >= s->addr && addr - s->addr < std::max<uint32_t>(s->size, 1))
    return "<" + s->name + (addr == s->addr ? "" : "+" + Hex(addr - s->addr)) + ">";
  return "";
}

void FragmentDumpSink::DumpOne(const Built& f) {
  uint8_t live = 0;
  memory_->ReadBytes(f.record + kFragmentLive, &live, 1);
  *out_ << "fragment " << f.number << ": head app pc " << Hex(f.head) << ", built at cycle " << f.cycle
        << ", cache pc " << Hex(f.entry) << ", " << f.words << " words";
  // A fragment that ends before its trace does says where (traces_cut counts them): the
  // rest is left to the interpreter, or reached through the fragment's jump table.
  if (f.built_insns < f.trace.size()) *out_ << ", built from " << f.built_insns << " of " << f.trace.size() << " trace instructions";
  *out_ << (live ? "" : " (deleted: its code was flushed by the application)") << "\n";
  isa::Symbolizer sym{[](void* ctx, uint32_t addr, char* buf, size_t size) -> size_t {
                        const std::string name = static_cast<const FragmentDumpSink*>(ctx)->TargetName(addr);
                        return static_cast<size_t>(std::snprintf(buf, size, "%s", name.c_str()));
                      },
                      const_cast<FragmentDumpSink*>(this)};
  char text[160], line[224];
  *out_ << "  trace (the application's code, as recorded):\n";
  for (const TraceInsn& t : f.trace) {
    isa::disassemble_word(t.word, t.pc, text, sizeof text);
    std::snprintf(line, sizeof line, "    0x%08x: %08x  %s%s\n", t.pc, t.word, text, t.nullified ? "  (nullified)" : "");
    *out_ << line;
  }
  *out_ << "  fragment code (as it stands in the cache, links included):\n";
  for (uint32_t i = 0; i < f.words; ++i) {
    const uint32_t pc = f.entry + 4 * i, word = Word(pc);
    if (i - f.table_word < f.table_words) {
      // A translated jump table's word: where its index goes, a fragment or, inside this
      // one, the probe of the switch's register.
      const std::string name = TargetName(word);
      const bool probe = word - f.entry < 4 * f.words;
      std::snprintf(line, sizeof line, "    0x%08x: %08x  jump table: %s\n", pc, word,
                    probe ? "the probe" : name.empty() ? Hex(word).c_str() : name.c_str());
    } else {
      isa::disassemble_word(word, pc, text, sizeof text, &sym);
      std::snprintf(line, sizeof line, "    0x%08x: %08x  %s\n", pc, word, text);
    }
    *out_ << line;
  }
}

void FragmentDumpSink::Dump(const std::string& why) {
  *out_ << "# " << built_.size() << " fragments, " << why << "\n";
  by_entry_.clear();
  for (const Built& f : built_) by_entry_[f.entry] = &f;
  for (const Built& f : built_) DumpOne(f);
  out_->flush();
  built_.clear();
  by_entry_.clear();
}

void FragmentDumpSink::Finish() { Dump("at the end of the run"); }

}  // namespace dynsim
