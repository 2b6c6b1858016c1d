#!/usr/bin/env bash
# A run killed with SIGKILL at a random moment never leaves a broken workbook
# or stage file: every file in <work> and <out> is either the previous run's
# (byte for byte) or absent, never half-written. 60 kills at random moments.
source "$(dirname "$0")/lib.sh"
INPUT="$SOURCE_DIR/samples"
ARGS=(--quiet --input "$INPUT" --config "$SOURCE_DIR/config" --work "$TMP/work" --out "$TMP/out" run)
run() { exec "$SSI_PIPELINE" "${ARGS[@]}"; }

expect_status 0 "first run" -- "$SSI_PIPELINE" "${ARGS[@]}"
snapshot() { (cd "$TMP" && find work out -type f ! -name '*.tmp-*' -print0 | sort -z | xargs -0 sha256sum); }
snapshot > "$TMP/before"
start=$(date +%s%N); (run); took=$(( ($(date +%s%N) - start) / 1000000 ))
echo "a run takes about $took ms"

broken=0
for i in $(seq 1 60); do
  # exec: the background job IS the pipeline, so the kill reaches it.
  (run) & pid=$!
  # A random moment within the run's duration.
  sleep "$(awk -v t="$took" -v r="$RANDOM" 'BEGIN { printf "%.3f", t * (r / 32767.0) / 1000.0 }')"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  snapshot > "$TMP/after"
  if ! diff -q "$TMP/before" "$TMP/after" >/dev/null; then
    broken=$((broken + 1)); diff "$TMP/before" "$TMP/after" | head -5 >&2
  fi
done
[ "$broken" -eq 0 ] && pass "60 kills: every workbook and stage file intact" || fail "$broken of 60 kills left a changed or missing file"

# The workbook still opens and the stage files still parse.
"${PYTHON:-/usr/bin/python3}" - "$TMP" <<'PY' && pass "workbook and stage files readable" || fail "unreadable output after the kills"
import csv, glob, sys, zipfile
tmp = sys.argv[1]
for book in glob.glob(f"{tmp}/out/*/*.xlsx"):
    assert zipfile.ZipFile(book).testzip() is None, book
for f in glob.glob(f"{tmp}/work/*/*.csv"):
    list(csv.reader(open(f, encoding="utf-8", newline="")))
PY
# Temporary files of killed runs are removed by the next run that writes there.
(run)
leftovers=$(find "$TMP/work" "$TMP/out" -name '*.tmp-*' | wc -l)
[ "$leftovers" -eq 0 ] && pass "a completed run leaves no temporary file" || fail "$leftovers temporary files left: $(find "$TMP/work" "$TMP/out" -name '*.tmp-*' | head -3)"
finish
