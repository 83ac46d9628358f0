#!/usr/bin/python3
# Self-test of tools/check_source_lists.py on a small tree with a forgotten file, so the
# source-list check (ctest lint_check_source_lists) cannot pass by checking nothing.
import os
import subprocess
import sys
import tempfile
import unittest

CHECKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_source_lists.py")

ENGINE = """# two modules
sinew_module(core
  SOURCES types.cpp linear/solver.cpp  # a comment naming ghost.cpp
  DEPS Eigen3::Eigen)
sinew_module(mesh SOURCES mesh.cpp DEPS sinew_core)
"""
TESTS = "sinew_test_executable(test_mesh sinew_mesh SOURCES unit/mesh/test_mesh.cpp)\n"
TOOLS = "add_executable(sinew main.cpp ${CMAKE_CURRENT_SOURCE_DIR}/run.cpp)\n"


def write(root, relpath, text=""):
    path = os.path.join(root, relpath)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def run(root):
    done = subprocess.run([sys.executable, CHECKER, root], capture_output=True, text=True,
                          check=False)
    return done.returncode, done.stdout, done.stderr


class CheckSourceLists(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = self.tmp.name
        write(self.root, "CMakeLists.txt", "add_subdirectory(engine)\n")
        write(self.root, "engine/CMakeLists.txt", ENGINE)
        write(self.root, "tests/CMakeLists.txt", TESTS)
        write(self.root, "tools/CMakeLists.txt", TOOLS)
        for f in ("engine/core/types.cpp", "engine/core/linear/solver.cpp", "engine/mesh/mesh.cpp",
                  "tests/unit/mesh/test_mesh.cpp", "tools/main.cpp", "tools/run.cpp",
                  "engine/core/types.hpp", "build/engine/generated.cpp"):
            write(self.root, f)

    def tearDown(self):
        self.tmp.cleanup()

    def test_complete_lists_pass(self):
        code, out, err = run(self.root)
        self.assertEqual(code, 0, err)
        self.assertIn("check_source_lists: 6 sources, 0 problems", out)

    def test_forgotten_files_fail_by_name(self):
        write(self.root, "engine/mesh/extra.cpp")
        write(self.root, "engine/core/ghost.cpp")      # named only in a comment
        write(self.root, "engine/core/mesh.cpp")       # listed, but for the module mesh
        write(self.root, "benchmarks/micro/b.cpp")     # a folder without a CMakeLists.txt
        code, _, err = run(self.root)
        self.assertEqual(code, 1)
        self.assertEqual(sorted(err.strip().splitlines()), [
            "benchmarks/micro/b.cpp: listed in no CMakeLists.txt",
            "engine/core/ghost.cpp: listed in no CMakeLists.txt",
            "engine/core/mesh.cpp: listed in no CMakeLists.txt",
            "engine/mesh/extra.cpp: listed in no CMakeLists.txt"])

    def test_listed_file_that_does_not_exist_fails(self):
        os.remove(os.path.join(self.root, "tools/run.cpp"))
        code, _, err = run(self.root)
        self.assertEqual(code, 1)
        self.assertEqual(err.strip(), "tools/CMakeLists.txt: lists tools/run.cpp, which does not "
                                      "exist")


if __name__ == "__main__":
    unittest.main()
