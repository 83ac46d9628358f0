// Reading back what the comparison table and resume need: the status and specification hash of
// an arm's part file, and each arm's metrics and sessions from a study results file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sinew::io {

struct PartSummary {
  std::string status;      ///< "completed", "failed" (root attribute `status`)
  std::string arm_status;  ///< "completed", "failed", "interrupted" (attribute `arm_status`)
  std::string spec_hash;
};

/// The summary of a finished part file; nullopt when it is missing or unreadable.
std::optional<PartSummary> read_part_summary(const std::filesystem::path& part);

/// Why the part file `part` cannot be trusted, "" when it can: it must open as HDF5, have the
/// root attributes `spec_hash` and `arm_status`, and a `/metrics` table whose every metric
/// reads with one value per probe.
std::string part_problem(const std::filesystem::path& part);

/// An arm of a study results file, as resume and merge compare it with the study.
struct StoredArm {
  std::string name, spec_hash;
  std::string status;  ///< `arm_status`, else `status`
};

/// The arms of the study results file `results`, in the file's order. Throws
/// std::runtime_error naming the file when it cannot be read.
std::vector<StoredArm> read_stored_arms(const std::filesystem::path& results);

struct ArmSummary {
  std::string name, status, failure;
  std::string base_arm;  ///< the study's arm before sweep expansion (attribute `base_arm`)
  std::string sweep;     ///< JSON object of the arm's sweep values (attribute `sweep`)
  std::vector<std::string> metric_names, metric_units;
  std::vector<std::vector<double>> values;  ///< [metric][probe]
  std::vector<std::int64_t> probe_session;
  std::vector<double> probe_time;  ///< s
  std::vector<std::string> probe_session_name, probe_stage;
  std::vector<std::string> session_names, session_interventions, session_summaries, session_grades,
      session_evidence;
  std::vector<std::int64_t> session_cycles;
};

/// Every arm of a study results file (`/arms/<arm>`), in the file's order. Throws
/// std::runtime_error naming the file when it cannot be read.
std::vector<ArmSummary> read_study_summary(const std::filesystem::path& results);

/// The metrics the study compares (root attribute `compared_metrics`), in the study's order;
/// every metric of tissue::metric_table() for a file without it. Throws std::runtime_error.
std::vector<std::string> read_compared_metrics(const std::filesystem::path& results);

}  // namespace sinew::io
