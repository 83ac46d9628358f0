// Writer of Gmsh MSH 4.1 ASCII meshes that read_gmsh reads back with the same cells, node
// numbering and named sets (e.g. generated meshes saved for a scenario or for viewing in Gmsh).
#pragma once

#include <iosfwd>

#include "mesh/mesh.hpp"

namespace sinew::mesh {

/// Writes `mesh` as MSH 4.1 ASCII. Node i gets tag i+1, cell c tag c+1, in order, so
/// read_gmsh gives the same node and cell numbering; coordinates are written in the shortest
/// form that reads back to the same double.
///
/// Physical groups (read_gmsh turns each into sets of its name):
///  - volume: each block name and element set, except "all". Cells are grouped into volume
///    entities by the groups they belong to, their block's group first, so read_gmsh puts them
///    back in a block of the same name (block_names then start with "all", as read_gmsh's
///    always do). A cell in block "all" that lies in an element set comes back in the block of
///    its first element set.
///  - surface: each facet set; each facet is written once as a quad4/tri3 element with its
///    nodes in the cell's outward order. read_gmsh maps an element to the lowest-numbered cell
///    with that face, so facet sets should hold boundary faces (faces of separate bodies with
///    duplicated nodes are distinct faces and survive).
///  - point: node sets that the groups above do not give. read_gmsh makes the node set of a
///    volume or surface group from its nodes, and unites groups of one name; so a node set is
///    written as point elements only for the nodes it has beyond the volume/surface group of the
///    same name (all of them when there is none). Node set "all" is never written.
/// Empty sets are written as names without entities and read back as empty sets.
///
/// Throws std::invalid_argument (nothing written) when the mesh has no cells, a node belongs
/// to no cell (read_gmsh would drop and renumber it), a set name is empty or holds '"' or a line
/// break, a facet set is called "all" (reserved), or a node set lacks some nodes of the element
/// or facet set of the same name (read_gmsh would add them).
void write_gmsh(const Mesh& mesh, std::ostream& out);

}  // namespace sinew::mesh
