#!/usr/bin/python3
# Applies the worked examples of CONTRIBUTING.md (the patches in this folder) to one copy of the
# source tree and proves what the guide promises: each example touches at most 3 files and its
# C++ passes the format check, the copy builds, the registry-driven parameterised tests run each
# new entry and pass, and each entry's docs test passes with the example's docs and fails once
# they are put back as they were (so the docs check does see the new entry).
"""Usage: apply_examples.py --source DIR --work DIR [--cmake-arg ARG]...

The copy is <work>/src (the files git lists, plus untracked ones not ignored), built in
<work>/src/build with ccache paths relative to <work>/src (objects shared with the main build).
One build for all examples: the test executables of every example, once.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

MAX_FILES = 3
HERE = os.path.dirname(os.path.abspath(__file__))

# patch; the new entry's name as it appears in test names; "exe:filter" of the tests that must
# run it (at least `min` passing); "exe:filter" of its docs tests.
EXAMPLES = [
    {"patch": "material_law.patch", "name": "softening_neo_hookean",
     "tests": "test_materials:*softening_neo_hookean*", "min": 12,
     "docs": "test_materials:Registry/LawDocs.*"},
    {"patch": "intervention.patch", "name": "isometric_hold",
     "tests": "test_scenario:Registry/EachIntervention.*isometric_hold", "min": 1,
     "docs": "test_model:RegistryDocs.Interventions*"},
    {"patch": "metric.patch", "name": "scar_volume",
     "tests": "test_model:Registry/EachMetric.*scar_volume", "min": 1,
     "docs": "test_model:Registry/EachMetric.*scar_volume"},
    {"patch": "linear_solver.patch", "name": "eigen_llt",
     "tests": "test_model:Registry/EachLinearSolver.*eigen_llt", "min": 1,
     "docs": "test_model:RegistryDocs.LinearSolvers*"},
]



def run(cmd, cwd=None, env=None, check=True):
    out = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True)
    if check and out.returncode != 0:
        sys.exit(f"apply_examples: {' '.join(cmd)} failed ({out.returncode}):\n{out.stdout}")
    return out


def copy_tree(source, dest):
    listed = run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=source).stdout
    if os.path.exists(dest):
        shutil.rmtree(dest)
    for rel in filter(None, listed.split("\0")):
        src = os.path.join(source, rel)
        if rel.startswith("build") or not os.path.isfile(src):
            continue
        os.makedirs(os.path.join(dest, os.path.dirname(rel)), exist_ok=True)
        shutil.copy2(src, os.path.join(dest, rel))


def outside_any_repository(tree):
    """An environment in which git treats `tree` as plain files (it may lie inside the source
    checkout's build folder, and git apply would otherwise patch relative to that checkout)."""
    return dict(os.environ, GIT_CEILING_DIRECTORIES=os.path.dirname(os.path.abspath(tree)))


def touched_files(patch, tree):
    numstat = run(["git", "apply", "--numstat", patch], cwd=tree,
                  env=outside_any_repository(tree)).stdout
    return [line.split("\t")[2] for line in numstat.splitlines() if line.strip()]


def gtest(build, spec, env):
    """(passed test names, failed test names, output) of running "exe:filter" `spec`."""
    exe, filter_ = spec.split(":", 1)
    out = run([os.path.join(build, "tests", exe), f"--gtest_filter={filter_}"], env=env,
              check=False).stdout
    passed = re.findall(r"^\[       OK \] (\S+)", out, re.M)
    # "[  FAILED  ] Suite.Test/param (3 ms)" or "..., where GetParam() = ..."; not the summary.
    failed = sorted(set(re.findall(r"^\[  FAILED  \] ([^\s,]+\.[^\s,]+)", out, re.M)))
    return passed, failed, out


def apply(tree):
    """Applies every example to `tree`; returns the files each touches."""
    touched = []
    for ex in EXAMPLES:
        patch = os.path.join(HERE, ex["patch"])
        files = touched_files(patch, tree)
        print(f"apply_examples: {ex['patch']} touches {len(files)} files: {', '.join(files)}")
        if not files or len(files) > MAX_FILES:
            sys.exit(f"apply_examples: an example must touch 1 to {MAX_FILES} files")
        if not any(f.startswith("docs/") for f in files):
            sys.exit(f"apply_examples: {ex['patch']} documents nothing under docs/")
        run(["git", "apply", patch], cwd=tree, env=outside_any_repository(tree))
        for f in files:
            if f.endswith((".cpp", ".hpp")):
                run(["clang-format", "--dry-run", "-Werror", "--style=file", f], cwd=tree)
        touched.append(files)
    return touched


def build_tree(tree, cmake_args):
    env = dict(os.environ, CCACHE_BASEDIR=tree, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    build = os.path.join(tree, "build")
    launcher = []
    if shutil.which("ccache"):
        launcher = ["-DCMAKE_CXX_COMPILER_LAUNCHER=ccache", "-DCMAKE_C_COMPILER_LAUNCHER=ccache"]
    run(["cmake", "-S", tree, "-B", build, "-DCMAKE_BUILD_TYPE=Release", "-DSINEW_WERROR=ON",
         "-DSINEW_WITH_VIZ=OFF", "-DSINEW_BUILD_BENCHMARKS=OFF", *launcher, *cmake_args], env=env)
    jobs = os.environ.get("SINEW_JOBS", str(os.cpu_count() or 1))
    targets = sorted({ex[k].split(":")[0] for ex in EXAMPLES for k in ("tests", "docs")})
    run(["cmake", "--build", build, "-j", jobs, "--target", *targets], env=env)
    return build, env


def check(ex, files, source, tree, build, env):
    passed, failed, out = gtest(build, ex["tests"], env)
    mine = [t for t in passed if ex["name"] in t]
    print(f"apply_examples: {len(mine)} tests of '{ex['name']}' passed: {', '.join(mine)}")
    if failed or len(mine) < ex["min"]:
        sys.exit(f"apply_examples: expected >= {ex['min']} passing tests of '{ex['name']}' and "
                 f"no failure; failed: {failed}\n{out}")
    passed, failed, out = gtest(build, ex["docs"], env)
    if failed or not passed:
        sys.exit(f"apply_examples: the docs tests do not pass with {ex['patch']}\n{out}")
    docs = [f for f in files if f.startswith("docs/")]
    kept = {f: open(os.path.join(tree, f), encoding="utf-8").read() for f in docs}
    for f in docs:
        shutil.copy2(os.path.join(source, f), os.path.join(tree, f))
    passed, failed, out = gtest(build, ex["docs"], env)
    for f, text in kept.items():
        with open(os.path.join(tree, f), "w", encoding="utf-8") as out_file:
            out_file.write(text)
    if not failed:
        sys.exit(f"apply_examples: without the docs of {ex['patch']} the docs tests pass\n{out}")
    print(f"apply_examples: without {', '.join(docs)} of {ex['patch']} the docs tests fail: "
          f"{', '.join(failed)}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cmake-arg", action="append", default=[])
    a = ap.parse_args()
    tree = os.path.join(a.work, "src")
    copy_tree(a.source, tree)
    touched = apply(tree)
    build, env = build_tree(tree, a.cmake_arg)
    for ex, files in zip(EXAMPLES, touched):
        check(ex, files, a.source, tree, build, env)
    print("apply_examples: ok")


if __name__ == "__main__":
    main()
