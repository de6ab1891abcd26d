// Signals and sleeping through glibc: sigaction handlers, raise, alarm with pause,
// nanosleep, sleep and usleep (clock_nanosleep), and an ITIMER_REAL one-shot; the exit
// status is the number of checks that held.
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t last_signal;

static void record(int signo) { last_signal = signo; }

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = record;
  sigaction(SIGALRM, &sa, NULL);
  sigaction(SIGUSR1, &sa, NULL);
  raise(SIGUSR1);
  int held = last_signal == SIGUSR1;
  printf("raise(SIGUSR1) ran the handler: %d\n", held);
  alarm(1);
  int r = pause();
  held += r == -1 && last_signal == SIGALRM;
  printf("pause returned %d, woken by SIGALRM: %d\n", r, last_signal == SIGALRM);
  struct timespec nap = {0, 20000000};
  r = nanosleep(&nap, NULL);
  held += r == 0;
  printf("nanosleep %d\n", r);
  unsigned left = sleep(1);
  int u = usleep(1000);
  held += left == 0 && u == 0;
  printf("sleep %u, usleep %d\n", left, u);
  struct itimerval once = {{0, 0}, {0, 5000}};
  last_signal = 0;
  setitimer(ITIMER_REAL, &once, NULL);
  pause();
  held += last_signal == SIGALRM;
  printf("one-shot ITIMER_REAL: %d\n", last_signal == SIGALRM);
  return held;
}
