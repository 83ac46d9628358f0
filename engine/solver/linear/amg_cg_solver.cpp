// "amg-cg": hypre BoomerAMG-preconditioned PCG on MPI_COMM_SELF. Debian's hypre is an MPI build:
// the program starts MPI and hypre (see LinearSolverEnvironment); the solver only checks.
#include "solver/linear/amg_cg_solver.hpp"

// Keep Open MPI's / MPICH's deprecated C++ bindings out: they are not linked (MPI::MPI_C only).
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <HYPRE.h>
#include <HYPRE_parcsr_ls.h>
#include <_hypre_parcsr_mv.h>  // hypre_ParCSRMatrixDiag & co.: in-place value updates, see below
#include <mpi.h>

#include <cmath>
#include <cstdlib>
#include <functional>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "core/error.hpp"

namespace sinew::solver {

namespace {

// Eigen's column indices are passed to hypre as global row/column numbers without conversion.
static_assert(std::is_same_v<HYPRE_BigInt, SparseMatrix::StorageIndex> &&
                  std::is_same_v<HYPRE_Int, SparseMatrix::StorageIndex>,
              "hypre built with 64-bit indices: convert indices before passing them");
static_assert(std::is_same_v<HYPRE_Complex, Real>, "hypre must be built for double");

// BoomerAMG options for 3-D elasticity, following the hypre reference manual's advice for
// systems and 3-D problems. Named so they can be tuned in one place.
constexpr HYPRE_Int kCoarsenHmis = 10;        // HMIS: low operator complexity in 3-D
constexpr HYPRE_Real kStrongThreshold = 0.5;  // 0.25 suits 2-D Laplacians; 3-D needs 0.5-0.7
constexpr HYPRE_Int kInterpExtPlusI = 6;      // extended+i: keeps convergence with HMIS
constexpr HYPRE_Int kInterpMaxElements = 4;   // truncates P, bounds coarse-operator growth
// l1-scaled hybrid symmetric Gauss-Seidel: symmetric, so the V-cycle is a symmetric
// preconditioner, which CG requires (plain forward GS would make it nonsymmetric).
constexpr HYPRE_Int kRelaxL1SymmetricGs = 8;
// With a near-null space (use_near_null_space): nodal coarsening on the row-sum norm of the
// 3x3 blocks, GM interpolation variant 2 (hypre's preferred one), Q truncated to 4 entries per
// row. At the threshold 0.5 hypre 2.26's set-up fails on the HGO cube (error 12, "argument 1");
// 0.25 works (benchmarks/RESULTS.md, "AMG for elasticity").
constexpr HYPRE_Int kNodalRowSumNorm = 4;
constexpr HYPRE_Int kInterpVecGm2 = 2;
constexpr HYPRE_Int kInterpVecQMax = 4;
constexpr HYPRE_Real kStrongThresholdNodal = 0.25;

/// hypre's MPI build cannot run before MPI_Init and HYPRE_Init. The program owns both (MPI is
/// initialised once, by the executable): it is asked to start them through `start`, and they
/// must be running afterwards.
void require_parallel_runtime(const std::function<void()>& start) {
  if (start) start();
  int initialized = 0, finalized = 0;
  MPI_Initialized(&initialized);
  MPI_Finalized(&finalized);
  if (!initialized || finalized)
    throw std::logic_error(
        "amg-cg: MPI and hypre are not running: the program must start them before the first "
        "amg-cg solver (sinew does; a program of its own passes "
        "LinearSolverEnvironment::start_parallel_runtime to register_linear_solvers)");
}

/// True once MPI_Finalize ran (at exit): hypre objects must then be left alone.
bool mpi_finalized() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  return finalized != 0;
}

[[noreturn]] void throw_hypre(const std::string& what, HYPRE_Int code) {
  char description[256] = {};
  HYPRE_DescribeError(code, description);
  HYPRE_ClearAllErrors();  // hypre's error flag is global: do not leak it into the next call
  throw NumericalError(NumericalError::Kind::LinearSolverFailed,
                       "amg-cg: " + what + " failed (hypre error " + std::to_string(code) + ": " +
                           description + ")");
}

void check(HYPRE_Int code, const std::string& what) {
  if (code != 0) throw_hypre(what, code);
}

/// True when v is nonzero in one function only (dof = block * node + k for a single k), like
/// the translations of elasticity: unknown-based interpolation reproduces those already.
bool single_function(const Real* v, HYPRE_BigInt n, int block) {
  int touched = -1;
  for (HYPRE_BigInt i = 0; i < n; ++i) {
    if (v[i] == 0.0) continue;
    const int k = static_cast<int>(i % block);
    if (touched >= 0 && touched != k) return false;
    touched = k;
  }
  return true;
}

}  // namespace

