#!/usr/bin/env bash
# Input can neither become a formula in a workbook nor reach outside the input,
# work and output folders: formula-like text in every text input (names, roles,
# teams, program names, post links, LinkedIn rows, file and zip entry names)
# stays text in every sheet of every workbook; ids and zip entries that name
# other folders are rejected and nothing is written anywhere else.
source "$(dirname "$0")/lib.sh"
PY="${PYTHON:-/usr/bin/python3}"
# Half the roster rows here are meant to be rejected.
sed -i 's/^max_reject_ratio = .*/max_reject_ratio = 0.9/' "$CONFIG/pipeline.ini"

IN="$TMP/in"
EXPORT="$IN/linkedin/a01/Basic_LinkedInDataExport_02-28-2026"
mkdir -p "$IN/ssi" "$IN/posts" "$EXPORT" "$IN/linkedin/a02"
cat >"$IN/programs.ini" <<'EOF'
[program p1]
name = =HYPERLINK("http://x")
company = +SUM(1)
start = 2026-01-01
end =
target_audience = =1+1
teams = T1;=SUM(1);@x
EOF
cat >"$IN/roster.csv" <<'EOF'
ambassador_id,name,email,program,team,role,country,industry,joined,left,consent
a01,"=HYPERLINK(""http://x"")",a01@example.com,p1,T1,+SUM(1),=1,@x,2026-01-01,,yes
a02,+SUM(1),a02@example.com,p1,=SUM(1),@x,DE,-1+1,2026-01-01,,yes
a03,@x,a03@example.com,p1,@x,-1+1,DE,x,2026-01-01,,yes
a04,-1+1,a04@example.com,p1,T1,"=1+1",DE,x,2026-01-01,,yes
a05,Person Five,a05@example.com,p1,T1,x,DE,x,2026-01-01,,no
../evil,Evil,e@example.com,p1,T1,x,DE,x,2026-01-01,,yes
/abs,Evil,e@example.com,p1,T1,x,DE,x,2026-01-01,,yes
..%2Fevil,Evil,e@example.com,p1,T1,x,DE,x,2026-01-01,,yes
a06/../../x,Evil,e@example.com,p1,T1,x,DE,x,2026-01-01,,yes
EOF
printf 'nul\0evil,Evil,e@example.com,p1,T1,x,DE,x,2026-01-01,,yes\n' >>"$IN/roster.csv"
cat >"$IN/ssi/=HYPERLINK(\"http:__x\").csv" <<'EOF'
ambassador_id,date,ssi,brand,people,insights,relationships
a01,2026-02-10,40,10,10,10,10
a02,2026-02-10,55,14,14,14,13
a03,2026-02-10,72,18,18,18,18
a04,2026-02-10,30,8,8,7,7
a05,2026-02-10,60,15,15,15,15
=HYPERLINK("http://x"),2026-02-10,50,,,,
EOF
cat >"$IN/posts/+SUM(1).csv" <<'EOF'
ambassador,date,post_url,impressions,reactions,comments,reposts,clicks
a01,2026-02-11,"=HYPERLINK(""http://x"")",100,5,1,0,2
@x,2026-02-12,@x,100,5,1,0,2
EOF
cat >"$EXPORT/Connections.csv" <<'EOF'
First Name,Last Name,URL,Email Address,Company,Position,Connected On
"=HYPERLINK(""http://x"")",+SUM(1),,,@x,-1+1,03 Feb 2026
EOF
cat >"$EXPORT/Profile.csv" <<'EOF'
First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers
=1+1,@x,,,,"=HYPERLINK(""http://x"")",+SUM(1),-1+1,,@x,,,
EOF
# Entries whose names climb out of the archive, and one that looks like a formula.
"$PY" - "$IN/linkedin/a02/Basic_LinkedInDataExport_02-27-2026.zip" <<'PY'
import sys, zipfile
rows = 'Date,Type,Link\n2026-02-03 10:00:00,LIKE,"=HYPERLINK(""http://x"")"\n'
with zipfile.ZipFile(sys.argv[1], "w") as z:
    for name in ["../../evil.csv", "/etc/passwd", "/tmp/evil.csv", "a/../../b.csv", "..\\..\\win.csv",
                 "C:/evil.csv", "ok/../../Reactions.csv", "=HYPERLINK(\"x\").csv", "Reactions.csv"]:
        z.writestr(zipfile.ZipInfo(name), rows)
