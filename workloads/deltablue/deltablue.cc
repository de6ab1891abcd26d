// deltablue: an incremental one-way dataflow constraint solver in the DeltaBlue style.
//
// Variables are connected by constraints of different strengths (required ... weakest).
// Adding a constraint satisfies it incrementally: a constraint picks a method (which
// variable it will determine) by comparing its strength with the walkabout strengths of its
// variables, overriding weaker constraints, which are then re-satisfied in turn; removing a
// constraint re-propagates walkabout strengths downstream and re-adds the unsatisfied
// constraints from the strongest down. Plans (topologically ordered constraint lists) are
// extracted from the input constraints and executed repeatedly. The benchmark runs the
// classic two tests: a long chain of equality constraints driven from one end, and a
// projection (scale and offset) between two sets of variables whose parameters are edited.
//
// Freestanding C++17: no standard library, so the program brings its own growable array
// and its own global operator new/delete over malloc/free (they replace the host's too,
// which is allowed). Virtual calls everywhere, as in the original object-oriented design.
//
// Usage: deltablue [test|train|ref]. Prints a checksum, exits 0 only if every check passed
// and the checksum equals the value recorded for the size.
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "size_arg.h"

void *operator new(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) {
    fprintf(stderr, "deltablue: out of memory\n");
    exit(3);
  }
  return p;
}
void operator delete(void *p) noexcept { free(p); }
void operator delete(void *p, size_t) noexcept { free(p); }

namespace {

[[noreturn]] void fail(const char *what) {
  printf("deltablue: WRONG: %s\n", what);
  exit(1);
}

// A growable array with a moving head, so that it also serves as a FIFO queue.
template <typename T>
class Vec {
 public:
  Vec() = default;
  Vec(const Vec &) = delete;
  Vec &operator=(const Vec &) = delete;
  ~Vec() { free(items_); }

  int size() const { return end_ - head_; }
  bool empty() const { return end_ == head_; }
  T at(int i) const { return items_[head_ + i]; }
  void add(T x) {
    if (end_ == cap_) grow();
    items_[end_++] = x;
  }
  T removeFirst() { return items_[head_++]; }
  void remove(T x) {
    int out = head_;
    for (int i = head_; i < end_; i++)
      if (items_[i] != x) items_[out++] = items_[i];
    end_ = out;
  }
  void clear() { head_ = end_ = 0; }

 private:
  void grow() {
    if (head_ > 0) {  // reclaim the consumed prefix first
      memmove(items_, items_ + head_, (end_ - head_) * sizeof(T));
      end_ -= head_;
      head_ = 0;
      if (end_ < cap_) return;
    }
    cap_ = cap_ ? cap_ * 2 : 8;
    items_ = static_cast<T *>(realloc(items_, cap_ * sizeof(T)));
    if (!items_) fail("out of memory");
  }
  T *items_ = nullptr;
  int head_ = 0, end_ = 0, cap_ = 0;
};

// Strengths: a smaller number is stronger.
class Strength {
 public:
  enum Level { REQUIRED, STRONG_PREFERRED, PREFERRED, STRONG_DEFAULT, NORMAL, WEAK_DEFAULT, WEAKEST };
  constexpr explicit Strength(Level l) : level_(l) {}
  static bool stronger(Strength a, Strength b) { return a.level_ < b.level_; }
  static bool weaker(Strength a, Strength b) { return a.level_ > b.level_; }
  static Strength weakestOf(Strength a, Strength b) { return weaker(a, b) ? a : b; }
  Strength nextWeaker() const { return level_ == WEAKEST ? *this : Strength(Level(level_ + 1)); }
  bool operator==(Strength o) const { return level_ == o.level_; }
  bool operator!=(Strength o) const { return level_ != o.level_; }
  int level() const { return level_; }

