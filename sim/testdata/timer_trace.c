/* A guest whose output records exactly when its timers fired: the fixture for the SystemC
 * quantum-independence test (sim/system_test.cc). Unlike the runtime's timer tests, which
 * print only that a signal came, this prints the cycle counter (cr16) and the main loop's
 * progress at every SIGALRM and SIGVTALRM, the time left on an interrupted nanosleep, and
 * alarm()'s return values, so any change in where a signal lands changes the output.
 *
 * It covers: a periodic ITIMER_REAL, an alarm armed and cancelled before it fires, a
 * nanosleep cut short by a timer, and ITIMER_VIRTUAL (which does not count slept time). */
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define TICKS 12

static volatile unsigned long progress;
static volatile int alrm, vtalrm;
static unsigned long alrm_at[TICKS], alrm_progress[TICKS], vtalrm_at[TICKS];

static unsigned long cycles(void)
{
	unsigned long c;
	__asm__ volatile("mfctl %%cr16, %0" : "=r"(c));
	return c;
}

static void on_signal(int sig)
{
	if (sig == SIGALRM && alrm < TICKS) {
		alrm_at[alrm] = cycles();
		alrm_progress[alrm] = progress;
		alrm++;
	} else if (sig == SIGVTALRM && vtalrm < TICKS) {
		vtalrm_at[vtalrm++] = cycles();
	}
}

static void set_timer(int which, long usec)
{
	struct itimerval it;
	it.it_interval.tv_sec = 0;
	it.it_interval.tv_usec = usec;
	it.it_value = it.it_interval;
	setitimer(which, &it, 0);
}

/* Work whose length in instructions depends on the data, so signals land mid-loop. */
static void spin_until(volatile int *count, int n)
{
	unsigned long h = 1;
	while (*count < n) {
		h = h * 33 + (h >> 7);
		progress++;
	}
	if (h == 0)
		printf("unreachable\n");
}

int main(void)
{
	struct sigaction sa;
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigaction(SIGALRM, &sa, 0);
	sigaction(SIGVTALRM, &sa, 0);

	unsigned long start = cycles();
	/* An alarm armed and cancelled long before it is due never fires. */
	printf("alarm(5) -> %u\n", alarm(5));
	printf("alarm(0) -> %u\n", alarm(0));

	/* ITIMER_REAL every 17 us (3060 cycles at 180 MHz). */
	set_timer(ITIMER_REAL, 17);
	spin_until(&alrm, TICKS / 2);
	/* A nanosleep of 1 ms is interrupted by the next tick. */
	struct timespec nap = {0, 1000000}, rem = {0, 0};
	int r = nanosleep(&nap, &rem);
	printf("nanosleep -> %d, %ld ns left\n", r, rem.tv_nsec);
	spin_until(&alrm, TICKS);
	set_timer(ITIMER_REAL, 0);

	/* ITIMER_VIRTUAL every 23 us of running time, with a sleep in between. */
	set_timer(ITIMER_VIRTUAL, 23);
	spin_until(&vtalrm, TICKS / 2);
	struct timespec pause = {0, 50000};
	nanosleep(&pause, 0);
	spin_until(&vtalrm, TICKS);
	set_timer(ITIMER_VIRTUAL, 0);

	for (int i = 0; i < TICKS; i++)
		printf("SIGALRM %2d at +%lu cycles, progress %lu\n", i, alrm_at[i] - start, alrm_progress[i]);
	for (int i = 0; i < TICKS; i++)
		printf("SIGVTALRM %2d at +%lu cycles\n", i, vtalrm_at[i] - start);
	printf("total progress %lu\n", progress);
	return 0;
}
