/* File status for the 32-bit Linux-hppa guest.
 *
 * struct stat is exactly what the kernel's fstat/stat/lstat (syscalls 28/18/84, the
 * "new" stat calls on parisc) fill in: the parisc layout of asm/stat.h, 104 bytes, with
 * HP-UX-derived fields. Each (seconds, nanoseconds) pair is laid out like a
 * struct timespec, so it is exposed as st_atim/st_mtim/st_ctim. Sizes are 32-bit. */
#ifndef _DYNSIM_SYS_STAT_H
#define _DYNSIM_SYS_STAT_H

#include <sys/types.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

struct stat {
	unsigned int st_dev;
	unsigned int st_ino;
	unsigned short st_mode;
	unsigned short st_nlink;
	unsigned short __reserved1; /* old 16-bit uid */
	unsigned short __reserved2; /* old 16-bit gid */
	unsigned int st_rdev;
	int st_size;
	struct timespec st_atim;
	struct timespec st_mtim;
	struct timespec st_ctim;
	int st_blksize;
	int st_blocks;
	unsigned int __unused1[4];
	unsigned short __unused5;
	short st_fstype;
	unsigned int st_realdev;
	unsigned short st_basemode;
	unsigned short st_spareshort;
	unsigned int st_uid;
	unsigned int st_gid;
	unsigned int __spare4[3];
};
#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec

#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000
#define S_ISUID 04000
#define S_ISGID 02000
#define S_ISVTX 01000
#define S_IRWXU 0700
#define S_IRUSR 0400
#define S_IWUSR 0200
#define S_IXUSR 0100
#define S_IRWXG 070
#define S_IRGRP 040
#define S_IWGRP 020
#define S_IXGRP 010
#define S_IRWXO 07
#define S_IROTH 04
#define S_IWOTH 02
#define S_IXOTH 01

#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m) (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

int fstat(int fd, struct stat *st);
int stat(const char *path, struct stat *st);
int lstat(const char *path, struct stat *st);

#ifdef __cplusplus
}
#endif

#endif
