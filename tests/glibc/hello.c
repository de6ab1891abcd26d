// The first program a user writes: one line through stdio, exit status 0.
#include <stdio.h>

int main(void) {
  puts("hello");
  return 0;
}
