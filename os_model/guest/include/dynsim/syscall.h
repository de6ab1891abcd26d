/* The Linux-hppa system-call gateway, as inline functions.
 *
 * ABI (Linux arch/parisc, glibc sysdeps/unix/sysv/linux/hppa): branch to the gateway
 * page with `ble 0x100(%sr2, %r0)`, the number in r20 (set in the delay slot), arguments
 * in r26, r25, r24, r23, r22, r21, result in r28; a result in [-4095, -1] is -errno.
 * The gateway returns through r31; r1, r2, r19, r20, r29 and r31 do not survive it, and we
 * treat the argument registers as clobbered too.
 */
#ifndef DYNSIM_SYSCALL_H
#define DYNSIM_SYSCALL_H

#ifdef __cplusplus
extern "C" {
#endif

static inline long __dynsim_syscall6(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	register long r26 __asm__("r26") = a0;
	register long r25 __asm__("r25") = a1;
	register long r24 __asm__("r24") = a2;
	register long r23 __asm__("r23") = a3;
	register long r22 __asm__("r22") = a4;
	register long r21 __asm__("r21") = a5;
	register long r28 __asm__("r28");
	__asm__ __volatile__(
		"ble 0x100(%%sr2, %%r0)\n\t"
		"copy %7, %%r20"
		: "=r"(r28), "+r"(r26), "+r"(r25), "+r"(r24), "+r"(r23), "+r"(r22), "+r"(r21)
		: "r"(nr)
		: "r1", "r2", "r19", "r20", "r29", "r31", "memory");
	return r28;
}

#define __dynsim_syscall0(nr) __dynsim_syscall6((nr), 0, 0, 0, 0, 0, 0)
#define __dynsim_syscall1(nr, a) __dynsim_syscall6((nr), (long)(a), 0, 0, 0, 0, 0)
#define __dynsim_syscall2(nr, a, b) __dynsim_syscall6((nr), (long)(a), (long)(b), 0, 0, 0, 0)
#define __dynsim_syscall3(nr, a, b, c) __dynsim_syscall6((nr), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define __dynsim_syscall4(nr, a, b, c, d) \
	__dynsim_syscall6((nr), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define __dynsim_syscall5(nr, a, b, c, d, e) \
	__dynsim_syscall6((nr), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/* Converts a raw result to the C convention: -1 with errno set, or the value. */
long __dynsim_syscall_result(long raw);

#ifdef __cplusplus
}
#endif

#endif
