#!/usr/bin/python3
"""`sinew solve -o results.h5` on the small tissue model stores the metrics table it prints:
/metrics holds one row per printed column (the initial state and the state after the last step)
with the printed values (to the 5 digits printed), the documented units, the stage labels and
the model times.

    test_solve_metrics.py SINEW_BINARY WORK_DIR
"""
import math
import os
import subprocess
import sys
from pathlib import Path

import h5py

ROOT = Path(__file__).resolve().parents[2]
UNITS = {"stiffness": "N/mm", "gliding_resistance": "N", "work_of_excursion": "N mm",
         "adhesion_intact_fraction": "1", "bonded_area": "mm^2", "scar_peak_fibre_stretch": "1",
         "tendon_modulus": "MPa", "gliding_force_at_bond_failure": "N",
         "gliding_peak_excursion": "mm", "scar_fibre_strain": "1",
         "scar_peak_strain": "1", "strain_concentration": "1", "scar_mean_fibre_damage": "1"}


def same(stored, printed):
    if math.isnan(stored) or math.isnan(printed):
        return math.isnan(stored) and math.isnan(printed)
    return float(f"{stored:.5g}") == printed


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    binary, work = sys.argv[1], Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    out = work / "small-model.h5"
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    run = subprocess.run([binary, "solve", str(ROOT / "tests/data/studies/small-model.yaml"),
                          "-o", str(out)], env=env, capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stderr)
        return 1
    printed = {}
    for line in run.stdout.splitlines():
        words = line.split()
        if words and words[0] in UNITS:
            # "-" is how the table prints a metric that does not apply (NaN).
            printed[words[0]] = [math.nan if w == "-" else float(w) for w in words[-2:]]
    problems = []
    with h5py.File(out, "r") as f:
        m = f["metrics"]
        stages = [text(s) for s in m["stage"][()]]
        if stages != ["initial", "after 'pull'"]:
            problems.append(f"stages {stages}")
        if list(m["time"][()]) != [0.0, 1.0] or text(m["time"].attrs["units"]) != "s":
            problems.append(f"times {m['time'][()]}")
        for name, unit in UNITS.items():
            if text(m[name].attrs["units"]) != unit:
                problems.append(f"{name}: units {text(m[name].attrs['units'])}")
            stored = m[name][()]
            shown = printed.get(name, [])
            if len(shown) != 2 or any(not same(s, p) for s, p in zip(stored, shown)):
                problems.append(f"{name}: stored {stored}, printed {shown}")
    for p in problems:
        print("problem:", p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
