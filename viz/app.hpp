// sinew-viz's work after command-line parsing: check the choices, read the study, render the
// pictures and charts, write index.html. Kept out of main.cpp so main stays a thin CLI shell.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace sinew::viz {

struct Options {
  std::filesystem::path results;
  std::string field = "max_principal_green_lagrange_strain";
  std::vector<std::string> arms;       ///< empty: all
  std::optional<std::string> session;  ///< name or 0-based index; none: last step
  std::filesystem::path output;        ///< empty: <stem>_report next to the file
  std::string size = "1200x800";
  std::string view = "oblique";
};

/// Runs sinew-viz. Returns the exit code: 0 done, 1 a rendering or write failure, 2 a wrong
/// choice (field, arm, session, size, view), an unreadable file or no X display.
/// Messages go to `out` (progress) and `err` (errors).
int run(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace sinew::viz
