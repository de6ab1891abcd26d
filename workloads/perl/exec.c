/* perl: the op functions. Each node's fn executes it and returns an owned value. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perl.h"

Val scalars[MAXVARS];
Arr arrays[MAXVARS];
Hash hashes[MAXVARS];
Node *subs[MAXVARS];
int argv_array;
int capture_scalar[10];

enum { CTL_NONE, CTL_RETURN, CTL_LAST };
static int ctl;
static Val retval;

void die(const char *msg)
{
	fprintf(stderr, "perl: %s\n", msg);
	exit(1);
}

#define EVAL(n) ((n)->fn(n))

/* ---- variables and lvalues ---- */

Val pp_const(Node *n)
{
	return val_copy(n->lit);
}

Val pp_scalar(Node *n)
{
	return val_copy(scalars[n->idx]);
}

static Str *key_of(Node *keyexpr)
{
	Val k = EVAL(keyexpr);
	Str *s = val_tostr(k);
	val_free(k);
	return s;
}

Val pp_helem(Node *n)
{
	Str *key = key_of(n->a);
	Val *v = hash_find(&hashes[n->idx], key);
	str_dec(key);
	return v ? val_copy(*v) : v_undef();
}

Val pp_aelem(Node *n)
{
	Val i = EVAL(n->a);
	int32_t k = val_num(i);
	val_free(i);
	Arr *a = &arrays[n->idx];
	return k >= 0 && k < a->n ? val_copy(a->v[k]) : v_undef();
}

/* The storage a variable node names, created on demand. */
static Val *lvalue(Node *n)
{
	switch (n->kind) {
	case K_SCALAR:
		return &scalars[n->idx];
	case K_HELEM: {
		Str *key = key_of(n->a);
		Val *v = hash_lvalue(&hashes[n->idx], key);
		str_dec(key);
		return v;
	}
	case K_AELEM: {
		Val i = EVAL(n->a);
		int32_t k = val_num(i);
		val_free(i);
		if (k < 0 || k > 1000000)
			die("array index out of range");
		Arr *a = &arrays[n->idx];
		while (a->n <= k)
			arr_push(a, v_undef());
		return &a->v[k];
	}
	default:
		die("not an lvalue");
	}
}

Val pp_assign(Node *n)
{
	Val v = EVAL(n->b);
	Val *p = lvalue(n->a);
	val_free(*p);
	*p = v;
	return val_copy(v);
}

Val pp_addassign(Node *n)
{
	Val v = EVAL(n->b);
	int32_t d = val_num(v);
	val_free(v);
	Val *p = lvalue(n->a);
	int32_t r = (int32_t)((uint32_t)val_num(*p) + (uint32_t)d);
	val_free(*p);
	*p = v_int(r);
	return v_int(r);
}

Val pp_subassign(Node *n)
{
	Val v = EVAL(n->b);
	int32_t d = val_num(v);
	val_free(v);
	Val *p = lvalue(n->a);
	int32_t r = (int32_t)((uint32_t)val_num(*p) - (uint32_t)d);
	val_free(*p);
	*p = v_int(r);
	return v_int(r);
}

static Str *str_cat(const Str *a, const Str *b)
{
	Str *s = str_new(NULL, a->len + b->len);
	memcpy(s->d, a->d, (size_t)a->len);
	memcpy(s->d + a->len, b->d, (size_t)b->len);
	s->d[a->len + b->len] = 0;
	return s;
}

Val pp_catassign(Node *n)
{
	Val v = EVAL(n->b);
	Str *tail = val_tostr(v);
	val_free(v);
	Val *p = lvalue(n->a);
	Str *head = val_tostr(*p);
	Str *s = str_cat(head, tail);
	str_dec(head);
	str_dec(tail);
	val_free(*p);
	*p = v_str(s);
	return v_str(str_inc(s));
}

