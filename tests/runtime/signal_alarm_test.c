/* SIGALRM from alarm() and from an ITIMER_REAL interval timer. The tests check that the
 * handler runs (and how often), never when: the program busy-waits, with a generous
 * wall-clock bound so a broken timer fails instead of hanging. */
#include <signal.h>
#include <time.h>
#include <sys/time.h>
#include <unistd.h>
#include "rt_out.h"

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	if (sig == SIGALRM)
		alarms++;
}

/* Spins until `alarms` reaches n; returns 0 if that takes more than 20 seconds. */
static int wait_for(int n)
{
	time_t start = time(0);
	while (alarms < n) {
		if (time(0) - start > 20)
			return 0;
	}
	return 1;
}

int main(void)
{
	struct sigaction sa;
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigaction(SIGALRM, &sa, 0);

	/* alarm(): one SIGALRM; no previous alarm was pending. */
	out("alarm(1) previous", alarm(1));
	out("alarm fired", wait_for(1));
	out("alarms", alarms);

	/* alarm() returns the seconds left on the one it replaces; alarm(0) cancels. */
	alarm(100);
	unsigned left = alarm(0);
	out("left of 100 is 99..100", left >= 99 && left <= 100);
	out("after cancel", alarm(0));

	/* ITIMER_REAL, 10 ms period: at least 5 deliveries. */
	struct itimerval it, cur;
	it.it_interval.tv_sec = 0;
	it.it_interval.tv_usec = 10000;
	it.it_value = it.it_interval;
	alarms = 0;
	out("setitimer", setitimer(ITIMER_REAL, &it, 0));
	out("getitimer", getitimer(ITIMER_REAL, &cur));
	out("interval usec", cur.it_interval.tv_usec);
	out("value within period", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec <= 10000);
	out("5 timer signals", wait_for(5));

	/* Stop it; the stopped timer reads as zero. */
	struct itimerval zero, prev;
	timerclear(&zero.it_interval);
	timerclear(&zero.it_value);
	out("stop", setitimer(ITIMER_REAL, &zero, &prev));
	out("previous interval usec", prev.it_interval.tv_usec);
	getitimer(ITIMER_REAL, &cur);
	out("stopped value set", timerisset(&cur.it_value));
	out("stopped interval set", timerisset(&cur.it_interval));

	/* The clocks move forward. */
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	struct timespec nap = {0, 2000000};
	out("nanosleep", nanosleep(&nap, 0));
	clock_gettime(CLOCK_MONOTONIC, &b);
	long long ns = (long long)(b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
	out("monotonic advanced >= 2ms", ns >= 2000000);
	struct timeval tv;
	out("gettimeofday", gettimeofday(&tv, 0));
	out("usec in range", tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	struct timespec rt;
	out("clock_gettime(REALTIME)", clock_gettime(CLOCK_REALTIME, &rt));
	out("realtime agrees with time()", rt.tv_sec - time(0) <= 1 && time(0) - rt.tv_sec <= 1);
	return 0;
}
