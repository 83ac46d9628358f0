// A mesh written as a Gmsh file into the test temp folder for a model file to read. ctest runs
// tests of one executable as separate processes at once, so the file is written under a name of
// this process and renamed onto `name`: a test reading it never sees another's half-written file.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "mesh/gmsh_writer.hpp"
#include "mesh/mesh.hpp"

namespace sinew::testing {

inline std::string write_temp_mesh(const mesh::Mesh& m, const std::string& name) {
  const auto folder = std::filesystem::path(::testing::TempDir());
  const auto file = folder / name;
  const auto part = folder / (name + "." + std::to_string(::getpid()) + ".part");
  {
    std::ofstream out(part);
    mesh::write_gmsh(m, out);
  }
  std::filesystem::rename(part, file);
  return file.string();
}

}  // namespace sinew::testing
