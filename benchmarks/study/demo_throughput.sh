#!/usr/bin/env bash
# Study throughput: the demo study (scenarios/achilles-interventions.yaml) run from scratch as
# the README runs it (`sinew run STUDY --jobs 2`, in a clean environment: no OMP_NUM_THREADS or
# OPENBLAS_NUM_THREADS, so the thread budget decides), then with --jobs 1, with explicit thread
# variables (to find the best setting), and with `mpirun -n 2`. Prints wall time, arms per hour,
# peak resident memory (largest process), the speed-ups over --jobs 1, and how many arms completed.
#   benchmarks/study/demo_throughput.sh [study=scenarios/achilles-interventions.yaml] [build dir]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
study="$(realpath "${1:-$here/scenarios/achilles-interventions.yaml}")"
build="${2:-$here/build}"
sinew="$build/tools/sinew"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A copy of the study next to its models, writing into the scratch folder.
cp -r "$(dirname "$study")/." "$work/"
copy="$work/$(basename "$study")"
sed -i 's#^\(  file: \).*\.h5#\1results.h5#' "$copy"
arms="$("$sinew" validate "$copy" | grep -o '[0-9]* arm' | head -1 | cut -d' ' -f1)"

run() {  # $1 label, rest: command
  local label="$1"; shift
  local start end seconds
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/$label.mem" "$@" >"$work/$label.log" 2>&1 ||
    { echo "$label: failed"; tail -20 "$work/$label.log"; exit 1; }
  end=$(date +%s.%N)
  seconds=$(echo "$end - $start" | bc -l)
  local done_arms
  done_arms=$(/usr/bin/python3 - "$work/results.h5" <<'PY' 2>/dev/null || echo "?"
import sys
try:
    import h5py
except ImportError:
    print("?"); sys.exit()
with h5py.File(sys.argv[1], "r") as f:
    print(sum(1 for a in f["arms"].values() if a.attrs.get("arm_status") in ("completed", b"completed")))
PY
)
  printf '%-10s %8.1f s  %6.0f arms/hour  peak RSS %5.0f MB  (%s of %s arms completed)\n' \
    "$label" "$seconds" "$(echo "$arms * 3600 / $seconds" | bc -l)" \
    "$(echo "$(tail -1 "$work/$label.mem") / 1024" | bc -l)" "$done_arms" "$arms"
  echo "$seconds" >"$work/$label.time"
}

echo "study: $study ($arms arms), $(nproc) cores"
clean=(env -i "PATH=$PATH" "HOME=${HOME:-/root}")
run readme "${clean[@]}" "$sinew" run "$copy" --fresh --quiet --jobs 2
run jobs1 "${clean[@]}" "$sinew" run "$copy" --fresh --quiet --jobs 1
run jobs2-env1 "${clean[@]}" OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
  "$sinew" run "$copy" --fresh --quiet --jobs 2
if command -v mpirun >/dev/null; then
  run mpi2 "${clean[@]}" OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 \
    mpirun --oversubscribe -n 2 "$sinew" run "$copy" --fresh --quiet
fi
t1=$(cat "$work/jobs1.time")
for l in readme jobs2-env1 mpi2; do
  if [ -f "$work/$l.time" ]; then
    printf 'speed-up %s over jobs1: %.2f\n' "$l" "$(echo "$t1 / $(cat "$work/$l.time")" | bc -l)"
  fi
done
