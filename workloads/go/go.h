/* go: a small Go-playing engine on a 19x19 board (shared declarations).
 *
 * The board is a 21x21 array with a border of EDGE points, so every point of the real
 * board has four neighbours at fixed offsets. Strings (connected stones of one colour) and
 * their liberties are found by flood fill; evaluation is a long list of independent,
 * branchy heuristics; the search is a shallow, width-limited two-ply look-ahead. */
#ifndef WORKLOADS_GO_GO_H
#define WORKLOADS_GO_GO_H

#include <stdint.h>

#define N 19
#define W (N + 2)
#define BOARD_POINTS (W * W)
#define PASS 0

enum { EMPTY = 0, BLACK = 1, WHITE = 2, EDGE = 3 };

#define OTHER(c) (3 - (c))
#define POINT(row, col) (((row) + 1) * W + (col) + 1)
/* Row and column of a point (-1 or N on the border), from tables: division is a
 * millicode call on PA-RISC. */
extern signed char row_of[BOARD_POINTS], col_of[BOARD_POINTS], edge_dist_of[BOARD_POINTS];
#define ROW(p) ((int)row_of[p])
#define COL(p) ((int)col_of[p])

extern const int dir4[4];
extern const int diag4[4];
extern const int dir8[8];

typedef struct Board {
	unsigned char color[BOARD_POINTS];
	int ko;               /* point forbidden by the ko rule, or 0 */
	int to_move;
	int captured[3];      /* stones captured by BLACK and WHITE */
	int move_number;
	int last_move, last_move2;
	uint32_t hash;
} Board;

/* A string found by flood fill. */
#define MAX_STONES (N * N)
typedef struct String {
	int color;
	int size;
	int libs;
	int stones[MAX_STONES];
	int lib_points[MAX_STONES];
} String;

/* board.c */
void board_clear(Board *b);
int on_board(const Board *b, int p);
void find_string(const Board *b, int p, String *s);
int count_libs(const Board *b, int p, int limit);
int first_liberty(const Board *b, int p);
int is_legal(const Board *b, int p, int color);
int play_move(Board *b, int p, int color);
int is_eye_like(const Board *b, int p, int color);
int is_true_eye(const Board *b, int p, int color);
uint32_t board_signature(const Board *b);
int neighbor_count(const Board *b, int p, int color);
int diag_count(const Board *b, int p, int color);
int edge_distance(int p);
void board_dump(const Board *b);

/* ladder.c */
int ladder_captures(const Board *b, int str, int attacker, int depth);
int can_escape_atari(const Board *b, int str);

/* patterns.c */
void patterns_init(void);
int pattern_score(const Board *b, int p, int color);

/* eval.c: static evaluation of a position from BLACK's point of view */
int evaluate(const Board *b);
void eval_stats(uint32_t *calls, uint32_t *sum);

/* dragons.c: dragon (group) strength and capturing races, from BLACK's point of view */
int eval_dragons(const Board *b);

/* tactics.c: local tactical and shape motifs of a candidate move */
int tactics_value(const Board *b, int p, int color);

/* movegen.c: heuristic score of a candidate move */
int move_heuristic(const Board *b, int p, int color);

/* search.c */
int choose_move(const Board *b, int color, uint32_t noise_seed);
extern uint32_t search_nodes;

#endif
