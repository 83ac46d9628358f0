#!/usr/bin/python3
# Applies one worked example of CONTRIBUTING.md to a copy of the source tree and proves what the
# guide promises: the example touches at most 3 files, its C++ passes the format check, the copy
# builds, the registry-driven parameterised tests and the docs test run the new entry and pass,
# and without the example's docs the docs test fails (so the docs check does see the entry).
"""Usage: apply_example.py --source DIR --work DIR --patch FILE --name LABEL
          --tests EXE:FILTER --docs-tests EXE:FILTER [--min-tests N] [--cmake-arg ARG]...

The copy is <work>/src (the files git lists, plus untracked ones not ignored), built in
<work>/src/build with ccache paths relative to <work>/src (objects shared with the main build).
EXE is a test executable of tests/ (built), FILTER a GoogleTest filter; LABEL is how the new
entry appears in test names. The --tests run must pass at least N tests naming LABEL; the
--docs-tests run must pass, and fail once the example's docs/ files are put back as they were.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

MAX_FILES = 3


def run(cmd, cwd=None, env=None, check=True):
    out = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True)
    if check and out.returncode != 0:
        sys.exit(f"apply_example: {' '.join(cmd)} failed ({out.returncode}):\n{out.stdout}")
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
    failed = re.findall(r"^\[  FAILED  \] (\S+) \(", out, re.M)
    return passed, failed, out


def main():
    ap = argparse.ArgumentParser()
    for opt in ("--source", "--work", "--patch", "--name", "--tests", "--docs-tests"):
        ap.add_argument(opt, required=True)
    ap.add_argument("--min-tests", type=int, default=1)
    ap.add_argument("--cmake-arg", action="append", default=[])
    a = ap.parse_args()
    tree = os.path.join(a.work, "src")
    copy_tree(a.source, tree)

    files = touched_files(a.patch, tree)
    print(f"apply_example: {a.patch} touches {len(files)} files: {', '.join(files)}")
    if not files or len(files) > MAX_FILES:
        sys.exit(f"apply_example: the example must touch 1 to {MAX_FILES} files")
    run(["git", "apply", a.patch], cwd=tree, env=outside_any_repository(tree))
    for f in files:
        if f.endswith((".cpp", ".hpp")):
            run(["clang-format", "--dry-run", "-Werror", "--style=file", f], cwd=tree)

    env = dict(os.environ, CCACHE_BASEDIR=tree, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    build = os.path.join(tree, "build")
    launcher = []
    if shutil.which("ccache"):
        launcher = ["-DCMAKE_CXX_COMPILER_LAUNCHER=ccache", "-DCMAKE_C_COMPILER_LAUNCHER=ccache"]
    run(["cmake", "-S", tree, "-B", build, "-DCMAKE_BUILD_TYPE=Release", "-DSINEW_WERROR=ON",
         "-DSINEW_WITH_VIZ=OFF", "-DSINEW_BUILD_BENCHMARKS=OFF", *launcher, *a.cmake_arg], env=env)
    jobs = os.environ.get("SINEW_JOBS", str(os.cpu_count() or 1))
    targets = sorted({a.tests.split(":")[0], a.docs_tests.split(":")[0]})
    run(["cmake", "--build", build, "-j", jobs, "--target", *targets], env=env)

    passed, failed, out = gtest(build, a.tests, env)
    mine = [t for t in passed if a.name in t]
    print(f"apply_example: {len(mine)} tests of '{a.name}' passed: {', '.join(mine)}")
    if failed or len(mine) < a.min_tests:
        sys.exit(f"apply_example: expected >= {a.min_tests} passing tests of '{a.name}' and no "
                 f"failure; failed: {failed}\n{out}")

    # The docs tests pass with the example's docs and fail without them: they see the entry.
    passed, failed, out = gtest(build, a.docs_tests, env)
    if failed or not passed:
        sys.exit(f"apply_example: the docs tests do not pass with the example\n{out}")
    docs = [f for f in files if f.startswith("docs/")]
    if not docs:
        sys.exit("apply_example: the example documents nothing under docs/")
    for f in docs:
        shutil.copy2(os.path.join(a.source, f), os.path.join(tree, f))
    passed, failed, out = gtest(build, a.docs_tests, env)
    if not failed:
        sys.exit(f"apply_example: without the example's {docs} the docs tests still pass\n{out}")
    print(f"apply_example: without {', '.join(docs)} the docs tests fail: {', '.join(failed)}")
    print("apply_example: ok")


if __name__ == "__main__":
    main()
