/* perl: the tokenizer and the recursive-descent parser that builds the op tree. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perl.h"

enum tok {
	T_EOF, T_NUM, T_STR, T_SCALAR, T_ARRAY, T_HASH, T_IDENT, T_REGEX, T_OP,
};

struct lexer {
	const char *p;
	int line;
	enum tok t;
	char text[64]; /* identifier, variable name or operator */
	int32_t num;
	const char *sbeg; /* T_STR / T_REGEX: raw body */
	int slen;
	int interp;     /* T_STR: double-quoted */
	int prev_value; /* the previous token ends a value: '/' and '%' are operators */
};

static struct lexer *L;

__attribute__((noreturn)) static void syntax_error(const char *msg)
{
	fprintf(stderr, "perl: script line %d: %s (near '%s')\n", L->line, msg, L->text);
	exit(1);
}

static int is_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static void next(void)
{
	const char *p = L->p;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n') {
			if (*p == '\n')
				L->line++;
			p++;
		}
		if (*p != '#')
			break;
		while (*p && *p != '\n')
			p++;
	}
	L->text[0] = 0;
	int was_value = L->prev_value;
	L->prev_value = 0;
	if (!*p) {
		L->t = T_EOF;
	} else if (*p >= '0' && *p <= '9') {
		int32_t n = 0;
		while (*p >= '0' && *p <= '9')
			n = n * 10 + (*p++ - '0');
		L->t = T_NUM;
		L->num = n;
		L->prev_value = 1;
	} else if (*p == '"' || *p == '\'') {
		char q = *p++;
		L->sbeg = p;
		while (*p && *p != q) {
			if (*p == '\\' && p[1])
				p++;
			p++;
		}
		if (!*p)
			syntax_error("unterminated string");
		L->slen = (int)(p - L->sbeg);
		L->interp = q == '"';
		p++;
		L->t = T_STR;
		L->prev_value = 1;
	} else if ((*p == '$' || *p == '@' || (*p == '%' && !was_value)) &&
		   (is_ident_char(p[1]))) {
		char sigil = *p++;
		int n = 0;
		while (is_ident_char(*p) && n < 63)
			L->text[n++] = *p++;
		L->text[n] = 0;
		L->t = sigil == '$' ? T_SCALAR : sigil == '@' ? T_ARRAY : T_HASH;
		L->prev_value = 1;
	} else if (is_ident_char(*p)) {
		int n = 0;
		while (is_ident_char(*p) && n < 63)
			L->text[n++] = *p++;
		L->text[n] = 0;
		L->t = T_IDENT;
	} else if (*p == '/' && !was_value) {
		L->sbeg = ++p;
		while (*p && *p != '/') {
			if (*p == '\\' && p[1])
				p++;
			p++;
		}
		if (!*p)
			syntax_error("unterminated regex");
		L->slen = (int)(p - L->sbeg);
		p++;
		L->t = T_REGEX;
		L->prev_value = 1;
	} else {
		static const char *const ops[] = {"==", "!=", "<=", ">=", "&&", "||", "=~", "!~",
						  ".=", "+=", "-=", "++", NULL};
		L->t = T_OP;
		L->text[0] = *p;
		L->text[1] = 0;
		for (int i = 0; ops[i]; i++)
			if (p[0] == ops[i][0] && p[1] == ops[i][1]) {
				L->text[1] = p[1];
				L->text[2] = 0;
				break;
			}
		p += strlen(L->text);
		L->prev_value = L->text[0] == ')' || L->text[0] == ']' || L->text[0] == '}' ||
				strcmp(L->text, "++") == 0;
	}
	L->p = p;
}

static int is_op(const char *op)
{
	return L->t == T_OP && strcmp(L->text, op) == 0;
}

static int is_word(const char *w)
{
	return L->t == T_IDENT && strcmp(L->text, w) == 0;
}

static void expect_op(const char *op)
{
	if (!is_op(op)) {
		char msg[32];
		snprintf(msg, sizeof msg, "expected '%s'", op);
		syntax_error(msg);
	}
	next();
}

/* ---- symbol tables: names to global slots ---- */

struct names {
	char name[MAXVARS][24];
	int n;
};
static struct names scalar_names, array_names, hash_names, sub_names;

static int slot(struct names *t, const char *name)
{
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->name[i], name) == 0)
			return i;
	if (t->n == MAXVARS || strlen(name) >= sizeof t->name[0])
		syntax_error("too many names or name too long");
	strcpy(t->name[t->n], name);
	return t->n++;
}

