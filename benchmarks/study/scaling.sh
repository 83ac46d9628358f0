#!/usr/bin/env bash
# Scaling of the end-to-end solve with problem size: uniaxial stretch of an n^3 hex8 cube
# (3(n+1)^3 dofs; n = 70 is 1.07e6 dofs) to stretch 1.1 in a few load steps, with the direct
# path (cholmod) and the iterative path (amg-cg, full Newton), one run at a time, single thread
# (OMP_NUM_THREADS = OPENBLAS_NUM_THREADS = 1, --threads 1 --blas-threads 1) under nice -n 10.
# Per run it prints wall and CPU time (user + system: the number to compare on a loaded
# machine), peak RSS, Newton iterations, factorisations / AMG set-ups, Krylov iterations and
# Krylov iterations per Newton iteration. A run past the CPU-time or memory limit is killed
# (SIGKILL: on SIGTERM sinew finishes its step first) and reported as such (CPU time, not wall
# time, since the machine may be shared); runs of that solver at larger n are then skipped
# (they would only be dearer). Results and machine notes: benchmarks/RESULTS.md, "Scaling with
# problem size".
#
#   benchmarks/study/scaling.sh [sizes="15 22 30 40 50 70"] [solvers="cholmod amg-cg"]
#                               [material=neo-hookean|hgo] [increments=2] [build dir]
# Environment: LIMIT_SECONDS (CPU seconds, default 1500 = 25 min), LIMIT_MB (peak RSS, default
#              16000),
#              STRATEGY_cholmod (default auto), STRATEGY_amg_cg (default newton).
# The table in RESULTS.md: scaling.sh; the HGO tendon row (206,763 dofs; in 2 increments the
# second predictor's tangent is indefinite and amg-cg falls back to LDL^T):
#   scaling.sh 40 amg-cg hgo 5
set -euo pipefail
sizes="${1:-15 22 30 40 50 70}"
solvers="${2:-cholmod amg-cg}"
material="${3:-neo-hookean}"
increments="${4:-2}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${5:-$here/build}"
limit_s="${LIMIT_SECONDS:-1500}"
limit_mb="${LIMIT_MB:-16000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1  # after nproc --all: nproc obeys it

case "$material" in
  neo-hookean) law="{type: neo-hookean, E: 1.0, nu: 0.3}"; form=standard ;;
  # Tendon-like HGO (k1 = 141 MPa, k2 = 19.1), fibres along the load, as in end_to_end.sh.
  hgo) law="{type: hgo, c: 1.0, k1: 141.0, k2: 19.1, kappa: 0.0, k: 100.0}"; form=mean-dilatation ;;
  *) echo "material: neo-hookean or hgo" >&2; exit 2 ;;
esac

model() {  # $1 n, $2 linear solver, $3 strategy
  cat <<YAML
mesh: {generator: box, size: [1, 1, 1], divisions: [$1, $1, $1], cell: hex8}
materials: {m: $law}
fibre: [1, 0, 0]
regions: [{elements: all, material: m, formulation: $form}]
boundary:
  - {type: fixed, nodes: x0, components: [x]}
  - {type: fixed, nodes: y0, components: [y]}
  - {type: fixed, nodes: z0, components: [z]}
  - {type: displacement, nodes: x1, component: x, value: 0.1}
steps: [{increments: $increments}]
solver: {linear: $2, strategy: $3}
output: {reactions: [x1]}
YAML
}

# Runs the solve in the background and stops it past the limits; prints "ok", "time" or "memory".
watch_run() {  # $1 model, $2 log, $3 time-v output
  /usr/bin/time -v -o "$3" nice -n 10 "$build/tools/sinew" solve --threads 1 --blas-threads 1 \
    "$1" >"$2" 2>&1 &
  local tpid=$! child="" rss cpu status=ok tick
  tick=$(getconf CLK_TCK)
  while kill -0 "$tpid" 2>/dev/null; do
    sleep 2
    child="${child:-$(pgrep -P "$tpid" | head -1 || true)}"
    [ -n "$child" ] || continue
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$child/status" 2>/dev/null || echo 0)
    cpu=$(awk -v t="$tick" '{print int(($14 + $15) / t)}' "/proc/$child/stat" 2>/dev/null || echo 0)
    if (( ${cpu:-0} > limit_s )); then status=time; fi
    if (( ${rss:-0} > limit_mb )); then status=memory; fi
    if [ "$status" != ok ]; then kill -KILL "$child" 2>/dev/null || true; break; fi
  done
  wait "$tpid" 2>/dev/null || { [ "$status" != ok ] || status=failed; }
  echo "$status"
}

field() { { grep -m1 "$1" "$2" || true; } | sed 's/.*: //'; }

echo "machine: $(nproc --all) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "material $material, stretch 1.1 in $increments increments, 1 thread, nice -n 10"
for solver in $solvers; do
  var="STRATEGY_${solver//-/_}"
  default=auto; [ "$solver" = amg-cg ] && default=newton
  strategy="${!var:-$default}"
  skip=""
  for n in $sizes; do
    dofs=$((3 * (n + 1) ** 3))
    if [ -n "$skip" ]; then
      printf '%-8s n=%-3s dofs=%-8s skipped (%s at a smaller n)\n' "$solver" "$n" "$dofs" "$skip"
      continue
    fi
    model "$n" "$solver" "$strategy" >"$work/model.yaml"
    status=$(watch_run "$work/model.yaml" "$work/log" "$work/time")
    wall=$(field 'Elapsed (wall clock)' "$work/time")
    user=$(field 'User time' "$work/time")
    sys=$(field 'System time' "$work/time")
    rss=$(field 'Maximum resident set size' "$work/time")
    its=$({ grep '^t = ' "$work/log" || true; } \
          | sed -E 's/.*: ([0-9]+) Newton iterations?, ([0-9]+) factorisations?(, ([0-9]+) linear)?.*/\1 \2 \4/' \
          | awk '{n+=$1; f+=$2; l+=$3} END {printf "%d %d %d %.1f", n, f, l, n ? l / n : 0}')
    read -r newton fact krylov per <<<"$its"
    printf '%-8s n=%-3s dofs=%-8s %-7s wall=%-9s cpu=%7.1f s  peak=%6.0f MB  strategy=%s newton=%s factorisations=%s krylov=%s (%s per Newton it)\n' \
      "$solver" "$n" "$dofs" "$status" "$wall" "$(echo "${user:-0} + ${sys:-0}" | bc -l)" \
      "$(echo "${rss:-0} / 1024" | bc -l)" "$strategy" "$newton" "$fact" "$krylov" "$per"
    if [ "$status" = failed ]; then tail -5 "$work/log" | sed 's/^/    /'; fi
    if [ "$status" = time ] || [ "$status" = memory ]; then skip="$status limit"; fi
  done
done
