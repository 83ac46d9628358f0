// `sinew export` and `sinew table`: a finished study results file read back (no study file, no
// solving): the tidy CSV of its metrics, and the comparison table the run printed.
#pragma once

#include <string>

namespace sinew::tools {

struct ExportOptions {
  std::string results;  ///< the study results file (.h5)
  bool csv = false;     ///< the tidy CSV (the only format so far)
  std::string output;   ///< file to write; empty: standard output
};

/// 0 written, 2 the file cannot be read or the output cannot be written.
int run_export(const ExportOptions& o);

/// Prints the comparison table of a study results file; 0, or 2 when it cannot be read.
int run_table(const std::string& results);

}  // namespace sinew::tools
