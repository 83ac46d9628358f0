// Transversely isotropic Mooney-Rivlin law (Weiss, Maker & Govindjee 1996, CMAME 135:107).
//
// The fibre term is defined through its stress g(lambda) = lambda F'(lambda) (Weiss et al. 1996):
// an exponential toe followed by a linear region whose tangent is c5. The energy F needed by
// energy() (line searches, energy norms) is F(lambda) = int_1^lambda g(s)/s ds:
//   linear region: int_{lambda*}^{lambda} (c5 s + c6)/s ds
//                    = c5 (lambda - lambda*) + c6 ln(lambda / lambda*),
//   toe region:    int_1^x c3 [exp(c4 (s-1)) - 1]/s ds, which has no elementary closed form
//                  (it is c3 {e^{-c4} [Ei(c4 x) - Ei(c4)] - ln x}, but the difference of Ei
//                  values loses most digits for x near 1).
// The toe integral is evaluated with 16-point Gauss-Legendre quadrature (Abramowitz & Stegun
// 1964, Handbook of Mathematical Functions, table 25.4) on a number of equal panels fixed per law
// so that c4 times the panel width is at most 4 on [1, lambda*]. The integrand is analytic
// around [1, lambda*], and the error bound (b-a)^33 (16!)^4 / (33 (32!)^3) max|f^(32)| is then
// below 1e-30 relative. A rule fixed per law keeps F a smooth function of lambda, which
// consistent tangents and finite-difference checks need.
#include "materials/ti_mooney_rivlin.hpp"

#include <algorithm>
#include <cmath>

#include "materials/invariants.hpp"
#include "materials/law_support.hpp"
#include "materials/quadrature.hpp"
#include "materials/register.hpp"