PY

# Everything under $TMP but the work and output folders, with checksums.
listing() { (cd "$TMP" && find . \( -path ./work -o -path ./out -o -path ./stdout -o -path ./stderr -o -name '*.txt' \) -prune -o -print0 |
  sort -z | xargs -0 -I{} sh -c 'if [ -f "{}" ]; then sha256sum "{}"; else echo "{}"; fi'); }
listing >"$TMP/before.txt"

expect_status 0 "run on hostile names" -- timeout 60 "$SSI_PIPELINE" --input "$IN" --config "$CONFIG" \
  --work "$TMP/work" --out "$TMP/out" run
listing >"$TMP/after.txt"
if diff -u "$TMP/before.txt" "$TMP/after.txt"; then
  pass "nothing written outside the work and output folders, no input changed"
else fail "files appeared or changed outside the work and output folders"; fi
for f in /tmp/evil.csv "$TMP/evil.csv" "$TMP/b.csv" "$IN/evil.csv" "$IN/linkedin/evil.csv" "$IN/linkedin/b.csv"; do
  [ ! -e "$f" ] || fail "$f was written"
done
[ ! -e /tmp/evil.csv ] && pass "no /tmp/evil.csv"

# Ids and entries that name other places are rejected, with the reason.
rejects="$TMP/work/normalized/rejects.csv"
for line in 7 8 9 10 11; do
  expect_grep "roster.csv,$line,invalid ambassador id," "$rejects" "roster line $line: path-like id rejected"
done
Z=linkedin/a02/Basic_LinkedInDataExport_02-27-2026.zip
for name in ../../evil.csv /etc/passwd /tmp/evil.csv a/../../b.csv '..\..\win.csv' C:/evil.csv ok/../../Reactions.csv; do
  expect_grep "$Z/$name,1,unsafe entry name," "$rejects" "zip entry $name rejected as unsafe"
done
expect_grep "$Z/Reactions.csv,linkedin export,UTF-8,1,1,0,0," "$TMP/work/normalized/ingest_summary.csv" \
  "the safe entry of that zip is read"

# No formula in any sheet of any workbook, and the texts read back as text.
books=("$TMP"/out/*/*.xlsx)
[ "${#books[@]}" -ge 2 ] && pass "${#books[@]} workbooks written" || fail "expected two workbooks, got ${books[*]}"
for book in "${books[@]}"; do
  rm -rf "$TMP/unzipped" && mkdir "$TMP/unzipped" && (cd "$TMP/unzipped" && unzip -q "$book")
  if grep -l "<f>\|<f " "$TMP"/unzipped/xl/worksheets/*.xml; then fail "$(basename "$book"): a formula in a sheet"
  else pass "$(basename "$book"): no formula in any sheet"; fi
done
"$PY" - "${books[@]}" <<'PY' || FAILURES=$((FAILURES + 1))
import sys, openpyxl
wanted = {'=HYPERLINK("http://x")', "+SUM(1)", "@x", "-1+1", "=SUM(1)", "=1+1"}
bad, seen = 0, set()
for path in sys.argv[1:]:
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if isinstance(v, str) and v.lstrip()[:1] in "=+-@" and cell.data_type != "s":
                    print(f"FAIL: {path} {ws.title}!{cell.coordinate}: {v!r} is {cell.data_type}", file=sys.stderr)
                    bad += 1
                if v in wanted and cell.data_type == "s":
                    seen.add(v)
missing = {'=HYPERLINK("http://x")', "+SUM(1)", "@x", "-1+1", "=SUM(1)"} - seen
if missing:
    print(f"FAIL: texts not found as strings: {sorted(missing)}", file=sys.stderr)
    bad += 1
print("ok: formula-like input reads back as text in every sheet" if not bad else "", end="\n" if not bad else "")
sys.exit(1 if bad else 0)
PY
finish
