// The process's arguments and environment: argc/argv as passed, getenv of set and unset
// names, setenv (overwriting or not), unsetenv, and the environ list itself.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char** environ;

int main(int argc, char** argv) {
  printf("argc %d\n", argc);
  for (int i = 1; i < argc; ++i) printf("argv[%d] = \"%s\" (%zu)\n", i, argv[i], strlen(argv[i]));
  printf("argv[argc] is %s\n", argv[argc] ? "set" : "NULL");
  const char* greeting = getenv("GREETING");
  printf("GREETING=%s\n", greeting ? greeting : "(unset)");
  printf("MISSING=%s\n", getenv("MISSING") ? "set" : "(unset)");
  setenv("ADDED", "one", 0);
  setenv("ADDED", "two", 0);
  printf("ADDED=%s\n", getenv("ADDED"));
  setenv("ADDED", "three", 1);
  printf("ADDED=%s\n", getenv("ADDED"));
  unsetenv("GREETING");
  printf("after unsetenv GREETING=%s\n", getenv("GREETING") ? "set" : "(unset)");
  int count = 0;
  for (char** e = environ; *e; ++e) {
    printf("environ: %s\n", *e);
    ++count;
  }
  return count;
}
