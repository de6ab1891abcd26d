#include "dynamo/linker.h"

#include "dynamo/context_layout.h"
#include "dynamo/emitter.h"
#include "isa/codec.h"
#include "isa/nullify.h"

namespace dynamo {

void Linker::Init(bool enabled, bool direct, uint32_t line_bytes, Counters* counters) {
  enabled_ = enabled;
  direct_ = direct;
  line_bytes_ = line_bytes;
  counters_ = counters;
  for (Incoming& in : incoming_) in = Incoming{kFree, kNone};
  count_ = used_count_ = 0;
}

void Linker::Clear() {
  for (uint32_t k = 0; k < used_count_; ++k) incoming_[used_slots_[k]] = Incoming{kFree, kNone};
  count_ = used_count_ = 0;
}

Linker::Incoming* Linker::Find(AppPc target, bool insert) {
  // Never full: at most kMaxExits targets in 2 * kMaxExits slots.
  for (uint32_t i = Hash(target.addr());; i = (i + 1) & (kSlots - 1)) {
    Incoming& in = incoming_[i];
    if (in.target == target.addr()) return &in;
    if (in.target == kFree) {
      if (!insert) return nullptr;
      in = Incoming{target.addr(), kNone};
      used_slots_[used_count_++] = i;  // at most one new target per exit: never overflows
      return &in;
    }
  }
}

void Linker::Register(uint32_t index) {
  Exit& e = exits_[index];
  Incoming* in = Find(e.target, true);
  e.next = in->first;
  in->first = index;
}

void Linker::Link(Exit* e, CachePc entry) {
  if (!enabled_ || e->linked || e->kind != ExitKind::kBranch) return;
  if (!Patch(e, entry)) {
    ++counters_->links_out_of_reach;
    return;
  }
  ++counters_->links;
  if (e->linked_branch) ++counters_->links_direct;
}

bool Linker::Patch(Exit* e, CachePc entry) {
  const int32_t disp = static_cast<int32_t>(entry.addr() - (e->stub.addr() + 8));
  if (!emit::FitsBranch17(disp)) return false;
  *reinterpret_cast<volatile uint32_t*>(e->stub.addr()) = emit::BranchN(disp);
  emit::PublishCode(e->stub.addr(), 4, line_bytes_);
  e->linked = 1;
  if (direct_ && e->branch != StubBranch::kNone) LinkBranch(e, entry);
  return true;
}

namespace {

volatile uint32_t* BranchWord(const Exit& e) {
  return reinterpret_cast<volatile uint32_t*>(e.stub.addr() - 4u * e.branch_words);
}

// The displacement from the branch into e's stub to `to`.
int32_t BranchDisp(const Exit& e, uint32_t to) {
  return static_cast<int32_t>(to - (e.stub.addr() - 4u * e.branch_words + 8));
}

}  // namespace

void Linker::LinkBranch(Exit* e, CachePc entry) {
  volatile uint32_t* word = BranchWord(*e);
  const int32_t disp = BranchDisp(*e, entry.addr());
  if (e->branch == StubBranch::kUncond) {
    if (!emit::FitsBranch17(disp)) return;
    *word = emit::BranchN(disp);
  } else {
    const isa::Insn in = isa::decode(*word);
    const bool n = in.flags & isa::kFlagN;
    const bool same_nullification = isa::cond_branch_nullifies(n, true, disp) == isa::cond_branch_nullifies(n, true, in.im) &&
                                    isa::cond_branch_nullifies(n, false, disp) == isa::cond_branch_nullifies(n, false, in.im);
    if (!emit::FitsCondBranch(disp) || !same_nullification) return;
    *word = emit::WithDisplacement(in, disp);
  }
  emit::PublishCode(reinterpret_cast<uint32_t>(word), 4, line_bytes_);
  e->linked_branch = 1;
}

void Linker::UnlinkBranch(Exit* e) {
  volatile uint32_t* word = BranchWord(*e);
  const int32_t disp = BranchDisp(*e, e->stub.addr());
  *word = e->branch == StubBranch::kUncond ? emit::BranchN(disp) : emit::WithDisplacement(isa::decode(*word), disp);
  emit::PublishCode(reinterpret_cast<uint32_t>(word), 4, line_bytes_);
  e->linked_branch = 0;
}

void Linker::Unlink(Exit* e) {
  DetachForDelivery(e);
  ++counters_->unlinks;
}

void Linker::DetachForDelivery(Exit* e) {
  if (e->linked_branch) UnlinkBranch(e);
  *reinterpret_cast<volatile uint32_t*>(e->stub.addr()) = emit::Stw(2, CTX_ABS(CTX_GR + 4 * 2), 0);
  emit::PublishCode(e->stub.addr(), 4, line_bytes_);
  e->linked = 0;
}

bool Linker::ReattachAfterDelivery(Exit* e, CachePc entry) {
  if (e->linked || e->kind != ExitKind::kBranch) return false;
  return Patch(e, entry);  // a restored link, not a new one: not counted
}

void Linker::LinkIncoming(AppPc head, CachePc entry) {
  const Incoming* in = Find(head, false);
  if (!in) return;
  for (uint32_t k = in->first; k != kNone; k = exits_[k].next) Link(&exits_[k], entry);
}

void Linker::UnlinkIncoming(AppPc head) {
  const Incoming* in = Find(head, false);
  if (!in) return;
  for (uint32_t k = in->first; k != kNone; k = exits_[k].next)
    if (exits_[k].linked) Unlink(&exits_[k]);
}

void Linker::Retire(uint32_t first, uint32_t count) {
  for (uint32_t k = first; k < first + count; ++k) {
    Exit& e = exits_[k];
    if (e.kind != ExitKind::kBranch) continue;
    Incoming* in = Find(e.target, false);
    if (!in) continue;
    // Unlink k from the singly linked list.
    for (uint32_t* link = &in->first; *link != kNone; link = &exits_[*link].next) {
      if (*link == k) {
        *link = e.next;
        break;
      }
    }
    e.kind = ExitKind::kStop;  // dead: never linked again
  }
}

}  // namespace dynamo
