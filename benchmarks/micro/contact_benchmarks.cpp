// Cost of the node-to-segment contact search against one Newton iteration, on a tendon in its
// sheath (tendon_sheath generator, neo-Hookean tendon and sheath, frictional contact of the
// tendon surface on the sheath's inner surface). The state: the sheath pulled in by 0.02 mm and
// the tendon slid 0.5 mm along its axis, committed once (so the search starts from the last
// facet, as in the Newton iterations of an increment). Size s: s core cells per side, 4s facets
// around, 7.5 s along the 50 mm (s = 4: 8,277 dofs; s = 8: 55,815 dofs).
// Rows: the local search (last facet, then its neighbours) and the grid search alone, per slave
// node set; the grid rebuild (once per increment); the search with the contact law; a full
// assembly; one Newton iteration (assembly, UMFPACK factorisation and solve, residual check).
#include <benchmark/benchmark.h>

#include <memory>

#include "contact/segment_contact_set.hpp"
#include "core/parallel.hpp"
#include "fem/mechanics_problem.hpp"
#include "materials/register.hpp"
#include "mesh/tendon_sheath_generator.hpp"
#include "solver/linear/blas_info.hpp"
#include "solver/linear/linear_solver.hpp"
#include "solver/newton.hpp"

namespace {

using namespace sinew;

std::shared_ptr<const materials::Material> neo_hookean(Real E) {
  materials::MaterialRegistry reg;
  materials::register_materials(reg);
  const auto& entry = reg.entry("neo-hookean");
  return reg.create("neo-hookean", resolve_parameters(entry.parameters, {{"E", E}, {"nu", 0.3}}));
}

/// The tendon-in-sheath contact model at size s in its slid, squeezed state u.
struct SheathModel {
  fem::Model model;
  std::unique_ptr<fem::MechanicsProblem> problem;
  const contact::SegmentContactSet* contact = nullptr;
  VecX u;
  std::vector<Index> last;  ///< committed master facet per slave node

  explicit SheathModel(int s) {
    constexpr Real kSqueeze = 0.02, kSlide = 0.5, kMu = 0.1;
    mesh::TendonSheathSpec spec;
    spec.core_divisions = s;
    spec.axial_divisions = 15 * s / 2;
    spec.tendon_radial_divisions = std::max(1, s / 2);
    spec.sheath_radial_divisions = std::max(1, s / 4);
    model.mesh = mesh::generate_tendon_sheath(spec);
    model.regions.push_back({"tendon", model.mesh.element_set("tendon"), neo_hookean(100.0)});
    model.regions.push_back({"sheath", model.mesh.element_set("sheath"), neo_hookean(10.0)});
    fem::initialise_point_fields(model);
    // Reach 3 mm: a slave node may meet the master facets within 3 mm (about 3 facets) of its
    // reference position, which keeps the sparsity pattern local.
    auto set = std::make_shared<contact::SegmentContactSet>(
        model.mesh, model.mesh.facet_set("interface_tendon"),
        model.mesh.facet_set("interface_sheath"), contact::ContactParameters{100.0, 100.0, kMu},
        3.0);
    model.couplings.push_back(set);
    u = VecX::Zero(3 * model.mesh.n_nodes());
    const Real a = spec.semi_axis_y + spec.sheath_thickness;
    const Real b = spec.semi_axis_z + spec.sheath_thickness;
    for (Index n : model.mesh.node_set("sheath")) {
      const Vec3& X = model.mesh.points[n];
      const Vec3 normal = Vec3(0.0, X.y() / (a * a), X.z() / (b * b)).normalized();
      u.segment<3>(3 * n) = -kSqueeze * normal;
    }
    for (Index n : model.mesh.node_set("tendon")) u[3 * n] = kSlide;
    for (Index n : model.mesh.node_set("sheath_outer"))
      for (int k = 0; k < 3; ++k)
        model.displacements.push_back({"sheath_outer", {n}, k, u[3 * n + k], -1});
    for (Index n : model.mesh.node_set("tendon_proximal"))
      model.displacements.push_back({"tendon_proximal", {n}, 0, kSlide, -1});
    problem = std::make_unique<fem::MechanicsProblem>(model);
    problem->commit(u, 1.0);
    contact = dynamic_cast<const contact::SegmentContactSet*>(problem->couplings().front().get());
    for (const auto& info : contact->node_info()) last.push_back(info.facet);
  }

