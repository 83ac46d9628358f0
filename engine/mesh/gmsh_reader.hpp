// Reader for Gmsh MSH 4.1 ASCII meshes: hex8/tet4 cells, physical groups as named sets.
#pragma once

#include <iosfwd>
#include <string>

#include "mesh/mesh.hpp"

namespace sinew::mesh {

/// Reads a Gmsh MSH 4.1 ASCII file (Gmsh: `-format msh41`, Mesh.Binary = 0).
///
/// Cells: hex8 (Gmsh type 5) and tet4 (type 4), node order kept (Gmsh's equals VTK's); a cell
/// with negative volume is mirrored (hex: nodes 1<->3, 5<->7; tet: 1<->2) so that every cell
/// has positive volume. tri3/quad4 elements are only used as boundary facets, point and line2
/// elements only for node sets. Node tags may be non-contiguous; nodes are numbered 0.. in file
/// order, and nodes that belong to no cell are dropped (they would make the stiffness singular).
///
/// Physical groups become sets named by their physical name, or "<kind>_<tag>" without one
/// (kind = point, curve, surface, volume):
///  - 3-D: element set + node set of its cells' nodes, and a material block (block_names);
///    a cell takes the block of its entity's first physical volume; cells in none stay in
///    block 0, "all".
///  - 2-D: facet set (each tri3/quad4 matched to a cell face by its nodes; a face shared by two
///    cells is matched to the lower-numbered cell) + node set of its nodes.
///  - 0-D and 1-D: node set.
/// Groups of different dimensions with the same name share one node set (the union).
/// Node set "all" and element set "all" hold everything; the name "all" is reserved.
///
/// Throws InputError (file:line:col) for a file it cannot read: other versions, binary files,
/// malformed or truncated lines, unknown node tags, unsupported element types, boundary
/// elements that are no cell face, degenerate cells, hexes with a non-positive corner
/// Jacobian (nodes out of order), partitioned meshes.
///
/// Limits: one record per line, as Gmsh writes them; no parametric nodes; no second-order,
/// prism or pyramid elements; $Periodic and data sections are skipped; original node and
/// element tags are not kept; boundary elements outside physical groups are not checked.
Mesh read_gmsh(const std::string& path);

/// As read_gmsh, from a stream; `name` stands for the file in error messages.
Mesh read_gmsh_stream(std::istream& in, const std::string& name);

}  // namespace sinew::mesh
