package dev.benchbox.platform.emr.job;

import dev.benchbox.BenchboxException;

/** A bucket and key parsed from an {@code s3://bucket/key} URI. */
public record S3Location(String bucket, String key) {
    public static S3Location parse(String uri) {
        if (uri == null || !uri.startsWith("s3://")) {
            throw new BenchboxException("invalid S3 URI '" + uri + "': expected s3://bucket/key");
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new BenchboxException("invalid S3 URI '" + uri + "': expected s3://bucket/key");
        }
        return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
