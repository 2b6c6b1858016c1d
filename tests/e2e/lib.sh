# Shared helpers of the end-to-end tests: each test runs the real binary
# ($SSI_PIPELINE, set by ctest) on a small input tree in a temporary folder.
set -euo pipefail
: "${SSI_PIPELINE:?set by ctest}" "${SOURCE_DIR:?set by ctest}"
DATA="$SOURCE_DIR/tests/data/e2e"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAILURES=0

# The shipped settings, except that the hand-computed tree's 2 rejects of 13
# SSI rows (15 %) stay below max_reject_ratio.
CONFIG="$TMP/config"
mkdir -p "$CONFIG"
cp "$SOURCE_DIR"/config/*.ini "$CONFIG/"
sed -i 's/^max_reject_ratio = .*/max_reject_ratio = 0.25/' "$CONFIG/pipeline.ini"

fail() { echo "FAIL: $*" >&2; FAILURES=$((FAILURES + 1)); }
pass() { echo "ok: $*"; }

# expect_status WANT DESCRIPTION -- COMMAND...: runs COMMAND, keeps stderr in $TMP/stderr.
expect_status() {
  local want=$1 what=$2; shift 3
  local got=0
  "$@" >"$TMP/stdout" 2>"$TMP/stderr" || got=$?
  if [ "$got" -eq "$want" ]; then pass "$what (exit $got)"; else
    fail "$what: exit $got, expected $want"; cat "$TMP/stderr" >&2; fi
}

# expect_grep PATTERN FILE DESCRIPTION
expect_grep() {
  if grep -qF -- "$1" "$2"; then pass "$3"; else fail "$3: '$1' not in $2"; sed 's/^/  | /' "$2" >&2; fi
}

finish() {
  if [ "$FAILURES" -gt 0 ]; then echo "$FAILURES check(s) failed" >&2; exit 1; fi
  echo "all checks passed"
}
