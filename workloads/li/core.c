/* li core: the cell heap, symbols, the mark-sweep collector, the reader and the printer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "li.h"

struct cell *heap;
static uint32_t heap_cells;
static V freelist; /* chained through cdr; NIL when empty (cell 0 is never free) */
static V *mark_stack;

V *li_roots[LI_MAXROOTS];
int li_nroots;
uint32_t li_conses, li_collections;
V sym_t, sym_quote, sym_unbound;

/* ---- symbols ---- */

#define MAXSYMS 512
static char sym_names[MAXSYMS][24];
static V syms[MAXSYMS];
static int nsyms;

const char *symbol_name(V sym)
{
	return sym_names[FIXVAL(CDR(sym))];
}

void li_error(const char *msg, V culprit)
{
	fprintf(stderr, "li: error: %s", msg);
	if (TYPE(culprit) == T_SYM)
		fprintf(stderr, ": %s", symbol_name(culprit));
	fprintf(stderr, "\n");
	exit(1);
}

/* ---- collector ---- */

static void mark_value(V v, uint32_t *sp)
{
	if (FIXP(v) || CELL(v).mark)
		return;
	CELL(v).mark = 1;
	mark_stack[(*sp)++] = v;
}

static void collect(void)
{
	uint32_t sp = 0;
	li_collections++;
	for (int i = 0; i < nsyms; i++)
		mark_value(syms[i], &sp);
	for (int i = 0; i < li_nroots; i++)
		mark_value(*li_roots[i], &sp);
	while (sp > 0) {
		V v = mark_stack[--sp];
		switch (CELL(v).type) {
		case T_CONS:
		case T_CLOSURE:
		case T_SYM: /* car = value */
			mark_value(CAR(v), &sp);
			mark_value(CDR(v), &sp);
			break;
		default: /* builtins and specials hold fixnums only */
			break;
		}
	}
	freelist = NIL;
	for (uint32_t i = heap_cells - 1; i > 0; i--) {
		struct cell *c = &heap[i];
		if (c->mark) {
			c->mark = 0;
		} else {
			c->type = T_FREE;
			c->car = NIL;
			c->cdr = freelist;
			freelist = REF(i);
		}
	}
	heap[0].mark = 0;
}

