/* Compile-time checks that include/setjmp.h matches the offsets src/setjmp.S uses. */
#include <setjmp.h>
#include <stddef.h>

_Static_assert(offsetof(struct __dynsim_jmp_buf, __gr) == 0, "rp/sp/dp/r3..r18 at 0");
_Static_assert(offsetof(struct __dynsim_jmp_buf, __fr) == 80, "fr12..fr21 at 80");
_Static_assert(offsetof(struct __dynsim_jmp_buf, __mask_saved) == 160, "flag at 160");
_Static_assert(offsetof(struct __dynsim_jmp_buf, __mask) == 164, "mask at 164");
_Static_assert(sizeof(jmp_buf) == 176, "jmp_buf is 176 bytes");
