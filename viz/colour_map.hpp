// The colour map of sinew-viz pictures, in plain C++ (no VTK) so tests can predict pixel
// colours: a viridis-like sequential map (dark purple at the minimum, teal in the middle,
// yellow at the maximum; perceptually ordered, readable in grey scale and for the common
// colour-vision deficiencies), linearly interpolated in RGB between 9 samples of matplotlib's
// viridis. The lookup table has kColourCount entries; entry i has colour_at(i / (count - 1)).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>

namespace sinew::viz {

inline constexpr int kColourCount = 256;
/// Colour of NaN cells (no value): mid grey.
inline constexpr std::array<double, 3> kNanColour{0.55, 0.55, 0.55};

/// RGB in [0, 1] of the map at t in [0, 1] (clamped).
inline std::array<double, 3> colour_at(double t) {
  static constexpr std::array<std::array<double, 3>, 9> kAnchors{{
      {0.267004, 0.004874, 0.329415},
      {0.282623, 0.140926, 0.457517},
      {0.229739, 0.322361, 0.545706},
      {0.172719, 0.448791, 0.557885},
      {0.127568, 0.566949, 0.550556},
      {0.157851, 0.683765, 0.501686},
      {0.369214, 0.788888, 0.382914},
      {0.678489, 0.863742, 0.189503},
      {0.993248, 0.906157, 0.143936},
  }};
  if (!(t > 0)) t = 0;  // also NaN
  t = std::min(t, 1.0) * double(kAnchors.size() - 1);
  const std::size_t i = std::min(static_cast<std::size_t>(t), kAnchors.size() - 2);
  const double f = t - double(i);
  std::array<double, 3> c{};
  for (int k = 0; k < 3; ++k) c[k] = (1 - f) * kAnchors[i][k] + f * kAnchors[i + 1][k];
  return c;
}

}  // namespace sinew::viz
