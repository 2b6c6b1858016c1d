#!/usr/bin/env bash
# The benchmark: ssi-pipeline on a generated enterprise-size tree against a
# bare libcsv pass over the same CSV bytes (bare-parse), cold with --jobs 1
# and 2, an incremental rerun after one new export per ambassador, a rerun
# over the unchanged tree, and a cold run over only the new exports.
#
#   tests/bench/run.sh [AMBASSADORS] [MONTHS]      (default 2000 24: about 2.4 GB)
#
# The tree goes to ${TMPDIR:-/tmp}/ssi-bench/ and is reused while the
# parameters and the generator are the same. Every run reads a tree already
# in the page cache (bare-parse reads it once first), so the figures are
# those of the machine's processors, not of its disk. Not part of ctest.
set -euo pipefail
cd "$(dirname "$0")/../.."
SRC=$(pwd)
AMBASSADORS=${1:-2000}
MONTHS=${2:-24}

PACKAGES=(build-essential cmake pkg-config libglib2.0-dev libcsv-dev libxlsxwriter-dev
          libjson-glib-dev libzip-dev python3 time)

install_packages() {
  local p missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Install these Debian packages first: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_packages
BUILD="$SRC/build-bench"
cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$BUILD" -j "$(nproc)" --target ssi-pipeline ssi-samples bare-parse >/dev/null

BENCH="${TMPDIR:-/tmp}/ssi-bench"
TREE="$BENCH/tree-${AMBASSADORS}x${MONTHS}"
mkdir -p "$BENCH"

# --- The tree ---------------------------------------------------------------

params="$AMBASSADORS $MONTHS $(sha256sum samples/generator/generate_samples.c | cut -c1-16)"
if [ ! -d "$TREE" ] || [ "$(cat "$TREE.params" 2>/dev/null)" != "$params" ]; then
  echo "Generating $TREE ..."
  rm -rf "$TREE" "$TREE.partial" "$TREE.params"
  /usr/bin/time -f "%e" -o "$BENCH/generate.time" \
    "$BUILD/ssi-samples" --out "$TREE.partial" --ambassadors "$AMBASSADORS" --months "$MONTHS" \
    >"$BENCH/generate.log"
  mv "$TREE.partial" "$TREE"
  echo "$params" >"$TREE.params"
  echo "  generated in $(cat "$BENCH/generate.time") s"
fi

# Benchmark trees deal German, Italian, ... names over thousands of people:
# namesakes make the posts files that name people ambiguous for about 6 % of
# their rows, which the shipped max_reject_ratio of 5 % would stop at.
CONFIG="$BENCH/config"
mkdir -p "$CONFIG"
cp "$SRC"/config/*.ini "$CONFIG/"
sed -i 's/^max_reject_ratio = .*/max_reject_ratio = 0.1/' "$CONFIG/pipeline.ini"

# --- Measuring ----------------------------------------------------------------

# measure COMMAND...: sets WALL and CPU (user + system, seconds) and RSS
# (peak, MB); stdout in $BENCH/last.stdout. CPU time tells more than wall
# time on a machine other work keeps busy.
measure() {
  sync # the previous run's files, written back while this one runs, would slow it
  if ! /usr/bin/time -f "%e %U %S %M" -o "$BENCH/last.time" "$@" >"$BENCH/last.stdout" 2>"$BENCH/last.stderr"; then
    echo "FAILED: $*" >&2
    cat "$BENCH/last.stderr" >&2
    exit 1
  fi
  local user sys rss_kb
  read -r WALL user sys rss_kb <"$BENCH/last.time"
  CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  RSS=$((rss_kb / 1024))
}

# pipeline NAME JOBS COMMAND [WORK]: a run over $INPUT (default: the tree)
# into a fresh work folder unless WORK is given.
pipeline() {
  local name=$1 jobs=$2 command=$3 work=${4:-$BENCH/work-$1}
  [ -n "${4:-}" ] || rm -rf "$work"
  rm -rf "$BENCH/out-$name"
  measure "$BUILD/ssi-pipeline" --input "${INPUT:-$TREE}" --config "$CONFIG" --work "$work" \
    --out "$BENCH/out-$name" --jobs "$jobs" --quiet "$command"
}

row() { # row LABEL: one line of the table from WALL, CPU and RSS
  awk -v label="$1" -v wall="$WALL" -v cpu="$CPU" -v rss="$RSS" -v mb="$CSV_MB" -v bare="$BARE_WALL" \
    'BEGIN { printf "| %-40s | %7.2f | %6.2f | %7.0f | %6d | %6.2f |\n", label, wall, cpu, mb / wall, rss, wall / bare }'
}

load=$(cut -d' ' -f1 /proc/loadavg)
echo "Machine: $(nproc) processors, load average $load$(awk -v l="$load" 'BEGIN { if (l > 0.5) print " (busy: the figures will be slower than they can be)" }')"

measure "$BUILD/bare-parse" "$TREE" # reads the tree into the page cache
measure "$BUILD/bare-parse" "$TREE"
BARE_WALL=$WALL
BARE_CPU=$CPU
BARE_RSS=$RSS
CSV_BYTES=$(sed -n 's/.*bytes=\([0-9]*\).*/\1/p' "$BENCH/last.stdout")
CSV_ROWS=$(sed -n 's/.*rows=\([0-9]*\).*/\1/p' "$BENCH/last.stdout")
CSV_MB=$((CSV_BYTES / 1024 / 1024))
TREE_MB=$(($(du -sb "$TREE" | cut -f1) / 1024 / 1024))
FILES=$(find "$TREE" -type f | wc -l)

echo "Tree: $TREE: $AMBASSADORS ambassadors x $MONTHS months, $TREE_MB MB in $FILES files;"
echo "      $CSV_MB MB of CSV (files and zip members), $CSV_ROWS CSV rows"
echo
echo "| run                                      |  wall s |  CPU s |    MB/s | RSS MB | / bare |"
echo "|------------------------------------------|---------|--------|---------|--------|--------|"
WALL=$BARE_WALL CPU=$BARE_CPU RSS=$BARE_RSS row "bare-parse (libcsv only)"
for jobs in 1 2; do
  pipeline "ingest-j$jobs" "$jobs" ingest
  row "ingest --jobs $jobs"
  INGEST_COLD_WALL=$WALL
  pipeline "run-j$jobs" "$jobs" run
  row "run --jobs $jobs (ingest, score, report)"
done
COLD_WALL=$WALL

# --- Incremental: last month's run, then one new export per ambassador ----------

HELD="$BENCH/held-${AMBASSADORS}x${MONTHS}"
hold_newest() { # each ambassador's newest export (by the date in its name) to $HELD
  rm -rf "$HELD"
  python3 - "$TREE/linkedin" "$HELD" <<'PY'
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
restore() {
  local amb
  for amb in "$HELD"/*; do mv "$amb"/* "$TREE/linkedin/$(basename "$amb")/"; done
  rm -rf "$HELD"
}

# The new exports alone, with the roster and programs: no history, no cache,
# no unchanged files, no posts or SSI. A cold run over it is what the new
# month's data costs by itself, a floor for any rerun.
NEWEST="$BENCH/newest-${AMBASSADORS}x${MONTHS}"
copy_newest() {
  rm -rf "$NEWEST"
  mkdir -p "$NEWEST/ssi" "$NEWEST/posts"
  cp "$TREE/programs.ini" "$TREE/roster.csv" "$NEWEST/"
  cp -r "$HELD" "$NEWEST/linkedin"
}

# incremental COMMAND: last month's run from scratch, then this month's over
# its cache, measured. The run's also keeps the new exports for the run over
# them alone (below).
incremental() {
  rm -rf "$BENCH/work-incremental"
  hold_newest
  trap restore EXIT
  [ "$1" != run ] || copy_newest
  pipeline incremental 2 "$1" "$BENCH/work-incremental"
  restore
  trap - EXIT
  pipeline incremental 2 "$1" "$BENCH/work-incremental"
}

incremental ingest
row "ingest --jobs 2, incremental"
INGEST_INCR_WALL=$WALL
incremental run
row "run --jobs 2, incremental"
INCR_WALL=$WALL
# The same run again on a copy: nothing changed, what any rerun costs
# whatever it finds.
rm -rf "$BENCH/work-unchanged"
cp -r "$BENCH/work-incremental" "$BENCH/work-unchanged"
pipeline unchanged 2 run "$BENCH/work-unchanged"
row "run --jobs 2, nothing changed"
NOOP_WALL=$WALL
INPUT="$NEWEST" pipeline newest 2 run
row "run --jobs 2, only the new exports"
NEWEST_WALL=$WALL
rm -rf "$NEWEST"

same=yes
for rerun in incremental unchanged; do
  diff -rq "$BENCH/work-run-j2/normalized" "$BENCH/work-$rerun/normalized" >&2 || same=no
  diff -rq "$BENCH/work-run-j2/scores" "$BENCH/work-$rerun/scores" >&2 || same=no
  for f in "$BENCH"/out-run-j2/*/*.xlsx; do
    cmp -s "$f" "$BENCH/out-$rerun/${f#"$BENCH/out-run-j2/"}" || same=no
  done
done
echo
awk -v i="$INCR_WALL" -v c="$COLD_WALL" -v ii="$INGEST_INCR_WALL" -v ic="$INGEST_COLD_WALL" -v n="$NOOP_WALL" \
  -v f="$NEWEST_WALL" \
  'BEGIN { printf "Incremental (--jobs 2): run %.0f %% of a cold run, ingest %.0f %% of a cold ingest;\n",
           100 * i / c, 100 * ii / ic
           printf "a run over the unchanged tree: %.0f %% of a cold run;\n", 100 * n / c
           printf "a cold run over only the new exports (no history, no cache): %.0f %% of a cold run.\n", 100 * f / c }'
echo "Rerun outputs identical to the cold run's (normalized/, scores/, workbooks): $same"
echo "Cache: $(du -sh "$BENCH/work-incremental/cache" | cut -f1) in $BENCH/work-incremental/cache"
[ "$same" = yes ]