int sub_count(void)
{
	return sub_names.n;
}

/* ---- nodes ---- */

static Node *mk(OpFn fn, Node *a, Node *b, Node *c)
{
	Node *n = calloc(1, sizeof *n);
	if (!n)
		die("out of memory");
	n->fn = fn;
	n->a = a;
	n->b = b;
	n->c = c;
	return n;
}

static Node *mk_const(Val v)
{
	Node *n = mk(pp_const, NULL, NULL, NULL);
	n->lit = v;
	return n;
}

static Node *expr(void);
static Node *block(void);

/* A double-quoted string: literal pieces and interpolated $scalars / $hash{...} joined. */
static Node *interpolate(const char *s, int len)
{
	Node *result = NULL;
	char *buf = malloc((size_t)len + 1);
	int n = 0;
	for (int i = 0; i <= len; i++) {
		int var = i < len && s[i] == '$' && i + 1 < len && is_ident_char(s[i + 1]);
		if (i == len || var) {
			if (n > 0 || (i == len && !result)) {
				Node *lit = mk_const(v_cstr(buf, n));
				result = result ? mk(pp_concat, result, lit, NULL) : lit;
				n = 0;
			}
			if (i == len)
				break;
			/* parse the variable (with an optional {key} or [index]) with a sub-lexer */
			int j = i + 1;
			while (j < len && is_ident_char(s[j]))
				j++;
			if (j < len && (s[j] == '{' || s[j] == '[')) {
				char close = s[j] == '{' ? '}' : ']';
				while (j < len && s[j] != close)
					j++;
				j++;
			}
			char *piece = malloc((size_t)(j - i) + 1);
			memcpy(piece, s + i, (size_t)(j - i));
			piece[j - i] = 0;
			struct lexer sub = {0}, *saved = L;
			sub.p = piece;
			sub.line = saved->line;
			L = &sub;
			next();
			Node *v = expr();
			L = saved;
			result = result ? mk(pp_concat, result, v, NULL) : v;
			i = j - 1;
			continue;
		}
		if (s[i] == '\\' && i + 1 < len) {
			i++;
			buf[n++] = s[i] == 'n' ? '\n' : s[i] == 't' ? '\t' : s[i];
		} else {
			buf[n++] = s[i];
		}
	}
	free(buf);
	return result;
}

/* $name, $name{key}, $name[index] (the token is already T_SCALAR) */
static Node *scalar_ref(void)
{
	char name[64];
	strcpy(name, L->text);
	int adjacent = *L->p == '{' || *L->p == '[';
	next();
	if (adjacent && is_op("{")) {
		next();
		Node *key;
		if (L->t == T_IDENT && *L->p == '}') { /* bareword key */
			key = mk_const(v_cstr(L->text, (int)strlen(L->text)));
			next();
		} else {
			key = expr();
		}
		expect_op("}");
		Node *n = mk(pp_helem, key, NULL, NULL);
		n->kind = K_HELEM;
		n->idx = slot(&hash_names, name);
		return n;
	}
	if (adjacent && is_op("[")) {
		next();
		Node *index = expr();
		expect_op("]");
		Node *n = mk(pp_aelem, index, NULL, NULL);
		n->kind = K_AELEM;
		n->idx = slot(&array_names, name);
		return n;
	}
	Node *n = mk(pp_scalar, NULL, NULL, NULL);
	n->kind = K_SCALAR;
	n->idx = slot(&scalar_names, name);
	return n;
}

/* list expressions: @a, keys %h, split(expr), () */
static Node *list_expr(void)
{
	if (L->t == T_ARRAY) {
		Node *n = mk(pp_array, NULL, NULL, NULL);
		n->idx = slot(&array_names, L->text);
		next();
		return n;
	}
	if (is_word("keys")) {
		next();
		if (L->t != T_HASH)
			syntax_error("keys needs a %hash");
		Node *n = mk(pp_keys, NULL, NULL, NULL);
		n->idx = slot(&hash_names, L->text);
		next();
		return n;
	}
	if (is_word("split")) {
		next();
		expect_op("(");
		Node *n = mk(pp_split, expr(), NULL, NULL);
		expect_op(")");
		return n;
	}
	if (is_op("(")) {
		next();
		expect_op(")");
		return mk(pp_emptylist, NULL, NULL, NULL);
	}
	syntax_error("expected a list");
}

