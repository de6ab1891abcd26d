/* Functions whose symbols are not ASCII: one spelt in UTF-8, one with a Latin-1 byte that
 * is not UTF-8 at all (as a foreign toolchain may leave). The stats must stay valid UTF-8. */
__attribute__((noinline)) int funci\u00f3n(int n) { return n * 3 + 1; }
__attribute__((noinline)) int latin(int n) __asm__("caf\xe9");
__attribute__((noinline)) int latin(int n) { return n ^ 5; }
int main(void)
{
	volatile int s = 0;
	for (int i = 0; i < 1000; i++)
		s += funci\u00f3n(i) + latin(i);
	return 0;
}
