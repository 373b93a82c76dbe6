package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An AWS call that failed, with what it was: the service, the operation and the resource it was about.
 * The SDK's exception alone does not say which call failed; the shell's error reporter turns this into one
 * actionable line (which permission is missing, which bucket does not exist...).
 */
public final class AwsCallFailed extends RuntimeException {
    private final String service;
    private final String operation;
    private final String resource;
    private final String region;

    public AwsCallFailed(String service, String operation, String resource, String region, SdkException cause) {
        super(service + ":" + operation + (resource == null ? "" : " (" + resource + ")") + " failed: " + cause.getMessage(), cause);
        this.service = requireNonNull(service, "service is null");
        this.operation = requireNonNull(operation, "operation is null");
        this.resource = resource;
        this.region = region;
    }

    /** The IAM service prefix: {@code emr-serverless}, {@code glue}, {@code s3}. */
    public String service() {
        return service;
    }

    /** The API operation, e.g. {@code StartApplication}. */
    public String operation() {
        return operation;
    }

    /** What the call was about (application id, bucket, table), or null. */
    public String resource() {
        return resource;
    }

    public String region() {
        return region;
    }

    @Override
    public SdkException getCause() {
        return (SdkException) super.getCause();
    }

    /** Runs one AWS call, naming it when it fails (AwsFailureMessages turns that into one actionable line). Job runs wrap their calls the same way. */
    public static <T> T call(String service, String operation, String resource, String region, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new AwsCallFailed(service, operation, resource, region, e);
        }
    }
}
