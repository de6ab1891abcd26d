/* li: a small Lisp interpreter (the shared definitions).
 *
 * Values are 32-bit words: odd words are fixnums (31-bit integers), even words are cell
 * references (index * 2) into one fixed array of cells. Cell 0 is the symbol nil. Memory is
 * reclaimed by a mark-sweep collector whose roots are the symbols and a stack of pointers to
 * C locals (PROTECT/UNPROTECT), so no pointer value ever reaches the results and the program
 * behaves the same on 32- and 64-bit hosts.
 */
#ifndef LI_H
#define LI_H

#include <stdint.h>

typedef uint32_t V;

enum { T_FIX, T_FREE, T_CONS, T_SYM, T_BUILTIN, T_SPECIAL, T_CLOSURE };

struct cell {
	V car, cdr;
	uint8_t type, mark;
};

extern struct cell *heap;

#define NIL ((V)0)
#define FIXP(v) ((v) & 1u)
#define MKFIX(n) (((uint32_t)(n) << 1) | 1u)
#define FIXVAL(v) ((int32_t)(v) >> 1)
#define IDX(v) ((v) >> 1)
#define REF(i) ((V)(i) << 1)
#define CELL(v) (heap[IDX(v)])
#define CAR(v) (CELL(v).car)
#define CDR(v) (CELL(v).cdr)
#define TYPE(v) (FIXP(v) ? T_FIX : CELL(v).type)
#define CONSP(v) (TYPE(v) == T_CONS)

/* GC roots: addresses of C locals holding values. */
#define LI_MAXROOTS 40000
extern V *li_roots[LI_MAXROOTS];
extern int li_nroots;
#define PROTECT(v) (li_roots[li_nroots++] = &(v))
#define UNPROTECT(n) (li_nroots -= (n))

/* heap and symbols (core.c) */
void li_init(uint32_t ncells);
V cons(V a, V d);
V new_cell(int type, V car, V cdr);
V intern(const char *name);
const char *symbol_name(V sym);
extern V sym_t, sym_quote, sym_unbound;
extern uint32_t li_conses, li_collections;
__attribute__((noreturn)) void li_error(const char *msg, V culprit);

/* reader and printer (core.c) */
V li_read(const char **src); /* returns sym_unbound at the end of input */
void li_print(V v);
void li_out(const char *s);
extern uint32_t li_out_hash;

/* evaluator (eval.c) */
void li_init_builtins(void);
V eval(V x, V env);

#endif
