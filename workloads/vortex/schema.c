/* vortex: the schema. One class (a table of function pointers) per record type: keys,
 * digests, referential validation, cascading deletes and reports. */
#include <string.h>

#include "vortex.h"

static uint32_t mix(uint32_t h, uint32_t x)
{
	h = (h ^ x) * 0x01000193u;
	return h ^ (h >> 13);
}

static Key make_key(uint32_t hi, uint32_t lo)
{
	Key k;
	k.hi = hi;
	k.lo = lo;
	return k;
}

static int is_a(Db *db, Oid oid, int type) { return OID_TYPE(oid) == type && db_get(db, oid) != 0; }

void make_name(char *out, size_t size, uint32_t seed, int syllables)
{
	static const char *const parts[] = {"ka", "ro", "mi", "tel", "van", "su", "do", "rin", "bel", "zo",
					    "ar", "en", "lu", "pha", "gor", "ti", "ne", "os", "que", "ly"};
	size_t len = 0;
	int i;
	for (i = 0; i < syllables; i++) {
		const char *p = parts[seed % 20u];
		seed = seed / 20u + (uint32_t)i * 7u;
		while (*p && len + 1 < size)
			out[len++] = *p++;
	}
	out[len] = 0;
	if (len > 0)
		out[0] = (char)(out[0] - 'a' + 'A');
}

/* ---- Person ---- */

static uint32_t person_primary(const Obj *o) { return ((const Person *)o)->id; }
static Key person_secondary(const Obj *o)
{
	const Person *p = (const Person *)o;
	return make_key((uint32_t)p->age, p->id);
}
static const char *person_name(const Obj *o) { return ((const Person *)o)->name; }
static uint32_t person_digest(const Obj *o)
{
	const Person *p = (const Person *)o;
	uint32_t h = mix(p->id, string_hash(p->name));
	h = mix(h, (uint32_t)p->age);
	h = mix(h, (uint32_t)p->salary);
	h = mix(h, p->employer);
	h = mix(h, p->address);
	h = mix(h, p->next_colleague);
	h = mix(h, p->first_order);
	return mix(h, (uint32_t)p->order_count);
}
static int person_validate(Db *db, const Obj *o)
{
	const Person *p = (const Person *)o;
	Oid ord;
	int n = 0;
	if (p->employer && !is_a(db, p->employer, T_COMPANY))
		return 1;
	if (p->address && !is_a(db, p->address, T_ADDRESS))
		return 1;
	for (ord = p->first_order; ord; ord = ((Order *)db_get(db, ord))->next_of_customer) {
		const Order *r = (const Order *)db_get(db, ord);
		if (!r || OID_TYPE(ord) != T_ORDER || r->customer != p->h.oid)
			return 1;
		n++;
	}
	return n != p->order_count;
}
static void person_before_delete(Db *db, Obj *o)
{
	Person *p = (Person *)o;
	/* cascade: the person's orders go first (each unlinks itself from p) */
	while (p->first_order)
		db_delete(db, p->first_order);
	if (p->employer) {
		Company *c = (Company *)db_get(db, p->employer);
		if (c->first_employee == p->h.oid) {
			c = (Company *)db_begin_update(db, c->h.oid);
			c->first_employee = p->next_colleague;
			c->employees--;
			db_end_update(db, &c->h);
		} else {
			Oid prev = c->first_employee;
			while (prev) {
				Person *q = (Person *)db_get(db, prev);
				if (q->next_colleague == p->h.oid) {
					q = (Person *)db_begin_update(db, prev);
					q->next_colleague = p->next_colleague;
					db_end_update(db, &q->h);
					break;
				}
				prev = q->next_colleague;
			}
			c = (Company *)db_begin_update(db, c->h.oid);
			c->employees--;
			db_end_update(db, &c->h);
		}
	}
	if (p->address) {
		Address *a = (Address *)db_begin_update(db, p->address);
		a->residents--;
		db_end_update(db, &a->h);
	}
}
static void person_report(Db *db, const Obj *o, uint32_t *acc)
{
	const Person *p = (const Person *)o;
	(void)db;
	*acc = mix(*acc, (uint32_t)(p->salary / 100 + p->age));
}

static const Class person_class = {
	"Person", sizeof(Person), person_primary, person_secondary, person_name, person_digest,
	person_validate, person_before_delete, person_report,
};

/* ---- Company ---- */

