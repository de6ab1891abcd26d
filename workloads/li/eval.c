/* li evaluator: eval/apply with association-list environments, special forms and
 * builtins dispatched through function-pointer tables, proper tail calls in eval's loop. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "li.h"

/* ---- helpers ---- */

static V car_of(V v)
{
	if (v == NIL)
		return NIL;
	if (!CONSP(v))
		li_error("car of a non-list", v);
	return CAR(v);
}

static V cdr_of(V v)
{
	if (v == NIL)
		return NIL;
	if (!CONSP(v))
		li_error("cdr of a non-list", v);
	return CDR(v);
}

static int32_t num(V v)
{
	if (!FIXP(v))
		li_error("not a number", v);
	return FIXVAL(v);
}

static V truth(int b)
{
	return b ? sym_t : NIL;
}

/* The binding cell (sym . value) of sym in env, or NIL for a global. */
static V binding(V sym, V env)
{
	for (; env != NIL; env = CDR(env)) {
		V b = CAR(env);
		if (CAR(b) == sym)
			return b;
	}
	return NIL;
}

static V lookup(V sym, V env)
{
	V b = binding(sym, env);
	if (b != NIL)
		return CDR(b);
	V v = CAR(sym);
	if (v == sym_unbound)
		li_error("unbound variable", sym);
	return v;
}

/* ---- special forms: return 0 with the value in *x, or 1 to evaluate *x in *env ---- */

typedef int (*special_fn)(V args, V *x, V *env);

/* Evaluates all but the last form of body; leaves the last in *x for a tail evaluation. */
static int body_tail(V body, V *x, V env)
{
	if (body == NIL) {
		*x = NIL;
		return 0;
	}
	PROTECT(body);
	PROTECT(env);
	while (CDR(body) != NIL) {
		eval(CAR(body), env);
		body = CDR(body);
	}
	UNPROTECT(2);
	*x = CAR(body);
	return 1;
}

static int sf_quote(V args, V *x, V *env)
{
	(void)env;
	*x = car_of(args);
	return 0;
}

static int sf_if(V args, V *x, V *env)
{
	V c = eval(car_of(args), *env);
	V rest = cdr_of(args);
	if (c != NIL)
		*x = car_of(rest);
	else
		*x = car_of(cdr_of(rest));
	return 1;
}

static int sf_cond(V args, V *x, V *env)
{
	for (; args != NIL; args = CDR(args)) {
		V clause = CAR(args);
		V c = eval(car_of(clause), *env);
		if (c != NIL) {
			if (CDR(clause) == NIL) {
				*x = c;
				return 0;
			}
			return body_tail(CDR(clause), x, *env);
		}
	}
	*x = NIL;
	return 0;
}

static V make_closure(V params, V body, V env)
{
	PROTECT(env);
	V code = cons(params, body);
	UNPROTECT(1);
	return new_cell(T_CLOSURE, code, env);
}

static int sf_lambda(V args, V *x, V *env)
{
	*x = make_closure(car_of(args), cdr_of(args), *env);
	return 0;
}

static int sf_define(V args, V *x, V *env)
{
	V target = car_of(args);
	V val;
	if (CONSP(target)) { /* (define (name . params) body...) */
		val = make_closure(CDR(target), CDR(args), *env);
		target = CAR(target);
	} else {
		val = eval(car_of(cdr_of(args)), *env);
	}
	if (TYPE(target) != T_SYM)
		li_error("define of a non-symbol", NIL);
	CAR(target) = val;
	*x = target;
	return 0;
}

static int sf_set(V args, V *x, V *env)
{
	V sym = car_of(args);
	V val = eval(car_of(cdr_of(args)), *env);
	V b = binding(sym, *env);
	if (b != NIL)
		CDR(b) = val;
	else if (CAR(sym) != sym_unbound)
		CAR(sym) = val;
	else
		li_error("set! of an unbound variable", sym);
	*x = val;
	return 0;
}

static int sf_let(V args, V *x, V *env)
{
	V newenv = *env, bind = NIL;
	PROTECT(newenv);
	PROTECT(bind);
	for (V l = car_of(args); l != NIL; l = CDR(l)) {
		V spec = CAR(l);
		V val = eval(car_of(cdr_of(spec)), *env);
		bind = cons(car_of(spec), val);
		newenv = cons(bind, newenv);
	}
	UNPROTECT(2);
	*env = newenv;
	return body_tail(cdr_of(args), x, newenv);
}

