#!/usr/bin/env bash
# Incremental reruns: a run that finds last month's exports unchanged in
# <work>/cache/ reads only the new ones, and gives byte for byte what a run
# from scratch gives: after one new export per ambassador, after an export
# was changed, after exports and a whole ambassador folder were removed,
# with a damaged cache entry, and under a max_linkedin_events ambassadors
# reach. Entries of ambassadors gone are removed.
source "$(dirname "$0")/lib.sh"
: "${SSI_SAMPLES_GEN:?set by ctest}"
PY=${PYTHON:-/usr/bin/python3}

TREE="$TMP/tree"
"$SSI_SAMPLES_GEN" --out "$TREE" --ambassadors 20 --months 6 >/dev/null

# hold_newest DIR: moves each ambassador's newest export (by the date in its
# name) to DIR/<id>/, as if it had not been downloaded yet.
hold_newest() {
  "$PY" - "$TREE/linkedin" "$1" <<'PY'
import os, re, sys
root, held = sys.argv[1:3]
pat = re.compile(r"_LinkedInDataExport_(\d\d)-(\d\d)-(\d{4})", re.I)
for amb in sorted(os.listdir(root)):
    dated = [(m.group(3), m.group(1), m.group(2), n) for n in os.listdir(os.path.join(root, amb))
             if (m := pat.search(n))]
    if dated:
        name = max(dated)[3]
        os.makedirs(os.path.join(held, amb))
        os.rename(os.path.join(root, amb, name), os.path.join(held, amb, name))
PY
}

restore() { # restore DIR
  local amb
  for amb in "$1"/*; do mv "$amb"/* "$TREE/linkedin/$(basename "$amb")/"; done
}

# pipeline WORK OUT [more options]: a whole run, verbose, its log in WORK.log.
pipeline() {
  local work=$1 out=$2; shift 2
  "$SSI_PIPELINE" --input "$TREE" --config "$CONFIG" --work "$work" --out "$out" --verbose "$@" \
    run >"$work.stdout" 2>"$work.log"
}

# same_as_cold WHAT: the cached work dir inc/ against a fresh run from scratch.
same_as_cold() {
  rm -rf "$TMP/cold" "$TMP/cold.out"
  pipeline "$TMP/cold" "$TMP/cold.out" || fail "$1: the run from scratch failed"
  local same=1 f
  diff -r "$TMP/inc/normalized" "$TMP/cold/normalized" >&2 || same=0
  diff -r "$TMP/inc/scores" "$TMP/cold/scores" >&2 || same=0
  for f in "$TMP/cold.out"/*/*.xlsx; do
    cmp "$f" "$TMP/inc.out/${f#"$TMP/cold.out/"}" || same=0
  done
  if [ "$same" = 1 ]; then pass "$1: normalized/, scores/ and the workbook as from scratch"
  else fail "$1: differs from a run from scratch"; fi
}

exports_line() { grep -o 'LinkedIn exports: [0-9]* read, [0-9]* unchanged' "$TMP/inc.log"; }

expect_exports() { # expect_exports READ UNCHANGED WHAT
  local got
  got=$(exports_line)
  if [ "$got" = "LinkedIn exports: $1 read, $2 unchanged" ]; then pass "$3: $got"
  else fail "$3: '$got', expected $1 read, $2 unchanged"; fi
}

n_exports() { "$PY" -c 'import os,sys; r=sys.argv[1]; print(sum(len(os.listdir(os.path.join(r,a))) for a in os.listdir(r)))' "$TREE/linkedin"; }

# Last month: every export but the newest of each ambassador.
hold_newest "$TMP/held"
held=$(find "$TMP/held" -mindepth 2 -maxdepth 2 | wc -l)
before=$(n_exports)
pipeline "$TMP/inc" "$TMP/inc.out" || fail "the first run failed"
expect_exports "$before" 0 "first run"

# This month: one new export per ambassador.
restore "$TMP/held"
pipeline "$TMP/inc" "$TMP/inc.out" || fail "the incremental run failed"
expect_exports "$held" "$before" "one new export each"
same_as_cold "one new export each"

