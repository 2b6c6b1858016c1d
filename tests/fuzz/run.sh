#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz/, makes their seed
# corpora from samples/ and tests/fuzz/seeds/, runs each target for a given
# time and prints, per target, executions, speed, coverage and crashes.
#
#   tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 600; TARGETs to all of them. Environment:
# FUZZ_PARALLEL targets at once (default 1), FUZZ_BUILD_DIR (build-fuzz),
# FUZZ_WORK_DIR (<build>/fuzz-work: corpora, logs, crash inputs).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
all_targets=(csv_reader roster ssi_csv ssi_json posts linkedin programs zip dates)
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
work=${FUZZ_WORK_DIR:-$build/fuzz-work}
parallel=${FUZZ_PARALLEL:-1}

case $seconds in
'' | *[!0-9]*)
  echo "usage: $0 [SECONDS_PER_TARGET] [TARGET...]" >&2
  exit 1
  ;;
esac
for t in "${targets[@]}"; do
  case " ${all_targets[*]} " in
  *" $t "*) ;;
  *)
    echo "unknown target $t: expected one of ${all_targets[*]}" >&2
    exit 1
    ;;
  esac
done

build_targets() {
  CC=clang cmake -S "$root" -B "$build" -DSSI_FUZZ=ON -DBUILD_TESTING=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" -j2 --target "${targets[@]/#/fuzz_}" >/dev/null
}

# Copies a file into a seed folder under a name of its own.
add_seed() { # dir file [prefix-byte-octal]
  local out
  out="$1/$(basename "$(dirname "$2")")_$(basename "$2")${3:+_$3}"
  if [ -n "${3:-}" ]; then
    { printf "\\$3"; head -c 65000 "$2"; } >"$out"
  else
    head -c 65000 "$2" >"$out"
  fi
}

linkedin_kinds=(Connections Invitations Shares Comments Reactions messages
  Endorsement_Received_Info Recommendations_Received Profile Positions Skills)

seed_linkedin() { # dir
  local i=0 kind f
  for kind in "${linkedin_kinds[@]}"; do
    find "$root/samples/linkedin" -name "$kind.csv" | sort | head -n 3 | while read -r f; do
      add_seed "$1" "$f" "$(printf '%03o' $((i | 16)))"
    done
    i=$((i + 1))
  done
}

seed_csv_reader() { # dir
  local n=0 f
  for f in "$root/samples/roster.csv" $(ls "$root"/samples/ssi/*.csv | head -n 4) \
    $(ls "$root"/samples/posts/*.csv | head -n 3) \
    $(find "$root/samples/linkedin" -name '*.csv' | sort | head -n 12); do
    add_seed "$1" "$f" "$(printf '%03o' $(((n * 37) % 128)))"
    n=$((n + 1))
  done
}

seed_zip() { # dir
  local f
  find "$root/samples/linkedin" -name '*.zip' -size -128k | sort | while read -r f; do
    cp "$f" "$1/$(basename "$(dirname "$f")")_$(basename "$f")"
  done
}

# Seed corpora from the samples (read only; new inputs go to corpus/).
make_seeds() { # target dir
  local f
  rm -rf "$2" && mkdir -p "$2"
  case $1 in
  csv_reader) seed_csv_reader "$2" ;;
  roster) add_seed "$2" "$root/samples/roster.csv" ;;
  ssi_csv) for f in "$root"/samples/ssi/*.csv; do add_seed "$2" "$f"; done ;;
  ssi_json) for f in "$root"/samples/ssi/*.json; do add_seed "$2" "$f"; done ;;
  posts) for f in "$root"/samples/posts/*.csv; do add_seed "$2" "$f"; done ;;
  linkedin) seed_linkedin "$2" ;;
  programs) for f in "$root"/samples/programs.ini "$root"/config/*.ini; do add_seed "$2" "$f"; done ;;
  zip) seed_zip "$2" ;;
  dates) ;; # tests/fuzz/seeds/dates only
  esac
}

max_len() {
  case $1 in
  zip) echo 131072 ;;
  dates) echo 256 ;;
  *) echo 65536 ;;
  esac
}

run_target() { # target
  local t=$1
  # Crash inputs of an earlier run are dropped: keep them under regressions/.
  rm -rf "$work/crashes/$t"
  mkdir -p "$work/corpus/$t" "$work/crashes/$t" "$work/logs"
  make_seeds "$t" "$work/seeds/$t"
  # GLib's own allocator would hide leaks and overruns from AddressSanitizer.
  # The target's fixture folder: in memory, and removed here, since a
  # crashing process cannot remove it.
  local tmp
  tmp=$(mktemp -d /dev/shm/ssi-fuzz-"$t"-XXXXXX 2>/dev/null || mktemp -d)
  date +%s >"$work/logs/$t.start"
  env G_SLICE=always-malloc TMPDIR="$tmp" \
    "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -max_len="$(max_len "$t")" -print_final_stats=1 -artifact_prefix="$work/crashes/$t/" \
    "$work/corpus/$t" "$root/tests/fuzz/seeds/$t" "$work/seeds/$t" >"$work/logs/$t.log" 2>&1 || true
  date +%s >"$work/logs/$t.end"
  rm -rf "$tmp"
}

# One line of the table from a run's log.
report_target() { # target
  local t=$1 log=$work/logs/$t.log last execs rate cov ft corp crashes took
  took=$(($(cat "$work/logs/$t.end") - $(cat "$work/logs/$t.start")))
  last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1 || true)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  crashes=$(find "$work/crashes/$t" -type f | wc -l)
  # Killed without libFuzzer's last words (a signal it does not catch).
  if [ -z "$execs" ] && [ "$crashes" -eq 0 ]; then
    crashes=1
    echo "$t ended without final stats: see $log" >&2
  fi
  printf '%-11s %7s %11s %7s %6s %7s %7s %7s\n' "$t" "$took" "${execs:-?}" "${rate:-?}" \
    "${cov:-?}" "${ft:-?}" "${corp:-?}" "$crashes"
}

build_targets
running=0
for t in "${targets[@]}"; do
  if [ "$running" -ge "$parallel" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  run_target "$t" &
  running=$((running + 1))
done
wait

printf '%-11s %7s %11s %7s %6s %7s %7s %7s\n' target seconds executions exec/s cov ft corpus crashes
for t in "${targets[@]}"; do report_target "$t"; done
found=$(find "$work/crashes" -type f | wc -l)
for t in "${targets[@]}"; do
  grep -q '^stat::number_of_executed_units' "$work/logs/$t.log" || found=$((found + 1))
done
if [ "$found" -gt 0 ]; then
  echo "crash inputs in $work/crashes/ (logs in $work/logs/): keep each under tests/fuzz/regressions/<target>/ once fixed" >&2
  exit 1
fi
