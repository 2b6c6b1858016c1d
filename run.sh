#!/usr/bin/env bash
# ssi-pipeline in two commands:
#   ./run.sh          installs what is missing, builds, runs on samples/, prints the report paths
#   ./run.sh test     builds with warnings as errors and runs every test (CI calls this)
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(build-essential cmake pkg-config libglib2.0-dev libcsv-dev libxlsxwriter-dev
          libcmocka-dev libjson-glib-dev libzip-dev python3 python3-openpyxl unzip valgrind)

missing_packages() {
  local p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

install_packages() {
  local missing
  missing=$(missing_packages)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "These Debian packages are missing. Install them, then run ./run.sh again:" >&2
    echo "  sudo apt-get install -y $(echo $missing)" >&2
    exit 1
  fi
  echo "Installing: $(echo $missing)" >&2
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
}

build() { # build DIR [cmake options...]
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j "$(nproc)" >/dev/null
}

case "${1:-run}" in
  run)
    install_packages
    build build
    ./build/ssi-pipeline --input samples --config config --work work --out reports run
    ;;
  test)
    install_packages
    build build-test -DSSI_WERROR=ON
    ctest --test-dir build-test --output-on-failure -j "$(nproc)"
    # The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
    build build-asan -DSSI_WERROR=ON -DSSI_SANITIZE=ON
    ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
    ;;
  *)
    echo "usage: ./run.sh [run|test]" >&2
    exit 1
    ;;
esac
