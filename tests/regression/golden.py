#!/usr/bin/python3
"""Golden regression: solves every verification and tissue model file and runs the small test
study, then compares the results with the values recorded in tests/data/golden/ to a relative
tolerance of 1e-12. Restructuring the engine (the run paths, the model spec, the output fields)
must not move a number; this test is the proof.

    golden.py SINEW_BINARY WORK_DIR [--record] [--only NAME]

--record rewrites the golden files from the current binary (only for an intended change of
results, with the reason in the commit message).

What is compared: every float dataset of /time, /fields, /reactions and /interface/fields of a
`sinew solve -o x.h5` run, by its shape, sum, sum of squares and largest magnitude, and every value
of each study arm's /arms/<arm>/metrics table. Runs use one OpenMP and one BLAS thread, and
OpenBLAS's Haswell kernels whatever the CPU (environment()).
Newton iteration counts are not compared: where an increment converges just at a tolerance, the
last bit of a sum (an inlining or vectorisation choice of the compiler) moves the count by one
while every field stays within 1e-12. The fields are the check; Newton's convergence has tests
of its own (tests/unit/solver, tests/verification/newton_convergence_test.cpp).
"""
import json
import shutil
import math
import os
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "golden"
RTOL = 1e-12

SOLVE_CASES = {
    "uniaxial-neo-hookean": "scenarios/verification/uniaxial-neo-hookean.yaml",
    "uniaxial-hgo-tendon": "scenarios/verification/uniaxial-hgo-tendon.yaml",
    "small-tendon": "tests/data/studies/small-model.yaml",
    "achilles-midportion-scar": "scenarios/models/achilles-midportion-scar.yaml",
    "patellar-proximal-scar": "scenarios/models/patellar-proximal-scar.yaml",
    "plantar-fascia-calcaneal-scar": "scenarios/models/plantar-fascia-calcaneal-scar.yaml",
}
STUDY_CASES = {"small-study": "tests/data/studies/small-study.yaml"}


def environment():
    env = dict(os.environ)
    # One BLAS kernel set on every x86-64 machine: OpenBLAS picks its kernels by CPU (SkylakeX on
    # the Intel machines, Cooperlake on the AMD EPYC ones), and their different rounding in
    # UMFPACK's and CHOLMOD's dense blocks moved the Achilles model's interface fields by 1e-7
    # (converged to the model's 1e-3 N residual floor) and the small study's stiffness by 3e-3
    # (an interface point switching between stick and slip in the stiffness probe). Haswell's
    # AVX2 kernels run on both.
    env.update(OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", OPENBLAS_CORETYPE="Haswell")
    return env


def digest(values):
    a = np.asarray(values, dtype=np.float64)
    finite = a[np.isfinite(a)]
    return {"shape": list(a.shape), "sum": float(finite.sum()),
            "sum_squares": float((finite * finite).sum()),
            "max_abs": float(np.abs(finite).max()) if finite.size else 0.0,
            "non_finite": int(a.size - finite.size)}


def solve_summary(binary, model, work):
    work.mkdir(parents=True, exist_ok=True)
    out = work / (Path(model).stem + ".h5")
    run = subprocess.run([binary, "solve", str(ROOT / model), "-o", str(out)], env=environment(),
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"sinew solve {model} exited {run.returncode}:\n{run.stderr}")
    summary = {}
    with h5py.File(out, "r") as f:
        def visit(name, obj):
            top = name.split("/")[0]
            if isinstance(obj, h5py.Dataset) and obj.dtype.kind == "f" and (
                    top in ("time", "fields", "reactions") or name.startswith("interface/fields")):
                summary[name] = digest(obj[()])
        f.visititems(visit)
    return summary


def study_summary(binary, study, work):
    study_copy = work / "study"
    shutil.rmtree(study_copy, ignore_errors=True)  # never resume arms of an earlier binary
    study_copy.mkdir(parents=True, exist_ok=True)
    source = ROOT / study
    for item in source.parent.iterdir():
        if item.suffix in (".yaml", ".msh"):
            (study_copy / item.name).write_text(item.read_text())
    run = subprocess.run([binary, "run", str(study_copy / source.name), "--jobs", "1", "-q",
                          "--fresh"],
                         env=environment(), capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"sinew run {study} exited {run.returncode}:\n{run.stderr}")
    summary = {}
    with h5py.File(study_copy / "results.h5", "r") as f:
        for arm, group in f["arms"].items():
            summary[arm] = {"status": group.attrs["arm_status"].decode()
                            if isinstance(group.attrs["arm_status"], bytes)
                            else str(group.attrs["arm_status"])}
            for name, ds in group["metrics"].items():
                if ds.dtype.kind == "f":
                    summary[arm][name] = [None if not math.isfinite(v) else float(v)
                                          for v in ds[()]]
    return summary


def close(a, b, where, problems):
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                problems.append(f"{where}/{k}: present in only one of golden and current")
            else:
                close(a[k], b[k], f"{where}/{k}", problems)
    elif isinstance(a, list):
        if len(a) != len(b):
            problems.append(f"{where}: length {len(b)}, golden {len(a)}")
        for i, (x, y) in enumerate(zip(a, b)):
            close(x, y, f"{where}[{i}]", problems)
    elif isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            if a is not b:
                problems.append(f"{where}: {b}, golden {a}")
        elif abs(a - b) > RTOL * max(abs(a), abs(b), 1e-300) and abs(a - b) > 1e-300:
            problems.append(f"{where}: {b!r}, golden {a!r} (relative {abs(a - b) / max(abs(a), abs(b)):.2e})")
    elif a != b:
        problems.append(f"{where}: {b!r}, golden {a!r}")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    record = "--record" in sys.argv
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    if len(args) < 2:
        print(__doc__)
        return 2
    binary, work = args[0], Path(args[1])
    work.mkdir(parents=True, exist_ok=True)
    cases = [(n, solve_summary, m) for n, m in SOLVE_CASES.items()] + \
            [(n, study_summary, s) for n, s in STUDY_CASES.items()]
    failed = 0
    for name, summarise, source in cases:
        if only and name != only:
            continue
        current = summarise(binary, source, work / name)
        path = GOLDEN / f"{name}.json"
        if record:
            GOLDEN.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n")
            print(f"recorded {path.relative_to(ROOT)}")
            continue
        problems = []
        close(json.loads(path.read_text()), current, name, problems)
        print(f"{name}: {'ok' if not problems else f'{len(problems)} difference(s)'}")
        for p in problems[:20]:
            print("  " + p)
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
