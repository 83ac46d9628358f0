// The footprint of a pressing patch (thumb, instrument edge) on a facet of the bed surface: the
// quadrature points of the part of the facet inside a rectangular window, so that a patch load
// integrates N_a p over the true covered area whatever the facet size. The window is a rectangle
// in the reference configuration, |(X - o).a - c| <= L/2 along the axis a and |(X - o).b| <= W/2
// across it (b = a x pressing side): on a bed facing the pressing side it covers exactly L x W.
#pragma once

#include <array>
#include <vector>

#include "core/types.hpp"
#include "fem/surface_kernels.hpp"

namespace sinew::interventions {

struct FootprintWindow {
  Vec3 origin = Vec3::Zero();   ///< o, mm (the scar centre)
  Vec3 axis = Vec3::UnitX();    ///< a, unit
  Vec3 across = Vec3::UnitY();  ///< b, unit, normal to a
  Real centre = 0.0;            ///< c, mm along a from o
  Real length = 0.0;            ///< L, mm
  Real width = 0.0;             ///< W, mm
};

using fem::FacetPoint;

/// Points of the part of the reference facet X (3 x n, n = 3 or 4) inside the window. The
/// parametric domain is cut into `subdivisions`^2 cells, each clipped by the window's four
/// half-spaces (Sutherland-Hodgman, with the constraint interpolated linearly along the cell's
/// edges) and integrated by a 7-point degree-5 triangle rule on a fan of the clipped polygon
/// (Dunavant 1985, Int J Numer Meth Eng 21:1129): exact for flat parallelogram and triangle
/// facets (the constraints are then affine in the parameters), second-order in the cell size
/// for warped ones. A facet wholly inside uses its ordinary Gauss rule; one wholly outside
/// gives no points.
std::vector<FacetPoint> footprint_points(const MatX& X, const FootprintWindow& w,
                                         int subdivisions = 4);

/// Reference area of the points (sum of weight x |X_xi x X_eta|), mm^2.
Real footprint_area(const MatX& X, const std::vector<FacetPoint>& points);

/// int N_a dA_0 over the points, per node (mm^2).
std::vector<Real> footprint_node_areas(const MatX& X, const std::vector<FacetPoint>& points);

}  // namespace sinew::interventions
