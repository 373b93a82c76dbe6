package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.benchbox.cost.Architecture;
import dev.benchbox.cost.JobCapacity;
import dev.benchbox.cost.PricingTable;
import dev.benchbox.cost.WorkerSize;
import dev.benchbox.platform.GenerationPlan;
import dev.benchbox.platform.GenerationPlan.Where;
import dev.benchbox.tpch.TpchSchema;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GenerationPlannerTest {
    private static final GenerationPlanner PLANNER = new GenerationPlanner(PricingTable.load());
    private static final JobCapacity THREE = JobCapacity.DEFAULT; // driver + 3 executors of 4 vCPU / 16 GB
    private static final JobCapacity TWENTY = new JobCapacity(WorkerSize.DEFAULT, 20, new WorkerSize(8, 32, 50));

    private static GenerationPlan plan(double scale, Where requested, Integer parts, JobCapacity capacity) {
        return PLANNER.planTpch(new dev.benchbox.benchmark.TpchBenchmark().dataSet(), scale, TpchSchema.TABLES, requested, parts, capacity, "us-east-1", Architecture.X86_64);
    }

    @Nested
    class WhereByDefault {
        @Test
        void upToScaleOneIsGeneratedHereBecauseAJobRunsStartUpWouldDominate() {
            GenerationPlan plan = plan(1, null, null, THREE);
            assertThat(plan.where()).isEqualTo(Where.LOCAL);
            assertThat(plan.describe()).isEqualTo("Generating TPC-H SF1 on this machine (default up to SF 1: a job run's start-up "
                    + "(about 1.5 min) outweighs generating and uploading it from here; --generate cluster to override)");
            assertThat(plan.parts()).isEmpty();
            assertThat(plan.estimatedUsd()).isZero();
        }

        @Test
        void aboveScaleOneIsGeneratedInTheCluster() {
            GenerationPlan plan = plan(10, null, null, THREE);
            assertThat(plan.where()).isEqualTo(Where.CLUSTER);
            assertThat(plan.reason()).startsWith("default above SF 1: ");
        }

        @Test
        void theUsersChoiceWinsAndSaysSo() {
            assertThat(plan(0.01, Where.CLUSTER, null, THREE).where()).isEqualTo(Where.CLUSTER);
            assertThat(plan(100, Where.LOCAL, null, THREE).describe()).isEqualTo("Generating TPC-H SF100 on this machine (--generate local)");
        }
    }

    @Nested
    class Parts {
        @Test
        void aboutOneHundredTwentyEightMegabytesOfParquetEach() {
            GenerationPlan plan = plan(100, null, null, TWENTY);
            // lineitem: 600M rows x 38 B = 22.8 GB -> 170 parts; nation and region never split
            assertThat(plan.parts()).containsExactly(entry("region", 1), entry("nation", 1), entry("supplier", 1),
                    entry("customer", 9), entry("part", 5), entry("partsupp", 63), entry("orders", 41), entry("lineitem", 170));
        }

        @Test
        void partsOptionSetsEveryScalingTable() {
            GenerationPlan plan = plan(0.01, Where.CLUSTER, 3, THREE);
            assertThat(plan.parts().values()).containsExactly(1, 1, 3, 3, 3, 3, 3, 3);
            assertThat(plan.totalParts()).isEqualTo(20);
        }
    }

    @Nested
    class WorkersAndCost {
        @Test
        void asManyExecutorsAsGiveEveryPartItsOwnCoreWithinTheApplicationsMaximumCapacity() {
            // 20 parts on 4-vCPU executors: 5, whatever count a run would ask for
            GenerationPlan plan = plan(0.01, Where.CLUSTER, 3, THREE);
            assertThat(plan.workers()).isEqualTo(5);
            assertThat(plan.sparkConf()).containsExactlyEntriesOf(orderedMap("spark.executor.instances", "5",
                    "spark.dynamicAllocation.maxExecutors", "5", "spark.speculation", "false"));
            // 291 parts on 8-vCPU executors: 37; no maximum capacity known: at most 100
            assertThat(plan(100, null, null, TWENTY).workers()).isEqualTo(37);
            assertThat(plan(10_000, null, null, TWENTY).workers()).isEqualTo(SparkTuning.DEFAULT_MAX_EXECUTORS);
            // an application of at most 164 vCPU / 656 GB: the driver's 4 vCPU / 16 GB, then 20 executors of 8 vCPU / 32 GB
            SparkTuning.Workers max = new SparkTuning.Workers(new WorkerSize(4, 16, 20),
                    new WorkerSize(8, 32, 50), 0, 164, 656);
            assertThat(PLANNER.planTpch(new dev.benchbox.benchmark.TpchBenchmark().dataSet(), 100, TpchSchema.TABLES, null, null, TWENTY, "us-east-1", Architecture.X86_64, max, Map.of())
                    .workers()).isEqualTo(20);
            // 14 parts on 8 vCPU: 2 executors
            assertThat(plan(0.01, Where.CLUSTER, 2, TWENTY).workers()).isEqualTo(2);
        }

        @Test
        void theUsersSparkConfWinsAndTheEstimateFollowsItsExecutors() {
            GenerationPlan derived = plan(10, null, null, THREE);
            GenerationPlan user = PLANNER.planTpch(new dev.benchbox.benchmark.TpchBenchmark().dataSet(), 10, TpchSchema.TABLES, null, null, THREE, "us-east-1", Architecture.X86_64, null,
                    orderedMap("spark.executor.instances", "2", "spark.task.maxFailures", "8"));
            assertThat(user.sparkConf()).containsExactlyEntriesOf(orderedMap("spark.executor.instances", "2",
                    "spark.dynamicAllocation.maxExecutors", "2", "spark.speculation", "false", "spark.task.maxFailures", "8"));
            assertThat(user.workers()).isEqualTo(2);
            assertThat(user.estimatedUsd()).isNotEqualTo(derived.estimatedUsd());
        }

        @Test
        void theEstimateGrowsWithTheScaleAndIsShownWithTheParts() {
            GenerationPlan small = plan(10, null, null, THREE);
            GenerationPlan large = plan(1000, null, null, THREE);
            assertThat(small.estimatedUsd()).isPositive().isLessThan(large.estimatedUsd());
            assertThat(small.describe()).isEqualTo("Generating TPC-H SF10 in the cluster (" + small.reason() + "): 34 parts "
                    + "(region 1, nation 1, supplier 1, customer 1, part 1, partsupp 7, orders 5, lineitem 17) on 9 executors of "
                    + "4 vCPU / 16 GB / 20 GB disk, estimated " + dev.benchbox.cost.Usd.estimate(small.estimatedUsd()));
        }
    }

    @Nested
    class Tpcds {
        private GenerationPlan tpcds(double scale, Where requested, Integer parts) {
            return PLANNER.planTpcds(new dev.benchbox.benchmark.TpcdsBenchmark().dataSet(), scale, dev.benchbox.tpcds.TpcdsSchema.TABLES, requested, parts, THREE, "us-east-1",
                    Architecture.X86_64);
        }

        @Test
        void alwaysInTheClusterWithASalesTableAndItsReturnsInTheSameParts() {
            GenerationPlan plan = tpcds(1000, null, null);
            assertThat(plan.where()).isEqualTo(Where.CLUSTER);
            assertThat(plan.benchmark()).isEqualTo("tpcds");
            // store_sales at SF 1000: 240M tickets x 600 B = 144 GB -> 1073 parts, and store_returns the same
            assertThat(plan.parts()).contains(entry("store_sales", 1073), entry("store_returns", 1073),
                    entry("catalog_sales", plan.parts().get("catalog_returns")), entry("web_sales", plan.parts().get("web_returns")),
                    entry("call_center", 1), entry("store", 1), entry("date_dim", 1), entry("customer_demographics", 1));
            assertThat(plan.describe()).startsWith("Generating TPC-DS SF1000 in the cluster (TPC-DS is always generated in the "
                    + "cluster on emr-serverless): ");
        }

        @Test
        void partsOptionSplitsTheFactTablesOnlyAndLocalIsRefusedInOneLine() {
            GenerationPlan plan = tpcds(0.01, Where.CLUSTER, 2);
            assertThat(plan.parts()).contains(entry("store_sales", 2), entry("store_returns", 2), entry("inventory", 2),
                    entry("customer", 1), entry("warehouse", 1));
            assertThat(plan.reason()).isEqualTo("--generate cluster");
            // the tasks are the generators' parts: 3 sales generators and inventory in 2 parts, 17 other tables in 1;
            // 25 tasks on 4-vCPU executors are 7 executors, one wave (sized from the parts, as for TPC-H)
            assertThat(plan.workers()).isEqualTo(7);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> tpcds(1, Where.LOCAL, null))
                    .hasMessage("TPC-DS on emr-serverless is generated in the cluster: --generate local is not offered");
        }
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

}
