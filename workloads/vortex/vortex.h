/* vortex: a small object database (shared declarations).
 *
 * Objects of several record types live in per-type object tables and are named by object
 * ids (Oid: type in the top byte, slot below). Each type is described by a class: a table
 * of function pointers (a C vtable) for key extraction, validation, digests, relationship
 * maintenance and reports. Every type has a hash index on its primary key and a B+-tree
 * on a composite secondary key; people and companies also have a hash index on the name.
 * Changes happen inside transactions with an undo log, so aborts roll everything back. */
#ifndef WORKLOADS_VORTEX_VORTEX_H
#define WORKLOADS_VORTEX_VORTEX_H

#include <stddef.h>
#include <stdint.h>

typedef uint32_t Oid;
#define NO_OID 0u
#define OID(type, slot) (((uint32_t)(type) << 24) | (uint32_t)(slot))
#define OID_TYPE(o) ((int)((o) >> 24))
#define OID_SLOT(o) ((o) & 0xffffffu)

enum { T_NONE, T_PERSON, T_COMPANY, T_ADDRESS, T_PRODUCT, T_ORDER, T_LINE, NTYPES };

typedef struct Obj {
	Oid oid;
	uint32_t version;
} Obj;

typedef struct Key {
	uint32_t hi, lo;
} Key;

struct Db;

typedef struct Class {
	const char *name;
	size_t size;
	uint32_t (*primary)(const Obj *);            /* unique numeric key */
	Key (*secondary)(const Obj *);               /* B+-tree key (need not be unique) */
	const char *(*name_of)(const Obj *);         /* for the name index, or NULL */
	uint32_t (*digest)(const Obj *);             /* content hash */
	int (*validate)(struct Db *, const Obj *);   /* referential checks: 0 if consistent */
	void (*before_delete)(struct Db *, Obj *);   /* unlink and cascade */
	void (*report)(struct Db *, const Obj *, uint32_t *acc);
} Class;

extern const Class *const classes[NTYPES];

/* ---- indexes ---- */

typedef struct HashEntry {
	uint32_t key;
	Oid oid;
	struct HashEntry *next;
} HashEntry;

typedef struct HashIndex {
	HashEntry **buckets;
	uint32_t nbuckets, count;
} HashIndex;

void hash_init(HashIndex *h, uint32_t nbuckets);
void hash_free(HashIndex *h);
void hash_insert(HashIndex *h, uint32_t key, Oid oid);
int hash_remove(HashIndex *h, uint32_t key, Oid oid);
Oid hash_find(const HashIndex *h, uint32_t key);
/* Visits every oid stored under key (for non-unique keys such as name hashes). */
int hash_find_all(const HashIndex *h, uint32_t key, int (*fn)(Oid, void *), void *arg);
uint32_t string_hash(const char *s);

#define BT_ORDER 16
typedef struct BNode {
	int leaf, n;
	/* Entries are (key, oid) pairs ordered by key, then oid; one spare slot each holds an
	 * overflow until the node is split. In interior nodes keys/oids are separators. */
	Key keys[BT_ORDER + 1];
	Oid oids[BT_ORDER + 1];
	struct BNode *child[BT_ORDER + 2]; /* interior only */
	struct BNode *next;                /* leaf chain */
} BNode;

typedef struct BTree {
	BNode *root;
	uint32_t count, nodes;
} BTree;

void btree_init(BTree *t);
void btree_free(BTree *t);
void btree_insert(BTree *t, Key k, Oid oid);
int btree_remove(BTree *t, Key k, Oid oid);
/* Calls fn for entries with lo <= key <= hi in key order; stops early if fn returns 0. */
int btree_range(const BTree *t, Key lo, Key hi, int (*fn)(Key, Oid, void *), void *arg);
int key_cmp(Key a, Key b);
int btree_check(const BTree *t);

/* ---- the database ---- */

typedef struct Table {
	Obj **slots;
	uint32_t nslots, cap, live;
	uint32_t *free_slots;
	uint32_t nfree, free_cap;
	HashIndex primary;
	BTree secondary;
} Table;

typedef struct UndoEntry {
	int kind; /* U_INSERT, U_DELETE, U_UPDATE */
	Oid oid;
	Obj *image; /* copy of the object before the change (delete, update) */
} UndoEntry;

enum { U_INSERT, U_DELETE, U_UPDATE };

typedef struct Db {
	Table tables[NTYPES];
	HashIndex names; /* string_hash(name) -> oid, people and companies */
	int in_txn;
	UndoEntry *undo;
	uint32_t nundo, undo_cap;
	uint32_t *pending_free; /* slots freed in the running transaction (oids) */
	uint32_t npending, pending_cap;
	uint32_t next_key[NTYPES];
	/* statistics */
	uint32_t inserts, deletes, updates, commits, aborts, lookups;
} Db;

void db_init(Db *db);
void db_free(Db *db);
Obj *db_get(Db *db, Oid oid); /* NULL if absent */
Obj *db_new(Db *db, int type); /* zeroed object with oid set; call db_publish when filled */
void db_publish(Db *db, Obj *o);
Obj *db_begin_update(Db *db, Oid oid);
void db_end_update(Db *db, Obj *o);
void db_delete(Db *db, Oid oid);
Oid db_find_primary(Db *db, int type, uint32_t key);
uint32_t db_new_key(Db *db, int type);
void db_begin(Db *db);
void db_commit(Db *db);
void db_abort(Db *db);
uint32_t db_digest(Db *db);
int db_check(Db *db);
void db_foreach(Db *db, int type, void (*fn)(Db *, Obj *, void *), void *arg);

/* ---- the schema (schema.c) ---- */

typedef struct Person {
	Obj h;
	uint32_t id;
	char name[24];
	int age, salary;
	Oid employer, address;
	Oid next_colleague; /* employer's list of employees */
	Oid first_order;    /* this customer's orders */
	int order_count;
} Person;

typedef struct Company {
	Obj h;
	uint32_t id;
	char name[28];
	Oid first_employee;
	int employees;
	Oid headquarters;
	int budget;
} Company;

typedef struct Address {
	Obj h;
	uint32_t id;
	char street[24];
	char city[16];
	int zip;
	int residents;
} Address;

typedef struct Product {
	Obj h;
	uint32_t sku;
	char name[20];
	int price, stock, sold;
	Oid supplier;
} Product;

#define MAX_LINES 6
typedef struct Order {
	Obj h;
	uint32_t number;
	Oid customer;
	Oid next_of_customer;
	int date, total, nlines;
	Oid lines[MAX_LINES];
} Order;

typedef struct OrderLine {
	Obj h;
	uint32_t id;
	Oid order, product;
	int quantity, amount;
} OrderLine;

/* name generation */
void make_name(char *out, size_t size, uint32_t seed, int syllables);

/* relationship helpers used by the workload */
void company_add_employee(Db *db, Oid company, Oid person);
void person_add_order(Db *db, Oid person, Oid order);

/* ---- the workload (workload.c) ---- */

typedef struct Rng {
	uint32_t s;
} Rng;
uint32_t rng_next(Rng *r);
uint32_t rng_below(Rng *r, uint32_t n);

typedef struct Workload {
	int people, companies, products, transactions;
} Workload;

uint32_t run_workload(Db *db, const Workload *w, Rng *rng);

#endif
