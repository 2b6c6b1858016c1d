#!/usr/bin/env bash
# Hostile inputs (operation.md "Bad input gets a clear answer"): malformed CSV,
# binary files, huge fields, empty files, wrong headers, broken and bombing
# zips, a million rows, bad roster rows, implausible dates and numbers, JSON
# that is not a capture. Each case is a small valid tree plus the hostile
# file, run with a time limit: the exit status of operation.md, the message
# naming file and line, and rows_read = accepted + duplicates + rejected for
# every file. Big files are made here, at test time.
source "$(dirname "$0")/lib.sh"
PY="${PYTHON:-/usr/bin/python3}"

# Settings that let a tree with many bad rows of one kind run to the end.
LAX="$TMP/config-lax"
mkdir -p "$LAX" && cp "$CONFIG"/*.ini "$LAX/"
sed -i 's/^max_reject_ratio = .*/max_reject_ratio = 0.9/' "$LAX/pipeline.ini"

EXPORT=linkedin/a01/Basic_LinkedInDataExport_02-28-2026

# make_tree DIR: ten ambassadors with two SSI rows, a post and LinkedIn rows
# each, so that one rejected row of a kind stays below max_reject_ratio.
make_tree() {
  local d=$1 i
  mkdir -p "$d/ssi" "$d/posts" "$d/$EXPORT"
  printf '%s\n' "[program p1]" "name = Program One" "start = 2026-01-01" "end =" \
    "target_audience = architect" "teams = T1;T2" "" "[program p2]" "name = Program Two" \
    "start = 2026-01-01" "end =" "target_audience =" "teams = X" >"$d/programs.ini"
  {
    echo "ambassador_id,name,email,program,team,role,joined,left,consent"
    for i in 01 02 03 04 05 06 07 08 09 10; do
      echo "a$i,Person $i,a$i@example.com,p1,T$(((10#$i % 2) + 1)),Engineer,2026-01-01,,yes"
    done
  } >"$d/roster.csv"
  {
    echo "ambassador_id,date,ssi,brand,people,insights,relationships"
    for i in 01 02 03 04 05 06 07 08 09 10; do
      echo "a$i,2026-01-15,40,10,10,10,10" && echo "a$i,2026-02-15,44,11,11,11,11"
    done
  } >"$d/ssi/base.csv"
  {
    echo "ambassador,date,post_url,impressions,reactions,comments,reposts,clicks"
    for i in 01 02 03 04 05 06 07 08 09 10; do echo "a$i,2026-02-10,https://example.com/p/$i,100,5,1,0,2"; done
  } >"$d/posts/base.csv"
  {
    echo "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    for i in 1 2 3 4 5 6 7 8 9; do echo "F$i,L$i,,,Co,Architect,0$i Feb 2026"; done
  } >"$d/$EXPORT/Connections.csv"
  {
    echo "Date,Type,Link"
    for i in 1 2 3 4 5 6 7 8 9; do echo "2026-02-0$i 10:00:00,LIKE,https://example.com/r/$i"; done
  } >"$d/$EXPORT/Reactions.csv"
  {
    echo "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility"
    for i in 1 2 3 4 5 6 7 8 9; do echo "2026-02-0$i 09:00:00,https://example.com/s/$i,Post $i,,,MEMBERS"; done
  } >"$d/$EXPORT/Shares.csv"
}

# Reads ingest_summary.csv and rejects.csv of a work folder.
cat >"$TMP/check.py" <<'PY'
import csv, sys
cmd, work = sys.argv[1], sys.argv[2]
def rows(name):
    with open(f"{work}/normalized/{name}", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))
if cmd == "accounting":  # rows_read = accepted + duplicates + rejected, every file
    bad = [r["file"] for r in rows("ingest_summary.csv")
           if int(r["rows_read"]) != int(r["accepted"]) + int(r["duplicates"]) + int(r["rejected"])]
    print(" ".join(bad)); sys.exit(1 if bad else 0)
if cmd == "counts":  # FILE -> "read accepted duplicates rejected"
    for r in rows("ingest_summary.csv"):
        if r["file"] == sys.argv[3]:
            print(r["rows_read"], r["accepted"], r["duplicates"], r["rejected"]); sys.exit(0)
    print("not listed")
