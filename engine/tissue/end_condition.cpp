// Axial force on the loaded end of a tissue model (end_condition.hpp).
#include "tissue/end_condition.hpp"

#include <cmath>
#include <stdexcept>

#include "fem/surface_kernels.hpp"

namespace sinew::tissue {

int plate_component(const TissueRoles& roles) {
  int k = 0;
  const Real largest = roles.axis.cwiseAbs().maxCoeff(&k);
  if (largest < 1.0 - 1e-12)
    throw std::invalid_argument(
        "the rigid-plate end needs the tissue axis along x, y or z (or tissue.end_condition: "
        "traction)");
  return k;
}

void add_end_force(fem::Model& model, const TissueRoles& roles, Real force, int curve) {
  const auto& mesh = model.mesh;
  const auto& facets = mesh.facet_set(roles.loaded_end);
  if (roles.end_condition == EndCondition::Plate) {
    const int k = plate_component(roles);
    model.plates.push_back({roles.loaded_end, mesh.nodes_of_facets(facets), k, false,
                            force * roles.axis[k], curve});
    return;
  }
  Real area = 0.0;
  for (const auto& f : facets) {
    const auto nodes = mesh.facet_nodes(f);
    MatX X(3, static_cast<Index>(nodes.size()));
    for (size_t a = 0; a < nodes.size(); ++a) X.col(static_cast<Index>(a)) = mesh.points[nodes[a]];
    area += fem::facet_mass(X).sum();
  }
  if (!(area > 0.0))
    throw std::invalid_argument("the loaded end '" + roles.loaded_end + "' has no area");
  model.tractions.push_back({roles.loaded_end, facets, roles.axis * (force / area), curve});
}

void add_end_plate_travel(fem::Model& model, const TissueRoles& roles, Real travel, int curve) {
  const int k = plate_component(roles);
  model.plates.push_back({roles.loaded_end,
                          model.mesh.nodes_of_facets(model.mesh.facet_set(roles.loaded_end)), k,
                          true, travel * roles.axis[k], curve});
}

void add_end_spring(fem::Model& model, const TissueRoles& roles, Real stiffness, Real travel,
                    int curve) {
  if (!(stiffness > 0.0))
    throw std::invalid_argument("a series spring on the loaded end needs a stiffness > 0");
  const int k = plate_component(roles);
  model.plates.push_back({roles.loaded_end,
                          model.mesh.nodes_of_facets(model.mesh.facet_set(roles.loaded_end)), k,
                          false, travel * roles.axis[k], curve, stiffness});
}

}  // namespace sinew::tissue
