#include <unistd.h>
#include <stdlib.h>
static int ctor_ran;
__attribute__((constructor)) static void ctor(void) { ctor_ran = 1; }
int main(int argc, char **argv, char **envp) {
  write(1, "hi\n", 3);
  if (!ctor_ran) return 3;
  return argc;
}