if cmd == "note":  # FILE -> its note
    print(next((r["note"] for r in rows("ingest_summary.csv") if r["file"] == sys.argv[3]), "not listed"))
if cmd == "reject":  # FILE LINE REASON: listed exactly so
    want = sys.argv[3:6]
    sys.exit(0 if any([r["file"], r["line"], r["reason"]] == want for r in rows("rejects.csv")) else 1)
PY

# new_tree NAME: a fresh base tree in $TMP/NAME; T is its path.
new_tree() { T="$TMP/$1"; make_tree "$T"; }

# run_tree NAME WANT [CONFIG]: runs the pipeline on $TMP/NAME within 60 s,
# prints peak memory where /usr/bin/time can measure it, and checks the
# accounting of every file.
run_tree() {
  local name=$1 want=$2 config=${3:-$CONFIG} timer=()
  [ -x /usr/bin/time ] && timer=(/usr/bin/time -o "$TMP/$name.time" -f "%e s, peak RSS %M KB")
  expect_status "$want" "$name" -- "${timer[@]}" timeout 60 "$SSI_PIPELINE" --input "$TMP/$name" \
    --config "$config" --work "$TMP/$name.work" --out "$TMP/$name.out" run
  [ -f "$TMP/$name.time" ] && echo "   $name: $(tail -1 "$TMP/$name.time")"
  local bad
  if bad=$("$PY" "$TMP/check.py" accounting "$TMP/$name.work"); then
    pass "$name: rows_read = accepted + duplicates + rejected for every file"
  else fail "$name: accounting broken for $bad"; fi
}

# expect_counts NAME FILE "READ ACCEPTED DUPLICATES REJECTED"
expect_counts() {
  local got
  got=$("$PY" "$TMP/check.py" counts "$TMP/$1.work" "$2")
  if [ "$got" = "$3" ]; then pass "$1: $2 counts $3"; else fail "$1: $2 counts '$got', expected '$3'"; fi
}

# expect_reject NAME FILE LINE REASON
expect_reject() {
  if "$PY" "$TMP/check.py" reject "$TMP/$1.work" "$2" "$3" "$4"; then pass "$1: $2:$3 rejected: $4"
  else fail "$1: no reject $2:$3 \"$4\""; sed 's/^/  | /' "$TMP/$1.work/normalized/rejects.csv" | cut -c1-300 >&2; fi
}

expect_note() {
  local got
  got=$("$PY" "$TMP/check.py" note "$TMP/$1.work" "$2")
  if [ "$got" = "$3" ]; then pass "$1: $2 noted '$3'"; else fail "$1: $2 noted '$got', expected '$3'"; fi
}

no_workbook() {
  if [ ! -e "$TMP/$1.out" ]; then pass "$1: no workbook on status 2"; else fail "$1: a workbook was written"; fi
}

# binary FILE BYTES: the same bytes every run.
binary() {
  "$PY" -c 'import random, sys; random.seed(7); open(sys.argv[1], "wb").write(random.randbytes(int(sys.argv[2])))' "$1" "$2"
}

# --- Malformed CSV ---------------------------------------------------------------

new_tree unterminated
printf 'ambassador_id,date,ssi\na01,2026-02-20,50\na02,2026-02-20,"50\n' >"$T/ssi/open.csv"
run_tree unterminated 0
expect_counts unterminated ssi/open.csv "2 1 0 1"
expect_reject unterminated ssi/open.csv 3 "unterminated quote at end of file"

new_tree open_header
printf 'ambassador_id,date,"ssi\na01,2026-02-20,50\n' >"$T/ssi/open.csv"
run_tree open_header 2
expect_grep "ssi/open.csv:1: header not readable: unterminated quote at end of file" "$TMP/stderr" "open_header: names file, line and why"
expect_counts open_header ssi/open.csv "1 0 0 1"
no_workbook open_header

new_tree binary_ssi
binary "$T/ssi/junk.csv" 100000
run_tree binary_ssi 2
expect_grep "ssi/junk.csv:1: " "$TMP/stderr" "binary_ssi: names file and line"
expect_counts binary_ssi ssi/junk.csv "1 0 0 1"
no_workbook binary_ssi

