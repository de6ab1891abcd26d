/* Small wrappers: file status, uname, getrandom. */
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/random.h>
#include <stddef.h>
#include <dynsim/syscall.h>
#include <dynsim/unistd_nr.h>

#define RESULT(expr) __dynsim_syscall_result(expr)

/* The parisc struct stat of asm/stat.h. */
_Static_assert(sizeof(struct stat) == 104, "parisc struct stat is 104 bytes");
_Static_assert(offsetof(struct stat, st_size) == 20, "st_size offset");
_Static_assert(offsetof(struct stat, st_blksize) == 48, "st_blksize offset");
_Static_assert(offsetof(struct stat, st_uid) == 84, "st_uid offset");
_Static_assert(sizeof(struct utsname) == 6 * 65, "new_utsname");

int fstat(int fd, struct stat *st)
{
	return (int)RESULT(__dynsim_syscall2(__NR_fstat, fd, st));
}

int stat(const char *path, struct stat *st)
{
	return (int)RESULT(__dynsim_syscall2(__NR_stat, path, st));
}

int lstat(const char *path, struct stat *st)
{
	return (int)RESULT(__dynsim_syscall2(__NR_lstat, path, st));
}

int uname(struct utsname *buf)
{
	return (int)RESULT(__dynsim_syscall1(__NR_uname, buf));
}

ssize_t getrandom(void *buf, size_t len, unsigned int flags)
{
	return RESULT(__dynsim_syscall3(__NR_getrandom, buf, len, flags));
}
