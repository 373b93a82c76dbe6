package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.BenchboxException;
import dev.benchbox.IntegrationTest;
import dev.benchbox.cost.JobRunUsage;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.standin.Await;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.JobExecutor.JobResult;
import dev.benchbox.standin.MutableClock;
import dev.benchbox.standin.RecordedRequest;
import dev.benchbox.standin.StandInConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;

/**
 * {@code --max-cost} while a job runs: a stand-in job that runs until it is cancelled, the stand-in's and the limit's
 * clock moved past the point where its workers' time costs more than the limit: the next poll cancels it, and the ledger
 * keeps what AWS billed for it.
 */
@IntegrationTest
class MaxCostWhileRunningTest {
    @TempDir
    Path dir;
    private AwsStandIn aws;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    static void credentials() {
        StandInFixture.useDummyCredentials();
    }

    @BeforeEach
    void start() {
        // the slow job: it runs until cancelled (interrupted) or released
        aws = AwsStandIn.start(StandInConfig.forTests(dir.resolve("aws")).withClock(clock).withExecutor(request -> {
            release.await();
            return JobResult.success();
        }));
    }

    @AfterEach
    void stop() {
        release.countDown();
        aws.close();
    }

    @Test
    void aJobWhoseProjectedCostPassesTheLimitIsCancelledAtTheNextPollAndTheLedgerKeepsWhatItBilled() throws Exception {
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true");
                EmrServerlessClient emr = aws.emrServerlessClient()) {
            platform.createSchema("benchbox");
            String app = platform.applicationId();
            CompletableFuture<?> run;
            try (var cap = platform.limitSpending(new BigDecimal("0.05"), clock)) {
                run = CompletableFuture.runAsync(() -> platform.runBatch("benchbox", List.of(new BatchQuery("q1", "SELECT 1")), 0, 1, 10,
                        BatchListener.NONE));
                Await.until("the job run is RUNNING", () -> emr.listJobRuns(b -> b.applicationId(app)).jobRuns().stream()
                        .anyMatch(r -> r.stateAsString().equals("RUNNING")));
                String jobRunId = emr.listJobRuns(b -> b.applicationId(app)).jobRuns().get(0).id();
                // a minute of 4 workers is $0.02: under the limit, polls go on
                Await.until("a poll after RUNNING", () -> getJobRuns(aws.requests()) >= 3);
                assertThat(run).isNotDone();

                int before = aws.requests().size();
                clock.advance(Duration.ofMinutes(10)); // 4 workers × 10 minutes: $0.20
                ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> run.get(30, java.util.concurrent.TimeUnit.SECONDS));

                assertThat(failed.getCause()).isInstanceOf(BenchboxException.class).hasMessageMatching(
                        "projected cost \\$0\\.21 passed --max-cost \\$0\\.05 while job run " + jobRunId + " ran 10m 00s on 4 workers "
                                + "\\(each billed at least a minute\\): benchbox power run r-[\\w-]+ \\(job run " + jobRunId + "\\) was cancelled; "
                                + "billed so far \\$0\\.20 \\(job runs as AWS billed them\\), see 'cost'");
                // cancelled within one poll of the projection passing the limit
                List<RecordedRequest> after = aws.requests().subList(before, aws.requests().size());
                int cancelAt = after.stream().map(RecordedRequest::operation).toList().indexOf("CancelJobRun");
                assertThat(cancelAt).isNotNegative();
                assertThat(getJobRuns(after.subList(0, cancelAt))).isLessThanOrEqualTo(1);
                // nothing left running, and the ledger holds the billed part
                assertThat(aws.jobRunStates(app, jobRunId)).endsWith("CANCELLING", "CANCELLED");
                JobRunUsage usage = platform.jobRuns().get(platform.jobRuns().size() - 1);
                assertThat(usage.state()).isEqualTo("CANCELLED");
                assertThat(usage.billed().vCpuHours()).isEqualTo(2.667);
            }
        }
    }

    private static long getJobRuns(List<RecordedRequest> requests) {
        return requests.stream().filter(r -> r.operation().equals("GetJobRun")).count();
    }
}
