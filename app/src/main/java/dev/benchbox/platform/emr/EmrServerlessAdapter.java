package dev.benchbox.platform.emr;

import dev.benchbox.platform.emr.job.Backoff;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.QuerySummary;
import dev.benchbox.platform.RowSink;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The EMR Serverless platform as a library, without the shell: configure it with the same options as
 * {@code connect emr-serverless}, then create the schema, load data and run queries.
 *
 * <pre>{@code
 * try (EmrServerlessAdapter emr = EmrServerlessAdapter.builder()
 *         .s3StagingDir("s3://my-bucket/benchbox/")
 *         .executionRoleArn("arn:aws:iam::123456789012:role/EMRServerlessJobRole")
 *         .createApplication(true)
 *         .build()) {
 *     emr.createSchema();
 *     emr.load(Benchmarks.get("tpch").dataSet(), 0.01, List.of());
 * }
 * }</pre>
 */
public final class EmrServerlessAdapter implements AutoCloseable {
    private final EmrServerlessPlatform platform;

    private EmrServerlessAdapter(EmrServerlessPlatform platform) {
        this.platform = platform;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The platform behind the adapter, for everything the shell does with it. */
    public EmrServerlessPlatform platform() {
        return platform;
    }

    /** Creates the configured Glue database (idempotent). */
    public void createSchema() {
        platform.createSchema(platform.defaultSchema());
    }

    /** Creates a Glue database (idempotent). */
    public void createSchema(String database) {
        platform.createSchema(database);
    }

    /** Loads tables from TABLE.tbl/.csv/.parquet files in {@code sourceDir} into the configured database. */
    public LoadReport loadData(List<String> tables, Path sourceDir) {
        return platform.loadFiles(platform.defaultSchema(), tables, sourceDir, LoadProgress.NONE);
    }

    /**
     * Generates a benchmark's data set ({@code Benchmarks.get("tpch").dataSet()}) at the scale factor and loads the
     * tables (all when empty) into the configured database.
     */
    public LoadReport load(DataSet dataSet, double scaleFactor, List<String> tables) {
        return platform.load(platform.defaultSchema(), dataSet, Scale.of(scaleFactor), tables, LoadProgress.NONE);
    }

    /** Runs one statement as a job run. */
    public QuerySummary executeQuery(String sql, RowSink sink) {
        return platform.execute(platform.defaultSchema(), sql, sink);
    }

    /** Stops (or deletes, after {@link #deleteApplicationOnClose()}) an application this adapter created. */
    @Override
    public void close() {
        platform.close();
    }

    public void deleteApplicationOnClose() {
        platform.deleteOnClose();
    }

    /** Options as in {@link EmrOption}; anything not set comes from the environment variables, then the defaults. */
    public static final class Builder {
        private final Map<String, String> options = new LinkedHashMap<>();
        private Map<String, String> environment = System.getenv();
        private Path dryRun;
        private Backoff backoff = Backoff.DEFAULT;
        private AwsClients.Settings clientSettings;

        private Builder() {
        }

        public Builder option(String key, String value) {
            options.put(key, value);
            return this;
        }

        public Builder s3StagingDir(String value) {
            return option(EmrOption.S3_STAGING_DIR.key(), value);
        }

        public Builder executionRoleArn(String value) {
            return option(EmrOption.EXECUTION_ROLE_ARN.key(), value);
        }

        public Builder applicationId(String value) {
            return option(EmrOption.APPLICATION_ID.key(), value);
        }

        public Builder createApplication(boolean value) {
            return option(EmrOption.CREATE_APPLICATION.key(), Boolean.toString(value));
        }

        public Builder applicationName(String value) {
            return option(EmrOption.APPLICATION_NAME.key(), value);
        }

        public Builder region(String value) {
            return option(EmrOption.REGION.key(), value);
        }

        public Builder database(String value) {
            return option(EmrOption.DATABASE.key(), value);
        }

        public Builder releaseLabel(String value) {
            return option(EmrOption.RELEASE_LABEL.key(), value);
        }

        public Builder timeoutMinutes(int value) {
            return option(EmrOption.TIMEOUT_MINUTES.key(), Integer.toString(value));
        }

        /** {@code Driver=1x4vCPU-16GB,Executor=4x4vCPU-16GB} or the JSON map of worker type to workerCount/workerConfiguration. */
        public Builder initialCapacity(String value) {
            return option(EmrOption.INITIAL_CAPACITY.key(), value);
        }

        public Builder architecture(String value) {
            return option(EmrOption.ARCHITECTURE.key(), value);
        }

        public Builder profile(String value) {
            return option(EmrOption.PROFILE.key(), value);
        }

        public Builder endpointUrl(URI value) {
            return option(EmrOption.ENDPOINT_URL.key(), value.toString());
        }

        /** Environment variables to fill unset options from (default: the process's). */
        public Builder environment(Map<String, String> value) {
            environment = Map.copyOf(value);
            return this;
        }

        /** Write every request to this directory instead of sending it. */
        public Builder dryRun(Path directory) {
            dryRun = directory;
            return this;
        }

        /** How state polling backs off (default: 250 ms growing to 5 s). */
        public Builder backoff(Backoff value) {
            backoff = value;
            return this;
        }

        /** Client timeouts, retries and multipart sizes (default: from the options). */
        public Builder clientSettings(AwsClients.Settings value) {
            clientSettings = value;
            return this;
        }

        /** Validates every option, then connects (or starts the dry run). */
        public EmrServerlessAdapter build() {
            EmrOptions resolved = EmrOptions.resolve(options, environment, dryRun != null);
            if (dryRun != null) {
                return new EmrServerlessAdapter(EmrServerlessPlatform.dryRun(resolved, DryRunRecorder.open(dryRun, false)));
            }
            AwsClients.Settings settings = clientSettings != null ? clientSettings : AwsClients.Settings.of(resolved);
            return new EmrServerlessAdapter(EmrServerlessPlatform.connect(resolved, AwsClients.create(settings), backoff));
        }
    }
}