 private:
  Level level_;
};

constexpr Strength kRequired(Strength::REQUIRED);
constexpr Strength kStrongPreferred(Strength::STRONG_PREFERRED);
constexpr Strength kPreferred(Strength::PREFERRED);
constexpr Strength kStrongDefault(Strength::STRONG_DEFAULT);
constexpr Strength kNormal(Strength::NORMAL);
constexpr Strength kWeakDefault(Strength::WEAK_DEFAULT);
constexpr Strength kWeakest(Strength::WEAKEST);

class Constraint;
class Planner;

class Variable {
 public:
  explicit Variable(int value) : value(value) {}
  void addConstraint(Constraint *c) { constraints.add(c); }
  void removeConstraint(Constraint *c) {
    constraints.remove(c);
    if (determinedBy == c) determinedBy = nullptr;
  }

  int value;
  Vec<Constraint *> constraints;
  Constraint *determinedBy = nullptr;
  uint32_t mark = 0;
  Strength walkStrength = kWeakest;
  bool stay = true;
};

class Constraint {
 public:
  Constraint(Planner *planner, Strength s) : planner_(planner), strength(s) {}
  virtual ~Constraint() {}

  void addConstraint();
  void destroyConstraint();
  Constraint *satisfy(uint32_t mark);

  virtual bool isInput() const { return false; }
  virtual void addToGraph() = 0;
  virtual void removeFromGraph() = 0;
  virtual void chooseMethod(uint32_t mark) = 0;
  virtual bool isSatisfied() const = 0;
  virtual void markInputs(uint32_t mark) = 0;
  virtual Variable *output() const = 0;
  virtual void markUnsatisfied() = 0;
  virtual bool inputsKnown(uint32_t mark) const = 0;
  virtual void recalculate() = 0;
  virtual void execute() = 0;

 protected:
  Planner *planner_;

 public:
  Strength strength;
};

class Plan {
 public:
  void add(Constraint *c) { list_.add(c); }
  int size() const { return list_.size(); }
  void execute() const {
    for (int i = 0; i < list_.size(); i++) list_.at(i)->execute();
  }

 private:
  Vec<Constraint *> list_;
};

class Planner {
 public:
  void incrementalAdd(Constraint *c) {
    uint32_t mark = newMark();
    for (Constraint *overridden = c->satisfy(mark); overridden; overridden = overridden->satisfy(mark)) {
      overrides++;
    }
  }

  void incrementalRemove(Constraint *c) {
    Variable *out = c->output();
    c->markUnsatisfied();
    c->removeFromGraph();
    Vec<Constraint *> unsatisfied;
    removePropagateFrom(out, unsatisfied);
    Strength s = kRequired;
    do {
      for (int i = 0; i < unsatisfied.size(); i++) {
        Constraint *u = unsatisfied.at(i);
        if (u->strength == s) incrementalAdd(u);
      }
      s = s.nextWeaker();
    } while (s != kWeakest);
  }

  uint32_t newMark() { return ++currentMark; }

  Plan *makePlan(Vec<Constraint *> &sources) {
    uint32_t mark = newMark();
    Plan *plan = new Plan;
    while (!sources.empty()) {
      Constraint *c = sources.removeFirst();
      if (c->output()->mark != mark && c->inputsKnown(mark)) {
        plan->add(c);
        c->output()->mark = mark;
        addConstraintsConsumingTo(c->output(), sources);
      }
    }
    return plan;
  }

  Plan *extractPlanFromConstraints(Vec<Constraint *> &constraints) {
    Vec<Constraint *> sources;
    for (int i = 0; i < constraints.size(); i++) {
      Constraint *c = constraints.at(i);
      if (c->isInput() && c->isSatisfied()) sources.add(c);
    }
    return makePlan(sources);
  }

  // Recomputes walkabout strengths downstream of c; false if a cycle was found.
  bool addPropagate(Constraint *c, uint32_t mark) {
    Vec<Constraint *> todo;
    todo.add(c);
    while (!todo.empty()) {
      Constraint *d = todo.removeFirst();
      if (d->output()->mark == mark) {
        incrementalRemove(c);
        return false;
      }
      d->recalculate();
      propagations++;
      addConstraintsConsumingTo(d->output(), todo);
    }
    return true;
  }

