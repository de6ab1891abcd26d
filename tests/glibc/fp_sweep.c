/* The FP differential sweep: every FP operation of the ISA table, single and double, 0x0C
 * and 0x0E encodings (left and right halves), in every rounding mode, on operands from a
 * seeded generator that favours the special values (signed zeros, infinities, quiet and
 * signalling NaNs, denormals, the largest and smallest normals, halfway cases). Each case
 * starts from a status word with the rounding mode, no flags and no enables, and records
 * the result registers and the whole status word afterwards (flags, C, the compare queue).
 *
 * Output: one line per operation and rounding mode with a hash of its cases, so that
 * dynsim and qemu-hppa can be compared bit for bit in a small file; `fp_sweep -v` prints
 * every case instead, to find where they differ. PA-RISC NaNs: a NaN whose fraction's
 * leading bit is 1 is signalling (PA-RISC 2.0 manual, chapter 8). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { kCases = 48 };

/* The registers an operation sees: fr0 (status), fr4..fr6 (a, b, c), fr8 (FMPYADD's ta);
 * what it leaves: fr7, fr8, fr0, and `ran` = 1 unless FTEST nullified the instruction
 * after it. */
struct Block {
  uint64_t status, a, b, c, d;
  uint64_t r7, r8;
  uint32_t ran;
};

#define RUN(INSN)                                                                        \
  asm volatile("fldd 0(%1),%%fr4\n\tfldd 0(%2),%%fr5\n\tfldd 0(%3),%%fr6\n\t"             \
               "fldd 0(%4),%%fr8\n\tfldd 0(%5),%%fr7\n\tfldd 0(%0),%%fr0\n\t"              \
               "ldi 0,%%r20\n\t" INSN "\n\tldi 1,%%r20\n\t"                                \
               "fstd %%fr0,0(%0)\n\tfstd %%fr7,0(%5)\n\tfstd %%fr8,0(%6)\n\tstw %%r20,0(%7)" \
               :                                                                         \
               : "r"(&k->status), "r"(&k->a), "r"(&k->b), "r"(&k->c), "r"(&k->d),       \
                 "r"(&k->r7), "r"(&k->r8), "r"(&k->ran)                                  \
               : "memory", "r20", "fr4", "fr5", "fr6", "fr7", "fr8")

/* Operand kinds: what the generator puts in a, b, c and d. */
enum Kind { kDbl, kSgl, kWord, kDword };

struct Op {
  const char* name;
  enum Kind kind;
  int rounding_matters;
  void (*run)(struct Block*);
};

#define OP(FN, KIND, RM, INSN) \
  static void FN(struct Block* k) { RUN(INSN); }
#include "fp_sweep_ops.h"
#undef OP

static const struct Op kOps[] = {
#define OP(FN, KIND, RM, INSN) {INSN, KIND, RM, FN},
#include "fp_sweep_ops.h"
#undef OP
};

/* xorshift64*: the generator, seeded once. */
static uint64_t state = 0x9e3779b97f4a7c15ull;
static uint64_t Next(void) {
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * 2685821657736338717ull;
}