struct AmgCgSolver::Impl {
  HYPRE_IJMatrix A_ij = nullptr;
  HYPRE_IJVector b_ij = nullptr, x_ij = nullptr;
  HYPRE_ParCSRMatrix A = nullptr;            // owned by A_ij
  HYPRE_ParVector b = nullptr, x = nullptr;  // owned by b_ij, x_ij
  HYPRE_Solver pcg = nullptr, amg = nullptr;
  std::vector<int> position;  // scratch of copy_values(): column -> index in K's column
  // Near-null-space vectors for BoomerAMG's interpolation. hypre keeps the pointer array and
  // never frees the finest-level vectors (they are the user's): they outlive every `amg`.
  std::vector<HYPRE_IJVector> mode_ij;
  std::vector<HYPRE_ParVector> modes;
  std::vector<HYPRE_ParVector> used_modes;  // the ones passed to the current `amg`

  ~Impl() {
    // After MPI_Finalize (a backend outliving the at-exit handler) hypre must not be called;
    // the process is ending, so the memory is left to the OS.
    if (mpi_finalized()) return;
    destroy_solvers();
    destroy_system();
    destroy_modes();
  }

  void destroy_modes() {
    for (HYPRE_IJVector v : mode_ij) HYPRE_IJVectorDestroy(v);
    mode_ij.clear();
    modes.clear();
    used_modes.clear();
  }

  void destroy_solvers() {
    if (pcg) HYPRE_ParCSRPCGDestroy(pcg);
    if (amg) HYPRE_BoomerAMGDestroy(amg);
    pcg = amg = nullptr;
  }

  void destroy_system() {
    if (A_ij) HYPRE_IJMatrixDestroy(A_ij);
    if (b_ij) HYPRE_IJVectorDestroy(b_ij);
    if (x_ij) HYPRE_IJVectorDestroy(x_ij);
    A_ij = nullptr;
    b_ij = x_ij = nullptr;
    A = nullptr;
    b = x = nullptr;
  }

  static HYPRE_IJVector make_vector(HYPRE_BigInt n, HYPRE_ParVector& par) {
    HYPRE_IJVector v = nullptr;
    check(HYPRE_IJVectorCreate(MPI_COMM_SELF, 0, n - 1, &v), "IJVectorCreate");
    HYPRE_IJVectorSetObjectType(v, HYPRE_PARCSR);
    HYPRE_IJVectorInitialize(v);
    HYPRE_IJVectorAssemble(v);
    void* object = nullptr;
    HYPRE_IJVectorGetObject(v, &object);
    par = static_cast<HYPRE_ParVector>(object);
    return v;
  }

  static Real* data(HYPRE_ParVector v) {
    return hypre_VectorData(hypre_ParVectorLocalVector(reinterpret_cast<hypre_ParVector*>(v)));
  }

