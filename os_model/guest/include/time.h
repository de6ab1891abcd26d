/* Time for the 32-bit Linux-hppa guest: 32-bit time_t, the kernel's time32 syscalls. */
#ifndef _DYNSIM_TIME_H
#define _DYNSIM_TIME_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4

#define CLOCKS_PER_SEC 1000000L

time_t time(time_t *t);
clock_t clock(void);
int clock_gettime(clockid_t clk, struct timespec *ts);
int nanosleep(const struct timespec *req, struct timespec *rem);

#ifdef __cplusplus
}
#endif

#endif
