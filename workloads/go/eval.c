/* go: static evaluation of a whole position, from BLACK's point of view.
 *
 * Many small, independent heuristics, each with its own data-dependent branches: string
 * safety, eyes, influence, territory by region flood fill, edge and corner lines,
 * connectivity and cutting points, thickness, frameworks. The sum is deliberately flat:
 * no single function dominates the profile. */
#include <string.h>

#include "go.h"

static uint32_t evals, eval_sum;

void eval_stats(uint32_t *calls, uint32_t *sum)
{
	*calls = evals;
	*sum = eval_sum;
}

static int sign_of(int color) { return color == BLACK ? 1 : color == WHITE ? -1 : 0; }

/* Material: stones on the board and prisoners. */
static int eval_material(const Board *b)
{
	int p, score = 0;
	for (p = W; p < BOARD_POINTS - W; p++)
		score += sign_of(b->color[p]) * 10;
	score += (b->captured[BLACK] - b->captured[WHITE]) * 12;
	return score;
}

/* String safety: strings short of liberties are weak, more so when large. */
static int eval_strings(const Board *b, int *weak_black, int *weak_white)
{
	static unsigned char seen[BOARD_POINTS];
	String s;
	int p, i, score = 0;
	memset(seen, 0, sizeof seen);
	*weak_black = *weak_white = 0;
	for (p = W; p < BOARD_POINTS - W; p++) {
		int c = b->color[p], v;
		if (c != BLACK && c != WHITE)
			continue;
		if (seen[p])
			continue;
		find_string(b, p, &s);
		for (i = 0; i < s.size; i++)
			seen[s.stones[i]] = 1;
		if (s.libs == 1) {
			v = (c == b->to_move) ? -(s.size * 6 + 4) : -(s.size * 18 + 12);
			if (c == BLACK)
				(*weak_black)++;
			else
				(*weak_white)++;
		} else if (s.libs == 2) {
			v = -(s.size * 4 + 3);
			if (s.size >= 4)
				v -= 6;
		} else if (s.libs == 3) {
			v = -s.size;
		} else if (s.libs >= 6) {
			v = 4 + (s.libs > 10 ? 6 : s.libs - 6);
		} else {
			v = 1;
		}
		if (s.size == 1 && edge_distance(p) == 0)
			v -= 2;
		score += sign_of(c) * v;
	}
	return score;
}

/* Eyes: true eyes are valuable, false eyes a little. */
static int eval_eyes(const Board *b)
{
	int p, score = 0;
	for (p = W; p < BOARD_POINTS - W; p++) {
		if (b->color[p] != EMPTY)
			continue;
		if (is_true_eye(b, p, BLACK))
			score += 9;
		else if (is_eye_like(b, p, BLACK))
			score += 3;
		else if (is_true_eye(b, p, WHITE))
			score -= 9;
		else if (is_eye_like(b, p, WHITE))
			score -= 3;
	}
	return score;
}

/* Influence: each stone radiates 4, 2, 1 to points at Manhattan distance 1, 2, 3;
 * empty points with a clear balance count as area. */
static int eval_influence(const Board *b)
{
	static int infl[BOARD_POINTS];
	int p, score = 0;
	memset(infl, 0, sizeof infl);
	for (p = W; p < BOARD_POINTS - W; p++) {
		int c = b->color[p], s, dr, dc;
		if (c != BLACK && c != WHITE)
			continue;
		s = sign_of(c);
		for (dr = -3; dr <= 3; dr++) {
			int r = ROW(p) + dr;
			if (r < 0 || r >= N)
				continue;
			for (dc = -3; dc <= 3; dc++) {
				int cc = COL(p) + dc, dist = (dr < 0 ? -dr : dr) + (dc < 0 ? -dc : dc);
				if (cc < 0 || cc >= N || dist == 0 || dist > 3)
					continue;
				infl[POINT(r, cc)] += s * (dist == 1 ? 4 : dist == 2 ? 2 : 1);
			}
		}
	}
	for (p = W; p < BOARD_POINTS - W; p++) {
		if (b->color[p] != EMPTY)
			continue;
		if (infl[p] >= 6)
			score += 3;
		else if (infl[p] >= 3)
			score += 1;
		else if (infl[p] <= -6)
			score -= 3;
		else if (infl[p] <= -3)
			score -= 1;
	}
	return score;
}

/* Territory: empty regions (flood fill) bordered by one colour only. Large regions
 * count less (they are not yet secure). */
static int eval_territory(const Board *b)
{
	static unsigned char seen[BOARD_POINTS];
	int stack[MAX_STONES];
	int p, score = 0;
	memset(seen, 0, sizeof seen);
	for (p = W; p < BOARD_POINTS - W; p++) {
		int sp = 0, size = 0, borders = 0;
		if (b->color[p] != EMPTY || seen[p])
			continue;
		stack[sp++] = p;
		seen[p] = 1;
		while (sp > 0) {
			int q = stack[--sp], d;
			size++;
			for (d = 0; d < 4; d++) {
				int n = q + dir4[d];
				int c = b->color[n];
				if (c == EMPTY && !seen[n]) {
					seen[n] = 1;
					stack[sp++] = n;
				} else if (c == BLACK) {
					borders |= 1;
				} else if (c == WHITE) {
					borders |= 2;
				}
			}
		}
		if (borders == 1 || borders == 2) {
			int v = size <= 12 ? size * 5 : size <= 40 ? 60 + (size - 12) * 2 : 116 + (size - 40) / 4;
			score += borders == 1 ? v : -v;
		}
	}
	return score;
}

