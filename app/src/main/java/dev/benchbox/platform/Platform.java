package dev.benchbox.platform;

import dev.benchbox.dataset.Column;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.cost.BillingProfile;
import dev.benchbox.cost.JobRunUsage;
import dev.benchbox.results.EngineConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SQL engine the shell benchmarks. Platforms never print: they report through return values,
 * {@link RowSink}, {@link BatchListener} and {@link LoadProgress}; errors are
 * {@link dev.benchbox.BenchboxException}s with one-line messages.
 */
public interface Platform extends AutoCloseable {
    /** Short name used in commands and results, e.g. {@code duckdb}. */
    String name();

    /** One line for {@code status}: engine, version, where the data lives. */
    String description();

    /** Where this platform's query times are measured (a power run records it, so unlike times are not compared). */
    dev.benchbox.results.TimingMethod timingMethod();

    /** Engine version, recorded in results. */
    String version();

    /** The schema a new session starts in. */
    String defaultSchema();

    /** Creates the schema if it does not exist. */
    void createSchema(String schema);

    boolean schemaExists(String schema);

    /** Names of the schemas (Glue databases on EMR), sorted; for completion. */
    default List<String> listSchemas() {
        return List.of();
    }

    List<String> listTables(String schema);

    /** Columns of a table; fails with a one-line error naming the table when it does not exist. */
    List<Column> describeTable(String schema, String table);

    /** Row count of a table. */
    long rowCount(String schema, String table);

    /**
     * The scale factor whose complete data set the schema holds: every one of the data set's tables records the same
     * scale (as the platform recorded it at load, {@link DataSet#scaleComment()} or {@link DataSet#scaleParameter()}).
     */
    Optional<Scale> loadedScale(String schema, DataSet dataSet);

    /**
     * Generates the data set at the scale and loads the given tables (all when empty), recording the scale with each
     * table. The data set says what makes its rows; the platform asks it, and knows no benchmark by name.
     */
    LoadReport load(String schema, DataSet dataSet, Scale scale, List<String> tables, LoadProgress progress);

    /**
     * What generating a data set at {@code scale} takes on this machine through {@link #load}, so a load it cannot
     * hold is refused before it starts; empty when the data is generated elsewhere (in a cluster) or not at all (a
     * preview).
     */
    default Optional<LocalNeed> localNeed(DataSet dataSet, DataFootprint footprint, double scale) {
        return Optional.empty();
    }

    /** Spark settings derived from the work and overridable with {@code --spark-conf}, if its job runs are Spark's. */
    default Optional<SparkSettings> sparkSettings() {
        return Optional.empty();
    }

    /**
     * Loading a data set from Parquet files generated earlier on this machine (the data cache); empty when the platform
     * cannot (a preview, which uploads nothing).
     */
    default Optional<ParquetLoads> parquetLoads() {
        return Optional.empty();
    }

    /** Generating benchmark data inside the platform's own cluster, when it has one (EMR Serverless). */
    default Optional<ClusterGeneration> clusterGeneration() {
        return Optional.empty();
    }

    /** Loads tables from {@code .tbl}, {@code .csv} or {@code .parquet} files named after them in a directory. */
    LoadReport loadFiles(String schema, List<String> tables, Path sourceDir, LoadProgress progress);

    /** Runs one statement and streams its rows. Interrupting the calling thread cancels the statement. */
    QuerySummary execute(String schema, String sql, RowSink sink);

    /**
     * Runs every query of a batch, warm-ups first, then the measured iterations, timing each
     * where it runs. Query errors are recorded, not thrown.
     *
     * @param maxRowsKept rows of each result kept for validation
     */
    List<QueryExecution> runBatch(String schema, List<BatchQuery> queries, int warmups, int iterations,
            int maxRowsKept, BatchListener listener);

    /** Whether {@link #runBatch} may be called from several threads at once (a throughput test's streams). */
    default boolean concurrentStreams() {
        return false;
    }

