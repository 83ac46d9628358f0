// Reads a Sinew study results file ("sinew-study 1": one single-run layout per arm under
// /arms/<arm>, docs/results-schema.md) with the HDF5 C API. Only plain C++ types cross this
// header, so the rest of sinew-viz never sees HDF5. Every error is a std::runtime_error that
// names the file and the object.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sinew::viz {

/// Cells in VTK layout: points (3 per point), connectivity, offsets (cells + 1), VTK types.
struct CellMesh {
  std::vector<double> points;
  std::vector<std::int64_t> connectivity;
  std::vector<std::int64_t> offsets;
  std::vector<std::uint8_t> types;
  std::size_t n_points() const { return points.size() / 3; }
  std::size_t n_cells() const { return types.size(); }
};

/// One row of a dataset: `components` values per entity (point or cell).
struct FieldRow {
  std::vector<double> values;
  int components = 1;
  std::string units;
};

/// One session of an arm (/arms/<arm>/sessions/*).
struct Session {
  std::string name, intervention, evidence, evidence_grade;
  std::int64_t load_cases = 0, cycles = 0, first_step = 0, step_count = 0;
};

/// One metric (/arms/<arm>/metrics/<name>): one value per probe (NaN = not available).
struct Metric {
  std::string name, units, description;
  std::vector<double> values;
};

/// The probes of an arm's metrics: where along the study each metric row was taken.
struct Probes {
  std::vector<std::int64_t> session_index;
  std::vector<std::string> session_name, stage;
  std::vector<double> time;
  std::size_t size() const { return stage.size(); }
};

/// Everything small about one arm (the large fields are read on demand).
struct ArmSummary {
  std::string name;  ///< group name under /arms
  std::string status, failure_reason, arm_name, base_arm, spec_hash, arm_spec, sweep;
  std::vector<double> time;  ///< (S) s; empty for an arm that failed before its first step
  std::vector<Session> sessions;
  std::vector<Metric> metrics;  ///< in the file's (creation or name) order
  Probes probes;
  bool has_interface = false;
  bool undeformed_row = false;  ///< row 0 is the undeformed state at t = 0 (step `initial`)
  std::size_t steps() const { return time.size(); }
  /// Reported load steps: the rows after the undeformed one.
  std::size_t load_steps() const { return steps() - (undeformed_row && !time.empty() ? 1 : 0); }
};

/// Root attributes and the arms' summaries.
struct StudySummary {
  std::map<std::string, std::string> attributes;  ///< root string attributes
  std::vector<ArmSummary> arms;                   ///< in creation order (else name order)
  std::string attribute(const std::string& key) const;
};

/// An open study file. Not copyable; closes the file on destruction.
class StudyFile {
 public:
  /// Opens `path` read-only and checks the root attribute `schema` ("sinew-study 1").
  explicit StudyFile(const std::filesystem::path& path);
  ~StudyFile();
  StudyFile(const StudyFile&) = delete;
  StudyFile& operator=(const StudyFile&) = delete;

  /// Root attributes, arm attributes, time, sessions, metrics and probes of every arm.
  StudySummary read_summary() const;

  /// The reference mesh of an arm (/arms/<arm>/mesh).
  CellMesh read_mesh(const std::string& arm) const;
  /// The interface surface of an arm (/arms/<arm>/interface/mesh).
  CellMesh read_interface_mesh(const std::string& arm) const;

  /// Row `step` of the per-step dataset /arms/<arm>/<path> (shape (S, n) or (S, n, k)).
  FieldRow read_step_row(const std::string& arm, const std::string& path, std::size_t step) const;
  /// A whole static dataset /arms/<arm>/<path> (shape (n) or (n, k)).
  FieldRow read_static(const std::string& arm, const std::string& path) const;
  /// Whether /arms/<arm>/<path> exists (every intermediate group too).
  bool exists(const std::string& arm, const std::string& path) const;

  /// Cell ids of the set `name`: /mesh/element_sets/<name> if stored, else the cells whose
  /// nodes all lie in /mesh/node_sets/<name>; nullopt if neither exists.
  std::optional<std::vector<std::int64_t>> read_cell_set(const std::string& arm,
                                                         const std::string& name,
                                                         const CellMesh& mesh) const;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  std::int64_t file_ = -1;  // hid_t
};

}  // namespace sinew::viz