static int sf_begin(V args, V *x, V *env)
{
	return body_tail(args, x, *env);
}

static int sf_and(V args, V *x, V *env)
{
	if (args == NIL) {
		*x = sym_t;
		return 0;
	}
	for (; CDR(args) != NIL; args = CDR(args))
		if (eval(CAR(args), *env) == NIL) {
			*x = NIL;
			return 0;
		}
	*x = CAR(args);
	return 1;
}

static int sf_or(V args, V *x, V *env)
{
	for (; args != NIL && CDR(args) != NIL; args = CDR(args)) {
		V v = eval(CAR(args), *env);
		if (v != NIL) {
			*x = v;
			return 0;
		}
	}
	*x = car_of(args);
	return 1;
}

static int sf_while(V args, V *x, V *env)
{
	V test = car_of(args);
	while (eval(test, *env) != NIL)
		for (V b = CDR(args); b != NIL; b = CDR(b))
			eval(CAR(b), *env);
	*x = NIL;
	return 0;
}

static const struct {
	const char *name;
	special_fn fn;
} specials[] = {
	{"quote", sf_quote}, {"if", sf_if}, {"cond", sf_cond}, {"lambda", sf_lambda},
	{"define", sf_define}, {"set!", sf_set}, {"let", sf_let}, {"begin", sf_begin},
	{"and", sf_and}, {"or", sf_or}, {"while", sf_while},
};

/* ---- builtins: receive the evaluated argument list ---- */

typedef V (*builtin_fn)(V args);

#define ARG1(a) car_of(a)
#define ARG2(a) car_of(cdr_of(a))

static V bi_car(V a) { return car_of(ARG1(a)); }
static V bi_cdr(V a) { return cdr_of(ARG1(a)); }
static V bi_cons(V a) { return cons(ARG1(a), ARG2(a)); }
static V bi_list(V a) { return a; } /* the argument list is always fresh */

static V bi_add(V a)
{
	uint32_t s = 0;
	for (; a != NIL; a = CDR(a))
		s += (uint32_t)num(CAR(a));
	return MKFIX(s);
}

static V bi_mul(V a)
{
	uint32_t s = 1;
	for (; a != NIL; a = CDR(a))
		s *= (uint32_t)num(CAR(a));
	return MKFIX(s);
}

static V bi_sub(V a)
{
	uint32_t s = (uint32_t)num(ARG1(a));
	a = CDR(a);
	if (a == NIL)
		return MKFIX(0u - s);
	for (; a != NIL; a = CDR(a))
		s -= (uint32_t)num(CAR(a));
	return MKFIX(s);
}

static V bi_quotient(V a)
{
	int32_t d = num(ARG2(a));
	if (d == 0)
		li_error("division by zero", NIL);
	return MKFIX(num(ARG1(a)) / d);
}

static V bi_remainder(V a)
{
	int32_t d = num(ARG2(a));
	if (d == 0)
		li_error("division by zero", NIL);
	return MKFIX(num(ARG1(a)) % d);
}

static V bi_numeq(V a) { return truth(num(ARG1(a)) == num(ARG2(a))); }
static V bi_lt(V a) { return truth(num(ARG1(a)) < num(ARG2(a))); }
static V bi_gt(V a) { return truth(num(ARG1(a)) > num(ARG2(a))); }
static V bi_le(V a) { return truth(num(ARG1(a)) <= num(ARG2(a))); }
static V bi_ge(V a) { return truth(num(ARG1(a)) >= num(ARG2(a))); }
static V bi_eq(V a) { return truth(ARG1(a) == ARG2(a)); }

static int equal(V x, V y)
{
	while (CONSP(x) && CONSP(y)) {
		if (!equal(CAR(x), CAR(y)))
			return 0;
		x = CDR(x);
		y = CDR(y);
	}
	return x == y;
}

static V bi_equal(V a) { return truth(equal(ARG1(a), ARG2(a))); }
static V bi_null(V a) { return truth(ARG1(a) == NIL); }
static V bi_pair(V a) { return truth(CONSP(ARG1(a))); }
static V bi_atom(V a) { return truth(!CONSP(ARG1(a))); }
static V bi_number(V a) { return truth(FIXP(ARG1(a))); }
static V bi_symbol(V a) { return truth(TYPE(ARG1(a)) == T_SYM); }

static V bi_length(V a)
{
	int32_t n = 0;
	for (V l = ARG1(a); CONSP(l); l = CDR(l))
		n++;
	return MKFIX(n);
}

