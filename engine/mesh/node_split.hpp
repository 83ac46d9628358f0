// Splitting a conforming mesh along the common surface of two bodies: the nodes the two bodies
// share are duplicated so that they touch only through a zero-thickness interface (Gmsh
// produces conforming meshes by default; the interface elements need two coincident sides).
#pragma once

#include <string>

#include "mesh/mesh.hpp"

namespace sinew::mesh {

struct NodeSplit {
  Index nodes = 0;   ///< nodes duplicated (shared by the two bodies before the split)
  Index facets = 0;  ///< faces of the common surface (facets on each side)
};

/// Duplicates every node used by cells of both element sets `primary_body` and
/// `secondary_body`: the secondary body's cells get new nodes at the same positions, the
/// primary body's keep the originals. The faces the two bodies shared become the facet sets
/// `primary_facets` (faces of primary cells) and `secondary_facets` (faces of secondary
/// cells), replacing sets of those names, with their node sets. Every other node set that held
/// a split node holds the copy as well, except a set with an element or facet set of the same
/// name (a Gmsh physical group): it keeps the copies its own cells or facets use. Cells of
/// neither body keep the originals. Cells and facets keep their indices.
///
/// Bodies that share no node leave the mesh unchanged (returns zeros). Throws
/// std::invalid_argument when a set is unknown or a cell belongs to both bodies.
NodeSplit split_shared_nodes(Mesh& mesh, const std::string& primary_body,
                             const std::string& secondary_body, const std::string& primary_facets,
                             const std::string& secondary_facets);

}  // namespace sinew::mesh
