/* vortex: B+-trees over (key, oid) pairs. Leaves are chained for range scans; inserts
 * split full nodes upwards; deletes remove the entry from its leaf without merging (as
 * many databases do, the space is reused by later inserts), so separators stay valid
 * lower bounds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vortex.h"

int key_cmp(Key a, Key b)
{
	if (a.hi != b.hi)
		return a.hi < b.hi ? -1 : 1;
	if (a.lo != b.lo)
		return a.lo < b.lo ? -1 : 1;
	return 0;
}

static int entry_cmp(Key a, Oid ao, Key b, Oid bo)
{
	int c = key_cmp(a, b);
	if (c)
		return c;
	return ao < bo ? -1 : ao > bo ? 1 : 0;
}

static BNode *new_node(BTree *t, int leaf)
{
	BNode *n = (BNode *)malloc(sizeof(BNode));
	if (!n) {
		fprintf(stderr, "vortex: out of memory\n");
		exit(3);
	}
	memset(n, 0, sizeof *n);
	n->leaf = leaf;
	t->nodes++;
	return n;
}

void btree_init(BTree *t)
{
	t->count = 0;
	t->nodes = 0;
	t->root = new_node(t, 1);
}

static void free_node(BNode *n)
{
	int i;
	if (!n->leaf)
		for (i = 0; i <= n->n; i++)
			free_node(n->child[i]);
	free(n);
}

void btree_free(BTree *t)
{
	free_node(t->root);
	t->root = 0;
}

/* Index of the child to descend into for (k, oid): the number of separators <= it. */
static int child_index(const BNode *n, Key k, Oid oid)
{
	int lo = 0, hi = n->n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (entry_cmp(n->keys[mid], n->oids[mid], k, oid) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Position of the first entry >= (k, oid) in a leaf. */
static int leaf_position(const BNode *n, Key k, Oid oid)
{
	int lo = 0, hi = n->n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (entry_cmp(n->keys[mid], n->oids[mid], k, oid) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct split {
	int happened;
	Key key;
	Oid oid;
	BNode *right;
};

static struct split insert_rec(BTree *t, BNode *n, Key k, Oid oid)
{
	struct split s;
	int i, half;
	s.happened = 0;
	if (n->leaf) {
		int pos = leaf_position(n, k, oid);
		for (i = n->n; i > pos; i--) {
			n->keys[i] = n->keys[i - 1];
			n->oids[i] = n->oids[i - 1];
		}
		n->keys[pos] = k;
		n->oids[pos] = oid;
		n->n++;
		if (n->n <= BT_ORDER)
			return s;
		/* split the leaf: the right half's first entry becomes the separator */
		half = n->n / 2;
		s.right = new_node(t, 1);
		s.right->n = n->n - half;
		memcpy(s.right->keys, n->keys + half, s.right->n * sizeof(Key));
		memcpy(s.right->oids, n->oids + half, s.right->n * sizeof(Oid));
		n->n = half;
		s.right->next = n->next;
		n->next = s.right;
		s.happened = 1;
		s.key = s.right->keys[0];
		s.oid = s.right->oids[0];
		return s;
	} else {
		int ci = child_index(n, k, oid);
		struct split cs = insert_rec(t, n->child[ci], k, oid);
		if (!cs.happened)
			return s;
		for (i = n->n; i > ci; i--) {
			n->keys[i] = n->keys[i - 1];
			n->oids[i] = n->oids[i - 1];
			n->child[i + 1] = n->child[i];
		}
		n->keys[ci] = cs.key;
		n->oids[ci] = cs.oid;
		n->child[ci + 1] = cs.right;
		n->n++;
		if (n->n <= BT_ORDER)
			return s;
		/* split the interior node: the middle separator moves up */
		half = n->n / 2;
		s.right = new_node(t, 0);
		s.key = n->keys[half];
		s.oid = n->oids[half];
		s.right->n = n->n - half - 1;
		memcpy(s.right->keys, n->keys + half + 1, s.right->n * sizeof(Key));
		memcpy(s.right->oids, n->oids + half + 1, s.right->n * sizeof(Oid));
		memcpy(s.right->child, n->child + half + 1, (s.right->n + 1) * sizeof(BNode *));
		n->n = half;
		s.happened = 1;
		return s;
	}
}

void btree_insert(BTree *t, Key k, Oid oid)
{
	struct split s = insert_rec(t, t->root, k, oid);
	if (s.happened) {
		BNode *root = new_node(t, 0);
		root->n = 1;
		root->keys[0] = s.key;
		root->oids[0] = s.oid;
		root->child[0] = t->root;
		root->child[1] = s.right;
		t->root = root;
	}
	t->count++;
}

int btree_remove(BTree *t, Key k, Oid oid)
{
	BNode *n = t->root;
	int pos, i;
	while (!n->leaf)
		n = n->child[child_index(n, k, oid)];
	pos = leaf_position(n, k, oid);
	if (pos >= n->n || entry_cmp(n->keys[pos], n->oids[pos], k, oid) != 0)
		return 0;
	for (i = pos; i + 1 < n->n; i++) {
		n->keys[i] = n->keys[i + 1];
		n->oids[i] = n->oids[i + 1];
	}
	n->n--;
	t->count--;
	return 1;
}

int btree_range(const BTree *t, Key lo, Key hi, int (*fn)(Key, Oid, void *), void *arg)
{
	const BNode *n = t->root;
	int pos, visited = 0;
	while (!n->leaf)
		n = n->child[child_index(n, lo, 0)];
	pos = leaf_position(n, lo, 0);
	while (n) {
		for (; pos < n->n; pos++) {
			if (key_cmp(n->keys[pos], hi) > 0)
				return visited;
			visited++;
			if (!fn(n->keys[pos], n->oids[pos], arg))
				return visited;
		}
		n = n->next;
		pos = 0;
	}
	return visited;
}

/* Leaves in order hold every entry exactly once, sorted: returns 0 when consistent. */
int btree_check(const BTree *t)
{
	const BNode *n = t->root;
	uint32_t count = 0;
	Key prev = {0, 0};
	Oid prev_oid = 0;
	int first = 1, i;
	while (!n->leaf)
		n = n->child[0];
	for (; n; n = n->next)
		for (i = 0; i < n->n; i++) {
			if (!first && entry_cmp(prev, prev_oid, n->keys[i], n->oids[i]) >= 0)
				return 1;
			prev = n->keys[i];
			prev_oid = n->oids[i];
			first = 0;
			count++;
		}
	return count != t->count;
}