namespace sinew::materials {

namespace {

constexpr int kMaxPanels = 256;

}  // namespace

std::string TiMooneyRivlin::description() {
  return "uncoupled transversely isotropic Mooney-Rivlin solid (Weiss, Maker & Govindjee "
         "1996): c1 (I1_bar-3) + c2 (I2_bar-3) + F(lambda) + k/2 (ln J)^2, fibre stress "
         "lambda F' = 0 (lambda <= 1), c3 [exp(c4 (lambda-1))-1] (toe), c5 lambda + c6 "
         "(lambda >= lambda_max); fibre_scale multiplies c3 and c5, matrix_scale c1 and c2; "
         "optional irreversible fibre damage D of the largest fibre stretch reached (smoothstep "
         "from damage_onset_stretch to damage_full_stretch; tendon 1.068 and 1.14) scales the "
         "fibre term by 1 - D";
}

// Defaults: the Achilles-tendon set of the project's domain reference (lambda* = 1.03,
// c5 = 1000 MPa, c4 = 40, c3 = 7.53 MPa, c1 = 1 MPa; with it the toe tangent c3 c4 e^{1.2}
// ~ 1000 MPa meets c5 at lambda*). k = 100 MPa rather than the customary 1000x the shear modulus,
// for the conditioning of the tangent (see hgo.cpp).
std::vector<ParameterSpec> TiMooneyRivlin::parameter_specs() {
  std::vector<ParameterSpec> specs = {
      {.name = "c1",
       .unit = "MPa",
       .description = "coefficient of I1_bar - 3 (c1 + c2 must be > 0)",
       .default_value = 1.0},
      {.name = "c2",
       .unit = "MPa",
       .description = "coefficient of I2_bar - 3",
       .default_value = 0.0,
       .min = 0.0},
      {.name = "c3",
       .unit = "MPa",
       .description = "fibre toe-region stress scale",
       .default_value = 7.53,
       .min = 0.0,
       .fibre_term = true},
      {.name = "c4",
       .unit = "1",
       .description = "fibre toe-region exponential rate",
       .default_value = 40.0,
       .min = 0.0,
       .min_exclusive = true},
      {.name = "c5",
       .unit = "MPa",
       .description = "fibre modulus of the linear region",
       .default_value = 1000.0,
       .min = 0.0,
       .fibre_term = true},
      {.name = "lambda_max",
       .unit = "1",
       .description = "fibre stretch lambda* at which the linear region starts",
       .default_value = 1.03,
       .min = 1.0,
       .min_exclusive = true},
      {.name = "k",
       .unit = "MPa",
       .description = "bulk modulus of U(J) = k/2 (ln J)^2",
       .default_value = 100.0,
       .min = 0.0,
       .min_exclusive = true},
  };
  for (auto& s : FibreDamage::parameter_specs()) specs.push_back(std::move(s));
  return specs;
}

TiMooneyRivlin::TiMooneyRivlin(const ParameterSet& values) {
  check_parameters(parameter_specs(), values);
  c1_ = values["c1"];
  c2_ = values["c2"];
  c3_ = values["c3"];
  c4_ = values["c4"];
  c5_ = values["c5"];
  lambda_star_ = values["lambda_max"];
  k_ = values["k"];
  if (!(c1_ + c2_ > 0.0))
    throw ParameterError("c1", "c1 + c2 must be > 0 (it is twice the shear modulus)");
  c6_ = c3_ * std::expm1(c4_ * (lambda_star_ - 1.0)) - c5_ * lambda_star_;
  const Real toe_rate = c4_ * (lambda_star_ - 1.0);
  if (!std::isfinite(c6_) || toe_rate > 4.0 * kMaxPanels)
    throw ParameterError("lambda_max", "c4 (lambda_max - 1) is too large for the toe region");
  panels_ = std::max(1, static_cast<int>(std::ceil(toe_rate / 4.0)));
  energy_at_star_ = exponential_integral(lambda_star_);
  damage_ = FibreDamage::from_parameters(values);
  if (damage_.enabled()) {
    // The damaged energy integrates g(s)/s over [onset, full], split at lambda*; only the toe
    // part grows exponentially (rate c4), and at most 4 per panel, as above, keeps the
    // quadrature error negligible.
    const Real toe = c4_ * std::max(0.0, std::min(lambda_star_, damage_.full()) - damage_.onset());
    damage_panels_ = std::clamp(static_cast<int>(std::ceil(toe / 4.0)), 1, kMaxPanels);
  }
}

Real TiMooneyRivlin::fibre_stretch(const Mat3& C, const PointFields& p) const {
  const ModifiedInvariants bar = modified_invariants(compute_invariants(C, p.fibre));
  return std::max(1.0, std::sqrt(bar.I4));
}

Real TiMooneyRivlin::exponential_integral(Real x) const {
  const Real h = (x - 1.0) / panels_;
  Real sum = 0.0;
  for (int m = 0; m < panels_; ++m) {
    const Real mid = 1.0 + (m + 0.5) * h;
    for (int i = 0; i < 8; ++i) {
      const Real d = 0.5 * h * kGaussLegendre16Nodes[i];
      const Real lo = mid - d, hi = mid + d;
      // expm1 keeps the integrand accurate where s - 1 is small.
      sum += kGaussLegendre16Weights[i] *
             (std::expm1(c4_ * (lo - 1.0)) / lo + std::expm1(c4_ * (hi - 1.0)) / hi);
    }
  }
  return 0.5 * h * c3_ * sum;
}

TiMooneyRivlin::FibreStress TiMooneyRivlin::fibre_stress(Real lambda) const {
  if (lambda <= 1.0) return {};
  if (lambda < lambda_star_) {
    const Real x = c4_ * (lambda - 1.0);
    return {c3_ * std::expm1(x), c3_ * c4_ * std::exp(x)};
  }
  return {c5_ * lambda + c6_, c5_};
}

Real TiMooneyRivlin::fibre_energy(Real lambda) const {
  if (lambda <= 1.0) return 0.0;
  if (lambda < lambda_star_) return exponential_integral(lambda);
  return energy_at_star_ + c5_ * (lambda - lambda_star_) + c6_ * std::log(lambda / lambda_star_);
}

Real TiMooneyRivlin::energy(const Mat3& C, const PointFields& p) const {
  const ModifiedInvariants bar = modified_invariants(compute_invariants(C, p.fibre));
  const Real matrix = p.matrix_scale * (c1_ * (bar.I1 - 3.0) + c2_ * (bar.I2 - 3.0));
  if (!damage_.enabled()) return matrix + p.fibre_scale * fibre_energy(std::sqrt(bar.I4));
  // Phi(lambda; h) with psi = F and psi' = g / lambda; g has a kink at lambda* (the slope jumps
  // from the toe to c5 unless the parameters make it continuous), where the quadrature splits.
  constexpr DamageDriver d = DamageDriver::Stretch;
  const Real phi = damaged_energy(
      damage_, d, std::sqrt(bar.I4), history_driver(d, fibre_stretch_max(p)),
      [&](Real s) { return fibre_energy(s); },
      [&](Real s) { return s > 1.0 ? fibre_stress(s).g / s : 0.0; }, damage_panels_, lambda_star_);
  return matrix + p.fibre_scale * phi;
}

// With lambda^2 = I4_bar and g = lambda F'(lambda):
//   dW/dI4_bar = g / (2 I4_bar),   d2W/dI4_bar^2 = g' / (4 lambda I4_bar) - g / (2 I4_bar^2).
// With fibre damage g becomes lambda dPhi/dlambda = (1 - D) g and, as
// d(lambda Phi')/dlambda = Phi' + lambda Phi'', its slope (1 - D) g' - D'(lambda) g in loading
// (lambda > h) and (1 - D(h)) g' otherwise: damaged_slopes() applied to (g, g') directly.
StressTangent TiMooneyRivlin::stress_tangent(const Mat3& C, const PointFields& p) const {
  const Invariants inv = compute_invariants(C, p.fibre);
  const ModifiedInvariants bar = modified_invariants(inv);
  const Real lambda = std::sqrt(bar.I4);
  FibreStress f = fibre_stress(lambda);
  if (damage_.enabled()) {
    constexpr DamageDriver d = DamageDriver::Stretch;
    const DamagedSlopes s =
        damaged_slopes(damage_, d, lambda, history_driver(d, fibre_stretch_max(p)), f.g, f.dg);
    f = {s.d1, s.d2};
  }
  const Real g = p.fibre_scale * f.g, dg = p.fibre_scale * f.dg;
  const Vec3 first(p.matrix_scale * c1_, p.matrix_scale * c2_, 0.5 * g / bar.I4);
  Mat3 second = Mat3::Zero();
  second(2, 2) = 0.25 * dg / (lambda * bar.I4) - 0.5 * g / (bar.I4 * bar.I4);
  return stress_tangent_from_invariants(C, p.fibre, inv, from_modified(inv, bar, first, second));
}

// Registration (the REGISTERED list of engine/CMakeLists.txt), with the representative
// parameters every parameterised material test runs this law with.
void add_ti_mooney_rivlin(MaterialRegistry& registry) {
  add_law<TiMooneyRivlin>(registry, {{"c1", 0.9},
                                     {"c2", 0.2},
                                     {"c3", 2.0},
                                     {"c4", 30.0},
                                     {"c5", 300.0},
                                     {"lambda_max", 1.08},
                                     {"k", 50.0}});
}

}  // namespace sinew::materials
