/* go: local tactical and shape motifs for candidate moves, each a small function that
 * looks at the neighbourhood (and sometimes plays a move or two on a copy of the board):
 * double ataris, snapbacks, nets, cuts and connections, throw-ins, approach moves,
 * extensions and crawls. */
#include "go.h"

/* Distinct opponent strings adjacent to p with exactly `libs` liberties. */
static int adjacent_strings_with_libs(const Board *b, int p, int color, int libs, int *origins)
{
	int d, n = 0, k;
	for (d = 0; d < 4; d++) {
		int q = p + dir4[d], dup = 0;
		if (b->color[q] != color)
			continue;
		if (count_libs(b, q, libs + 1) != libs)
			continue;
		for (k = 0; k < n; k++) {
			String s;
			int i;
			find_string(b, origins[k], &s);
			for (i = 0; i < s.size; i++)
				if (s.stones[i] == q)
					dup = 1;
		}
		if (!dup)
			origins[n++] = q;
	}
	return n;
}

static int double_atari(const Board *b, int p, int color)
{
	int origins[4];
	int n = adjacent_strings_with_libs(b, p, OTHER(color), 2, origins);
	if (n < 2)
		return 0;
	return 35 + 5 * n;
}

/* A stone thrown in at p is captured, and recapturing takes the capturing string. */
static int snapback(const Board *b, int p, int color)
{
	Board nb;
	int d, cap;
	if (neighbor_count(b, p, OTHER(color)) < 2 || neighbor_count(b, p, EMPTY) > 0)
		return 0;
	nb = *b;
	if (play_move(&nb, p, color) > 0)
		return 0; /* an ordinary capture, scored elsewhere */
	if (count_libs(&nb, p, 2) != 1)
		return 0;
	cap = first_liberty(&nb, p);
	if (!is_legal(&nb, cap, OTHER(color)))
		return 0;
	play_move(&nb, cap, OTHER(color));
	for (d = 0; d < 4; d++) {
		int q = p + dir4[d];
		if (nb.color[q] == OTHER(color) && count_libs(&nb, q, 2) == 1) {
			String s;
			find_string(&nb, q, &s);
			if (s.size >= 2)
				return 20 + 6 * s.size;
		}
	}
	return 0;
}

/* A loose capture (net): after p, every extension of a nearby opponent string leaves it
 * with at most two liberties. */
static int net(const Board *b, int p, int color)
{
	int d, best = 0;
	for (d = 0; d < 4; d++) {
		int q = p + diag4[d];
		String s;
		Board nb;
		int i, escapes = 0;
		if (b->color[q] != OTHER(color))
			continue;
		find_string(b, q, &s);
		if (s.libs != 2 || s.size > 4)
			continue;
		nb = *b;
		play_move(&nb, p, color);
		if (nb.color[q] != OTHER(color))
			continue;
		for (i = 0; i < s.libs; i++) {
			Board nb2;
			int l = s.lib_points[i];
			if (!is_legal(&nb, l, OTHER(color)))
				continue;
			nb2 = nb;
			play_move(&nb2, l, OTHER(color));
			if (count_libs(&nb2, q, 3) >= 3)
				escapes++;
		}
		if (escapes == 0 && 25 + s.size * 8 > best)
			best = 25 + s.size * 8;
	}
	return best;
}

/* p separates two opponent strings (a cut) or joins two own strings (a connection). */
static int cut_or_connect(const Board *b, int p, int color)
{
	int d, own = 0, opp = 0, first_own = 0, first_opp = 0, value = 0;
	for (d = 0; d < 4; d++) {
		int q = p + dir4[d];
		if (b->color[q] == color) {
			if (!first_own)
				first_own = q;
			else if (first_liberty(b, q) != first_liberty(b, first_own))
				own++;
		} else if (b->color[q] == OTHER(color)) {
			if (!first_opp)
				first_opp = q;
			else if (first_liberty(b, q) != first_liberty(b, first_opp))
				opp++;
		}
	}
	if (opp > 0)
		value += 12 + 4 * opp;
	if (own > 0)
		value += 8 + 3 * own;
	return value;
}

/* A throw-in that destroys an eye: p is eye-like for the opponent and the stone would be
 * captured at once. */
static int throw_in(const Board *b, int p, int color)
{
	if (!is_eye_like(b, p, OTHER(color)))
		return 0;
	if (is_true_eye(b, p, OTHER(color)))
		return 0;
	return diag_count(b, p, color) >= 1 ? 10 : 4;
}

/* Opening: approach a lone opponent corner stone at a knight's move or a two-space jump. */
static int approach(const Board *b, int p, int color)
{
	static const int knight[8][2] = {{1, 2}, {2, 1}, {-1, 2}, {-2, 1}, {1, -2}, {2, -1}, {-1, -2}, {-2, -1}};
	int i, r = ROW(p), c = COL(p);
	if (b->move_number > 40 || edge_distance(p) < 2 || edge_distance(p) > 4)
		return 0;
	for (i = 0; i < 8; i++) {
		int rr = r + knight[i][0], cc = c + knight[i][1], q;
		if (rr < 0 || rr >= N || cc < 0 || cc >= N)
			continue;
		q = POINT(rr, cc);
		if (b->color[q] == OTHER(color) && neighbor_count(b, q, EMPTY) == 4 && diag_count(b, q, EMPTY) == 4)
			return 9;
	}
	return 0;
}

/* Opening: extend along the third or fourth line two to four points from an own stone. */
static int extension(const Board *b, int p, int color)
{
	int d, k, line = edge_distance(p);
	if (b->move_number > 50 || (line != 2 && line != 3))
		return 0;
	for (d = 0; d < 4; d++)
		for (k = 2; k <= 4; k++) {
			int q = p + dir4[d] * k;
			if (q <= 0 || q >= BOARD_POINTS)
				break;
			if (b->color[q] == EDGE)
				break;
			if (b->color[q] == color && edge_distance(q) == line)
				return 10 - k;
			if (b->color[q] != EMPTY)
				break;
		}
	return 0;
}

/* Crawling on the first or second line under opponent stones is slow. */
static int crawl(const Board *b, int p, int color)
{
	int d, line = edge_distance(p), above = 0;
	if (line > 1)
		return 0;
	for (d = 0; d < 4; d++) {
		int q = p + dir4[d];
		if (b->color[q] == OTHER(color) && edge_distance(q) == line + 1)
			above++;
	}
	if (above && neighbor_count(b, p, color) > 0)
		return -8 * above;
	return 0;
}

int tactics_value(const Board *b, int p, int color)
{
	int v = 0;
	int opp_near = neighbor_count(b, p, OTHER(color)), own_near = neighbor_count(b, p, color);
	if (opp_near >= 2)
		v += double_atari(b, p, color);
	if (opp_near >= 2)
		v += snapback(b, p, color);
	if (diag_count(b, p, OTHER(color)) > 0 && opp_near == 0)
		v += net(b, p, color);
	if (opp_near + own_near >= 2)
		v += cut_or_connect(b, p, color);
	v += throw_in(b, p, color);
	v += approach(b, p, color);
	v += extension(b, p, color);
	v += crawl(b, p, color);
	return v;
}