  void removePropagateFrom(Variable *out, Vec<Constraint *> &unsatisfied) {
    out->determinedBy = nullptr;
    out->walkStrength = kWeakest;
    out->stay = true;
    Vec<Variable *> todo;
    todo.add(out);
    while (!todo.empty()) {
      Variable *v = todo.removeFirst();
      for (int i = 0; i < v->constraints.size(); i++) {
        Constraint *c = v->constraints.at(i);
        if (!c->isSatisfied()) unsatisfied.add(c);
      }
      Constraint *determining = v->determinedBy;
      for (int i = 0; i < v->constraints.size(); i++) {
        Constraint *next = v->constraints.at(i);
        if (next != determining && next->isSatisfied()) {
          next->recalculate();
          todo.add(next->output());
        }
      }
    }
  }

  void addConstraintsConsumingTo(Variable *v, Vec<Constraint *> &coll) {
    Constraint *determining = v->determinedBy;
    for (int i = 0; i < v->constraints.size(); i++) {
      Constraint *c = v->constraints.at(i);
      if (c != determining && c->isSatisfied()) coll.add(c);
    }
  }

  uint32_t currentMark = 0;
  uint32_t overrides = 0;
  uint32_t propagations = 0;
};

void Constraint::addConstraint() {
  addToGraph();
  planner_->incrementalAdd(this);
}

void Constraint::destroyConstraint() {
  if (isSatisfied())
    planner_->incrementalRemove(this);
  else
    removeFromGraph();
}

// Satisfies this constraint if possible; returns the constraint it overrode, if any.
Constraint *Constraint::satisfy(uint32_t mark) {
  chooseMethod(mark);
  if (!isSatisfied()) {
    if (strength == kRequired) fail("could not satisfy a required constraint");
    return nullptr;
  }
  markInputs(mark);
  Variable *out = output();
  Constraint *overridden = out->determinedBy;
  if (overridden) overridden->markUnsatisfied();
  out->determinedBy = this;
  if (!planner_->addPropagate(this, mark)) fail("cycle encountered");
  out->mark = mark;
  return overridden;
}

// ---- constraints on one variable ----

class UnaryConstraint : public Constraint {
 public:
  UnaryConstraint(Planner *p, Variable *v, Strength s) : Constraint(p, s), myOutput_(v) {}
  void addToGraph() override {
    myOutput_->addConstraint(this);
    satisfied_ = false;
  }
  void removeFromGraph() override {
    if (myOutput_) myOutput_->removeConstraint(this);
    satisfied_ = false;
  }
  void chooseMethod(uint32_t mark) override {
    satisfied_ = myOutput_->mark != mark && Strength::stronger(strength, myOutput_->walkStrength);
  }
  bool isSatisfied() const override { return satisfied_; }
  void markInputs(uint32_t) override {}
  Variable *output() const override { return myOutput_; }
  void markUnsatisfied() override { satisfied_ = false; }
  bool inputsKnown(uint32_t) const override { return true; }
  void recalculate() override {
    myOutput_->walkStrength = strength;
    myOutput_->stay = !isInput();
    if (myOutput_->stay) execute();
  }

 protected:
  Variable *myOutput_;
  bool satisfied_ = false;
};

// Keeps a variable's value (an input that never changes).
class StayConstraint : public UnaryConstraint {
 public:
  StayConstraint(Planner *p, Variable *v, Strength s) : UnaryConstraint(p, v, s) { addConstraint(); }
  void execute() override {}
};

// Marks a variable as changed from outside (an input of plans).
class EditConstraint : public UnaryConstraint {
 public:
  EditConstraint(Planner *p, Variable *v, Strength s) : UnaryConstraint(p, v, s) { addConstraint(); }
  bool isInput() const override { return true; }
  void execute() override {}
};

// ---- constraints between two variables ----

class BinaryConstraint : public Constraint {
 public:
  enum Direction { NONE, FORWARD, BACKWARD };
  BinaryConstraint(Planner *p, Variable *a, Variable *b, Strength s) : Constraint(p, s), v1_(a), v2_(b) {}

