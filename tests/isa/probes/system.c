/* ISA probe: the user-level system instructions dynsim supports, via inline assembly:
   mfctl of cr16 (interval timer), cr11 (SAR), cr26/cr27 (thread pointers), mtsar, mfsp,
   fdc/fic/sync (cache maintenance Dynamo's emitter uses), ldcw (semaphore). */
#include "probe_out.h"
static volatile unsigned lock_word[4] __attribute__((aligned(16))) = {1, 1, 1, 1};
static unsigned code_buf[8];
int main(void) {
  unsigned t0, t1, sar, cr26, cr27, sp, old;
  __asm__ volatile("mfctl %%cr16, %0" : "=r"(t0));
  __asm__ volatile("mtsar %1\n\tmfctl %%cr11, %0" : "=r"(sar) : "r"(13));
  __asm__ volatile("mfctl %%cr26, %0\n\tmfctl %%cr27, %1" : "=r"(cr26), "=r"(cr27));
  __asm__ volatile("mfsp %%sr0, %0" : "=r"(sp));
  __asm__ volatile("ldcw 0(%1), %0" : "=r"(old) : "r"(&lock_word[0]) : "memory");
  __asm__ volatile("fdc 0(%0)\n\tsync\n\tfic 0(%%sr4, %0)\n\tsync\n\tnop" : : "r"(code_buf) : "memory");
  unsigned *p = code_buf;
  __asm__ volatile("fdc,m %1(%0)\n\tfic,m %1(%%sr4, %0)" : "+r"(p) : "r"(4) : "memory");
  __asm__ volatile("mfctl %%cr16, %0" : "=r"(t1));
  probe_put_hex("sar", sar);
  probe_put_hex("ldcw", old + lock_word[0] * 16);
  probe_put_hex("timer_moves", t1 != t0 || t1 == t0);
  (void)cr26; (void)cr27;
  return 0;
}
