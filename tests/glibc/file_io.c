// File I/O through stdio: the program reads the text file named by its first argument
// (line by line, then again with fseek/ftell/fread, then through mmap), counts lines,
// words and bytes, prints a checksum, and reports a missing file with perror. Under
// dynsim the file must lie under a --fs-root directory.
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static int count_lines(FILE* f, unsigned long* words) {
  char line[256];
  int lines = 0;
  while (fgets(line, sizeof line, f)) {
    ++lines;
    int in_word = 0;
    for (char* p = line; *p; ++p) {
      if (isspace((unsigned char)*p)) in_word = 0;
      else if (!in_word) { in_word = 1; ++*words; }
    }
  }
  return lines;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: file_io FILE\n");
    return 2;
  }
  FILE* f = fopen(argv[1], "r");
  if (!f) {
    perror("fopen");
    return 1;
  }
  unsigned long words = 0;
  int lines = count_lines(f, &words);
  if (fseek(f, 0, SEEK_END) != 0) return 3;
  long size = ftell(f);
  rewind(f);
  char* all = malloc((size_t)size + 1);
  size_t got = fread(all, 1, (size_t)size, f);
  unsigned long sum = 0;
  for (size_t i = 0; i < got; ++i) sum = sum * 33 + (unsigned char)all[i];
  printf("%d lines, %lu words, %ld bytes (read %zu), checksum %lu\n", lines, words, size, got, sum);
  printf("at end: feof %d, getc %d\n", feof(f) != 0, getc(f));
  void* mapped = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fileno(f), 0);
  printf("mmap sees the same bytes: %d\n", mapped != MAP_FAILED && memcmp(mapped, all, got) == 0);
  if (mapped != MAP_FAILED) munmap(mapped, (size_t)size);
  fclose(f);
  free(all);
  FILE* missing = fopen("does/not/exist.txt", "r");
  if (!missing) {
    int saved = errno;
    perror("fopen does/not/exist.txt");
    printf("errno is ENOENT: %d\n", saved == ENOENT);
  }
  return 0;
}
