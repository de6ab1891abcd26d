/* The size argument every workload takes: argv[1] names a row of the program's size table
 * ("test", the default; "train"; "ref"), an array of structs whose first member is
 * `const char *name`. An unknown size prints a message on stderr and exits with status 2.
 * Shared by the guest and host builds of every workload, so plain C (and C++). */
#ifndef DYNSIM_WORKLOADS_SIZE_ARG_H
#define DYNSIM_WORKLOADS_SIZE_ARG_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline size_t workload_size_index(int argc, char **argv, const char *prog, const void *table,
					 size_t stride, size_t count)
{
	const char *want = argc > 1 ? argv[1] : "test";
	for (size_t i = 0; i < count; i++) {
		const char *name = *(const char *const *)((const char *)table + i * stride);
		if (strcmp(want, name) == 0)
			return i;
	}
	fprintf(stderr, "%s: unknown size '%s' (use test, train or ref)\n", prog, want);
	exit(2);
}

/* A pointer to the row of TABLE that argv[1] names. */
#define WORKLOAD_SIZE(table, argc, argv, prog) \
	(&(table)[workload_size_index((argc), (argv), (prog), (table), sizeof((table)[0]), \
				      sizeof(table) / sizeof((table)[0]))])

#endif