  /// Builds the hypre matrix with K's pattern (values included) and the two work vectors.
  void build_system(const SparseMatrix& K) {
    destroy_solvers();
    destroy_system();
    const auto n = static_cast<HYPRE_BigInt>(K.rows());
    check(HYPRE_IJMatrixCreate(MPI_COMM_SELF, 0, n - 1, 0, n - 1, &A_ij), "IJMatrixCreate");
    HYPRE_IJMatrixSetObjectType(A_ij, HYPRE_PARCSR);
    // Exact row lengths let hypre fill its CSR arrays directly (no auxiliary per-row storage).
    // K is symmetric, so column j of the CSC matrix is row j.
    std::vector<HYPRE_Int> row_sizes(static_cast<std::size_t>(n));
    std::vector<HYPRE_Int> offd_sizes(static_cast<std::size_t>(n), 0);  // one process: none
    std::vector<HYPRE_BigInt> rows(static_cast<std::size_t>(n));
    for (HYPRE_BigInt j = 0; j < n; ++j) {
      rows[j] = j;
      row_sizes[j] = static_cast<HYPRE_Int>(K.outerIndexPtr()[j + 1] - K.outerIndexPtr()[j]);
    }
    check(HYPRE_IJMatrixSetDiagOffdSizes(A_ij, row_sizes.data(), offd_sizes.data()),
          "IJMatrixSetDiagOffdSizes");
    check(HYPRE_IJMatrixInitialize(A_ij), "IJMatrixInitialize");
    check(HYPRE_IJMatrixSetValues(A_ij, n, row_sizes.data(), rows.data(), K.innerIndexPtr(),
                                  K.valuePtr()),
          "IJMatrixSetValues");
    check(HYPRE_IJMatrixAssemble(A_ij), "IJMatrixAssemble");
    void* object = nullptr;
    HYPRE_IJMatrixGetObject(A_ij, &object);
    A = static_cast<HYPRE_ParCSRMatrix>(object);

    // copy_values() relies on hypre holding exactly K's entries row by row, all in "diag".
    auto* par = reinterpret_cast<hypre_ParCSRMatrix*>(A);
    hypre_CSRMatrix* diag = hypre_ParCSRMatrixDiag(par);
    const HYPRE_Int* diag_i = hypre_CSRMatrixI(diag);
    if (hypre_CSRMatrixNumNonzeros(hypre_ParCSRMatrixOffd(par)) != 0 ||
        hypre_CSRMatrixNumNonzeros(diag) != K.nonZeros())
      throw std::logic_error("amg-cg: hypre did not store the matrix as given");
    for (HYPRE_BigInt j = 0; j < n; ++j)
      if (diag_i[j + 1] - diag_i[j] != row_sizes[j])
        throw std::logic_error("amg-cg: hypre did not store the matrix as given");

    b_ij = make_vector(n, b);
    x_ij = make_vector(n, x);
    position.assign(static_cast<std::size_t>(n), 0);
  }

  /// The given vectors that hypre's interpolation should add: all but those living in one
  /// function only (the translations), which unknown-based interpolation reproduces already.
  std::vector<HYPRE_ParVector> interpolation_modes(int block_size, HYPRE_BigInt n) const {
    std::vector<HYPRE_ParVector> chosen;
    for (HYPRE_ParVector v : modes) {
      if (hypre_ParVectorGlobalSize(reinterpret_cast<hypre_ParVector*>(v)) != n)
        throw std::invalid_argument("amg-cg: near-null space does not match the matrix size");
      if (!single_function(data(v), n, block_size)) chosen.push_back(v);
    }
    return chosen;
  }

  /// Nodal coarsening and the rotations in the interpolation of `amg` (created, not set up),
  /// after Baker, Kolev and Yang, Numer. Linear Algebra Appl. 17 (2010) 495-517.
  void add_interpolation_modes(int block_size, HYPRE_BigInt n) {
    used_modes = interpolation_modes(block_size, n);
    HYPRE_BoomerAMGSetNodal(amg, kNodalRowSumNorm);
    if (used_modes.empty()) return;
    HYPRE_BoomerAMGSetInterpVectors(amg, static_cast<HYPRE_Int>(used_modes.size()),
                                    used_modes.data());
    HYPRE_BoomerAMGSetInterpVecVariant(amg, kInterpVecGm2);
    HYPRE_BoomerAMGSetInterpVecQMax(amg, kInterpVecQMax);
  }

