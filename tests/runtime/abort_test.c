/* abort() with SIGABRT at its default action: the process dies by signal 6, which the
 * harness sees as status 134 (128 + SIGABRT). Output written before is kept. */
#include <stdlib.h>
#include "rt_out.h"

int main(void)
{
	out_str("before abort\n");
	abort();
	out_str("not reached\n");
	return 0;
}
