/* fstat, uname and getrandom. Standard input is the 37-byte file sysinfo_input.txt,
 * so fstat(0) must find a regular file of that size in the parisc struct stat. */
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/random.h>
#include <errno.h>
#include "rt_out.h"

static int same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int main(void)
{
	struct stat st;
	out("fstat(0)", fstat(0, &st));
	out("st_size", st.st_size);
	out("S_ISREG", S_ISREG(st.st_mode));
	out("S_ISDIR", S_ISDIR(st.st_mode));
	out("st_nlink >= 1", st.st_nlink >= 1);
	out("st_blksize > 0", st.st_blksize > 0);
	out("st_mtime > 0", st.st_mtime > 0);
	errno = 0;
	out("fstat(-1)", fstat(-1, &st));
	out("errno EBADF", errno == EBADF);

	struct utsname u;
	out("uname", uname(&u));
	out("sysname is Linux", same(u.sysname, "Linux"));
	/* A 32-bit kernel says "parisc", a 64-bit one "parisc64". */
	out("machine starts with parisc", u.machine[0] == 'p' && u.machine[5] == 'c');

	unsigned char buf[16];
	out("getrandom", getrandom(buf, sizeof(buf), 0));
	out("getrandom nonblock", getrandom(buf, 8, GRND_NONBLOCK));
	return 0;
}
