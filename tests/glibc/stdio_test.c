// stdio as users call it: printf's integer, string and character conversions with flags,
// widths and precisions; snprintf truncation; sscanf; stderr; putchar and fputs; and an
// exit status made from what was printed, so a wrong count shows in the status too.
#include <stdio.h>
#include <string.h>

static int check_snprintf(void) {
  char small[8];
  int wanted = snprintf(small, sizeof small, "%s-%d", "truncated", 12345);
  printf("snprintf wanted %d, kept \"%s\" (%zu)\n", wanted, small, strlen(small));
  return wanted;
}

static void check_sscanf(void) {
  int a = 0, b = 0;
  unsigned x = 0;
  char word[16] = "";
  int n = sscanf("42 -17 ff parisc", "%d %d %x %15s", &a, &b, &x, word);
  printf("sscanf matched %d: %d %d %u %s\n", n, a, b, x, word);
}

int main(void) {
  int total = 0;
  total += printf("[%d] [%5d] [%-5d] [%05d] [%+d] [% d]\n", 7, 42, 42, 42, 42, 42);
  total += printf("[%u] [%x] [%X] [%#x] [%o] [%#o]\n", 4000000000u, 0xbeef, 0xbeef, 255, 8, 8);
  total += printf("[%ld] [%lld] [%llu] [%hd] [%hhu]\n", -123456789L, -1234567890123LL,
                  18446744073709551615ULL, (short)-2, (unsigned char)300);
  total += printf("[%s] [%10s] [%-10s] [%.3s] [%c%c]\n", "str", "right", "left", "precision", 'o', 'k');
  total += printf("[%p] [%%] [%*d] [%.*d]\n", (void*)0x1234, 6, 99, 4, 7);
  fputs("to stderr via fputs\n", stderr);
  fprintf(stderr, "fprintf to stderr: %d\n", 99);
  for (const char* p = "putchar\n"; *p; ++p) putchar(*p);
  int wanted = check_snprintf();
  check_sscanf();
  printf("printed %d characters\n", total);
  fflush(stdout);
  return (total + wanted) % 256;
}
