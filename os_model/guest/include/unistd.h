/* POSIX calls the runtime provides (a subset), thin wrappers over Linux-hppa syscalls. */
#ifndef _DYNSIM_UNISTD_H
#define _DYNSIM_UNISTD_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
pid_t getpid(void);
pid_t gettid(void);
unsigned int alarm(unsigned int seconds);
int brk(void *addr);
void *sbrk(long increment);
int isatty(int fd);
long syscall(long number, ...);
__attribute__((noreturn)) void _exit(int status);

#ifdef __cplusplus
}
#endif

#endif