new_tree binary_posts
binary "$T/posts/junk.csv" 100000
run_tree binary_posts 2
expect_grep "posts/junk.csv:1: header not" "$TMP/stderr" "binary_posts: names file and line"
expect_counts binary_posts posts/junk.csv "1 0 0 1"

# In an export, a file LinkedIn's name but not its contents is one rejected row.
new_tree binary_linkedin
mkdir -p "$T/linkedin/a02/Basic_LinkedInDataExport_02-27-2026" "$T/linkedin/a03"
binary "$T/linkedin/a02/Basic_LinkedInDataExport_02-27-2026/Connections.csv" 100000
binary "$T/linkedin/a03/Basic_LinkedInDataExport_02-27-2026.zip" 5000
run_tree binary_linkedin 0
expect_counts binary_linkedin linkedin/a02/Basic_LinkedInDataExport_02-27-2026/Connections.csv "1 0 0 1"
expect_counts binary_linkedin linkedin/a03/Basic_LinkedInDataExport_02-27-2026.zip "1 0 0 1"
expect_reject binary_linkedin linkedin/a03/Basic_LinkedInDataExport_02-27-2026.zip 1 "not a readable zip archive: Not a zip archive"

# An export with no date anywhere (name, rows) covers no month.
new_tree undated_export
mkdir -p "$T/linkedin/a02/export"
binary "$T/linkedin/a02/export/Connections.csv" 1000
run_tree undated_export 0
expect_counts undated_export linkedin/a02/export/Connections.csv "1 0 0 1"
expect_grep "no LinkedIn export covers" "$TMP/undated_export.work/scores/warnings.csv" "undated_export: months listed as not covered"

# A 10 MB field is read; a record over 16 MiB is one rejected row; a line of
# a million commas is one rejected row, not a million fields.
new_tree huge_fields
{
  printf 'ambassador_id,date,ssi\na01,2026-02-20,50\n"'
  head -c 10000000 /dev/zero | tr '\0' x
  printf '",2026-02-20,50\n'
  head -c 20000000 /dev/zero | tr '\0' y
  printf ',2026-02-20,50\n'
  head -c 1000000 /dev/zero | tr '\0' ,
  printf '\na02,2026-02-20,51\n'
} >"$T/ssi/big.csv"
run_tree huge_fields 0
expect_counts huge_fields ssi/big.csv "5 2 0 3"
expect_reject huge_fields ssi/big.csv 3 "unknown ambassador"
expect_reject huge_fields ssi/big.csv 4 "record longer than 16 MiB"
expect_reject huge_fields ssi/big.csv 5 "record of more than 16384 fields"
"$PY" - "$TMP/huge_fields.work/normalized/rejects.csv" <<'PY' && pass "huge_fields: excerpts cut to 200 characters" || fail "huge_fields: excerpt too long"
import csv, sys
sys.exit(0 if all(len(r["excerpt"]) <= 200 for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))) else 1)
PY

# Empty files and files of only a header are zero rows, listed, no error.
new_tree empty
: >"$T/ssi/empty.csv"
: >"$T/posts/empty.csv"
: >"$T/ssi/a03_2026-02-20.json"
: >"$T/$EXPORT/Comments.csv"
echo "ambassador_id,date,ssi" >"$T/ssi/header.csv"
echo "ambassador,date,post_url" >"$T/posts/header.csv"
echo "Date,Link,Message" >"$T/$EXPORT/Comments_123.csv"
run_tree empty 0
for f in ssi/empty.csv posts/empty.csv ssi/a03_2026-02-20.json "$EXPORT/Comments.csv" \
  ssi/header.csv posts/header.csv "$EXPORT/Comments_123.csv"; do
  expect_counts empty "$f" "0 0 0 0"
done
expect_note empty ssi/empty.csv "empty file"

new_tree empty_roster
: >"$T/roster.csv"
run_tree empty_roster 2
expect_grep "roster.csv: empty: expected a header row" "$TMP/stderr" "empty_roster: says what is expected"
new_tree header_roster
head -1 "$T/roster.csv" >"$T/roster.tmp" && mv "$T/roster.tmp" "$T/roster.csv"
run_tree header_roster 2
expect_grep "roster.csv: no usable row" "$TMP/stderr" "header_roster: says the roster has no row"

