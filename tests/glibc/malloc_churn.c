// malloc, calloc, realloc and free under churn: thousands of blocks of seeded random
// sizes (small bins, large bins and blocks past the mmap threshold, which glibc maps
// with mmap and grows with mremap), each filled with a pattern and checked (every byte
// of small blocks, a sample of large ones) before it is freed, so lost or overlapping
// memory shows.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { kSlots = 128, kRounds = 2500, kSampleStride = 61 };

static uint32_t rng_state = 12345;
static uint32_t next_random(void) {
  rng_state = rng_state * 1103515245u + 12345u;
  return rng_state >> 8;
}

struct block {
  unsigned char* data;
  size_t size;
  unsigned char fill;
};

static size_t random_size(void) {
  uint32_t r = next_random();
  switch (r % 32) {
    case 0: return 140000 + r % 60000;  // past the default mmap threshold (128 KiB)
    case 1:
    case 2: return 1024 + r % 8192;
    default: return 1 + r % 256;
  }
}

// Every byte holds (fill + offset) mod 256, a pattern of period 256: fill writes the first
// period and copies it along with memcpy. Blocks up to 16 KiB are checked byte by byte,
// larger ones at their ends and every kSampleStride-th byte, which keeps the run short and
// still catches a block that moved without its contents.
static size_t step_at(const struct block* b, size_t i) {
  return b->size <= 16384 || i < 64 || i + 64 >= b->size ? 1 : kSampleStride;
}

static int intact(const struct block* b) {
  for (size_t i = 0; i < b->size; i += step_at(b, i))
    if (b->data[i] != (unsigned char)(b->fill + i)) return 0;
  return 1;
}

static void fill(struct block* b) {
  size_t period = b->size < 256 ? b->size : 256;
  for (size_t i = 0; i < period; ++i) b->data[i] = (unsigned char)(b->fill + i);
  for (size_t at = period; at < b->size; at += 256) memcpy(b->data + at, b->data, b->size - at < 256 ? b->size - at : 256);
}

int main(void) {
  static struct block slots[kSlots];
  unsigned long allocations = 0, reallocs = 0, corrupt = 0;
  for (int round = 0; round < kRounds; ++round) {
    struct block* b = &slots[next_random() % kSlots];
    if (b->data && !intact(b)) ++corrupt;
    uint32_t action = next_random() % 4;
    if (b->data && action == 0) {
      free(b->data);
      b->data = NULL;
      continue;
    }
    size_t size = random_size();
    if (b->data && action == 1) {
      unsigned char* grown = realloc(b->data, size);
      if (!grown) return 2;
      size_t keep = size < b->size ? size : b->size;
      b->data = grown;
      b->size = keep;
      if (!intact(b)) ++corrupt;
      ++reallocs;
    } else {
      free(b->data);
      b->data = action == 2 ? calloc(size, 1) : malloc(size);
      if (!b->data) return 3;
      if (action == 2)
        for (size_t i = 0; i < size; i += size > 16384 ? kSampleStride : 1)
          if (b->data[i]) ++corrupt;
      ++allocations;
    }
    b->size = size;
    b->fill = (unsigned char)next_random();
    fill(b);
  }
  unsigned long live = 0, live_bytes = 0;
  for (int i = 0; i < kSlots; ++i) {
    if (!slots[i].data) continue;
    if (!intact(&slots[i])) ++corrupt;
    ++live;
    live_bytes += slots[i].size;
    free(slots[i].data);
  }
  printf("allocations %lu, reallocs %lu, live at end %lu (%lu bytes), corrupt %lu\n", allocations, reallocs,
         live, live_bytes, corrupt);
  return corrupt ? 1 : 0;
}
