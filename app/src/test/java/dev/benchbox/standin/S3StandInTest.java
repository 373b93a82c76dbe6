package dev.benchbox.standin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WithAwsStandIn
class S3StandInTest {

    private AwsStandIn aws;
    private S3Client s3;

    @BeforeEach
    void start(AwsStandIn standIn) {
        aws = standIn;
        s3 = aws.s3Client();
    }

    @AfterEach
    void stop() {
        s3.close();
    }

    @Test
    void objectsArePutAndReadThroughTheSharedEndpoint() {
        s3.putObject(b -> b.bucket(aws.bucket()).key("runs/r1/manifest.json"), RequestBody.fromString("{\"q\":1}"));

        String body = s3.getObjectAsBytes(b -> b.bucket(aws.bucket()).key("runs/r1/manifest.json")).asUtf8String();
        long length = s3.headObject(b -> b.bucket(aws.bucket()).key("runs/r1/manifest.json")).contentLength();

        assertThat(body).isEqualTo("{\"q\":1}");
        assertThat(length).isEqualTo(7);
    }

    @Test
    void objectsLiveAsPlainFilesInTheBlobStore() throws Exception {
        s3.putObject(b -> b.bucket(aws.bucket()).key("data/nation/part-0.parquet"), RequestBody.fromString("PAR1"));
        Files.createDirectories(aws.localPath(aws.bucket(), "out"));
        Files.writeString(aws.localPath(aws.bucket(), "out/result.csv"), "42\n");

        assertThat(Files.readString(aws.localPath(aws.bucket(), "data/nation/part-0.parquet"))).isEqualTo("PAR1");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(aws.bucket()).key("out/result.csv")).asUtf8String()).isEqualTo("42\n");
    }

    @Test
    void listingHonoursPrefixAndDelimiter() {
        for (String key : new String[] {"data/nation/a.parquet", "data/region/b.parquet", "jobs/job.jar"}) {
            s3.putObject(b -> b.bucket(aws.bucket()).key(key), RequestBody.fromString(key));
        }

        var all = s3.listObjectsV2(b -> b.bucket(aws.bucket()).prefix("data/"));
        var folders = s3.listObjectsV2(b -> b.bucket(aws.bucket()).prefix("data/").delimiter("/"));

        assertThat(all.contents()).extracting(S3Object::key).containsExactly("data/nation/a.parquet", "data/region/b.parquet");
        assertThat(folders.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("data/nation/", "data/region/");
    }

    @Test
    void deletedObjectIsNoSuchKey() {
        s3.putObject(b -> b.bucket(aws.bucket()).key("tmp.txt"), RequestBody.fromString("x"));

        s3.deleteObject(b -> b.bucket(aws.bucket()).key("tmp.txt"));

        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(aws.bucket()).key("tmp.txt"))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void bucketsCanBeCreatedAndListed() {
        s3.createBucket(b -> b.bucket("staging"));

        assertThat(s3.listBuckets().buckets()).extracting(bkt -> bkt.name()).contains(aws.bucket(), "staging");
    }

    @Test
    void javaMultipartClientUploadsInParts() {
        byte[] data = new byte[12 * 1024 * 1024];
        Arrays.fill(data, (byte) 7);
        try (S3AsyncClient async = aws.configure(S3AsyncClient.builder()).forcePathStyle(true).multipartEnabled(true)
                .multipartConfiguration(c -> c.thresholdInBytes(5L * 1024 * 1024).minimumPartSizeInBytes(5L * 1024 * 1024)).build()) {
            async.putObject(b -> b.bucket(aws.bucket()).key("big.bin"), AsyncRequestBody.fromBytes(data)).join();
        }

        var head = s3.headObject(b -> b.bucket(aws.bucket()).key("big.bin"));

        assertThat(head.contentLength()).isEqualTo(data.length);
        assertThat(head.eTag()).contains("-3"); // a multipart ETag: MD5 of the parts' MD5s, dash, part count
    }

    @Test
    void unsignedRequestsGoToS3() throws Exception {
        s3.putObject(b -> b.bucket(aws.bucket()).key("public.txt"), RequestBody.fromString("hello"));

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(aws.endpoint().resolve("/" + aws.bucket() + "/public.txt")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello");
    }
}