static const uint64_t kSpecialDbl[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
    0x7ff0000000000001ull, 0x7ff4000000000000ull, 0xfff7ffffffffffffull, /* quiet NaNs */
    0x7ff8000000000000ull, 0xfffc000000000001ull,                        /* signalling */
    0x0000000000000001ull, 0x800fffffffffffffull, 0x0010000000000000ull, 0x7fefffffffffffffull,
    0x3ff0000000000000ull, 0xbff0000000000000ull, 0x3fe0000000000000ull, 0x3ff8000000000000ull,
    0x4004000000000000ull, 0xc004000000000000ull, 0x4330000000000001ull, 0x43e0000000000000ull,
    0x43f0000000000000ull, 0xc1e0000000000000ull, 0x41dfffffffe00000ull, 0x41efffffffffffffull,
    0x41f0000000000000ull, 0x3fd5555555555555ull, 0x0008000000000000ull, 0x3ca0000000000000ull,
};
static const uint32_t kSpecialSgl[] = {
    0x00000000u, 0x80000000u, 0x7f800000u, 0xff800000u, 0x7f800001u, 0x7fa00000u, 0xffbfffffu,
    0x7fc00000u, 0xffe00001u, 0x00000001u, 0x807fffffu, 0x00800000u, 0x7f7fffffu, 0x3f800000u,
    0xbf800000u, 0x3f000000u, 0x3fc00000u, 0x40200000u, 0xc0200000u, 0x4b000001u, 0x4f000000u,
    0x5f000000u, 0xcf000000u, 0x4effffffu, 0x5f7fffffu, 0x3eaaaaabu, 0x00400000u, 0x33800000u,
};
static const uint64_t kSpecialInt[] = {
    0, 1, 0xffffffffffffffffull, 0x7fffffff, 0x80000000ull, 0xffffffff80000000ull, 0xffffffffull,
    0x1000001, 0x20000000000001ull, 0x7fffffffffffffffull, 0x8000000000000000ull, 0xfffffffffffffffeull,
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t RandomDbl(void) {
  const uint64_t r = Next();
  if (r % 2 == 0) return kSpecialDbl[(r >> 8) % COUNT(kSpecialDbl)];
  /* Exponents near 1.0, near the denormal boundary and near the top of the range. */
  static const int kCentres[] = {1023, 1023, 1023 + 40, 1, 2046, 1023 + 62, 1023 - 54};
  const int e = kCentres[(r >> 8) % COUNT(kCentres)] + (int)((r >> 16) % 9) - 4;
  const uint64_t exp = (uint64_t)(e < 0 ? 0 : e > 2046 ? 2046 : e);
  uint64_t frac = Next() & 0xfffffffffffffull;
  if ((r >> 24) % 3 == 0) frac &= 0xfffff00000000000ull;  /* short mantissas: exact cases */
  return (r & (1ull << 63)) | exp << 52 | frac;
}
static uint32_t RandomSgl(void) {
  const uint64_t r = Next();
  if (r % 2 == 0) return kSpecialSgl[(r >> 8) % COUNT(kSpecialSgl)];
  static const int kCentres[] = {127, 127, 127 + 20, 1, 254, 127 + 30, 127 - 25};
  const int e = kCentres[(r >> 8) % COUNT(kCentres)] + (int)((r >> 16) % 7) - 3;
  const uint32_t exp = (uint32_t)(e < 0 ? 0 : e > 254 ? 254 : e);
  uint32_t frac = (uint32_t)Next() & 0x7fffffu;
  if ((r >> 24) % 3 == 0) frac &= 0x7ff000u;
  return (uint32_t)(r >> 32 & 0x80000000u) | exp << 23 | frac;
}
static uint64_t RandomInt(void) {
  const uint64_t r = Next();
  if (r % 2 == 0) return kSpecialInt[(r >> 8) % COUNT(kSpecialInt)];
  const uint64_t v = Next();
  return (r >> 8) % 2 ? v : (v >> ((r >> 16) % 64));
}

static uint64_t Operand(enum Kind kind) {
  switch (kind) {
    case kDbl: return RandomDbl();
    case kSgl: return (uint64_t)RandomSgl() << 32 | RandomSgl();
    case kWord: return (uint64_t)(uint32_t)RandomInt() << 32 | (uint32_t)RandomInt();
    default: return RandomInt();
  }
}

/* The asm text as written, with its %% and \n\t as one %, one space. */
static const char* Name(const char* insn) {
  static char buf[200];
  unsigned n = 0;
  for (const char* p = insn; *p && n + 1 < sizeof buf; ++p) {
    if (*p == '%' && p[1] == '%') continue;
    if (*p == '\n') buf[n++] = ';';
    else if (*p == '\t') buf[n++] = ' ';
    else buf[n++] = *p;
  }
  buf[n] = 0;
  return buf;
}

/* qemu-hppa 7.2 converts a double quiet NaN whose 23 leading fraction bits are 0 to an
 * infinity (fcnv,dbl,sgl); the manual keeps a NaN a NaN (chapter 9, FCNV), as dynsim does.
 * Such results are left out of the hash and counted. */
static int QemuLosesNan(const char* insn, uint64_t a) {
  const uint64_t frac = a & 0xfffffffffffffull;
  return strncmp(insn, "fcnv,dbl,sgl", 12) == 0 && (a & 0x7ff0000000000000ull) == 0x7ff0000000000000ull &&
         frac != 0 && (frac >> 29) == 0;
}

static uint64_t Hash(uint64_t h, uint64_t v) {
  for (int k = 0; k < 8; ++k) h = (h ^ ((v >> (8 * k)) & 0xff)) * 0x100000001b3ull;
  return h;
}

int main(int argc, char** argv) {
  const int verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
  unsigned left_out = 0;
  for (unsigned op = 0; op < COUNT(kOps); ++op) {
    const unsigned modes = kOps[op].rounding_matters ? 4 : 1;
    for (unsigned rm = 0; rm < modes; ++rm) {
      uint64_t h = 0xcbf29ce484222325ull;
      for (int n = 0; n < kCases; ++n) {
        struct Block k;
        k.status = (uint64_t)(rm << 9) << 32;
        k.a = Operand(kOps[op].kind);
        k.b = Operand(kOps[op].kind);
        k.c = Operand(kOps[op].kind);
        k.d = Operand(kOps[op].kind);
        k.r7 = 0x5a5a5a5a5a5a5a5aull;
        const struct Block in = k;
        kOps[op].run(&k);
        const int lost = QemuLosesNan(kOps[op].name, in.a);
        left_out += lost;
        h = Hash(Hash(Hash(Hash(h, lost ? 0 : k.r7), k.r8), k.status), k.ran);
        if (verbose)
          printf("%s rm%u a=%016llx b=%016llx c=%016llx d=%016llx -> r7=%016llx r8=%016llx st=%08x ran=%u\n",
                 Name(kOps[op].name), rm, (unsigned long long)in.a, (unsigned long long)in.b,
                 (unsigned long long)in.c, (unsigned long long)in.d, (unsigned long long)k.r7,
                 (unsigned long long)k.r8, (unsigned)(k.status >> 32), (unsigned)k.ran);
      }
      if (!verbose) printf("%-40s rm%u %016llx\n", Name(kOps[op].name), rm, (unsigned long long)h);
    }
  }
  printf("left out: %u results of fcnv,dbl,sgl of a NaN that qemu-hppa 7.2 makes infinite\n", left_out);
  return 0;
}
