#!/usr/bin/env bash
# The command line of operation.md: commands, options, exit statuses and the
# messages a program manager sees when something is wrong.
source "$(dirname "$0")/lib.sh"
P=("$SSI_PIPELINE" --config "$CONFIG" --work "$TMP/work" --out "$TMP/out")

expect_status 0 "--help" -- "$SSI_PIPELINE" --help
for c in run ingest score report validate; do expect_grep "  $c " "$TMP/stdout" "--help lists $c"; done
expect_status 0 "--version" -- "$SSI_PIPELINE" --version
expect_grep "ssi-pipeline " "$TMP/stdout" "--version prints the version"
expect_status 1 "no command" -- "$SSI_PIPELINE"
expect_status 1 "unknown command" -- "$SSI_PIPELINE" frobnicate
expect_grep 'unknown command "frobnicate"' "$TMP/stderr" "names the unknown command"
expect_status 1 "bad --month" -- "${P[@]}" --input "$DATA/tree" --month 2026-13 run
expect_grep "--month 2026-13: expected YYYY-MM" "$TMP/stderr" "says what --month expects"
expect_status 1 "bad --lang" -- "${P[@]}" --input "$DATA/tree" --lang fr run
expect_status 1 "missing config folder" -- "$SSI_PIPELINE" --config "$TMP/nowhere" --input "$DATA/tree" run
expect_grep "pipeline.ini" "$TMP/stderr" "names the missing settings file"

mkdir -p "$TMP/badini" && printf '[ssi]\nsource = sometimes\n' > "$TMP/badini/pipeline.ini"
expect_status 1 "bad value in pipeline.ini" -- "$SSI_PIPELINE" --config "$TMP/badini" --input "$DATA/tree" --work "$TMP/w0" run
expect_grep "[ssi] source: expected prefer-reported, reported or estimated" "$TMP/stderr" "names group, key and the choices"

# Input errors: status 2, and the summary is still written.
mkdir -p "$TMP/noroster" && cp "$DATA/tree/programs.ini" "$TMP/noroster/"
expect_status 2 "roster.csv missing" -- "${P[@]}" --input "$TMP/noroster" --work "$TMP/w1" run
expect_grep "roster.csv" "$TMP/stderr" "names roster.csv"
[ -f "$TMP/w1/normalized/ingest_summary.csv" ] && pass "summary written on status 2" || fail "no ingest_summary.csv on status 2"
mkdir -p "$TMP/noprograms" && cp "$DATA/tree/roster.csv" "$TMP/noprograms/"
expect_status 2 "programs.ini missing" -- "${P[@]}" --input "$TMP/noprograms" --work "$TMP/w2" run
expect_grep "programs.ini" "$TMP/stderr" "names programs.ini"

# With the default max_reject_ratio (5 %), the tree's 2 rejects of 13 SSI rows stop the run.
expect_status 2 "too many rejects" -- "$SSI_PIPELINE" --config "$SOURCE_DIR/config" --input "$DATA/tree" --work "$TMP/w3" --out "$TMP/out3" run
expect_grep "max_reject_ratio" "$TMP/stderr" "names the setting"
expect_grep "ssi/" "$TMP/stderr" "names a file"
[ ! -e "$TMP/out3" ] && pass "no workbook on status 2" || fail "a workbook was written on status 2"
[ -s "$TMP/w3/normalized/rejects.csv" ] && pass "rejects listed on status 2" || fail "no rejects.csv on status 2"

# An unrecognised header in ssi/ is an input error naming what was found and expected.
cp -r "$DATA/tree" "$TMP/badheader"
printf 'who,when,score\nx,2026-01-01,5\n' > "$TMP/badheader/ssi/2026-03_other.csv"
expect_status 2 "unrecognised SSI header" -- "${P[@]}" --input "$TMP/badheader" --work "$TMP/w4" run
expect_grep "2026-03_other.csv" "$TMP/stderr" "names the file"
expect_grep 'found: ""who""' "$TMP/w4/normalized/ingest_summary.csv" "summary quotes the headers found"

# Output errors: status 3.
printf 'not a folder' > "$TMP/outfile"
expect_status 3 "output folder is a file" -- "${P[@]}" --input "$DATA/tree" --out "$TMP/outfile" --work "$TMP/w5" run

# validate: ingest only, prints the data-quality summary, writes no report.
expect_status 0 "validate" -- "${P[@]}" --input "$DATA/tree" --work "$TMP/w6" --out "$TMP/out6" validate
expect_grep "rejected" "$TMP/stdout" "validate prints the counts"
expect_grep "unknown ambassador" "$TMP/stdout" "validate lists the rejects"
[ ! -e "$TMP/out6" ] && [ ! -e "$TMP/w6/scores" ] && pass "validate writes no report" || fail "validate wrote scores or a report"

# Each stage alone gives what run gives.
expect_status 0 "ingest alone" -- "${P[@]}" --input "$DATA/tree" --work "$TMP/w7" ingest
expect_status 0 "score alone" -- "${P[@]}" --work "$TMP/w7" score
expect_status 0 "report alone" -- "${P[@]}" --work "$TMP/w7" --out "$TMP/out7" report
expect_status 0 "run" -- "${P[@]}" --input "$DATA/tree" --work "$TMP/w8" --out "$TMP/out8" run
if diff -r "$TMP/w7" "$TMP/w8" >/dev/null && cmp -s "$TMP/out7/2026-03/program-report-2026-03.xlsx" "$TMP/out8/2026-03/program-report-2026-03.xlsx"; then
  pass "stages one by one = run"; else fail "stages one by one differ from run"; fi

# --month picks an earlier report month; score without ingest says what is missing.
expect_status 0 "--month 2026-02" -- "${P[@]}" --input "$DATA/tree" --work "$TMP/w9" --out "$TMP/out9" --month 2026-02 run
[ -f "$TMP/out9/2026-02/program-report-2026-02.xlsx" ] && pass "report for --month" || fail "no report for 2026-02"
if grep -q ',2026-03,' "$TMP/w9/scores/person_month.csv"; then fail "rows after --month"; else pass "no rows after --month"; fi
expect_status 2 "score with no normalized files" -- "${P[@]}" --work "$TMP/empty" score
expect_grep "normalized" "$TMP/stderr" "names the missing stage file"
finish
