package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.platform.LoadProgress;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.WithAwsStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads through the SDK's Java multipart client against s3proxy. */
@WithAwsStandIn
class S3StagingTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void credentials() {
        StandInFixture.useDummyCredentials();
    }

    @Test
    void largeFilesGoMultipartAndAreSkippedWhenAlreadyThere(AwsStandIn aws) throws Exception {
        byte[] bytes = new byte[12 * 1024 * 1024 + 123];
        new Random(42).nextBytes(bytes);
        Path big = Files.write(dir.resolve("big.parquet"), bytes);
        Path small = Files.writeString(dir.resolve("small.parquet"), "small");
        EmrOptions options = EmrOptions.resolve(StandInFixture.options(aws, "create_application", "true"), Map.of(), false);
        try (AwsClients clients = AwsClients.create(AwsClients.Settings.of(options).withMultipart(5L * 1024 * 1024, 5L * 1024 * 1024))) {
            S3Staging staging = new S3Staging(options.region(), clients.s3(), clients.s3Uploads(), 2);
            S3Location prefix = options.stagingDir().resolve("data/t/");
            List<S3Staging.Batch> batches = List.of(new S3Staging.Batch(prefix, Map.of("part-0.parquet", big, "part-1.parquet", small)));

            S3Staging.Report first = staging.upload(batches, LoadProgress.NONE);
            assertThat(first.uploaded()).isEqualTo(2);
            assertThat(first.bytesUploaded()).isEqualTo(bytes.length + 5L);
            assertThat(Files.readAllBytes(aws.localPath(aws.bucket(), prefix.key("part-0.parquet")))).isEqualTo(bytes);
            // a multipart object's ETag is "<md5 of part md5s>-<parts>"
            String etag = clients.s3().headObject(b -> b.bucket(aws.bucket()).key(prefix.key("part-0.parquet"))).eTag();
            assertThat(etag).matches("\"?[0-9a-f]+-3\"?");

            S3Staging.Report second = staging.upload(batches, LoadProgress.NONE);
            assertThat(second.uploaded()).isZero();
            assertThat(second.skipped()).isEqualTo(2);
        }
    }
}