static uint32_t company_primary(const Obj *o) { return ((const Company *)o)->id; }
static Key company_secondary(const Obj *o)
{
	const Company *c = (const Company *)o;
	return make_key((uint32_t)c->employees, c->id);
}
static const char *company_name(const Obj *o) { return ((const Company *)o)->name; }
static uint32_t company_digest(const Obj *o)
{
	const Company *c = (const Company *)o;
	uint32_t h = mix(c->id, string_hash(c->name));
	h = mix(h, c->first_employee);
	h = mix(h, (uint32_t)c->employees);
	h = mix(h, c->headquarters);
	return mix(h, (uint32_t)c->budget);
}
static int company_validate(Db *db, const Obj *o)
{
	const Company *c = (const Company *)o;
	Oid e;
	int n = 0;
	if (c->headquarters && !is_a(db, c->headquarters, T_ADDRESS))
		return 1;
	for (e = c->first_employee; e; e = ((Person *)db_get(db, e))->next_colleague) {
		const Person *p = (const Person *)db_get(db, e);
		if (!p || OID_TYPE(e) != T_PERSON || p->employer != c->h.oid)
			return 1;
		if (++n > 1000000)
			return 1;
	}
	return n != c->employees;
}
struct unsupply {
	Oid company;
};
static void unsupply_product(Db *db, Obj *o, void *arg)
{
	Product *p = (Product *)o;
	if (p->supplier == ((struct unsupply *)arg)->company) {
		p = (Product *)db_begin_update(db, p->h.oid);
		p->supplier = NO_OID;
		db_end_update(db, &p->h);
	}
}
static void company_before_delete(Db *db, Obj *o)
{
	Company *c = (Company *)o;
	struct unsupply u;
	Oid e = c->first_employee;
	while (e) {
		Person *p = (Person *)db_begin_update(db, e);
		e = p->next_colleague;
		p->employer = NO_OID;
		p->next_colleague = NO_OID;
		db_end_update(db, &p->h);
	}
	u.company = c->h.oid;
	db_foreach(db, T_PRODUCT, unsupply_product, &u);
}
static void company_report(Db *db, const Obj *o, uint32_t *acc)
{
	const Company *c = (const Company *)o;
	Oid e;
	uint32_t payroll = 0, orders = 0;
	for (e = c->first_employee; e; e = ((Person *)db_get(db, e))->next_colleague) {
		const Person *p = (const Person *)db_get(db, e);
		payroll += (uint32_t)p->salary;
		orders += (uint32_t)p->order_count;
	}
	*acc = mix(mix(*acc, payroll), orders);
}

static const Class company_class = {
	"Company", sizeof(Company), company_primary, company_secondary, company_name, company_digest,
	company_validate, company_before_delete, company_report,
};

/* ---- Address ---- */

static uint32_t address_primary(const Obj *o) { return ((const Address *)o)->id; }
static Key address_secondary(const Obj *o)
{
	const Address *a = (const Address *)o;
	return make_key((uint32_t)a->zip, a->id);
}
static uint32_t address_digest(const Obj *o)
{
	const Address *a = (const Address *)o;
	uint32_t h = mix(a->id, string_hash(a->street));
	h = mix(h, string_hash(a->city));
	h = mix(h, (uint32_t)a->zip);
	return mix(h, (uint32_t)a->residents);
}
static int address_validate(Db *db, const Obj *o)
{
	(void)db;
	return ((const Address *)o)->residents < 0;
}
static void address_before_delete(Db *db, Obj *o)
{
	(void)db;
	(void)o;
}
static void address_report(Db *db, const Obj *o, uint32_t *acc)
{
	(void)db;
	*acc = mix(*acc, (uint32_t)((const Address *)o)->zip);
}

static const Class address_class = {
	"Address", sizeof(Address), address_primary, address_secondary, 0, address_digest,
	address_validate, address_before_delete, address_report,
};

/* ---- Product ---- */

static uint32_t product_primary(const Obj *o) { return ((const Product *)o)->sku; }
static Key product_secondary(const Obj *o)
{
	const Product *p = (const Product *)o;
	return make_key((uint32_t)p->price, p->sku);
}
static uint32_t product_digest(const Obj *o)
{
	const Product *p = (const Product *)o;
	uint32_t h = mix(p->sku, string_hash(p->name));
	h = mix(h, (uint32_t)p->price);
	h = mix(h, (uint32_t)p->stock);
	h = mix(h, (uint32_t)p->sold);
	return mix(h, p->supplier);
}
static int product_validate(Db *db, const Obj *o)
{
	const Product *p = (const Product *)o;
	if (p->supplier && !is_a(db, p->supplier, T_COMPANY))
		return 1;
	return p->stock < 0 || p->price <= 0;
}
static void product_before_delete(Db *db, Obj *o)
{
	(void)db;
	(void)o;
}
static void product_report(Db *db, const Obj *o, uint32_t *acc)
{
	const Product *p = (const Product *)o;
	(void)db;
	*acc = mix(*acc, (uint32_t)(p->price * p->sold));
}

static const Class product_class = {
	"Product", sizeof(Product), product_primary, product_secondary, 0, product_digest,
	product_validate, product_before_delete, product_report,
};

