// qsort and bsearch from the C library: integers (with duplicates and negatives), strings
// through an array of pointers, and structs with a two-key comparison; every result is
// checked for order, and a digest of the sorted data is printed.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare_ints(const void* a, const void* b) {
  int x = *(const int*)a, y = *(const int*)b;
  return (x > y) - (x < y);
}

static int compare_strings(const void* a, const void* b) {
  return strcmp(*(const char* const*)a, *(const char* const*)b);
}

struct person {
  char name[12];
  int age;
};

static int compare_people(const void* a, const void* b) {
  const struct person *p = a, *q = b;
  if (p->age != q->age) return p->age - q->age;
  return strcmp(p->name, q->name);
}

int main(void) {
  enum { kInts = 5000 };
  static int values[kInts];
  unsigned seed = 7;
  for (int i = 0; i < kInts; ++i) {
    seed = seed * 69069u + 1u;
    values[i] = (int)(seed >> 16) % 2000 - 1000;
  }
  qsort(values, kInts, sizeof values[0], compare_ints);
  unsigned long digest = 0;
  int ordered = 1;
  for (int i = 0; i < kInts; ++i) {
    digest = digest * 31 + (unsigned)values[i];
    if (i && values[i - 1] > values[i]) ordered = 0;
  }
  printf("ints: ordered %d, min %d, max %d, digest %lu\n", ordered, values[0], values[kInts - 1], digest);
  int key = values[kInts / 3];
  int* found = bsearch(&key, values, kInts, sizeof values[0], compare_ints);
  printf("bsearch %d: %s\n", key, found && *found == key ? "found" : "missing");
  key = 5000;
  printf("bsearch %d: %s\n", key, bsearch(&key, values, kInts, sizeof values[0], compare_ints) ? "found" : "missing");

  const char* words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "apple", "elderberry"};
  size_t nwords = sizeof words / sizeof words[0];
  qsort(words, nwords, sizeof words[0], compare_strings);
  for (size_t i = 0; i < nwords; ++i) printf("%s%c", words[i], i + 1 < nwords ? ' ' : '\n');

  struct person people[] = {{"dana", 31}, {"ali", 25}, {"chris", 31}, {"bo", 19}, {"eve", 25}};
  size_t npeople = sizeof people / sizeof people[0];
  qsort(people, npeople, sizeof people[0], compare_people);
  for (size_t i = 0; i < npeople; ++i) printf("%s:%d ", people[i].name, people[i].age);
  printf("\n");
  return ordered ? 0 : 1;
}
