/* errno and the raw-result conversion shared by every syscall wrapper. */
#include <errno.h>
#include <dynsim/syscall.h>

int errno;

long __dynsim_syscall_result(long raw)
{
	/* Linux returns -4095..-1 for errors (the kernel's MAX_ERRNO). */
	if ((unsigned long)raw > (unsigned long)-4096L) {
		errno = (int)-raw;
		return -1;
	}
	return raw;
}
