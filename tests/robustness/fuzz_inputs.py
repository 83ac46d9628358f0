#!/usr/bin/python3
# Hostile-input robustness of the readers: model files, study files and Gmsh meshes, mutated at
# random (truncation, bit flips, deleted and repeated lines, numbers replaced by huge, negative,
# NaN/inf or non-numeric values, YAML alias bombs, huge counts and node ids out of range in the
# mesh) and given to `sinew check` / `sinew validate` with a time and memory limit. Every case
# must end with exit 0 (still valid) or 2 with an "error:" line; a signal, exit 1 with a crash
# message, another exit code or a hang fails, and the offending file is kept for reproduction.
"""Usage: fuzz_inputs.py SINEW SOURCE_DIR WORK_DIR [--cases N] [--seed S] [--budget SECONDS]
                        [--asan]

Deterministic for a seed; stops early (passing) when the time budget is used up, after at least
a quarter of the cases. --asan: SINEW is instrumented, so the memory bound is AddressSanitizer's
(hard_rss_limit_mb, max_allocation_size_mb) instead of an address-space limit, which its shadow
memory cannot live with.
"""
import argparse
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time

TIMEOUT = 20                 # s per case: a generous bound (the valid inputs take < 1 s)
MEMORY = 3 * 1024 ** 3       # bytes of address space per case
HOSTILE_NUMBERS = ["0", "-1", "-0", "1e308", "-1e308", "1e-320", "nan", ".nan", ".inf", "-.inf",
                   "99999999999", "4294967297", "1.5", "abc", "[]", "{}", "''", "~", "1e999"]
ALIAS_BOMB = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x, x]"] +
    [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
     f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
     f"*{chr(97 + i)}, *{chr(97 + i)}]" for i in range(8)] +
    ["mesh: *i", "materials: *i", "regions: *i", "steps: *i"]) + "\n"

NUMBER = re.compile(r"(?<![\w.])-?\d+(\.\d+)?([eE][-+]?\d+)?(?![\w.])")


