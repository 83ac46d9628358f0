// One pair of conforming facets joined by an interface element: the input the facet pairing
// produces and InterfaceSet consumes.
#pragma once

#include <array>

#include "core/types.hpp"

namespace sinew::interface {

/// `primary`: nodes of a primary-body face in the order of the primary cell's outward face (so
/// its right-hand normal points from the primary into the secondary body); `secondary[i]` is the
/// secondary-body node at the reference position of `primary[i]`. Only the first n_nodes
/// (3 or 4) entries are used.
struct InterfacePair {
  int n_nodes = 4;
  std::array<Index, 4> primary{};
  std::array<Index, 4> secondary{};
};

}  // namespace sinew::interface
