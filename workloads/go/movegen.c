/* go: move heuristics. Each candidate move is scored by a sequence of tactical and
 * strategic rules (captures, saving strings in atari, ataris, ladders, opening points,
 * approach distance, edges, shape patterns); the rules consult the neighbourhood and
 * fire in a different order for nearly every move, giving the engine its branchy,
 * flat profile. */
#include "go.h"

/* Opening points: star points and the 3-4 points. */
static int opening_value(const Board *b, int p)
{
	int r = ROW(p), c = COL(p), lr, lc;
	if (b->move_number > 40)
		return 0;
	lr = r < N / 2 ? r : N - 1 - r;
	lc = c < N / 2 ? c : N - 1 - c;
	if (lr == 3 && lc == 3)
		return 30;
	if ((lr == 2 && lc == 3) || (lr == 3 && lc == 2))
		return 28;
	if (lr == 2 && lc == 2)
		return 18;
	if ((lr == 3 || lr == 2) && lc == 9)
		return 16;
	if ((lc == 3 || lc == 2) && lr == 9)
		return 16;
	if (lr == 9 && lc == 9)
		return 10;
	if (lr <= 1 || lc <= 1)
		return -20;
	return 0;
}

/* Distance (Chebyshev, capped) to the nearest stone of any colour. */
static int nearest_stone(const Board *b, int p)
{
	int radius, r0 = ROW(p), c0 = COL(p);
	for (radius = 1; radius <= 4; radius++) {
		int dr, dc;
		for (dr = -radius; dr <= radius; dr++) {
			int r = r0 + dr;
			if (r < 0 || r >= N)
				continue;
			for (dc = -radius; dc <= radius; dc++) {
				int c = c0 + dc;
				if (c < 0 || c >= N)
					continue;
				if ((dr == radius || dr == -radius || dc == radius || dc == -radius) &&
				    b->color[POINT(r, c)] != EMPTY)
					return radius;
			}
		}
	}
	return 5;
}

/* Captures, and saving own strings in atari. */
static int tactical_value(const Board *b, int p, int color)
{
	int d, value = 0, other = OTHER(color);
	for (d = 0; d < 4; d++) {
		int n = p + dir4[d];
		int c = b->color[n];
		if (c == other) {
			int libs = count_libs(b, n, 3);
			if (libs == 1) {
				String s;
				find_string(b, n, &s);
				value += 40 + s.size * 25;
				if (!can_escape_atari(b, n))
					value -= 10; /* it was dead anyway */
			} else if (libs == 2) {
				value += 14; /* atari */
				if (ladder_captures(b, n, color, 10))
					value += 30;
			} else if (libs == 3) {
				value += 3;
			}
		} else if (c == color) {
			int libs = count_libs(b, n, 3);
			if (libs == 1) {
				if (can_escape_atari(b, n)) {
					String s;
					find_string(b, n, &s);
					value += 35 + s.size * 20;
				} else {
					value -= 15; /* don't run a dead ladder */
				}
			} else if (libs == 2) {
				value += 6;
			}
		}
	}
	return value;
}

/* Does playing p leave our own new string in atari (self-atari)? */
static int self_atari_penalty(const Board *b, int p, int color)
{
	Board nb = *b;
	int captured = play_move(&nb, p, color);
	int libs = count_libs(&nb, p, 3);
	if (libs == 1) {
		String s;
		find_string(&nb, p, &s);
		if (captured == 1 && s.size == 1)
			return 0; /* ko capture */
		return -(30 + s.size * 20);
	}
	if (libs == 2) {
		int d, penalty = 0;
		for (d = 0; d < 4; d++)
			if (nb.color[p + dir4[d]] == OTHER(color))
				penalty = -4;
		return penalty;
	}
	return captured ? 5 : 0;
}

/* Eye-filling and territory-filling moves are bad. */
static int eye_value(const Board *b, int p, int color)
{
	if (is_true_eye(b, p, color))
		return -200;
	if (is_eye_like(b, p, color))
		return -60;
	if (is_true_eye(b, p, OTHER(color)))
		return -100; /* suicide or pointless */
	if (is_eye_like(b, p, OTHER(color)))
		return 8; /* destroy an eye */
	return 0;
}

/* Replies near the opponent's last moves are usually urgent. */
static int locality_value(const Board *b, int p)
{
	int v = 0, m;
	for (m = 0; m < 2; m++) {
		int last = m == 0 ? b->last_move : b->last_move2;
		int dr, dc;
		if (last == PASS)
			continue;
		dr = ROW(p) - ROW(last);
		dc = COL(p) - COL(last);
		if (dr < 0)
			dr = -dr;
		if (dc < 0)
			dc = -dc;
		if (dr + dc == 1)
			v += m == 0 ? 12 : 4;
		else if (dr <= 1 && dc <= 1)
			v += m == 0 ? 8 : 3;
		else if (dr + dc <= 3)
			v += m == 0 ? 4 : 1;
	}
	return v;
}

static int spacing_value(const Board *b, int p)
{
	int dist = nearest_stone(b, p), line = edge_distance(p);
	if (b->move_number < 30) {
		if (dist >= 4 && (line == 2 || line == 3))
			return 12;
		if (dist <= 1)
			return -5;
	} else {
		if (dist >= 5)
			return line >= 2 ? 2 : -3;
		if (dist == 1)
			return 4;
	}
	return 0;
}

int move_heuristic(const Board *b, int p, int color)
{
	int v = 0;
	v += eye_value(b, p, color);
	if (v <= -100)
		return v;
	v += tactical_value(b, p, color);
	v += pattern_score(b, p, color);
	v += opening_value(b, p);
	v += locality_value(b, p);
	v += spacing_value(b, p);
	v += tactics_value(b, p, color);
	if (neighbor_count(b, p, EMPTY) < 4 || diag_count(b, p, EMPTY) < 4)
		v += self_atari_penalty(b, p, color);
	return v;
}