# Nothing changed: nothing is read.
pipeline "$TMP/inc" "$TMP/inc.out"
expect_exports 0 "$((before + held))" "nothing new"
same_as_cold "nothing new"

# A file of an older, unpacked export edited (a connection added): that
# ambassador's exports are read again, the others are not.
conn=$(find "$TREE/linkedin" -path '*DataExport_*/Connections.csv' | sort | head -1)
amb_dir=$(dirname "$(dirname "$conn")")
printf '\nAda,Lovelace,,,Analytical Engines,Architect,01 Jan 2026' >>"$conn"
pipeline "$TMP/inc" "$TMP/inc.out"
n_amb=$(find "$amb_dir" -mindepth 1 -maxdepth 1 | wc -l)
expect_exports "$n_amb" "$((before + held - n_amb))" "an export edited"
expect_grep "Ada,Lovelace,,Analytical Engines,Architect" "$TMP/inc/normalized/li_connections.csv" \
  "the edited export's new row is in li_connections.csv"
same_as_cold "an export edited"

# An older export removed, and a whole ambassador's folder: their rows are
# forgotten, and so is the ambassador's cache entry.
old_zip=$(find "$TREE/linkedin" -name '*.zip' | sort | sed -n 2p)
rm "$old_zip"
gone=$(find "$TREE/linkedin" -mindepth 1 -maxdepth 1 | sort | tail -1)
rm -r "$gone"
pipeline "$TMP/inc" "$TMP/inc.out"
same_as_cold "exports removed"
if [ -e "$TMP/inc/cache/linkedin/id-$(basename "$gone")" ]; then
  fail "the cache entry of $(basename "$gone") outlives its folder"
else pass "the cache entry of a removed ambassador is removed"; fi
entries=$(find "$TMP/inc/cache/linkedin" -type f | wc -l)
ambassadors=$(find "$TREE/linkedin" -mindepth 1 -maxdepth 1 | wc -l)
if [ "$entries" = "$ambassadors" ]; then pass "one cache entry per ambassador ($entries)"
else fail "$entries cache entries for $ambassadors ambassadors"; fi

# A damaged entry (a crash or a full disk mid-write) and a temporary file
# left behind: the entry is read again from the exports, the file removed.
entry=$(find "$TMP/inc/cache/linkedin" -type f | sort | head -1)
head -c 100 "$entry" >"$entry.cut" && mv "$entry.cut" "$entry"
touch "$TMP/inc/cache/linkedin/id-x.tmp-AbC123"
pipeline "$TMP/inc" "$TMP/inc.out"
same_as_cold "a damaged cache entry"
if [ -e "$TMP/inc/cache/linkedin/id-x.tmp-AbC123" ]; then fail "a stale temporary file stays"
else pass "stale temporary files are removed"; fi

# Under a max_linkedin_events most ambassadors reach (117 to 364 events
# each): an entry made under another limit is not used; and when a new
# export is laid over a kept result, an ambassador that reaches the limit is
# read again whole, so that the same rows are rejected as from scratch.
sed -i 's/^max_linkedin_events = .*/max_linkedin_events = 250/; s/^max_reject_ratio = .*/max_reject_ratio = 0.9/' \
  "$CONFIG/pipeline.ini"
pipeline "$TMP/inc" "$TMP/inc.out" || fail "the run under a lower limit failed"
expect_exports "$(n_exports)" 0 "a changed limit"
expect_grep "different events in " "$TMP/inc/normalized/rejects.csv" "rows past the limit are rejected"
same_as_cold "a changed limit"
hold_newest "$TMP/held2"
held=$(find "$TMP/held2" -mindepth 2 -maxdepth 2 | wc -l)
pipeline "$TMP/inc" "$TMP/inc.out" || fail "the run before the new exports failed"
restore "$TMP/held2"
pipeline "$TMP/inc" "$TMP/inc.out" || fail "the incremental run under the limit failed"
read=$(exports_line | grep -o '[0-9]* read' | grep -o '[0-9]*')
if [ "$read" -gt "$held" ]; then pass "ambassadors at the limit are read again whole ($read exports read, $held new)"
else fail "$read exports read for $held new ones: none read again whole"; fi
same_as_cold "new exports over a cache at the limit"

finish
