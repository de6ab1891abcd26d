/* vortex: chained hash indexes from 32-bit keys to object ids. */
#include <stdio.h>
#include <stdlib.h>

#include "vortex.h"

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p) {
		fprintf(stderr, "vortex: out of memory\n");
		exit(3);
	}
	return p;
}

uint32_t string_hash(const char *s)
{
	uint32_t h = 0x811c9dc5u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 0x01000193u;
	return h;
}

static uint32_t bucket_of(const HashIndex *h, uint32_t key)
{
	uint32_t x = key * 0x9e3779b1u;
	return (x ^ (x >> 16)) & (h->nbuckets - 1);
}

void hash_init(HashIndex *h, uint32_t nbuckets)
{
	uint32_t i;
	h->nbuckets = nbuckets; /* a power of two */
	h->count = 0;
	h->buckets = (HashEntry **)xmalloc(nbuckets * sizeof(HashEntry *));
	for (i = 0; i < nbuckets; i++)
		h->buckets[i] = 0;
}

void hash_free(HashIndex *h)
{
	uint32_t i;
	for (i = 0; i < h->nbuckets; i++) {
		HashEntry *e = h->buckets[i];
		while (e) {
			HashEntry *next = e->next;
			free(e);
			e = next;
		}
	}
	free(h->buckets);
	h->buckets = 0;
}

static void grow(HashIndex *h)
{
	HashIndex bigger;
	uint32_t i;
	hash_init(&bigger, h->nbuckets * 2);
	for (i = 0; i < h->nbuckets; i++) {
		HashEntry *e = h->buckets[i];
		while (e) {
			HashEntry *next = e->next;
			uint32_t b = bucket_of(&bigger, e->key);
			e->next = bigger.buckets[b];
			bigger.buckets[b] = e;
			e = next;
		}
	}
	free(h->buckets);
	h->buckets = bigger.buckets;
	h->nbuckets = bigger.nbuckets;
}

void hash_insert(HashIndex *h, uint32_t key, Oid oid)
{
	HashEntry *e = (HashEntry *)xmalloc(sizeof *e);
	uint32_t b;
	if (h->count >= h->nbuckets * 2)
		grow(h);
	b = bucket_of(h, key);
	e->key = key;
	e->oid = oid;
	e->next = h->buckets[b];
	h->buckets[b] = e;
	h->count++;
}

int hash_remove(HashIndex *h, uint32_t key, Oid oid)
{
	HashEntry **pe = &h->buckets[bucket_of(h, key)];
	for (; *pe; pe = &(*pe)->next) {
		if ((*pe)->key == key && (*pe)->oid == oid) {
			HashEntry *dead = *pe;
			*pe = dead->next;
			free(dead);
			h->count--;
			return 1;
		}
	}
	return 0;
}

Oid hash_find(const HashIndex *h, uint32_t key)
{
	const HashEntry *e = h->buckets[bucket_of(h, key)];
	for (; e; e = e->next)
		if (e->key == key)
			return e->oid;
	return NO_OID;
}

int hash_find_all(const HashIndex *h, uint32_t key, int (*fn)(Oid, void *), void *arg)
{
	const HashEntry *e = h->buckets[bucket_of(h, key)];
	int n = 0;
	for (; e; e = e->next)
		if (e->key == key) {
			n++;
			if (!fn(e->oid, arg))
				break;
		}
	return n;
}
