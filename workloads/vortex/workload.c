/* vortex: the workload. A database of people, companies, addresses and products is built,
 * then a stream of transactions of a dozen kinds (chosen through a table of function
 * pointers) inserts, looks up, updates, range-scans, reports on and deletes objects. A
 * transaction that fails (a missing object, insufficient stock) or that the generator
 * chooses to abandon is rolled back. Every result is folded into a checksum. */
#include <stdio.h>
#include <string.h>

#include "vortex.h"

uint32_t rng_next(Rng *r)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 17;
	r->s ^= r->s << 5;
	return r->s;
}

uint32_t rng_below(Rng *r, uint32_t n) { return n ? rng_next(r) % n : 0; }

static uint32_t result;
static int today;

static void fold(uint32_t x)
{
	result = (result ^ x) * 0x01000193u;
	result ^= result >> 11;
}

/* A random existing-or-deleted object of a type, by primary key. */
static Oid pick(Db *db, Rng *r, int type)
{
	uint32_t base = 1000u * (uint32_t)type;
	uint32_t key = base + rng_below(r, db->next_key[type] - base);
	return db_find_primary(db, type, key);
}

static Oid new_address(Db *db, Rng *r)
{
	Address *a = (Address *)db_new(db, T_ADDRESS);
	uint32_t s = rng_next(r);
	a->id = db_new_key(db, T_ADDRESS);
	make_name(a->street, sizeof a->street, s, 3);
	make_name(a->city, sizeof a->city, s >> 9, 2);
	a->zip = 10000 + (int)(s % 80000u);
	a->residents = 0;
	db_publish(db, &a->h);
	return a->h.oid;
}

static Oid new_person(Db *db, Rng *r, Oid address)
{
	Person *p = (Person *)db_new(db, T_PERSON);
	uint32_t s = rng_next(r);
	p->id = db_new_key(db, T_PERSON);
	make_name(p->name, sizeof p->name, s, 2 + (int)(s >> 29));
	p->age = 18 + (int)(s >> 8) % 50;
	p->salary = 20000 + (int)((s >> 4) % 90000u);
	p->address = address;
	db_publish(db, &p->h);
	if (address) {
		Address *a = (Address *)db_begin_update(db, address);
		a->residents++;
		db_end_update(db, &a->h);
	}
	return p->h.oid;
}

static Oid new_company(Db *db, Rng *r)
{
	Company *c = (Company *)db_new(db, T_COMPANY);
	uint32_t s = rng_next(r);
	c->id = db_new_key(db, T_COMPANY);
	make_name(c->name, sizeof c->name, s, 3);
	c->budget = 100000 + (int)(s % 900000u);
	db_publish(db, &c->h);
	c = (Company *)db_begin_update(db, c->h.oid);
	c->headquarters = new_address(db, r);
	db_end_update(db, &c->h);
	return c->h.oid;
}

static Oid new_product(Db *db, Rng *r)
{
	Product *p = (Product *)db_new(db, T_PRODUCT);
	uint32_t s = rng_next(r);
	p->sku = db_new_key(db, T_PRODUCT);
	make_name(p->name, sizeof p->name, s, 2);
	p->price = 1 + (int)(s % 500u);
	p->stock = 50 + (int)((s >> 9) % 200u);
	p->supplier = pick(db, r, T_COMPANY);
	db_publish(db, &p->h);
	return p->h.oid;
}

/* ---- transaction kinds: each returns 1 to commit, 0 to roll back ---- */

static int txn_new_person(Db *db, Rng *r)
{
	Oid addr = (rng_next(r) & 1) ? pick(db, r, T_ADDRESS) : NO_OID;
	Oid company = pick(db, r, T_COMPANY), p;
	if (!addr)
		addr = new_address(db, r);
	p = new_person(db, r, addr);
	if (company)
		company_add_employee(db, company, p);
	fold(p);
	return 1;
}

