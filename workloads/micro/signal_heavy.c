/* signal_heavy: SIGALRM at a high rate while the main program computes.
 *
 * setitimer(ITIMER_REAL) fires every millisecond. The handler does real work: it advances
 * its own generator a few hundred steps, appends to a ring buffer shared with main, and
 * samples main's progress counter (a volatile sig_atomic_t), checking that progress never
 * runs backwards. Main computes a long hash chain in W steps, publishing its progress,
 * then waits until the handler has run at least K times. The timer is then stopped.
 *
 * Everything printed is independent of when the signals arrived: the handler's digest over
 * its first K runs and main's digest over W steps (a signal that corrupted main's registers
 * would change it); the ring must hold the handler's last states. Under qemu the rate is
 * real time; under dynsim, simulated time; either way the result is the same.
 *
 * Usage: signal_heavy [test|train|ref|K] (K handler runs; W scales with K). Exits 0 when
 * both digests equal values computed without signals (by the same functions, called
 * directly), so the check is independent of signal timing and of the host. */
#include <signal.h>
#include <sys/time.h>

#include "common.h"

#define RING 256
#define HANDLER_STEPS 300

static volatile sig_atomic_t ticks;          /* handler runs so far */
static volatile sig_atomic_t main_progress;  /* main's completed steps */
static volatile sig_atomic_t progress_seen;  /* last progress the handler saw */
static volatile sig_atomic_t backwards;      /* progress ever decreased */
static volatile uint32_t ring[RING];
static uint32_t handler_digest, handler_state = 0x1234567u, limit_k;

static uint32_t handler_work(uint32_t state, uint32_t *digest)
{
	int i;
	for (i = 0; i < HANDLER_STEPS; i++) {
		state ^= state << 7;
		state ^= state >> 9;
		*digest = micro_mix(*digest, state);
	}
	return state;
}

static void on_alarm(int sig)
{
	sig_atomic_t t = ticks, p = main_progress;
	(void)sig;
	if (p < progress_seen)
		backwards = 1;
	progress_seen = p;
	if ((uint32_t)t < limit_k) {
		handler_state = handler_work(handler_state, &handler_digest);
		ring[t % RING] = handler_state;
	}
	ticks = t + 1;
}

static uint32_t main_step(uint32_t h, uint32_t i)
{
	int k;
	for (k = 0; k < 16; k++)
		h = (h ^ (i + (uint32_t)k)) * 0x01000193u + (h >> 13);
	return h;
}

int main(int argc, char **argv)
{
	uint32_t k = micro_size(argc, argv, "signal_heavy", 20u, 500u, 3000u);
	uint32_t w = k * 1000u, h = 0x811c9dc5u, i, want_h, want_handler = 0, state = 0x1234567u;
	int ring_bad = 0;
	struct sigaction sa;
	struct itimerval it;

	limit_k = k;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	if (sigaction(SIGALRM, &sa, 0) != 0) {
		printf("signal_heavy: sigaction failed\n");
		return 1;
	}
	it.it_interval.tv_sec = 0;
	it.it_interval.tv_usec = 1000;
	it.it_value = it.it_interval;
	if (setitimer(ITIMER_REAL, &it, 0) != 0) {
		printf("signal_heavy: setitimer failed\n");
		return 1;
	}
	for (i = 0; i < w; i++) {
		h = main_step(h, i);
		main_progress = (sig_atomic_t)(i + 1);
	}
	while ((uint32_t)ticks < k)
		; /* wait for the remaining handler runs */
	it.it_value.tv_usec = 0;
	it.it_interval.tv_usec = 0;
	setitimer(ITIMER_REAL, &it, 0);
	/* Replay the handler's work without signals; the ring must hold its last RING states. */
	for (i = 0; i < k; i++) {
		state = handler_work(state, &want_handler);
		if (k - i <= RING && ring[i % RING] != state)
			ring_bad = 1;
	}
	for (want_h = 0x811c9dc5u, i = 0; i < w; i++)
		want_h = main_step(want_h, i);
	printf("signal_heavy: handler_runs>=%lu main_steps=%lu handler=%08lx main=%08lx\n", (unsigned long)k,
	       (unsigned long)w, (unsigned long)handler_digest, (unsigned long)h);
	if (backwards || ring_bad || h != want_h || handler_digest != want_handler || handler_state != state) {
		printf("signal_heavy: WRONG (expected handler=%08lx main=%08lx%s)\n", (unsigned long)want_handler,
		       (unsigned long)want_h, backwards ? ", progress ran backwards" : "");
		return 1;
	}
	return 0;
}
