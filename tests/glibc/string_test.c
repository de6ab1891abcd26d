// string.h and the conversions users reach for: lengths, copies (overlapping with
// memmove), comparisons, searches, tokenizing, duplication, and strtol/strtoul with
// bases and end pointers. glibc picks word-at-a-time versions of many of these, so
// lengths and alignments are varied on purpose.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int sign(int v) { return (v > 0) - (v < 0); }

static void check_lengths_and_copies(void) {
  char buf[64];
  for (int offset = 0; offset < 4; ++offset) {
    for (int len = 0; len < 12; len += 5) {
      memset(buf, 'x', sizeof buf);
      char* s = buf + offset;
      memcpy(s, "abcdefghijklmnop", (size_t)len);
      s[len] = '\0';
      printf("%zu ", strlen(s));
    }
  }
  printf("\n");
  char overlap[] = "0123456789";
  memmove(overlap + 2, overlap, 6);
  printf("memmove forward: %s\n", overlap);
  memmove(overlap, overlap + 3, 5);
  printf("memmove backward: %s\n", overlap);
  char joined[32] = "alpha";
  strcat(joined, "-beta");
  strncat(joined, "-gammadelta", 6);
  printf("strcat: %s (%zu)\n", joined, strlen(joined));
  char copy[16];
  strncpy(copy, "short", sizeof copy);
  printf("strncpy: %s, tail zero %d\n", copy, copy[15] == '\0');
}

static void check_comparisons_and_searches(void) {
  printf("strcmp %d %d %d\n", sign(strcmp("abc", "abd")), sign(strcmp("abc", "abc")), sign(strcmp("b", "abc")));
  printf("strncmp %d memcmp %d\n", sign(strncmp("abcdef", "abcxyz", 3)), sign(memcmp("\x01\xff", "\x01\x00", 2)));
  const char* text = "the quick brown fox jumps over the lazy dog";
  printf("strchr %s | strrchr %s\n", strchr(text, 'q'), strrchr(text, 't'));
  printf("strstr %s | missing %p\n", strstr(text, "fox"), (void*)strstr(text, "cat"));
  printf("strspn %zu strcspn %zu\n", strspn("aaabbc", "ab"), strcspn(text, "xyz"));
  printf("memchr offset %d\n", (int)((const char*)memchr(text, 'z', strlen(text)) - text));
}

static void check_tokens_and_numbers(void) {
  char line[] = "  one,two;;three , four";
  for (char* tok = strtok(line, " ,;"); tok; tok = strtok(NULL, " ,;")) printf("<%s>", tok);
  printf("\n");
  char* dup = strdup("duplicated");
  printf("strdup %s %d\n", dup, dup != NULL);
  free(dup);
  char* end;
  long v = strtol("  -1234xyz", &end, 10);
  printf("strtol %ld rest \"%s\"\n", v, end);
  printf("strtol hex %ld octal %ld auto %ld\n", strtol("ff", NULL, 16), strtol("777", NULL, 8), strtol("0x1A", NULL, 0));
  printf("strtoul %lu atoi %d\n", strtoul("4294967295", NULL, 10), atoi("  77 "));
}

int main(void) {
  check_lengths_and_copies();
  check_comparisons_and_searches();
  check_tokens_and_numbers();
  return 0;
}