V new_cell(int type, V car, V cdr)
{
#ifdef LI_GC_STRESS /* collect at every allocation: finds unprotected values */
	if (1) {
#else
	if (freelist == NIL) {
#endif
		PROTECT(car);
		PROTECT(cdr);
		collect();
		UNPROTECT(2);
		if (freelist == NIL)
			li_error("out of cells", NIL);
	}
	V v = freelist;
	freelist = CDR(v);
	CELL(v).type = (uint8_t)type;
	CELL(v).car = car;
	CELL(v).cdr = cdr;
	return v;
}

V cons(V a, V d)
{
	li_conses++;
	return new_cell(T_CONS, a, d);
}

/* Symbol lookup by name: open hashing over the name table (the reader interns every
 * identifier it sees). */
#define SYMHASH 1024
static int16_t sym_hash[SYMHASH]; /* symbol number + 1, 0 = empty */

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

V intern(const char *name)
{
	uint32_t h = name_hash(name) & (SYMHASH - 1);
	for (; sym_hash[h]; h = (h + 1) & (SYMHASH - 1))
		if (strcmp(sym_names[sym_hash[h] - 1], name) == 0)
			return syms[sym_hash[h] - 1];
	if (nsyms == MAXSYMS || strlen(name) >= sizeof sym_names[0])
		li_error("symbol table full or name too long", NIL);
	strcpy(sym_names[nsyms], name);
	V s = nsyms == 0 ? NIL : new_cell(T_SYM, NIL, NIL);
	CELL(s).type = T_SYM;
	CELL(s).car = nsyms == 0 ? NIL : sym_unbound;
	CELL(s).cdr = MKFIX(nsyms);
	syms[nsyms++] = s;
	sym_hash[h] = (int16_t)nsyms;
	return s;
}

void li_init(uint32_t ncells)
{
	heap_cells = ncells;
	heap = calloc(ncells, sizeof *heap);
	mark_stack = malloc(ncells * sizeof *mark_stack);
	if (!heap || !mark_stack) {
		fprintf(stderr, "li: out of memory\n");
		exit(1);
	}
	freelist = NIL;
	for (uint32_t i = ncells - 1; i > 0; i--) {
		heap[i].type = T_FREE;
		heap[i].cdr = freelist;
		freelist = REF(i);
	}
	nsyms = 0;
	memset(sym_hash, 0, sizeof sym_hash);
	li_nroots = 0;
	sym_unbound = NIL;
	intern("nil"); /* cell 0: its value is itself */
	sym_unbound = intern("#unbound");
	CAR(sym_unbound) = sym_unbound;
	sym_t = intern("t");
	CAR(sym_t) = sym_t;
	sym_quote = intern("quote");
}

/* ---- reader ---- */

static void skip_blank(const char **src)
{
	const char *p = *src;
	for (;;) {
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (*p != ';')
			break;
		while (*p && *p != '\n')
			p++;
	}
	*src = p;
}

static int delimiter(char c)
{
	return c == 0 || c == ' ' || c == '\n' || c == '\t' || c == '(' || c == ')' || c == ';' ||
	       c == '\'';
}

V li_read(const char **src)
{
	skip_blank(src);
	const char *p = *src;
	if (*p == 0)
		return sym_unbound;
	if (*p == '\'') {
		*src = p + 1;
		V q = li_read(src);
		PROTECT(q);
		q = cons(q, NIL);
		q = cons(sym_quote, q);
		UNPROTECT(1);
		return q;
	}
	if (*p == '(') {
		V head = NIL, tail = NIL;
		PROTECT(head);
		PROTECT(tail);
		*src = p + 1;
		for (;;) {
			skip_blank(src);
			if (**src == ')') {
				(*src)++;
				break;
			}
			if (**src == 0)
				li_error("unexpected end of input in a list", NIL);
			if (**src == '.' && delimiter((*src)[1])) {
				(*src)++;
				V last = li_read(src);
				if (tail == NIL)
					li_error("dot at the start of a list", NIL);
				CDR(tail) = last;
				skip_blank(src);
				if (**src != ')')
					li_error("expected ) after a dotted tail", NIL);
				(*src)++;
				break;
			}
			V item = li_read(src);
			V c = cons(item, NIL);
			if (tail == NIL)
				head = c;
			else
				CDR(tail) = c;
			tail = c;
		}
		UNPROTECT(2);
		return head;
	}
	if (*p == ')')
		li_error("unexpected )", NIL);
	char tok[24];
	int n = 0;
	while (!delimiter(*p)) {
		if (n < (int)sizeof tok - 1)
			tok[n++] = *p;
		p++;
	}
	tok[n] = 0;
	*src = p;
	const char *d = tok + (tok[0] == '-' && tok[1]);
	int numeric = *d != 0;
	for (const char *q = d; *q; q++)
		if (*q < '0' || *q > '9')
			numeric = 0;
	if (numeric) {
		int32_t v = 0;
		for (const char *q = d; *q; q++)
			v = v * 10 + (*q - '0');
		return MKFIX(tok[0] == '-' ? -v : v);
	}
	return intern(tok);
}

/* ---- printer: output goes to stdout and into a running hash ---- */

uint32_t li_out_hash = 2166136261u;

void li_out(const char *s)
{
	fputs(s, stdout);
	for (; *s; s++)
		li_out_hash = (li_out_hash ^ (uint8_t)*s) * 16777619u;
}

void li_print(V v)
{
	char buf[16];
	switch (TYPE(v)) {
	case T_FIX:
		snprintf(buf, sizeof buf, "%d", (int)FIXVAL(v));
		li_out(buf);
		break;
	case T_SYM:
		li_out(symbol_name(v));
		break;
	case T_CONS:
		li_out("(");
		for (;;) {
			li_print(CAR(v));
			v = CDR(v);
			if (TYPE(v) != T_CONS)
				break;
			li_out(" ");
		}
		if (v != NIL) {
			li_out(" . ");
			li_print(v);
		}
		li_out(")");
		break;
	case T_CLOSURE:
		li_out("#<closure>");
		break;
	default:
		li_out("#<builtin>");
		break;
	}
}
