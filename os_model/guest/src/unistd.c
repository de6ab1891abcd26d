/* Thin wrappers over Linux-hppa system calls: file descriptors, process identity,
 * program break and anonymous mappings. */
#include <unistd.h>
#include <fcntl.h>
#include <stdarg.h>
#include <errno.h>
#include <sys/mman.h>
#include <dynsim/syscall.h>
#include <dynsim/unistd_nr.h>

#define RESULT(expr) __dynsim_syscall_result(expr)

ssize_t read(int fd, void *buf, size_t count)
{
	return RESULT(__dynsim_syscall3(__NR_read, fd, buf, count));
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return RESULT(__dynsim_syscall3(__NR_write, fd, buf, count));
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return (int)RESULT(__dynsim_syscall3(__NR_open, path, flags | O_LARGEFILE, mode));
}

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return (int)RESULT(__dynsim_syscall4(__NR_openat, dirfd, path, flags | O_LARGEFILE, mode));
}

int close(int fd)
{
	return (int)RESULT(__dynsim_syscall1(__NR_close, fd));
}

off_t lseek(int fd, off_t offset, int whence)
{
	return RESULT(__dynsim_syscall3(__NR_lseek, fd, offset, whence));
}

pid_t getpid(void)
{
	return (pid_t)__dynsim_syscall0(__NR_getpid);
}

pid_t gettid(void)
{
	return (pid_t)__dynsim_syscall0(__NR_gettid);
}

int isatty(int fd)
{
	/* TCGETS on Linux-hppa is _IOR('T', 16, struct termios) = 0x403c5410. */
	char termios[60];
	if (RESULT(__dynsim_syscall3(__NR_ioctl, fd, 0x403c5410, termios)) < 0)
		return 0;
	return 1;
}

long syscall(long number, ...)
{
	va_list ap;
	long a[6];
	va_start(ap, number);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return RESULT(__dynsim_syscall6(number, a[0], a[1], a[2], a[3], a[4], a[5]));
}

/* The kernel's brk returns the new break, or the old one when it cannot move it. */
static unsigned long current_break;

int brk(void *addr)
{
	unsigned long result = (unsigned long)__dynsim_syscall1(__NR_brk, addr);
	current_break = result;
	if (result < (unsigned long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(long increment)
{
	if (current_break == 0)
		current_break = (unsigned long)__dynsim_syscall1(__NR_brk, 0);
	unsigned long old = current_break;
	if (increment == 0)
		return (void *)old;
	if (brk((void *)(old + increment)) < 0)
		return (void *)-1;
	return (void *)old;
}

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
	if (offset & 4095) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	/* mmap2 takes the offset in 4096-byte units. */
	long r = __dynsim_syscall6(__NR_mmap2, (long)addr, (long)length, prot, flags, fd, offset >> 12);
	return (void *)RESULT(r);
}

int munmap(void *addr, size_t length)
{
	return (int)RESULT(__dynsim_syscall2(__NR_munmap, addr, length));
}

int mprotect(void *addr, size_t length, int prot)
{
	return (int)RESULT(__dynsim_syscall3(__NR_mprotect, addr, length, prot));
}
