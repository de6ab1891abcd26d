/* A guest that never ends: the fixture for the --max-insts limit. */
int main(void)
{
	volatile unsigned n = 0;
	for (;;)
		n++;
}