# --- Headers ----------------------------------------------------------------------

new_tree pipe_delimited
printf 'ambassador_id|date|ssi\na01|2026-02-20|50\n' >"$T/ssi/pipes.csv"
run_tree pipe_delimited 2
expect_grep 'ssi/pipes.csv:1: missing column(s) "ambassador_id", "date"; found: "ambassador_id|date|ssi"; expected: "ambassador_id" (or "id", "Botschafter-ID"), "date" (or "Datum")' \
  "$TMP/stderr" "pipe_delimited: lists found and expected headers"
expect_counts pipe_delimited ssi/pipes.csv "1 0 0 1"

new_tree unknown_header
printf 'who,when,score\na01,2026-02-20,50\n' >"$T/ssi/other.csv"
printf 'author;day;link\na01;20.02.2026;https://example.com/x\n' >"$T/posts/other.csv"
run_tree unknown_header 2
expect_grep 'ssi/other.csv:1: missing column(s) "ambassador_id", "date"; found: "who", "when", "score"; expected: ' \
  "$TMP/stderr" "unknown_header: SSI file lists found and expected headers"
expect_grep 'posts/other.csv:1: header not recognised: found: "author", "day", "link"; known headers: generic: "ambassador"' \
  "$TMP/stderr" "unknown_header: post file lists found and known headers"
expect_counts unknown_header posts/other.csv "1 0 0 1"

# A header of 300 names of 7000 characters each makes a message of a few lines.
new_tree wide_header
"$PY" -c 'import sys; open(sys.argv[1], "w").write(",".join("c%d" % i + "z" * 7000 for i in range(300)) + "\na01,2026-02-20,50\n")' "$T/ssi/wide.csv"
run_tree wide_header 2
expect_grep ' and 260 more; expected: ' "$TMP/stderr" "wide_header: message lists the first 40 headers"
size=$(wc -c <"$TMP/stderr")
if [ "$size" -lt 8000 ]; then pass "wide_header: message of $size bytes"; else fail "wide_header: message of $size bytes"; fi

# --- Zips -------------------------------------------------------------------------

