/* Every word condition of ADDB and ADDIB as GNU as assembles it, in the order c = 0..4
 * with f = 0, then c = 0..4 with f = 1. Each branches 16 bytes ahead of itself (two words
 * past its delay slot). addb_conditions.c runs copies of these words; being in .text, they
 * are also compared with objdump by the objdump_diff check over every guest binary. */
	.text
	.align 4
	.globl addb_forms
addb_forms:
	addb %r25,%r26,.+16
	addb,= %r25,%r26,.+16
	addb,< %r25,%r26,.+16
	addb,<= %r25,%r26,.+16
	addb,nuv %r25,%r26,.+16
	addb,tr %r25,%r26,.+16
	addb,<> %r25,%r26,.+16
	addb,>= %r25,%r26,.+16
	addb,> %r25,%r26,.+16
	addb,uv %r25,%r26,.+16
	.globl addib_forms
addib_forms:
	addib 0,%r26,.+16
	addib,= 0,%r26,.+16
	addib,< 0,%r26,.+16
	addib,<= 0,%r26,.+16
	addib,nuv 0,%r26,.+16
	addib,tr 0,%r26,.+16
	addib,<> 0,%r26,.+16
	addib,>= 0,%r26,.+16
	addib,> 0,%r26,.+16
	addib,uv 0,%r26,.+16