  /// Writes K's values into the assembled hypre matrix in O(nnz). HYPRE_IJMatrixSetValues on
  /// an assembled matrix searches its row linearly for every entry (O(nnz * row length), and
  /// 3-D hex8 elasticity has 81 entries per row); writing the CSR data directly also keeps the
  /// ParCSR object, so an AMG hierarchy built on it sees the new values. hypre may reorder a
  /// row (it stores the diagonal first), hence the per-row column -> position scatter.
  /// Returns false when a diagonal entry is <= 0 or not finite (K is then not SPD).
  bool copy_values(const SparseMatrix& K) {
    hypre_CSRMatrix* diag = hypre_ParCSRMatrixDiag(reinterpret_cast<hypre_ParCSRMatrix*>(A));
    const HYPRE_Int* diag_i = hypre_CSRMatrixI(diag);
    const HYPRE_Int* diag_j = hypre_CSRMatrixJ(diag);
    HYPRE_Complex* diag_data = hypre_CSRMatrixData(diag);
    const int* outer = K.outerIndexPtr();
    const int* inner = K.innerIndexPtr();
    const Real* values = K.valuePtr();
    bool positive_diagonal = true;
    int diagonal_entries = 0;  // a diagonal missing from the pattern is a zero one
    const auto n = static_cast<int>(K.rows());
    for (int r = 0; r < n; ++r) {
      for (int p = outer[r]; p < outer[r + 1]; ++p) position[inner[p]] = p;
      for (HYPRE_Int k = diag_i[r]; k < diag_i[r + 1]; ++k) {
        const Real v = values[position[diag_j[k]]];
        diag_data[k] = v;
        if (diag_j[k] == r) {
          ++diagonal_entries;
          if (!(v > 0.0 && std::isfinite(v))) positive_diagonal = false;
        }
      }
    }
    return positive_diagonal && diagonal_entries == n;
  }
};

void AmgCgSolver::set_near_null_space(const MatX& modes) {
  if (modes.size() > 0 && pattern_.rows > 0 && modes.rows() != pattern_.rows)
    throw std::invalid_argument("amg-cg: near-null space has " + std::to_string(modes.rows()) +
                                " rows for " + std::to_string(pattern_.rows) + " dofs");
  // The current hierarchy was built with the old vectors: it goes with them.
  impl_->destroy_solvers();
  impl_->destroy_modes();
  factorized_ = false;
  for (Index c = 0; c < modes.cols(); ++c) {
    HYPRE_ParVector par = nullptr;
    impl_->mode_ij.push_back(Impl::make_vector(static_cast<HYPRE_BigInt>(modes.rows()), par));
    impl_->modes.push_back(par);
    Eigen::Map<VecX>(Impl::data(par), modes.rows()) = modes.col(c);
  }
}

int AmgCgSolver::interpolation_vectors() const {
  return static_cast<int>(impl_->used_modes.size());
}

AmgCgSolver::AmgCgSolver(const std::function<void()>& start_parallel_runtime) {
  require_parallel_runtime(start_parallel_runtime);
  impl_ = std::make_unique<Impl>();
}
AmgCgSolver::~AmgCgSolver() = default;

void AmgCgSolver::set_tolerance(Real relative) {
  if (!(relative > 0.0)) throw std::invalid_argument("amg-cg: tolerance must be > 0");
  tolerance_ = relative;
}

void AmgCgSolver::set_max_iterations(int limit) {
  if (limit < 1) throw std::invalid_argument("amg-cg: iteration limit must be >= 1");
  max_iterations_ = limit;
}

void AmgCgSolver::set_block_size(int dofs_per_node) {
  if (dofs_per_node < 1) throw std::invalid_argument("amg-cg: block size must be >= 1");
  block_size_ = dofs_per_node;
}

