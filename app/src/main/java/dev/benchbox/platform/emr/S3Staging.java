package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.LoadProgress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Uploads local files to S3 prefixes in parallel (multipart above the client's threshold), each with its
 * SHA-256 in the object's metadata. An object already there with the same size and checksum is skipped,
 * so an interrupted load resumes where it stopped; objects under the prefix that are not part of the new
 * upload are deleted, so a table's prefix holds exactly its files.
 */
final class S3Staging {
    static final String SERVICE = "s3";
    /** User metadata holding the Base64 SHA-256 of the object's bytes. */
    static final String CHECKSUM_METADATA = "benchbox-sha256";

    private final String region;
    private final S3Client s3;
    private final S3AsyncClient uploads;
    private final int parallelism;

    S3Staging(String region, S3Client s3, S3AsyncClient uploads, int parallelism) {
        this.region = requireNonNull(region, "region is null");
        this.s3 = requireNonNull(s3, "s3 is null");
        this.uploads = requireNonNull(uploads, "uploads is null");
        this.parallelism = parallelism;
    }

    /** Files to put under one prefix, by object name (relative to the prefix). */
    record Batch(S3Location prefix, Map<String, Path> files) {
        Batch {
            requireNonNull(prefix, "prefix is null");
            files = Map.copyOf(files);
        }
    }

    /** What an upload did. */
    record Report(int uploaded, int skipped, int deleted, long bytesUploaded, long bytesSkipped) {
    }

    Report upload(List<Batch> batches, LoadProgress progress) {
        List<Pending> work = new ArrayList<>();
        Map<String, List<ObjectIdentifier>> staleByBucket = new HashMap<>();
        int skipped = 0;
        long bytesSkipped = 0;
        long total = 0;
        for (Batch batch : batches) {
            Map<String, S3Object> existing = list(batch.prefix());
            for (Map.Entry<String, Path> file : batch.files().entrySet()) {
                String key = batch.prefix().key(file.getKey());
                long size = size(file.getValue());
                String checksum = sha256(file.getValue());
                S3Object there = existing.remove(key);
                if (there != null && there.size() == size && checksum.equals(remoteChecksum(batch.prefix().bucket(), key))) {
                    skipped++;
                    bytesSkipped += size;
                    continue;
                }
                work.add(new Pending(batch.prefix().bucket(), key, file.getValue(), size, checksum));
                total += size;
            }
            for (String key : existing.keySet()) {
                staleByBucket.computeIfAbsent(batch.prefix().bucket(), b -> new ArrayList<>()).add(ObjectIdentifier.builder().key(key).build());
            }
        }
        progress.startBytes("Uploading to S3", Math.max(total, 1));
        putAll(work, progress);
        progress.done();
        int deleted = 0;
        for (Map.Entry<String, List<ObjectIdentifier>> entry : staleByBucket.entrySet()) {
            deleted += delete(entry.getKey(), entry.getValue());
        }
        verify(batches);
        return new Report(work.size(), skipped, deleted, total, bytesSkipped);
    }

    private void putAll(List<Pending> work, LoadProgress progress) {
        Semaphore slots = new Semaphore(parallelism);
        List<CompletableFuture<?>> futures = new ArrayList<>();
        try {
            for (Pending file : work) {
                slots.acquire();
                PutObjectRequest request = PutObjectRequest.builder().bucket(file.bucket()).key(file.key())
                        .contentLength(file.size()).contentType("application/vnd.apache.parquet")
                        .metadata(Map.of(CHECKSUM_METADATA, file.checksum())).build();
                CompletableFuture<?> future = uploads.putObject(request, AsyncRequestBody.fromFile(file.path()))
                        .whenComplete((response, failure) -> {
                            slots.release();
                            if (failure == null) {
                                progress.advance(file.size());
                            }
                        });
                futures.add(future);
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    futures.get(i).get();
                } catch (ExecutionException e) {
                    futures.forEach(f -> f.cancel(true));
                    throw failure(work.get(i), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new BenchboxException("upload interrupted: run the same load again to resume (uploaded files are skipped)");
        }
    }

    private RuntimeException failure(Pending file, Throwable cause) {
        Throwable t = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (t instanceof SdkException sdk) {
            return new AwsCallFailed(SERVICE, "PutObject", "s3://" + file.bucket() + "/" + file.key(), region, sdk);
        }
        return new BenchboxException("cannot upload " + file.path() + " to s3://" + file.bucket() + "/" + file.key() + ": " + t.getMessage(), t);
    }

    /** Objects under the prefix by key (every page). */
    private Map<String, S3Object> list(S3Location prefix) {
        Map<String, S3Object> objects = new HashMap<>();
        AwsCallFailed.call(SERVICE, "ListObjectsV2", prefix.uri(), region, () -> {
            s3.listObjectsV2Paginator(b -> b.bucket(prefix.bucket()).prefix(prefix.prefix()))
                    .contents().forEach(o -> objects.put(o.key(), o));
            return null;
        });
        return objects;
    }

    private String remoteChecksum(String bucket, String key) {
        HeadObjectResponse head = AwsCallFailed.call(SERVICE, "HeadObject", "s3://" + bucket + "/" + key, region,
                () -> s3.headObject(b -> b.bucket(bucket).key(key)));
        return head.metadata().get(CHECKSUM_METADATA);
    }

    private int delete(String bucket, List<ObjectIdentifier> keys) {
        // DeleteObjects takes at most 1000 keys
        for (int from = 0; from < keys.size(); from += 1000) {
            List<ObjectIdentifier> chunk = keys.subList(from, Math.min(keys.size(), from + 1000));
            AwsCallFailed.call(SERVICE, "DeleteObjects", "s3://" + bucket, region,
                    () -> s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(chunk).quiet(true))));
        }
        return keys.size();
    }

    /** After uploading: each prefix holds exactly the files, with their sizes. */
    private void verify(List<Batch> batches) {
        for (Batch batch : batches) {
            Map<String, S3Object> there = list(batch.prefix());
            Set<String> expected = new LinkedHashSet<>();
            for (Map.Entry<String, Path> file : batch.files().entrySet()) {
                String key = batch.prefix().key(file.getKey());
                expected.add(key);
                S3Object object = there.get(key);
                if (object == null || object.size() != size(file.getValue())) {
                    throw new BenchboxException("upload check failed: s3://" + batch.prefix().bucket() + "/" + key
                            + (object == null ? " is missing" : " has " + object.size() + " bytes, expected " + size(file.getValue())));
                }
            }
            there.keySet().removeAll(expected);
            if (!there.isEmpty()) {
                throw new BenchboxException("upload check failed: " + batch.prefix().uri() + " also holds " + there.keySet().iterator().next());
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new BenchboxException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return Base64.getEncoder().encodeToString(digest.digest());
        } catch (IOException e) {
            throw new BenchboxException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Pending(String bucket, String key, Path path, long size, String checksum) {
    }
}
