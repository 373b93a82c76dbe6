package dev.benchbox.platform.emr.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3UriTest {

    @Test
    void splitsBucketAndKeyAndResolvesBelowAPrefix() {
        S3Uri staging = S3Uri.parse("s3://bucket/staging");

        assertThat(staging).isEqualTo(new S3Uri("bucket", "staging"));
        assertThat(staging.resolve("jobs/x.jar")).hasToString("s3://bucket/staging/jobs/x.jar");
        assertThat(S3Uri.parse("s3://bucket").resolve("/a")).hasToString("s3://bucket/a");
        assertThat(S3Uri.parse("s3://bucket/p/").asPrefix()).hasToString("s3://bucket/p/");
    }

    @Test
    void acceptsOnlyS3Uris() {
        assertThatThrownBy(() -> S3Uri.parse("s3a://bucket/key")).hasMessageContaining("not an s3:// URI");
        assertThatThrownBy(() -> S3Uri.parse("/local/path")).hasMessageContaining("not an s3:// URI");
    }
}
