// Micro-benchmarks on an n^3 hex8 cube (one face clamped, 3 dofs per node): element assembly
// throughput, symbolic analysis, factorisation/set-up and solve per linear backend (the LU ones,
// for nonsymmetric tangents, up to 20^3), and one full Newton iteration. Sizes 10^3 to 40^3
// elements; CHOLMOD's analysis also at 50^3 and 70^3.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>

#include "batch/mpi_session.hpp"
#include "core/parallel.hpp"
#include "fem/mechanics_problem.hpp"
#include "materials/register.hpp"
#include "mesh/box_generator.hpp"
#include "solver/linear/amg_cg_solver.hpp"
#include "solver/linear/blas_info.hpp"
#include "solver/linear/linear_solver.hpp"
#include "solver/newton.hpp"

namespace {

using namespace sinew;

// The program's MPI (for "amg-cg"), started on first use and finalised when the program ends.
batch::MpiSession& mpi() {
  static batch::MpiSession session;
  return session;
}

struct Registries {
  materials::MaterialRegistry materials;
  solver::LinearSolverRegistry linear;
  Registries() {
    materials::register_materials(materials);
    solver::register_linear_solvers(linear, {[] { mpi().start_parallel_runtime(); }});
  }
};
const Registries& registries() {
  mpi();  // constructed first, so destroyed after the registries and their solvers
  static const Registries r;
  return r;
}

/// A cube of n^3 hex8 with face x0 clamped and x1 pulled 5% (prescribed), material by name.
struct Cube {
  fem::Model model;
  std::unique_ptr<fem::MechanicsProblem> problem;
  VecX u;

