// Pictures of the deformed body coloured by one field: gathering one arm's data into a Frame
// (plain data), the common colour range and camera, and rendering a Frame to a PNG with VTK.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "selection.hpp"
#include "study_reader.hpp"

namespace sinew::viz {

enum class View { Oblique, Top, Front, Side };

/// The --view values and their View.
const std::vector<std::pair<std::string, View>>& known_views();

using Bounds = std::array<double, 6>;  ///< xmin xmax ymin ymax zmin zmax

/// One arm's picture as plain data.
struct Frame {
  std::string arm;
  std::string title;           ///< arm, session, time
  CellMesh shown;              ///< deformed cells that carry the colours
  std::vector<double> values;  ///< one per cell of `shown` (or per point if point_values)
  bool point_values = false;
  CellMesh context;           ///< deformed cells drawn translucent grey (e.g. the sheath)
  std::string units;          ///< units of `values`
  std::string body;           ///< which cells are `shown`, for the report
  std::string mesh_key;       ///< arms with the same key share a camera
  Bounds reference_bounds{};  ///< of the whole reference mesh
  Bounds deformed_bounds{};   ///< of shown + context, deformed
};

/// Reads the arm's data at `step` for `field`. Body cells: the element set (else node set)
/// `tendon` or `fascia` if the mesh has one, the other cells become translucent context;
/// otherwise every cell is shown. Interface fields show the interface surface alone.
/// Throws std::runtime_error if the arm lacks the field.
Frame build_frame(const StudyFile& file, const ArmSummary& arm, const FieldInfo& field,
                  std::size_t step, const std::string& session);

/// Smallest and largest finite value over all frames (a flat range is widened a little).
std::array<double, 2> common_range(const std::vector<Frame>& frames);

/// Camera bounds of every frame: the union of the reference and deformed bounds over all
/// frames with the same mesh_key, so arms of one model are seen from the same place.
std::vector<Bounds> shared_camera_bounds(const std::vector<Frame>& frames);

struct RenderSettings {
  int width = 1200, height = 800;
  View view = View::Oblique;
  std::string bar_title;              ///< e.g. "fibre_damage [1]"
  std::array<double, 2> range{0, 1};  ///< colour range (same for all arms)
};

/// Renders `frame` off screen (needs an X display: DISPLAY or a virtual one, Xvfb) into the PNG
/// `out`. Throws std::runtime_error on failure.
void render_frame(const Frame& frame, const Bounds& camera_bounds, const RenderSettings& settings,
                  const std::filesystem::path& out);

}  // namespace sinew::viz
