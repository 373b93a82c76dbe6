package dev.benchbox.benchmarks;

import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.RowSink;
import dev.benchbox.platform.SessionControl;
import dev.benchbox.platform.SessionInfo;
import dev.benchbox.platform.emr.EmrOptions;
import dev.benchbox.platform.emr.EmrServerlessPlatform;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.StandInConfig;
import dev.benchbox.tpch.TpchQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The session side of scripts/bench-session: ad-hoc queries (count(*), TPC-H Q1, Q6, a DESCRIBE) on TPC-H SF 0.01 against
 * the AWS stand-in (interactive latencies, real Spark), side by side in one run: through an EMR Serverless session
 * (a real Spark Connect server; warm: one untimed query first) vs as one job run each, as a user waits for them
 * (call to last row). Prints median and max of each and their ratio. Not a test: the script runs it.
 */
public final class SessionBenchmark {
    private SessionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sessionQueries = Integer.parseInt(args.length > 0 ? args[0] : "10");
        int jobQueries = Integer.parseInt(args.length > 1 ? args[1] : "10");
        // the client's own account of each statement (stub, first response, stream, Arrow decoding): the profile's other half
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(dev.benchbox.platform.emr.session.SparkConnectClient.class))
                .setLevel(ch.qos.logback.classic.Level.DEBUG);
        System.setProperty("aws.accessKeyId", AwsStandIn.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", AwsStandIn.SECRET_KEY);
        List<String> adHoc = List.of("SELECT count(*) FROM lineitem", TpchQueries.get(1).sql(), TpchQueries.get(6).sql(), "DESCRIBE lineitem");
        Path dir = Files.createTempDirectory("benchbox-session-bench");
        try (AwsStandIn aws = AwsStandIn.start(StandInConfig.interactive(dir))) {
            EmrOptions options = EmrOptions.resolve(Map.of(
                    "endpoint_url", aws.endpoint().toString(),
                    "s3_staging_dir", "s3://" + aws.bucket() + "/bench/",
                    "execution_role_arn", AwsStandIn.EXECUTION_ROLE,
                    "release_label", "emr-7.13.0",
                    "create_application", "true"), Map.of(), false);
            try (EmrServerlessPlatform emr = EmrServerlessPlatform.connect(options, dev.benchbox.platform.JobProgress.NONE)) {
                emr.createSchema("bench");
                emr.load("bench", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet(), dev.benchbox.dataset.Scale.of(0.01), List.of(), LoadProgress.NONE);

                List<Double> jobs = new ArrayList<>();
                for (int i = 0; i < jobQueries; i++) {
                    String sql = adHoc.get(i % adHoc.size());
                    jobs.add(seconds(() -> emr.execute("bench", sql, RowSink.DISCARD)));
                }

                SessionControl sessions = emr.sessions().orElseThrow();
                long started = System.nanoTime();
                // an idle timeout of an hour (a minute here: the interactive stand-in's minute is a second): on a busy
                // machine the first query may come more than 10 s after the start, and the session must still be there
                SessionInfo info = sessions.start("bench", 60, SessionControl.Progress.NONE);
                double startUp = (System.nanoTime() - started) / 1e9;
                double cold = seconds(() -> emr.execute("bench", adHoc.get(0), RowSink.DISCARD));
                List<Double> warm = new ArrayList<>();
                for (int i = 0; i < sessionQueries; i++) {
                    String sql = adHoc.get(i % adHoc.size());
                    warm.add(seconds(() -> emr.execute("bench", sql, RowSink.DISCARD)));
                }
                // count(*) alone, each call beside the server's own times for the same operation
                List<long[]> calls = new ArrayList<>();
                for (int i = 0; i < sessionQueries; i++) {
                    long from = System.currentTimeMillis();
                    long t = System.nanoTime();
                    emr.execute("bench", adHoc.get(0), RowSink.DISCARD);
                    long nanos = System.nanoTime() - t;
                    calls.add(new long[] {from, System.currentTimeMillis(), nanos});
                }
                Map<String, Map<String, Long>> operations = operations(dir.resolve("sessions").resolve(info.id()), calls.get(calls.size() - 1)[1]);
                sessions.stop(SessionControl.Progress.NONE);
                List<Double> shell = new ArrayList<>();
                List<Double> spark = new ArrayList<>();
                List<Double> executing = new ArrayList<>();
                for (long[] call : calls) {
                    Map<String, Long> op = operations.values().stream()
                            .filter(o -> o.containsKey("Started") && o.containsKey("Closed") && o.get("Started") >= call[0] && o.get("Started") <= call[1])
                            .findFirst().orElseThrow(() -> new IllegalStateException("the server logged no operation for a call"));
                    shell.add(call[2] / 1e9);
                    spark.add((op.get("Closed") - op.get("Started")) / 1e3);
                    executing.add((op.getOrDefault("Finished", op.get("Closed")) - op.get("Started")) / 1e3);
                }

                System.out.printf(Locale.ROOT, "ad-hoc queries on TPC-H SF 0.01 (count(*), Q1, Q6, DESCRIBE in turn), stand-in with interactive latencies%n");
                System.out.printf(Locale.ROOT, "  session %s: start %.2f s, first query %.2f s%n", info.id(), startUp, cold);
                System.out.printf(Locale.ROOT, "  through the session: %2d queries, median %.3f s, max %.3f s   (target: median <= 1 s)%n",
                        warm.size(), median(warm), max(warm));
                System.out.printf(Locale.ROOT, "  warm count(*) on lineitem, %d calls: shell median %.3f s (max %.3f s), Spark median %.3f s "
                        + "(server: received to closed; to finished %.3f s), ratio shell / Spark %.2f   (target: shell median <= 0.5 s)%n",
                        shell.size(), median(shell), max(shell), median(spark), median(executing), median(shell) / median(spark));
                System.out.printf(Locale.ROOT, "  as job runs:         %2d queries, median %.3f s, max %.3f s%n", jobs.size(), median(jobs), max(jobs));
                System.out.printf(Locale.ROOT, "  median ratio job run / session: %.1fx   (target >= 10x)%n", median(jobs) / median(warm));
            }
        }
    }

    /**
     * The server's events by operation ({@code connect-operations.tsv}, written by the stand-in's ConnectOperationLog):
     * Spark's listener bus posts them asynchronously, so this waits (briefly) until the last call's operation is closed.
     */
    private static Map<String, Map<String, Long>> operations(Path sessionDir, long lastCallEnded) throws Exception {
        Path file = sessionDir.resolve("connect-operations.tsv");
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            Map<String, Map<String, Long>> byOperation = new java.util.LinkedHashMap<>();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    String[] f = line.split("\t", -1);
                    if (f.length >= 3) {
                        byOperation.computeIfAbsent(f[0], k -> new java.util.HashMap<>()).put(f[1], Long.parseLong(f[2]));
                    }
                }
            }
            boolean lastClosed = byOperation.values().stream().anyMatch(o -> o.containsKey("Closed") && o.get("Closed") >= lastCallEnded - 1000
                    && o.getOrDefault("Started", Long.MAX_VALUE) <= lastCallEnded);
            if (lastClosed && byOperation.values().stream().allMatch(o -> o.containsKey("Closed")) || System.currentTimeMillis() > deadline) {
                return byOperation;
            }
            Thread.sleep(50);
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static double seconds(Call call) throws Exception {
        long t = System.nanoTime();
        call.run();
        return (System.nanoTime() - t) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