    /**
     * What the platform bills outside its job runs and sessions, as ledger lines: an application's idle pre-initialised
     * workers while this connection had it started (none for embedded platforms).
     */
    default List<JobRunUsage> idleCapacity() {
        return List.of();
    }

    /** Job runs this platform ran, oldest first, with their resource use (none for embedded platforms). */
    default List<JobRunUsage> jobRuns() {
        return List.of();
    }

    /** How this platform bills work, for estimates; empty when it costs nothing per job. */
    default Optional<BillingProfile> billingProfile() {
        return Optional.empty();
    }

    /** The engine as a run's results record it: version, resources and settings (see {@link EngineConfiguration}). */
    default EngineConfiguration configuration() {
        return EngineConfiguration.embedded(name(), version(), Map.of());
    }

    // ---- optional capabilities: a command asks for one and says plainly when the platform has none ----

    /** The application behind the platform and its capacity; empty when there is none (embedded platforms). */
    default Optional<CapacityControl> capacity() {
        return Optional.empty();
    }

    /** Runs under several configurations (a sweep); empty when the platform has nothing to vary. */
    default Optional<ConfigurationSweeps> sweeps() {
        return Optional.empty();
    }

    /** Previews of what the platform would send ({@code --dry-run DIR}); empty when it sends nothing anywhere. */
    default Optional<Previews> previews() {
        return Optional.empty();
    }

    /** Present when this platform is itself a preview: what it wrote and where. */
    default Optional<DryRun> dryRun() {
        return Optional.empty();
    }

    /** The least-privilege policy of the role its jobs run as; empty when jobs run as no role. */
    default Optional<RolePolicy> rolePolicy() {
        return Optional.empty();
    }

    /** Interactive sessions (EMR Serverless through Spark Connect); empty when the platform has none. */
    default Optional<SessionControl> sessions() {
        return Optional.empty();
    }

    /** Links to the Spark UI of its job runs and session; empty when it runs no Spark there. */
    default Optional<SparkUi> sparkUi() {
        return Optional.empty();
    }

    /** {@code --max-cost} held while work runs; empty when the platform bills nothing. */
    default Optional<SpendingCap> spendingCap() {
        return Optional.empty();
    }

    /** Tags on what the platform creates that reach the cloud bill; empty when it bills nothing. */
    default Optional<CostAllocation> costAllocation() {
        return Optional.empty();
    }

    /**
     * Independent connections for concurrent query streams and refresh functions (inserts and deletes in a
     * transaction); empty when the platform's tables do not take them.
     */
    default Optional<StreamConnections> streamConnections() {
        return Optional.empty();
    }

    /**
     * Why the data set's tables in {@code schema} cannot take its refresh functions here, in words that end with what to
     * type instead; empty when the platform has nothing to add to "no stream connections".
     */
    default Optional<String> whyNoRefresh(String schema, dev.benchbox.dataset.DataSet dataSet, dev.benchbox.dataset.Scale scale) {
        return Optional.empty();
    }

    /** What closing will do (e.g. stop the application this session created), in words; empty when nothing to say. */
    default Optional<String> closingNote() {
        return Optional.empty();
    }

    /**
     * What closing this connection throws away for good (data that lives only in this process), as a phrase
     * such as {@code 8 tables in schema main}; empty when closing loses nothing.
     */
    default Optional<String> lostOnClose() {
        return Optional.empty();
    }

    /**
     * Files on this machine that hold the connection's data (a database file and its write-ahead log): a
     * command's output never replaces them. Empty when the data lives elsewhere or only in memory.
     */
    default List<Path> localFiles() {
        return List.of();
    }

    /** Releases what this session created; never fails. */
    @Override
    void close();

    /**
     * Closes as {@link #close()} does and says what could not be released (and so may still run and bill): one line
     * each, with the command that releases it by hand. Empty when everything was released.
     */
    default java.util.List<String> closeReporting() {
        close();
        return java.util.List.of();
    }
}
