package dev.benchbox.platform.emr.job;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One Spark job run to submit to an EMR Serverless application.
 *
 * @param applicationId the application
 * @param executionRoleArn the role the job runs as
 * @param name the job run's name (shown in the console)
 * @param entryPoint S3 URI of the job jar
 * @param arguments entry-point arguments (the run manifest's URI)
 * @param sparkSubmitParameters {@code --class ... --conf ...}
 * @param logUri S3 prefix for the job's logs (monitoring configuration)
 * @param timeoutMinutes {@code executionTimeoutMinutes}; the shell also cancels the run itself after it
 * @param tags tags identifying BenchBox
 */
public record JobRequest(String applicationId, String executionRoleArn, String name, String entryPoint,
        List<String> arguments, String sparkSubmitParameters, String logUri, int timeoutMinutes, Map<String, String> tags) {
    public JobRequest {
        requireNonNull(applicationId, "applicationId is null");
        requireNonNull(executionRoleArn, "executionRoleArn is null");
        requireNonNull(name, "name is null");
        requireNonNull(entryPoint, "entryPoint is null");
        arguments = List.copyOf(arguments);
        requireNonNull(sparkSubmitParameters, "sparkSubmitParameters is null");
        requireNonNull(logUri, "logUri is null");
        // sorted: the request (and its dry-run file) is the same on every JVM, as Map.copyOf's order is not
        tags = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tags));
        if (timeoutMinutes < 1) {
            throw new IllegalArgumentException("timeoutMinutes must be at least 1: " + timeoutMinutes);
        }
    }
}
