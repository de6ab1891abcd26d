/* go: tactical reading. Ladders (can a string in atari be chased to capture?) and
 * whether a string in atari can escape by extending or by capturing. The recursion is
 * deep and its branches depend entirely on the position. */
#include "go.h"

uint32_t ladder_nodes;

/* Can `attacker` capture the string at `str`, which has at most two liberties, by
 * repeated ataris? Depth-limited; the defender always extends on its last liberty or
 * captures an attacking stone in atari. */
int ladder_captures(const Board *b, int str, int attacker, int depth)
{
	String s;
	Board nb;
	int i, defender = OTHER(attacker);

	ladder_nodes++;
	if (depth <= 0)
		return 0;
	find_string(b, str, &s);
	if (s.libs == 0)
		return 1;
	if (s.libs >= 3)
		return 0;
	if (s.libs == 1) {
		int esc = s.lib_points[0], j;
		/* Defender: first try to capture an adjacent attacker string in atari. */
		for (i = 0; i < s.size; i++) {
			int d;
			for (d = 0; d < 4; d++) {
				int n = s.stones[i] + dir4[d];
				if (b->color[n] == attacker && count_libs(b, n, 2) == 1) {
					int cap = first_liberty(b, n);
					if (is_legal(b, cap, defender)) {
						nb = *b;
						play_move(&nb, cap, defender);
						if (!ladder_captures(&nb, str, attacker, depth - 1))
							return 0;
					}
				}
			}
		}
		if (!is_legal(b, esc, defender))
			return 1;
		nb = *b;
		play_move(&nb, esc, defender);
		j = count_libs(&nb, str, 3);
		if (j >= 3)
			return 0;
		if (j <= 1)
			return 1;
		return ladder_captures(&nb, str, attacker, depth - 1);
	}
	/* Two liberties: the attacker tries ataris from either side. */
	for (i = 0; i < 2; i++) {
		int a = s.lib_points[i];
		if (!is_legal(b, a, attacker))
			continue;
		nb = *b;
		play_move(&nb, a, attacker);
		if (nb.color[str] != defender)
			return 1;
		if (count_libs(&nb, a, 2) < 2)
			continue; /* the attacking stone itself would be in atari */
		if (ladder_captures(&nb, str, attacker, depth - 1))
			return 1;
	}
	return 0;
}

/* A string in atari can escape if extending gives it three or more liberties, or two
 * liberties that are not a working ladder, or if it can capture an attacker. */
int can_escape_atari(const Board *b, int str)
{
	String s;
	Board nb;
	int color = b->color[str], i, libs;

	find_string(b, str, &s);
	if (s.libs != 1)
		return s.libs > 1;
	for (i = 0; i < s.size; i++) {
		int d;
		for (d = 0; d < 4; d++) {
			int n = s.stones[i] + dir4[d];
			if (b->color[n] == OTHER(color) && count_libs(b, n, 2) == 1)
				return 1;
		}
	}
	if (!is_legal(b, s.lib_points[0], color))
		return 0;
	nb = *b;
	play_move(&nb, s.lib_points[0], color);
	libs = count_libs(&nb, str, 3);
	if (libs >= 3)
		return 1;
	if (libs <= 1)
		return 0;
	return !ladder_captures(&nb, str, OTHER(color), 12);
}
