/* go: move choice. Every legal move gets a heuristic score; the best few are searched two
 * plies deep (our move, then the opponent's best local replies, each position scored by
 * the static evaluation). Ties are broken by a deterministic per-game noise term and then
 * by the lower point index, so self-play is reproducible on every host. */
#include "go.h"

#define TOP_MOVES 5
#define TOP_REPLIES 2
#define REPLY_RADIUS 2

uint32_t search_nodes;

struct cand {
	int point, score;
};

static uint32_t noise(int p, uint32_t seed)
{
	uint32_t x = (uint32_t)p * 0x9e3779b1u ^ seed;
	x ^= x >> 15;
	x *= 0x85ebca6bu;
	x ^= x >> 13;
	return x & 7;
}

/* Keeps the best `k` candidates in list (sorted, best first); returns the new count. */
static int insert_cand(struct cand *list, int count, int k, int point, int score)
{
	int i;
	if (count == k && (score < list[k - 1].score || (score == list[k - 1].score && point > list[k - 1].point)))
		return count;
	if (count < k)
		count++;
	for (i = count - 1; i > 0; i--) {
		struct cand *prev = &list[i - 1];
		if (prev->score > score || (prev->score == score && prev->point < point))
			break;
		list[i] = *prev;
	}
	list[i].point = point;
	list[i].score = score;
	return count;
}

/* Score from `color`'s point of view. */
static int eval_for(const Board *b, int color)
{
	int e = evaluate(b);
	return color == BLACK ? e : -e;
}

/* The opponent's best reply near `center`: minimum of our evaluation over its few best
 * local replies and a tenuki (pass) reply. */
static int worst_reply(const Board *b, int center, int color)
{
	struct cand replies[TOP_REPLIES];
	int count = 0, dr, dc, i, worst, opp = OTHER(color);
	int r0 = ROW(center), c0 = COL(center);
	for (dr = -REPLY_RADIUS; dr <= REPLY_RADIUS; dr++) {
		int r = r0 + dr;
		if (r < 0 || r >= N)
			continue;
		for (dc = -REPLY_RADIUS; dc <= REPLY_RADIUS; dc++) {
			int c = c0 + dc, p;
			if (c < 0 || c >= N)
				continue;
			p = POINT(r, c);
			if (b->color[p] != EMPTY || !is_legal(b, p, opp))
				continue;
			count = insert_cand(replies, count, TOP_REPLIES, p, move_heuristic(b, p, opp));
		}
	}
	worst = eval_for(b, color) - 8; /* the opponent may play elsewhere */
	for (i = 0; i < count; i++) {
		Board nb = *b;
		int v;
		search_nodes++;
		play_move(&nb, replies[i].point, opp);
		v = eval_for(&nb, color);
		if (v < worst)
			worst = v;
	}
	return worst;
}

int choose_move(const Board *b, int color, uint32_t noise_seed)
{
	struct cand top[TOP_MOVES];
	int count = 0, p, i, best = PASS, best_value = 0;
	for (p = W; p < BOARD_POINTS - W; p++) {
		int h;
		if (b->color[p] != EMPTY || !is_legal(b, p, color))
			continue;
		h = move_heuristic(b, p, color);
		if (h <= -50)
			continue;
		count = insert_cand(top, count, TOP_MOVES, p, h * 4 + (int)noise(p, noise_seed));
	}
	if (count == 0)
		return PASS;
	for (i = 0; i < count; i++) {
		Board nb = *b;
		int v;
		search_nodes++;
		play_move(&nb, top[i].point, color);
		v = worst_reply(&nb, top[i].point, color) + top[i].score / 8;
		if (best == PASS || v > best_value || (v == best_value && top[i].point < best)) {
			best = top[i].point;
			best_value = v;
		}
	}
	/* Nothing worth playing: pass when every option looks like a clear loss of points. */
	if (top[0].score < 0 && best_value < eval_for(b, color) - 40)
		return PASS;
	return best;
}
