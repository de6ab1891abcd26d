/* li: a small Lisp interpreter running an embedded Lisp benchmark program.
 *
 * Modeled on SPECint95 130.li (XLISP running queens and other programs): the interpreter
 * reads the program text into cons cells, evaluates it with association-list environments,
 * dispatches on value types with switches and on special forms and builtins through tables
 * of function pointers (indirect branches), and reclaims cells with a mark-sweep collector.
 * The Lisp program counts N-queens solutions with lists, runs Takeuchi's function, sorts
 * pseudo-random lists with a merge sort and closures, and differentiates and simplifies a
 * symbolic expression repeatedly.
 *
 * Usage: li [test|train|ref]. Prints the program's results and a checksum of everything it
 * printed plus allocation counts; exits 0 only if the checksum is the one expected.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "li.h"
#include "size_arg.h"

static const char program[] =
	"(define (tak x y z)\n"
	"  (if (not (< y x)) z\n"
	"      (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y))))\n"
	"\n"
	"; queens: count placements; placed holds the columns of earlier rows, nearest first\n"
	"(define (ok? col dist placed)\n"
	"  (cond ((null? placed) t)\n"
	"        ((= (car placed) col) nil)\n"
	"        ((= (car placed) (+ col dist)) nil)\n"
	"        ((= (car placed) (- col dist)) nil)\n"
	"        (t (ok? col (+ dist 1) (cdr placed)))))\n"
	"(define (place n k placed)\n"
	"  (if (= k 0) 1 (try-cols n 1 k placed 0)))\n"
	"(define (try-cols n col k placed acc)\n"
	"  (if (> col n) acc\n"
	"      (try-cols n (+ col 1) k placed\n"
	"                (if (ok? col 1 placed) (+ acc (place n (- k 1) (cons col placed))) acc))))\n"
	"(define (queens n) (place n n '()))\n"
	"\n"
	"; lists: generation, merge sort, closures\n"
	"(define (make-list-rand n seed)\n"
	"  (let ((acc '()) (x seed))\n"
	"    (while (> n 0)\n"
	"      (set! x (remainder (+ (* x 1103) 12345) 32768))\n"
	"      (set! acc (cons x acc))\n"
	"      (set! n (- n 1)))\n"
	"    acc))\n"
	"(define (split-acc l a b)\n"
	"  (if (null? l) (cons a b) (split-acc (cdr l) (cons (car l) b) a)))\n"
	"(define (append-rev r l) (if (null? r) l (append-rev (cdr r) (cons (car r) l))))\n"
	"(define (merge-acc a b acc)\n"
	"  (cond ((null? a) (append-rev acc b))\n"
	"        ((null? b) (append-rev acc a))\n"
	"        ((< (car a) (car b)) (merge-acc (cdr a) b (cons (car a) acc)))\n"
	"        (t (merge-acc a (cdr b) (cons (car b) acc)))))\n"
	"(define (msort l)\n"
	"  (if (or (null? l) (null? (cdr l))) l\n"
	"      (let ((p (split-acc l '() '())))\n"
	"        (merge-acc (msort (car p)) (msort (cdr p)) '()))))\n"
	"(define (sorted? l)\n"
	"  (cond ((null? l) t) ((null? (cdr l)) t)\n"
	"        ((> (car l) (car (cdr l))) nil)\n"
	"        (t (sorted? (cdr l)))))\n"
	"(define (sum l acc) (if (null? l) acc (sum (cdr l) (+ acc (car l)))))\n"
	"(define (map f l) (if (null? l) '() (cons (f (car l)) (map f (cdr l)))))\n"
	"(define (make-adder n) (lambda (x) (+ x n)))\n"
	"(define (first-n l n)\n"
	"  (if (or (null? l) (= n 0)) '() (cons (car l) (first-n (cdr l) (- n 1)))))\n"
	"\n"
	"; symbolic differentiation and simplification\n"
	"(define (deriv e v)\n"
	"  (cond ((number? e) 0)\n"
	"        ((symbol? e) (if (eq? e v) 1 0))\n"
	"        ((eq? (car e) '+)\n"
	"         (list '+ (deriv (car (cdr e)) v) (deriv (car (cdr (cdr e))) v)))\n"
	"        ((eq? (car e) '*)\n"
	"         (list '+ (list '* (car (cdr e)) (deriv (car (cdr (cdr e))) v))\n"
	"                  (list '* (deriv (car (cdr e)) v) (car (cdr (cdr e))))))\n"
	"        (t 'error)))\n"
	"(define (simplify e)\n"
	"  (if (not (pair? e)) e\n"
	"      (let ((op (car e)) (a (simplify (car (cdr e)))) (b (simplify (car (cdr (cdr e))))))\n"
	"        (cond ((and (number? a) (number? b)) (if (eq? op '+) (+ a b) (* a b)))\n"
	"              ((eq? op '+) (cond ((eq? a 0) b) ((eq? b 0) a) (t (list '+ a b))))\n"
	"              ((or (eq? a 0) (eq? b 0)) 0)\n"
	"              ((eq? a 1) b)\n"
	"              ((eq? b 1) a)\n"
	"              (t (list '* a b))))))\n"
	"(define (count-nodes e)\n"
	"  (if (pair? e) (+ 1 (count-nodes (car e)) (count-nodes (cdr e))) 0))\n"
	"\n"
	"(define (run-all nq tx ty tz sn sr dr)\n"
	"  (print (list 'queens nq (queens nq)))\n"
	"  (print (list 'tak tx ty tz (tak tx ty tz)))\n"
	"  (let ((i 0) (acc 0) (last '()))\n"
	"    (while (< i sr)\n"
	"      (set! last (msort (make-list-rand sn (+ i 1))))\n"
	"      (if (sorted? last)\n"
	"          (set! acc (+ acc (sum (map (make-adder i) last) 0)))\n"
	"          (set! acc -1))\n"
	"      (set! i (+ i 1)))\n"
	"    (print (list 'sort sn sr acc (first-n last 8))))\n"
	"  (let ((i 0) (acc 0) (d '())\n"
	"        (e '(* x (+ (* x x) (+ (* 3 x) (* x (* x (+ x 5))))))))\n"
	"    (while (< i dr)\n"
	"      (set! d (simplify (deriv (deriv e 'x) 'x)))\n"
	"      (set! acc (+ acc (count-nodes d)))\n"
	"      (set! i (+ i 1)))\n"
	"    (print (list 'deriv dr acc d))))\n";

struct size {
	const char *name;
	uint32_t cells;        /* heap size: small heaps make the collector run often */
	int nq, tx, ty, tz;    /* queens board; tak arguments */
	int sort_n, sort_reps; /* list length and number of sorts */
	int deriv_reps;
	uint32_t expect; /* checksum printed by an independent host build (x86-64 gcc -O2) */
};

