/* vortex: object tables, index maintenance and transactions with an undo log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vortex.h"

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fprintf(stderr, "vortex: out of memory\n");
		exit(3);
	}
	return p;
}

static uint32_t mix(uint32_t h, uint32_t x)
{
	h = (h ^ x) * 0x01000193u;
	return h ^ (h >> 13);
}

void db_init(Db *db)
{
	int t;
	memset(db, 0, sizeof *db);
	for (t = 1; t < NTYPES; t++) {
		hash_init(&db->tables[t].primary, 64);
		btree_init(&db->tables[t].secondary);
		db->next_key[t] = 1000u * (uint32_t)t;
	}
	hash_init(&db->names, 64);
}

void db_free(Db *db)
{
	int t;
	uint32_t i;
	for (t = 1; t < NTYPES; t++) {
		Table *tab = &db->tables[t];
		for (i = 0; i < tab->nslots; i++)
			free(tab->slots[i]);
		free(tab->slots);
		free(tab->free_slots);
		hash_free(&tab->primary);
		btree_free(&tab->secondary);
	}
	hash_free(&db->names);
	free(db->undo);
	free(db->pending_free);
}

Obj *db_get(Db *db, Oid oid)
{
	int t = OID_TYPE(oid);
	uint32_t slot = OID_SLOT(oid);
	db->lookups++;
	if (t <= T_NONE || t >= NTYPES || slot >= db->tables[t].nslots)
		return 0;
	return db->tables[t].slots[slot];
}

uint32_t db_new_key(Db *db, int type) { return db->next_key[type]++; }

Oid db_find_primary(Db *db, int type, uint32_t key)
{
	db->lookups++;
	return hash_find(&db->tables[type].primary, key);
}

static void index_obj(Db *db, Obj *o)
{
	int t = OID_TYPE(o->oid);
	const Class *c = classes[t];
	hash_insert(&db->tables[t].primary, c->primary(o), o->oid);
	btree_insert(&db->tables[t].secondary, c->secondary(o), o->oid);
	if (c->name_of)
		hash_insert(&db->names, string_hash(c->name_of(o)), o->oid);
}

static void unindex_obj(Db *db, Obj *o)
{
	int t = OID_TYPE(o->oid), ok;
	const Class *c = classes[t];
	ok = hash_remove(&db->tables[t].primary, c->primary(o), o->oid);
	ok &= btree_remove(&db->tables[t].secondary, c->secondary(o), o->oid);
	if (c->name_of)
		ok &= hash_remove(&db->names, string_hash(c->name_of(o)), o->oid);
	if (!ok) {
		printf("vortex: WRONG: index entry missing for %s %08lx\n", c->name, (unsigned long)o->oid);
		exit(1);
	}
}

static void log_undo(Db *db, int kind, Obj *o)
{
	UndoEntry *u;
	if (!db->in_txn)
		return;
	if (db->nundo == db->undo_cap) {
		db->undo_cap = db->undo_cap ? db->undo_cap * 2 : 64;
		db->undo = (UndoEntry *)xrealloc(db->undo, db->undo_cap * sizeof(UndoEntry));
	}
	u = &db->undo[db->nundo++];
	u->kind = kind;
	u->oid = o->oid;
	u->image = 0;
	if (kind != U_INSERT) {
		size_t size = classes[OID_TYPE(o->oid)]->size;
		u->image = (Obj *)xrealloc(0, size);
		memcpy(u->image, o, size);
	}
}

static void push_free(Table *tab, uint32_t slot)
{
	if (tab->nfree == tab->free_cap) {
		tab->free_cap = tab->free_cap ? tab->free_cap * 2 : 32;
		tab->free_slots = (uint32_t *)xrealloc(tab->free_slots, tab->free_cap * sizeof(uint32_t));
	}
	tab->free_slots[tab->nfree++] = slot;
}

Obj *db_new(Db *db, int type)
{
	Table *tab = &db->tables[type];
	uint32_t slot;
	Obj *o;
	if (tab->nfree > 0) {
		slot = tab->free_slots[--tab->nfree];
	} else {
		if (tab->nslots == tab->cap) {
			tab->cap = tab->cap ? tab->cap * 2 : 64;
			tab->slots = (Obj **)xrealloc(tab->slots, tab->cap * sizeof(Obj *));
		}
		slot = tab->nslots++;
	}
	o = (Obj *)xrealloc(0, classes[type]->size);
	memset(o, 0, classes[type]->size);
	o->oid = OID(type, slot);
	tab->slots[slot] = o;
	return o;
}

void db_publish(Db *db, Obj *o)
{
	index_obj(db, o);
	db->tables[OID_TYPE(o->oid)].live++;
	db->inserts++;
	log_undo(db, U_INSERT, o);
}

Obj *db_begin_update(Db *db, Oid oid)
{
	Obj *o = db_get(db, oid);
	if (!o)
		return 0;
	log_undo(db, U_UPDATE, o);
	unindex_obj(db, o);
	db->updates++;
	return o;
}

void db_end_update(Db *db, Obj *o)
{
	o->version++;
	index_obj(db, o);
}

void db_delete(Db *db, Oid oid)
{
	Obj *o = db_get(db, oid);
	Table *tab;
	if (!o)
		return;
	tab = &db->tables[OID_TYPE(oid)];
	classes[OID_TYPE(oid)]->before_delete(db, o);
	log_undo(db, U_DELETE, o);
	unindex_obj(db, o);
	tab->slots[OID_SLOT(oid)] = 0;
	free(o);
	tab->live--;
	db->deletes++;
	if (db->in_txn) {
		/* the slot stays reserved until commit, so an abort can restore the object there */
		if (db->npending == db->pending_cap) {
			db->pending_cap = db->pending_cap ? db->pending_cap * 2 : 32;
			db->pending_free = (uint32_t *)xrealloc(db->pending_free, db->pending_cap * sizeof(uint32_t));
		}
		db->pending_free[db->npending++] = oid;
	} else {
		push_free(tab, OID_SLOT(oid));
	}
}