  Vec3 slave_position(size_t k) const {
    const Index n = contact->nodes()[k];
    return model.mesh.points[static_cast<size_t>(n)] + u.segment<3>(3 * n);
  }
};

void counters(benchmark::State& state, const SheathModel& m) {
  state.counters["dofs"] = static_cast<double>(m.problem->n_dofs());
  state.counters["slave_nodes"] = static_cast<double>(m.contact->nodes().size());
  state.counters["master_facets"] = static_cast<double>(m.contact->master().size());
}

/// The search for every slave node: from its last facet (local) or through the grid alone.
void BM_ContactSearch(benchmark::State& state, bool local) {
  const SheathModel m(static_cast<int>(state.range(0)));
  const auto& master = m.contact->master();
  const std::vector<Index> all;  // the reach is checked by the contact set, not timed here
  Index found = 0;
  for (auto _ : state) {
    found = 0;
    for (size_t k = 0; k < m.last.size(); ++k)
      found +=
          master.find(m.model.mesh.points, m.u, m.slave_position(k), local ? m.last[k] : -1, all)
              .facet >= 0;
    benchmark::DoNotOptimize(found);
  }
  counters(state, m);
  state.counters["found"] = static_cast<double>(found);
}

void BM_ContactRebuild(benchmark::State& state) {
  const SheathModel m(static_cast<int>(state.range(0)));
  contact::MasterSurface master = m.contact->master();
  for (auto _ : state) master.rebuild(m.model.mesh.points, m.u, master.facet_size());
  counters(state, m);
}

/// Search and contact law for every slave node (no scatter into K).
void BM_ContactEvaluate(benchmark::State& state) {
  const SheathModel m(static_cast<int>(state.range(0)));
  int touching = 0;
  for (auto _ : state) {
    const auto responses = m.contact->evaluate(m.u);
    touching = 0;
    for (const auto& r : responses) touching += r.in_contact;
    benchmark::DoNotOptimize(touching);
  }
  counters(state, m);
  state.counters["in_contact"] = touching;
}

void BM_Assembly(benchmark::State& state) {
  const SheathModel m(static_cast<int>(state.range(0)));
  SparseMatrix K = m.problem->pattern();
  VecX r;
  for (auto _ : state) {
    m.problem->evaluate(m.u, 1.0, r, &K);
    benchmark::DoNotOptimize(K.valuePtr());
  }
  counters(state, m);
  state.counters["nnz_K"] = static_cast<double>(K.nonZeros());
}

void BM_NewtonIteration(benchmark::State& state) {
  const SheathModel m(static_cast<int>(state.range(0)));
  solver::LinearSolverRegistry linear;
  solver::register_linear_solvers(linear);
  solver::NewtonSettings ns;
  ns.max_iterations = 1;  // one iteration: assemble, factorise (UMFPACK), solve, residual
  ns.line_search = false;
  ns.strategy = solver::NewtonStrategy::Full;
  solver::NewtonSolver newton(*m.problem, linear, ns);
  for (auto _ : state) {
    VecX u = m.u;
    benchmark::DoNotOptimize(newton.solve(u, 1.0));
  }
  counters(state, m);
}

void sizes(benchmark::internal::Benchmark* b) {
  for (int s : {4, 8}) b->Arg(s);
  b->Unit(benchmark::kMillisecond)->UseRealTime();
}
void sizes_once(benchmark::internal::Benchmark* b) {
  for (int s : {4, 8}) b->Arg(s);
  b->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
}

BENCHMARK_CAPTURE(BM_ContactSearch, local, true)->Apply(sizes);
BENCHMARK_CAPTURE(BM_ContactSearch, grid, false)->Apply(sizes);
BENCHMARK(BM_ContactRebuild)->Apply(sizes);
BENCHMARK(BM_ContactEvaluate)->Apply(sizes);
BENCHMARK(BM_Assembly)->Apply(sizes);
BENCHMARK(BM_NewtonIteration)->Apply(sizes_once);

}  // namespace

int main(int argc, char** argv) {
  benchmark::AddCustomContext("blas", sinew::solver::blas_info());
  benchmark::AddCustomContext("omp_threads", std::to_string(sinew::max_threads()));
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
