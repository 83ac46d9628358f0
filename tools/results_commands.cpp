// The results-file subcommands: read with io/study_summary, formatted by tidy_table and
// comparison_table.
#include "results_commands.hpp"

#include <cerrno>
#include <cstdio>
#include <iostream>

#include "batch/part_check.hpp"
#include "comparison_table.hpp"
#include "core/file_checks.hpp"
#include "io/hdf5_errors.hpp"
#include "io/study_summary.hpp"
#include "tidy_table.hpp"

namespace sinew::tools {

namespace {

// The arms of a readable study results file; false after saying why it is not one.
bool read_arms(const std::string& results, std::vector<io::ArmSummary>& arms) {
  io::show_hdf5_error_stacks(false);
  if (const std::string problem = special_file_problem(results); !problem.empty()) {
    std::cerr << "error: " << results << ": " << problem << "\n";
    return false;
  }
  // HDF5 1.10 can crash on damaged metadata (a bit flip in a string's heap entry), so a file whose
  // bytes no longer match the checksum the merge wrote beside it is never parsed.
  if (const std::string problem = batch::checksum_problem(results); !problem.empty()) {
    std::cerr << "error: " << results << ": " << problem << "\n";
    return false;
  }
  try {
    arms = io::read_study_summary(results);
    return true;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << " (expected the study results file of `sinew run`)\n";
    return false;
  }
}

}  // namespace

int run_export(const ExportOptions& o) {
  if (!o.csv) {
    std::cerr << "error: choose a format: --csv\n";
    return 2;
  }
  std::vector<io::ArmSummary> arms;
  if (!read_arms(o.results, arms)) return 2;
  const TidyTable table = tidy_table(arms);
  if (o.output.empty()) {
    write_csv(stdout, table);
    return 0;
  }
  if (const std::string problem = output_path_problem(o.output, {".csv"}); !problem.empty()) {
    std::cerr << "error: " << o.output << ": " << problem << "\n";
    return 2;
  }
  std::FILE* f = std::fopen(o.output.c_str(), "w");
  if (!f) {
    std::cerr << "error: " << write_failure_message(errno, o.output) << "\n";
    return 2;
  }
  write_csv(f, table);
  const bool failed = std::ferror(f) != 0;
  const int err = errno;
  if (std::fclose(f) != 0 || failed) {
    std::cerr << "error: " << write_failure_message(err, o.output) << "\n";
    return 2;
  }
  return 0;
}

int run_table(const std::string& results) {
  std::vector<io::ArmSummary> arms;
  if (!read_arms(results, arms)) return 2;
  try {
    print_comparison_table(stdout, arms, io::read_compared_metrics(results));
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

}  // namespace sinew::tools
