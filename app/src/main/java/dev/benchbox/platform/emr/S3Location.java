package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A place in S3: a bucket and a key prefix that is empty or ends with {@code /}.
 *
 * @param bucket the bucket name
 * @param prefix the key prefix, {@code ""} or ending with {@code /}
 */
public record S3Location(String bucket, String prefix) {
    // S3's bucket naming rules: 3-63 characters, lower case letters, digits, dots and hyphens, starting and ending alphanumeric
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern URI = Pattern.compile("s3://([^/]+)(?:/(.*))?");

    public S3Location {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(prefix, "prefix is null");
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
    }

    /** Parses {@code s3://bucket/prefix/}; {@code what} names the option in the one-line error. */
    public static S3Location parse(String text, String what) {
        String hint = "invalid " + what + " '" + text + "': expected s3://bucket/prefix/";
        if (text == null) {
            throw new BenchboxException(hint);
        }
        Matcher m = URI.matcher(text.trim());
        if (!m.matches()) {
            throw new BenchboxException(hint);
        }
        String bucket = m.group(1);
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new BenchboxException(hint + " (bucket names are 3-63 lower-case letters, digits, dots and hyphens)");
        }
        String prefix = m.group(2) == null ? "" : m.group(2);
        if (prefix.startsWith("/") || prefix.contains("//")) {
            throw new BenchboxException(hint + " (the prefix has an empty path segment)");
        }
        // S3 keeps '.' and '..' as plain key text, but every tool that reads the URI as a path resolves them elsewhere
        for (String segment : prefix.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new BenchboxException(hint + " (the prefix has a '" + segment + "' segment)");
            }
        }
        return new S3Location(bucket, prefix);
    }

    /** The location of a key below this prefix. */
    public S3Location resolve(String relative) {
        String child = relative.startsWith("/") ? relative.substring(1) : relative;
        return new S3Location(bucket, prefix + child);
    }

    /** The full key of an object named {@code name} below this prefix. */
    public String key(String name) {
        return prefix + name;
    }

    /** {@code s3://bucket/prefix/}. */
    public String uri() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public String toString() {
        return uri();
    }
}
