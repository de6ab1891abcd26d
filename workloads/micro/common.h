/* Shared helpers of the micro workloads: size-argument parsing and the checksum mix.
 * Header-only so that every micro workload stays a single self-contained program. */
#ifndef WORKLOADS_MICRO_COMMON_H
#define WORKLOADS_MICRO_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Picks the count for argv[1]: "test" (the default), "train", "ref", or a positive decimal
 * number. Exits with status 2 and a message on stderr for anything else. */
static inline uint32_t micro_size(int argc, char **argv, const char *prog, uint32_t test, uint32_t train,
				  uint32_t ref)
{
	const char *s = argc > 1 ? argv[1] : "test";
	char *end;
	unsigned long v;
	if (strcmp(s, "test") == 0)
		return test;
	if (strcmp(s, "train") == 0)
		return train;
	if (strcmp(s, "ref") == 0)
		return ref;
	v = strtoul(s, &end, 10);
	if (*s >= '0' && *s <= '9' && *end == 0 && v > 0 && v <= 0xffffffffUL)
		return (uint32_t)v;
	fprintf(stderr, "%s: bad size '%s' (use test, train, ref or a positive number)\n", prog, s);
	exit(2);
}

static inline uint32_t micro_mix(uint32_t h, uint32_t x)
{
	h ^= x;
	h *= 0x01000193u;
	return h ^ (h >> 15);
}

#endif
