// VTKHDF 1.0 step views of a results file, shared by the single-run writer and the study file
// (docs/results-schema.md, "The VTKHDF views"): one small file per step whose mesh arrays are
// external links and whose data arrays are virtual datasets on the step's row of the time-major
// datasets, both by a relative file name so the results and their views move together; and the
// `.hdf.series` index ParaView opens as one time series. Internal to engine/io/hdf5.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "hdf5_support.hpp"

namespace sinew::io::vtkhdf {

/// One array of a view: a virtual dataset on row `step` of a time-major source (step, inner...)
/// or, when not per step, on the whole source of shape `inner`.
struct ViewArray {
  std::string group;   ///< "PointData", "CellData" or "FieldData"
  std::string name;    ///< the results file's dataset name (view_array_name adds the unit)
  std::string source;  ///< dataset path in the results file
  std::vector<hsize_t> inner;
  bool per_step = true;
  h5::Handle type;    ///< the source's file type (invalid: 64-bit float)
  std::string units;  ///< written with a description when not empty
};

/// The array's name in the view: "<name> [<units>]" for point and cell arrays with a unit
/// ("cauchy_stress [MPa]", "fibre_stretch [1]", "bond_energy [N per mm]": a '/' would split the
/// HDF5 path), so that ParaView, which shows array names but no
/// HDF5 attribute, puts the unit in every list and colour-bar title; the field-data TimeValue
/// keeps the name readers look for. docs/paraview.md, "The arrays and their units".
std::string view_array_name(const ViewArray& a);

/// A VTKHDF 1.0 UnstructuredGrid view: the mesh arrays of `mesh_group` (points, connectivity,
/// offsets, types) and the data arrays.
struct ViewSpec {
  std::int64_t points = 0, cells = 0, connectivity_ids = 0;
  std::string mesh_group;
  std::vector<ViewArray> arrays;
};

/// Writes the view of step `step` to `path` (through a temporary file and a rename). The links
/// name the results file as `link_target`, relative to the view's folder.
void write_view(const std::filesystem::path& path, std::size_t step, const ViewSpec& spec,
                const std::string& link_target);

/// "<prefix>_000042.hdf": the view file of step 42 of a series ("step", "interface").
std::string view_file_name(const char* prefix, std::size_t step);

/// Writes `<folder>/<series>` listing `<prefix>_<s>.hdf` with the step times (ParaView's
/// file-series format 1.0; an empty list without steps), through a temporary file.
void write_series(const std::filesystem::path& folder, const char* prefix, const char* series,
                  const std::vector<double>& times);

/// Removes the step/interface view files and series indexes an earlier write left in `folder`
/// (other files are left alone), so that they cannot join a new series.
void remove_stale_views(const std::filesystem::path& folder);

/// Moves the views written into the staging folder `stage` (subfolders too) into `target`, after
/// removing the views an earlier write left there, and removes `stage`. Called only once the
/// results the views show are complete, so a failed run never touches the earlier views.
void install_views(const std::filesystem::path& stage, const std::filesystem::path& target);

/// "<target>.part": where the views of `target` are written until they are installed.
inline std::filesystem::path staging_folder(const std::filesystem::path& target) {
  return target.string() + ".part";
}

}  // namespace sinew::io::vtkhdf
