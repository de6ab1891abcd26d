/* PA-RISC 2.0's long-displacement FP loads and stores (majors 0x14, 0x16, 0x17, 0x1c, 0x1e,
 * 0x1f), as GNU as assembles them for displacements the short forms (im5) cannot hold.
 * Each routine is `double *f(double *base, double *out)`: one access at a displacement
 * from base (r26), the value moved through out (r25) with a short-form access, and the
 * base register after the access returned (r28), so a modify form shows its update. */
	.level 2.0
	.text
	.align 4

#define ROUTINE(name) .globl name ! .type name,@function ! name:
#define RETURN_BASE bv %r0(%r2) ! copy %r26,%r28

ROUTINE(load_double_plus)	/* fldd 4096(base) -> *out */
	fldd 4096(%r26),%fr4
	fstd %fr4,0(%r25)
	RETURN_BASE
ROUTINE(load_double_minus)	/* fldd -8192(base): the most negative displacement */
	fldd -8192(%r26),%fr4
	fstd %fr4,0(%r25)
	RETURN_BASE
ROUTINE(load_double_modify_after)	/* fldd,ma 800(base): loads base[0], base += 800 */
	fldd,ma 800(%r26),%fr5
	fstd %fr5,0(%r25)
	RETURN_BASE
ROUTINE(load_double_modify_before)	/* fldd,mb -800(base): base -= 800, then loads */
	fldd,mb -800(%r26),%fr5
	fstd %fr5,0(%r25)
	RETURN_BASE
ROUTINE(store_double_plus)	/* *out -> fstd 8184(base): the most positive displacement */
	fldd 0(%r25),%fr6
	fstd %fr6,8184(%r26)
	RETURN_BASE
ROUTINE(store_double_modify_before)	/* *out -> fstd,mb 1024(base) */
	fldd 0(%r25),%fr6
	fstd,mb %fr6,1024(%r26)
	RETURN_BASE
ROUTINE(load_word_right)	/* fldw -4100(base) into fr7R -> the first word of *out */
	fldw -4100(%r26),%fr7R
	fstw %fr7R,0(%r25)
	RETURN_BASE
ROUTINE(store_word_left)	/* the first word of *out -> fstw 2052(base) from fr8L */
	fldw 0(%r25),%fr8
	fstw %fr8,2052(%r26)
	RETURN_BASE
ROUTINE(load_word_modify_after)	/* fldw,ma 404(base) -> the first word of *out */
	fldw,ma 404(%r26),%fr9
	fstw %fr9,0(%r25)
	RETURN_BASE
ROUTINE(store_word_modify_before)	/* the first word of *out -> fstw,mb -404(base) */
	fldw 0(%r25),%fr9R
	fstw,mb %fr9R,-404(%r26)
	RETURN_BASE
