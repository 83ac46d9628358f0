// `sinew slurm`'s arm balancing and option checks (tools/slurm_plan.hpp), on exact examples.
#include <gtest/gtest.h>

#include "slurm_plan.hpp"

namespace sinew::tools {
namespace {

using Plan = std::vector<std::vector<std::size_t>>;

TEST(BalanceArms, LongestFirstToTheLeastLoadedTask) {
  // 5 -> t0, 4 -> t1, 3 -> t1 (7), 3 -> t0 (8), 3 -> t1 (10): loads 8 and 10 of 18.
  EXPECT_EQ(balance_arms({5, 4, 3, 3, 3}, 2), (Plan{{0, 3}, {1, 2, 4}}));
  // Round robin (arm i to task i % 2) would give 11 and 7; equal costs still spread evenly.
  EXPECT_EQ(balance_arms({1, 1, 1, 1}, 2), (Plan{{0, 2}, {1, 3}}));
  // One heavy arm takes a task of its own.
  EXPECT_EQ(balance_arms({1, 1, 1, 1, 1, 1, 6}, 2), (Plan{{6}, {0, 1, 2, 3, 4, 5}}));
}

TEST(BalanceArms, MoreTasksThanArmsLeavesTasksEmpty) {
  EXPECT_EQ(balance_arms({2, 7}, 3), (Plan{{1}, {0}, {}}));
  EXPECT_EQ(balance_arms({}, 2), (Plan{{}, {}}));
}

TEST(NodeLocal, ScratchPathsAreNamedSharedOnesAreNot) {
  EXPECT_NE(node_local_reason("/tmp/me/build/sinew", ""), "");
  EXPECT_NE(node_local_reason("/scratch/local/job/study.yaml", ""), "");
  EXPECT_NE(node_local_reason("/dev/shm/x", ""), "");
  EXPECT_NE(node_local_reason("/node-tmp/a/b", "/node-tmp"), "");
  EXPECT_EQ(node_local_reason("/home/me/study.yaml", ""), "");
  EXPECT_EQ(node_local_reason("/scratch/shared/me/study.yaml", ""), "");
  EXPECT_EQ(node_local_reason("/tmpfoo/study.yaml", ""), "");  // a prefix, not a folder
}

TEST(SlurmValues, TimeMemoryPartition) {
  for (const char* ok : {"30", "30:00", "02:00:00", "1-00", "1-12:00", "2-00:00:00"})
    EXPECT_TRUE(valid_slurm_time(ok)) << ok;
  for (const char* bad : {"", "2h", "02:00:00\n#SBATCH --x", "1-", "-1"})
    EXPECT_FALSE(valid_slurm_time(bad)) << bad;
  EXPECT_TRUE(valid_slurm_memory("8G"));
  EXPECT_TRUE(valid_slurm_memory("4000"));
  EXPECT_FALSE(valid_slurm_memory("8 GB"));
  EXPECT_TRUE(valid_slurm_partition("short,long"));
  EXPECT_FALSE(valid_slurm_partition("a b"));
}

}  // namespace
}  // namespace sinew::tools