void AmgCgSolver::analyze(const SparseMatrix& K) {
  detail::require_square(K, name());
  if (!K.isCompressed()) {
    // hypre takes the CSC arrays as they are; compress a copy rather than misread the gaps.
    SparseMatrix compressed = K;
    compressed.makeCompressed();
    analyze(compressed);
    return;
  }
  if (block_size_ > 1 && K.rows() % block_size_ != 0)
    throw std::invalid_argument("amg-cg: " + std::to_string(K.rows()) +
                                " dofs is not a multiple of the block size " +
                                std::to_string(block_size_));
  detail::StopWatch watch;
  factorized_ = false;
  impl_->build_system(K);
  pattern_ = detail::PatternSignature::of(K);
  ++stats_.analyses;
  stats_.analyze_seconds += watch.seconds();
}

FactorStatus AmgCgSolver::factorize(const SparseMatrix& K) {
  detail::require_same_pattern(pattern_, K, name());
  if (!K.isCompressed()) {
    SparseMatrix compressed = K;
    compressed.makeCompressed();
    return factorize(compressed);
  }
  detail::StopWatch watch;
  factorized_ = false;
  ++stats_.factorizations;
  if (!impl_->copy_values(K)) {
    stats_.factorize_seconds += watch.seconds();
    return FactorStatus::NotPositiveDefinite;
  }

  // A fresh solver pair per set-up: nothing of the previous hierarchy can carry over or leak,
  // and creating the objects costs microseconds next to the set-up itself.
  impl_->destroy_solvers();
  const bool with_modes = use_near_null_space_ && block_size_ > 1 && !impl_->modes.empty();
  HYPRE_Solver amg = nullptr;
  HYPRE_BoomerAMGCreate(&amg);
  impl_->amg = amg;
  HYPRE_BoomerAMGSetPrintLevel(amg, 0);
  HYPRE_BoomerAMGSetCoarsenType(amg, kCoarsenHmis);
  HYPRE_BoomerAMGSetStrongThreshold(amg, with_modes ? kStrongThresholdNodal : kStrongThreshold);
  HYPRE_BoomerAMGSetInterpType(amg, kInterpExtPlusI);
  HYPRE_BoomerAMGSetPMaxElmts(amg, kInterpMaxElements);
  HYPRE_BoomerAMGSetRelaxType(amg, kRelaxL1SymmetricGs);  // coarsest level: direct solve
  // Lexicographic sweeps, set explicitly so a change of hypre's default cannot change the
  // preconditioner unnoticed.
  HYPRE_BoomerAMGSetRelaxOrder(amg, 0);
  HYPRE_BoomerAMGSetNumSweeps(amg, 1);
  // As a preconditioner: exactly one V-cycle per application, no convergence test.
  HYPRE_BoomerAMGSetMaxIter(amg, 1);
  HYPRE_BoomerAMGSetTol(amg, 0.0);
  // Unknown-based systems AMG: coarsening and interpolation never mix x, y and z unknowns
  // (dof = block * node + component). On the 8232-dof test cube: 7 PCG iterations instead of 9.
  if (block_size_ > 1) HYPRE_BoomerAMGSetNumFunctions(amg, block_size_);
  impl_->used_modes.clear();
  if (with_modes) impl_->add_interpolation_modes(block_size_, static_cast<HYPRE_BigInt>(K.rows()));

  HYPRE_Solver pcg = nullptr;
  HYPRE_ParCSRPCGCreate(MPI_COMM_SELF, &pcg);
  impl_->pcg = pcg;
  HYPRE_PCGSetPrintLevel(pcg, 0);
  HYPRE_PCGSetLogging(pcg, 1);            // keeps the final relative residual
  HYPRE_PCGSetTwoNorm(pcg, 1);            // stop on ||r||_2 / ||b||_2, as the iccg backend does
  HYPRE_PCGSetRecomputeResidual(pcg, 1);  // confirm convergence with the true residual
  HYPRE_PCGSetPrecond(pcg, reinterpret_cast<HYPRE_PtrToSolverFcn>(HYPRE_BoomerAMGSolve),
                      reinterpret_cast<HYPRE_PtrToSolverFcn>(HYPRE_BoomerAMGSetup), amg);
  // PCG set-up runs the AMG set-up (the expensive part).
  const HYPRE_Int code = HYPRE_ParCSRPCGSetup(pcg, impl_->A, impl_->b, impl_->x);
  stats_.factorize_seconds += watch.seconds();
  if (code != 0) {
    HYPRE_ClearAllErrors();
    impl_->destroy_solvers();
    return FactorStatus::Failed;
  }
  factorized_ = true;
  return FactorStatus::Ok;
}

