// Applies scar regions to a finite-element model: the scar fraction at every quadrature point of
// the body and the blended fibre stiffness, matrix stiffness, dispersion and fibre direction.
#pragma once

#include <vector>

#include "fem/model.hpp"
#include "tissue/scar.hpp"

namespace sinew::tissue {

/// Reference position of every quadrature point (indexed like Model::point_fields).
std::vector<Vec3> quadrature_point_positions(const fem::Model& model);

/// Blends the point fields of `body_cells` by the scars and returns the scar fraction per point
/// (0 outside the body). Throws std::invalid_argument naming a scar whose core reaches no point
/// of the body (largest fraction below 0.5), e.g. a scar placed outside the tendon.
std::vector<Real> apply_scars(fem::Model& model, const std::vector<ScarRegion>& scars,
                              const std::vector<Index>& body_cells);

}  // namespace sinew::tissue
