package dev.benchbox.platform.emr.job;

import static java.util.Objects.requireNonNull;

import dev.benchbox.cost.Architecture;
import java.util.Map;

/**
 * What every job run of a session shares: where it runs, as whom, where its files live, how long it may
 * take and how Spark is sized.
 *
 * @param applicationId the EMR Serverless application
 * @param executionRoleArn the job runs' execution role
 * @param staging the staging prefix ({@code s3://bucket/prefix/}): jobs/, runs/, logs/ live under it
 * @param timeoutMinutes {@code executionTimeoutMinutes}, and the shell's own deadline
 * @param region the AWS region (prices)
 * @param architecture the application's architecture (prices)
 * @param executorCores {@code spark.executor.cores}
 * @param executorMemory {@code spark.executor.memory}, e.g. {@code 14g}
 * @param tags tags put on every job run
 * @param sparkConf further Spark properties every job run is submitted with, in order (a sweep's worker counts and
 *     Spark settings); never {@code spark.executor.cores} or {@code spark.executor.memory}
 * @param release the application's release: which job jar runs, and the settings the release needs (Java 17 on 6.x)
 */
public record JobSettings(String applicationId, String executionRoleArn, String staging, int timeoutMinutes, String region,
        Architecture architecture, int executorCores, String executorMemory, Map<String, String> tags, Map<String, String> sparkConf,
        ReleaseLabel release) {
    /** Settings on the default release. */
    public JobSettings(String applicationId, String executionRoleArn, String staging, int timeoutMinutes, String region,
            Architecture architecture, int executorCores, String executorMemory, Map<String, String> tags, Map<String, String> sparkConf) {
        this(applicationId, executionRoleArn, staging, timeoutMinutes, region, architecture, executorCores, executorMemory, tags, sparkConf,
                ReleaseLabel.parse(ReleaseLabel.DEFAULT));
    }

    /** Settings with no further Spark properties. */
    public JobSettings(String applicationId, String executionRoleArn, String staging, int timeoutMinutes, String region,
            Architecture architecture, int executorCores, String executorMemory, Map<String, String> tags) {
        this(applicationId, executionRoleArn, staging, timeoutMinutes, region, architecture, executorCores, executorMemory, tags, Map.of());
    }

    public JobSettings {
        requireNonNull(applicationId, "applicationId is null");
        requireNonNull(executionRoleArn, "executionRoleArn is null");
        requireNonNull(staging, "staging is null");
        staging = staging.endsWith("/") ? staging : staging + "/";
        requireNonNull(region, "region is null");
        requireNonNull(architecture, "architecture is null");
        requireNonNull(executorMemory, "executorMemory is null");
        tags = Map.copyOf(tags);
        sparkConf = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sparkConf == null ? Map.of() : sparkConf));
        requireNonNull(release, "release is null");
    }

    /** The {@code sparkSubmitParameters} of a job run of the BenchBox job with these settings. */
    public SparkSubmit sparkSubmit(RunManifest.Catalog catalog) {
        Map<String, String> conf = new java.util.LinkedHashMap<>();
        if (catalog == RunManifest.Catalog.ICEBERG) {
            conf.putAll(IcebergCatalog.sparkConf(staging));
        }
        conf.putAll(releaseSettings(sparkConf));
        return new SparkSubmit(catalog, executorCores, executorMemory, conf);
    }

    /** The release's own settings (Java 17 on 6.x, non-ANSI SQL on Spark 4), then {@code conf} over them. */
    public Map<String, String> releaseSettings(Map<String, String> conf) {
        Map<String, String> all = new java.util.LinkedHashMap<>(release.releaseSettings(architecture));
        all.putAll(conf);
        return all;
    }

    /** The job jar built for the release's Spark line. */
    public JobJar jobJar() {
        return JobJar.fromClasspath(release.sparkLine());
    }

    public String logUri() {
        return staging + "logs/";
    }
}
