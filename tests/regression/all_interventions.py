#!/usr/bin/python3
"""Every intervention on a shipped tissue model: runs one of scenarios/all-interventions/*.yaml
(a coarse mesh, every registered intervention as an arm) and fails unless `sinew validate` and
`sinew run` both succeed and every arm completed, so no model/intervention pair can fail
silently. The study is copied into WORK_DIR with its model path made absolute, so the results
are written there, not into the source tree.

    all_interventions.py SINEW_BINARY WORK_DIR NAME
"""
import os
import subprocess
import sys
from pathlib import Path

from study_copy import copy_study

ROOT = Path(__file__).resolve().parents[2]
STUDIES = ROOT / "scenarios" / "all-interventions"


def main():
    sinew, work, name = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    study = copy_study(STUDIES, name, work)
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    for command in (["validate", str(study)], ["run", str(study), "--fresh", "-q", "-t", "1"]):
        r = subprocess.run([sinew] + command, env=env, capture_output=True, text=True)
        print(r.stdout)
        print(r.stderr, file=sys.stderr)
        if r.returncode != 0:
            print(f"FAIL: sinew {command[0]} exited with {r.returncode}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
