#!/usr/bin/env bash
# Sets up (installs missing Debian packages), builds, and runs the default demo.
#   tools/run-demo.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/tools/setup.sh" --target sinew
mkdir -p "$here/out"
demo="$here/scenarios/models/achilles-midportion-scar.yaml"
"$here/build/tools/sinew" solve "$demo" --output "$here/out/achilles-midportion-scar.h5"
