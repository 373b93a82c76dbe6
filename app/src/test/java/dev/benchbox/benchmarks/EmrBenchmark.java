package dev.benchbox.benchmarks;

import dev.benchbox.cost.CostCalculator;
import dev.benchbox.cost.JobRunUsage;
import dev.benchbox.cost.PricingTable;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.RowSink;
import dev.benchbox.platform.emr.EmrOptions;
import dev.benchbox.platform.emr.EmrServerlessPlatform;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.StandInConfig;
import dev.benchbox.tpch.TpchQueries;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The EMR side of scripts/bench-emr: a TPC-H SF 0.01 power run (warm-up + iterations) against the AWS
 * stand-in with interactive (realistic, scaled) start-up latencies and real Spark jobs, our way (the whole
 * stream in ONE job run) vs. the seed's way (one job run per query execution), side by side: job runs,
 * billed resources and dollars by AWS's rules, and how long after a run ended the shell noticed.
 * Not a test: run by the benchmark script with the test classpath.
 */
public final class EmrBenchmark {
    private EmrBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmups = Integer.parseInt(args.length > 0 ? args[0] : "1");
        int iterations = Integer.parseInt(args.length > 1 ? args[1] : "3");
        int perQueryRounds = Integer.parseInt(args.length > 2 ? args[2] : String.valueOf(warmups + iterations));
        System.setProperty("aws.accessKeyId", AwsStandIn.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", AwsStandIn.SECRET_KEY);
        Path dir = Files.createTempDirectory("benchbox-emr-bench");
        List<BatchQuery> queries = TpchQueries.all().stream().map(q -> new BatchQuery(q.name(), q.sql())).toList();
        try (AwsStandIn aws = AwsStandIn.start(StandInConfig.interactive(dir))) {
            EmrOptions options = EmrOptions.resolve(Map.of(
                    "endpoint_url", aws.endpoint().toString(),
                    "s3_staging_dir", "s3://" + aws.bucket() + "/bench/",
                    "execution_role_arn", AwsStandIn.EXECUTION_ROLE,
                    "create_application", "true"), Map.of(), false);
            try (EmrServerlessPlatform emr = EmrServerlessPlatform.connect(options, dev.benchbox.platform.JobProgress.NONE)) {
                emr.createSchema("bench");
                emr.load("bench", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet(), dev.benchbox.dataset.Scale.of(0.01), List.of(), LoadProgress.NONE);

                emr.runBatch("bench", queries, warmups, iterations, 1000, BatchListener.NONE);
                List<JobRunUsage> ours = List.copyOf(emr.jobRuns());

                int rounds = 0;
                for (int round = 0; round < perQueryRounds; round++) {
                    for (BatchQuery query : queries) {
                        emr.execute("bench", query.sql(), RowSink.DISCARD);
                    }
                    rounds++;
                }
                List<JobRunUsage> all = emr.jobRuns();
                List<JobRunUsage> perQuery = all.subList(ours.size(), all.size());
                report(ours, perQuery, warmups + iterations, rounds, all);
            }
        }
    }

    private static void report(List<JobRunUsage> ours, List<JobRunUsage> perQuery, int rounds, int perQueryRounds,
            List<JobRunUsage> all) {
        CostCalculator calculator = new CostCalculator(PricingTable.load());
        BigDecimal oursUsd = billed(calculator, ours);
        BigDecimal perQueryUsd = billed(calculator, perQuery);
        System.out.printf(Locale.ROOT, "power run, SF 0.01, %d rounds of 22 queries (warm-up + iterations)%n", rounds);
        System.out.printf(Locale.ROOT, "  ours (one job run per stream):   %3d job runs, billed %.3f vCPU-h  $%s%n", ours.size(),
                vcpu(ours), oursUsd.setScale(4, java.math.RoundingMode.HALF_UP));
        if (perQueryRounds == 0) {
            // the smallest run (the scripts' smoke test): nothing to compare with
            System.out.println("  seed (one job run per query):    not measured (0 rounds)");
        } else {
            // the seed runs every round: scale a shorter per-query measurement up to the same number of rounds
            BigDecimal perQueryFull = perQueryUsd.multiply(BigDecimal.valueOf(rounds)).divide(BigDecimal.valueOf(perQueryRounds),
                    10, java.math.RoundingMode.HALF_UP);
            System.out.printf(Locale.ROOT, "  seed (one job run per query):    %3d job runs, billed %.3f vCPU-h  $%s%s%n", perQuery.size(),
                    vcpu(perQuery), perQueryUsd.setScale(4, java.math.RoundingMode.HALF_UP),
                    perQueryRounds == rounds ? "" : String.format(Locale.ROOT, "  (measured %d of %d rounds: $%s for all)",
                            perQueryRounds, rounds, perQueryFull.setScale(4, java.math.RoundingMode.HALF_UP)));
            System.out.printf(Locale.ROOT, "  billed cost ratio ours/seed: %.3f   (target <= 0.10)%n",
                    oursUsd.doubleValue() / perQueryFull.doubleValue());
        }
        List<Long> delays = new ArrayList<>();
        for (JobRunUsage run : all) {
            run.noticeDelay().map(Duration::toMillis).ifPresent(delays::add);
        }
        delays.sort(Long::compare);
        if (!delays.isEmpty()) {
            System.out.printf(Locale.ROOT, "  job end -> shell noticed: median %d ms, max %d ms over %d job runs   (target: median <= 500 ms, max <= 1000 ms)%n",
                    delays.get(delays.size() / 2), delays.get(delays.size() - 1), delays.size());
        }
    }

    private static BigDecimal billed(CostCalculator calculator, List<JobRunUsage> runs) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JobRunUsage run : runs) {
            sum = sum.add(calculator.cost(run).billed().total());
        }
        return sum;
    }

    private static double vcpu(List<JobRunUsage> runs) {
        return runs.stream().mapToDouble(r -> r.billed().vCpuHours()).sum();
    }
}