void db_begin(Db *db)
{
	db->in_txn = 1;
	db->nundo = 0;
	db->npending = 0;
}

void db_commit(Db *db)
{
	uint32_t i;
	for (i = 0; i < db->nundo; i++)
		free(db->undo[i].image);
	for (i = 0; i < db->npending; i++) {
		Oid oid = db->pending_free[i];
		push_free(&db->tables[OID_TYPE(oid)], OID_SLOT(oid));
	}
	db->nundo = db->npending = 0;
	db->in_txn = 0;
	db->commits++;
}

void db_abort(Db *db)
{
	uint32_t i = db->nundo;
	while (i-- > 0) {
		UndoEntry *u = &db->undo[i];
		int t = OID_TYPE(u->oid);
		Table *tab = &db->tables[t];
		Obj *o = tab->slots[OID_SLOT(u->oid)];
		switch (u->kind) {
		case U_INSERT:
			unindex_obj(db, o);
			free(o);
			tab->slots[OID_SLOT(u->oid)] = 0;
			tab->live--;
			push_free(tab, OID_SLOT(u->oid));
			break;
		case U_DELETE:
			tab->slots[OID_SLOT(u->oid)] = u->image;
			index_obj(db, u->image);
			tab->live++;
			u->image = 0; /* now owned by the table */
			break;
		default:
			unindex_obj(db, o);
			memcpy(o, u->image, classes[t]->size);
			index_obj(db, o);
			break;
		}
		free(u->image);
	}
	db->nundo = db->npending = 0;
	db->in_txn = 0;
	db->aborts++;
}

void db_foreach(Db *db, int type, void (*fn)(Db *, Obj *, void *), void *arg)
{
	Table *tab = &db->tables[type];
	uint32_t i;
	for (i = 0; i < tab->nslots; i++)
		if (tab->slots[i])
			fn(db, tab->slots[i], arg);
}

uint32_t db_digest(Db *db)
{
	uint32_t h = 0x12345678u, i;
	int t;
	for (t = 1; t < NTYPES; t++) {
		Table *tab = &db->tables[t];
		for (i = 0; i < tab->nslots; i++) {
			Obj *o = tab->slots[i];
			if (o)
				h = mix(mix(h, o->oid), classes[t]->digest(o));
		}
		h = mix(h, tab->live);
	}
	return h;
}

/* Full consistency check; returns the number of problems found. */
int db_check(Db *db)
{
	int t, problems = 0;
	uint32_t i, named = 0;
	for (t = 1; t < NTYPES; t++) {
		Table *tab = &db->tables[t];
		const Class *c = classes[t];
		uint32_t live = 0;
		for (i = 0; i < tab->nslots; i++) {
			Obj *o = tab->slots[i];
			if (!o)
				continue;
			live++;
			if (c->name_of)
				named++;
			if (hash_find(&tab->primary, c->primary(o)) != o->oid)
				problems++;
			if (c->validate(db, o))
				problems++;
		}
		if (live != tab->live || live != tab->primary.count || live != tab->secondary.count)
			problems++;
		if (btree_check(&tab->secondary))
			problems++;
	}
	if (named != db->names.count)
		problems++;
	return problems;
}
