/* One asynchronous signal landing in a fragment that loops on itself (spin.S): a one-shot
 * ITIMER_REAL of 2 ms while main spins on a flag that only the SIGALRM handler sets. The
 * loop is hot long before the timer expires, so the signal lands in its fragment, which
 * Dynamo must make leave (its loop branch, or its linked back-edge stub, sent to Dynamo)
 * for the handler to run at all; after the delivery the link comes back and the loop,
 * entered again, sees the flag and ends. Prints only what does not depend on timing. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

int spin(volatile int *flag);

static volatile int flag, handled;

static void on_alarm(int sig)
{
	(void)sig;
	handled++;
	flag = 1;
}

int main(void)
{
	struct sigaction sa;
	struct itimerval it;
	int iterations;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	memset(&it, 0, sizeof it);
	it.it_value.tv_usec = 2000;
	setitimer(ITIMER_REAL, &it, NULL);
	iterations = spin(&flag);
	printf("handled %d, spun more than 1000 times %d\n", handled, iterations > 1000);
	return 0;
}
