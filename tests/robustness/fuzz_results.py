#!/usr/bin/python3
# Hostile-input robustness of the results readers: a small study is run, and its results file and
# part files are damaged at random (truncation, bit flips, a text file or an empty file named
# .h5, datasets of another rank, type or shape, huge declared sizes, indices out of range,
# NaN/inf values, missing or binary string attributes, hostile sweep JSON, emptied groups,
# deleted objects, soft links that loop or dangle) and given to `sinew table`, `sinew export
# --csv`, `sinew merge` (a damaged part, and a damaged earlier results file), sinew-viz and the
# Python helpers (tools/sinew_results.py read_study, tools/print_results.py), each with a time
# and memory limit. Every case must pass or end with exit 1 or 2 and an "error:" line; a signal,
# a hang, an HDF5 error stack, a Python traceback or a sanitizer report fails, and the offending
# file is kept for reproduction (docs/results-schema.md, "Damaged files").
"""Usage: fuzz_results.py SINEW SOURCE_DIR WORK_DIR [--viz SINEW_VIZ] [--cases N] [--seed S]
                          [--budget SECONDS] [--asan]

Deterministic for a seed; stops early (passing) when the time budget is used up, after at least
a quarter of the cases. --asan: the executables are instrumented, so the memory bound is
AddressSanitizer's (hard_rss_limit_mb, max_allocation_size_mb) instead of an address-space limit.
"""
import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time

import h5py
import numpy as np

TIMEOUT = 30                 # s per case: a generous bound (the valid inputs take < 2 s)
MEMORY = 3 * 1024 ** 3       # bytes of address space per case
ASAN_LIMITS = "hard_rss_limit_mb=3072:max_allocation_size_mb=3072:allocator_may_return_null=1"
UNCLEAR = ("HDF5-DIAG", "Traceback (most recent call last)", "terminate called", "AddressSanitizer",
           "LeakSanitizer", "runtime error:", "Segmentation fault")

STUDY = """# The study of the results fuzz test: two arms, one with two sessions, a one-value sweep.
model: small-model.yaml
arms:
  - name: running
    sessions:
      - {intervention: running, body_mass: 60, force_multiple: 0.5, duration: 10, increments: 2}
  - name: stretch
    sessions:
      - {intervention: static_stretch, elongation: 0.3, increments: 2}
      - {intervention: rest, days: 2}
sweep:
  parameters:
    model.scars.scar.adhesion_density: [0.5]
output:
  file: results.h5
"""

HOSTILE_JSON = ['{"a":', "[1, 2]", '{"a": {"b": [1, {"c": 2}]}}', "null", '{"": ""}',
                "{" * 5000, '{"x": 1e999}', '{"x": "\\ud800"}', "\xff\xfe"]


