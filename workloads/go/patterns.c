/* go: 3x3 shape patterns around a candidate move.
 *
 * A pattern is nine characters, rows top to bottom, the centre being the (empty) move:
 *   X own stone, O opponent stone, . empty, # off board, ? anything,
 *   x own or empty, o opponent or empty.
 * Each pattern is tried in all eight orientations. Matching is a branchy loop over the
 * table; its result for a neighbourhood (a 16-bit code of the eight neighbours) is
 * memoised, as a real engine would cache pattern hits. */
#include <string.h>

#include "go.h"

struct pattern {
	const char *cells;
	int value;
	const char *name;
};

static const struct pattern patterns[] = {
	/* good shape */
	{"X.." "X.." "..?", 12, "one-point jump"},
	{"?X?" "O.O" "???", 35, "cut between two opponent stones"},
	{"XO?" "O.?" "???", 40, "crosscut response"},
	{"?O?" "X.X" "???", 30, "connect against peep"},
	{"X.X" "..." "???", 10, "tiger's mouth"},
	{"XX?" "O.?" "???", 18, "hane at the head"},
	{"?X?" "..." "?O?", 8, "push between"},
	{".X." "O.." "...", 15, "hane"},
	{"X?O" "..?" "???", 9, "diagonal attach"},
	{"OX?" "..?" "???", 14, "block"},
	{"?O?" "X.?" "???", 16, "contact reply"},
	{"O.." "X.." "X..", 11, "extend along"},
	{"#.." "#.." "#..", -25, "first line"},
	{"###" "..." "...", -25, "first line (top)"},
	{"#O." "#.." "#X.", 20, "first-line block"},
	{"?.?" "X.X" "?.?", -6, "filling own shape"},
	{"X.?" ".X?" "???", -4, "diagonal own (wasteful)"},
	/* bad shape */
	{"XX?" "X.?" "???", -30, "empty triangle"},
	{"XXX" "X.X" "XXX", -90, "filling own eye"},
	{"?X?" "X.X" "?X?", -70, "filling own eye (plus)"},
	{"XX?" "X.?" "?..", -20, "dumpling"},
	{"OOO" "O.O" "OOO", -40, "suicide-like"},
	{"?O?" "O.O" "?O?", -20, "inside opponent shape"},
	/* attacks and cuts */
	{"O.O" "X.?" "???", 22, "wedge"},
	{"?.?" "O.O" "?X?", 26, "wedge between"},
	{"XO." "O.?" "?.?", 28, "double atari shape"},
	{"?X?" "O.O" "?X?", 45, "cut and connect"},
	{".O." "O.O" ".X.", 33, "peep into eye"},
	{"O.?" ".X?" "???", 7, "diagonal kill"},
	{"?o?" "o.o" "?X?", 5, "approach open"},
	{"..." "..." "...", 3, "open space"},
	{"..." "..." "#..", 2, "open corner edge"},
	{"XOX" "..." "...", 24, "cut two"},
	{"XO?" "X.?" "?.?", 13, "press"},
	{"O??" "X.?" "???", 6, "diagonal contact"},
	{"##?" "#.?" "???", -60, "corner point"},
	{"#??" "#O?" "#.?", 12, "edge under opponent"},
	{"?#?" "?.?" "?X?", -8, "edge crawl"},
};
#define NPATTERNS (int)(sizeof(patterns) / sizeof(patterns[0]))

/* The eight neighbours in row-major order around the centre: index in the 3x3 grid. */
static const int grid_index[8] = {0, 1, 2, 3, 5, 6, 7, 8};
static int grid_offset[9];

/* Orientation t maps grid cell (r, c) to (r', c'). */
static int transform_cell(int t, int cell)
{
	int r = cell / 3 - 1, c = cell % 3 - 1, nr, nc;
	switch (t) {
	case 0: nr = r; nc = c; break;
	case 1: nr = c; nc = -r; break;
	case 2: nr = -r; nc = -c; break;
	case 3: nr = -c; nc = r; break;
	case 4: nr = r; nc = -c; break;
	case 5: nr = -r; nc = c; break;
	case 6: nr = c; nc = r; break;
	default: nr = -c; nc = -r; break;
	}
	return (nr + 1) * 3 + (nc + 1);
}

/* A neighbourhood code holds two bits per neighbour (grid_index order), relative to the
 * side to move: 0 empty, 1 own, 2 opponent, 3 edge. Every oriented pattern becomes a
 * (mask, want) pair over the code: X O . # fix both bits, x (own or empty) requires the
 * opponent bit clear, o (opponent or empty) the own bit clear, ? nothing. */
struct compiled {
	uint16_t mask, want;
};
static struct compiled compiled[NPATTERNS][8];
static int16_t memo[1 << 16];
static unsigned char memo_valid[1 << 16];
uint32_t pattern_evaluations;

static void compile_cell(char c, int shift, struct compiled *pc)
{
	unsigned m = 0, w = 0;
	switch (c) {
	case '.': m = 3; w = 0; break;
	case 'X': m = 3; w = 1; break;
	case 'O': m = 3; w = 2; break;
	case '#': m = 3; w = 3; break;
	case 'x': m = 2; w = 0; break;
	case 'o': m = 1; w = 0; break;
	default: break;
	}
	pc->mask |= (uint16_t)(m << shift);
	pc->want |= (uint16_t)(w << shift);
}

void patterns_init(void)
{
	int i, t, k;
	for (i = 0; i < 9; i++)
		grid_offset[i] = (i / 3 - 1) * W + (i % 3 - 1);
	for (i = 0; i < NPATTERNS; i++)
		for (t = 0; t < 8; t++) {
			char cells[9];
			struct compiled *pc = &compiled[i][t];
			for (k = 0; k < 9; k++)
				cells[transform_cell(t, k)] = patterns[i].cells[k];
			pc->mask = pc->want = 0;
			for (k = 0; k < 8; k++)
				compile_cell(cells[grid_index[k]], 14 - 2 * k, pc);
		}
	memset(memo_valid, 0, sizeof memo_valid);
}

static int match_all(unsigned code)
{
	int i, t, total = 0;
	for (i = 0; i < NPATTERNS; i++) {
		for (t = 0; t < 8; t++) {
			if ((code & compiled[i][t].mask) == compiled[i][t].want) {
				total += patterns[i].value;
				break; /* one orientation per pattern */
			}
		}
	}
	return total;
}

int pattern_score(const Board *b, int p, int color)
{
	/* board colour -> code relative to `color` */
	unsigned relative[4], code = 0;
	int k;
	relative[EMPTY] = 0;
	relative[color] = 1;
	relative[OTHER(color)] = 2;
	relative[EDGE] = 3;
	for (k = 0; k < 8; k++)
		code = (code << 2) | relative[b->color[p + grid_offset[grid_index[k]]]];
	if (!memo_valid[code]) {
		pattern_evaluations++;
		memo[code] = (int16_t)match_all(code);
		memo_valid[code] = 1;
	}
	return memo[code];
}