new_tree zips
mkdir -p "$T/linkedin/a02"
"$PY" - "$T/linkedin/a02" <<'PY'
import io, os, struct, sys, zipfile
d = sys.argv[1]
head = b"Date,Type,Link\n"
good = io.BytesIO()
with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("Reactions.csv", head + b"".join(b"2026-02-01 10:00:00,LIKE,https://l/%d\n" % i for i in range(3000)))
data = good.getvalue()
open(os.path.join(d, "Basic_LinkedInDataExport_02-01-2026.zip"), "wb").write(data[: len(data) // 2])
# 600 MB of zeros: over the size limit; 20 MB of spaces: over the ratio limit.
with zipfile.ZipFile(os.path.join(d, "Basic_LinkedInDataExport_02-02-2026.zip"), "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    with z.open("Reactions.csv", "w", force_zip64=True) as f:
        block = b"\0" * (1 << 20)
        for _ in range(600):
            f.write(block)
    with z.open("Shares.csv", "w") as f:
        f.write(b"Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n")
        for _ in range(20):
            f.write(b" " * (1 << 20))
# 200 MB in an entry that says it holds 1000 bytes.
lie = io.BytesIO()
with zipfile.ZipFile(lie, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    with z.open("Connections.csv", "w") as f:
        f.write(b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
        for _ in range(200):
            f.write(b" " * (1 << 20))
data = bytearray(lie.getvalue())
struct.pack_into("<I", data, data.find(b"PK\x03\x04") + 22, 1000)
struct.pack_into("<I", data, data.find(b"PK\x01\x02") + 24, 1000)
open(os.path.join(d, "Basic_LinkedInDataExport_02-03-2026.zip"), "wb").write(data)
PY
run_tree zips 0
Z=linkedin/a02/Basic_LinkedInDataExport
expect_counts zips "${Z}_02-01-2026.zip" "1 0 0 1"
expect_reject zips "${Z}_02-01-2026.zip" 1 "not a readable zip archive: Not a zip archive"
expect_counts zips "${Z}_02-02-2026.zip/Reactions.csv" "1 0 0 1"
expect_reject zips "${Z}_02-02-2026.zip/Reactions.csv" 1 "refused: unpacks to 600 MiB, more than the 512 MiB allowed"
expect_counts zips "${Z}_02-02-2026.zip/Shares.csv" "1 0 0 1"
expect_grep "${Z}_02-02-2026.zip/Shares.csv,1,refused: compressed more than 200:1 (" \
  "$TMP/zips.work/normalized/rejects.csv" "zips: high-ratio entry refused"
expect_reject zips "${Z}_02-03-2026.zip/Connections.csv" 1 "refused: unpacks to more than the 1000 bytes the archive states"

# --- A million rows: streamed, memory bounded (peak RSS printed) ------------------
# A million different reactions of one ambassador: the first max_linkedin_events
# (500000) are kept, the rows of others rejected, so the run stops on the
# reject ratio naming the file. A million SSI rows of 4010 ambassador-days:
# the duplicates take no memory.

# A sanitizer build runs several times slower: a quarter of the rows, under a
# quarter of the limit, shows the same.
ROWS=1000000
LIMIT=500000
MILLION_CONFIG=$CONFIG
if [ "${SSI_SANITIZED:-0}" = 1 ]; then
  ROWS=250000
  LIMIT=125000
  MILLION_CONFIG="$TMP/config-million"
  mkdir -p "$MILLION_CONFIG" && cp "$CONFIG"/*.ini "$MILLION_CONFIG/"
  sed -i "s/^max_linkedin_events = .*/max_linkedin_events = $LIMIT/" "$MILLION_CONFIG/pipeline.ini"
fi
new_tree million
mkdir -p "$T/linkedin/a02/Basic_LinkedInDataExport_02-28-2026"
"$PY" - "$T" "$ROWS" <<'PY'
import datetime, sys
d, rows = sys.argv[1], int(sys.argv[2])
with open(d + "/linkedin/a02/Basic_LinkedInDataExport_02-28-2026/Reactions.csv", "w") as out:
    out.write("Date,Type,Link\n")
    out.writelines(f"2026-02-{i % 28 + 1:02d} 10:{i % 60:02d}:00,LIKE,https://www.linkedin.com/feed/update/urn:li:activity:{7000000000000000000 + i}\n" for i in range(rows))
# 4010 ambassador-days (10 ids, 401 days from 2025-01-01), each many times.
first = datetime.date(2025, 1, 1)
with open(d + "/ssi/million.csv", "w") as out:
    out.write("ambassador_id,date,ssi,brand,people,insights,relationships\n")
    out.writelines(f"a{i % 10 + 1:02d},{first + datetime.timedelta(days=i % 401)},40,10,10,10,10\n" for i in range(rows))
PY
REACTIONS=linkedin/a02/Basic_LinkedInDataExport_02-28-2026/Reactions.csv
run_tree million 2 "$MILLION_CONFIG"
expect_counts million "$REACTIONS" "$ROWS $LIMIT 0 $((ROWS - LIMIT))"
# Row LIMIT + 1 (line LIMIT + 2, after the header) is the first one refused.
expect_reject million "$REACTIONS" $((LIMIT + 2)) \
  "more than max_linkedin_events ($LIMIT) different events in a02's LinkedIn exports"
expect_grep "(most in $REACTIONS: $((ROWS - LIMIT))); see normalized/rejects.csv" "$TMP/stderr" \
  "million: the reject ratio stops the run, naming the file"
no_workbook million
expect_counts million ssi/million.csv "$ROWS 4010 $((ROWS - 4010)) 0"
# Every 2026-01-15 row of base.csv is read again in million.csv, which comes later.
expect_counts million ssi/base.csv "20 10 10 0"
# Run again: a02, with more rejected rows than a cache entry keeps, is not in
# the cache but read afresh, with the same rows rejected.
cp "$TMP/million.work/normalized/rejects.csv" "$TMP/million-rejects.csv"
cp "$TMP/million.work/normalized/ingest_summary.csv" "$TMP/million-summary.csv"
run_tree million 2 "$MILLION_CONFIG"
if [ -e "$TMP/million.work/cache/linkedin/id-a02" ]; then
  fail "million: a02 kept in the cache with $((ROWS - LIMIT)) rejected rows"
else pass "million: a02 not kept in the cache"; fi
if cmp -s "$TMP/million-rejects.csv" "$TMP/million.work/normalized/rejects.csv" &&
  cmp -s "$TMP/million-summary.csv" "$TMP/million.work/normalized/ingest_summary.csv"; then
  pass "million: run again, the same rejects.csv and ingest_summary.csv"
else fail "million: run again, rejects.csv or ingest_summary.csv changed"; fi

# --- Roster ---------------------------------------------------------------------------

new_tree roster
cat >>"$T/roster.csv" <<'EOF'
a01,Person 01,,p1,T2,,2026-02-01,,yes
a02,Person 02,,p2,X,,2026-01-01,,yes
a03,Person 03,,p3,T1,,2026-01-01,,yes
a04,Person 04,,p1,T9,,2026-01-01,,yes
a05,Person 05,,p1,T1,,01.01.2002,,yes
a06,Person 06,,p1,T1,,2101-01-01,,yes
a07,Person 07,,p1,T1,,2026-01-01,2101-12-31,yes
b01,Person B,,p1,T1,,2026-01-01,2026-01-31,yes
b01,Person B,,p1,T2,,2026-01-15,,yes
EOF
run_tree roster 0 "$LAX"
expect_counts roster roster.csv "19 12 0 7"
expect_reject roster roster.csv 12 "overlapping membership: overlaps line 2"
expect_reject roster roster.csv 14 "unknown program"
expect_reject roster roster.csv 15 "unknown team"
expect_reject roster roster.csv 16 'bad joined date: implausible date "01.01.2002" (years 2003 to 2100)'
expect_reject roster roster.csv 17 'bad joined date: implausible date "2101-01-01" (years 2003 to 2100)'
expect_reject roster roster.csv 18 'bad left date: implausible date "2101-12-31" (years 2003 to 2100)'
expect_reject roster roster.csv 20 "overlapping membership: overlaps line 19"
expect_grep "a02,Person 02,,p2,X," "$TMP/roster.work/normalized/roster.csv" "roster: same id in another program accepted"

# --- Values: dates, counts, NaN and infinity ------------------------------------------

new_tree values
cat >>"$T/ssi/base.csv" <<'EOF'
a01,2002-12-31,40,10,10,10,10
a02,2101-01-01,40,10,10,10,10
a03,2026-02-20,NaN,,,,
a04,2026-02-20,inf,,,,
a05,2026-02-20,,nan,10,10,10
a06,2026-02-20,-Infinity,,,,
EOF
cat >>"$T/posts/base.csv" <<'EOF'
a01,2002-01-01,https://example.com/p/old,1,1,1,1,1
a02,2101-01-01,https://example.com/p/new,1,1,1,1,1
a03,2026-02-11,https://example.com/p/neg,-5,1,1,1,1
a04,2026-02-11,https://example.com/p/nan,NaN,1,1,1,1
a05,2026-02-11,https://example.com/p/inf,1,inf,1,1,1
a06,2026-02-11,https://example.com/p/huge,99999999999999999999999,1,1,1,1
EOF
printf '2002-01-01 10:00:00,LIKE,https://example.com/r/old\n2101-01-01 10:00:00,LIKE,https://example.com/r/new\n' >>"$T/$EXPORT/Reactions.csv"
run_tree values 0 "$LAX"
expect_counts values ssi/base.csv "26 20 0 6"
expect_reject values ssi/base.csv 22 'bad date: implausible date "2002-12-31" (years 2003 to 2100)'
expect_reject values ssi/base.csv 23 'bad date: implausible date "2101-01-01" (years 2003 to 2100)'
expect_reject values ssi/base.csv 24 'not a number: "NaN" (column ssi)'
expect_reject values ssi/base.csv 25 'not a number: "inf" (column ssi)'
expect_reject values ssi/base.csv 26 'not a number: "nan" (column brand)'
expect_reject values ssi/base.csv 27 'not a number: "-Infinity" (column ssi)'
expect_counts values posts/base.csv "16 10 0 6"
expect_reject values posts/base.csv 12 'bad date: implausible date "2002-01-01" (years 2003 to 2100)'
expect_reject values posts/base.csv 13 'bad date: implausible date "2101-01-01" (years 2003 to 2100)'
expect_reject values posts/base.csv 14 'negative count: "-5" (column impressions)'
expect_reject values posts/base.csv 15 'not a number: "NaN" (column impressions)'
expect_reject values posts/base.csv 16 'not a number: "inf" (column reactions)'
expect_reject values posts/base.csv 17 'not a whole count: "99999999999999999999999" (column impressions)'
expect_reject values "$EXPORT/Reactions.csv" 11 'bad date: implausible date "2002-01-01 10:00:00" (years 2003 to 2100)'
expect_reject values "$EXPORT/Reactions.csv" 12 'bad date: implausible date "2101-01-01 10:00:00" (years 2003 to 2100)'

# --- JSON captures ----------------------------------------------------------------------

new_tree json
echo 'this is not json {' >"$T/ssi/a01_2026-02-20.json"
"$PY" -c 'import sys; open(sys.argv[1], "w").write("[" * 100000 + "]" * 100000)' "$T/ssi/a02_2026-02-20.json"
"$PY" -c 'import sys; open(sys.argv[1], "w").write("{\"memberScore\": " * 100000 + "1" + "}" * 100000)' "$T/ssi/a03_2026-02-20.json"
echo '{"memberScore": {"overall": 1e999999, "subScores": []}}' >"$T/ssi/a04_2026-02-20.json"
"$PY" -c 'import sys; open(sys.argv[1], "w").write("{\"memberScore\": {\"overall\": " + "9" * 1000000 + "}}")' "$T/ssi/a05_2026-02-20.json"
binary "$T/ssi/a06_2026-02-20.json" 5000
echo '{"memberScore": {"overall": NaN}}' >"$T/ssi/a07_2026-02-20.json"
run_tree json 0 "$LAX"
for i in 1 2 3 4 5 6 7; do expect_counts json "ssi/a0${i}_2026-02-20.json" "1 0 0 1"; done
expect_reject json ssi/a01_2026-02-20.json 1 "not JSON: unexpected identifier \`this', expected value"
expect_reject json ssi/a02_2026-02-20.json 1 "nested more than 64 levels deep: not an SSI page capture"
expect_reject json ssi/a03_2026-02-20.json 1 "nested more than 64 levels deep: not an SSI page capture"
expect_reject json ssi/a04_2026-02-20.json 1 "not a number: overall"
expect_reject json ssi/a05_2026-02-20.json 1 "ssi out of range"
expect_reject json ssi/a06_2026-02-20.json 1 "not JSON: JSON data must be UTF-8 encoded"
expect_reject json ssi/a07_2026-02-20.json 1 "not JSON: unexpected identifier \`NaN', expected value"

# --- max_reject_ratio (the shipped 5 %) -----------------------------------------------------

SHIPPED="$TMP/config-shipped"
mkdir -p "$SHIPPED" && cp "$SOURCE_DIR"/config/*.ini "$SHIPPED/"
new_tree ratio_below # 1 of 21 SSI rows: 4.8 %
printf 'ambassador_id,date,ssi\nzz,2026-02-20,50\n' >"$T/ssi/stranger.csv"
run_tree ratio_below 0 "$SHIPPED"
expect_reject ratio_below ssi/stranger.csv 2 "unknown ambassador"
"$PY" - "$TMP/ratio_below.out/2026-02/program-report-2026-02.xlsx" <<'PY' && pass "ratio_below: reject in the Data quality sheet" || fail "ratio_below: reject not in the Data quality sheet"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True)["Data quality"]
rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
sys.exit(0 if any(r[:3] == ("ssi/stranger.csv", 2, "unknown ambassador") for r in rows) else 1)
PY
new_tree ratio_above # 2 of 22 SSI rows: 9.1 %
printf 'ambassador_id,date,ssi\nzz,2026-02-20,50\nyy,2026-02-21,50\n' >"$T/ssi/stranger.csv"
run_tree ratio_above 2 "$SHIPPED"
expect_grep "ssi: 2 of 22 rows rejected (9.1%), more than max_reject_ratio 5% allows (most in ssi/stranger.csv: 2)" \
  "$TMP/stderr" "ratio_above: names the kind, the share and the file"
expect_reject ratio_above ssi/stranger.csv 3 "unknown ambassador"
no_workbook ratio_above
finish