def make_seed(sinew, source, work):
    """Runs the small study; returns its folder (results.h5, results_parts/)."""
    seed = os.path.join(work, "seed")
    os.makedirs(seed)
    shutil.copy(os.path.join(source, "tests/data/studies/small-model.yaml"), seed)
    with open(os.path.join(seed, "study.yaml"), "w") as f:
        f.write(STUDY)
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    done = subprocess.run([sinew, "run", "study.yaml", "--jobs", "2"], cwd=seed,
                          capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        sys.exit(f"fuzz_results: the seed study failed (exit {done.returncode}):\n{done.stderr}")
    return seed


# ---- damage -------------------------------------------------------------------------------

def objects(f):
    """(datasets, groups) of an open file, by path."""
    datasets, groups = [], []
    f.visititems(lambda name, obj: (datasets if isinstance(obj, h5py.Dataset) else groups)
                 .append(name))
    return sorted(datasets), sorted(groups)


def replace(f, path, **kwargs):
    attrs = dict(f[path].attrs)
    del f[path]
    ds = f.create_dataset(path, **kwargs)
    for k, v in attrs.items():
        ds.attrs[k] = v


def damage_dataset(f, path, kind, rng):
    ds = f[path]
    data = ds[()]
    if kind == "rank":
        shapes = [(), (int(np.size(data)),), (1,) + np.shape(data), np.shape(data) + (2,)]
        shape = rng.choice(shapes)
        replace(f, path, data=np.resize(np.asarray(data), shape) if shape else np.float64(1.5))
    elif kind == "type":
        count = max(int(np.size(data)), 1)
        choice = rng.choice(["text", "int", "float", "compound"])
        if choice == "text":
            replace(f, path, data=np.array(["x\xff"] * count, dtype=h5py.string_dtype()))
        elif choice == "int":
            replace(f, path, data=np.arange(count, dtype=np.int8))
        elif choice == "float":
            replace(f, path, data=np.linspace(-1, 1, count))
        else:
            replace(f, path, data=np.zeros(count, dtype=[("a", "f8"), ("b", "i4")]))
    elif kind == "shape":
        arr = np.asarray(data)
        keep = rng.choice([0, 1, max(arr.shape[0] // 2, 0) if arr.ndim else 0])
        replace(f, path, data=arr[:keep] if arr.ndim else arr.reshape(1)[:keep])
    elif kind == "huge":
        arr = np.asarray(data)
        inner = arr.shape[1:] if arr.ndim > 1 else ()
        big = rng.choice([2 ** 31 + 7, 2 ** 40, 10 ** 12])
        dtype = arr.dtype if arr.dtype.kind in "fiu" else "f8"
        replace(f, path, shape=(big,) + inner, dtype=dtype, chunks=(1,) + inner)
    elif kind == "index":
        arr = np.array(data)
        if arr.dtype.kind in "iu" and arr.size:
            flat = arr.reshape(-1)
            for _ in range(rng.randint(1, 3)):
                flat[rng.randrange(flat.size)] = rng.choice(
                    [-1, -(2 ** 62), 2 ** 31, 2 ** 62, flat.size, 255 if arr.dtype.itemsize == 1
                     else 10 ** 9])
            ds[...] = arr
        else:
            replace(f, path, data=np.array([-1, 2 ** 40, 7], dtype=np.int64))
    elif kind == "nan":
        arr = np.array(data)
        if arr.dtype.kind == "f" and arr.size:
            flat = arr.reshape(-1)
            for _ in range(rng.randint(1, 4)):
                flat[rng.randrange(flat.size)] = rng.choice([np.nan, np.inf, -np.inf, 1e308])
            ds[...] = arr
        else:
            replace(f, path, data=np.array([np.nan, np.inf, -np.inf]))
    elif kind == "delete":
        del f[path]


def damage_attribute(f, rng):
    owners = [f] + [f[p] for p in sum(objects(f), [])]
    owners = [o for o in owners if len(o.attrs)]
    owner = rng.choice(owners)
    name = rng.choice(sorted(owner.attrs))
    kind = rng.choice(["missing", "binary", "number", "array", "json"])
    if kind == "missing":
        del owner.attrs[name]
    elif kind == "binary":
        owner.attrs[name] = np.void(b"\xff\xfe\x00\x01garbage")
    elif kind == "number":
        owner.attrs[name] = rng.choice([np.int64(-7), np.float64(np.nan)])
    elif kind == "array":
        owner.attrs[name] = np.array([b"a\xff", b"b"])
    else:
        name = "sweep" if "sweep" in owner.attrs else name
        owner.attrs[name] = rng.choice(HOSTILE_JSON).encode("utf-8", "surrogatepass")
    return f"attribute {name} {kind}"


def damage_structure(path, rng):
    with h5py.File(path, "r+") as f:
        datasets, groups = objects(f)
        kind = rng.choice(["rank", "type", "shape", "huge", "index", "index", "nan", "nan",
                           "delete", "attribute", "attribute", "empty_group", "link"])
        if kind == "attribute":
            return damage_attribute(f, rng)
        if kind == "empty_group" and groups:
            g = rng.choice(groups)
            del f[g]
            f.create_group(g)
            return f"empty group {g}"
        if kind == "link" and datasets:
            d = rng.choice(datasets)
            parent = "/" + d.rsplit("/", 1)[0] if "/" in d else "/"
            del f[d]
            f[d] = h5py.SoftLink(rng.choice([parent, "/nowhere/at/all", "/" + d]))
            return f"soft link {d}"
        wanted = {"index": ("connectivity", "offsets", "types", "session_index", "first_step",
                            "step_count", "cycles", "node_sets", "element_sets")}.get(kind)
        pool = [d for d in datasets if wanted is None or any(w in d for w in wanted)] or datasets
        d = rng.choice(pool)
        damage_dataset(f, d, kind if kind in ("rank", "type", "shape", "huge", "index", "nan",
                                              "delete") else "delete", rng)
        return f"{kind} {d}"


def damage_bytes(path, rng):
    data = bytearray(open(path, "rb").read())
    kind = rng.choice(["truncate", "flip", "flip", "text", "empty"])
    if kind == "truncate":
        data = data[:rng.randrange(len(data))]
    elif kind == "flip":
        # Mostly in the first 4 KiB and the last 8 KiB, where HDF5 keeps most metadata.
        for _ in range(rng.randint(1, 8)):
            zone = rng.choice([(0, 4096), (len(data) - 8192, len(data)), (0, len(data))])
            i = rng.randrange(max(zone[0], 0), zone[1])
            data[i] ^= 1 << rng.randrange(8)
    elif kind == "text":
        data = bytearray(b"not an HDF5 file\n" * rng.randint(0, 100))
    else:
        data = bytearray()
    with open(path, "wb") as f:
        f.write(data)
    return kind


def damage(path, rng):
    """What was done, and whether it was to the structure (through HDF5) or to the bytes."""
    if rng.random() < 0.3:
        return damage_bytes(path, rng), False
    try:
        return damage_structure(path, rng), True
    except (OSError, ValueError, TypeError, KeyError) as e:  # h5py refused the damage itself
        return damage_bytes(path, rng) + f" (structure damage refused: {e})", False


# ---- running ------------------------------------------------------------------------------

def limits(asan):
    if not asan:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def environment(asan):
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    if asan:
        env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":" + ASAN_LIMITS
    return env


def judge(command, cwd, asan):
    """None when the reader passed or refused clearly, else what went wrong."""
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, errors="replace",
                              timeout=TIMEOUT, preexec_fn=lambda: limits(asan),
                              env=environment(asan), check=False)
    except subprocess.TimeoutExpired:
        return f"hung (no answer in {TIMEOUT} s)"
    err = done.stderr
    if done.returncode < 0:
        return f"killed by signal {-done.returncode}: {err[-400:]}"
    unclear = [u for u in UNCLEAR if u in err]
    if unclear:
        return f"exit {done.returncode} with {unclear[0]!r}: {err[-400:]}"
    if done.returncode == 0:
        return None
    # sinew says "error: ...", sinew-viz "sinew-viz: ...".
    if done.returncode in (1, 2) and ("error:" in err or err.startswith("sinew-viz: ")):
        return None
    return f"exit {done.returncode} without an 'error:' line: {err[-400:]}"


PYTHON_DRIVER = """
import signal, sys
sys.path.insert(0, sys.argv[1])
import sinew_results, print_results
def alarm(*_): raise TimeoutError("hung")
signal.signal(signal.SIGALRM, alarm)
for line in sys.stdin:
    helper, path = line.split(maxsplit=1)
    print("BEGIN", path.strip(), flush=True)
    signal.alarm(%d)
    try:
        if helper == "read_study":
            sinew_results.read_study(path.strip())
        else:
            sys.stdout.flush()
            print_results.main(path.strip())
        print("PASS", flush=True)
    except (ValueError, OSError) as e:
        print("CLEAR", str(e).replace(chr(10), " ")[:200], flush=True)
    except TimeoutError:
        print("FAIL hung", flush=True)
    except Exception as e:
        print("FAIL", type(e).__name__, str(e).replace(chr(10), " ")[:200], flush=True)
    signal.alarm(0)
""" % TIMEOUT


def run_python_helpers(jobs, source):
    """Runs the helpers on every (helper, file) in one interpreter (pandas takes a second to
    import), each call under an alarm; returns {file: problem}."""
    feed = "".join(f"{helper} {path}\n" for helper, path in jobs)
    try:
        done = subprocess.run(["/usr/bin/python3", "-c", PYTHON_DRIVER,
                               os.path.join(source, "tools")], input=feed, capture_output=True,
                              text=True, errors="replace", preexec_fn=lambda: limits(False),
                              timeout=TIMEOUT * max(len(jobs), 1), check=False)
        out = done.stdout
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace") + "\nFAIL hung"
    problems, current = {}, None
    for line in out.splitlines():
        if line.startswith("BEGIN "):
            current = line[6:]
        elif line.startswith("FAIL") and current:
            problems[current] = line
            current = None
        elif line.startswith(("PASS", "CLEAR")):
            current = None
    if current:  # the interpreter died inside this call
        problems[current] = f"python helpers died: {done.stderr[-300:] if 'done' in dir() else ''}"
    return problems


def merge_case(seed, folder, damaged, target, structural):
    """A copy of the seed study in `folder` whose `target` (a part or the results file) is the
    damaged file. Damaged bytes keep the checksum written with the file (bit rot, a truncated
    copy); a damaged structure comes without one (as from an older version), so the merge reads
    the structure itself."""
    shutil.copytree(seed, folder, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("*_vtk", "*_report"))
    parts = os.path.join(folder, "results_parts")
    if target == "results":
        path = os.path.join(folder, "results.h5")
        first = sorted(p for p in os.listdir(parts) if p.endswith(".h5"))[0]
        os.remove(os.path.join(parts, first))  # so its arm is kept from results.h5
    else:
        path = os.path.join(parts, target)
    shutil.copy(damaged, path)
    if structural:
        os.remove(path + ".fnv1a64")


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("sinew")
    ap.add_argument("source")
    ap.add_argument("work")
    ap.add_argument("--viz", help="sinew-viz executable (needs an X display)")
    ap.add_argument("--cases", type=int, default=60)
    ap.add_argument("--seed", type=int, default=20261213)
    ap.add_argument("--budget", type=float, default=75.0, help="seconds")
    ap.add_argument("--asan", action="store_true")
    a = ap.parse_args(argv[1:])
    a.sinew = os.path.abspath(a.sinew)
    a.viz = a.viz and os.path.abspath(a.viz)
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    start = time.monotonic()
    seed = make_seed(a.sinew, a.source, a.work)
    part_names = sorted(p for p in os.listdir(os.path.join(seed, "results_parts"))
                        if p.endswith(".h5"))
    rng = random.Random(a.seed)
    failures, python_jobs, ran = [], [], 0
    for k in range(a.cases):
        if time.monotonic() - start > a.budget and ran >= a.cases // 4:
            break
        folder = os.path.join(a.work, f"case{k:04d}")
        os.makedirs(folder)
        study_file = rng.random() < 0.6
        original = (os.path.join(seed, "results.h5") if study_file
                    else os.path.join(seed, "results_parts", rng.choice(part_names)))
        damaged = os.path.join(folder, "damaged.h5")
        shutil.copy(original, damaged)
        what, structural = damage(damaged, rng)
        runs = []
        if study_file:
            if not structural:  # damaged bytes keep the checksum the merge wrote (bit rot)
                shutil.copy(original + ".fnv1a64", damaged + ".fnv1a64")
            runs += [[a.sinew, "table", damaged], [a.sinew, "export", damaged, "--csv"]]
            if a.viz and k % 6 == 0:
                runs.append([a.viz, damaged, "-o", os.path.join(folder, "report"),
                             "--size", "160x120"])
            python_jobs.append(("read_study", damaged))
            target = "results"
        else:
            python_jobs.append(("print_results", damaged))
            target = os.path.basename(original)
        merge_case(seed, os.path.join(folder, "merge"), damaged, target, structural)
        runs.append([a.sinew, "merge", "study.yaml"])
        ran += 1
        kept = False
        for command in runs:
            cwd = os.path.join(folder, "merge") if command[1] == "merge" else folder
            problem = judge(command, cwd, a.asan)
            if problem:
                kept = True
                failures.append(f"{damaged} ({what}; {os.path.basename(command[0])} "
                                f"{command[1]}): {problem}")
        if not kept:
            shutil.rmtree(os.path.join(folder, "merge"), ignore_errors=True)
            python_jobs[-1] += (folder,)
    for path, problem in run_python_helpers([j[:2] for j in python_jobs], a.source).items():
        failures.append(f"{path} (python helpers): {problem}")
    failed_files = {f.split(" ", 1)[0] for f in failures}
    for job in python_jobs:
        if len(job) == 3 and job[1] not in failed_files:
            shutil.rmtree(job[2], ignore_errors=True)
    print(f"fuzz_results: {ran} cases ({ran * 100 // max(a.cases, 1)}% of {a.cases}) in "
          f"{time.monotonic() - start:.0f} s, {len(failures)} failed (seed {a.seed})")
    for f in failures:
        print("FAILED", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
