#!/usr/bin/env bash
# strategy auto against newton and bfgs on a grid of fibre laws: uniaxial stretch of an n^3
# hex8 cube (fibres along the load) to stretch 1.1 in 10 load steps, for HGO fibre laws with
# k2 in {1, 100, 1000}, dispersion kappa in {0, 0.3}, uncoupled (`hgo`, mean-dilatation) and
# coupled (`hgo-coupled`, standard). Prints one line per run: law, size, strategy, whether it
# completed, wall and CPU seconds, Newton iterations and factorisations of the converged steps,
# cut-backs. The selection rule of `auto` is measured against the better of newton and bfgs.
#   benchmarks/solver/auto_grid.sh [sizes="13 20"] [strategies="newton bfgs auto"] [build dir]
# (n = 13: 8,232 dofs; 20: 27,783; 30: 89,373.) Each run is stopped after 600 s (killed 10 s later
# if it has not stopped: `sinew solve` finishes its step on SIGTERM). LAWS="hgo:1000:0
# hgo-coupled:100:0.3" runs only those laws (type:k2:kappa). On a busy machine compare the CPU
# seconds, not the wall time.
set -uo pipefail
sizes="${1:-13 20}"
strategies="${2:-newton bfgs auto}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${3:-$here/build}"
sinew="${SINEW:-$build/tools/sinew}"
work="$(mktemp -d)"
all=""
for type in hgo hgo-coupled; do for k2 in 1 100 1000; do for kappa in 0 0.3; do
  all="$all $type:$k2:$kappa"
done; done; done
laws="${LAWS:-$all}"
trap 'rm -rf "$work"' EXIT

model() {  # $1 n, $2 material, $3 formulation, $4 strategy
  cat <<YAML
mesh: {generator: box, size: [1, 1, 1], divisions: [$1, $1, $1], cell: hex8}
materials: {m: $2}
fibre: [1, 0, 0]
regions: [{elements: all, material: m, formulation: $3}]
boundary:
  - {type: fixed, nodes: x0, components: [x]}
  - {type: fixed, nodes: y0, components: [y]}
  - {type: fixed, nodes: z0, components: [z]}
  - {type: displacement, nodes: x1, component: x, value: 0.1}
steps: [{increments: 10}]
solver: {strategy: $4}
YAML
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf '%-22s %3s %7s %-7s %-9s %8s %8s %6s %6s %5s\n' law n dofs strategy result wall cpu newton factor cuts
for n in $sizes; do
  for spec in $laws; do
    IFS=: read -r type k2 kappa <<< "$spec"
    formulation=$([ "$type" = hgo ] && echo mean-dilatation || echo standard)
    law="$type k2=$k2 kappa=$kappa"
    for strategy in $strategies; do
      yaml="$work/m.yaml"
      model "$n" "{type: $type, c: 1.0, k1: 141.0, k2: $k2, kappa: $kappa, k: 100.0}" \
        "$formulation" "$strategy" > "$yaml"
      log="$work/run.log"
      /usr/bin/time -f "%e %U %S" -o "$work/time" timeout -k 10 600 "$sinew" solve "$yaml" \
        >"$log" 2>&1
      status=$?
      read -r wall user sys < <(tail -1 "$work/time")
      result=completed
      if [ $status -eq 124 ] || [ $status -eq 137 ]; then result=timeout
      elif [ $status -ne 0 ]; then result=failed; fi
      its=$(grep '^t = ' "$log" \
            | sed -E 's/.*: ([0-9]+) Newton iterations, ([0-9]+) factorisations?.*/\1 \2/' \
            | awk '{n+=$1; f+=$2} END {print n+0, f+0}')
      cuts=$(grep -c 'cutting back' "$log")
      printf '%-22s %3s %7s %-7s %-9s %8.1f %8.1f %6s %6s %5s\n' "$law" "$n" \
        "$((3 * (n + 1) ** 3))" "$strategy" "$result" "$wall" "$(echo "$user + $sys" | bc -l)" \
        $its "$cuts"
    done
  done
done
