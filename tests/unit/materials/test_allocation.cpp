// Checks that stress and tangent evaluation never allocate (they run at every quadrature point).
//
// Counts calls of the global operator new around the evaluations.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "material_test_support.hpp"

namespace {
std::atomic<long> g_allocations{0};  // test instrumentation only
}  // namespace

// The replacements below pair malloc with free consistently; GCC's check only sees that
// "operator new" memory reaches free().
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

void* operator new(std::size_t n) {
  ++g_allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  ++g_allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace sinew::materials::testing {
namespace {

class AllocationTest : public ::testing::TestWithParam<LawCase> {};

TEST_P(AllocationTest, StressTangentDoesNotAllocate) {
  ASSERT_TRUE(GetParam().known);
  const auto law = make_law(GetParam());
  std::mt19937_64 rng(seed_of(GetParam().label));
  PointFields p = law->default_fields();
  p.fibre = random_unit(rng);
  std::vector<Mat3> Cs;
  for (int i = 0; i < 20; ++i) {
    const Mat3 F = random_deformation(rng);
    Cs.push_back(F.transpose() * F);
  }
  Real sink = 0.0;
  const long before = g_allocations.load();
  for (const Mat3& C : Cs) {
    const StressTangent st = total_stress_tangent(*law, C, p);
    const StressTangent st_iso = law->stress_tangent(C, p);
    sink += st.D(0, 0) + st_iso.S(0, 0) + law->energy(C, p) + total_energy(*law, C, p);
  }
  EXPECT_EQ(g_allocations.load() - before, 0);
  EXPECT_TRUE(std::isfinite(sink));
}

INSTANTIATE_TEST_SUITE_P(AllLaws, AllocationTest, ::testing::ValuesIn(law_cases()), case_name);

}  // namespace
}  // namespace sinew::materials::testing