Val pp_postinc(Node *n)
{
	Val *p = lvalue(n->a);
	int32_t old = val_num(*p);
	val_free(*p);
	*p = v_int((int32_t)((uint32_t)old + 1));
	return v_int(old);
}

/* ---- arithmetic, strings, logic ---- */

#define NUM_BINOP(name, expr)                        \
	Val name(Node *n)                            \
	{                                            \
		Val x = EVAL(n->a), y = EVAL(n->b);  \
		uint32_t a = (uint32_t)val_num(x);   \
		uint32_t b = (uint32_t)val_num(y);   \
		val_free(x);                         \
		val_free(y);                         \
		return v_int((int32_t)(expr));       \
	}

NUM_BINOP(pp_add, a + b)
NUM_BINOP(pp_sub, a - b)
NUM_BINOP(pp_mul, a * b)
NUM_BINOP(pp_numeq, a == b)
NUM_BINOP(pp_numne, a != b)
NUM_BINOP(pp_lt, (int32_t)a < (int32_t)b)
NUM_BINOP(pp_gt, (int32_t)a > (int32_t)b)
NUM_BINOP(pp_le, (int32_t)a <= (int32_t)b)
NUM_BINOP(pp_ge, (int32_t)a >= (int32_t)b)

Val pp_div(Node *n)
{
	Val x = EVAL(n->a), y = EVAL(n->b);
	int32_t a = val_num(x), b = val_num(y);
	val_free(x);
	val_free(y);
	if (b == 0)
		die("division by zero");
	return v_int(a / b);
}

Val pp_mod(Node *n)
{
	Val x = EVAL(n->a), y = EVAL(n->b);
	int32_t a = val_num(x), b = val_num(y);
	val_free(x);
	val_free(y);
	if (b == 0)
		die("modulus zero");
	return v_int(a % b);
}

Val pp_neg(Node *n)
{
	Val x = EVAL(n->a);
	int32_t a = val_num(x);
	val_free(x);
	return v_int((int32_t)(0u - (uint32_t)a));
}

Val pp_not(Node *n)
{
	Val x = EVAL(n->a);
	int t = val_true(x);
	val_free(x);
	return v_int(!t);
}

Val pp_and(Node *n)
{
	Val x = EVAL(n->a);
	if (!val_true(x))
		return x;
	val_free(x);
	return EVAL(n->b);
}

Val pp_or(Node *n)
{
	Val x = EVAL(n->a);
	if (val_true(x))
		return x;
	val_free(x);
	return EVAL(n->b);
}

Val pp_concat(Node *n)
{
	Val x = EVAL(n->a), y = EVAL(n->b);
	Str *a = val_tostr(x), *b = val_tostr(y);
	val_free(x);
	val_free(y);
	Str *s = str_cat(a, b);
	str_dec(a);
	str_dec(b);
	return v_str(s);
}

static int str_compare_nodes(Node *n)
{
	Val x = EVAL(n->a), y = EVAL(n->b);
	Str *a = val_tostr(x), *b = val_tostr(y);
	val_free(x);
	val_free(y);
	int c = str_cmp(a, b);
	str_dec(a);
	str_dec(b);
	return c;
}

Val pp_streq(Node *n) { return v_int(str_compare_nodes(n) == 0); }
Val pp_strne(Node *n) { return v_int(str_compare_nodes(n) != 0); }
Val pp_strlt(Node *n) { return v_int(str_compare_nodes(n) < 0); }
Val pp_strgt(Node *n) { return v_int(str_compare_nodes(n) > 0); }

Val pp_match(Node *n)
{
	Val x = EVAL(n->a);
	Str *s = val_tostr(x);
	val_free(x);
	int caps[20];
	int found = re_search(n->re, s->d, s->len, caps);
	if (found)
		for (int g = 1; g <= re_ngroups(n->re); g++) {
			Val *v = &scalars[capture_scalar[g]];
			val_free(*v);
			*v = caps[2 * g] >= 0 && caps[2 * g + 1] >= caps[2 * g]
				     ? v_cstr(s->d + caps[2 * g], caps[2 * g + 1] - caps[2 * g])
				     : v_undef();
		}
	str_dec(s);
	return v_int(found != (int)n->idx);
}

