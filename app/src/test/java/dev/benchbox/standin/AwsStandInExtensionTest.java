package dev.benchbox.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The JVM's one stand-in is the same server in every test, and nothing one test leaves behind reaches the next:
 * the first test dirties every kind of state, the second finds none of it.
 */
@WithAwsStandIn
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AwsStandInExtensionTest {

    private static final AtomicReference<URI> FIRST_ENDPOINT = new AtomicReference<>();
    private static final AtomicReference<AwsStandIn> FIRST = new AtomicReference<>();

    @Test
    @Order(1)
    void aTestLeavesApplicationsTablesObjectsFaultsAndItsOwnConfigBehind(AwsStandIn aws) {
        FIRST_ENDPOINT.set(aws.endpoint());
        FIRST.set(aws);
        MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
        aws.reset(aws.config().withClock(clock).withExecutor(r -> JobExecutor.JobResult.failure("left over")));
        try (EmrServerlessClient emr = aws.emrServerlessClient(); GlueClient glue = aws.glueClient(); S3Client s3 = aws.s3Client()) {
            emr.createApplication(b -> b.name("left-over").releaseLabel("emr-7.0.0").type("SPARK").clientToken("t1"));
            glue.createDatabase(b -> b.databaseInput(d -> d.name("left_over")));
            s3.putObject(b -> b.bucket(aws.bucket()).key("left/over.txt"), RequestBody.fromString("x"));
            s3.createBucket(b -> b.bucket("another-bucket"));
        }
        aws.faults().throttleNext(Service.GLUE, 5).refuseNext("ListApplications", "no").stall();
        aws.faults().resume();

        assertThat(aws.requests()).isNotEmpty();
        assertThat(aws.s3Requests()).isNotEmpty();
        assertThat(aws.glue().databaseNames()).contains("left_over");
        assertThat(aws.config().clock()).isSameAs(clock);
        assertThat(aws.localPath(aws.bucket(), "left/over.txt")).exists();
    }

    @Test
    @Order(2)
    void theNextTestGetsTheSameServerWithNoneOfIt(AwsStandIn aws) throws Exception {
        assertThat(aws).isSameAs(FIRST.get());
        assertThat(aws.endpoint()).isEqualTo(FIRST_ENDPOINT.get());
        assertThat(aws.requests()).isEmpty();
        assertThat(aws.s3Requests()).isEmpty();
        assertThat(aws.config().clock()).isNotInstanceOf(MutableClock.class);
        assertThat(aws.config().executor().run(null).succeeded()).isTrue();
        assertThat(aws.localPath(aws.bucket(), "left/over.txt")).doesNotExist();
        try (EmrServerlessClient emr = aws.emrServerlessClient(); GlueClient glue = aws.glueClient(); S3Client s3 = aws.s3Client()) {
            // no fault left: the refused and throttled calls go through first time
            assertThat(emr.listApplications(b -> { }).applications()).isEmpty();
            assertThat(glue.getDatabases(b -> { }).databaseList()).isEmpty();
            assertThat(s3.listObjectsV2(b -> b.bucket(aws.bucket())).contents()).isEmpty();
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly(aws.bucket());
        }
        assertThat(aws.faults().injected(Service.GLUE)).isZero();
        assertThat(aws.faults().stalledRequests()).isZero();
    }

    @Test
    @Order(3)
    void resetRefusesToMoveTheStandIn(AwsStandIn aws) {
        assertThatThrownBy(() -> aws.reset(AwsStandInExtension.defaults(Path.of("elsewhere"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
