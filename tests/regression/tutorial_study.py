#!/usr/bin/python3
"""A tutorial's study, run as the tutorial runs it: scenarios/tutorials/NAME.yaml is validated
with `--show`, run with one job and one thread, and exported with `sinew export --csv`; fails
unless each command exits 0, the tidy table has one row per arm x probe x metric, and every row
of the comparison table the tutorial shows (docs/tutorial-plantar-fascia.md,
docs/tutorial-patellar-tendon.md) matches `sinew table` of the run: before and after to 0.2%,
the change to 0.2 percentage points. The study is copied into WORK_DIR with its model path made
absolute, so the results are written there.

    tutorial_study.py SINEW_BINARY WORK_DIR NAME ARMS
"""
import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

from study_copy import copy_study

ROOT = Path(__file__).resolve().parents[2]
TUTORIALS = ROOT / "scenarios" / "tutorials"
METRICS_AT_LEAST = 9  # docs/metrics.md (the metric table may grow)
PROBES = 2       # one session per arm: before and after
DOCS = {"plantar-fascia-first-study": ROOT / "docs" / "tutorial-plantar-fascia.md",
        "patellar-tendon-study": ROOT / "docs" / "tutorial-patellar-tendon.md"}
ROW = re.compile(r"^  (\S+)\s+(\S+) ->\s+(\S+)\s+\S+ \(([-+]?[0-9.]+)%\)$")


def comparison_rows(text):
    """{(metric, arm): (before, after, percent)} from the first comparison table in text."""
    rows, metric, inside = {}, None, False
    for line in text.splitlines():
        if line.startswith("Comparison: each metric"):
            if rows:
                break
            inside = True
            continue
        if not inside:
            continue
        if line.startswith("```") or line.startswith("Sinew compares"):
            break
        if line and not line.startswith(" ") and "[" in line:
            metric = line.split(" [")[0]
            continue
        m = ROW.match(line)
        if m and metric:
            rows[(metric, m.group(1))] = tuple(float(m.group(i)) for i in (2, 3, 4))
    return rows


def check_documented_table(doc, actual_text):
    """Failures of the tutorial's shown rows against the run's table."""
    shown = comparison_rows(doc.read_text())
    actual = comparison_rows(actual_text)
    if not shown:
        return [f"{doc.name}: no comparison table found"]
    failures = []
    for key, (before, after, percent) in shown.items():
        if key not in actual:
            failures.append(f"{doc.name}: {key} is not in the run's table")
            continue
        b, a, p = actual[key]
        close = lambda x, y: abs(x - y) <= 2e-3 * max(abs(x), abs(y)) + 1e-12
        if not (close(before, b) and close(after, a) and abs(percent - p) <= 0.2):
            failures.append(f"{doc.name}: {key} shows {before} -> {after} ({percent}%), "
                            f"the run gives {b} -> {a} ({p}%)")
    return failures


def run(sinew, args, env):
    r = subprocess.run([sinew] + args, env=env, capture_output=True, text=True)
    print(r.stdout[-4000:])
    print(r.stderr[-4000:], file=sys.stderr)
    if r.returncode != 0:
        print(f"FAIL: sinew {args[0]} exited with {r.returncode}", file=sys.stderr)
    return r


def main():
    sinew, work, name, arms = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    study = copy_study(TUTORIALS, name, work)
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    for args in (["validate", str(study), "--show"],
                 ["run", str(study), "--fresh", "-q", "--jobs", "1", "--threads", "1"]):
        if run(sinew, args, env).returncode != 0:
            return 1
    r = run(sinew, ["export", str(work / (name + ".h5")), "--csv"], env)
    if r.returncode != 0:
        return 1
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    metrics = len({row["metric"] for row in rows})
    if metrics < METRICS_AT_LEAST or len(rows) != arms * PROBES * metrics:
        print(f"FAIL: {len(rows)} rows of {metrics} metrics, expected {arms} x {PROBES} x "
              f"{metrics} with at least {METRICS_AT_LEAST} metrics", file=sys.stderr)
        return 1
    failed = sorted({row["arm"] for row in rows if row["status"] != "completed"})
    if failed:
        print("FAIL: arms not completed: " + ", ".join(failed), file=sys.stderr)
        return 1
    r = run(sinew, ["table", str(work / (name + ".h5"))], env)
    if r.returncode != 0:
        return 1
    failures = check_documented_table(DOCS[name], r.stdout)
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
