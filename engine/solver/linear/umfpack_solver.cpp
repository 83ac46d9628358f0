// "umfpack": UMFPACK multifrontal LU through its C interface (umfpack_di_*).
//
// The engine's SparseMatrix is column-major with int indices, which is exactly UMFPACK's
// compressed-column input for the int ("di") routines: the arrays are passed without copying,
// once the matrix is compressed. Row indices must be sorted within each column, which Eigen keeps.
#include "solver/linear/umfpack_solver.hpp"

#include <umfpack.h>

#include <algorithm>
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
  // of the analysed entries, values from factorize().
  std::vector<int> Ap, Ai;
  std::vector<double> Ax;
  // K's stored pattern as given to analyze(), and which of its entries the symbolic analysis
  // covers (all, or the non-zeros seen so far; empty until the first factorisation).
  std::vector<int> stored_p, stored_i;
  std::vector<char> analysed;

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

// The stored entries of A a factorisation needs: the non-zeros and the diagonal.
void needed_entries(const SparseMatrix& A, std::vector<char>& need) {
  need.assign(static_cast<size_t>(A.nonZeros()), 0);
  for (Index j = 0; j < A.outerSize(); ++j)
    for (Index k = A.outerIndexPtr()[j]; k < A.outerIndexPtr()[j + 1]; ++k)
      if (A.valuePtr()[k] != 0.0 || A.innerIndexPtr()[k] == j) need[static_cast<size_t>(k)] = 1;
}

}  // namespace

UmfpackSolver::UmfpackSolver() : impl_(std::make_unique<Impl>()) {}
UmfpackSolver::~UmfpackSolver() = default;

void UmfpackSolver::analyze(const SparseMatrix& K) {
  detail::require_square(K, name());
  if (K.rows() > INT_MAX)
    throw std::invalid_argument("umfpack: more than INT_MAX rows need the umfpack_dl_* routines");
  SparseMatrix storage;
  const SparseMatrix& A = compressed(K, storage);
  impl_->free_numeric();
  impl_->free_symbolic();
  impl_->analysed.clear();
  impl_->stored_p.assign(A.outerIndexPtr(), A.outerIndexPtr() + A.outerSize() + 1);
  impl_->stored_i.assign(A.innerIndexPtr(), A.innerIndexPtr() + A.nonZeros());
  factorized_ = false;
  pattern_ = detail::PatternSignature::of(K);
}

// Symbolic analysis of the entries of A marked in impl_->analysed (column pre-ordering and the
// frontal structure; pattern only: UMFPACK would use values just for statistics).
void UmfpackSolver::analyze_entries(const SparseMatrix& A) {
  detail::StopWatch watch;
  impl_->free_numeric();
  impl_->free_symbolic();
  const int n = static_cast<int>(A.rows());
  impl_->Ap.assign(static_cast<size_t>(n) + 1, 0);
  impl_->Ai.clear();
  for (int j = 0; j < n; ++j) {
    for (Index k = A.outerIndexPtr()[j]; k < A.outerIndexPtr()[j + 1]; ++k)
      if (impl_->analysed[static_cast<size_t>(k)]) impl_->Ai.push_back(A.innerIndexPtr()[k]);
    impl_->Ap[static_cast<size_t>(j) + 1] = static_cast<int>(impl_->Ai.size());
  }
  const int status = umfpack_di_symbolic(n, n, impl_->Ap.data(), impl_->Ai.data(), nullptr,
                                         &impl_->symbolic, impl_->control, impl_->info);
  if (status != UMFPACK_OK) {
    impl_->free_symbolic();
    impl_->analysed.clear();
    if (status == UMFPACK_ERROR_invalid_matrix)
      throw std::invalid_argument("umfpack: symbolic analysis rejected the matrix (" +
                                  status_text(status) + ")");
    throw NumericalError(NumericalError::Kind::LinearSolverFailed,
                         "umfpack: symbolic analysis failed (" + status_text(status) + ")");
  }
  ++stats_.analyses;
  stats_.analyze_seconds += watch.seconds();
}

// The entries to factorise. A coupling may reserve entries that it leaves at zero (a sliding
// contact reserves every master facet within its reach for each slave node: two thirds of the
// stored entries of the finite-sliding gliding probe on the demo's Achilles mesh), and UMFPACK
// orders and fills stored zeros as if they were non-zeros. When more than a quarter of the stored
// entries are not needed, only the needed ones are analysed; the analysis is kept while the
// needed entries stay within it and grows to their union when they do not, so contact coming
// into touch costs one analysis more, not one per factorisation. Otherwise every stored entry is
// analysed, once per pattern, as for any finite-element matrix.
void UmfpackSolver::select_entries(const SparseMatrix& A) {
  std::vector<char> need;
  needed_entries(A, need);
  auto& analysed = impl_->analysed;
  if (!analysed.empty()) {
    bool covered = true;
    for (size_t k = 0; k < need.size() && covered; ++k) covered = !need[k] || analysed[k];
    if (covered) return;
    for (size_t k = 0; k < need.size(); ++k) need[k] = static_cast<char>(need[k] || analysed[k]);
  }
  const auto marked = static_cast<Index>(std::count(need.begin(), need.end(), char{1}));
  if (4 * marked > 3 * A.nonZeros()) need.assign(need.size(), 1);
  analysed = std::move(need);
  analyze_entries(A);
}

FactorStatus UmfpackSolver::factorize(const SparseMatrix& K) {
  detail::require_same_pattern(pattern_, K, name());
  detail::StopWatch watch;
  SparseMatrix storage;
  const SparseMatrix& A = compressed(K, storage);
  impl_->free_numeric();
  factorized_ = false;
  // Same size and number of entries as analysed, other positions: a caller error, as in
  // require_same_pattern().
  if (!std::equal(impl_->stored_p.begin(), impl_->stored_p.end(), A.outerIndexPtr()) ||
      !std::equal(impl_->stored_i.begin(), impl_->stored_i.end(), A.innerIndexPtr()))
    throw std::invalid_argument(
        "umfpack: matrix pattern differs from the analysed one; call analyze()");
  select_entries(A);
  impl_->Ax.clear();
  for (Index k = 0; k < A.nonZeros(); ++k)
    if (impl_->analysed[static_cast<size_t>(k)]) impl_->Ax.push_back(A.valuePtr()[k]);
  const int status = umfpack_di_numeric(impl_->Ap.data(), impl_->Ai.data(), impl_->Ax.data(),
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
