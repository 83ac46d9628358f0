// "umfpack": UMFPACK multifrontal LU through its C interface (umfpack_di_*).
//
// The engine's SparseMatrix is column-major with int indices, which is exactly UMFPACK's
// compressed-column input for the int ("di") routines: the arrays are passed without copying,
// once the matrix is compressed. Row indices must be sorted within each column, which Eigen keeps.
#include "solver/linear/umfpack_solver.hpp"

#include <umfpack.h>

#include <climits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "core/error.hpp"

namespace sinew::solver {

namespace {

static_assert(std::is_same_v<SparseMatrix::StorageIndex, int>,
              "umfpack_di_* needs int indices; use the umfpack_dl_* routines otherwise");

std::string status_text(int status) {
  switch (status) {
    case UMFPACK_OK: return "ok";
    case UMFPACK_WARNING_singular_matrix: return "singular matrix";
    case UMFPACK_ERROR_out_of_memory: return "out of memory";
    case UMFPACK_ERROR_invalid_matrix: return "invalid matrix (unsorted or duplicate indices)";
    case UMFPACK_ERROR_different_pattern: return "pattern differs from the analysed one";
    default: return "UMFPACK status " + std::to_string(status);
  }
}

}  // namespace

struct UmfpackSolver::Impl {
  double control[UMFPACK_CONTROL];
  double info[UMFPACK_INFO];
  void* symbolic = nullptr;
  void* numeric = nullptr;
  // The factorised matrix, for iterative refinement in solve(): column pointers and row indices
  // from analyze(), values from factorize().
  std::vector<int> Ap, Ai;
  std::vector<double> Ax;

  Impl() {
    umfpack_di_defaults(control);
    control[UMFPACK_PRL] = 0;  // never print (the engine does no I/O)
    // One step of iterative refinement instead of UMFPACK's default two: the symmetric
    // strategy that UMFPACK picks for finite-element patterns accepts diagonal pivots down to
    // 1e-3 of the column maximum, and one step repairs the growth this may cause, while Newton
    // needs no solution to the last digit. Measured at 28k dofs (benchmarks/micro): a solve
    // takes 0.07 s without refinement, 0.15 s with one step and 0.27 s with the default two,
    // next to a 2.7 s factorisation.
    control[UMFPACK_IRSTEP] = 1;
  }
  ~Impl() {
    free_numeric();
    free_symbolic();
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  void free_numeric() {
    if (numeric) umfpack_di_free_numeric(&numeric);
    numeric = nullptr;
  }
  void free_symbolic() {
    if (symbolic) umfpack_di_free_symbolic(&symbolic);
    symbolic = nullptr;
  }
};

namespace {

/// K itself when compressed, otherwise a compressed copy in `storage` (UMFPACK reads the raw
/// arrays; an uncompressed Eigen matrix has gaps between its columns).
const SparseMatrix& compressed(const SparseMatrix& K, SparseMatrix& storage) {
  if (K.isCompressed()) return K;
  storage = K;
  storage.makeCompressed();
  return storage;
}

}  // namespace

UmfpackSolver::UmfpackSolver() : impl_(std::make_unique<Impl>()) {}
UmfpackSolver::~UmfpackSolver() = default;

void UmfpackSolver::analyze(const SparseMatrix& K) {
  detail::require_square(K, name());
  if (K.rows() > INT_MAX)
    throw std::invalid_argument("umfpack: more than INT_MAX rows need the umfpack_dl_* routines");
  detail::StopWatch watch;
  SparseMatrix storage;
  const SparseMatrix& A = compressed(K, storage);
  impl_->free_numeric();
  impl_->free_symbolic();
  factorized_ = false;
  pattern_ = {};
  const int n = static_cast<int>(A.rows());
  // Pattern only (Ax = NULL): UMFPACK uses values here just for statistics, and the analysis
  // must hold for every later set of values on this pattern.
  const int status = umfpack_di_symbolic(n, n, A.outerIndexPtr(), A.innerIndexPtr(), nullptr,
                                         &impl_->symbolic, impl_->control, impl_->info);
  if (status != UMFPACK_OK) {
    impl_->free_symbolic();
    if (status == UMFPACK_ERROR_invalid_matrix)
      throw std::invalid_argument("umfpack: symbolic analysis rejected the matrix (" +
                                  status_text(status) + ")");
    throw NumericalError(NumericalError::Kind::LinearSolverFailed,
                         "umfpack: symbolic analysis failed (" + status_text(status) + ")");
  }
  impl_->Ap.assign(A.outerIndexPtr(), A.outerIndexPtr() + n + 1);
  impl_->Ai.assign(A.innerIndexPtr(), A.innerIndexPtr() + A.nonZeros());
  pattern_ = detail::PatternSignature::of(K);
  ++stats_.analyses;
  stats_.analyze_seconds += watch.seconds();
}

FactorStatus UmfpackSolver::factorize(const SparseMatrix& K) {
  detail::require_same_pattern(pattern_, K, name());
  detail::StopWatch watch;
  SparseMatrix storage;
  const SparseMatrix& A = compressed(K, storage);
  impl_->free_numeric();
  factorized_ = false;
  const int status = umfpack_di_numeric(A.outerIndexPtr(), A.innerIndexPtr(), A.valuePtr(),
                                        impl_->symbolic, &impl_->numeric, impl_->control,
                                        impl_->info);
  ++stats_.factorizations;
  stats_.factorize_seconds += watch.seconds();
  switch (status) {
    case UMFPACK_OK: break;
    case UMFPACK_WARNING_singular_matrix:
      // A factorisation exists, but solving with it divides by a zero pivot.
      impl_->free_numeric();
      return FactorStatus::Singular;
    case UMFPACK_ERROR_different_pattern:
      // Same size and number of entries as analysed, other positions: a caller error, as in
      // require_same_pattern().
      impl_->free_numeric();
      throw std::invalid_argument(
          "umfpack: matrix pattern differs from the analysed one; call analyze()");
    default: impl_->free_numeric(); return FactorStatus::Failed;
  }
  impl_->Ax.assign(A.valuePtr(), A.valuePtr() + A.nonZeros());
  factorized_ = true;
  return FactorStatus::Ok;
}

void UmfpackSolver::solve(const VecX& b, VecX& x) {
  if (!factorized_) throw std::logic_error("umfpack: solve() without a successful factorize()");
  detail::require_rhs_size(pattern_, b, name());
  detail::StopWatch watch;
  x.resize(b.size());
  const int status = umfpack_di_solve(UMFPACK_A, impl_->Ap.data(), impl_->Ai.data(),
                                      impl_->Ax.data(), x.data(), b.data(), impl_->numeric,
                                      impl_->control, impl_->info);
  if (status != UMFPACK_OK)
    throw NumericalError(NumericalError::Kind::LinearSolverFailed,
                         "umfpack: solve failed (" + status_text(status) + ")");
  ++stats_.solves;
  stats_.solve_seconds += watch.seconds();
}

// Registration (the REGISTERED list of engine/CMakeLists.txt).
void add_umfpack_solver(LinearSolverRegistry& registry,
                        const LinearSolverEnvironment& /*environment*/) {
  registry.add(
      "umfpack", [] { return std::make_unique<UmfpackSolver>(); },
      "UMFPACK multifrontal LU (nonsymmetric; default when the tangent is not symmetric)");
}

}  // namespace sinew::solver
