#!/usr/bin/env bash
# End-to-end timing: uniaxial stretch of an n^3 hex8 cube in 10 load steps, neo-Hookean to
# stretch 1.5 and HGO (tendon-like k1 = 141 MPa, k2 = 19.1, fibres along the load) to 1.1.
# Prints wall and CPU time (user + system), peak memory, linear solver, Newton and Krylov
# iteration counts per run (CPU time is the number to compare on a loaded machine).
#   benchmarks/study/end_to_end.sh [n=30] [linear solver=auto] [strategy=newton] [cases] [build dir]
set -euo pipefail
n="${1:-30}"
linear="${2:-auto}"
strategy="${3:-newton}"
cases="${4:-neo-hookean hgo}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${5:-$here/build}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

model() {  # $1 material, $2 formulation, $3 end displacement (mm)
  cat <<YAML
mesh: {generator: box, size: [1, 1, 1], divisions: [$n, $n, $n], cell: hex8}
materials: {m: $1}
fibre: [1, 0, 0]
regions: [{elements: all, material: m, formulation: $2}]
boundary:
  - {type: fixed, nodes: x0, components: [x]}
  - {type: fixed, nodes: y0, components: [y]}
  - {type: fixed, nodes: z0, components: [z]}
  - {type: displacement, nodes: x1, component: x, value: $3}
steps: [{increments: 10}]
solver: {linear: $linear, strategy: $strategy}
output: {reactions: [x1]}
YAML
}
model "{type: neo-hookean, E: 1.0, nu: 0.3}" standard 0.5 > "$work/neo-hookean.yaml"
model "{type: hgo, c: 1.0, k1: 141.0, k2: 19.1, kappa: 0.0, k: 100.0}" mean-dilatation 0.1 \
  > "$work/hgo.yaml"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "threads: OMP_NUM_THREADS=${OMP_NUM_THREADS:-default}"
for case in $cases; do
  log="$work/$case.log"
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$build/tools/sinew" solve "$work/$case.yaml" \
    >"$log" 2>&1 || { cat "$log"; exit 1; }
  read -r wall rss user sys < "$work/time"
  newton=$(grep -c '^  newton\|^t = ' "$log" || true)
  its=$(grep '^t = ' "$log" \
        | sed -E 's/.*: ([0-9]+) Newton iterations, ([0-9]+) factorisations?(, ([0-9]+) linear)?.*/\1 \2 \4/' \
        | awk '{n+=$1; f+=$2; l+=$3} END {print n, f, l+0}')
  solver=$(grep -m1 'linear solver' "$log" | sed 's/.*linear solver //' || true)
  solver="${solver:-$linear}"
  fallbacks=$(grep -c 'warning' "$log" || true)
  blas=$(grep -m1 -o 'BLAS: [^)]*' "$log" | sed 's/; dgemm_.*//')
  printf '%-12s n=%-3s dofs=%-7s wall=%7.1f s  cpu=%7.1f s  peak=%6.0f MB  solver=%-8s strategy=%s newton=%s factorisations=%s krylov=%s warnings=%s\n' \
    "$case" "$n" "$(grep -m1 -o '[0-9]* dofs' "$log" | cut -d' ' -f1)" "$wall" \
    "$(echo "$user + $sys" | bc -l)" \
    "$(echo "$rss / 1024" | bc -l)" "$solver" "$strategy" ${its} "$fallbacks"
  echo "  $blas"
done
