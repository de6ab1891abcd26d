/* Linux-hppa system-call numbers (32-bit), from the kernel's asm/unistd_32.h for parisc.
 * Only the ones the runtime uses; the simulator's os_model has its own table. */
#ifndef DYNSIM_UNISTD_NR_H
#define DYNSIM_UNISTD_NR_H

#define __NR_exit 1
#define __NR_read 3
#define __NR_write 4
#define __NR_open 5
#define __NR_close 6
#define __NR_lseek 19
#define __NR_getpid 20
#define __NR_alarm 27
#define __NR_kill 37
#define __NR_brk 45
#define __NR_ioctl 54
#define __NR_gettimeofday 78
#define __NR_munmap 91
#define __NR_setitimer 104
#define __NR_getitimer 105
#define __NR_fstat 28
#define __NR_stat 18
#define __NR_lstat 84
#define __NR_uname 59
#define __NR_writev 146
#define __NR_nanosleep 162
#define __NR_rt_sigreturn 173
#define __NR_rt_sigaction 174
#define __NR_rt_sigprocmask 175
#define __NR_rt_sigpending 176
#define __NR_rt_sigsuspend 179
#define __NR_sigaltstack 166
#define __NR_mmap2 89
#define __NR_mprotect 125
#define __NR_gettid 206
#define __NR_tgkill 259
#define __NR_time 13
#define __NR_clock_gettime 256
#define __NR_exit_group 222
#define __NR_openat 275
#define __NR_getrandom 339

#endif
