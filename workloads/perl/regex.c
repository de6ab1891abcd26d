/* perl: a backtracking regular-expression matcher.
 *
 * Syntax: literal characters, '.', classes [abc] [a-z] [^...], escapes \w \d \s \. etc.,
 * anchors ^ and $, greedy quantifiers * + ? on single atoms, and capture groups ( ... )
 * (groups themselves take no quantifier). Compiled once at parse time into a node array.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "perl.h"

enum { R_SET, R_BOL, R_EOL, R_OPEN, R_CLOSE, R_END };
enum { Q_ONE, Q_OPT, Q_STAR, Q_PLUS };

struct rnode {
	uint8_t kind, quant, group;
	uint8_t set[32]; /* R_SET: bitmap of the characters matched */
};

struct regex {
	int n, ngroups;
	int first; /* a character every match must start with, or -1 */
	struct rnode *nodes;
};

static void set_add(uint8_t *set, int c)
{
	set[(uint8_t)c >> 3] |= (uint8_t)(1u << (c & 7));
}

static int set_has(const uint8_t *set, int c)
{
	return set[(uint8_t)c >> 3] >> (c & 7) & 1;
}

static void set_escape(uint8_t *set, char e)
{
	switch (e) {
	case 'd':
		for (int c = '0'; c <= '9'; c++)
			set_add(set, c);
		break;
	case 'w':
		for (int c = 0; c < 256; c++)
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
				set_add(set, c);
		break;
	case 's':
		set_add(set, ' ');
		set_add(set, '\t');
		set_add(set, '\n');
		break;
	case 'n':
		set_add(set, '\n');
		break;
	default:
		set_add(set, e);
		break;
	}
}

int re_ngroups(const struct regex *re)
{
	return re->ngroups;
}

struct regex *re_compile(const char *src, int len, const char **err)
{
	struct regex *re = malloc(sizeof *re);
	re->nodes = calloc((size_t)len + 2, sizeof *re->nodes);
	re->n = re->ngroups = 0;
	int stack[10], depth = 0;
	*err = NULL;
	for (int i = 0; i < len; i++) {
		struct rnode *nd = &re->nodes[re->n];
		char c = src[i];
		if (c == '^' && i == 0) {
			nd->kind = R_BOL;
		} else if (c == '$' && i == len - 1) {
			nd->kind = R_EOL;
		} else if (c == '(') {
			if (re->ngroups == 9) {
				*err = "too many groups";
				return NULL;
			}
			nd->kind = R_OPEN;
			nd->group = (uint8_t)++re->ngroups;
			stack[depth++] = re->ngroups;
		} else if (c == ')') {
			if (depth == 0) {
				*err = "unmatched )";
				return NULL;
			}
			nd->kind = R_CLOSE;
			nd->group = (uint8_t)stack[--depth];
		} else if (c == '*' || c == '+' || c == '?') {
			if (re->n == 0 || re->nodes[re->n - 1].kind != R_SET || re->nodes[re->n - 1].quant != Q_ONE) {
				*err = "quantifier without an atom";
				return NULL;
			}
			re->nodes[re->n - 1].quant = c == '*' ? Q_STAR : c == '+' ? Q_PLUS : Q_OPT;
			continue;
		} else {
			nd->kind = R_SET;
			if (c == '.') {
				memset(nd->set, 0xff, sizeof nd->set);
				nd->set['\n' >> 3] &= (uint8_t)~(1u << ('\n' & 7));
			} else if (c == '\\' && i + 1 < len) {
				set_escape(nd->set, src[++i]);
			} else if (c == '[') {
				int neg = i + 1 < len && src[i + 1] == '^';
				i += neg ? 2 : 1;
				int start = i;
				for (; i < len && (src[i] != ']' || i == start); i++) {
					if (src[i] == '\\' && i + 1 < len) {
						set_escape(nd->set, src[++i]);
					} else if (i + 2 < len && src[i + 1] == '-' && src[i + 2] != ']') {
						for (int k = (uint8_t)src[i]; k <= (uint8_t)src[i + 2]; k++)
							set_add(nd->set, k);
						i += 2;
					} else {
						set_add(nd->set, src[i]);
					}
				}
				if (i >= len) {
					*err = "unterminated [";
					return NULL;
				}
				if (neg)
					for (int k = 0; k < 32; k++)
						nd->set[k] = (uint8_t)~nd->set[k];
			} else {
				set_add(nd->set, c);
			}
		}
		re->n++;
	}
	if (depth) {
		*err = "unmatched (";
		return NULL;
	}
	re->nodes[re->n++].kind = R_END;
	/* a required first character speeds up the search, as in Perl's optimizer */
	re->first = -1;
	const struct rnode *f = &re->nodes[0];
	if (f->kind == R_SET && (f->quant == Q_ONE || f->quant == Q_PLUS)) {
		int count = 0, which = 0;
		for (int c = 0; c < 256; c++)
			if (set_has(f->set, c)) {
				count++;
				which = c;
			}
		if (count == 1)
			re->first = which;
	}
	return re;
}

/* Matches nodes[i..] at pos; returns the end of the match or -1. */
static int match_here(const struct regex *re, int i, const char *s, int len, int pos, int *caps)
{
	for (;;) {
		const struct rnode *nd = &re->nodes[i];
		switch (nd->kind) {
		case R_END:
			return pos;
		case R_BOL:
			if (pos != 0)
				return -1;
			i++;
			continue;
		case R_EOL:
			if (pos != len)
				return -1;
			i++;
			continue;
		case R_OPEN:
		case R_CLOSE: {
			int slot = 2 * nd->group + (nd->kind == R_CLOSE);
			int old = caps[slot];
			caps[slot] = pos;
			int r = match_here(re, i + 1, s, len, pos, caps);
			if (r < 0)
				caps[slot] = old;
			return r;
		}
		default:
			break;
		}
		if (nd->quant == Q_ONE) {
			if (pos < len && set_has(nd->set, (uint8_t)s[pos])) {
				pos++;
				i++;
				continue;
			}
			return -1;
		}
		/* greedy: take as many as possible, then give back one at a time */
		int n = 0;
		int max = nd->quant == Q_OPT ? 1 : len - pos;
		while (n < max && set_has(nd->set, (uint8_t)s[pos + n]))
			n++;
		int min = nd->quant == Q_PLUS ? 1 : 0;
		for (; n >= min; n--) {
			int r = match_here(re, i + 1, s, len, pos + n, caps);
			if (r >= 0)
				return r;
		}
		return -1;
	}
}

int re_search(const struct regex *re, const char *s, int len, int *caps)
{
	for (int g = 0; g <= re->ngroups; g++)
		caps[2 * g] = caps[2 * g + 1] = -1;
	int last = re->nodes[0].kind == R_BOL ? 0 : len;
	for (int start = 0; start <= last; start++) {
		if (re->first >= 0) {
			while (start < len && (uint8_t)s[start] != re->first)
				start++;
			if (start >= len)
				return 0;
		}
		int end = match_here(re, 0, s, len, start, caps);
		if (end >= 0) {
			caps[0] = start;
			caps[1] = end;
			return 1;
		}
	}
	return 0;
}
