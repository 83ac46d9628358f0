// One array of the VTKHDF views, as plain names: the view list of an output-field table
// (simulation::view_fields), handed to the study file writer so that io keeps no list of fields
// and needs no physics header to know what a results file holds.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace sinew::simulation {

struct ViewField {
  std::string name;        ///< dataset name in the results file and array name in the view
  std::string path;        ///< results-file path below the run's root, e.g. "/fields/displacement"
  bool point = false;      ///< PointData (values per node or interface point), else CellData
  bool interface = false;  ///< shown in the interface views, else in the step views
  bool per_step = true;    ///< one row per step; false: constant, shown whole in every view
};

/// Appends to `into` the entries of `more` whose path it does not hold yet (the union of the
/// view lists of several models, in first-seen order).
inline void add_view_fields(std::vector<ViewField>& into, const std::vector<ViewField>& more) {
  for (const auto& f : more)
    if (std::none_of(into.begin(), into.end(),
                     [&](const ViewField& g) { return g.path == f.path; }))
      into.push_back(f);
}

}  // namespace sinew::simulation
