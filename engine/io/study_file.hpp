// The study results file of `sinew run` (docs/results-schema.md): the single-run part files of a
// study's arms merged into one HDF5 file under /arms/<arm>, plus per-arm VTKHDF views that VTK
// 9.1 and ParaView 5.11 open as time series. Like results_writer.hpp, no HDF5 types here.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "simulation/view_field.hpp"

namespace sinew::io {

/// Provenance of the whole study, stored as root attributes of the study file. Sinew's version
/// (SINEW_VERSION) and the host name are filled in by merge_study itself.
struct StudyInfo {
  std::string scenario_file;      ///< the scenario file as given on the command line
  std::string scenario_text;      ///< its full text
  std::string command_line;       ///< empty: this process's command line
  std::string working_directory;  ///< empty: the current working directory
  std::string start_time;         ///< UTC ISO 8601; empty: the time of the merge
  std::string end_time;           ///< UTC ISO 8601; empty: the time of the merge
  /// "completed" or "failed"; empty: "completed" if every arm's `status` attribute is
  /// "completed", else "failed".
  std::string status;
  int threads = 0;         ///< OpenMP threads per arm; 0: the current maximum
  int jobs = 1;            ///< arms run at the same time
  int mpi_ranks = 1;       ///< MPI ranks of the study
  int blas_threads = 1;    ///< BLAS threads of the direct solvers' factorisations
  std::string git_commit;  ///< commit of the Sinew build ("" if unknown)
  /// The metrics the study compares (its `probes: metrics:`), in its order; empty: all.
  std::vector<std::string> compared_metrics;
};

/// Merges the arm part files `parts` (each a single-run results file, docs/results-schema.md,
/// possibly with extra root groups and attributes) into the study file `out`: root attributes
/// from `info` (schema "sinew-study 1"), and per part a group /arms/<arm> holding a copy of
/// every root object and every root attribute of the part, in the order of `parts`. The arm's
/// name is the part's root attribute `arm_name`, else the part's file stem; it must consist of
/// [A-Za-z0-9_.-] and not only of dots, and be unique.
///
/// The file is written as "<out>.part" and, with `views` (the arrays the views show, see
/// write_study_views), its views into "<stem>_vtk.part/"; both are put in place (replacing older
/// ones) only when complete. On any error the temporary file and folder are removed, `out` and its
/// views are left as they were, and std::runtime_error is thrown naming the file and the reason (a
/// WriteFailure when the disk is full, the folder read-only or a size limit reached).
void merge_study(const std::vector<std::filesystem::path>& parts, const std::filesystem::path& out,
                 const StudyInfo& info,
                 const std::optional<std::vector<simulation::ViewField>>& views = std::nullopt);

/// Where an arm of a merge comes from: a part file (`group` "/"), or the arm group of an earlier
/// study file (`group` "/arms/<arm>"), copied as it is so a merge can keep an arm whose part
/// file is gone or damaged.
struct ArmSource {
  std::filesystem::path file;
  std::string group = "/";
};

/// A merge that failed on one source: `source` is its index (it cannot be opened or copied).
class ArmSourceError : public std::runtime_error {
 public:
  ArmSourceError(std::size_t source, const std::string& what)
      : std::runtime_error(what), source_(source) {}
  std::size_t source() const { return source_; }

 private:
  std::size_t source_;
};

/// merge_study over arm sources; a source may be `out` itself (it is read before `out` is
/// replaced). Throws ArmSourceError when a source cannot be opened or copied (the merge is then
/// undone as for any error).
void merge_study(const std::vector<ArmSource>& arms, const std::filesystem::path& out,
                 const StudyInfo& info,
                 const std::optional<std::vector<simulation::ViewField>>& views = std::nullopt);

/// Writes the VTKHDF views of every arm of the study file `results` (<dir>/<stem>.h5) into
/// <dir>/<stem>_vtk/<arm>/: step_<s>.hdf and steps.hdf.series, and for arms with an interface
/// interface_<s>.hdf and interface.hdf.series, written into <stem>_vtk.part/ and moved into
/// place when all are written (view files of an earlier write are deleted then). The views show the
/// arrays of `fields` (the view list of the arms' output-field tables, simulation::view_fields; for
/// several models the union, add_view_fields) that an arm's group holds, in that order, then the
/// step's time; io itself names no field. Throws std::runtime_error.
void write_study_views(const std::filesystem::path& results,
                       const std::vector<simulation::ViewField>& fields);

/// The arm names of a study file, in the order the arms were merged. Throws std::runtime_error.
std::vector<std::string> study_arm_names(const std::filesystem::path& results);

}  // namespace sinew::io