static V bi_reverse(V a)
{
	V r = NIL, l = ARG1(a);
	PROTECT(r);
	PROTECT(l);
	for (; CONSP(l); l = CDR(l))
		r = cons(CAR(l), r);
	UNPROTECT(2);
	return r;
}

static V bi_setcar(V a)
{
	V c = ARG1(a);
	if (!CONSP(c))
		li_error("set-car! of a non-pair", NIL);
	CAR(c) = ARG2(a);
	return c;
}

static V bi_setcdr(V a)
{
	V c = ARG1(a);
	if (!CONSP(c))
		li_error("set-cdr! of a non-pair", NIL);
	CDR(c) = ARG2(a);
	return c;
}

static V bi_print(V a)
{
	li_print(ARG1(a));
	li_out("\n");
	return ARG1(a);
}

static const struct {
	const char *name;
	builtin_fn fn;
} builtins[] = {
	{"car", bi_car}, {"cdr", bi_cdr}, {"cons", bi_cons}, {"list", bi_list},
	{"+", bi_add}, {"-", bi_sub}, {"*", bi_mul}, {"quotient", bi_quotient},
	{"remainder", bi_remainder}, {"=", bi_numeq}, {"<", bi_lt}, {">", bi_gt},
	{"<=", bi_le}, {">=", bi_ge}, {"eq?", bi_eq}, {"equal?", bi_equal},
	{"null?", bi_null}, {"not", bi_null}, {"pair?", bi_pair}, {"atom?", bi_atom},
	{"number?", bi_number}, {"symbol?", bi_symbol}, {"length", bi_length},
	{"reverse", bi_reverse}, {"set-car!", bi_setcar}, {"set-cdr!", bi_setcdr},
	{"print", bi_print},
};

void li_init_builtins(void)
{
	for (unsigned i = 0; i < sizeof specials / sizeof specials[0]; i++) {
		V s = intern(specials[i].name);
		CAR(s) = new_cell(T_SPECIAL, MKFIX(i), NIL);
	}
	for (unsigned i = 0; i < sizeof builtins / sizeof builtins[0]; i++) {
		V s = intern(builtins[i].name);
		CAR(s) = new_cell(T_BUILTIN, MKFIX(i), NIL);
	}
}

/* ---- eval / apply ---- */

V eval(V x, V env)
{
	V f = NIL, args = NIL, tail = NIL;
	PROTECT(x);
	PROTECT(env);
	PROTECT(f);
	PROTECT(args);
	PROTECT(tail);
	if (li_nroots > LI_MAXROOTS - 64)
		li_error("evaluation too deep", NIL);
	for (;;) {
		switch (TYPE(x)) {
		case T_SYM:
			x = lookup(x, env);
			goto done;
		case T_CONS:
			break;
		default: /* numbers, closures, builtins evaluate to themselves */
			goto done;
		}
		V head = CAR(x);
		if (TYPE(head) == T_SYM && TYPE(CAR(head)) == T_SPECIAL) { /* by global value, as in xlisp */
			special_fn sf = specials[FIXVAL(CAR(CAR(head)))].fn;
			if (sf(CDR(x), &x, &env))
				continue;
			goto done;
		}
		f = eval(head, env);
		args = tail = NIL;
		for (V a = CDR(x); a != NIL; a = CDR(a)) {
			V v = eval(CAR(a), env);
			V c = cons(v, NIL);
			if (tail == NIL)
				args = c;
			else
				CDR(tail) = c;
			tail = c;
		}
		switch (TYPE(f)) {
		case T_BUILTIN:
			x = builtins[FIXVAL(CAR(f))].fn(args);
			goto done;
		case T_CLOSURE: {
			V params = CAR(CAR(f));
			env = CDR(f);
			while (CONSP(params)) {
				if (args == NIL)
					li_error("too few arguments", NIL);
				tail = cons(CAR(params), CAR(args));
				env = cons(tail, env);
				params = CDR(params);
				args = CDR(args);
			}
			if (params != NIL) { /* rest parameter */
				tail = cons(params, args);
				env = cons(tail, env);
			} else if (args != NIL) {
				li_error("too many arguments", NIL);
			}
			if (body_tail(CDR(CAR(f)), &x, env))
				continue;
			goto done;
		}
		default:
			li_error("application of a non-function", f);
		}
	}
done:
	UNPROTECT(5);
	return x;
}
