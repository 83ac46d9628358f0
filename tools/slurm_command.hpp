// `sinew slurm`: writes a study's SLURM scripts (an array job whose tasks run arms balanced by
// estimated cost, a merge job that waits for it and renders the report, and a submit script).
// Paths in the scripts are relative to the folder they are written to, which is the folder
// they are submitted from (docs/cluster.md).
#pragma once

#include <string>

#include "materials/register.hpp"
#include "scenario/study_spec.hpp"

namespace sinew::tools {

struct SlurmOptions {
  std::string study_file;
  int tasks = 1;           ///< array tasks
  int cpus = 2;            ///< --cpus-per-task of each array task (its OpenMP threads)
  std::string dir;         ///< where the scripts go (default: beside the study)
  std::string sbatch;      ///< extra #SBATCH options, ';'-separated
  std::string preamble;    ///< file whose lines go before the commands (modules, environment)
  std::string time;        ///< --time of each job
  std::string mem;         ///< --mem of each job
  std::string partition;   ///< --partition of each job
  std::string viz;         ///< sinew-viz for the report (default: found beside sinew)
  bool no_report = false;  ///< the merge job does not render the report
};

/// Checks the options and writes the scripts for `study` (loaded and valid); prints what it
/// wrote and the arm plan. Returns 0, or 2 for a bad option (message on stderr).
int write_slurm_scripts(const scenario::StudySpec& study, const SlurmOptions& options,
                        const materials::MaterialRegistry& materials);

}  // namespace sinew::tools
