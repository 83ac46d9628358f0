// `sinew validate`, `sinew run`, `sinew merge` and `sinew slurm`: study files from the command
// line (thin wrappers over engine/scenario and engine/batch).
#pragma once

#include <string>
#include <vector>

#include "slurm_command.hpp"

namespace sinew::tools {

struct StudyOptions {
  std::string study_file;
  int jobs = 1;
  int threads = 0;
  std::string shard;           ///< "i/N" or empty
  bool fresh = false;          ///< ignore finished parts (no resume)
  bool quiet = false;          ///< no progress display
  double progress_every = 30;  ///< run, not on a terminal: seconds between status lines (0: none)
  bool verbose = false;        ///< run, merge: also print HDF5's error stacks
  std::vector<std::string> arms;  ///< run: only these arms (names or base arms; empty: all)
  bool skip_failed = false;       ///< run: keep failed arms' parts instead of rerunning them
  bool show = false;              ///< validate: print each arm's sweep values and sessions
};

int run_validate(const StudyOptions& o);
int run_study_command(const StudyOptions& o);
int run_merge(const StudyOptions& o);
int run_slurm(const SlurmOptions& o);

}  // namespace sinew::tools
