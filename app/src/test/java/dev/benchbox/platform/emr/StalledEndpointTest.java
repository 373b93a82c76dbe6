package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.platform.JobProgress;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.WithAwsStandIn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An endpoint that accepts connections and never answers (a stopped process): every call gives up within its
 * bound, each retry is said while it happens, and what closing could not stop is said with the command to stop it.
 */
@WithAwsStandIn
class StalledEndpointTest {
    private AwsStandIn aws;
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final JobProgress progress = new JobProgress() {
        @Override
        public void retrying(String what) {
            notices.add(what);
        }
    };

    @BeforeAll
    static void credentials() {
        StandInFixture.useDummyCredentials();
    }

    @BeforeEach
    void standIn(AwsStandIn standIn) {
        aws = standIn;
    }

    private EmrServerlessPlatform connect() {
        // s3proxy's first answer is slow on a loaded machine: not a stall
        try (var s3 = aws.s3Client()) {
            s3.headBucket(b -> b.bucket(aws.bucket()));
        }
        // three seconds per attempt: a call gives up after 7.5 s
        EmrOptions options = EmrOptions.resolve(StandInFixture.options(aws, "create_application", "true", "aws_timeout_seconds", "3"),
                Map.of(), false);
        return EmrServerlessPlatform.connect(options, AwsClients.create(AwsClients.Settings.of(options)), StandInFixture.FAST, progress);
    }

    @Test
    @Timeout(60) // before the bound, a stalled call waited 5 minutes per attempt
    void aStalledCallFailsWithinItsBoundAndSaysWhatItRetries() {
        try (EmrServerlessPlatform platform = connect()) {
            aws.faults().stall();
            long started = System.nanoTime();

            assertThatThrownBy(() -> platform.listSchemas())
                    .isInstanceOf(AwsCallFailed.class)
                    .satisfies(e -> assertThat(new AwsFailureMessages().message(e).orElseThrow())
                            .startsWith("glue:GetDatabases got no answer in time")
                            .contains("aws_timeout_seconds"));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(aws.faults().stalledRequests()).isGreaterThanOrEqualTo(2);
            assertThat(notices).first().asString()
                    .isEqualTo("GetDatabases: no answer from " + aws.endpoint().getAuthority() + " within 3 s, retrying (attempt 2 of 8)");
            aws.faults().resume();
        }
    }

    @Test
    @Timeout(60)
    void whatClosingCouldNotStopIsSaidWithTheCommandThatStopsIt() {
        EmrServerlessPlatform platform = connect();
        String id = platform.applicationId();
        aws.faults().stall();

        List<String> leftRunning = platform.closeReporting();

        assertThat(leftRunning).singleElement().asString()
                .startsWith("could not stop application " + id + " (emr-serverless:StopApplication '" + id + "' got no answer in time")
                .endsWith(": aws emr-serverless stop-application --application-id " + id + " --region " + AwsStandIn.REGION.id()
                        + " --endpoint-url " + aws.endpoint());
        assertThat(aws.faults().stalledRequests()).isPositive();
    }
}
