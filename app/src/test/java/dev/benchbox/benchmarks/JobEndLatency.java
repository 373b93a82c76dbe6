package dev.benchbox.benchmarks;

import dev.benchbox.platform.emr.job.JobRequest;
import dev.benchbox.platform.emr.job.JobRunner;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.JobExecutor.JobResult;
import dev.benchbox.standin.StandInConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.JobRun;

/**
 * How late the shell notices a job run's end, and how many GetJobRun requests a second it spends, against the AWS
 * stand-in with jobs that run for a few seconds each (a sleep in place of Spark: the poll schedule is what is measured,
 * and Spark start-ups would only make the runs longer). Runs of one connection alike but not equal, as a stream's
 * repeats are: 3 s ± 1 s. Not a test: {@code scripts/bench-emr-latency} runs it with the test classpath.
 */
public final class JobEndLatency {
    private JobEndLatency() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args.length > 0 ? args[0] : "20");
        System.setProperty("aws.accessKeyId", AwsStandIn.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", AwsStandIn.SECRET_KEY);
        Path dir = Files.createTempDirectory("benchbox-job-end");
        Random random = new Random(7);
        List<Long> delays = new ArrayList<>();
        long polls;
        double seconds;
        try (AwsStandIn aws = AwsStandIn.start(StandInConfig.forTests(dir).withExecutor(request -> {
            try {
                Thread.sleep(2000 + random.nextInt(2000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return JobResult.success();
        })); EmrServerlessClient emr = aws.emrServerlessClient(); var s3 = aws.s3Client()) {
            String applicationId = emr.createApplication(b -> b.name("latency").releaseLabel("emr-7.0.0").type("SPARK")
                    .autoStartConfiguration(a -> a.enabled(true))).applicationId();
            while (emr.getApplication(b -> b.applicationId(applicationId)).application().state() != ApplicationState.CREATED) {
                Thread.sleep(50);
            }
            JobRequest request = new JobRequest(applicationId, AwsStandIn.EXECUTION_ROLE, "latency", "s3://" + aws.bucket() + "/jobs/job.jar",
                    List.of("s3://" + aws.bucket() + "/runs/r/manifest.json"), "--class dev.benchbox.job.BenchboxJob",
                    "s3://" + aws.bucket() + "/logs/", 5, Map.of("benchbox", "latency"));
            JobRunner runner = new JobRunner(emr, s3);
            long before = aws.requests().stream().filter(r -> r.operation().equals("GetJobRun")).count();
            long started = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                JobRun run = runner.run(request, JobRunner.Listener.NONE);
                Instant noticed = Instant.now();
                delays.add(Duration.between(run.endedAt(), noticed).toMillis());
            }
            seconds = (System.nanoTime() - started) / 1e9;
            polls = aws.requests().stream().filter(r -> r.operation().equals("GetJobRun")).count() - before;
        }
        List<Long> sorted = delays.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "job end -> shell noticed: median %d ms, max %d ms over %d job runs of 2-4 s   "
                + "(target: median <= 500 ms, max <= 1000 ms)%n", sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), runs);
        System.out.printf(Locale.ROOT, "in run order (ms): %s%n", delays);
        System.out.printf(Locale.ROOT, "GetJobRun: %d requests in %.1f s, %.2f a second   (budget 4, quota 10 per account and region)%n",
                polls, seconds, polls / seconds);
    }
}
