/* perl: a tiny Perl-like interpreter running a text-processing script over generated text.
 *
 * Modeled on SPECint95 134.perl (the Perl 4/5 interpreter running text scripts): a
 * tokenizer and recursive-descent parser build an op tree whose nodes execute through
 * function pointers; values are reference-counted strings and integers; hashes are chained
 * tables; regular expressions (classes, anchors, greedy * + ?, capture groups) are compiled
 * once and run by a backtracking matcher. The embedded script reads generated lines, splits
 * them into words, classifies them with regexes, counts words in hashes, builds strings,
 * and prints a summary.
 *
 * Usage: perl [test|train|ref]. Prints the script's summary and a checksum of everything
 * the script printed; exits 0 only if the checksum is the one expected for the size.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perl.h"
#include "size_arg.h"

static const char script[] =
	"# word statistics over generated text\n"
	"sub classify {\n"
	"    $w = $_[0];\n"
	"    if ($w =~ /^[0-9]+$/) { return \"number\"; }\n"
	"    if ($w =~ /^([0-9][0-9][0-9][0-9])-([0-9][0-9])-[0-9][0-9]$/) {\n"
	"        $years{$1} += 1;\n"
	"        $months{$2} += 1;\n"
	"        return \"date\";\n"
	"    }\n"
	"    if ($w =~ /^[a-z]+@([a-z]+)\\.[a-z]+$/) { $hosts{$1} += 1; return \"mail\"; }\n"
	"    if ($w =~ /^[A-Z][a-z]*$/) { return \"capital\"; }\n"
	"    return \"word\";\n"
	"}\n"
	"\n"
	"sub score {\n"
	"    $s = $_[0];\n"
	"    $v = 0;\n"
	"    if ($s =~ /[aeiou][aeiou]/) { $v += 3; }\n"
	"    if ($s =~ /^[^aeiou]+[aeiou]/) { $v += 1; }\n"
	"    if ($s =~ /tion$/) { $v += 5; }\n"
	"    elsif ($s =~ /ment$/) { $v += 7; }\n"
	"    if ($s =~ /^con.*ing$/) { $v += 11; }\n"
	"    return $v + length($s);\n"
	"}\n"
	"\n"
	"$lines = 0; $chars = 0; $words = 0; $punct = 0; $total = 0;\n"
	"$acro = \"\"; $acros = 0;\n"
	"while (($line = getline()) ne \"\") {\n"
	"    $lines++;\n"
	"    $chars += length($line);\n"
	"    if ($line =~ /^([A-Z][a-z]+) ([a-z]+)/) { $pairs{$1 . \"-\" . $2} += 1; }\n"
	"    @ws = split($line);\n"
	"    foreach $w (@ws) {\n"
	"        $words++;\n"
	"        if ($w =~ /^(.*[^,.])[,.]$/) { $w = $1; $punct++; }\n"
	"        $kind = classify($w);\n"
	"        $kinds{$kind} += 1;\n"
	"        if ($kind eq \"word\" || $kind eq \"capital\") {\n"
	"            $lw = lc($w);\n"
	"            $count{$lw} += 1;\n"
	"            $total += score($lw);\n"
	"            $acro .= uc(substr($lw, 0, 1));\n"
	"        }\n"
	"    }\n"
	"    if (length($acro) > 40) {\n"
	"        $acros += index($acro, \"T\") + 1;\n"
	"        $acro = substr($acro, 20, 20);\n"
	"    }\n"
	"}\n"
	"@k = keys %count;\n"
	"$best = \"\"; $bestn = 0;\n"
	"foreach $w (@k) {\n"
	"    if ($count{$w} > $bestn) { $best = $w; $bestn = $count{$w}; }\n"
	"}\n"
	"print \"lines $lines chars $chars words $words punct $punct\\n\";\n"
	"print \"distinct \", scalar(@k), \", most frequent '$best' x$bestn, score $total, acro $acros\\n\";\n"
	"foreach $k (keys %kinds) { print \"  $k: $kinds{$k}\\n\"; }\n"
	"$ysum = 0;\n"
	"foreach $y (keys %years) { $ysum += $y * $years{$y}; }\n"
	"@hk = keys %hosts;\n"
	"print \"years \", scalar(keys %years), \" sum $ysum, months \", scalar(keys %months), \"\\n\";\n"
	"print \"hosts \", join(\",\", @hk), \"\\n\";\n"
	"$pk = 0;\n"
	"foreach $p (keys %pairs) { if ($pairs{$p} > 1) { $pk++; } }\n"
	"print \"pairs \", scalar(keys %pairs), \" repeated $pk\\n\";\n";

/* ---- generated input ---- */

