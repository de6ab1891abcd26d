/* getrandom for the Linux-hppa guest (syscall 339). Under dynsim the bytes come from a
 * seeded generator, so runs stay deterministic. */
#ifndef _DYNSIM_SYS_RANDOM_H
#define _DYNSIM_SYS_RANDOM_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GRND_NONBLOCK 0x0001
#define GRND_RANDOM 0x0002
#define GRND_INSECURE 0x0004

ssize_t getrandom(void *buf, size_t len, unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif
