/* vortex: driver. Builds the database for the chosen size, runs the transaction stream,
 * checks consistency, and compares a checksum of every result, the final contents and
 * the statistics with the value recorded for the size.
 *
 * Usage: vortex [test|train|ref] */
#include <stdio.h>
#include <string.h>

#include "vortex.h"
#include "size_arg.h"

struct size {
	const char *name;
	Workload w;
	uint32_t expected;
};

/* Expected checksums: from a host build of these same files (gcc -O2 on x86-64, the BUILD's
 * vortex_host target), re-checked by vortex_host_test. Only 32-bit unsigned arithmetic on
 * object contents and ids reaches the checksum (never an address), so every host agrees. */
static const struct size sizes[] = {
	{"test", {100, 8, 50, 400}, 0xde4fd6c8u},
	{"train", {1000, 30, 300, 10000}, 0x7157a1d7u},
	{"ref", {2000, 60, 600, 40000}, 0x1fa06eeeu},
};

static uint32_t mix(uint32_t h, uint32_t x)
{
	h = (h ^ x) * 0x01000193u;
	return h ^ (h >> 13);
}

int main(int argc, char **argv)
{
	const struct size *sz = WORKLOAD_SIZE(sizes, argc, argv, "vortex");
	static Db db;
	Rng rng;
	uint32_t sum, i;
	int problems;
	db_init(&db);
	rng.s = 0x3c6ef372u;
	sum = run_workload(&db, &sz->w, &rng);
	problems = db_check(&db);
	sum = mix(sum, db_digest(&db));
	sum = mix(sum, db.inserts);
	sum = mix(sum, db.deletes);
	sum = mix(sum, db.updates);
	sum = mix(sum, db.commits);
	sum = mix(sum, db.aborts);
	printf("vortex %s: people=%lu companies=%lu orders=%lu lines=%lu commits=%lu aborts=%lu checksum=%08lx\n",
	       sz->name, (unsigned long)db.tables[T_PERSON].live, (unsigned long)db.tables[T_COMPANY].live,
	       (unsigned long)db.tables[T_ORDER].live, (unsigned long)db.tables[T_LINE].live,
	       (unsigned long)db.commits, (unsigned long)db.aborts, (unsigned long)sum);
	db_free(&db);
	if (problems) {
		printf("vortex: WRONG: %d consistency problems at the end\n", problems);
		return 1;
	}
	if (sum != sz->expected) {
		printf("vortex: WRONG checksum (expected %08lx)\n", (unsigned long)sz->expected);
		return 1;
	}
	return 0;
}