/* Expected values: this same source built for the host (//workloads/li:li_host, x86-64 gcc)
 * and run at each size; the PA-RISC guest builds must print the same. */
static const struct size sizes[] = {
	{"test", 3000, 4, 9, 6, 3, 20, 1, 1, 0x0ebb49cfu},
	{"train", 20000, 7, 15, 10, 4, 200, 4, 30, 0x94830d0fu},
	{"ref", 30000, 8, 18, 12, 6, 300, 6, 80, 0x9c8789eeu},
};

int main(int argc, char **argv)
{
	const struct size *sz = WORKLOAD_SIZE(sizes, argc, argv, "li");
	li_init(sz->cells);
	li_init_builtins();

	const char *src = program;
	for (;;) {
		V form = li_read(&src);
		if (form == sym_unbound)
			break;
		eval(form, NIL);
	}
	char call[128];
	snprintf(call, sizeof call, "(run-all %d %d %d %d %d %d %d)", sz->nq, sz->tx, sz->ty, sz->tz,
		 sz->sort_n, sz->sort_reps, sz->deriv_reps);
	src = call;
	eval(li_read(&src), NIL);

	uint32_t sum = li_out_hash;
	sum = (sum ^ li_conses) * 16777619u;
	sum = (sum ^ li_collections) * 16777619u;
	printf("li %s: %u conses, %u collections, checksum %08x\n", sz->name, (unsigned)li_conses,
	       (unsigned)li_collections, (unsigned)sum);
	int ok = sum == sz->expect;
	if (!ok)
		printf("checksum MISMATCH: expected %08x\n", (unsigned)sz->expect);
	printf("%s\n", ok ? "OK" : "FAILED");
	return ok ? 0 : 1;
}
