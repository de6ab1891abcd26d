/* C start-up: called by crt0 (_start) with argc, argv and envp. Runs the static
 * constructors (C++ globals, __attribute__((constructor))), then main, then exit. */
#include <stdlib.h>

char **environ;

typedef void (*init_fn)(void);
/* Provided by the linker script (PROVIDE_HIDDEN in hppa-linux-gnu-ld's default script). */
extern init_fn __preinit_array_start[] __attribute__((weak, visibility("hidden")));
extern init_fn __preinit_array_end[] __attribute__((weak, visibility("hidden")));
extern init_fn __init_array_start[] __attribute__((weak, visibility("hidden")));
extern init_fn __init_array_end[] __attribute__((weak, visibility("hidden")));

int main(int argc, char **argv, char **envp);
void __libc_start_main(int argc, char **argv, char **envp) __attribute__((noreturn, used));

void __libc_start_main(int argc, char **argv, char **envp)
{
	environ = envp;
	for (init_fn *f = __preinit_array_start; f < __preinit_array_end; f++)
		(*f)();
	for (init_fn *f = __init_array_start; f < __init_array_end; f++)
		(*f)();
	exit(main(argc, argv, envp));
}