/* ---- builtins ---- */

static Str *arg_str(Node *a)
{
	Val v = EVAL(a);
	Str *s = val_tostr(v);
	val_free(v);
	return s;
}

static int32_t arg_num(Node *a)
{
	Val v = EVAL(a);
	int32_t i = val_num(v);
	val_free(v);
	return i;
}

Val pp_length(Node *n)
{
	Str *s = arg_str(n->a);
	int32_t len = s->len;
	str_dec(s);
	return v_int(len);
}

Val pp_substr(Node *n)
{
	Str *s = arg_str(n->a);
	int32_t off = arg_num(n->a->next), len = arg_num(n->a->next->next);
	if (off < 0)
		off += s->len;
	if (off < 0)
		off = 0;
	if (off > s->len)
		off = s->len;
	if (len < 0 || off + len > s->len)
		len = s->len - off;
	Val r = v_cstr(s->d + off, len);
	str_dec(s);
	return r;
}

static Val change_case(Node *n, int upper)
{
	Str *s = arg_str(n->a);
	Str *r = str_new(s->d, s->len);
	for (int i = 0; i < r->len; i++) {
		char c = r->d[i];
		if (upper && c >= 'a' && c <= 'z')
			r->d[i] = (char)(c - 'a' + 'A');
		else if (!upper && c >= 'A' && c <= 'Z')
			r->d[i] = (char)(c - 'A' + 'a');
	}
	str_dec(s);
	return v_str(r);
}

Val pp_lc(Node *n) { return change_case(n, 0); }
Val pp_uc(Node *n) { return change_case(n, 1); }

Val pp_index(Node *n)
{
	Str *s = arg_str(n->a), *t = arg_str(n->a->next);
	int32_t at = -1;
	for (int i = 0; i + t->len <= s->len; i++)
		if (memcmp(s->d + i, t->d, (size_t)t->len) == 0) {
			at = i;
			break;
		}
	str_dec(s);
	str_dec(t);
	return v_int(at);
}

Val pp_join(Node *n)
{
	Str *sep = arg_str(n->a);
	Val list = EVAL(n->a->next);
	if (list.type != V_ARR)
		die("join needs a list");
	int total = 0;
	Str **parts = malloc(((size_t)list.a->n + 1) * sizeof *parts);
	for (int i = 0; i < list.a->n; i++) {
		parts[i] = val_tostr(list.a->v[i]);
		total += parts[i]->len + (i ? sep->len : 0);
	}
	char *buf = malloc((size_t)total + 1);
	int at = 0;
	for (int i = 0; i < list.a->n; i++) {
		if (i) {
			memcpy(buf + at, sep->d, (size_t)sep->len);
			at += sep->len;
		}
		memcpy(buf + at, parts[i]->d, (size_t)parts[i]->len);
		at += parts[i]->len;
		str_dec(parts[i]);
	}
	Str *r = str_new(buf, total);
	free(buf);
	free(parts);
	str_dec(sep);
	val_free(list);
	return v_str(r);
}

Val pp_count(Node *n)
{
	Val list = EVAL(n->a);
	int32_t c = list.type == V_ARR ? list.a->n : 1;
	val_free(list);
	return v_int(c);
}

Val pp_getline(Node *n)
{
	(void)n;
	Str *s = next_input_line();
	return s ? v_str(s) : v_cstr("", 0);
}

/* ---- list values ---- */

Val pp_array(Node *n)
{
	Val v = {V_ARR, 0, NULL, &arrays[n->idx]};
	return val_copy(v); /* a fresh temporary */
}

Val pp_keys(Node *n)
{
	Val v = {V_ARR, 0, NULL, hash_sorted_keys(&hashes[n->idx])};
	return v;
}