static Node *args(int *count)
{
	Node *head = NULL, **tail = &head;
	*count = 0;
	expect_op("(");
	while (!is_op(")")) {
		Node *a = L->t == T_ARRAY || is_word("keys") ? list_expr() : expr();
		*tail = a;
		tail = &a->next;
		(*count)++;
		if (!is_op(","))
			break;
		next();
	}
	expect_op(")");
	return head;
}

static const struct {
	const char *name;
	OpFn fn;
	int nargs;
} builtins[] = {
	{"length", pp_length, 1}, {"substr", pp_substr, 3}, {"lc", pp_lc, 1},
	{"uc", pp_uc, 1}, {"index", pp_index, 2}, {"join", pp_join, 2},
	{"scalar", pp_count, 1}, {"getline", pp_getline, 0},
};

static Node *primary(void)
{
	if (L->t == T_NUM) {
		Node *n = mk_const(v_int(L->num));
		next();
		return n;
	}
	if (L->t == T_STR) {
		Node *n = L->interp ? interpolate(L->sbeg, L->slen) : mk_const(v_cstr(L->sbeg, L->slen));
		next();
		return n;
	}
	if (L->t == T_SCALAR)
		return scalar_ref();
	if (is_op("(")) {
		next();
		Node *n = expr();
		expect_op(")");
		return n;
	}
	if (L->t == T_IDENT) {
		char name[64];
		strcpy(name, L->text);
		next();
		int count;
		for (unsigned i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
			if (strcmp(builtins[i].name, name) == 0) {
				Node *a = args(&count);
				if (count != builtins[i].nargs)
					syntax_error("wrong number of arguments to a builtin");
				return mk(builtins[i].fn, a, NULL, NULL);
			}
		Node *n = mk(pp_call, args(&count), NULL, NULL);
		n->idx = slot(&sub_names, name);
		return n;
	}
	syntax_error("unexpected token");
}

static Node *postfix(void)
{
	Node *n = primary();
	if (is_op("++")) {
		if (n->kind == K_OTHER)
			syntax_error("++ needs a variable");
		next();
		n = mk(pp_postinc, n, NULL, NULL);
	}
	return n;
}

static Node *unary(void)
{
	if (is_op("!")) {
		next();
		return mk(pp_not, unary(), NULL, NULL);
	}
	if (is_op("-")) {
		next();
		return mk(pp_neg, unary(), NULL, NULL);
	}
	return postfix();
}

static Node *match(void)
{
	Node *n = unary();
	if (is_op("=~") || is_op("!~")) {
		int negate = L->text[0] == '!';
		L->prev_value = 0; /* the next '/' opens a regex */
		next();
		if (L->t != T_REGEX)
			syntax_error("expected /regex/");
		const char *err;
		struct regex *re = re_compile(L->sbeg, L->slen, &err);
		if (!re)
			syntax_error(err);
		next();
		n = mk(pp_match, n, NULL, NULL);
		n->re = re;
		n->idx = negate;
	}
	return n;
}

static Node *mul(void)
{
	Node *n = match();
	for (;;) {
		OpFn fn = is_op("*") ? pp_mul : is_op("/") ? pp_div : is_op("%") ? pp_mod : NULL;
		if (!fn)
			return n;
		next();
		n = mk(fn, n, match(), NULL);
	}
}

static Node *add(void)
{
	Node *n = mul();
	for (;;) {
		OpFn fn = is_op("+") ? pp_add : is_op("-") ? pp_sub : NULL;
		if (!fn)
			return n;
		next();
		n = mk(fn, n, mul(), NULL);
	}
}

static Node *concat(void)
{
	Node *n = add();
	while (is_op(".")) {
		next();
		n = mk(pp_concat, n, add(), NULL);
	}
	return n;
}

static Node *compare(void)
{
	Node *n = concat();
	OpFn fn = is_op("==") ? pp_numeq : is_op("!=") ? pp_numne : is_op("<") ? pp_lt :
		  is_op(">") ? pp_gt : is_op("<=") ? pp_le : is_op(">=") ? pp_ge :
		  is_word("eq") ? pp_streq : is_word("ne") ? pp_strne : is_word("lt") ? pp_strlt :
		  is_word("gt") ? pp_strgt : NULL;
	if (fn) {
		next();
		n = mk(fn, n, concat(), NULL);
	}
	return n;
}

static Node *and_expr(void)
{
	Node *n = compare();
	while (is_op("&&")) {
		next();
		n = mk(pp_and, n, compare(), NULL);
	}
	return n;
}

static Node *or_expr(void)
{
	Node *n = and_expr();
	while (is_op("||")) {
		next();
		n = mk(pp_or, n, and_expr(), NULL);
	}
	return n;
}

static Node *expr(void)
{
	Node *n = or_expr();
	OpFn fn = is_op("=") ? pp_assign : is_op("+=") ? pp_addassign : is_op("-=") ? pp_subassign :
		  is_op(".=") ? pp_catassign : NULL;
	if (fn) {
		if (n->kind == K_OTHER)
			syntax_error("assignment to a non-variable");
		next();
		n = mk(fn, n, expr(), NULL);
	}
	return n;
}

static Node *statement(void)
{
	if (is_word("sub")) {
		next();
		if (L->t != T_IDENT)
			syntax_error("expected a sub name");
		int s = slot(&sub_names, L->text);
		next();
		subs[s] = block();
		return NULL;
	}
	if (is_word("if")) {
		next();
		expect_op("(");
		Node *cond = expr();
		expect_op(")");
		Node *then = block(), *otherwise = NULL;
		if (is_word("elsif")) {
			L->t = T_IDENT;
			strcpy(L->text, "if"); /* elsif (...) {...} parses as a nested if */
			otherwise = statement();
		} else if (is_word("else")) {
			next();
			otherwise = block();
		}
		return mk(pp_if, cond, then, otherwise);
	}
	if (is_word("while")) {
		next();
		expect_op("(");
		Node *cond = expr();
		expect_op(")");
		return mk(pp_while, cond, block(), NULL);
	}
	if (is_word("foreach")) {
		next();
		if (L->t != T_SCALAR)
			syntax_error("foreach needs a $variable");
		int var = slot(&scalar_names, L->text);
		next();
		expect_op("(");
		Node *list = list_expr();
		expect_op(")");
		Node *n = mk(pp_foreach, list, block(), NULL);
		n->idx = var;
		return n;
	}
	Node *n;
	if (is_word("print")) {
		next();
		Node *head = NULL, **tail = &head;
		for (;;) {
			Node *a = expr();
			*tail = a;
			tail = &a->next;
			if (!is_op(","))
				break;
			next();
		}
		n = mk(pp_print, head, NULL, NULL);
	} else if (is_word("push")) {
		next();
		if (L->t != T_ARRAY)
			syntax_error("push needs an @array");
		int a = slot(&array_names, L->text);
		next();
		expect_op(",");
		n = mk(pp_push, expr(), NULL, NULL);
		n->idx = a;
	} else if (is_word("return")) {
		next();
		n = mk(pp_return, is_op(";") ? NULL : expr(), NULL, NULL);
	} else if (is_word("last")) {
		next();
		n = mk(pp_last, NULL, NULL, NULL);
	} else if (L->t == T_ARRAY) {
		int a = slot(&array_names, L->text);
		next();
		expect_op("=");
		n = mk(pp_arrassign, list_expr(), NULL, NULL);
		n->idx = a;
	} else {
		n = mk(pp_exprstmt, expr(), NULL, NULL);
	}
	expect_op(";");
	return n;
}

static Node *statements(int until_brace)
{
	Node *head = NULL, **tail = &head;
	while (L->t != T_EOF && !(until_brace && is_op("}"))) {
		Node *s = statement();
		if (s) {
			*tail = s;
			tail = &s->next;
		}
	}
	return mk(pp_block, head, NULL, NULL);
}

static Node *block(void)
{
	expect_op("{");
	Node *b = statements(1);
	L->prev_value = 0; /* a statement may follow a block */
	expect_op("}");
	return b;
}

Node *parse_program(const char *src)
{
	static struct lexer top;
	memset(&top, 0, sizeof top);
	top.p = src;
	top.line = 1;
	L = &top;
	argv_array = slot(&array_names, "_");
	for (int i = 1; i <= 9; i++) {
		char name[2] = {(char)('0' + i), 0};
		capture_scalar[i] = slot(&scalar_names, name);
	}
	next();
	Node *prog = statements(0);
	for (int i = 0; i < sub_names.n; i++)
		if (!subs[i]) {
			fprintf(stderr, "perl: undefined sub %s\n", sub_names.name[i]);
			exit(1);
		}
	return prog;
}
