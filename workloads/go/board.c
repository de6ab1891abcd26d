/* go: board representation, strings and liberties by flood fill, move execution with
 * captures, suicide and simple ko. */
#include <stdio.h>
#include <string.h>

#include "go.h"

const int dir4[4] = {-W, 1, W, -1};
const int diag4[4] = {-W - 1, -W + 1, W + 1, W - 1};
const int dir8[8] = {-W, 1, W, -1, -W - 1, -W + 1, W + 1, W - 1};

/* Flood-fill marks: a point is visited in the current fill if mark[p] == mark_gen. */
static uint32_t stone_mark[BOARD_POINTS], lib_mark[BOARD_POINTS];
static uint32_t mark_gen;

static uint32_t zobrist[3][BOARD_POINTS];
signed char row_of[BOARD_POINTS], col_of[BOARD_POINTS], edge_dist_of[BOARD_POINTS];

static void tables_init(void)
{
	static int done;
	uint32_t x = 0x2545f491u;
	int c, p;
	if (done)
		return;
	for (p = 0; p < BOARD_POINTS; p++) {
		int r = p / W - 1, col = p % W - 1, m = r;
		row_of[p] = (signed char)r;
		col_of[p] = (signed char)col;
		if (col < m)
			m = col;
		if (N - 1 - r < m)
			m = N - 1 - r;
		if (N - 1 - col < m)
			m = N - 1 - col;
		edge_dist_of[p] = (signed char)m;
	}
	for (c = 0; c < 3; c++)
		for (p = 0; p < BOARD_POINTS; p++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			zobrist[c][p] = x;
		}
	done = 1;
}

void board_clear(Board *b)
{
	int p;
	tables_init();
	for (p = 0; p < BOARD_POINTS; p++) {
		int r = p / W, c = p % W;
		b->color[p] = (r == 0 || c == 0 || r == W - 1 || c == W - 1) ? EDGE : EMPTY;
	}
	b->ko = 0;
	b->to_move = BLACK;
	b->captured[0] = b->captured[1] = b->captured[2] = 0;
	b->move_number = 0;
	b->last_move = b->last_move2 = PASS;
	b->hash = 0;
}

int on_board(const Board *b, int p)
{
	return p > 0 && p < BOARD_POINTS && b->color[p] != EDGE;
}

static void next_gen(void)
{
	if (++mark_gen == 0) {
		memset(stone_mark, 0, sizeof stone_mark);
		memset(lib_mark, 0, sizeof lib_mark);
		mark_gen = 1;
	}
}

void find_string(const Board *b, int p, String *s)
{
	int stack[MAX_STONES];
	int sp = 0, color = b->color[p];
	next_gen();
	s->color = color;
	s->size = 0;
	s->libs = 0;
	stack[sp++] = p;
	stone_mark[p] = mark_gen;
	while (sp > 0) {
		int q = stack[--sp], d;
		s->stones[s->size++] = q;
		for (d = 0; d < 4; d++) {
			int n = q + dir4[d];
			int nc = b->color[n];
			if (nc == color) {
				if (stone_mark[n] != mark_gen) {
					stone_mark[n] = mark_gen;
					stack[sp++] = n;
				}
			} else if (nc == EMPTY) {
				if (lib_mark[n] != mark_gen) {
					lib_mark[n] = mark_gen;
					s->lib_points[s->libs++] = n;
				}
			}
		}
	}
}

/* Liberties of the string at p, counting stops early at `limit`. */
int count_libs(const Board *b, int p, int limit)
{
	int stack[MAX_STONES];
	int sp = 0, libs = 0, color = b->color[p];
	next_gen();
	stack[sp++] = p;
	stone_mark[p] = mark_gen;
	while (sp > 0) {
		int q = stack[--sp], d;
		for (d = 0; d < 4; d++) {
			int n = q + dir4[d];
			int nc = b->color[n];
			if (nc == color && stone_mark[n] != mark_gen) {
				stone_mark[n] = mark_gen;
				stack[sp++] = n;
			} else if (nc == EMPTY && lib_mark[n] != mark_gen) {
				lib_mark[n] = mark_gen;
				if (++libs >= limit)
					return libs;
			}
		}
	}
	return libs;
}

