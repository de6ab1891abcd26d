/* Clocks, sleeping and interval timers over Linux-hppa's 32-bit time syscalls. */
#include <time.h>
#include <sys/time.h>
#include <unistd.h>
#include <dynsim/syscall.h>
#include <dynsim/unistd_nr.h>

#define RESULT(expr) __dynsim_syscall_result(expr)

time_t time(time_t *t)
{
	time_t now = (time_t)__dynsim_syscall1(__NR_time, 0);
	if (t)
		*t = now;
	return now;
}

int gettimeofday(struct timeval *tv, void *tz)
{
	return (int)RESULT(__dynsim_syscall2(__NR_gettimeofday, tv, tz));
}

int clock_gettime(clockid_t clk, struct timespec *ts)
{
	return (int)RESULT(__dynsim_syscall2(__NR_clock_gettime, clk, ts));
}

/* Processor time in microseconds (CLOCKS_PER_SEC); wraps like any 32-bit clock_t. */
clock_t clock(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
		return (clock_t)-1;
	return (clock_t)(ts.tv_sec * 1000000L + ts.tv_nsec / 1000);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)RESULT(__dynsim_syscall2(__NR_nanosleep, req, rem));
}

int setitimer(int which, const struct itimerval *value, struct itimerval *old)
{
	return (int)RESULT(__dynsim_syscall3(__NR_setitimer, which, value, old));
}

int getitimer(int which, struct itimerval *value)
{
	return (int)RESULT(__dynsim_syscall2(__NR_getitimer, which, value));
}

unsigned int alarm(unsigned int seconds)
{
	/* Cannot fail: returns the seconds left on the previous alarm. */
	return (unsigned int)__dynsim_syscall1(__NR_alarm, seconds);
}
