#!/usr/bin/env bash
# Runs reduce_test.py (the reducer against a known minimum) beside progen.py and reduce.py.
exec python3 "$(dirname "$0")/reduce_test.py"
