package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.platform.LoadProgress;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.WithAwsStandIn;
import dev.benchbox.standin.ContinueQuirkFront;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Uploads to S3-compatible servers that answer {@code Expect: 100-continue} with extra interim responses
 * (Ceph RGW, moto's server): the stand-in's {@link ContinueQuirkFront} knob reproduces them.
 */
@WithAwsStandIn
class ExpectContinueTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void credentials() {
        StandInFixture.useDummyCredentials();
    }

    @Test
    void theKnobBreaksTheSdksDefaultUploadClient(AwsStandIn aws) {
        try (ContinueQuirkFront front = ContinueQuirkFront.start(aws.endpoint());
                S3AsyncClient plain = aws.configure(S3AsyncClient.builder()).endpointOverride(front.endpoint())
                        .forcePathStyle(true).multipartEnabled(true).build()) {
            // without the fix the SDK's own client fails: this is the fault the knob stands for
            assertThatThrownBy(() -> plain.putObject(b -> b.bucket(aws.bucket()).key("x"), AsyncRequestBody.fromString("x")).join())
                    .hasMessageContaining("Status Code: 100");
            assertThat(front.expectations()).isEqualTo(1);
        }
    }

    @Test
    void uploadsSucceedAgainstAServerThatAnswersTheExpectationTwice(AwsStandIn aws) throws Exception {
        byte[] bytes = new byte[6 * 1024 * 1024 + 7];
        new Random(7).nextBytes(bytes);
        Path big = Files.write(dir.resolve("big.parquet"), bytes);
        Path small = Files.writeString(dir.resolve("small.parquet"), "small");
        try (ContinueQuirkFront front = ContinueQuirkFront.start(aws.endpoint())) {
            Map<String, String> raw = StandInFixture.options(aws, "endpoint_url", front.endpoint().toString(), "create_application", "true");
            EmrOptions options = EmrOptions.resolve(raw, Map.of(), false);
            try (AwsClients clients = AwsClients.create(AwsClients.Settings.of(options).withMultipart(5L * 1024 * 1024, 5L * 1024 * 1024))) {
                S3Staging staging = new S3Staging(options.region(), clients.s3(), clients.s3Uploads(), 2);
                S3Location prefix = options.stagingDir().resolve("data/t/");
                S3Staging.Report report = staging.upload(List.of(new S3Staging.Batch(prefix,
                        Map.of("part-0.parquet", big, "part-1.parquet", small))), LoadProgress.NONE);

                assertThat(report.uploaded()).isEqualTo(2);
                assertThat(Files.readAllBytes(aws.localPath(aws.bucket(), prefix.key("part-0.parquet")))).isEqualTo(bytes);
                assertThat(Files.readString(aws.localPath(aws.bucket(), prefix.key("part-1.parquet")))).isEqualTo("small");
                // the uploads went through the quirky server and asked for no interim answer
                assertThat(front.requests()).isGreaterThanOrEqualTo(4);
                assertThat(front.expectations()).isZero();
            }
        }
    }
}
