package dev.benchbox.platform.emr.job;

import static java.util.Objects.requireNonNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code s3://bucket/key} address, split for the S3 client. A key ending in {@code /} is a prefix.
 *
 * @param bucket the bucket name
 * @param key    the object key or prefix, without a leading {@code /}; empty for the bucket's root
 */
public record S3Uri(String bucket, String key) {
    private static final Pattern URI = Pattern.compile("s3://([^/]+)/?(.*)");

    public S3Uri {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        if (bucket.isEmpty() || key.startsWith("/")) {
            throw new IllegalArgumentException("not an S3 location: bucket '" + bucket + "', key '" + key + "'");
        }
    }

    /**
     * Parses {@code s3://bucket/key}.
     *
     * @throws IllegalArgumentException for anything else (s3a/s3n included: the job's output is read back
     *                                  with the S3 client, which knows no schemes)
     */
    public static S3Uri parse(String uri) {
        requireNonNull(uri, "uri is null");
        Matcher m = URI.matcher(uri);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an s3:// URI: " + uri);
        }
        return new S3Uri(m.group(1), m.group(2));
    }

    /** This location as a prefix: the key ends in {@code /} (unless it is the bucket's root). */
    public S3Uri asPrefix() {
        return key.isEmpty() || key.endsWith("/") ? this : new S3Uri(bucket, key + "/");
    }

    /** {@code relative} below this location taken as a prefix. */
    public S3Uri resolve(String relative) {
        requireNonNull(relative, "relative is null");
        String child = relative.startsWith("/") ? relative.substring(1) : relative;
        return new S3Uri(bucket, asPrefix().key + child);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
