// Writes one model run to a plain HDF5 results file (docs/results-schema.md), step by step, plus
// a folder of VTKHDF views that VTK 9.1 and ParaView 5.11 open as a time series.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "model/model_definition.hpp"
#include "simulation/step_output.hpp"

namespace sinew::io {

/// Provenance stored as root attributes of the results file.
struct RunInfo {
  std::string model_file;    ///< the model file as given on the command line
  std::string model_text;    ///< its full text
  std::string command_line;  ///< empty: this process's command line (/proc/self/cmdline)
  int threads = 0;           ///< OpenMP threads; 0: the current maximum
};

struct ResultsOptions {
  int gzip_level = 4;  ///< 0-9; 0 stores the fields uncompressed
  /// Also write <stem>_vtk/: VTKHDF step files and steps.hdf.series, and for models with an
  /// interface interface_<s>.hdf and interface.hdf.series.
  bool vtk_views = true;
  /// When the run fails (close(false) or no close) and `path` already holds results, keep them
  /// and their views and remove the new file; false: the failed run's file replaces them.
  bool keep_existing_on_failure = true;
};

/// One column of a small table written at once (metrics, sessions): a 1-D dataset.
struct TableColumn {
  std::string name;
  std::string units;  ///< "1" for dimensionless values, ids and text
  std::string description;
  std::variant<std::vector<double>, std::vector<std::int64_t>, std::vector<std::string>> values;
};

/// Writer for one run. The file is written as "<path>.part" and its views into
/// "<stem>_vtk.part/"; close() (or the destructor) fsyncs the file, renames it to `path` and
/// moves the views into "<stem>_vtk/", so `path` only ever holds a finished file and the views
/// match it. A failed run does not replace earlier results (ResultsOptions), and a failed write
/// (full disk, read-only folder, size limit: a WriteFailure naming the file) removes the new
/// file and views. Every write_step() is flushed: a process killed between steps leaves
/// "<path>.part" readable with the steps written so far (status "running"); the next writer to
/// `path` removes what such a run left.
///
/// Not thread-safe; call it from the thread that runs the model (run_model's on_output).
class ResultsWriter {
 public:
  /// Creates the file and writes the provenance and the mesh. `def` must outlive the writer.
  /// Throws std::runtime_error when the file cannot be written (message names the file and the
  /// reason). Point stresses come from the run's problem passed in each StepOutput (no second
  /// copy of the model's matrices); a step without one makes the writer build its own.
  ResultsWriter(const std::filesystem::path& path, const model::ModelDefinition& def, RunInfo info,
                ResultsOptions options = {});
  /// Without close(): as close(false, "interrupted: ..."), never throws; after a failed write,
  /// removes the new file.
  ~ResultsWriter();
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  /// Appends one reported step: time, every field of the model's output-field table
  /// (simulation/output_table.hpp: displacement, cell averages, the materials' state variables,
  /// for models with an interface the per-facet fields) evaluated at u on the step's problem,
  /// reactions of the model's output sets, and the step's VTKHDF views.
  /// Throws std::runtime_error on a write failure.
  void write_step(const simulation::StepOutput& out, const VecX& u);

  /// Writes (or replaces) a string attribute of the file's root group.
  void write_attribute(const std::string& name, const std::string& value);
  void write_attribute(const std::string& name, std::int64_t value);

  /// Writes a group `group` (created, or replaced when present) holding one dataset per column,
  /// each with `units` and `description`; the group gets `description`.
  void write_table(const std::string& group, const std::string& description,
                   const std::vector<TableColumn>& columns);

  /// Removes the field datasets not named in `keep` from /fields and /state (and /interface
  /// unless "interface" is in `keep`); views are not rewritten. Call before close().
  void keep_only_fields(const std::set<std::string>& keep);

  /// Records the end time and status ("completed", or "failed" with `failure`), closes the file
  /// and renames it to its final name. Further calls do nothing.
  void close(bool completed, const std::string& failure = {});

  std::size_t steps_written() const;
  /// True after a failed run whose new file was removed so that the earlier results stay.
  bool kept_existing() const;
  const std::filesystem::path& path() const;            ///< final name
  const std::filesystem::path& temporary_path() const;  ///< name while writing
  const std::filesystem::path& vtk_folder() const;      ///< <stem>_vtk (written if vtk_views)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// This process's command line, arguments shell-quoted where needed ("" if unavailable).
std::string process_command_line();

/// Current UTC time as ISO 8601, e.g. "2024-05-01T12:34:56Z".
std::string iso8601_utc_now();

}  // namespace sinew::io