  void addToGraph() override {
    v1_->addConstraint(this);
    v2_->addConstraint(this);
    direction_ = NONE;
  }
  void removeFromGraph() override {
    if (v1_) v1_->removeConstraint(this);
    if (v2_) v2_->removeConstraint(this);
    direction_ = NONE;
  }
  // Picks the direction that writes the variable with the weaker walkabout strength,
  // never writing a variable already marked in this pass.
  void chooseMethod(uint32_t mark) override {
    if (v1_->mark == mark) {
      direction_ = (v2_->mark != mark && Strength::stronger(strength, v2_->walkStrength)) ? FORWARD : NONE;
      return;
    }
    if (v2_->mark == mark) {
      direction_ = (v1_->mark != mark && Strength::stronger(strength, v1_->walkStrength)) ? BACKWARD : NONE;
      return;
    }
    if (Strength::weaker(v1_->walkStrength, v2_->walkStrength))
      direction_ = Strength::stronger(strength, v1_->walkStrength) ? BACKWARD : NONE;
    else
      direction_ = Strength::stronger(strength, v2_->walkStrength) ? FORWARD : NONE;
  }
  bool isSatisfied() const override { return direction_ != NONE; }
  void markInputs(uint32_t mark) override { input()->mark = mark; }
  Variable *input() const { return direction_ == FORWARD ? v1_ : v2_; }
  Variable *output() const override { return direction_ == FORWARD ? v2_ : v1_; }
  void markUnsatisfied() override { direction_ = NONE; }
  bool inputsKnown(uint32_t mark) const override {
    Variable *i = input();
    return i->mark == mark || i->stay || i->determinedBy == nullptr;
  }
  void recalculate() override {
    Variable *in = input(), *out = output();
    out->walkStrength = Strength::weakestOf(strength, in->walkStrength);
    out->stay = in->stay;
    if (out->stay) execute();
  }

 protected:
  Variable *v1_, *v2_;
  Direction direction_ = NONE;
};

class EqualityConstraint : public BinaryConstraint {
 public:
  EqualityConstraint(Planner *p, Variable *a, Variable *b, Strength s) : BinaryConstraint(p, a, b, s) {
    addConstraint();
  }
  void execute() override { output()->value = input()->value; }
};

// dest = src * scale + offset, or src = (dest - offset) / scale.
class ScaleConstraint : public BinaryConstraint {
 public:
  ScaleConstraint(Planner *p, Variable *src, Variable *scale, Variable *offset, Variable *dest, Strength s)
      : BinaryConstraint(p, src, dest, s), scale_(scale), offset_(offset) {
    addConstraint();
  }
  void addToGraph() override {
    BinaryConstraint::addToGraph();
    scale_->addConstraint(this);
    offset_->addConstraint(this);
  }
  void removeFromGraph() override {
    BinaryConstraint::removeFromGraph();
    if (scale_) scale_->removeConstraint(this);
    if (offset_) offset_->removeConstraint(this);
  }
  void markInputs(uint32_t mark) override {
    BinaryConstraint::markInputs(mark);
    scale_->mark = offset_->mark = mark;
  }
  void execute() override {
    if (direction_ == FORWARD)
      v2_->value = v1_->value * scale_->value + offset_->value;
    else
      v1_->value = (v2_->value - offset_->value) / scale_->value;
  }
  void recalculate() override {
    Variable *in = input(), *out = output();
    out->walkStrength = Strength::weakestOf(strength, in->walkStrength);
    out->stay = in->stay && scale_->stay && offset_->stay;
    if (out->stay) execute();
  }

 private:
  Variable *scale_, *offset_;
};

// ---- the benchmark ----

uint32_t checksum;

void mix(uint32_t x) { checksum = (checksum ^ x) * 16777619u + 0x9e3779b9u; }

// Owns everything one test creates.
struct World {
  Planner planner;
  Vec<Variable *> vars;
  Vec<Constraint *> constraints;

