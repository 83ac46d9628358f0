// Writes a sinew-viz test fixture to a file, for tests that drive the report from outside C++
// (check_report_in_browser.py): `viz_fixture_writer OUT.h5 [--sweep]`.
#include <cstdio>
#include <cstring>
#include <exception>

#include "study_fixture.hpp"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3 || (argc == 3 && std::strcmp(argv[2], "--sweep") != 0)) {
    std::fprintf(stderr, "usage: viz_fixture_writer OUT.h5 [--sweep]\n");
    return 2;
  }
  try {
    if (argc == 3)
      sinew::viz::test::write_sweep_study_fixture(argv[1]);
    else
      sinew::viz::test::write_study_fixture(argv[1]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "viz_fixture_writer: %s\n", e.what());
    return 1;
  }
  return 0;
}
