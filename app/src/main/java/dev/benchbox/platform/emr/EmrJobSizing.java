package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import dev.benchbox.cost.Architecture;
import dev.benchbox.cost.BillingProfile;
import dev.benchbox.cost.JobCapacity;
import dev.benchbox.cost.WorkerSize;
import dev.benchbox.platform.emr.job.JobSettings;
import dev.benchbox.platform.emr.job.ReleaseLabel;
import dev.benchbox.platform.emr.job.RunManifest;
import dev.benchbox.results.EngineConfiguration;
import java.util.Map;

/**
 * How a connection's job runs are sized and priced: the workers a job asks for (a sweep configuration's shape over the
 * application's capacity over EMR's defaults), the Spark settings tuned to them with the user's over those, and the
 * billing profile and engine configuration that follow. One connection (or sweep view) has one.
 */
final class EmrJobSizing {
    /** EMR Serverless's own Spark defaults: 4 vCPU / 16 GB workers, 14g executor heap. */
    static final int DEFAULT_EXECUTOR_CORES = 4;
    static final int DEFAULT_EXECUTOR_MEMORY_GB = 14;

    private final EmrOptions options;
    private final JobShape shape;
    private final EmrSparkSettings spark;
    private final EmrTagging tagging;
    private final ReleaseLabel release;

    /** @param releaseLabel the application's release, as AWS reports it (or, in a dry run, as it would be created) */
    EmrJobSizing(EmrOptions options, JobShape shape, EmrSparkSettings spark, EmrTagging tagging, String releaseLabel) {
        this.options = requireNonNull(options, "options is null");
        this.shape = requireNonNull(shape, "shape is null");
        this.spark = requireNonNull(spark, "spark is null");
        this.tagging = requireNonNull(tagging, "tagging is null");
        this.release = ReleaseLabel.reported(requireNonNull(releaseLabel, "releaseLabel is null"));
        spark.release(release);
    }

    /** The tags of job runs and sessions: the connection's, and the run's while one is open. */
    EmrTagging tagging() {
        return tagging;
    }

    /** Spark settings: derived from the work, the user's --spark-conf over them. */
    EmrSparkSettings spark() {
        return spark;
    }

    /** Every job run shares these: the application, role, staging prefix, timeout and Spark's sizing. */
    JobSettings jobSettings(String applicationId) {
        WorkerCapacity executors = shape.executors() != null ? shape.executors() : options.capacity().executors();
        WorkerSize executor = executors != null ? executors.size() : null;
        int cores = executor == null ? DEFAULT_EXECUTOR_CORES : executor.vCpu();
        // Spark's executor heap plus its ~10% overhead must fit the worker: 14g on EMR's default 16 GB worker
        int memoryGb = executor == null ? DEFAULT_EXECUTOR_MEMORY_GB : JobShape.heapGb(executor);
        return new JobSettings(applicationId, options.executionRoleArn(), options.stagingDir().uri(), options.timeoutMinutes(),
                options.region(), Architecture.parse(options.architecture()), cores, memoryGb + "g",
                tagging.current(), spark.forRuns(tuningWorkers(), shape.sparkConf(),
                        shape.executors() == null ? null : shape.executors().count()), release);
    }

    /** The workers {@link SparkTuning} sizes a job for: the job's driver and executors, the warm ones, the maximum capacity. */
    SparkTuning.Workers tuningWorkers() {
        WorkerSize standard = new WorkerSize(DEFAULT_EXECUTOR_CORES, 16, WorkerSize.DEFAULT_DISK_GB);
        WorkerSize driver = shape.driver() != null ? shape.driver()
                : options.capacity().driver() != null ? options.capacity().driver().size() : standard;
        WorkerCapacity executors = shape.executors() != null ? shape.executors() : options.capacity().executors();
        WorkerCapacity warm = options.capacity().executors();
        return new SparkTuning.Workers(driver, executors != null ? executors.size() : standard, warm == null ? 0 : warm.count(),
                options.capacity().maxCpu(), options.capacity().maxMemoryGb());
    }

    /** What a job run is priced at: the workers it asks for (tuned to the work, or the user's spark.executor.instances). */
    BillingProfile billingProfile(String applicationId) {
        WorkerSize driver = shape.driver() != null ? shape.driver()
                : options.capacity().driver() != null ? options.capacity().driver().size() : null;
        WorkerCapacity executorWorkers = shape.executors() != null ? shape.executors() : options.capacity().executors();
        WorkerSize executor = executorWorkers != null ? executorWorkers.size() : null;
        // what the job runs ask for (tuned to the work, or the user's spark.executor.instances) is what is priced
        int executors = SparkTuning.executors(jobSettings(applicationId).sparkConf(),
                executorWorkers != null ? executorWorkers.count() : JobCapacity.DEFAULT.executors());
        JobCapacity capacity = new JobCapacity(driver == null ? JobCapacity.DEFAULT.driver() : driver, executors,
                executor == null ? JobCapacity.DEFAULT.executor() : executor);
        return new BillingProfile(capacity, options.region(), Architecture.parse(options.architecture()));
    }

    /**
     * The release, architecture, region, the workers a job run asks for (as {@link #billingProfile} prices
     * them), the application's pre-initialised workers and the Spark properties a power run is submitted with.
     *
     * @param sparkVersion the Spark version the latest job run's driver reported, or null before one ran
     */
    EngineConfiguration configuration(String platformName, String applicationId, String releaseLabel, String sparkVersion) {
        return configuration(platformName, applicationId, releaseLabel, sparkVersion, RunManifest.Catalog.GLUE);
    }

    /** As above, for job runs that found their tables through {@code catalog} (Iceberg's records its table format). */
    EngineConfiguration configuration(String platformName, String applicationId, String releaseLabel, String sparkVersion,
            RunManifest.Catalog catalog) {
        JobCapacity capacity = billingProfile(applicationId).capacity();
        JobSettings settings = jobSettings(applicationId);
        // the version is what the driver reported (the label says the release, not the Spark it brought)
        String version = sparkVersion == null ? releaseLabel : "Spark " + sparkVersion;
        return new EngineConfiguration(platformName, version, releaseLabel, Architecture.parse(options.architecture()).id(),
                options.region(), workers(1, capacity.driver()), workers(capacity.executors(), capacity.executor()),
                preInitialized(options.capacity().driver()), preInitialized(options.capacity().executors()),
                settings.sparkSubmit(catalog).properties(),
                (catalog == RunManifest.Catalog.ICEBERG ? dev.benchbox.platform.TableFormat.ICEBERG : dev.benchbox.platform.TableFormat.PARQUET).word());
    }

    private static EngineConfiguration.Workers workers(int count, WorkerSize size) {
        return new EngineConfiguration.Workers(count, size.vCpu(), size.memoryGb(), size.diskGb());
    }

    private static EngineConfiguration.Workers preInitialized(WorkerCapacity capacity) {
        return capacity == null ? null
                : new EngineConfiguration.Workers(capacity.count(), capacity.size().vCpu(), capacity.size().memoryGb(),
                        capacity.size().diskGb());
    }
}