def mutate_text(text, rng):
    kind = rng.choice(["truncate", "flip", "delete", "repeat", "number", "number", "number",
                       "indent", "long"])
    lines = text.splitlines(keepends=True)
    if kind == "truncate":
        return kind, text[:rng.randrange(len(text))]
    if kind == "flip":
        data = bytearray(text.encode())
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
        return kind, data.decode("latin-1")
    if kind in ("delete", "repeat", "indent") and lines:
        i = rng.randrange(len(lines))
        if kind == "delete":
            del lines[i]
        elif kind == "repeat":
            lines.insert(i, lines[i])
        else:
            lines[i] = "  " + lines[i]
        return kind, "".join(lines)
    if kind == "long":
        return kind, text.replace(":", ": " + "x" * 200000 + " #", 1)
    matches = list(NUMBER.finditer(text))
    if not matches:
        return "truncate", text[: len(text) // 2]
    m = rng.choice(matches)
    return kind, text[: m.start()] + rng.choice(HOSTILE_NUMBERS) + text[m.end():]


def mutate_mesh(text, rng):
    lines = text.splitlines(keepends=True)
    kind = rng.choice(["text", "text", "count", "node_id", "coordinate"])
    if kind == "text":
        return mutate_text(text, rng)
    # A line of numbers in the $Nodes or $Elements block: a count, a node id or a coordinate.
    candidates = [i for i, l in enumerate(lines) if re.match(r"^\s*-?\d", l)]
    if not candidates:
        return mutate_text(text, rng)
    i = rng.choice(candidates)
    fields = lines[i].split()
    j = rng.randrange(len(fields))
    fields[j] = {"count": rng.choice(["999999999999", "4294967296", "-5"]),
                 "node_id": rng.choice(["0", "-1", "100000", "18446744073709551616"]),
                 "coordinate": rng.choice(["nan", "inf", "-inf", "1e400"])}[kind]
    lines[i] = " ".join(fields) + "\n"
    return kind, "".join(lines)


ASAN_LIMITS = "hard_rss_limit_mb=3072:max_allocation_size_mb=3072:allocator_may_return_null=1"


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_case(sinew, command, path, asan=False):
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    if asan:
        env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":" + ASAN_LIMITS
    try:
        done = subprocess.run([sinew, command, path], capture_output=True, text=True,
                              errors="replace", timeout=TIMEOUT,
                              preexec_fn=None if asan else limit_memory, env=env, check=False)
    except subprocess.TimeoutExpired:
        return f"hung (no answer in {TIMEOUT} s)"
    if done.returncode < 0:
        return f"killed by signal {-done.returncode}: {done.stderr[-300:]}"
    for report in ("AddressSanitizer", "LeakSanitizer", "runtime error:"):
        if report in done.stderr:
            return f"exit {done.returncode} with a sanitizer report: {done.stderr[-600:]}"
    if done.returncode == 0:
        return None
    if done.returncode == 2 and "error:" in done.stderr:
        return None
    if done.returncode == 1 and "out of memory" in done.stderr:
        return None  # a valid but too large input under the case's memory limit: said clearly
    return f"exit {done.returncode}: {done.stderr[-300:]}"


def seeds(source):
    models = [os.path.join(source, p) for p in (
        "scenarios/models/achilles-midportion-scar.yaml",
        "scenarios/verification/uniaxial-neo-hookean.yaml",
        "tests/data/studies/small-model.yaml")]
    studies = [os.path.join(source, "tests/data/studies/small-study.yaml")]
    mesh = os.path.join(source, "tests/data/meshes/gmsh_box_hex.msh")
    return models, studies, mesh


MESH_MODEL = """mesh: {file: fuzz.msh}
materials: {m: {type: neo-hookean, E: 1, nu: 0.3}}
regions: [{elements: tendon, material: m}]
boundary: [{type: fixed, nodes: tip, components: [x, y, z]}]
steps: [{name: s}]
"""


def make_case(k, rng, source, work):
    models, studies, mesh = seeds(source)
    folder = os.path.join(work, f"case{k:04d}")
    os.makedirs(folder, exist_ok=True)
    target = rng.choice(["model", "model", "study", "mesh", "bomb"])
    if target == "bomb":
        with open(os.path.join(folder, "model.yaml"), "w") as f:
            f.write(ALIAS_BOMB)
        return "check", os.path.join(folder, "model.yaml"), "alias bomb"
    if target == "mesh":
        kind, text = mutate_mesh(open(mesh).read(), rng)
        with open(os.path.join(folder, "fuzz.msh"), "w", encoding="latin-1") as f:
            f.write(text)
        with open(os.path.join(folder, "model.yaml"), "w") as f:
            f.write(MESH_MODEL)
        return "check", os.path.join(folder, "model.yaml"), "mesh " + kind
    if target == "study":
        shutil.copy(os.path.join(source, "tests/data/studies/small-model.yaml"), folder)
        kind, text = mutate_text(open(studies[0]).read(), rng)
        path = os.path.join(folder, "study.yaml")
        with open(path, "w", encoding="latin-1") as f:
            f.write(text)
        return "validate", path, "study " + kind
    seed = rng.choice(models)
    kind, text = mutate_text(open(seed).read(), rng)
    path = os.path.join(folder, "model.yaml")
    with open(path, "w", encoding="latin-1") as f:
        f.write(text)
    return "check", path, os.path.basename(seed) + " " + kind


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("sinew")
    ap.add_argument("source")
    ap.add_argument("work")
    ap.add_argument("--cases", type=int, default=80)
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--budget", type=float, default=120.0, help="seconds")
    ap.add_argument("--asan", action="store_true")
    a = ap.parse_args(argv[1:])
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    rng = random.Random(a.seed)
    start, failures, ran = time.monotonic(), [], 0
    for k in range(a.cases):
        if time.monotonic() - start > a.budget and ran >= a.cases // 4:
            break
        command, path, what = make_case(k, rng, a.source, a.work)
        problem = run_case(a.sinew, command, path, a.asan)
        ran += 1
        if problem:
            failures.append(f"{os.path.dirname(path)} ({what}, sinew {command}): {problem}")
        else:
            shutil.rmtree(os.path.dirname(path))
    print(f"fuzz_inputs: {ran} cases in {time.monotonic() - start:.0f} s, "
          f"{len(failures)} failed (seed {a.seed})")
    for f in failures:
        print("FAILED", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
