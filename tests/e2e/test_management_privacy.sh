#!/usr/bin/env bash
# The samples' management summary, in English and German, names no ambassador
# who has not consented: no name, id or e-mail in any part of the file. The
# program report, for the program team, does name them (the check can fail).
source "$(dirname "$0")/lib.sh"
P=("$SSI_PIPELINE" --quiet --input "$SOURCE_DIR/samples" --config "$SOURCE_DIR/config" --work "$TMP/work")
expect_status 0 "run on the samples (en)" -- "${P[@]}" --out "$TMP/en" run
expect_status 0 "report in German" -- "${P[@]}" --out "$TMP/de" --lang de report

"${PYTHON:-/usr/bin/python3}" - "$TMP" <<'PY' && pass "no one without consent in either management summary" || fail "privacy"
import csv, glob, sys, zipfile
tmp = sys.argv[1]
rows = list(csv.DictReader(open(f"{tmp}/work/normalized/roster.csv", encoding="utf-8")))
consents = {}
for r in rows:
    consents.setdefault(r["ambassador_id"], []).append(r["consent"] == "yes")
secret = {w for r in rows if not all(consents[r["ambassador_id"]])
          for w in (r["name"], r["ambassador_id"], r["email"]) if w}
assert secret, "the samples should have ambassadors without consent"
def text(book):
    z = zipfile.ZipFile(book)
    return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
bad = 0
for lang in ("en", "de"):
    books = glob.glob(f"{tmp}/{lang}/*/management-summary-*.xlsx")
    assert len(books) == 1, books
    leaks = sorted(w for w in secret if w in text(books[0]))
    if leaks:
        print(f"FAIL: {lang} management summary names {leaks[:5]}", file=sys.stderr); bad += 1
    program = glob.glob(f"{tmp}/{lang}/*/program-report-*.xlsx")[0]
    if not any(w in text(program) for w in secret):
        print("FAIL: the program report should name everyone (is the check blind?)", file=sys.stderr); bad += 1
sys.exit(bad)
PY
finish
