#!/usr/bin/python3
# Checks that every C++ source file in engine/, tests/, tools/, viz/ and benchmarks/ is listed in
# some CMakeLists.txt: the build lists its sources explicitly (no file(GLOB)), so a file that is
# listed nowhere would silently not be compiled or tested.
"""Usage: python3 tools/check_source_lists.py [SOURCE_DIR]

A name in a CMakeLists.txt is read relative to that file's folder, except inside
`sinew_module(<name> ...)` (engine/CMakeLists.txt), where it is relative to the folder <name>.
Exit code 0 when every .cpp is listed and every listed .cpp exists, 1 with one line per
unlisted or missing file otherwise.
"""
import os
import re
import sys

FOLDERS = ("engine", "tests", "tools", "viz", "benchmarks")
SUFFIXES = (".cpp", ".cc")
NAME = re.compile(r"[\w.+/${}-]+\.(?:cpp|cc)\b")
MODULE_CALL = re.compile(r"\bsinew_module\s*\(\s*(\w+)([^)]*)\)")


def without_comments(text):
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


def listed_in(cmake_file, root):
    """(listed source path relative to root, cmake file relative to root) pairs."""
    folder = os.path.dirname(cmake_file)
    with open(cmake_file, encoding="utf-8") as f:
        text = without_comments(f.read())

    def resolve(base, name):
        name = name.replace("${CMAKE_CURRENT_SOURCE_DIR}/", "")
        name = name.replace("${PROJECT_SOURCE_DIR}/", os.path.relpath(root, base) + "/")
        return os.path.relpath(os.path.normpath(os.path.join(base, name)), root)

    found = []
    for call in MODULE_CALL.finditer(text):
        base = os.path.join(folder, call.group(1))
        found += [resolve(base, n) for n in NAME.findall(call.group(2))]
    rest = MODULE_CALL.sub("", text)
    found += [resolve(folder, n) for n in NAME.findall(rest)]
    return [p.replace(os.sep, "/") for p in found]


def walk(root, wanted):
    for top in FOLDERS:
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not d.startswith("build"))
            for name in sorted(files):
                if wanted(name):
                    yield os.path.join(folder, name)


def check(root):
    listed = {}
    cmake_files = [os.path.join(root, "CMakeLists.txt")]
    cmake_files += list(walk(root, lambda n: n == "CMakeLists.txt"))
    for cmake_file in cmake_files:
        if os.path.isfile(cmake_file):
            for path in listed_in(cmake_file, root):
                listed.setdefault(path, os.path.relpath(cmake_file, root))
    sources = [os.path.relpath(p, root).replace(os.sep, "/")
               for p in walk(root, lambda n: n.endswith(SUFFIXES))]
    failures = [f"{s}: listed in no CMakeLists.txt" for s in sources if s not in listed]
    failures += [f"{cmake}: lists {path}, which does not exist"
                 for path, cmake in sorted(listed.items())
                 if not os.path.isfile(os.path.join(root, path))]
    return len(sources), failures


def main(argv):
    root = os.path.abspath(argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    n_sources, failures = check(root)
    for line in failures:
        print(line, file=sys.stderr)
    print(f"check_source_lists: {n_sources} sources, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
