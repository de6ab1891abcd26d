// setjmp/longjmp through several call levels, locals that survive (volatile), the value
// 0 turned into 1, and sigsetjmp/siglongjmp restoring the signal mask.
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

static jmp_buf env;
static int depth_reached;

static void descend(int depth) {
  depth_reached = depth;
  if (depth == 5) longjmp(env, depth * 10);
  descend(depth + 1);
}

static int blocked(int signo) {
  sigset_t now;
  sigprocmask(SIG_BLOCK, NULL, &now);
  return sigismember(&now, signo);
}

int main(void) {
  volatile int passes = 0;
  int r = setjmp(env);
  ++passes;
  printf("setjmp returned %d (pass %d)\n", r, passes);
  if (r == 0) descend(1);
  printf("unwound from depth %d\n", depth_reached);

  r = setjmp(env);
  if (r == 0) longjmp(env, 0);
  printf("longjmp(env, 0) makes setjmp return %d\n", r);

  sigjmp_buf senv;
  if (sigsetjmp(senv, 1) == 0) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    printf("blocked before siglongjmp: %d\n", blocked(SIGUSR1));
    siglongjmp(senv, 1);
  }
  printf("blocked after siglongjmp: %d\n", blocked(SIGUSR1));
  return passes == 2 ? 0 : 1;
}