  Cube(int n, const std::string& law) {
    model.mesh = mesh::make_box({Vec3::Zero(), Vec3(1, 1, 1), {n, n, n}, mesh::CellType::Hex8});
    std::map<std::string, Real> given;
    if (law == "neo-hookean") given = {{"E", 1.0}, {"nu", 0.3}};
    const auto& reg = registries().materials;
    std::shared_ptr<const materials::Material> m =
        reg.create(law, resolve_parameters(reg.entry(law).parameters, given));
    const auto form = m->is_uncoupled() ? fem::Formulation::MeanDilatation
                                        : fem::Formulation::Standard;
    model.regions.push_back({"all", model.mesh.element_set("all"), m, form});
    fem::initialise_point_fields(model, Vec3::UnitX());
    for (int k = 0; k < 3; ++k)
      model.displacements.push_back({"x0", model.mesh.node_set("x0"), k, 0.0, -1});
    model.displacements.push_back({"x1", model.mesh.node_set("x1"), 0, 0.05, 0});
    problem = std::make_unique<fem::MechanicsProblem>(model);
    // A deformed state: the homogeneous 2% stretch (so fibres are in tension).
    u = VecX::Zero(problem->n_dofs());
    for (Index i = 0; i < model.mesh.n_nodes(); ++i) u[3 * i] = 0.02 * model.mesh.points[i].x();
  }
};

/// The constrained tangent the Newton solver hands to the linear solver.
SparseMatrix constrained_tangent(Cube& cube) {
  SparseMatrix K = cube.problem->pattern();
  VecX r;
  cube.problem->evaluate(cube.u, 0.5, r, &K);
  std::vector<char> fixed(static_cast<size_t>(K.rows()), 0);
  for (Index d : cube.problem->constrained_dofs()) fixed[d] = 1;
  for (Index j = 0; j < K.outerSize(); ++j)
    for (SparseMatrix::InnerIterator it(K, j); it; ++it)
      if ((fixed[it.row()] || fixed[j]) && it.row() != j) it.valueRef() = 0.0;
  return K;
}

/// The rigid-body modes with the prescribed dofs zeroed, as the Newton solver hands them over.
MatX free_rigid_body_modes(const Cube& cube) {
  MatX modes = cube.problem->near_null_space();
  for (Index d : cube.problem->constrained_dofs()) modes.row(d).setZero();
  return modes;
}

void BM_Assembly(benchmark::State& state, const std::string& law, bool tangent = true) {
  Cube cube(static_cast<int>(state.range(0)), law);
  SparseMatrix K = cube.problem->pattern();
  VecX r;
  for (auto _ : state) {
    cube.problem->evaluate(cube.u, 0.5, r, tangent ? &K : nullptr);
    benchmark::DoNotOptimize(K.valuePtr());
  }
  state.counters["elements/s"] =
      benchmark::Counter(static_cast<double>(cube.model.mesh.n_cells()) * state.iterations(),
                         benchmark::Counter::kIsRate);
  state.counters["dofs"] = static_cast<double>(cube.problem->n_dofs());
  state.counters["nnz_K"] = static_cast<double>(K.nonZeros());
}

void BM_Linear(benchmark::State& state, const std::string& backend, const std::string& phase) {
  Cube cube(static_cast<int>(state.range(0)), "hgo");
  const SparseMatrix K = constrained_tangent(cube);
  const VecX b = VecX::Ones(K.rows());
  VecX x;
  // "amg-cg-rbm": amg-cg with the rigid-body modes in its interpolation (off by default).
  const bool rbm = backend == "amg-cg-rbm";
  auto solver = registries().linear.create(rbm ? "amg-cg" : backend);
  solver->set_block_size(3);
  solver->set_tolerance(1e-8);
  if (rbm) {
    solver->set_near_null_space(free_rigid_body_modes(cube));
    dynamic_cast<solver::AmgCgSolver&>(*solver).use_near_null_space(true);
  }
  solver->analyze(K);
  if (phase != "analyze") solver->factorize(K);
  for (auto _ : state) {
    if (phase == "analyze")
      solver->analyze(K);
    else if (phase == "factorize")
      solver->factorize(K);
    else
      solver->solve(b, x);
  }
  state.counters["dofs"] = static_cast<double>(K.rows());
  state.counters["krylov_its"] = solver->stats().last_iterations;
  state.counters["factor_flops"] = solver->estimated_factor_flops();
  state.counters["solve_flops"] = solver->estimated_solve_flops();
  state.counters["nnz_K"] = static_cast<double>(K.nonZeros());
}

void BM_NewtonIteration(benchmark::State& state, const std::string& backend) {
  Cube cube(static_cast<int>(state.range(0)), "hgo");
  solver::NewtonSettings ns;
  ns.linear_solver = backend;
  ns.max_iterations = 1;  // exactly one iteration: assemble, factorise, solve, line-search eval
  ns.line_search = false;
  solver::NewtonSolver newton(*cube.problem, registries().linear, ns);
  for (auto _ : state) {
    VecX u = cube.u;
    benchmark::DoNotOptimize(newton.solve(u, 0.5));
  }
  state.counters["dofs"] = static_cast<double>(cube.problem->n_dofs());
}

void sizes(benchmark::internal::Benchmark* b) {
  for (int n : {10, 20, 30, 40}) b->Arg(n);
  b->Unit(benchmark::kMillisecond)->UseRealTime();
}
void sizes_direct(benchmark::internal::Benchmark* b) {
  for (int n : {10, 20, 30, 40}) b->Arg(n);
  b->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
}

// Symbolic analysis only at the sizes where the factorisation is too dear to run here: the
// counters give its flops and nnz(L) (solve_flops / 4), so its memory (8 bytes a nonzero).
void sizes_large(benchmark::internal::Benchmark* b) {
  for (int n : {50, 70}) b->Arg(n);
  b->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
}

void sizes_lu(benchmark::internal::Benchmark* b) {
  for (int n : {10, 15, 20}) b->Arg(n);
  b->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
}

BENCHMARK_CAPTURE(BM_Assembly, neo_hookean, std::string("neo-hookean"))->Apply(sizes);
BENCHMARK_CAPTURE(BM_Assembly, hgo_mean_dilatation, std::string("hgo"))->Apply(sizes);
BENCHMARK_CAPTURE(BM_Assembly, hgo_mean_dilatation_residual, std::string("hgo"), false)
    ->Apply(sizes);
BENCHMARK_CAPTURE(BM_Linear, cholmod_analyze, std::string("cholmod"), std::string("analyze"))
    ->Apply(sizes_direct);
BENCHMARK_CAPTURE(BM_Linear, cholmod_analyze_large, std::string("cholmod"), std::string("analyze"))
    ->Apply(sizes_large);
BENCHMARK_CAPTURE(BM_Linear, cholmod_factorize, std::string("cholmod"), std::string("factorize"))
    ->Apply(sizes_direct);
BENCHMARK_CAPTURE(BM_Linear, cholmod_solve, std::string("cholmod"), std::string("solve"))
    ->Apply(sizes_direct);
BENCHMARK_CAPTURE(BM_Linear, amg_setup, std::string("amg-cg"), std::string("factorize"))
    ->Apply(sizes_direct);
BENCHMARK_CAPTURE(BM_Linear, amg_cg_solve, std::string("amg-cg"), std::string("solve"))
    ->Apply(sizes_direct);
BENCHMARK_CAPTURE(BM_Linear, amg_rbm_setup, std::string("amg-cg-rbm"), std::string("factorize"))
    ->Apply(sizes_direct);
BENCHMARK_CAPTURE(BM_Linear, amg_rbm_cg_solve, std::string("amg-cg-rbm"), std::string("solve"))
    ->Apply(sizes_direct);
// LU backends (nonsymmetric tangents) on the same HGO tangent: UMFPACK against Eigen's SparseLU.
// Eigen's SparseLU needs minutes and gigabytes from 30^3 on, so the LU sizes stop at 20^3.
BENCHMARK_CAPTURE(BM_Linear, umfpack_analyze, std::string("umfpack"), std::string("analyze"))
    ->Apply(sizes_lu);
BENCHMARK_CAPTURE(BM_Linear, umfpack_factorize, std::string("umfpack"), std::string("factorize"))
    ->Apply(sizes_lu);
BENCHMARK_CAPTURE(BM_Linear, umfpack_solve, std::string("umfpack"), std::string("solve"))
    ->Apply(sizes_lu);
BENCHMARK_CAPTURE(BM_Linear, eigen_lu_analyze, std::string("eigen-lu"), std::string("analyze"))
    ->Apply(sizes_lu);
BENCHMARK_CAPTURE(BM_Linear, eigen_lu_factorize, std::string("eigen-lu"), std::string("factorize"))
    ->Apply(sizes_lu);
BENCHMARK_CAPTURE(BM_Linear, eigen_lu_solve, std::string("eigen-lu"), std::string("solve"))
    ->Apply(sizes_lu);
BENCHMARK_CAPTURE(BM_NewtonIteration, cholmod, std::string("cholmod"))->Apply(sizes_direct);
BENCHMARK_CAPTURE(BM_NewtonIteration, amg_cg, std::string("amg-cg"))->Apply(sizes_direct);

}  // namespace

int main(int argc, char** argv) {
  benchmark::AddCustomContext("blas", sinew::solver::blas_info());
  benchmark::AddCustomContext("omp_threads", std::to_string(sinew::max_threads()));
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
