package dev.benchbox.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostPrintersTest {
    private static final PricingTable PRICING = PricingTable.load();

    @Test
    void emptyLedgerSaysNothingCostMoney() {
        assertThat(report(List.of())).isEqualTo("Nothing has run on EMR Serverless since the shell started (DuckDB runs cost nothing).\n");
    }

    @Test
    void reportShowsEachRunAndTheSessionBilledAndTotal() {
        JobRunUsage power = Runs.run("00fabc0000000001", "tpch sf1 power", "power run", "SUCCESS", 300,
                new ResourceUtilization(1.334, 5.336, 6.67), new ResourceUtilization(1.334, 5.336, 0));
        JobRunUsage query = Runs.run("00fabc0000000002", "q1 adhoc", "query", "FAILED", 20,
                new ResourceUtilization(0.089, 0.356, 0.444), new ResourceUtilization(0.267, 1.067, 0));

        // billed: 0.101034492 + 0.0202162675; total: 0.101774862 + 0.006789966
        assertThat(report(List.of(power, query))).isEqualTo("""
                Job run           Name            State    Run time          vCPU-h   GB-h  Storage GB-h   Cost
                00fabc0000000001  tpch sf1 power  SUCCESS    5m 00s  billed   1.334  5.336         0.000  $0.10
                                                                     total    1.334  5.336         6.670  $0.10
                00fabc0000000002  q1 adhoc        FAILED        20s  billed   0.267  1.067         0.000  $0.02
                                                                     total    0.089  0.356         0.444  $0.01
                All               2 job runs                 5m 20s  billed   1.601  6.403         0.000  $0.12
                                                                     total    1.423  5.692         7.114  $0.11
                Billed is what AWS charges: each worker at least 1 minute, storage only above 20 GB per worker. Total is what ran.
                Prices: us-east-1 x86_64: $0.052624/vCPU-h, $0.0057785/GB-h, $0.000111/storage GB-h
                """);
    }

    /** An EMR interactive session is not a job run: rows of its own, and the total counts both by their names. */
    @Test
    void interactiveSessionsHaveRowsOfTheirOwn() {
        JobRunUsage power = Runs.run("00fabc0000000001", "tpch sf1 power", "power run", "SUCCESS", 300,
                new ResourceUtilization(1.334, 5.336, 6.67), new ResourceUtilization(1.334, 5.336, 0));
        JobRunUsage session = Runs.run("00fsess000000001", "benchbox-20261207-201500", JobRunUsage.SESSION, "TERMINATED", 600,
                new ResourceUtilization(0.5, 2, 0), new ResourceUtilization(0.5, 2, 0));

        assertThat(report(List.of(session, power))).isEqualTo("""
                Job run           Name                      State       Run time          vCPU-h   GB-h  Storage GB-h   Cost
                00fabc0000000001  tpch sf1 power            SUCCESS       5m 00s  billed   1.334  5.336         0.000  $0.10
                                                                                  total    1.334  5.336         6.670  $0.10
                EMR session       Name                      State        Up time          vCPU-h   GB-h  Storage GB-h   Cost
                00fsess000000001  benchbox-20261207-201500  TERMINATED   10m 00s  billed   0.500  2.000         0.000  $0.04
                                                                                  total    0.500  2.000         0.000  $0.04
                All               1 job run, 1 EMR session               15m 00s  billed   1.834  7.336         0.000  $0.14
                                                                                  total    1.834  7.336         6.670  $0.14
                Billed is what AWS charges: each worker at least 1 minute, storage only above 20 GB per worker. Total is what ran.
                Prices: us-east-1 x86_64: $0.052624/vCPU-h, $0.0057785/GB-h, $0.000111/storage GB-h
                """);
    }

    @Test
    void taggedRunsAreListedWithTheTagsToGroupTheBillByAndTheConnectionSaysWhatItTags() {
        JobRunUsage plain = Runs.run("00fc", "us-east-1", Architecture.X86_64, new ResourceUtilization(1, 4, 5),
                new ResourceUtilization(1, 4, 0));
        JobRunUsage tagged = new JobRunUsage("00fabc0000000001", "benchbox test", "query", "SUCCESS", plain.total(), plain.billed(), 60,
                null, null, null, null, Architecture.X86_64, "us-east-1", null,
                java.util.Map.of("team", "analytics", "benchbox:run-id", "r-1", "created-by", "benchbox"));

        assertThat(report(List.of(plain, tagged))).endsWith("""
                Prices: us-east-1 x86_64: $0.052624/vCPU-h, $0.0057785/GB-h, $0.000111/storage GB-h
                Tags to group the AWS bill by (cost allocation tags, once activated):
                  00fabc0000000001  benchbox:run-id=r-1, created-by=benchbox, team=analytics
                """);
        StringWriter out = new StringWriter();
        new CostReportPrinter(out).connectionTags(java.util.Map.of("team", "analytics", "created-by", "benchbox"));
        assertThat(out.toString().replace(System.lineSeparator(), "\n")).isEqualTo("This connection tags what it creates with "
                + "created-by=benchbox, team=analytics; a run's job runs and session also carry benchbox:run-id (its results file's "
                + "run id), benchbox:benchmark and benchbox:scale.\n");
        StringWriter none = new StringWriter();
        new CostReportPrinter(none).connectionTags(java.util.Map.of());
        assertThat(none.toString()).isEmpty();
    }

    @Test
    void runsInOtherRegionsArePricedThereAndListed() {
        JobRunUsage frankfurt = Runs.run("00fb", "eu-central-1", Architecture.ARM64,
                new ResourceUtilization(0.002, 0.008, 0.01), new ResourceUtilization(0.017, 0.067, 0));
        JobRunUsage virginia = Runs.run("00fc", "us-east-1", Architecture.X86_64,
                new ResourceUtilization(1, 4, 5), new ResourceUtilization(1, 4, 0));

        // Frankfurt billed: 0.017 × 0.0484224 + 0.067 × 0.0053144 = 0.0011792 (arm64 prices); Virginia: 0.075738
        assertThat(report(List.of(frankfurt, virginia))).isEqualTo("""
                Job run  Name           State    Run time          vCPU-h   GB-h  Storage GB-h    Cost
                00fb     benchbox test  SUCCESS    1m 00s  billed   0.017  0.067         0.000  <$0.01
                                                           total    0.002  0.008         0.010  <$0.01
                00fc     benchbox test  SUCCESS    1m 00s  billed   1.000  4.000         0.000   $0.08
                                                           total    1.000  4.000         5.000   $0.08
                All      2 job runs                2m 00s  billed   1.017  4.067         0.000   $0.08
                                                           total    1.002  4.008         5.010   $0.08
                Billed is what AWS charges: each worker at least 1 minute, storage only above 20 GB per worker. Total is what ran.
                Prices: eu-central-1 arm64: $0.0484224/vCPU-h, $0.0053144/GB-h, $0.000132/storage GB-h
                        us-east-1 x86_64: $0.052624/vCPU-h, $0.0057785/GB-h, $0.000111/storage GB-h
                """);
    }

    @Test
    void estimateShowsFigureMakeUpAndAssumptions() {
        CostEstimate estimate = CostEstimator.load().estimate(1, JobCapacity.DEFAULT, "us-east-1", Architecture.X86_64);

        assertThat(estimate(estimate)).isEqualTo("""
                Estimated cost of a TPC-H SF1 power run on EMR Serverless: $0.11
                  job run   about 5m 00s
                  workers   1 driver + 3 executors, 4 vCPU / 16 GB / 20 GB disk each
                  billed    1.333 vCPU-h, 5.333 GB-h, 0.000 storage GB-h
                  prices    us-east-1 x86_64: $0.052624/vCPU-h, $0.0057785/GB-h, $0.000111/storage GB-h
                Assumptions:
                  - job time: 1m 30s of start-up plus 3m 30s of queries, from the TPC-H estimate table (an estimate, not a measurement)
                  - the table is for 1 driver + 3 executors, 4 vCPU / 16 GB / 20 GB disk each; query time scales as (12 / executor vCPUs) ^ 0.7, start-up not at all
                  - every worker is billed for the whole job run (dynamic allocation can only make it cheaper)
                  - AWS's billing: per second, at least 1 minute per worker, storage only above 20 GB per worker
                  - prices as of 2025; S3, Glue, CloudWatch, data transfer and pre-initialized capacity are not included
                """);
    }

    @Test
    void estimateOfSeveralPowerRunsInOneJob() {
        CostEstimate estimate = CostEstimator.load().estimate(0.01, 4, JobCapacity.DEFAULT, "us-east-1",
                Architecture.X86_64);

        // 90 + 4 × 30 = 210 s × 4 workers: 3360 vCPU-s = 0.933 vCPU-h, 13440 GB-s = 3.733 GB-h → $0.0706888
        assertThat(estimate(estimate)).startsWith("""
                Estimated cost of 4 TPC-H SF0.01 power runs in one job run on EMR Serverless: $0.08
                  job run   about 3m 30s
                  workers   1 driver + 3 executors, 4 vCPU / 16 GB / 20 GB disk each
                  billed    0.933 vCPU-h, 3.733 GB-h, 0.000 storage GB-h
                """).contains("  - job time: 1m 30s of start-up plus 30s of queries per power run, 4 power runs, from");
    }

    private static String report(List<JobRunUsage> runs) {
        StringWriter out = new StringWriter();
        new CostReportPrinter(out).print(CostReport.of(runs, PRICING));
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    private static String estimate(CostEstimate estimate) {
        StringWriter out = new StringWriter();
        new CostEstimatePrinter(out).print(estimate);
        return out.toString().replace(System.lineSeparator(), "\n");
    }
}
