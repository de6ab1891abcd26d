/* dynsim's simulator calls: how guest software talks to the simulator itself.
 *
 * They travel through the ordinary syscall gateway with numbers above Linux-hppa's
 * (os_model/syscall_numbers.h), so on qemu-hppa or a real kernel they just fail with
 * ENOSYS: a program may call them unconditionally.
 */
#ifndef DYNSIM_SIMCALL_H
#define DYNSIM_SIMCALL_H

#include <dynsim/syscall.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DYNSIM_NR_ANNOUNCE_REGION 0x7d00
#define DYNSIM_NR_REPORT_COUNTER 0x7d01

/* Names the code in [lo, hi) for cycle attribution (`dynsim run --profile`, stats
 * regions): later announcements over the same addresses win. 0, or -errno. */
static inline long dynsim_announce_region(const char *name, unsigned long lo, unsigned long hi)
{
	return __dynsim_syscall3(DYNSIM_NR_ANNOUNCE_REGION, name, lo, hi);
}

/* Sets the counter `name` in the stats group guest.counters. 0, or -errno. */
static inline long dynsim_report_counter(const char *name, unsigned long long value)
{
	return __dynsim_syscall3(DYNSIM_NR_REPORT_COUNTER, name, (unsigned long)(value >> 32),
				 (unsigned long)value);
}

#ifdef __cplusplus
}
#endif

#endif