static int txn_new_order(Db *db, Rng *r)
{
	Oid customer = pick(db, r, T_PERSON);
	Order *o;
	int i, n = 1 + (int)rng_below(r, MAX_LINES - 1);
	if (!customer)
		return 0;
	o = (Order *)db_new(db, T_ORDER);
	o->number = db_new_key(db, T_ORDER);
	o->date = today;
	o->customer = customer;
	db_publish(db, &o->h);
	for (i = 0; i < n; i++) {
		Oid prod = pick(db, r, T_PRODUCT);
		Product *p;
		OrderLine *l;
		int qty = 1 + (int)rng_below(r, 9);
		if (!prod)
			return 0;
		p = (Product *)db_begin_update(db, prod);
		if (p->stock < qty) {
			db_end_update(db, &p->h);
			return 0; /* out of stock: roll back the whole order */
		}
		p->stock -= qty;
		p->sold += qty;
		db_end_update(db, &p->h);
		l = (OrderLine *)db_new(db, T_LINE);
		l->id = db_new_key(db, T_LINE);
		l->order = o->h.oid;
		l->product = prod;
		l->quantity = qty;
		l->amount = qty * p->price;
		db_publish(db, &l->h);
		o = (Order *)db_begin_update(db, o->h.oid);
		o->lines[o->nlines++] = l->h.oid;
		o->total += l->amount;
		db_end_update(db, &o->h);
	}
	person_add_order(db, customer, o->h.oid);
	fold(o->number);
	fold((uint32_t)o->total);
	return 1;
}

static int txn_fire(Db *db, Rng *r)
{
	Oid p = pick(db, r, T_PERSON);
	if (!p)
		return 0;
	fold(((Person *)db_get(db, p))->order_count);
	db_delete(db, p);
	return 1;
}

struct collect {
	Oid oids[64];
	int n;
};

static int collect_fn(Key k, Oid oid, void *arg)
{
	struct collect *c = (struct collect *)arg;
	(void)k;
	c->oids[c->n++] = oid;
	return c->n < 64;
}

static int txn_raise(Db *db, Rng *r)
{
	struct collect c;
	Key lo, hi;
	int i, pct = 1 + (int)rng_below(r, 5);
	c.n = 0;
	lo.hi = 18 + rng_below(r, 50);
	lo.lo = 0;
	hi.hi = lo.hi + 2;
	hi.lo = 0xffffffffu;
	btree_range(&db->tables[T_PERSON].secondary, lo, hi, collect_fn, &c);
	for (i = 0; i < c.n; i++) {
		Person *p = (Person *)db_begin_update(db, c.oids[i]);
		p->salary += p->salary / 100 * pct;
		db_end_update(db, &p->h);
		fold((uint32_t)p->salary);
	}
	return 1;
}

static int txn_reprice(Db *db, Rng *r)
{
	Oid prod = pick(db, r, T_PRODUCT);
	Product *p;
	if (!prod)
		return 0;
	p = (Product *)db_begin_update(db, prod);
	p->price = p->price * (90 + (int)rng_below(r, 25)) / 100 + 1;
	db_end_update(db, &p->h);
	fold((uint32_t)p->price);
	return 1;
}

static int txn_cancel_order(Db *db, Rng *r)
{
	Oid ord = pick(db, r, T_ORDER);
	Order *o;
	int i;
	if (!ord)
		return 0;
	o = (Order *)db_get(db, ord);
	for (i = 0; i < o->nlines; i++) {
		OrderLine *l = (OrderLine *)db_get(db, o->lines[i]);
		Product *p = (Product *)db_begin_update(db, l->product);
		p->stock += l->quantity;
		p->sold -= l->quantity;
		db_end_update(db, &p->h);
	}
	fold(o->number);
	db_delete(db, ord);
	return 1;
}

struct report {
	Db *db;
	uint32_t acc;
	int n;
};

static int report_fn(Key k, Oid oid, void *arg)
{
	struct report *rep = (struct report *)arg;
	Obj *o = db_get(rep->db, oid);
	(void)k;
	classes[OID_TYPE(oid)]->report(rep->db, o, &rep->acc);
	return ++rep->n < 200;
}

static int txn_report(Db *db, Rng *r)
{
	struct report rep;
	Oid c = pick(db, r, T_COMPANY);
	Key lo, hi;
	rep.db = db;
	rep.acc = 0;
	rep.n = 0;
	if (c)
		classes[T_COMPANY]->report(db, db_get(db, c), &rep.acc);
	lo.hi = (uint32_t)(today > 50 ? today - 50 : 0);
	lo.lo = 0;
	hi.hi = (uint32_t)today;
	hi.lo = 0xffffffffu;
	btree_range(&db->tables[T_ORDER].secondary, lo, hi, report_fn, &rep);
	lo.hi = rng_below(r, 400);
	hi.hi = lo.hi + 20;
	btree_range(&db->tables[T_PRODUCT].secondary, lo, hi, report_fn, &rep);
	fold(rep.acc);
	fold((uint32_t)rep.n);
	return 1;
}

struct name_query {
	Db *db;
	const char *name;
	int matches;
};

static int name_fn(Oid oid, void *arg)
{
	struct name_query *q = (struct name_query *)arg;
	const Obj *o = db_get(q->db, oid);
	if (o && strcmp(classes[OID_TYPE(oid)]->name_of(o), q->name) == 0) {
		q->matches++;
		fold(oid);
	}
	return 1;
}