Val pp_split(Node *n)
{
	Str *s = arg_str(n->a);
	Arr *a = arr_new();
	int i = 0;
	while (i < s->len) {
		while (i < s->len && (s->d[i] == ' ' || s->d[i] == '\t' || s->d[i] == '\n'))
			i++;
		int start = i;
		while (i < s->len && s->d[i] != ' ' && s->d[i] != '\t' && s->d[i] != '\n')
			i++;
		if (i > start)
			arr_push(a, v_cstr(s->d + start, i - start));
	}
	str_dec(s);
	Val v = {V_ARR, 0, NULL, a};
	return v;
}

Val pp_emptylist(Node *n)
{
	(void)n;
	Val v = {V_ARR, 0, NULL, arr_new()};
	return v;
}

Val pp_arrassign(Node *n)
{
	Val list = EVAL(n->a);
	Arr *dst = &arrays[n->idx];
	arr_clear(dst);
	free(dst->v);
	*dst = *list.a; /* take over the temporary's storage */
	free(list.a);
	return v_undef();
}

/* ---- statements ---- */

Val run_block(Node *stmts)
{
	for (Node *s = stmts; s && !ctl; s = s->next)
		val_free(EVAL(s));
	return v_undef();
}

Val pp_block(Node *n)
{
	return run_block(n->a);
}

Val pp_exprstmt(Node *n)
{
	val_free(EVAL(n->a));
	return v_undef();
}

Val pp_if(Node *n)
{
	Val c = EVAL(n->a);
	int t = val_true(c);
	val_free(c);
	if (t)
		return EVAL(n->b);
	if (n->c)
		return EVAL(n->c);
	return v_undef();
}

Val pp_while(Node *n)
{
	for (;;) {
		Val c = EVAL(n->a);
		int t = val_true(c);
		val_free(c);
		if (!t)
			break;
		val_free(EVAL(n->b));
		if (ctl) {
			if (ctl == CTL_LAST)
				ctl = CTL_NONE;
			break;
		}
	}
	return v_undef();
}

Val pp_foreach(Node *n)
{
	Val list = EVAL(n->a);
	for (int i = 0; i < list.a->n; i++) {
		Val *var = &scalars[n->idx];
		val_free(*var);
		*var = val_copy(list.a->v[i]);
		val_free(EVAL(n->b));
		if (ctl) {
			if (ctl == CTL_LAST)
				ctl = CTL_NONE;
			break;
		}
	}
	val_free(list);
	return v_undef();
}

Val pp_print(Node *n)
{
	for (Node *a = n->a; a; a = a->next) {
		Str *s = arg_str(a);
		out_write(s->d, s->len);
		str_dec(s);
	}
	return v_undef();
}

Val pp_push(Node *n)
{
	arr_push(&arrays[n->idx], EVAL(n->a));
	return v_undef();
}

Val pp_return(Node *n)
{
	val_free(retval);
	retval = n->a ? EVAL(n->a) : v_undef();
	ctl = CTL_RETURN;
	return v_undef();
}

Val pp_last(Node *n)
{
	(void)n;
	ctl = CTL_LAST;
	return v_undef();
}

/* A sub call: arguments (lists flattened) become @_, saved and restored around the body. */
Val pp_call(Node *n)
{
	Arr args = {0, 0, NULL};
	for (Node *a = n->a; a; a = a->next) {
		Val v = EVAL(a);
		if (v.type == V_ARR) {
			for (int i = 0; i < v.a->n; i++)
				arr_push(&args, val_copy(v.a->v[i]));
			val_free(v);
		} else {
			arr_push(&args, v);
		}
	}
	Arr saved = arrays[argv_array];
	arrays[argv_array] = args;
	val_free(retval);
	retval = v_undef();
	EVAL(subs[n->idx]);
	ctl = CTL_NONE;
	arr_clear(&arrays[argv_array]);
	free(arrays[argv_array].v);
	arrays[argv_array] = saved;
	Val r = retval;
	retval = v_undef();
	return r;
}
