// Pairing of two facet sets whose nodes coincide (both sides of an interface between separate
// bodies with duplicated nodes), node by node, for zero-thickness interface elements.
#pragma once

#include <array>
#include <vector>

#include "mesh/mesh.hpp"

namespace sinew::mesh {

struct FacetPair {
  Facet primary;
  Facet secondary;
  int n_nodes = 0;  ///< 4 (quad) or 3 (tri; the 4th entries are -1)
  /// Mesh::facet_nodes(primary): outward order of the primary cell.
  std::array<Index, 4> primary_nodes{-1, -1, -1, -1};
  /// The secondary facet's nodes reordered so that secondary_nodes[i] coincides with
  /// primary_nodes[i] (for opposite-facing facets this is the secondary cell's outward order
  /// reversed, up to a cyclic shift).
  std::array<Index, 4> secondary_nodes{-1, -1, -1, -1};
};

/// Pairs every facet of `primary` with the facet of `secondary` whose nodes coincide with its
/// own within `tolerance` (mm, distance between nodes). Pairs come in the order of `primary`.
/// Expected O(n): a hash grid of the secondary facets' nodes, cell size >= tolerance.
/// Node ids may be shared (a facet paired with a conforming neighbour) or not (duplicated
/// interface nodes); only coordinates are compared.
///
/// Throws std::invalid_argument, saying what to fix, when: tolerance is not > 0; a facet is
/// not a face of the mesh; the two sets differ in size; a facet appears twice (in one set, or
/// in both); a primary facet's coincident facet has another node count; some primary facets
/// have no coincident secondary facet (how many, and the first one's cell, face, centroid);
/// one secondary facet coincides with two primary facets.
std::vector<FacetPair> pair_facets(const Mesh& mesh, const std::vector<Facet>& primary,
                                   const std::vector<Facet>& secondary, Real tolerance);

}  // namespace sinew::mesh
