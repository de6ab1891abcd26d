/* Reads the file named by argv[1] (or stdin for "-") through stdio in several ways (fgetc, fread in chunks,
 * fgets, seeking) and prints the byte count and checksums; all views must agree. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>

static uint32_t fnv(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: file_test FILE\n");
		return 2;
	}
	/* "-" reads standard input instead (redirected from the same file by the harness). */
	FILE *f = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	/* 1. fgetc */
	unsigned long bytes = 0, sum = 0;
	uint32_t h = 2166136261u;
	int c;
	while ((c = fgetc(f)) != EOF) {
		bytes++;
		sum += (unsigned)c;
		h = fnv(h, (unsigned char)c);
	}
	printf("fgetc: bytes %lu sum %lu fnv %08lx eof %d error %d\n", bytes, sum, (unsigned long)h, feof(f) != 0,
	       ferror(f) != 0);

	/* 2. fread in odd-sized chunks after rewind */
	rewind(f);
	printf("after rewind: eof %d tell %ld\n", feof(f) != 0, ftell(f));
	unsigned char chunk[37];
	size_t n, total = 0;
	uint32_t h2 = 2166136261u;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		for (size_t i = 0; i < n; i++)
			h2 = fnv(h2, chunk[i]);
		total += n;
	}
	printf("fread: bytes %lu fnv %08lx\n", (unsigned long)total, (unsigned long)h2);

	/* 3. fgets: lines and the longest line (a small buffer splits long lines) */
	fseek(f, 0, SEEK_SET);
	char line[16];
	int pieces = 0, lines = 0;
	while (fgets(line, sizeof line, f)) {
		pieces++;
		if (strchr(line, '\n'))
			lines++;
	}
	printf("fgets: pieces %d lines %d\n", pieces, lines);

	/* 4. seeking, ftell and ungetc */
	fseek(f, 0, SEEK_END);
	printf("size by ftell: %ld\n", ftell(f));
	fseek(f, 6, SEEK_SET);
	c = fgetc(f);
	printf("byte 6: '%c' tell %ld\n", c, ftell(f));
	ungetc('X', f);
	printf("after ungetc: tell %ld\n", ftell(f));
	int first = fgetc(f);
	int second = fgetc(f);
	printf("read back: '%c' then '%c'\n", first, second);
	fseek(f, -3, SEEK_CUR);
	printf("after -3: tell %ld byte '%c'\n", ftell(f), fgetc(f));
	printf("fclose: %d\n", fclose(f));

	/* Writing through a stream, and a failing open. */
	FILE *w = fopen("/dev/null", "w");
	printf("fopen w: %s\n", w ? "ok" : "failed");
	printf("fprintf: %d\n", fprintf(w, "%s %d\n", "discarded", 123));
	printf("fclose w: %d\n", fclose(w));
	errno = 0;
	FILE *missing = fopen("/nonexistent/dynsim/file", "r");
	printf("missing: %s errno %d (%s)\n", missing ? "opened?" : "NULL", errno, strerror(errno));
	return 0;
}