FactorStatus AmgCgSolver::update_matrix_keep_preconditioner(const SparseMatrix& K) {
  if (!factorized_ || !K.isCompressed()) return factorize(K);
  detail::require_same_pattern(pattern_, K, name());
  ++stats_.preconditioner_reuses;
  // Same ParCSR object: the PCG products and the AMG fine-level smoother see the new values;
  // coarse operators, interpolation and smoother weights stay from the last set-up.
  if (!impl_->copy_values(K)) {
    factorized_ = false;
    return FactorStatus::NotPositiveDefinite;
  }
  return FactorStatus::Ok;
}

void AmgCgSolver::solve(const VecX& b, VecX& x) {
  if (!factorized_) throw std::logic_error("amg-cg: solve() without a successful factorize()");
  detail::require_rhs_size(pattern_, b, name());
  detail::StopWatch watch;
  const Index n = b.size();
  Eigen::Map<VecX>(Impl::data(impl_->b), n) = b;
  Eigen::Map<VecX>(Impl::data(impl_->x), n).setZero();

  HYPRE_Solver pcg = impl_->pcg;
  HYPRE_PCGSetTol(pcg, tolerance_);
  HYPRE_PCGSetMaxIter(pcg, max_iterations_);
  const HYPRE_Int code = HYPRE_ParCSRPCGSolve(pcg, impl_->A, impl_->b, impl_->x);
  HYPRE_Int iterations = 0;
  HYPRE_Real relative_residual = 0.0;
  HYPRE_Int converged = 0;
  HYPRE_PCGGetNumIterations(pcg, &iterations);
  HYPRE_PCGGetFinalRelativeResidualNorm(pcg, &relative_residual);
  HYPRE_PCGGetConverged(pcg, &converged);
  // Non-convergence sets hypre's global error flag (HYPRE_ERROR_CONV); it is reported below
  // through our own exception, so clear it for the next call.
  HYPRE_ClearAllErrors();

  x = Eigen::Map<const VecX>(Impl::data(impl_->x), n);
  ++stats_.solves;
  stats_.last_iterations = iterations;
  stats_.iterations += iterations;
  stats_.last_relative_residual = relative_residual;
  stats_.solve_seconds += watch.seconds();
  // b = 0 returns x = 0 at once with converged unset; that is a valid solution.
  const bool zero_rhs = b.squaredNorm() == 0.0;
  if (!zero_rhs && (!converged || !std::isfinite(relative_residual) || !x.allFinite()))
    throw NumericalError(NumericalError::Kind::LinearSolverFailed,
                         "amg-cg: no convergence in " + std::to_string(iterations) +
                             " iterations (relative residual " +
                             detail::format_number(relative_residual) + ", tolerance " +
                             detail::format_number(tolerance_) +
                             (code != 0 ? ", hypre error " + std::to_string(code) : "") + ")");
}

// Registration (the REGISTERED list of engine/CMakeLists.txt).
void add_amg_cg_solver(LinearSolverRegistry& registry, const LinearSolverEnvironment& environment) {
  registry.add(
      "amg-cg",
      [start = environment.start_parallel_runtime] { return std::make_unique<AmgCgSolver>(start); },
      "conjugate gradients with hypre BoomerAMG (SPD; iterative; default above " +
          std::to_string(kDirectSolverMaxDofs) + " dofs)");
}

}  // namespace sinew::solver
