#!/usr/bin/env bash
# Running at a multiple of body weight on the scarred Achilles model
# (scenarios/models/achilles-midportion-scar.yaml) with the rigid-plate end (the default) or the
# uniform traction end, on the coarse mesh of the demo study (axial 12, core 3, tendon_radial 2)
# or the model's own mesh. Prints whether the running load case completed, the limit load the
# log reports when it did not, and the wall time.
#   benchmarks/plate/achilles_running.sh [force multiple=6] [end condition=plate]
#                                        [mesh=demo|model] [build dir]
set -euo pipefail
multiple="${1:-6}"
end="${2:-plate}"
mesh="${3:-demo}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${4:-$here/build}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

divisions=""
if [ "$mesh" = demo ]; then
  divisions="
    mesh.divisions.axial: 12
    mesh.divisions.core: 3
    mesh.divisions.tendon_radial: 2"
fi
cat > "$work/study.yaml" <<YAML
description: running at $multiple BW, $end end, $mesh mesh
model:
  file: $here/scenarios/models/achilles-midportion-scar.yaml
  set:
    tissue.end_condition: $end$divisions
loading: {bed_stiffness: 0.01}
probes: {force: 500, excursion: 0.5, increments: 3}
arms:
  - name: running
    sessions:
      - {intervention: running, body_mass: 70, force_multiple: $multiple, cadence: 170,
         duration: 30, simulated_cycles: 1}
output:
  file: $work/out.h5
YAML
echo "running at $multiple BW (70 kg), end condition $end, $mesh mesh"
start=$(date +%s)
status=0
"$build/tools/sinew" run "$work/study.yaml" --jobs 1 > "$work/log" 2>&1 || status=$?
echo "wall time: $(( $(date +%s) - start )) s, exit status $status"
grep -E "limit load|target .* was reached|failed|carried" "$work/log" | sed 's/^/  /' || true