  Variable *var(int value) {
    Variable *v = new Variable(value);
    vars.add(v);
    return v;
  }
  template <typename C>
  C *keep(C *c) {
    constraints.add(c);
    return c;
  }
  ~World() {
    mix(planner.currentMark);
    mix(planner.overrides);
    mix(planner.propagations);
    for (int i = 0; i < constraints.size(); i++) delete constraints.at(i);
    for (int i = 0; i < vars.size(); i++) delete vars.at(i);
  }
};

// A chain v0 = v1 = ... = vn with a stay on vn, driven by an edit on v0.
void chainTest(int n) {
  World w;
  Variable *prev = nullptr, *first = nullptr, *last = nullptr;
  for (int i = 0; i <= n; i++) {
    Variable *v = w.var(0);
    if (prev) w.keep(new EqualityConstraint(&w.planner, prev, v, kRequired));
    if (i == 0) first = v;
    if (i == n) last = v;
    prev = v;
  }
  w.keep(new StayConstraint(&w.planner, last, kStrongDefault));
  EditConstraint *edit = new EditConstraint(&w.planner, first, kPreferred);
  Vec<Constraint *> edits;
  edits.add(edit);
  Plan *plan = w.planner.extractPlanFromConstraints(edits);
  mix(plan->size());
  for (int i = 0; i < 100; i++) {
    first->value = i;
    plan->execute();
    if (last->value != i) fail("chain test");
    mix(last->value);
  }
  delete plan;
  edit->destroyConstraint();
  delete edit;
}

void change(Planner &planner, Variable *v, int newValue) {
  EditConstraint *edit = new EditConstraint(&planner, v, kPreferred);
  Vec<Constraint *> edits;
  edits.add(edit);
  Plan *plan = planner.extractPlanFromConstraints(edits);
  for (int i = 0; i < 10; i++) {
    v->value = newValue;
    plan->execute();
  }
  mix(plan->size());
  delete plan;
  edit->destroyConstraint();
  delete edit;
}

// n pairs src_i -> dst_i = src_i * scale + offset, with stays on the sources; edits on a
// source, a destination, the scale and the offset must propagate correctly.
void projectionTest(int n) {
  World w;
  Variable *scale = w.var(10), *offset = w.var(1000);
  Variable *src = nullptr, *dst = nullptr;
  Vec<Variable *> dests;
  for (int i = 0; i < n; i++) {
    src = w.var(i);
    dst = w.var(i);
    dests.add(dst);
    w.keep(new StayConstraint(&w.planner, src, kNormal));
    w.keep(new ScaleConstraint(&w.planner, src, scale, offset, dst, kRequired));
  }
  change(w.planner, src, 17);
  if (dst->value != 1170) fail("projection 1 (forward)");
  change(w.planner, dst, 1050);
  if (src->value != 5) fail("projection 2 (backward)");
  change(w.planner, scale, 5);
  for (int i = 0; i < n - 1; i++)
    if (dests.at(i)->value != i * 5 + 1000) fail("projection 3 (scale)");
  change(w.planner, offset, 2000);
  for (int i = 0; i < n - 1; i++)
    if (dests.at(i)->value != i * 5 + 2000) fail("projection 4 (offset)");
  for (int i = 0; i < n; i++) mix(dests.at(i)->value);
  mix(src->value);
}

struct Size {
  const char *name;
  int iterations, n;
  uint32_t expected;
};

// Expected checksums: from a host build of this same file (g++ -O2 on x86-64, the BUILD's
// deltablue_host target), re-checked by deltablue_host_test. Only 32-bit integer arithmetic
// reaches the checksum, so it is the same on any host.
const Size kSizes[] = {
    {"test", 5, 100, 0x78334918u},
    {"train", 20, 500, 0x3d1def40u},
    {"ref", 100, 1000, 0x77cba2a0u},
};

}  // namespace

int main(int argc, char **argv) {
  const Size *size = WORKLOAD_SIZE(kSizes, argc, argv, "deltablue");
  for (int i = 0; i < size->iterations; i++) {
    chainTest(size->n);
    projectionTest(size->n);
  }
  printf("deltablue %s: iterations=%d n=%d checksum=%08lx\n", size->name, size->iterations, size->n,
         (unsigned long)checksum);
  if (checksum != size->expected) {
    printf("deltablue: WRONG checksum (expected %08lx)\n", (unsigned long)size->expected);
    return 1;
  }
  return 0;
}
