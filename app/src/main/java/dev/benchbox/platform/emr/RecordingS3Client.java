package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 client of a dry run: every object put is listed by the {@link DryRunRecorder} (key, size, SHA-256) and kept
 * in memory, nothing is sent. Reads answer from what was put, plus what the dry run's job ({@link PreviewJob}) left
 * after its canned run; anything else is missing, as on a fresh prefix. An uploaded job manifest is also written as a
 * readable file beside the requests.
 */
final class RecordingS3Client implements S3Client {
    private final DryRunRecorder recorder;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    RecordingS3Client(DryRunRecorder recorder) {
        this.recorder = requireNonNull(recorder, "recorder is null");
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        byte[] bytes;
        try (InputStream in = body.contentStreamProvider().newStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String uri = uri(request.bucket(), request.key());
        objects.put(uri, bytes);
        recorder.upload(uri, bytes);
        PreviewJob.previewFiles(uri, bytes).forEach(recorder::write);
        return PutObjectResponse.builder().build();
    }

    @Override
    public HeadObjectResponse headObject(HeadObjectRequest request) {
        byte[] bytes = objects.get(uri(request.bucket(), request.key()));
        if (bytes == null) {
            // HEAD of a missing key: only its status, as S3 answers
            throw (S3Exception) S3Exception.builder().statusCode(404).message("Not Found").build();
        }
        return HeadObjectResponse.builder().contentLength((long) bytes.length).build();
    }

    @Override
    public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
        byte[] bytes = objects.get(uri(request.bucket(), request.key()));
        if (bytes == null) {
            throw NoSuchKeyException.builder().statusCode(404).message("The specified key does not exist.").build();
        }
        try {
            return transformer.transform(GetObjectResponse.builder().contentLength((long) bytes.length).build(),
                    AbortableInputStream.create(new ByteArrayInputStream(bytes)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read a dry run's object " + uri(request.bucket(), request.key()), e);
        }
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        return ListObjectsV2Response.builder().name(request.bucket()).prefix(request.prefix()).keyCount(0).isTruncated(false).build();
    }

    /** What a job left at {@code uri} (not an upload of ours, so not listed). */
    void jobWrote(String uri, byte[] bytes) {
        objects.put(uri, bytes);
    }

    Optional<byte[]> object(String uri) {
        return Optional.ofNullable(objects.get(uri));
    }

    private static String uri(String bucket, String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
