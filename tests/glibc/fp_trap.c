/* An enabled IEEE exception traps: with FE_INVALID enabled, 0/0 raises SIGFPE (PA-RISC 2.0
 * manual, chapter 8: an enabled exception traps instead of setting its flag). Before that,
 * the same operation with the trap disabled only sets the flag and gives a NaN. */
#define _GNU_SOURCE
#include <fenv.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void OnFpe(int sig, siginfo_t* info, void* context) {
  (void)context;
  (void)info;
  static const char kMsg[] = "SIGFPE\n";
  write(1, kMsg, sizeof kMsg - 1);
  _exit(sig == SIGFPE ? 3 : 4);
}

int main(void) {
  volatile double zero = 0.0;
  feclearexcept(FE_ALL_EXCEPT);
  volatile double q = zero / zero;
  printf("untrapped: %s invalid=%d\n", q != q ? "nan" : "number", fetestexcept(FE_INVALID) != 0);
  fflush(stdout);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = OnFpe;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGFPE, &sa, 0);
  feenableexcept(FE_INVALID);
  q = zero / zero;
  printf("not trapped: %g\n", q);
  return 0;
}