int first_liberty(const Board *b, int p)
{
	String s;
	find_string(b, p, &s);
	return s.libs > 0 ? s.lib_points[0] : 0;
}

int neighbor_count(const Board *b, int p, int color)
{
	int d, n = 0;
	for (d = 0; d < 4; d++)
		n += b->color[p + dir4[d]] == color;
	return n;
}

int diag_count(const Board *b, int p, int color)
{
	int d, n = 0;
	for (d = 0; d < 4; d++)
		n += b->color[p + diag4[d]] == color;
	return n;
}

int edge_distance(int p)
{
	return edge_dist_of[p];
}

/* An empty point whose orthogonal neighbours are all `color` or edge. */
int is_eye_like(const Board *b, int p, int color)
{
	int d;
	if (b->color[p] != EMPTY)
		return 0;
	for (d = 0; d < 4; d++) {
		int c = b->color[p + dir4[d]];
		if (c != color && c != EDGE)
			return 0;
	}
	return 1;
}

/* An eye-like point that the opponent cannot destroy diagonally. */
int is_true_eye(const Board *b, int p, int color)
{
	int d, bad = 0, edges = 0;
	if (!is_eye_like(b, p, color))
		return 0;
	for (d = 0; d < 4; d++) {
		int c = b->color[p + diag4[d]];
		if (c == EDGE)
			edges++;
		else if (c == OTHER(color))
			bad++;
	}
	if (edges > 0)
		return bad == 0;
	return bad < 2;
}

int is_legal(const Board *b, int p, int color)
{
	int d;
	if (p == PASS)
		return 1;
	if (!on_board(b, p) || b->color[p] != EMPTY || p == b->ko)
		return 0;
	for (d = 0; d < 4; d++) {
		int n = p + dir4[d];
		int c = b->color[n];
		if (c == EMPTY)
			return 1;
		if (c == color && count_libs(b, n, 2) >= 2)
			return 1;
		if (c == OTHER(color) && count_libs(b, n, 2) == 1)
			return 1; /* captures */
	}
	return 0; /* suicide */
}

static int remove_string(Board *b, int p)
{
	String s;
	int i;
	find_string(b, p, &s);
	for (i = 0; i < s.size; i++) {
		b->hash ^= zobrist[s.color][s.stones[i]];
		b->color[s.stones[i]] = EMPTY;
	}
	return s.size;
}

/* Plays a legal move (or PASS); returns the number of stones captured. */
int play_move(Board *b, int p, int color)
{
	int d, captured = 0, single = 0;
	b->last_move2 = b->last_move;
	b->last_move = p;
	b->move_number++;
	b->to_move = OTHER(color);
	if (p == PASS) {
		b->ko = 0;
		return 0;
	}
	b->color[p] = color;
	b->hash ^= zobrist[color][p];
	for (d = 0; d < 4; d++) {
		int n = p + dir4[d];
		if (b->color[n] == OTHER(color) && count_libs(b, n, 1) == 0) {
			int k = remove_string(b, n);
			if (k == 1)
				single = n;
			captured += k;
		}
	}
	b->captured[color] += captured;
	/* Simple ko: a single stone captured by a single stone with one liberty. */
	if (captured == 1 && neighbor_count(b, p, OTHER(color)) + neighbor_count(b, p, EDGE) == 4 - 1 &&
	    count_libs(b, p, 2) == 1)
		b->ko = single;
	else
		b->ko = 0;
	return captured;
}

uint32_t board_signature(const Board *b)
{
	uint32_t h = 0x12345u;
	int p;
	for (p = 0; p < BOARD_POINTS; p++)
		h = h * 31u + b->color[p];
	return h ^ (uint32_t)b->captured[BLACK] * 7u ^ (uint32_t)b->captured[WHITE] * 13u;
}

void board_dump(const Board *b)
{
	int r, c;
	for (r = 0; r < N; r++) {
		for (c = 0; c < N; c++)
			putchar(".XO#"[b->color[POINT(r, c)]]);
		putchar('\n');
	}
}
