// The failure of a backend that cannot index or hold a system at all (CHOLMOD's 32-bit indices
// overflow, memory exhausted in the symbolic analysis). It depends on the sparsity pattern
// only, so the load stepper does not retry it with smaller increments (load_stepper.cpp).
#pragma once

#include <string>

#include "core/error.hpp"

namespace sinew::solver {

class SystemTooLarge : public NumericalError {
 public:
  explicit SystemTooLarge(const std::string& what)
      : NumericalError(NumericalError::Kind::LinearSolverFailed, what) {}
};

}  // namespace sinew::solver
