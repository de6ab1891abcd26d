/* perl: a tiny Perl-like interpreter (shared definitions).
 *
 * Values are undef, integers, reference-counted immutable strings, or (as temporaries)
 * arrays. The parser turns the script into a tree of nodes, each carrying a pointer to the
 * function that executes it (like Perl's pp_* op functions), so execution is a chain of
 * indirect calls. All variables are global and resolved to slots at parse time.
 */
#ifndef TPERL_H
#define TPERL_H

#include <stdint.h>

typedef struct str {
	int32_t refs, len;
	char d[]; /* len bytes plus a NUL */
} Str;

typedef struct arr Arr;

enum { V_UNDEF, V_INT, V_STR, V_ARR };

typedef struct {
	int type;
	int32_t i;
	Str *s;
	Arr *a; /* V_ARR: an owned temporary */
} Val;

struct arr {
	int n, cap;
	Val *v;
};

typedef struct hent {
	Str *key;
	uint32_t hash;
	Val v;
	struct hent *next;
} HEnt;

typedef struct {
	int nb, n;
	HEnt **b;
} Hash;

/* value.c */
Str *str_new(const char *p, int len);
static inline Str *str_inc(Str *s) { s->refs++; return s; }
void str_dec(Str *s);
Val v_int(int32_t i);
Val v_str(Str *s); /* takes the reference */
Val v_cstr(const char *p, int len);
Val v_undef(void);
Val val_copy(Val v);
void val_free(Val v);
int32_t val_num(Val v);
Str *val_tostr(Val v); /* a new reference */
int val_true(Val v);
Arr *arr_new(void);
void arr_push(Arr *a, Val v); /* takes v */
void arr_clear(Arr *a);
void arr_free(Arr *a);
Val *hash_find(Hash *h, const Str *key);
Val *hash_lvalue(Hash *h, Str *key); /* creates an undef entry if absent */
Arr *hash_sorted_keys(const Hash *h);
int str_cmp(const Str *a, const Str *b);

/* regex.c */
struct regex;
struct regex *re_compile(const char *src, int len, const char **err);
/* Searches s; on success returns 1 and fills caps[0..2*ngroups+1] (start, end pairs). */
int re_search(const struct regex *re, const char *s, int len, int *caps);
int re_ngroups(const struct regex *re);

/* the syntax tree */
typedef struct node Node;
typedef Val (*OpFn)(Node *);
enum { K_OTHER, K_SCALAR, K_HELEM, K_AELEM };
struct node {
	OpFn fn;
	int kind;
	Node *a, *b, *c;
	Node *next; /* statement and argument lists */
	int32_t idx;  /* variable, array, hash or sub slot */
	Val lit;
	struct regex *re;
};

/* parse.c */
Node *parse_program(const char *src);
int sub_count(void);

/* exec.c: globals and the op functions */
#define MAXVARS 256
extern Val scalars[MAXVARS];
extern Arr arrays[MAXVARS];
extern Hash hashes[MAXVARS];
extern Node *subs[MAXVARS];
extern int argv_array; /* slot of @_ */
extern int capture_scalar[10]; /* slots of $1..$9 */
Val run_block(Node *stmts);
__attribute__((noreturn)) void die(const char *msg);

/* the op functions the parser builds nodes with */
Val pp_const(Node *), pp_scalar(Node *), pp_helem(Node *), pp_aelem(Node *);
Val pp_assign(Node *), pp_addassign(Node *), pp_subassign(Node *), pp_catassign(Node *);
Val pp_postinc(Node *);
Val pp_add(Node *), pp_sub(Node *), pp_mul(Node *), pp_div(Node *), pp_mod(Node *);
Val pp_concat(Node *), pp_neg(Node *), pp_not(Node *), pp_and(Node *), pp_or(Node *);
Val pp_numeq(Node *), pp_numne(Node *), pp_lt(Node *), pp_gt(Node *), pp_le(Node *), pp_ge(Node *);
Val pp_streq(Node *), pp_strne(Node *), pp_strlt(Node *), pp_strgt(Node *);
Val pp_match(Node *), pp_call(Node *);
Val pp_length(Node *), pp_substr(Node *), pp_lc(Node *), pp_uc(Node *), pp_index(Node *);
Val pp_join(Node *), pp_count(Node *), pp_getline(Node *);
Val pp_array(Node *), pp_keys(Node *), pp_split(Node *), pp_emptylist(Node *);
Val pp_block(Node *), pp_if(Node *), pp_while(Node *), pp_foreach(Node *), pp_print(Node *);
Val pp_push(Node *), pp_return(Node *), pp_last(Node *), pp_exprstmt(Node *), pp_arrassign(Node *);

/* main.c: the generated input and the output */
Str *next_input_line(void); /* NULL at the end */
void out_write(const char *p, int len);

#endif
