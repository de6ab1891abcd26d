/* Tiny unbuffered output for the runtime's signal and setjmp tests.
 *
 * These tests print from signal handlers and right before abort(), where buffered stdio
 * is not safe (not async-signal-safe, and abort does not flush), so they write(2)
 * directly. Each call formats one line: out("label", value) prints "label value\n". */
#ifndef RT_OUT_H
#define RT_OUT_H

#include <unistd.h>

static inline void out_str(const char *s)
{
	const char *e = s;
	while (*e)
		e++;
	write(1, s, (size_t)(e - s));
}

/* "label value\n" with value in decimal. */
static inline void out(const char *label, long value)
{
	char buf[16];
	int n = sizeof(buf);
	unsigned long u = value < 0 ? -(unsigned long)value : (unsigned long)value;
	buf[--n] = '\n';
	do {
		buf[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (value < 0)
		buf[--n] = '-';
	buf[--n] = ' ';
	out_str(label);
	write(1, buf + n, sizeof(buf) - n);
}

#endif
