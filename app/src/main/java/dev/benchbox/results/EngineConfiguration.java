package dev.benchbox.results;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.benchbox.Redaction;
import java.util.Map;

/**
 * What a platform knows about the engine a run used: enough to run it again the same way and to group runs by
 * what differed. Platforms fill in what applies to them; the rest is null (an embedded engine has no release
 * label, architecture or workers).
 *
 * @param platform platform name, e.g. {@code emr-serverless}
 * @param version the engine's version as it reports it (DuckDB's {@code version()}; on EMR {@code Spark 4.0.2-amzn-0}, as
 *        the job's driver reported it, or the release label when no job ran)
 * @param releaseLabel EMR release label, e.g. {@code emr-7.0.0}
 * @param architecture {@code x86_64} or {@code arm64}
 * @param region AWS region
 * @param driver the driver's workers (count and size) a job run asks for
 * @param executors the executors a job run asks for (on EMR Serverless the billing assumption: dynamic allocation may differ)
 * @param preInitializedDriver pre-initialised driver workers of the application (billed while it is started)
 * @param preInitializedExecutors pre-initialised executor workers of the application
 * @param settings engine settings in force, by name and in the engine's notation (Spark properties a job run
 *        is submitted with, DuckDB's {@code threads} and {@code memory_limit}); secret values are redacted here, so
 *        no results file, report or comparison holds one
 * @param tableFormat how the platform keeps the tables the run read, where it has a choice ({@code parquet} or
 *        {@code iceberg} on EMR Serverless); null where it has none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EngineConfiguration(String platform, String version, String releaseLabel, String architecture, String region,
        Workers driver, Workers executors, Workers preInitializedDriver, Workers preInitializedExecutors,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> settings, String tableFormat) {
    public EngineConfiguration {
        requireNonNull(platform, "platform is null");
        settings = settings == null ? Map.of() : Redaction.settings(settings);
    }

    /** An engine with no choice of table format. */
    public EngineConfiguration(String platform, String version, String releaseLabel, String architecture, String region,
            Workers driver, Workers executors, Workers preInitializedDriver, Workers preInitializedExecutors,
            Map<String, String> settings) {
        this(platform, version, releaseLabel, architecture, region, driver, executors, preInitializedDriver, preInitializedExecutors,
                settings, null);
    }

    /** An in-process engine: a name, a version and its settings. */
    public static EngineConfiguration embedded(String platform, String version, Map<String, String> settings) {
        return new EngineConfiguration(platform, version, null, null, null, null, null, null, null, settings);
    }

    /**
     * Workers of one kind: how many, and each one's size.
     *
     * @param count workers
     * @param vCpu vCPUs each
     * @param memoryGb memory each, GB
     * @param diskGb ephemeral disk each, GB
     */
    public record Workers(int count, int vCpu, int memoryGb, int diskGb) {
        public Workers {
            if (count < 0 || vCpu < 0 || memoryGb < 0 || diskGb < 0) {
                throw new IllegalArgumentException("workers cannot be negative: " + count + "x" + vCpu + "vCPU-" + memoryGb + "GB");
            }
        }

        /** e.g. {@code 3x4vCPU-16GB}, as {@code capacity set} takes them (the disk when it is not AWS's 20 GB). */
        @Override
        public String toString() {
            return count + "x" + vCpu + "vCPU-" + memoryGb + "GB" + (diskGb == 20 ? "" : "-" + diskGb + "GB");
        }
    }
}
