#!/usr/bin/env bash
# A small tree in every collected-SSI form of inputs.md (German roster aliases,
# Windows-1252, BOM, decimal commas, JSON capture, a correction file), two
# overlapping LinkedIn exports of one ambassador (an old unpacked one and a
# newer zip, with the preamble, hidden-profile, \" and multi-line quirks) and
# an advocacy-tool post file gives exactly the scores computed by hand in
# tests/data/e2e/expected/ (the estimate's factors are worked out in
# tests/data/e2e/README.md).
source "$(dirname "$0")/lib.sh"

run() { "$SSI_PIPELINE" --input "$DATA/tree" --config "$CONFIG" --work "$TMP/work" --out "$1" run; }
expect_status 0 "run on the hand-computed tree" -- run "$TMP/out"
expect_grep "Report written: $TMP/out/2026-03/program-report-2026-03.xlsx" "$TMP/stdout" "stdout names the workbook"

for f in person_month team_month program_month; do
  if diff -u "$DATA/expected/$f.csv" "$TMP/work/scores/$f.csv"; then pass "$f.csv as computed by hand"; else fail "$f.csv differs"; fi
done

# Rejects: file, line and reason exactly; the excerpt quotes the row.
if diff -u "$DATA/expected/rejects.csv" <(cut -d, -f1-3 "$TMP/work/normalized/rejects.csv"); then
  pass "rejects.csv file, line, reason"; else fail "rejects.csv differs"; fi
expect_grep 'x9;Xaver Nobody;01.02.2026' "$TMP/work/normalized/rejects.csv" "reject excerpt quotes the row"

# Every file is accounted for: rows_read = accepted + duplicates + rejected.
summary="$TMP/work/normalized/ingest_summary.csv"
"${PYTHON:-/usr/bin/python3}" - "$summary" <<'PY' || FAILURES=$((FAILURES + 1))
import csv, sys
rows = {r["file"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
want = {  # file: (rows_read, accepted, duplicates, rejected)
    "roster.csv": (6, 6, 0, 0),
    "ssi/2026-01_en.csv": (4, 3, 1, 0),
    "ssi/2026-01_korrektur.csv": (1, 1, 0, 0),
    "ssi/2026-02_erhebung.csv": (4, 3, 0, 1),
    "ssi/2026-03_export.csv": (3, 2, 0, 1),
    "ssi/d4_2026-03-05.json": (1, 1, 0, 0),
    "notes.txt": (0, 0, 0, 0),
    # The newest export counts first; the older one's copies are duplicates.
    "linkedin/a1/Basic_LinkedInDataExport_03-31-2026.zip/Connections.csv": (5, 5, 0, 0),
    "linkedin/a1/Basic_LinkedInDataExport_02-28-2026/Connections.csv": (3, 0, 3, 0),
    "linkedin/a1/Basic_LinkedInDataExport_03-31-2026.zip/Shares.csv": (3, 3, 0, 0),
    "linkedin/a1/Basic_LinkedInDataExport_02-28-2026/Shares.csv": (2, 0, 2, 0),
    "linkedin/a1/Basic_LinkedInDataExport_03-31-2026.zip/messages.csv": (4, 4, 0, 0),
    "linkedin/a1/Basic_LinkedInDataExport_03-31-2026.zip/Comments.csv": (2, 2, 0, 0),
    "linkedin/a1/Basic_LinkedInDataExport_03-31-2026.zip/Ad_Targeting.csv": (0, 0, 0, 0),
    "posts/2026-03_advocacy.csv": (3, 3, 0, 0),
}
bad = 0
for f, counts in want.items():
    r = rows.get(f)
    got = tuple(int(r[k]) for k in ("rows_read", "accepted", "duplicates", "rejected")) if r else None
    if got != counts:
        print(f"FAIL: ingest_summary {f}: {got}, expected {counts}", file=sys.stderr); bad += 1
for f, r in rows.items():
    n = [int(r[k]) for k in ("rows_read", "accepted", "duplicates", "rejected")]
    if n[0] != n[1] + n[2] + n[3]:
        print(f"FAIL: {f}: rows_read {n[0]} != accepted + duplicates + rejected", file=sys.stderr); bad += 1
if rows["ssi/2026-02_erhebung.csv"]["encoding"] != "Windows-1252": bad += 1; print("FAIL: encoding of the Windows-1252 file", file=sys.stderr)
if rows["ssi/2026-03_export.csv"]["encoding"] != "UTF-8 with BOM": bad += 1; print("FAIL: encoding of the BOM file", file=sys.stderr)
print("ok: ingest_summary counts" if not bad else "", end="\n" if not bad else "")
sys.exit(1 if bad else 0)
PY
expect_grep "conflicting duplicate" "$TMP/work/normalized/warnings.csv" "the corrected reading is listed as a conflicting duplicate"

# The same inputs give a byte-identical workbook.
expect_status 0 "second run" -- run "$TMP/out2"
if cmp "$TMP/out/2026-03/program-report-2026-03.xlsx" "$TMP/out2/2026-03/program-report-2026-03.xlsx"; then
  pass "workbook byte-identical across runs"; else fail "workbook differs between two runs"; fi

# The workbook reads back with the values of the scores files.
if "${PYTHON:-/usr/bin/python3}" "$SOURCE_DIR/tests/e2e/readback.py" \
    "$TMP/out/2026-03/program-report-2026-03.xlsx" "$TMP/work" 2026-03; then
  pass "workbook reads back with the scores"; else fail "workbook read-back"; fi
finish
