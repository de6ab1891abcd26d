/* go: self-play driver. Plays a number of games of up to a fixed number of moves each
 * (two passes end a game early), scores the final positions by area, and checks a
 * checksum of all moves, counters and final boards against the value recorded for the
 * size.
 *
 * Usage: go [test|train|ref] */
#include <stdio.h>
#include <string.h>

#include "go.h"
#include "size_arg.h"

extern uint32_t ladder_nodes, pattern_evaluations;

struct size {
	const char *name;
	int games, setup, moves;
	uint32_t expected;
};

/* Expected checksums: from a host build of these same files (gcc -O2 on x86-64, the BUILD's
 * go_host target), re-checked by go_host_test. Only 32-bit unsigned arithmetic reaches the
 * checksum and no address or host-dependent order does, so it is the same on any host. */
static const struct size sizes[] = {
	{"test", 1, 60, 1, 0x2a339c2bu},
	{"train", 1, 20, 60, 0x4a7efaefu},
	{"ref", 2, 10, 130, 0x3a714c42u},
};

static uint32_t checksum;

static void mix(uint32_t x) { checksum = (checksum ^ x) * 0x01000193u + 0x7f4a7c15u; }

/* Opening set-up: `count` cheap pseudo-random moves (legal, not filling own eyes), so that
 * even a short run starts from a position with fights, ataris and captures. */
static void random_setup(Board *b, int count, uint32_t seed)
{
	int k, color = BLACK;
	for (k = 0; k < count; k++) {
		int tries, p = PASS;
		for (tries = 0; tries < 50; tries++) {
			int q;
			seed = seed * 1664525u + 1013904223u;
			q = POINT((int)((seed >> 8) % N), (int)((seed >> 20) % N));
			if (b->color[q] == EMPTY && !is_eye_like(b, q, color) && is_legal(b, q, color)) {
				p = q;
				break;
			}
		}
		play_move(b, p, color);
		mix((uint32_t)p);
		color = OTHER(color);
	}
}

/* Area score: stones plus empty points reached only by one colour (flood fill). */
static int area_score(const Board *b)
{
	static unsigned char seen[BOARD_POINTS];
	int stack[MAX_STONES];
	int p, score = 0;
	memset(seen, 0, sizeof seen);
	for (p = W; p < BOARD_POINTS - W; p++) {
		int sp = 0, size = 0, borders = 0;
		if (b->color[p] == BLACK)
			score++;
		else if (b->color[p] == WHITE)
			score--;
		if (b->color[p] != EMPTY || seen[p])
			continue;
		stack[sp++] = p;
		seen[p] = 1;
		while (sp > 0) {
			int q = stack[--sp], d;
			size++;
			for (d = 0; d < 4; d++) {
				int n = q + dir4[d];
				if (b->color[n] == EMPTY && !seen[n]) {
					seen[n] = 1;
					stack[sp++] = n;
				} else if (b->color[n] == BLACK || b->color[n] == WHITE) {
					borders |= b->color[n];
				}
			}
		}
		if (borders == BLACK)
			score += size;
		else if (borders == WHITE)
			score -= size;
	}
	return score;
}

int main(int argc, char **argv)
{
	const struct size *sz = WORKLOAD_SIZE(sizes, argc, argv, "go");
	static Board board;
	uint32_t calls, esum;
	int g, total_moves = 0;
	unsigned i;
	patterns_init();
	for (g = 0; g < sz->games; g++) {
		int m, passes = 0, color, score;
		uint32_t seed = 0xc0ffee00u + (uint32_t)g * 0x10001u;
		board_clear(&board);
		random_setup(&board, sz->setup, seed);
		color = board.to_move;
		for (m = 0; m < sz->moves && passes < 2; m++) {
			int move = choose_move(&board, color, seed);
			if (move != PASS && !is_legal(&board, move, color)) {
				printf("go: WRONG: engine chose an illegal move\n");
				return 1;
			}
			passes = move == PASS ? passes + 1 : 0;
			play_move(&board, move, color);
			mix((uint32_t)move);
			total_moves++;
			color = OTHER(color);
		}
		score = area_score(&board);
		mix((uint32_t)score);
		mix(board_signature(&board));
		printf("go %s: game %d: %d moves, captures B%d W%d, area score %d\n", sz->name, g, m,
		       board.captured[BLACK], board.captured[WHITE], score);
	}
	eval_stats(&calls, &esum);
	mix(calls);
	mix(esum);
	mix(search_nodes);
	mix(ladder_nodes);
	mix(pattern_evaluations);
	printf("go %s: moves=%d evals=%lu nodes=%lu ladder=%lu checksum=%08lx\n", sz->name, total_moves,
	       (unsigned long)calls, (unsigned long)search_nodes, (unsigned long)ladder_nodes,
	       (unsigned long)checksum);
	if (checksum != sz->expected) {
		printf("go: WRONG checksum (expected %08lx)\n", (unsigned long)sz->expected);
		return 1;
	}
	return 0;
}
