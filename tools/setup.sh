#!/usr/bin/env bash
# Installs the Debian 12 packages Sinew needs (only the missing ones, quietly when none are),
# then configures and builds the project. Idempotent: safe to run on every invocation.
#
#   tools/setup.sh [--build-dir DIR] [--target NAME]... [--no-build] [--no-viz]
#   (--target may be repeated; without it everything is built, the test suite included)
#
# Environment: SINEW_BUILD_TYPE (default Release), SINEW_WERROR (ON in CI), SINEW_JOBS,
# SINEW_UNITY_BUILD (default OFF).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$here/build"
do_build=1
targets=()
# The VTK packages (about 1 GB) are needed only once viz/ has something to build.
with_viz=OFF
if [ -f "$here/viz/CMakeLists.txt" ]; then with_viz=ON; fi
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir="$2"; shift 2 ;;
    --target) targets+=("$2"); shift 2 ;;
    --no-build) do_build=0; shift ;;
    --no-viz) with_viz=OFF; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option '$1' (allowed: --build-dir DIR, --target NAME, --no-build, --no-viz)" >&2; exit 2 ;;
  esac
done

packages=(
  build-essential cmake pkg-config git
  ccache                              # rebuilds after a change or in a fresh clone are cheap
  libeigen3-dev                       # dense/sparse linear algebra
  libsuitesparse-dev                  # CHOLMOD supernodal Cholesky
  libopenblas-dev libopenblas0-pthread  # optimised BLAS under CHOLMOD (replaces reference BLAS)
  libhypre-dev                        # BoomerAMG preconditioner
  libopenmpi-dev openmpi-bin          # MPI (hypre, cluster runs)
  libhdf5-dev hdf5-tools              # results files
  libyaml-cpp-dev libcli11-dev libfmt-dev libspdlog-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3-h5py python3-numpy          # Python example and schema checks
  python3-pandas                      # tools/sinew_results.py (tidy study tables) and its test
  clang-format                        # tools/check_format.sh
  gmsh                                # meshes docs/examples/*.geo in the Gmsh example's test
)
if [ "$with_viz" = ON ]; then
  packages+=(libvtk9-dev python3-vtk9 xvfb xauth)
  # The report's browser test (tests/viz): 15 packages, about 120 MB, without recommends.
  packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "setup: packages installed"
fi

[ "$do_build" = 1 ] || exit 0

jobs="${SINEW_JOBS:-$(nproc)}"
werror=OFF
if [ "${CI:-}" = "true" ]; then werror=ON; fi
werror="${SINEW_WERROR:-$werror}"

# SINEW_UNITY_BUILD=ON compiles sources in batches (CMakeLists.txt): a faster cold build, but
# its different inlining moves some metrics by up to 0.2% (benchmarks/RESULTS.md, "CI"), so the
# golden data are recorded, and the tests run, one source per translation unit.
unity="${SINEW_UNITY_BUILD:-OFF}"

# ccache with paths relative to the checkout, so a second clone reuses the first one's objects.
export CCACHE_BASEDIR="$here"
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE="${SINEW_BUILD_TYPE:-Release}" \
  -DSINEW_WERROR="$werror" -DSINEW_WITH_VIZ="$with_viz" -DSINEW_UNITY_BUILD="$unity" \
  "${launcher[@]}" \
  >"$build_dir.configure.log" 2>&1 \
  || { cat "$build_dir.configure.log"; exit 1; }
if [ ${#targets[@]} -gt 0 ]; then
  cmake --build "$build_dir" -j "$jobs" --target "${targets[@]}"
else
  cmake --build "$build_dir" -j "$jobs"
fi
