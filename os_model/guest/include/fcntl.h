/* open() flags as Linux-hppa defines them (asm/fcntl.h for parisc; several differ
 * from other architectures). */
#ifndef _DYNSIM_FCNTL_H
#define _DYNSIM_FCNTL_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_ACCMODE 3
#define O_APPEND 000000010
#define O_NOFOLLOW 000000200
#define O_CREAT 000000400
#define O_EXCL 000002000
#define O_LARGEFILE 000004000
#define O_DIRECTORY 000010000
#define O_TRUNC 00001000
#define O_NONBLOCK 000200000
#define O_NOCTTY 000400000
#define O_CLOEXEC 010000000

#define AT_FDCWD (-100)

int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);

#ifdef __cplusplus
}
#endif

#endif
