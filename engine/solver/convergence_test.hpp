// The Newton convergence test: residual, displacement and energy criteria, all of which must
// hold (as in FEBio), except that a residual below the floor satisfies all three. The floor is
// the absolute one or, when set, a fraction of the load the supports carry. Each
// criterion is evaluated separately so that a rejected increment can say which criterion failed and
// by how much.
#pragma once

#include <string>

#include "core/types.hpp"

namespace sinew::solver {

struct ConvergenceTolerances {
  Real residual = 1e-8;            ///< ||r|| <= tol * ||r_0||; 0 disables the criterion
  Real residual_absolute = 1e-10;  ///< ... or ||r|| <= this (N): converged, all criteria met
  /// ... or ||r|| <= this * the support load (sum |R| over prescribed unknowns, N); 0: off
  Real residual_load = 0;
  Real displacement = 1e-8;  ///< ||du|| <= tol * movement; 0 disables
  Real energy = 1e-12;       ///< |du . r| <= tol * |du_0 . r_0|; 0 disables
};

/// The norms one check compares: those of the update just made against the step's references.
struct ConvergenceNorms {
  Real residual = 0;      ///< ||r_k|| on the free unknowns (N)
  Real ref_residual = 0;  ///< ||r_0|| including the predictor's prescribed part (N)
  Real displacement = 0;  ///< ||alpha du|| of the last update (mm)
  Real movement = 0;      ///< max(||u - u_step_start||, ||u||) (mm)
  Real energy = 0;        ///< |alpha du . r| of the last update (N mm)
  Real ref_energy = 0;    ///< |du_0 . r_0| of the first iteration (N mm)
  Real load = 0;          ///< sum of |R| over the prescribed unknowns: the support load (N)
};

/// The outcome of one check: which criteria hold, with the norms they were judged on.
struct ConvergenceCheck {
  bool residual_ok = false;
  bool displacement_ok = false;
  bool energy_ok = false;
  ConvergenceNorms norms;

  bool converged() const { return residual_ok && displacement_ok && energy_ok; }
};

class ConvergenceTest {
 public:
  explicit ConvergenceTest(ConvergenceTolerances tolerances) : tol_(tolerances) {}

  ConvergenceCheck check(const ConvergenceNorms& norms) const;

  /// The residual below which an increment is converged whatever its ratios (N).
  Real floor(const ConvergenceNorms& norms) const;

  /// One line per check: each criterion with its value, its limit and whether it held, the
  /// failed ones first (e.g. "displacement ratio 2.0e-07 > 1.0e-08; residual 3.1e-11 N met").
  std::string describe(const ConvergenceCheck& check) const;

 private:
  std::string describe_floor(const ConvergenceNorms& n) const;
  std::string describe_residual(const ConvergenceCheck& c) const;
  std::string describe_displacement(const ConvergenceCheck& c) const;
  std::string describe_energy(const ConvergenceCheck& c) const;

  ConvergenceTolerances tol_;
};

}  // namespace sinew::solver
