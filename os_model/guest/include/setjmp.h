/* Non-local jumps for the 32-bit PA-RISC guest (src/setjmp.S).
 *
 * A jmp_buf holds exactly the state the PA-RISC 32-bit calling convention makes
 * callee-saved: r3-r18, dp (r27), sp (r30), the return pointer (r2) and fr12-fr21,
 * plus, for sigsetjmp, whether the signal mask was saved and the 64-bit mask itself.
 * Layout (byte offsets, used by setjmp.S):
 *   0 rp   4 sp   8 dp   12..75 r3..r18   80..159 fr12..fr21 (8 bytes each)
 *   160 mask-saved flag   164..171 signal mask
 * setjmp does not save the signal mask (as glibc's); sigsetjmp(env, 1) does, and
 * longjmp/siglongjmp restore it whenever it was saved. _setjmp/_longjmp never touch it.
 */
#ifndef _DYNSIM_SETJMP_H
#define _DYNSIM_SETJMP_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct __dynsim_jmp_buf {
	unsigned long __gr[20];
	double __fr[10];
	int __mask_saved;
	unsigned long __mask[2];
} jmp_buf[1];

typedef jmp_buf sigjmp_buf;

__attribute__((returns_twice)) int setjmp(jmp_buf env);
__attribute__((returns_twice)) int _setjmp(jmp_buf env);
__attribute__((returns_twice)) int sigsetjmp(sigjmp_buf env, int savemask);
__attribute__((noreturn)) void longjmp(jmp_buf env, int val);
__attribute__((noreturn)) void _longjmp(jmp_buf env, int val);
__attribute__((noreturn)) void siglongjmp(sigjmp_buf env, int val);

#ifdef __cplusplus
}
#endif

#endif
