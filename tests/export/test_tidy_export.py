#!/usr/bin/python3
"""The tidy export of a study against the study file it comes from: runs the small test study
(4 interventions × 2 adhesion densities; two arms at a time, whose warnings must each name their
arm) and the failing test study in a fresh folder, then checks
`sinew export --csv` row by row against the HDF5 metrics, tools/sinew_results.py's read_study
against the CSV (every cell equal), and `sinew table` against the comparison `sinew run` printed.

    test_tidy_export.py SINEW_BINARY WORK_DIR
"""
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from sinew_results import read_export, read_study  # noqa: E402

STUDIES = ROOT / "tests" / "data" / "studies"
DENSITY = "model.scars.scar.adhesion_density"
UNITS = {"stiffness": "N/mm", "gliding_resistance": "N", "work_of_excursion": "N mm",
         "adhesion_intact_fraction": "1", "bonded_area": "mm^2", "scar_peak_fibre_stretch": "1",
         "tendon_modulus": "MPa", "gliding_force_at_bond_failure": "N",
         "gliding_peak_excursion": "mm", "scar_fibre_strain": "1",
         "scar_peak_strain": "1", "strain_concentration": "1", "scar_mean_fibre_damage": "1"}


def run(binary, *args, check=True):
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    r = subprocess.run([binary, *map(str, args)], env=env, capture_output=True, text=True)
    if check and r.returncode != 0:
        raise SystemExit(f"sinew {' '.join(map(str, args))} exited {r.returncode}:\n{r.stderr}")
    return r


def fresh_study(binary, work, name):
    folder = work / Path(name).stem
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for item in STUDIES.iterdir():
        if item.suffix in (".yaml", ".msh"):
            shutil.copy(item, folder / item.name)
    r = run(binary, "run", folder / name, "--jobs", "2", "--fresh", check=False)
    return folder / "results.h5", r


def expect(condition, what, problems):
    if not condition:
        problems.append(what)


def check_small(binary, work, problems):
    results, r = fresh_study(binary, work, "small-study.yaml")
    expect(r.returncode == 0, f"small study exited {r.returncode}: {r.stderr[-500:]}", problems)
    # Two arms at a time share stderr: every warning names its arm (this study has a few cut-backs).
    warnings = [w for w in r.stderr.splitlines() if w.startswith("warning:")]
    expect(all(w.startswith("warning: arm '") for w in warnings),
           f"warnings without their arm: {[w for w in warnings if 'arm' not in w]}", problems)
    csv = work / "small.csv"
    run(binary, "export", results, "--csv", "-o", csv)
    text = csv.read_text()
    print("".join(text.splitlines(True)[:6]))
    header = text.splitlines()[0]
    expect(header == f"arm,base_arm,{DENSITY},session_index,session,stage,time,metric,unit,value,"
           "status", f"header {header}", problems)
    # 3 one-session arms (2 probes) and one two-session arm (4 probes), at 2 densities, 13 metrics.
    df = read_export(csv)
    rows = (3 * 2 + 4) * 2 * len(UNITS)
    expect(len(df) == rows, f"{len(df)} rows, expected {rows}", problems)
    expect(sorted(df[DENSITY].unique()) == [0.5, 1.0], f"densities {df[DENSITY].unique()}",
           problems)
    expect((df.status == "completed").all(), "an arm of the small study did not complete", problems)
    for metric, unit in UNITS.items():
        expect(set(df[df.metric == metric].unit) == {unit}, f"{metric}: units", problems)
    # Every value is the file's, bit for bit (shortest round-trip text).
    with h5py.File(results, "r") as f:
        for arm, group in f["arms"].items():
            for metric in UNITS:
                stored = group["metrics"][metric][()]
                exported = df[(df.arm == arm) & (df.metric == metric)].value.to_numpy()
                expect(np.array_equal(stored, exported, equal_nan=True),
                       f"{arm}/{metric}: {exported} != {stored}", problems)
            sessions = df[df.arm == arm].drop_duplicates(["session_index", "stage"])
            expect(list(sessions.stage) == [s.decode() if isinstance(s, bytes) else s
                                            for s in group["metrics"]["stage"][()]],
                   f"{arm}: stages", problems)
    # read_study gives the same table as the CSV, cell for cell and dtype for dtype.
    try:
        pd.testing.assert_frame_equal(read_study(results), df)
    except AssertionError as e:
        problems.append(f"read_study != export: {e}")
    # `sinew table` prints the comparison `sinew run` printed.
    table = run(binary, "table", results).stdout
    expect(table.strip() and table in r.stdout, "sinew table differs from the run's comparison",
           problems)
    # Without -o the CSV goes to standard output.
    expect(run(binary, "export", results, "--csv").stdout == text, "stdout export differs",
           problems)


def check_failing(binary, work, problems):
    results, r = fresh_study(binary, work, "failing-study.yaml")
    expect(r.returncode == 1, f"failing study exited {r.returncode}", problems)
    df = pd.read_csv(io.StringIO(run(binary, "export", results, "--csv").stdout),
                     keep_default_na=False)
    failed = df[df.arm == "impossible"]
    expect(len(failed) > 0 and (failed.status == "failed").all(), "impossible: status",
           problems)
    expect((failed.value == "").all(), "impossible: values are not empty", problems)
    done = df[df.arm == "before"]
    expect((done.status == "completed").all() and (done[done.metric == "stiffness"].value != "")
           .all(), "before: completed with values", problems)
    # A single-run file or no file is refused with exit code 2.
    expect(run(binary, "export", work / "no-such.h5", "--csv", check=False).returncode == 2,
           "missing file not refused", problems)
    expect(run(binary, "table", results.parent / "parts", check=False).returncode == 2,
           "a folder not refused", problems)


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    binary, work = sys.argv[1], Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    problems = []
    check_small(binary, work, problems)
    check_failing(binary, work, problems)
    for p in problems:
        print("problem:", p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
