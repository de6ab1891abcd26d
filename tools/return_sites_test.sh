#!/usr/bin/env bash
# tools/return_sites.py on a hand-made fragment dump and instruction trace: one site (the
# compare at 0xc0000008, after its addil through rp) that hits once and misses four times,
# to fragment 2 twice, fragment 3 once and once out of the cache; a compare with no addil
# before it that runs and misses is no site; a site that never runs is not listed.
# Usage: return_sites_test.sh (from the runfiles root)
set -u
out=$(/usr/bin/python3 tools/return_sites.py tools/testdata/return_sites.dump tools/testdata/return_sites.exec 2>&1)
want='sites that ran: 1; compares: 1 hits, 4 misses
1 more compare per site: 2 of the misses caught (50.0%)
2 more compares per site: 3 of the misses caught (75.0%)
3 more compares per site: 4 of the misses caught (100.0%)
4 more compares per site: 4 of the misses caught (100.0%)
0xc0000008 (bv through rp): 1 hits, 4 misses to 3 targets: 0x20000 2, 0x30000 1, Dynamo 1'
if [ "$out" != "$want" ]; then
	echo "FAIL: tools/return_sites.py printed:"; echo "$out"; echo "expected:"; echo "$want"; exit 1
fi
echo "PASS: return_sites counts hits, misses and their targets per site"
