/* timer_storm: SIGALRM from setitimer(ITIMER_REAL) at a short interval while hot loops run
 * (under Dynamo: from the fragment cache), measuring each signal's delivery latency.
 *
 * The handler reads cr16 (the interval timer, one count per cycle: PA-RISC 2.0 manual,
 * "Interval Timer") as its first action. The timer was armed at cycle T0 (cr16 read just
 * before setitimer) with its first expiry one interval I later, so the handler's k-th
 * possible expiry is T0 + k*I and its latency is the time since the last expiry before it:
 * (h - T0) mod I, which is the delay as long as it stays under I (with `latency`, the
 * number of expiries that passed without a handler run is printed too: a coalesced signal
 * is a late one). Natively that is the OS's delivery at the next instruction boundary
 * plus the handler's prologue and the syscall path before T0; under Dynamo also Dynamo's
 * own handler, the wait for the next fragment exit, and the frame Dynamo builds.
 *
 * Main runs W rounds of a xorshift loop whose result does not depend on the signals, then
 * stops the timer. Printed (without `latency`): the loop's checksum and whether the
 * handler ran at all, so native, Dynamo and qemu-hppa runs print the same. With a second
 * argument `latency`: ticks, missed expiries, best, mean and worst latency in cycles (the
 * best is mostly the constant path from T0 to the OS arming the timer; those
 * depend on timing, and under qemu-hppa cr16 is not a cycle count).
 *
 * Usage: timer_storm [test|train|ref|W] [latency [INTERVAL_US]] (interval default 100). */
#include <signal.h>
#include <sys/time.h>

#include "common.h"

static uint32_t t0, interval_cycles;
static volatile uint32_t ticks, worst, best = 0xffffffffu, missed;
static volatile uint64_t latency_sum;
static uint32_t last_expiry;

static inline uint32_t cr16(void)
{
	uint32_t t;
	__asm__ volatile("mfctl %%cr16, %0" : "=r"(t));
	return t;
}

static void on_alarm(int sig)
{
	uint32_t h = cr16(), since = h - t0, expiry = since / interval_cycles, late = since % interval_cycles;
	(void)sig;
	if (expiry > last_expiry + 1)
		missed += expiry - last_expiry - 1;
	last_expiry = expiry;
	latency_sum += late;
	if (late > worst)
		worst = late;
	if (late < best)
		best = late;
	ticks++;
}

static uint32_t hot_loop(uint32_t x, uint32_t n)
{
	uint32_t i, sum = 0;
	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		sum += x;
	}
	return sum ^ x;
}

int main(int argc, char **argv)
{
	uint32_t w = micro_size(argc, argv, "timer_storm", 300u, 3000u, 30000u), r, h = 0x811c9dc5u;
	int latency = argc > 2 && strcmp(argv[2], "latency") == 0;
	uint32_t interval_us = argc > 3 ? (uint32_t)strtoul(argv[3], 0, 10) : 100u;
	struct sigaction sa;
	struct itimerval it;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, 0) != 0) {
		printf("timer_storm: sigaction failed\n");
		return 1;
	}
	interval_cycles = interval_us * 180u;  /* the default machine's 180 MHz clock */
	it.it_interval.tv_sec = 0;
	it.it_interval.tv_usec = (long)interval_us;
	it.it_value = it.it_interval;
	t0 = cr16();
	if (setitimer(ITIMER_REAL, &it, 0) != 0) {
		printf("timer_storm: setitimer failed\n");
		return 1;
	}
	for (r = 0; r < w; r++)
		h = micro_mix(h, hot_loop(r + 1, 1000));
	memset(&it, 0, sizeof it);
	setitimer(ITIMER_REAL, &it, 0);
	printf("timer_storm: rounds=%lu checksum=%08lx handler_ran=%d\n", (unsigned long)w, (unsigned long)h, ticks > 0);
	if (latency)
		printf("timer_storm: interval %lu cycles, ticks %lu, missed %lu, latency best %lu mean %lu worst %lu cycles\n",
		       (unsigned long)interval_cycles, (unsigned long)ticks, (unsigned long)missed, (unsigned long)best,
		       (unsigned long)(ticks ? latency_sum / ticks : 0), (unsigned long)worst);
	return 0;
}
