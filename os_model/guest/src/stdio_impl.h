/* The FILE structure, shared by the stream code (stdio.c) and the formatter (printf.c). */
#ifndef _DYNSIM_STDIO_IMPL_H
#define _DYNSIM_STDIO_IMPL_H

#include <stdio.h>

#define F_READ 0x1      /* opened for reading */
#define F_WRITE 0x2     /* opened for writing */
#define F_EOF 0x4       /* end-of-file indicator */
#define F_ERR 0x8       /* error indicator */
#define F_LINEBUF 0x10  /* flush after each newline */
#define F_UNBUF 0x20    /* write through, no buffer */
#define F_OWNBUF 0x40   /* buf was malloc'ed by us */
#define F_OWNFILE 0x80  /* the FILE itself was malloc'ed by us */
#define F_PROBETTY 0x100 /* decide line vs full buffering with isatty at first use */

#define UNGET_MAX 4

struct _dynsim_FILE {
	int fd;
	int flags;
	unsigned char *buf;
	size_t bufsize;
	/* Reading: bytes rpos..rend of buf are buffered input. Writing: buf..wpos is pending
	 * output. At most one of the two is non-empty. */
	unsigned char *rpos, *rend;
	unsigned char *wpos;
	int nunget;
	unsigned char unget[UNGET_MAX];
	struct _dynsim_FILE *next; /* all open streams, for fflush(NULL) and exit */
};

/* Appends n bytes to a stream; returns 0 or EOF (and sets F_ERR). */
int __stdio_write(FILE *f, const void *p, size_t n);

#endif
