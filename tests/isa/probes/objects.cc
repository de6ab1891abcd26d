// ISA probe: freestanding C++: classes, virtual calls (indirect branches through vtables),
// templates, references, static objects, member pointers.
#include "probe_out.h"
// No heap: deleting destructors are emitted but never called.
void operator delete(void *, unsigned int) {}
void operator delete(void *) {}
struct Shape {
  virtual ~Shape() {}
  virtual long area() const = 0;
  virtual int sides() const { return 0; }
};
struct Rect : Shape {
  long w, h;
  Rect(long a, long b) : w(a), h(b) {}
  long area() const override { return w * h; }
  int sides() const override { return 4; }
};
struct Tri : Shape {
  long b, h;
  Tri(long a, long c) : b(a), h(c) {}
  long area() const override { return b * h / 2; }
  int sides() const override { return 3; }
};
template <class T, int N> struct Ring {
  T items[N];
  unsigned head = 0;
  void push(T v) { items[head++ % N] = v; }
  T sum() const { T s = T(); for (int i = 0; i < N; i++) s += items[i]; return s; }
};
static Ring<unsigned long long, 7> ring;
volatile long dim = 5;
static unsigned long long apply(long (Shape::*pm)() const, const Shape &s) { return (s.*pm)(); }
int main() {
  Rect r(dim, dim + 2);
  Tri t(dim * 3, dim - 1);
  const Shape *shapes[2] = {&r, &t};
  unsigned long long acc = 0;
  for (int i = 0; i < 20; i++) {
    const Shape *s = shapes[i & 1];
    acc += s->area() * (unsigned)s->sides();
    ring.push(acc);
    acc += apply(&Shape::area, *s);
  }
  acc += ring.sum();
  probe_put_hex("objects", acc);
  return 0;
}
