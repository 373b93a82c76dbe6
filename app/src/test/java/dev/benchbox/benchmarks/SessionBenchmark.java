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
                sessions.stop(SessionControl.Progress.NONE);

                System.out.printf(Locale.ROOT, "ad-hoc queries on TPC-H SF 0.01 (count(*), Q1, Q6, DESCRIBE in turn), stand-in with interactive latencies%n");
                System.out.printf(Locale.ROOT, "  session %s: start %.2f s, first query %.2f s%n", info.id(), startUp, cold);
                System.out.printf(Locale.ROOT, "  through the session: %2d queries, median %.3f s, max %.3f s   (target: median <= 1 s)%n",
                        warm.size(), median(warm), max(warm));
                System.out.printf(Locale.ROOT, "  as job runs:         %2d queries, median %.3f s, max %.3f s%n", jobs.size(), median(jobs), max(jobs));
                System.out.printf(Locale.ROOT, "  median ratio job run / session: %.1fx   (target >= 10x)%n", median(jobs) / median(warm));
            }
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
