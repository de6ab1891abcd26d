/* go: dragons and life. Strings are grouped into dragons (strings of one colour joined by
 * shared liberties, diagonal links or solid one-point jumps); each dragon gets an eye-space
 * estimate, a liberty count, an escape measure and a status (alive, unsettled, weak, dead);
 * neighbouring weak dragons of opposite colours are compared in a capturing race. The
 * evaluation rewards strong dragons and punishes weak ones. */
#include <string.h>

#include "go.h"

#define MAX_DRAGONS 192

enum { ALIVE, UNSETTLED, WEAK, DEAD };

typedef struct Dragon {
	int color, stones, libs, eyes, half_eyes, escape, status, origin;
} Dragon;

static short dragon_of[BOARD_POINTS];
static Dragon dragons[MAX_DRAGONS];
static int ndragons;
static short string_id[BOARD_POINTS];
static short string_parent[BOARD_POINTS]; /* union-find over string origins */

static int find_root(int p)
{
	while (string_parent[p] != p) {
		string_parent[p] = string_parent[string_parent[p]];
		p = string_parent[p];
	}
	return p;
}

static void unite(int a, int b)
{
	a = find_root(a);
	b = find_root(b);
	if (a == b)
		return;
	if (a < b)
		string_parent[b] = (short)a;
	else
		string_parent[a] = (short)b;
}

/* Labels every stone with the lowest point of its string. */
static void label_strings(const Board *b)
{
	String s;
	int p, i;
	for (p = 0; p < BOARD_POINTS; p++)
		string_id[p] = -1;
	for (p = W; p < BOARD_POINTS - W; p++) {
		int c = b->color[p];
		if ((c != BLACK && c != WHITE) || string_id[p] >= 0)
			continue;
		find_string(b, p, &s);
		for (i = 0; i < s.size; i++)
			string_id[s.stones[i]] = (short)p;
		string_parent[p] = (short)p;
	}
}

/* Two strings of one colour belong to one dragon when they touch diagonally without both
 * cutting points occupied by the opponent, or share a solid one-point jump. */
static void link_strings(const Board *b)
{
	int p, d;
	for (p = W; p < BOARD_POINTS - W; p++) {
		int c = b->color[p];
		if (c != BLACK && c != WHITE)
			continue;
		for (d = 1; d <= 2; d++) { /* diagonals down-right and up-right (each pair once) */
			int q = p + diag4[d];
			int a, e;
			if (b->color[q] != c || string_id[q] == string_id[p])
				continue;
			a = p + (d == 1 ? -W : W);
			e = p + 1;
			if (b->color[a] == OTHER(c) && b->color[e] == OTHER(c))
				continue;
			unite(string_id[p], string_id[q]);
		}
		for (d = 1; d <= 2; d++) { /* one-point jumps right and down */
			int mid = p + dir4[d], q = mid + dir4[d];
			if (q <= 0 || q >= BOARD_POINTS || b->color[mid] != EMPTY || b->color[q] != c)
				continue;
			if (string_id[q] == string_id[p])
				continue;
			if (neighbor_count(b, mid, OTHER(c)) >= 2)
				continue; /* the jump can be cut */
			unite(string_id[p], string_id[q]);
		}
	}
}

/* Stones of each dragon, as linked lists through the board points. */
static short first_stone[MAX_DRAGONS];
static short next_stone[BOARD_POINTS];

/* Counts liberties, eyes, half eyes and open escape points next to the dragon. */
static void eye_space(const Board *b, Dragon *dr, int id)
{
	static uint32_t seen[BOARD_POINTS];
	static uint32_t stamp;
	int p, d;
	if (++stamp == 0) {
		memset(seen, 0, sizeof seen);
		stamp = 1;
	}
	for (p = first_stone[id]; p >= 0; p = next_stone[p]) {
		for (d = 0; d < 4; d++) {
			int n = p + dir4[d];
			if (b->color[n] != EMPTY || seen[n] == stamp)
				continue;
			seen[n] = stamp;
			dr->libs++;
			if (is_true_eye(b, n, dr->color))
				dr->eyes++;
			else if (is_eye_like(b, n, dr->color))
				dr->half_eyes++;
			else if (neighbor_count(b, n, EMPTY) >= 3 && edge_distance(n) >= 2)
				dr->escape++;
		}
	}
}

static int classify(const Dragon *dr)
{
	int eyes2 = dr->eyes * 2 + dr->half_eyes;
	if (eyes2 >= 4)
		return ALIVE;
	if (eyes2 >= 2 && dr->libs >= 6)
		return ALIVE;
	if (dr->escape >= 4 || dr->libs >= 10)
		return UNSETTLED;
	if (dr->libs <= 2 && eyes2 < 2)
		return DEAD;
	if (dr->escape <= 1 && eyes2 < 2)
		return WEAK;
	return UNSETTLED;
}

static void build_dragons(const Board *b)
{
	int p;
	label_strings(b);
	link_strings(b);
	ndragons = 0;
	for (p = 0; p < BOARD_POINTS; p++)
		dragon_of[p] = -1;
	for (p = W; p < BOARD_POINTS - W; p++) {
		int c = b->color[p], root, id;
		if (c != BLACK && c != WHITE)
			continue;
		root = find_root(string_id[p]);
		if (dragon_of[root] < 0) {
			if (ndragons == MAX_DRAGONS)
				continue;
			id = ndragons++;
			dragon_of[root] = (short)id;
			memset(&dragons[id], 0, sizeof dragons[id]);
			dragons[id].color = c;
			dragons[id].origin = root;
			first_stone[id] = -1;
		}
		id = dragon_of[root];
		dragon_of[p] = (short)id;
		dragons[id].stones++;
		next_stone[p] = first_stone[id];
		first_stone[id] = (short)p;
	}
	for (p = 0; p < ndragons; p++) {
		eye_space(b, &dragons[p], p);
		dragons[p].status = classify(&dragons[p]);
	}
}

/* Capturing races: adjacent dragons that are both weak or dead; the one with more
 * liberties (ties to the side to move) is upgraded, the other downgraded. */
static void semeai(const Board *b)
{
	int p, d;
	for (p = W; p < BOARD_POINTS - W; p++) {
		int c = b->color[p], a;
		if (c != BLACK || dragon_of[p] < 0)
			continue;
		a = dragon_of[p];
		for (d = 0; d < 4; d++) {
			int n = p + dir4[d], e;
			Dragon *x, *y;
			if (b->color[n] != WHITE || dragon_of[n] < 0)
				continue;
			e = dragon_of[n];
			x = &dragons[a];
			y = &dragons[e];
			if (x->status < WEAK || y->status < WEAK)
				continue;
			if (x->libs > y->libs || (x->libs == y->libs && b->to_move == BLACK)) {
				x->status = UNSETTLED;
				y->status = DEAD;
			} else {
				y->status = UNSETTLED;
				x->status = DEAD;
			}
		}
	}
}

int eval_dragons(const Board *b)
{
	int i, score = 0;
	build_dragons(b);
	semeai(b);
	for (i = 0; i < ndragons; i++) {
		const Dragon *dr = &dragons[i];
		int v;
		switch (dr->status) {
		case ALIVE: v = 6 + dr->stones; break;
		case UNSETTLED: v = dr->stones / 2; break;
		case WEAK: v = -(dr->stones * 4 + 6); break;
		default: v = -(dr->stones * 9 + 10); break;
		}
		if (dr->stones >= 8 && dr->status >= WEAK)
			v -= 12;
		score += dr->color == BLACK ? v : -v;
	}
	return score;
}
