// The thread budget: jobs x OpenMP threads never exceed the usable cores, BLAS threads only for
// a single large job, and the environment's requests are honoured.
#include <gtest/gtest.h>

#include <cstdlib>

#include "core/thread_budget.hpp"

namespace sinew {
namespace {

TEST(ThreadBudget, JobsShareTheCoresAndBlasStaysSingleThreaded) {
  for (int cores : {1, 2, 3, 8, 64})
    for (int jobs : {1, 2, 3, 8})
      for (int requested : {0, 1, 4, 100}) {
        const auto b = plan_threads(jobs, requested, cores, 200'000, 100);
        EXPECT_LE(b.jobs * b.threads_per_job, std::max(cores, b.jobs))
            << cores << " cores, " << jobs << " jobs, " << requested << " threads";
        EXPECT_GE(b.threads_per_job, 1);
        if (b.jobs > 1) {
          EXPECT_EQ(b.blas_threads, 1);
        }
        // BLAS threads run while the same arm's OpenMP threads wait: never more than its share.
        EXPECT_LE(b.blas_threads, b.threads_per_job);
      }
}

TEST(ThreadBudget, TwoJobsOnTwoCoresGetOneThreadEach) {
  const auto b = plan_threads(2, 0, 2, 10'000, 12);
  EXPECT_EQ(b.jobs, 2);
  EXPECT_EQ(b.threads_per_job, 1);
  EXPECT_EQ(b.blas_threads, 1);
  EXPECT_EQ(b.describe(), "2 jobs x 1 OpenMP thread, 1 BLAS thread (2 usable cores)");
}

TEST(ThreadBudget, FewerArmsThanJobsLeaveThreadsToEachArm) {
  const auto b = plan_threads(4, 0, 8, 10'000, 2);
  EXPECT_EQ(b.jobs, 2);
  EXPECT_EQ(b.threads_per_job, 4);
}

TEST(ThreadBudget, BlasThreadsOnlyAboveTheThreadingSize) {
  EXPECT_EQ(plan_threads(1, 0, 4, kBlasThreadingMinDofs, 1).blas_threads, 1);
  EXPECT_EQ(plan_threads(1, 0, 4, kBlasThreadingMinDofs + 1, 1).blas_threads, 4);
  EXPECT_EQ(plan_threads(1, 0, 4, 10, 1, 3).blas_threads, 3);  // asked for explicitly
}

TEST(ThreadBudget, RequestsComeFromTheCommandLineThenTheEnvironment) {
  ::setenv("OMP_NUM_THREADS", "3", 1);
  ::setenv("OPENBLAS_NUM_THREADS", "2", 1);
  EXPECT_EQ(requested_threads(5), 5);
  EXPECT_EQ(requested_threads(0), 3);
  EXPECT_EQ(requested_blas_threads(0), 2);
  ::setenv("OMP_NUM_THREADS", "lots", 1);
  EXPECT_EQ(requested_threads(0), 0);  // not a number: all usable cores
  ::unsetenv("OMP_NUM_THREADS");
  ::unsetenv("OPENBLAS_NUM_THREADS");
  EXPECT_EQ(requested_threads(0), 0);
  EXPECT_EQ(requested_blas_threads(0), 0);
}

TEST(ThreadBudget, UnboundMpiRanksSplitTheNode) {
  ::unsetenv("OMPI_COMM_WORLD_LOCAL_SIZE");
  const int alone = usable_cores();
  ASSERT_GE(alone, 1);
  ::setenv("OMPI_COMM_WORLD_LOCAL_SIZE", "2", 1);
  const int shared = usable_cores();
  ::unsetenv("OMPI_COMM_WORLD_LOCAL_SIZE");
  EXPECT_EQ(shared, alone >= 2 ? alone / 2 : 1);
}

}  // namespace
}  // namespace sinew