static int txn_name_lookup(Db *db, Rng *r)
{
	char name[32];
	struct name_query q;
	uint32_t s = rng_next(r);
	int k;
	q.db = db;
	q.name = name;
	q.matches = 0;
	for (k = 0; k < 4; k++) {
		make_name(name, sizeof name, s + (uint32_t)k * 77u, 2 + k % 2);
		hash_find_all(&db->names, string_hash(name), name_fn, &q);
	}
	fold((uint32_t)q.matches);
	return 1;
}

static int txn_birthday(Db *db, Rng *r)
{
	int i;
	for (i = 0; i < 4; i++) {
		Oid p = pick(db, r, T_PERSON);
		Person *pp;
		if (!p)
			continue;
		pp = (Person *)db_begin_update(db, p);
		pp->age = pp->age >= 80 ? 18 : pp->age + 1;
		db_end_update(db, &pp->h);
		fold((uint32_t)pp->age);
	}
	return 1;
}

static int txn_move(Db *db, Rng *r)
{
	Oid p = pick(db, r, T_PERSON), to = pick(db, r, T_ADDRESS);
	Person *pp;
	Address *a;
	if (!p || !to)
		return 0;
	pp = (Person *)db_begin_update(db, p);
	if (pp->address) {
		a = (Address *)db_begin_update(db, pp->address);
		a->residents--;
		db_end_update(db, &a->h);
	}
	pp->address = to;
	db_end_update(db, &pp->h);
	a = (Address *)db_begin_update(db, to);
	a->residents++;
	db_end_update(db, &a->h);
	fold(to);
	return 1;
}

static int txn_hire(Db *db, Rng *r)
{
	Oid p = pick(db, r, T_PERSON), c = pick(db, r, T_COMPANY);
	Person *pp;
	if (!p || !c)
		return 0;
	pp = (Person *)db_get(db, p);
	if (pp->employer)
		return 0; /* already employed: nothing to do */
	company_add_employee(db, c, p);
	fold(p ^ c);
	return 1;
}

static int txn_merger(Db *db, Rng *r)
{
	Oid gone = pick(db, r, T_COMPANY);
	if (!gone)
		return 0;
	fold((uint32_t)((Company *)db_get(db, gone))->employees);
	db_delete(db, gone);
	fold(new_company(db, r));
	return 1;
}

typedef int (*TxnFn)(Db *, Rng *);

/* Weighted table: kinds appear as often as listed. */
static const TxnFn txn_table[32] = {
	txn_new_order, txn_new_order, txn_new_order, txn_new_order, txn_new_order, txn_new_order,
	txn_new_person, txn_new_person, txn_new_person, txn_fire, txn_fire,
	txn_raise, txn_raise, txn_reprice, txn_reprice, txn_reprice,
	txn_cancel_order, txn_cancel_order, txn_report, txn_report, txn_report,
	txn_name_lookup, txn_name_lookup, txn_name_lookup, txn_birthday, txn_birthday,
	txn_move, txn_move, txn_hire, txn_hire, txn_hire, txn_report,
};

uint32_t run_workload(Db *db, const Workload *w, Rng *rng)
{
	int i, t;
	result = 0;
	today = 0;
	db_begin(db);
	for (i = 0; i < w->companies; i++)
		new_company(db, rng);
	for (i = 0; i < w->products; i++)
		new_product(db, rng);
	for (i = 0; i < w->people; i++) {
		Oid addr = (i % 3 == 0 || i == 0) ? new_address(db, rng) : pick(db, rng, T_ADDRESS);
		Oid p = new_person(db, rng, addr);
		Oid c = pick(db, rng, T_COMPANY);
		if (c && (i % 5) != 0)
			company_add_employee(db, c, p);
	}
	db_commit(db);
	fold(db_digest(db));
	for (t = 0; t < w->transactions; t++) {
		uint32_t pick_kind = rng_next(rng);
		int ok;
		today = t / 8;
		db_begin(db);
		if ((pick_kind & 0x3f) == 0x3f)
			ok = txn_merger(db, rng);
		else
			ok = txn_table[(pick_kind >> 6) & 31](db, rng);
		if (ok && (pick_kind >> 20) % 9 != 0)
			db_commit(db);
		else
			db_abort(db);
		if ((t & 511) == 511) {
			int problems = db_check(db);
			if (problems) {
				printf("vortex: WRONG: %d consistency problems after transaction %d\n", problems, t);
				return 0;
			}
			fold(db_digest(db));
		}
	}
	return result;
}
