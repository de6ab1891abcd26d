/* perl: values, reference-counted strings, arrays and chained hash tables. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perl.h"

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		die("out of memory");
	return p;
}

Str *str_new(const char *p, int len)
{
	Str *s = xmalloc(sizeof(Str) + (size_t)len + 1);
	s->refs = 1;
	s->len = len;
	if (len && p) /* p == NULL: the caller fills the bytes */
		memcpy(s->d, p, (size_t)len);
	s->d[len] = 0;
	return s;
}

void str_dec(Str *s)
{
	if (--s->refs == 0)
		free(s);
}

Val v_int(int32_t i)
{
	Val v = {V_INT, i, NULL, NULL};
	return v;
}

Val v_str(Str *s)
{
	Val v = {V_STR, 0, s, NULL};
	return v;
}

Val v_cstr(const char *p, int len)
{
	return v_str(str_new(p, len));
}

Val v_undef(void)
{
	Val v = {V_UNDEF, 0, NULL, NULL};
	return v;
}

Val val_copy(Val v)
{
	if (v.type == V_STR)
		str_inc(v.s);
	else if (v.type == V_ARR) {
		Arr *a = arr_new();
		for (int i = 0; i < v.a->n; i++)
			arr_push(a, val_copy(v.a->v[i]));
		v.a = a;
	}
	return v;
}

void val_free(Val v)
{
	if (v.type == V_STR)
		str_dec(v.s);
	else if (v.type == V_ARR)
		arr_free(v.a);
}

/* Perl's numeric view of a string: optional sign and leading digits, else 0. */
int32_t val_num(Val v)
{
	switch (v.type) {
	case V_INT:
		return v.i;
	case V_STR: {
		const char *p = v.s->d;
		while (*p == ' ')
			p++;
		int neg = *p == '-';
		if (neg || *p == '+')
			p++;
		uint32_t n = 0;
		while (*p >= '0' && *p <= '9')
			n = n * 10 + (uint32_t)(*p++ - '0');
		return (int32_t)(neg ? 0u - n : n);
	}
	case V_ARR:
		return v.a->n;
	default:
		return 0;
	}
}

Str *val_tostr(Val v)
{
	char buf[16];
	switch (v.type) {
	case V_STR:
		return str_inc(v.s);
	case V_INT: {
		int n = snprintf(buf, sizeof buf, "%d", (int)v.i);
		return str_new(buf, n);
	}
	case V_ARR: {
		int n = snprintf(buf, sizeof buf, "%d", v.a->n);
		return str_new(buf, n);
	}
	default:
		return str_new("", 0);
	}
}

int val_true(Val v)
{
	switch (v.type) {
	case V_INT:
		return v.i != 0;
	case V_STR:
		return v.s->len > 1 || (v.s->len == 1 && v.s->d[0] != '0');
	case V_ARR:
		return v.a->n != 0;
	default:
		return 0;
	}
}

/* ---- arrays ---- */

Arr *arr_new(void)
{
	Arr *a = xmalloc(sizeof *a);
	a->n = a->cap = 0;
	a->v = NULL;
	return a;
}

void arr_push(Arr *a, Val v)
{
	if (a->n == a->cap) {
		int cap = a->cap ? a->cap * 2 : 8;
		Val *nv = xmalloc((size_t)cap * sizeof *nv);
		if (a->n)
			memcpy(nv, a->v, (size_t)a->n * sizeof *nv);
		free(a->v);
		a->v = nv;
		a->cap = cap;
	}
	a->v[a->n++] = v;
}

void arr_clear(Arr *a)
{
	for (int i = 0; i < a->n; i++)
		val_free(a->v[i]);
	a->n = 0;
}

void arr_free(Arr *a)
{
	arr_clear(a);
	free(a->v);
	free(a);
}

/* ---- hashes: chained, power-of-two buckets, doubled at load factor 1 ---- */

static uint32_t str_hash(const char *p, int len)
{
	uint32_t h = 0;
	for (int i = 0; i < len; i++) { /* shift-add-xor per character */
		h += (uint8_t)p[i];
		h += h << 10;
		h ^= h >> 6;
	}
	h += h << 3;
	h ^= h >> 11;
	h += h << 15;
	return h;
}

Val *hash_find(Hash *h, const Str *key)
{
	if (!h->nb)
		return NULL;
	uint32_t hv = str_hash(key->d, key->len);
	for (HEnt *e = h->b[hv & (uint32_t)(h->nb - 1)]; e; e = e->next)
		if (e->hash == hv && e->key->len == key->len && memcmp(e->key->d, key->d, (size_t)key->len) == 0)
			return &e->v;
	return NULL;
}

static void hash_grow(Hash *h)
{
	int nb = h->nb ? h->nb * 2 : 16;
	HEnt **b = xmalloc((size_t)nb * sizeof *b);
	memset(b, 0, (size_t)nb * sizeof *b);
	for (int i = 0; i < h->nb; i++)
		for (HEnt *e = h->b[i], *next; e; e = next) {
			next = e->next;
			HEnt **slot = &b[e->hash & (uint32_t)(nb - 1)];
			e->next = *slot;
			*slot = e;
		}
	free(h->b);
	h->b = b;
	h->nb = nb;
}

Val *hash_lvalue(Hash *h, Str *key)
{
	Val *v = hash_find(h, key);
	if (v)
		return v;
	if (h->n >= h->nb)
		hash_grow(h);
	HEnt *e = xmalloc(sizeof *e);
	e->key = str_inc(key);
	e->hash = str_hash(key->d, key->len);
	e->v = v_undef();
	HEnt **slot = &h->b[e->hash & (uint32_t)(h->nb - 1)];
	e->next = *slot;
	*slot = e;
	h->n++;
	return &e->v;
}

int str_cmp(const Str *a, const Str *b)
{
	int n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->d, b->d, (size_t)n);
	return c ? c : a->len - b->len;
}

static int cmp_vals(const void *x, const void *y)
{
	return str_cmp(((const Val *)x)->s, ((const Val *)y)->s);
}

/* The keys in string order, so output never depends on hash layout. */
Arr *hash_sorted_keys(const Hash *h)
{
	Arr *a = arr_new();
	for (int i = 0; i < h->nb; i++)
		for (HEnt *e = h->b[i]; e; e = e->next)
			arr_push(a, v_str(str_inc(e->key)));
	if (a->n > 1)
		qsort(a->v, (size_t)a->n, sizeof *a->v, cmp_vals);
	return a;
}
