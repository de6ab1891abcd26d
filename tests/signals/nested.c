/* Nested signal delivery. A SIGUSR1 handler raises SIGUSR2, whose handler runs on top of
 * it (a second frame) and returns into it; a SIGUSR2 raised while SIGUSR2's own handler
 * runs stays pending until that handler returns (the signal is blocked during its
 * handler), then runs once; with SA_NODEFER a handler may re-enter itself. Each handler
 * appends a letter to a trace, so the order of events is the output. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static char trace[64];
static int len;
static volatile int depth, max_depth;

static void mark(char c)
{
	trace[len++] = c;
}

static void on_usr2(int sig)
{
	(void)sig;
	mark('b');
	static int again;
	if (!again++)
		raise(SIGUSR2); /* blocked while this handler runs: delivered after it returns */
	mark('B');
}

static void on_usr1(int sig)
{
	(void)sig;
	mark('a');
	raise(SIGUSR2); /* not blocked here: runs at once, nested on this frame */
	mark('A');
}

static void on_alrm_nodefer(int sig)
{
	(void)sig;
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (depth < 5)
		raise(SIGALRM); /* SA_NODEFER: re-enters this handler */
	depth--;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, 0);
	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, 0);
	raise(SIGUSR1);
	trace[len] = 0;
	printf("trace %s\n", trace);

	sa.sa_handler = on_alrm_nodefer;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGALRM, &sa, 0);
	raise(SIGALRM);
	printf("nodefer max depth %d, back to %d\n", max_depth, depth);

	/* The mask inside a handler is restored when it returns. */
	sigset_t now;
	sigprocmask(SIG_BLOCK, 0, &now);
	printf("after handlers: USR1 blocked %d, USR2 blocked %d\n", sigismember(&now, SIGUSR1),
	       sigismember(&now, SIGUSR2));
	return 0;
}
