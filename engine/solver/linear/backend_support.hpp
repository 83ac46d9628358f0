// Small helpers shared by the linear-solver backends: wall-clock timing for the statistics and
// the checks that a matrix is square and keeps the analysed sparsity pattern.
#pragma once

#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "core/types.hpp"

namespace sinew::solver::detail {

/// Wall-clock seconds since construction (steady clock: immune to system clock changes).
class StopWatch {
 public:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

/// What analyze() saw of K; factorize() compares against it. Comparing sizes and the number of
/// stored entries is O(1) and catches the usual mistake (a re-meshed or re-constrained system
/// passed without a new analyze()); a full index comparison would cost as much as a copy.
struct PatternSignature {
  Index rows = -1;
  Index cols = -1;
  Index nonzeros = -1;

  static PatternSignature of(const SparseMatrix& K) {
    return PatternSignature{K.rows(), K.cols(), K.nonZeros()};
  }
  bool empty() const { return rows < 0; }
  bool operator==(const PatternSignature&) const = default;
};

/// A number for messages: 3 significant digits, exponent when needed (std::to_string would
/// print a 1e-10 tolerance as "0.000000").
inline std::string format_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", value);
  return buffer;
}

/// Throws std::invalid_argument unless K is square and non-empty.
inline void require_square(const SparseMatrix& K, const std::string& backend) {
  if (K.rows() != K.cols() || K.rows() == 0)
    throw std::invalid_argument(backend + ": matrix must be square and non-empty (got " +
                                std::to_string(K.rows()) + "x" + std::to_string(K.cols()) + ")");
}

/// Throws std::logic_error / std::invalid_argument when factorize() comes before analyze() or
/// with another pattern.
inline void require_same_pattern(const PatternSignature& analysed, const SparseMatrix& K,
                                 const std::string& backend) {
  if (analysed.empty()) throw std::logic_error(backend + ": factorize() called before analyze()");
  if (!(analysed == PatternSignature::of(K)))
    throw std::invalid_argument(backend +
                                ": matrix pattern differs from the analysed one; call analyze()");
}

/// Throws std::invalid_argument when b does not match the factorised size.
inline void require_rhs_size(const PatternSignature& analysed, const VecX& b,
                             const std::string& backend) {
  if (b.size() != analysed.rows)
    throw std::invalid_argument(backend + ": right-hand side has " + std::to_string(b.size()) +
                                " entries, matrix has " + std::to_string(analysed.rows) + " rows");
}

/// True when every diagonal entry is finite and > 0: necessary for a symmetric positive-definite
/// matrix, and the only SPD check an iterative backend can afford before it iterates.
/// O(n log(entries per column)): coeff() binary-searches each column.
inline bool has_positive_diagonal(const SparseMatrix& K) {
  for (Index i = 0; i < K.rows(); ++i) {
    const Real d = K.coeff(i, i);
    if (!(d > 0.0) || !std::isfinite(d)) return false;
  }
  return true;
}

}  // namespace sinew::solver::detail
