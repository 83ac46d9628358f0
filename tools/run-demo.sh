#!/usr/bin/env bash
# Sets up (installs missing Debian packages), builds, and runs the default demo study: six
# interventions on a scarred Achilles tendon over two adhesion densities, two arms at a time,
# then the pictures and report (sinew-viz, on a private virtual display when there is none).
#   tools/run-demo.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Only what the demo runs is built (not the test suite).
viz_target=()
if [ -f "$here/viz/CMakeLists.txt" ]; then viz_target=(--target sinew-viz); fi
"$here/tools/setup.sh" --target sinew "${viz_target[@]}"
mkdir -p "$here/out"
status=0
"$here/build/tools/sinew" run "$here/scenarios/achilles-interventions.yaml" --jobs 2 || status=$?
results="$here/out/achilles-interventions.h5"
if [ -f "$results" ] && [ -x "$here/build/viz/sinew-viz" ]; then
  if [ -n "${DISPLAY:-}" ]; then "$here/build/viz/sinew-viz" "$results"
  else "$here/tools/with-x-display.sh" "$here/build/viz/sinew-viz" "$results"; fi
fi
exit $status
