#!/usr/bin/env bash
# valgrind finds no leak and no invalid memory access in a whole run
# (ingest, score, report) of the hand-computed tree.
source "$(dirname "$0")/lib.sh"
if [ "${SSI_SANITIZED:-0}" = 1 ]; then echo "skipped: sanitizer build"; exit 77; fi
command -v valgrind >/dev/null || { echo "valgrind is not installed (./run.sh installs it)" >&2; exit 1; }

expect_status 0 "run under valgrind" -- valgrind --quiet --error-exitcode=99 --leak-check=full \
  --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
  "$SSI_PIPELINE" --input "$DATA/tree" --config "$CONFIG" --work "$TMP/work" --out "$TMP/out" run
[ -f "$TMP/out/2026-03/program-report-2026-03.xlsx" ] && pass "workbook written" || fail "no workbook"
finish