/* Lines: the third and fourth lines are efficient, the first line poor early on. */
static int eval_lines(const Board *b)
{
	static const int line_value[10] = {-6, -2, 4, 3, 1, 0, 0, 0, 0, 0};
	int p, score = 0, early = b->move_number < 60;
	for (p = W; p < BOARD_POINTS - W; p++) {
		int c = b->color[p], v;
		if (c != BLACK && c != WHITE)
			continue;
		v = line_value[edge_distance(p)];
		if (!early && v < 0)
			v /= 2;
		score += sign_of(c) * v;
	}
	return score;
}

/* Corners: stones in the corner 6x6 regions, a bonus for owning a corner alone. */
static int eval_corners(const Board *b)
{
	int corner, score = 0;
	for (corner = 0; corner < 4; corner++) {
		int r0 = (corner & 1) ? N - 6 : 0, c0 = (corner & 2) ? N - 6 : 0;
		int r, c, black = 0, white = 0;
		for (r = r0; r < r0 + 6; r++)
			for (c = c0; c < c0 + 6; c++) {
				int col = b->color[POINT(r, c)];
				black += col == BLACK;
				white += col == WHITE;
			}
		if (black && !white)
			score += 8 + black;
		else if (white && !black)
			score -= 8 + white;
		else if (black > white * 2)
			score += 4;
		else if (white > black * 2)
			score -= 4;
	}
	return score;
}

/* Connectivity: diagonal pairs without a cut are fine; cutting points (empty points with
 * two diagonally related own stones and opponent stones on the other diagonal) hurt. */
static int eval_connectivity(const Board *b)
{
	int p, score = 0;
	for (p = W; p < BOARD_POINTS - W; p++) {
		int c = b->color[p], d;
		if (c == EMPTY) {
			int nb = neighbor_count(b, p, BLACK), nw = neighbor_count(b, p, WHITE);
			if (nb >= 2 && nw >= 2)
				score += (b->to_move == BLACK) ? 3 : -3; /* a cut for whoever moves */
			else if (nb >= 2 && nw == 1 && diag_count(b, p, WHITE) >= 1)
				score -= 2;
			else if (nw >= 2 && nb == 1 && diag_count(b, p, BLACK) >= 1)
				score += 2;
			continue;
		}
		if (c != BLACK && c != WHITE)
			continue;
		for (d = 0; d < 2; d++) {
			int q = p + diag4[d + 1];
			if (b->color[q] != c)
				continue;
			/* the two shared neighbours of p and q */
			{
				int a = p + (d == 0 ? -W : W);
				int e = p + 1;
				int ca = b->color[a], ce = b->color[e];
				if (ca == OTHER(c) && ce == OTHER(c))
					score -= sign_of(c) * 5; /* already cut */
				else if (ca == OTHER(c) || ce == OTHER(c))
					score -= sign_of(c) * 2;
				else
					score += sign_of(c);
			}
		}
	}
	return score;
}

/* Thickness: solid 2x2 blocks are over-concentrated; walls facing open space are thick. */
static int eval_thickness(const Board *b)
{
	int r, c, score = 0;
	for (r = 0; r < N - 1; r++)
		for (c = 0; c < N - 1; c++) {
			int p = POINT(r, c);
			int a = b->color[p], x = b->color[p + 1], y = b->color[p + W], z = b->color[p + W + 1];
			if (a != EMPTY && a == x && a == y && a == z)
				score -= sign_of(a) * 4;
			else if (a != EMPTY && a == x && y == EMPTY && z == EMPTY && r + 2 < N &&
				 b->color[p + 2 * W] == EMPTY)
				score += sign_of(a);
		}
	return score;
}

/* Frameworks: open area on the third to fifth lines between own stones. */
static int eval_moyo(const Board *b)
{
	int side, score = 0;
	for (side = 0; side < 4; side++) {
		int i, black = 0, white = 0, open = 0;
		for (i = 3; i < N - 3; i++) {
			int line;
			for (line = 2; line <= 4; line++) {
				int r, c, col;
				switch (side) {
				case 0: r = line; c = i; break;
				case 1: r = N - 1 - line; c = i; break;
				case 2: r = i; c = line; break;
				default: r = i; c = N - 1 - line; break;
				}
				col = b->color[POINT(r, c)];
				if (col == BLACK)
					black++;
				else if (col == WHITE)
					white++;
				else
					open++;
			}
		}
		if (black >= 3 && white == 0)
			score += open / 4;
		else if (white >= 3 && black == 0)
			score -= open / 4;
	}
	return score;
}

/* Dame and contact: adjacent opposing stones, and a small bonus for the side to move. */
static int eval_contact(const Board *b)
{
	int p, score = 0;
	for (p = W; p < BOARD_POINTS - W; p++) {
		int c = b->color[p];
		if (c != BLACK && c != WHITE)
			continue;
		if (neighbor_count(b, p, OTHER(c)) >= 3)
			score -= sign_of(c) * 3;
		else if (neighbor_count(b, p, EMPTY) == 0 && neighbor_count(b, p, c) <= 1)
			score -= sign_of(c) * 2;
	}
	return score + (b->to_move == BLACK ? 7 : -7);
}

int evaluate(const Board *b)
{
	int wb, ww, score;
	score = eval_material(b);
	score += eval_strings(b, &wb, &ww);
	score += eval_eyes(b);
	score += eval_influence(b);
	score += eval_territory(b);
	score += eval_lines(b);
	score += eval_corners(b);
	score += eval_connectivity(b);
	score += eval_thickness(b);
	score += eval_moyo(b);
	score += eval_contact(b);
	score += eval_dragons(b);
	if (wb > 2)
		score -= (wb - 2) * 15;
	if (ww > 2)
		score += (ww - 2) * 15;
	evals++;
	eval_sum = eval_sum * 33u + (uint32_t)score;
	return score;
}
