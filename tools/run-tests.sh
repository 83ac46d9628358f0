#!/usr/bin/env bash
# Sets up (installs missing Debian packages), builds, and runs the whole test suite with ctest.
#   tools/run-tests.sh [extra ctest arguments]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/tools/setup.sh"
jobs="${SINEW_JOBS:-$(nproc)}"
# One OpenMP thread per test process: ctest runs $jobs tests at once.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
cd "$here/build"
ctest --output-on-failure -j "$jobs" --timeout 900 "$@"