/* ---- Order ---- */

static uint32_t order_primary(const Obj *o) { return ((const Order *)o)->number; }
static Key order_secondary(const Obj *o)
{
	const Order *r = (const Order *)o;
	return make_key((uint32_t)r->date, r->number);
}
static uint32_t order_digest(const Obj *o)
{
	const Order *r = (const Order *)o;
	uint32_t h = mix(r->number, r->customer);
	int i;
	h = mix(h, r->next_of_customer);
	h = mix(h, (uint32_t)r->date);
	h = mix(h, (uint32_t)r->total);
	for (i = 0; i < r->nlines; i++)
		h = mix(h, r->lines[i]);
	return h;
}
static int order_validate(Db *db, const Obj *o)
{
	const Order *r = (const Order *)o;
	int i, total = 0;
	if (!is_a(db, r->customer, T_PERSON))
		return 1;
	for (i = 0; i < r->nlines; i++) {
		const OrderLine *l = (const OrderLine *)db_get(db, r->lines[i]);
		if (!l || OID_TYPE(r->lines[i]) != T_LINE || l->order != r->h.oid)
			return 1;
		total += l->amount;
	}
	return total != r->total;
}
static void order_before_delete(Db *db, Obj *o)
{
	Order *r = (Order *)o;
	Person *p = (Person *)db_get(db, r->customer);
	int i;
	for (i = 0; i < r->nlines; i++)
		db_delete(db, r->lines[i]);
	if (p->first_order == r->h.oid) {
		p = (Person *)db_begin_update(db, p->h.oid);
		p->first_order = r->next_of_customer;
	} else {
		Oid prev = p->first_order;
		while (prev) {
			Order *q = (Order *)db_get(db, prev);
			if (q->next_of_customer == r->h.oid) {
				q = (Order *)db_begin_update(db, prev);
				q->next_of_customer = r->next_of_customer;
				db_end_update(db, &q->h);
				break;
			}
			prev = q->next_of_customer;
		}
		p = (Person *)db_begin_update(db, p->h.oid);
	}
	p->order_count--;
	db_end_update(db, &p->h);
}
static void order_report(Db *db, const Obj *o, uint32_t *acc)
{
	const Order *r = (const Order *)o;
	(void)db;
	*acc = mix(*acc, (uint32_t)(r->total + r->nlines));
}

static const Class order_class = {
	"Order", sizeof(Order), order_primary, order_secondary, 0, order_digest,
	order_validate, order_before_delete, order_report,
};

/* ---- OrderLine ---- */

static uint32_t line_primary(const Obj *o) { return ((const OrderLine *)o)->id; }
static Key line_secondary(const Obj *o)
{
	const OrderLine *l = (const OrderLine *)o;
	return make_key(l->product, l->id);
}
static uint32_t line_digest(const Obj *o)
{
	const OrderLine *l = (const OrderLine *)o;
	uint32_t h = mix(l->id, l->order);
	h = mix(h, l->product);
	h = mix(h, (uint32_t)l->quantity);
	return mix(h, (uint32_t)l->amount);
}
static int line_validate(Db *db, const Obj *o)
{
	const OrderLine *l = (const OrderLine *)o;
	return !is_a(db, l->order, T_ORDER) || !is_a(db, l->product, T_PRODUCT) || l->quantity <= 0;
}
static void line_before_delete(Db *db, Obj *o)
{
	(void)db;
	(void)o;
}
static void line_report(Db *db, const Obj *o, uint32_t *acc)
{
	(void)db;
	*acc = mix(*acc, (uint32_t)((const OrderLine *)o)->quantity);
}

static const Class line_class = {
	"OrderLine", sizeof(OrderLine), line_primary, line_secondary, 0, line_digest,
	line_validate, line_before_delete, line_report,
};

const Class *const classes[NTYPES] = {
	0, &person_class, &company_class, &address_class, &product_class, &order_class, &line_class,
};

/* ---- relationship helpers ---- */

void company_add_employee(Db *db, Oid company, Oid person)
{
	Company *c = (Company *)db_begin_update(db, company);
	Person *p = (Person *)db_begin_update(db, person);
	p->employer = company;
	p->next_colleague = c->first_employee;
	c->first_employee = person;
	c->employees++;
	db_end_update(db, &p->h);
	db_end_update(db, &c->h);
}

void person_add_order(Db *db, Oid person, Oid order)
{
	Person *p = (Person *)db_begin_update(db, person);
	Order *r = (Order *)db_begin_update(db, order);
	r->customer = person;
	r->next_of_customer = p->first_order;
	p->first_order = order;
	p->order_count++;
	db_end_update(db, &r->h);
	db_end_update(db, &p->h);
}
