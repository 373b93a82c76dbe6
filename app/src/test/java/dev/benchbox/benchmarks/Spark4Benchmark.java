package dev.benchbox.benchmarks;

import dev.benchbox.benchmark.Benchmarks;
import dev.benchbox.cost.CostCalculator;
import dev.benchbox.cost.JobRunUsage;
import dev.benchbox.cost.PricingTable;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.JobProgress;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.emr.EmrOptions;
import dev.benchbox.platform.emr.EmrServerlessPlatform;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.StandInConfig;
import dev.benchbox.tpch.TpchQueries;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Java side of scripts/bench-spark4: the same TPC-H power run (22 queries, one job run) on an emr-7.13.0 application
 * (the stand-in's Spark 3.5.7) and an emr-spark-8.0.0 one (Spark 4.0.1), on the same data, side by side: wall time,
 * the job run's submit-to-end and in-driver query time, billed cost by AWS's rules, and the Spark each driver reported.
 * The stand-in's figures say nothing about AWS; they show the comparison working end to end. Not a test.
 */
public final class Spark4Benchmark {
    private static final List<String> RELEASES = List.of("emr-7.13.0", "emr-spark-8.0.0");

    private Spark4Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        double scale = Double.parseDouble(args.length > 0 ? args[0] : "1");
        System.setProperty("aws.accessKeyId", AwsStandIn.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", AwsStandIn.SECRET_KEY);
        Path dir = Files.createTempDirectory("benchbox-spark4-bench");
        List<BatchQuery> queries = TpchQueries.all().stream().map(q -> new BatchQuery(q.name(), q.sql())).toList();
        CostCalculator calculator = new CostCalculator(PricingTable.load());
        System.out.printf(Locale.ROOT, "TPC-H SF %s power run (22 queries, one job run) on the stand-in, per release%n", Scale.of(scale).text());
        System.out.printf(Locale.ROOT, "  %-16s %-12s %9s %13s %12s %9s %10s%n", "release", "spark", "wall s", "submit-end s",
                "queries s", "ran", "billed $");
        try (AwsStandIn aws = AwsStandIn.start(StandInConfig.forTests(dir));
                EmrServerlessPlatform spark35 = connect(aws, RELEASES.get(0));
                EmrServerlessPlatform spark4 = connect(aws, RELEASES.get(1))) {
            // the same data for both: loaded once, registered in the one Glue catalog both applications read
            spark35.createSchema("bench");
            spark35.load("bench", Benchmarks.get("tpch").dataSet(), Scale.of(scale), List.of(), LoadProgress.NONE);
            for (EmrServerlessPlatform emr : List.of(spark35, spark4)) {
                int before = emr.jobRuns().size();
                long started = System.nanoTime();
                List<QueryExecution> executions = emr.runBatch("bench", queries, 0, 1, 1000, BatchListener.NONE);
                double wall = (System.nanoTime() - started) / 1e9;
                List<JobRunUsage> runs = emr.jobRuns().subList(before, emr.jobRuns().size());
                double submitToEnd = runs.stream().mapToDouble(r -> r.wallClock().map(d -> d.toMillis() / 1e3).orElse(0.0)).sum();
                double inDriver = executions.stream().mapToDouble(e -> e.elapsedNanos() / 1e9).sum();
                long failed = executions.stream().filter(QueryExecution::failed).count();
                BigDecimal billed = BigDecimal.ZERO;
                for (JobRunUsage run : runs) {
                    billed = billed.add(calculator.cost(run).billed().total());
                }
                System.out.printf(Locale.ROOT, "  %-16s %-12s %9.1f %13.1f %12.1f %9s %10s%n", emr.configuration().releaseLabel(),
                        emr.configuration().version(), wall, submitToEnd, inDriver, (executions.size() - failed) + "/" + executions.size(),
                        billed.setScale(4, RoundingMode.HALF_UP));
            }
        }
        System.out.println("  (answers not compared here: 'ran' counts queries without errors; the stand-in's times say nothing about AWS)");
    }

    private static EmrServerlessPlatform connect(AwsStandIn aws, String release) {
        Map<String, String> given = new HashMap<>(Map.of(
                "endpoint_url", aws.endpoint().toString(),
                "s3_staging_dir", "s3://" + aws.bucket() + "/bench/",
                "execution_role_arn", AwsStandIn.EXECUTION_ROLE,
                "create_application", "true",
                "release_label", release));
        return EmrServerlessPlatform.connect(EmrOptions.resolve(given, Map.of(), false), JobProgress.NONE);
    }
}