static uint32_t rng_state;
static uint32_t lines_left;

static uint32_t rng(void)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return rng_state >> 8;
}

static const char *const syllables[] = {
	"ta", "ken", "ro", "mi", "sal", "ve", "con", "di", "pra", "lo", "mun", "e", "tri",
	"qua", "bel", "so", "ar", "nu", "fi", "ga", "ple", "stro", "au", "io",
};
static const char *const endings[] = {"", "", "", "", "tion", "ment", "ing", "s", "ed", "er"};
static const char *const hosts[] = {"example", "mailhost", "uni", "corp", "lab"};
#define NVOCAB 600
static char vocab[NVOCAB][28];

static void make_vocab(void)
{
	for (int w = 0; w < NVOCAB; w++) {
		char *p = vocab[w];
		int n = 1 + (int)(rng() % 3);
		for (int s = 0; s < n; s++)
			p += sprintf(p, "%s", syllables[rng() % (sizeof syllables / sizeof syllables[0])]);
		sprintf(p, "%s", endings[rng() % (sizeof endings / sizeof endings[0])]);
	}
}

static const char *pick_word(void)
{
	uint32_t range = 1 + rng() % NVOCAB; /* skewed towards the first words */
	return vocab[rng() % range];
}

Str *next_input_line(void)
{
	if (lines_left == 0)
		return NULL;
	lines_left--;
	char line[512];
	int len = 0;
	int ntok = 6 + (int)(rng() % 9);
	for (int t = 0; t < ntok; t++) {
		char tok[64];
		uint32_t r = rng() % 100;
		if (t == 0 || r < 5) {
			snprintf(tok, sizeof tok, "%s", pick_word());
			tok[0] = (char)(tok[0] - 'a' + 'A');
		} else if (r < 9) {
			snprintf(tok, sizeof tok, "%u", (unsigned)(rng() % 5000));
		} else if (r < 12) {
			/* one rng() per statement: argument evaluation order differs between
			 * compilers and targets */
			unsigned y = 1990 + rng() % 30;
			unsigned m = 1 + rng() % 12;
			unsigned d = 1 + rng() % 28;
			snprintf(tok, sizeof tok, "%u-%02u-%02u", y, m, d);
		} else if (r < 14) {
			const char *user = pick_word();
			const char *host = hosts[rng() % 5];
			const char *tld = rng() % 2 ? "org" : "com";
			snprintf(tok, sizeof tok, "%s@%s.%s", user, host, tld);
		} else {
			snprintf(tok, sizeof tok, "%s", pick_word());
		}
		int tl = (int)strlen(tok);
		if (rng() % 10 == 0)
			tok[tl++] = rng() % 2 ? ',' : '.';
		if (len + tl + 2 >= (int)sizeof line)
			break;
		if (len)
			line[len++] = ' ';
		memcpy(line + len, tok, (size_t)tl);
		len += tl;
	}
	line[len++] = '\n';
	return str_new(line, len);
}

/* ---- output ---- */

static uint32_t out_hash = 2166136261u;

void out_write(const char *p, int len)
{
	fwrite(p, 1, (size_t)len, stdout);
	for (int i = 0; i < len; i++)
		out_hash = (out_hash ^ (uint8_t)p[i]) * 16777619u;
}

struct size {
	const char *name;
	uint32_t lines;
	uint32_t expect; /* checksum printed by an independent host build (x86-64 gcc -O2) */
};

/* Expected values: this same source built for the host (//workloads/perl:perl_host,
 * x86-64 gcc) and run at each size; the PA-RISC guest builds must print the same. */
static const struct size sizes[] = {
	{"test", 20, 0x76a4c0deu},
	{"train", 1000, 0x554cb497u},
	{"ref", 4500, 0x4a0d7ad3u},
};

int main(int argc, char **argv)
{
	const struct size *sz = WORKLOAD_SIZE(sizes, argc, argv, "perl");
	rng_state = 31337u;
	make_vocab();
	lines_left = sz->lines;
	Node *prog = parse_program(script);
	run_block(prog->a);
	uint32_t sum = out_hash;
	printf("perl %s: checksum %08x\n", sz->name, (unsigned)sum);
	int ok = sum == sz->expect;
	if (!ok)
		printf("checksum MISMATCH: expected %08x\n", (unsigned)sz->expect);
	printf("%s\n", ok ? "OK" : "FAILED");
	return ok ? 0 : 1;
}
