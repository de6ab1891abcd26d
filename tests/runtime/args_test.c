/* Start-up state: argc/argv as passed, and the environment (the harness runs the guest
 * with an empty one, so envp and environ hold only the terminating NULL). */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv, char **envp)
{
	printf("argc %d\n", argc);
	/* argv[0] is the binary's path, which depends on the build layout. */
	printf("argv[0] %s\n", argv[0] ? "present" : "missing");
	for (int i = 1; i < argc; i++)
		printf("argv[%d] [%s]\n", i, argv[i]);
	printf("argv[argc] %s\n", argv[argc] == NULL ? "NULL" : "not NULL");
	int n = 0;
	for (char **e = envp; *e; e++)
		printf("env %s\n", *e);
	for (char **e = envp; *e; e++)
		n++;
	printf("envc %d environ %s\n", n, environ == envp ? "same" : "different");
	const char *path = getenv("PATH");
	printf("PATH %s\n", path ? path : "unset");
	return 0;
}
