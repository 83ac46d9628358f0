#!/usr/bin/python3
# Self-test of tools/check_includes.py on small source trees with known violations, so the
# include check (ctest lint_check_includes) cannot pass by checking nothing.
import os
import subprocess
import sys
import tempfile
import unittest

CHECKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_includes.py")

TABLE = """# three layers
module core:
module fem: core
module io: core fem
module tools: core fem io
physics: core fem
headers HDF5 = hdf5* H5* | io
headers MPI = mpi.h | tools
"""


def write(root, relpath, text):
    path = os.path.join(root, relpath)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def run(root):
    done = subprocess.run([sys.executable, CHECKER, root], capture_output=True, text=True,
                          check=False)
    return done.returncode, done.stdout, done.stderr


class CheckIncludes(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = self.tmp.name
        write(self.root, "engine/modules.txt", TABLE)
        write(self.root, "engine/core/types.hpp", "#pragma once\n")
        write(self.root, "engine/fem/model.cpp", '#include "core/types.hpp"\n#include "model.hpp"\n')
        write(self.root, "engine/io/file.cpp", '#include "fem/model.hpp"\n#include <hdf5.h>\n')
        write(self.root, "tools/main.cpp", '#include "io/file.hpp"\n#include <mpi.h>\n')
        write(self.root, "tools/notes.py", '#include "io/never_scanned.hpp"\n')

    def tearDown(self):
        self.tmp.cleanup()

    def test_clean_tree_passes(self):
        code, out, err = run(self.root)
        self.assertEqual(code, 0, err)
        self.assertIn("check_includes: 4 files, 0 violations, 0 known", out)

    def test_lower_module_including_higher_fails_with_location_and_rule(self):
        write(self.root, "engine/core/types.cpp",
              '#include "core/types.hpp"\n\n#include "fem/model.hpp"\n')
        code, _, err = run(self.root)
        self.assertEqual(code, 1)
        self.assertEqual(err.strip().splitlines(), [
            'engine/core/types.cpp:3: #include "fem/model.hpp": core includes no other module '
            "(engine/modules.txt)"])

    def test_physics_module_including_hdf5_or_mpi_fails(self):
        write(self.root, "engine/fem/output.hpp", "#pragma once\n#include <H5Cpp.h>\n")
        write(self.root, "engine/core/par.cpp", "  #  include <mpi.h>\n")
        code, _, err = run(self.root)
        self.assertEqual(code, 1)
        self.assertEqual(sorted(err.strip().splitlines()), [
            "engine/core/par.cpp:1: #include <mpi.h>: physics module core includes no MPI "
            "header (docs/architecture.md)",
            "engine/fem/output.hpp:2: #include <H5Cpp.h>: physics module fem includes no HDF5 "
            "header (docs/architecture.md)"])

    def test_family_limited_to_files_and_headers_that_expose_it(self):
        # Only io/*_reader.cpp may use YAML, directly or through io/yaml_node.hpp.
        write(self.root, "engine/modules.txt", TABLE + 'headers YAML = yaml-cpp/* "io/yaml_node.hpp" '
              "| io/yaml_node.* io/*_reader.cpp\n")
        write(self.root, "engine/io/yaml_node.hpp", "#pragma once\n#include <yaml-cpp/yaml.h>\n")
        write(self.root, "engine/io/model_reader.cpp", '#include "io/yaml_node.hpp"\n')
        code, _, err = run(self.root)
        self.assertEqual(code, 0, err)
        write(self.root, "engine/io/builder.cpp", '#include "io/yaml_node.hpp"\n')
        write(self.root, "tools/main.cpp", '#include <yaml-cpp/yaml.h>\n')
        code, _, err = run(self.root)
        self.assertEqual(code, 1)
        self.assertEqual(sorted(err.strip().splitlines()), [
            'engine/io/builder.cpp:1: #include "io/yaml_node.hpp": only io/*_reader.cpp '
            "io/yaml_node.* include YAML headers (engine/modules.txt)",
            "tools/main.cpp:1: #include <yaml-cpp/yaml.h>: only io/*_reader.cpp io/yaml_node.* "
            "include YAML headers (engine/modules.txt)"])

    def test_unknown_module_relative_climb_and_unlisted_folder_fail(self):
        write(self.root, "engine/fem/a.cpp", '#include "../io/file.hpp"\n#include "gui/w.hpp"\n')
        write(self.root, "engine/extra/b.cpp", "\n")
        code, _, err = run(self.root)
        self.assertEqual(code, 1)
        lines = err.strip().splitlines()
        self.assertEqual(len(lines), 3, err)
        self.assertIn("engine/extra/b.cpp: module 'extra' is missing from engine/modules.txt",
                      lines)
        self.assertTrue(any(l.startswith('engine/fem/a.cpp:1: #include "../io/file.hpp"')
                            for l in lines))
        self.assertTrue(any(l.startswith('engine/fem/a.cpp:2: #include "gui/w.hpp"')
                            for l in lines))

    def test_known_violation_is_reported_but_tolerated_and_must_not_go_stale(self):
        write(self.root, "engine/fem/par.cpp", "#include <mpi.h>\n")
        with open(os.path.join(self.root, "engine/modules.txt"), "a", encoding="utf-8") as f:
            f.write("known engine/fem/par.cpp <mpi.h>: to be moved\n")
        code, out, err = run(self.root)
        self.assertEqual(code, 0, err)
        self.assertIn("engine/fem/par.cpp:1: #include <mpi.h>", out)
        self.assertIn("1 known", out)
        os.remove(os.path.join(self.root, "engine/fem/par.cpp"))
        code, _, err = run(self.root)
        self.assertEqual(code, 1)
        self.assertIn("known violation 'engine/fem/par.cpp <mpi.h>' is gone", err)

    def test_table_must_match_the_modules_each_module_links(self):
        cmake = ("sinew_module(core SOURCES a.cpp DEPS Eigen3::Eigen)\n"
                 "sinew_module(fem SOURCES model.cpp DEPS sinew_core)  # fem: DEPS sinew_io\n"
                 "sinew_module(io\n  SOURCES file.cpp\n  DEPS sinew_fem hdf5::hdf5)\n")
        write(self.root, "engine/CMakeLists.txt", cmake)
        self.assertEqual(run(self.root)[0], 0)
        write(self.root, "engine/CMakeLists.txt", cmake.replace("DEPS sinew_fem", "DEPS sinew_core"))
        code, _, err = run(self.root)
        self.assertEqual(code, 1)
        self.assertEqual(err.strip(), "engine/modules.txt: io may include core fem but "
                                      "engine/CMakeLists.txt links core")

    def test_table_letting_a_physics_module_use_mpi_or_with_a_cycle_is_rejected(self):
        write(self.root, "engine/modules.txt", TABLE.replace("mpi.h | tools", "mpi.h | tools fem"))
        self.assertEqual(run(self.root)[0], 2)
        write(self.root, "engine/modules.txt", TABLE.replace("module core:", "module core: io"))
        code, _, err = run(self.root)
        self.assertEqual(code, 2)
        self.assertIn("include cycle", err)


if __name__ == "__main__":
    unittest.main()
