package dev.benchbox.platform.emr;

import dev.benchbox.platform.emr.job.Backoff;
import dev.benchbox.platform.emr.session.EmrSessions;
import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.cost.BillingProfile;
import dev.benchbox.cost.JobRunUsage;
import dev.benchbox.platform.emr.job.JobRunService;
import dev.benchbox.platform.emr.job.JobSettings;
import dev.benchbox.platform.ApplicationInfo;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.CapacityControl;
import dev.benchbox.platform.DataFootprint;
import dev.benchbox.platform.DryRun;
import dev.benchbox.platform.LocalNeed;
import dev.benchbox.platform.JobProgress;
import dev.benchbox.platform.Previews;
import dev.benchbox.platform.RolePolicy;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.dataset.Column;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.QuerySummary;
import dev.benchbox.platform.RowSink;
import dev.benchbox.results.EngineConfiguration;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Amazon EMR Serverless as a platform: the application runs Spark job runs, Glue is the catalog (a schema is a
 * Glue database), S3 holds the data as Parquet under the staging prefix ({@link StagingLayout}). How a connection is
 * made (live, a sweep's view, a preview on recording clients that write each request instead of sending it) is
 * {@link EmrConnections}'s; this façade runs the same parts whichever it was given.
 * Closing stops (or, when asked, deletes) the application only if this session created it.
 * <p>
 * Longer than most classes here: it is the whole {@code Platform} surface of EMR Serverless (catalog, loads, queries,
 * capabilities, closing), each method a few lines over the parts it delegates to.
 */
public final class EmrServerlessPlatform implements Platform {
    public static final String NAME = "emr-serverless";
    /** Rows of an ad-hoc query's result brought back from S3 (the count covers every row). */
    public static final int QUERY_ROWS_BROUGHT_BACK = 10_000;

    private final EmrConnections.Parts parts;
    private final EmrOptions options;
    private final AwsClients clients;
    private final ApplicationManager applications;
    private final GlueTables catalog;
    private final TableLoads loads;
    private final JobRuns jobs;
    private final EmrDataGeneration generation;
    private final StagingLayout layout;
    private final String applicationId;
    private final boolean createdBySession;
    private final String releaseLabel;
    private final String connectedState;
    private volatile JobRunService.Progress jobProgress = JobRunService.Progress.NONE;
    private final EmrClosing closing;
    private final Backoff backoff;
    private final boolean ownsClients;
    private final EmrJobSizing sizing;
    /** Spark settings: derived from the work, the user's --spark-conf over them; a view gets a copy. */
    private final EmrSparkSettings spark;
    private final EmrSessions sessionControl;
    private final AwsUsage usage;
    /** Idle pre-initialised workers of an application this connection created with some (null otherwise). */
    private volatile dev.benchbox.cost.WarmCapacity warm;

    EmrServerlessPlatform(EmrConnections.Parts parts) {
        this.parts = requireNonNull(parts, "parts is null");
        this.options = parts.options();
        this.clients = parts.clients();
        this.applications = parts.applications();
        this.catalog = parts.catalog();
        this.loads = parts.loads();
        this.jobs = parts.jobs();
        this.layout = parts.layout();
        this.applicationId = parts.applicationId();
        this.createdBySession = parts.createdBySession();
        this.releaseLabel = parts.releaseLabel();
        this.connectedState = parts.connectedState();
        this.backoff = parts.backoff();
        this.ownsClients = parts.ownsClients();
        this.sizing = parts.sizing();
        this.spark = sizing.spark();
        this.sessionControl = parts.sessions();
        this.usage = parts.usage();
        this.generation = new EmrDataGeneration(parts.service(), clients.s3(), catalog, layout, () -> jobProgress);
        this.closing = new EmrClosing(options, applications, applicationId, createdBySession, sessionControl, clients, ownsClients);
        // connecting started the application it created: its warm workers bill from now
        this.warm = createdBySession && options.capacity().hasInitialCapacity()
                ? new dev.benchbox.cost.WarmCapacity(preInitialized(options.capacity()), java.time.Duration.ofMinutes(options.idleTimeoutMinutes()))
                : null;
        if (warm != null) {
            warm.started(java.time.Instant.now());
        }
    }

    /**
     * Connecting found the user's own application ({@code stateBefore}: its state before connecting, {@code info} after):
     * its pre-initialised workers bill while it is started, so they are counted from now while it is STARTED, as seen
     * started (idle time before is unknown to the shell) when it already was, as started by the shell when connecting
     * started it; until the connection closes, past which the shell knows nothing of it.
     */
    void sawApplication(dev.benchbox.platform.ApplicationInfo info, String stateBefore, java.time.Instant at) {
        if (createdBySession || !info.hasPreInitializedCapacity() || !"STARTED".equals(info.state())) {
            return;
        }
        WorkerCapacity driver = null;
        WorkerCapacity executors = null;
        for (var entry : info.initialCapacity().entrySet()) {
            WorkerCapacity workers = WorkerCapacity.parse(entry.getValue(), "initial capacity");
            if (entry.getKey().equalsIgnoreCase("Driver")) {
                driver = workers;
            } else if (entry.getKey().equalsIgnoreCase("Executor")) {
                executors = workers;
            }
        }
        // AWS's default idle timeout is 15 minutes; without auto-stop the application stays started
        java.time.Duration idle = !info.autoStop() ? java.time.Duration.ofDays(3650)
                : java.time.Duration.ofMinutes(info.idleTimeoutMinutes() == null ? 15 : info.idleTimeoutMinutes());
        dev.benchbox.cost.WarmCapacity seen = new dev.benchbox.cost.WarmCapacity(preInitialized(new CapacitySettings(driver, executors,
                null, null)), idle, "STARTED".equals(stateBefore) ? dev.benchbox.cost.WarmCapacity.SEEN_STARTED
                : dev.benchbox.cost.WarmCapacity.STARTED_BY_SHELL);
        seen.started(at);
        warm = seen;
    }

    private static dev.benchbox.cost.SpendingLimit.PreInitialized preInitialized(CapacitySettings capacity) {
        return new dev.benchbox.cost.SpendingLimit.PreInitialized(
                capacity.driver() == null ? 0 : capacity.driver().count(), capacity.driver() == null ? null : capacity.driver().size(),
                capacity.executors() == null ? 0 : capacity.executors().count(), capacity.executors() == null ? null : capacity.executors().size());
    }

    /** Every job run shares these: the application, role, staging prefix, timeout and Spark's sizing. */
    JobSettings jobSettings() {
        return sizing.jobSettings(applicationId);
    }

    /** The workers {@link SparkTuning} sizes a job for. */
    SparkTuning.Workers tuningWorkers() {
        return sizing.tuningWorkers();
    }

    /**
     * A view of this connection on another application (one a sweep created; {@code options} describe it) and with
     * the job shape of one sweep configuration. It shares this platform's clients: closing it closes nothing.
     */
    EmrServerlessPlatform view(EmrOptions viewOptions, String viewApplicationId, String viewReleaseLabel, JobShape viewShape) {
        EmrServerlessPlatform view = EmrConnections.view(parts, viewOptions, viewApplicationId, viewReleaseLabel, viewShape);
        view.jobProgress = jobProgress;
        return view;
    }

    AwsClients clients() {
        return clients;
    }

    /** A sweep is about to create an application: the caller's policy then covers creating and deleting them. */
    void creatingSweepApplication() {
        usage.applicationCreated();
    }

    void sweepApplicationCreated(String id, ApplicationManager manager) {
        closing.sweepApplicationCreated(id, manager);
    }

    void sweepApplicationDeleted(String id) {
        closing.sweepApplicationDeleted(id);
    }

    Backoff backoff() {
        return backoff;
    }

    String releaseLabel() {
        return releaseLabel;
    }

    /** Connects with clients built from the options (the SDK's default credentials chain or the profile). */
    public static EmrServerlessPlatform connect(EmrOptions options, JobProgress progress) {
        return connect(options, AwsClients.create(AwsClients.Settings.of(options)), Backoff.DEFAULT, progress);
    }

    /**
     * Connects: checks the staging bucket exists, then finds (or creates) the application and starts it when it
     * is CREATED or STOPPED. Takes ownership of {@code clients} (closed with the platform, or on failure).
     */
    public static EmrServerlessPlatform connect(EmrOptions options, AwsClients clients, Backoff backoff) {
        return connect(options, clients, backoff, JobProgress.NONE);
    }

    /** As {@link #connect(EmrOptions, AwsClients, Backoff)}, telling {@code progress} what it does while it waits. */
    public static EmrServerlessPlatform connect(EmrOptions options, AwsClients clients, Backoff backoff, JobProgress progress) {
        return EmrConnections.connect(options, clients, backoff, progress);
    }

    /** A dry run: every request is written to {@code recorder}'s directory, none is sent. */
    public static EmrServerlessPlatform dryRun(EmrOptions options, DryRunRecorder recorder) {
        return EmrConnections.dryRun(options, recorder);
    }

    /** The same connection previewed: requests go to {@code dryRunRecorder} instead of AWS. */
    public EmrServerlessPlatform dryRunView(DryRunRecorder dryRunRecorder) {
        return EmrConnections.preview(parts, dryRunRecorder);
    }

    // ---- what job runs build on ---------------------------------------------------------------------------

    /** The validated options: execution role, release label, timeout_minutes, database, staging prefix. */
    public EmrOptions options() {
        return options;
    }

    /** The application job runs go to ({@value ApplicationManager#DRY_RUN_APPLICATION_ID} in a dry run that creates one). */
    public String applicationId() {
        return applicationId;
    }

    /** Where data, jobs, runs and logs live under the staging prefix. */
    public StagingLayout layout() {
        return layout;
    }

    public boolean createdBySession() {
        return createdBySession;
    }

    /** The state the application was in when this session connected (null for a created one or a dry run). */
    public String connectedState() {
        return connectedState;
    }


    // ---- Platform -----------------------------------------------------------------------------------------

    @Override
    public dev.benchbox.results.TimingMethod timingMethod() {
        // a power run is a job run whose driver times each query
        return dev.benchbox.results.TimingMethod.DRIVER;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "EMR Serverless application " + applicationId + " (" + releaseLabel + ", " + options.region() + ")"
                + (createdBySession ? ", created by this session" : "") + ", data in " + options.stagingDir().uri()
                + ", Glue catalog" + dryRun().map(d -> " [dry run: requests go to " + d.directory() + "]").orElse("");
    }

    @Override
    public String version() {
        return releaseLabel;
    }

    @Override
    public String defaultSchema() {
        return options.database();
    }

    @Override
    public void createSchema(String schema) {
        catalog.createDatabase(database(schema));
    }

    @Override
    public boolean schemaExists(String schema) {
        return catalog.databaseExists(database(schema));
    }

    @Override
    public List<String> listSchemas() {
        return catalog.listDatabases();
    }

    /** Glue's tables; while a session is open, those its Spark lists (what queries through it can read). */
    @Override
    public List<String> listTables(String schema) {
        if (sessionControl.isOpen()) {
            return sessionControl.listTables(database(schema));
        }
        return catalog.listTables(database(schema));
    }

    /** Glue's columns; while a session is open, the columns and types its Spark reports. */
    @Override
    public List<Column> describeTable(String schema, String table) {
        if (sessionControl.isOpen()) {
            return sessionControl.describeTable(database(schema), table);
        }
        return requireTable(schema, table).columns();
    }

    /** The row count recorded with the table when it was loaded (counting rows needs a job run). */
    @Override
    public long rowCount(String schema, String table) {
        GlueTables.TableState state = requireTable(schema, table);
        String rows = state.parameters().get("numRows");
        if (rows == null) {
            throw new BenchboxException("table '" + table + "' has no row count in Glue (it was not loaded by BenchBox)");
        }
        return Long.parseLong(rows);
    }

    /** The scale every table of the data set was generated at, as Glue records it (LoadedScale's one rule). */
    @Override
    public Optional<Scale> loadedScale(String schema, DataSet dataSet) {
        return dev.benchbox.platform.LoadedScale.agreedBy(dataSet.tables(), table -> catalog.table(database(schema), table)
                .map(state -> state.parameters().get(dataSet.scaleParameter())));
    }

    /** Where the plan's defaults say: in the cluster (one job run) or here, then uploaded. */
    @Override
    public LoadReport load(String schema, DataSet dataSet, Scale scale, List<String> tables, LoadProgress progress) {
        dev.benchbox.platform.ClusterGeneration cluster = clusterGeneration().orElseThrow();
        return cluster.generate(schema, cluster.plan(dataSet, scale, tables, null, null), progress);
    }

    /** Parquet generated earlier on this machine (the data cache) is uploaded as it is; a preview uploads nothing. */
    @Override
    public Optional<dev.benchbox.platform.ParquetLoads> parquetLoads() {
        if (!loads.generatesLocally()) {
            return Optional.empty();
        }
        return Optional.of((schema, dataSet, scale, tables, progress) -> loads.loadParquet(requireDatabase(schema), dataSet, scale,
                tables, progress));
    }

    /** Generates the data set on this machine, uploads it and registers its tables. */
    private LoadReport loadHere(String schema, DataSet dataSet, Scale scale, List<String> tables, LoadProgress progress) {
        String database = requireDatabase(schema);
        return loads.load(database, dataSet, scale, dataSet.selected(tables), progress);
    }

    /**
     * Local generation for EMR holds more than a load into an in-memory DuckDB: it also exports Parquet before the
     * upload. Measured with {@code scripts/bench-load-emr 0.1 1} (the shell's peak resident memory, local mode):
     * 972 MB at SF 0.1 and 2935 MB at SF 1, against 780 MB and 2.17 GB for the DuckDB load alone.
     */
    private static final double LOCAL_EXPORT_FACTOR = 1.36;

    /**
     * io.trino.tpch data is generated here, in an in-memory DuckDB (no memory_limit credit: above what fits, the
     * cluster is the way), and its Parquet files are written to the temporary folder before the upload; io.trino.tpcds
     * runs in the cluster and a preview generates nothing here.
     */
    @Override
    public Optional<LocalNeed> localNeed(DataSet dataSet, DataFootprint footprint, double scale) {
        if (!loads.generatesLocally() || !dataSet.generator().equals(DataSet.Generator.TPCH)) {
            return Optional.empty();
        }
        long data = (long) Math.min(Long.MAX_VALUE, Math.ceil(footprint.memory().at(scale) * LOCAL_EXPORT_FACTOR));
        return Optional.of(new LocalNeed("to generate it here for EMR Serverless", data, data,
                List.of(new LocalNeed.Disk(Path.of(System.getProperty("java.io.tmpdir")),
                        GenerationPlanner.parquetBytes(scale), "for the Parquet files to upload")),
                List.of("generation in the cluster (load " + dataSet.name() + " --scale SF --generate cluster)")));
    }

    /** A data set generated by a job run inside the application ({@link EmrDataGeneration}) or here, planned first. */
    @Override
    public Optional<dev.benchbox.platform.ClusterGeneration> clusterGeneration() {
        return Optional.of(new dev.benchbox.platform.ClusterGeneration() {
            @Override
            public dev.benchbox.platform.GenerationPlan plan(DataSet dataSet, Scale scale, List<String> tables,
                    dev.benchbox.platform.GenerationPlan.Where requested, Integer parts) {
                BillingProfile profile = billingProfileFor(parts);
                return new GenerationPlanner(dev.benchbox.cost.PricingTable.load()).plan(dataSet, scale.value(),
                        dataSet.selected(tables), requested, parts, profile.capacity(), profile.region(),
                        profile.architecture(), tuningWorkers(), spark.user());
            }

            /** The capacity and prices a generation is planned with, after the one check of {@code --parts}. */
            private BillingProfile billingProfileFor(Integer parts) {
                if (parts != null && parts < 1) {
                    throw new BenchboxException("--parts must be at least 1, not " + parts);
                }
                return billingProfile().orElseThrow();
            }

            @Override
            public LoadReport generate(String schema, dev.benchbox.platform.GenerationPlan plan, LoadProgress progress) {
                return generate(schema, plan, dev.benchbox.platform.TableFormat.PARQUET, progress);
            }

            @Override
            public LoadReport generate(String schema, dev.benchbox.platform.GenerationPlan plan,
                    dev.benchbox.platform.TableFormat format, LoadProgress progress) {
                String database = requireDatabase(schema);
                generation.requireFormat(database, plan.tables(), format); // before any work
                if (plan.where() == dev.benchbox.platform.GenerationPlan.Where.LOCAL) {
                    if (format == dev.benchbox.platform.TableFormat.ICEBERG) {
                        throw new BenchboxException("Iceberg tables are written by a job run in the application: "
                                + "load " + plan.benchmark() + " --scale " + Scale.of(plan.scale()).text() + " --table-format iceberg --generate cluster");
                    }
                    return loadHere(schema, plan.dataSet(), Scale.of(plan.scale()), plan.tables(), progress);
                }
                if (format == dev.benchbox.platform.TableFormat.ICEBERG) {
                    usage.icebergTables();
                }
                return generation.generate(database, plan, format, progress);
            }

            @Override
            public LoadReport register(String schema, DataSet dataSet, Scale scale, List<String> tables, String from,
                    LoadProgress progress) {
                S3Location source = S3Location.parse(from, "--from");
                usage.source(source); // the check job and every later query read it with the execution role
                return generation.register(requireDatabase(schema), dataSet, scale, dataSet.selected(tables), source, progress);
            }
        });
    }

    @Override
    public LoadReport loadFiles(String schema, List<String> tables, Path sourceDir, LoadProgress progress) {
        String database = requireDatabase(schema);
        if (tables.isEmpty()) {
            throw new BenchboxException("name the tables to load with --tables t1,t2");
        }
        if (!Files.isDirectory(sourceDir)) {
            throw new BenchboxException("source directory '" + sourceDir + "' does not exist");
        }
        return loads.loadFiles(database, tables, sourceDir, progress);
    }

    /** Where job-run progress (submitted, state changes) goes; the shell shows it live. */
    public void jobProgress(JobProgress progress) {
        JobProgress target = progress == null ? JobProgress.NONE : progress;
        if (ownsClients) {
            clients.retryNotices(target::retrying);
        }
        jobProgress = JobRuns.progress(target);
    }

    /** One statement as one job run; at most {@link #QUERY_ROWS_BROUGHT_BACK} rows come back. */
    @Override
    public QuerySummary execute(String schema, String sql, RowSink sink) {
        String database = requireDatabase(schema);
        if (sessionControl.isOpen()) {
            return sessionControl.execute(database, sql, sink); // about a second through Spark Connect instead of a job run
        }
        GlueTables.JobTables tables = catalog.forJob(database);
        return jobs.execute(database, tables.catalog(), tables.locations(), sql, QUERY_ROWS_BROUGHT_BACK, sink, jobProgress);
    }

    /** The whole stream (warm-ups and iterations of every query) as ONE job run, timed inside the driver. */
    @Override
    public List<QueryExecution> runBatch(String schema, List<BatchQuery> queries, int warmups, int iterations, int maxRowsKept,
            BatchListener listener) {
        String database = requireDatabase(schema);
        GlueTables.JobTables tables = catalog.forJob(database);
        return jobs.runBatch(database, tables.catalog(), tables.locations(), queries, warmups, iterations, maxRowsKept, listener, jobProgress);
    }

    /**
     * Parquet tables take no inserts or deletes: the way on is Iceberg tables, in a schema of their own (Glue keeps one
     * table per name). Empty when every table of the data set is an Iceberg table.
     */
    @Override
    public Optional<String> whyNoRefresh(String schema, DataSet dataSet, Scale scale) {
        String database = requireDatabase(schema);
        java.util.Map<String, dev.benchbox.platform.TableFormat> formats = catalog.tableFormats(database);
        List<String> parquet = dataSet.tables().stream()
                .filter(t -> formats.get(t) == dev.benchbox.platform.TableFormat.PARQUET).toList();
        String load = "load " + dataSet.name() + " --scale " + scale.text() + " --table-format iceberg";
        if (!parquet.isEmpty()) {
            return Optional.of("schema '" + database + "' holds Parquet tables (" + String.join(", ", parquet)
                    + "), which take no inserts or deletes; load Iceberg tables into a schema of their own: create-schema "
                    + database + "_iceberg, then " + load + " --schema " + database + "_iceberg");
        }
        if (dataSet.tables().stream().anyMatch(t -> !formats.containsKey(t))) {
            return Optional.of("schema '" + database + "' does not hold the " + dataSet.title() + " tables; " + load);
        }
        return Optional.empty();
    }

    /**
     * Over Iceberg tables ({@link #whyNoRefresh} says when not): each stream one job run, the tables put back by
     * snapshot rollback. A dry run has no job runs to run streams in.
     */
    @Override
    public Optional<dev.benchbox.platform.StreamConnections> streamConnections() {
        if (parts.target().dryRun().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new EmrStreamConnections(jobs, schema -> {
            String database = requireDatabase(schema);
            GlueTables.JobTables tables = catalog.forJob(database);
            return new EmrStreamConnections.Target(database, tables.catalog(), tables.locations());
        }, () -> jobProgress, this::streamRuns));
    }

    /** The application's limit on job runs at once, as GetApplication reports it now. */
    private dev.benchbox.platform.StreamConnections.StreamRuns streamRuns() {
        String unit = "job run";
        try {
            return applications.maxConcurrentRuns(applicationId)
                    .map(limit -> new dev.benchbox.platform.StreamConnections.StreamRuns(unit, limit,
                            "the application's maxConcurrentRuns"))
                    .orElseGet(() -> new dev.benchbox.platform.StreamConnections.StreamRuns(unit, null,
                            "the application reports no maxConcurrentRuns (no schedulerConfiguration): its maximum capacity "
                                    + "bounds how many run at once"));
        } catch (AwsCallFailed e) {
            // the run goes on: each stream's queued time still says whether the limit held it back
            return new dev.benchbox.platform.StreamConnections.StreamRuns(unit, null,
                    "the application's maxConcurrentRuns could not be read: " + new AwsFailureMessages().message(e).orElse(e.getMessage()));
        }
    }

    /** Each stream is its own job run: they run side by side on the application. */
    @Override
    public boolean concurrentStreams() {
        return true;
    }

    @Override
    public List<JobRunUsage> idleCapacity() {
        dev.benchbox.cost.WarmCapacity counted = warm;
        if (counted == null) {
            return List.of();
        }
        BillingProfile profile = sizing.billingProfile(applicationId);
        return counted.usage(applicationId, java.time.Instant.now(), jobs.jobRuns(), profile.capacity().executors(), profile.architecture(),
                profile.region()).map(List::of).orElse(List.of());
    }

    /** Job runs, then the sessions (ended ones as AWS billed them, an open one estimated). */
    @Override
    public List<JobRunUsage> jobRuns() {
        List<JobRunUsage> all = new ArrayList<>(jobs.jobRuns());
        all.addAll(sessionControl.usage());
        return List.copyOf(all);
    }

    @Override
    public Optional<BillingProfile> billingProfile() {
        return Optional.of(sizing.billingProfile(applicationId));
    }

    /**
     * The release, architecture, region, the workers a job run asks for (as {@link #billingProfile()} prices
     * them), the application's pre-initialised workers and the Spark properties a power run is submitted with.
     */
    @Override
    public EngineConfiguration configuration() {
        return sizing.configuration(NAME, applicationId, releaseLabel, parts.service().sparkVersion().orElse(null),
                parts.service().lastCatalog());
    }

    // ---- application and capacity -------------------------------------------------------------------------

    /** The application as AWS describes it now. */
    public ApplicationInfo application() {
        return parts.target().application(applications, applicationId);
    }

    /** Stops (if started), updates and restarts the application's capacity. */
    public ApplicationInfo updateCapacity(CapacitySettings capacity) {
        if (capacity.isEmpty()) {
            throw new BenchboxException("say what to change: --driver, --executors and/or --max-cpu with --max-memory");
        }
        return applications.updateCapacity(applicationId, capacity);
    }

    public ApplicationInfo startApplication() {
        ApplicationInfo started = applications.start(applicationId);
        dev.benchbox.cost.WarmCapacity counted = warm;
        if (counted != null) {
            counted.started(java.time.Instant.now());
        }
        return started;
    }

    public void stopApplication() {
        applications.stop(applicationId, true);
        dev.benchbox.cost.WarmCapacity counted = warm;
        if (counted != null) {
            counted.stopped(java.time.Instant.now());
        }
    }

    /**
     * Asks for the application to be deleted when the platform closes; only an application this session
     * created can be deleted.
     */
    public void deleteOnClose() {
        closing.deleteOnClose();
    }

    // ---- capabilities ---------------------------------------------------------------------------------------

    @Override
    public Optional<dev.benchbox.platform.SparkSettings> sparkSettings() {
        return Optional.of(spark);
    }

    @Override
    public Optional<CapacityControl> capacity() {
        return Optional.of(new EmrCapacityControl(this));
    }

    /** A sweep varies the release, architecture, pre-initialised capacity (an application each), workers and Spark settings. */
    @Override
    public Optional<dev.benchbox.platform.ConfigurationSweeps> sweeps() {
        return parts.target().sweeps(this);
    }

    @Override
    public Optional<Previews> previews() {
        return Optional.of((directory, replace) -> dryRunView(DryRunRecorder.open(directory, replace)));
    }

    @Override
    public Optional<DryRun> dryRun() {
        return parts.target().dryRun();
    }

    @Override
    public Optional<dev.benchbox.platform.SessionControl> sessions() {
        return Optional.of(sessionControl);
    }

    /** Links fetched from AWS when asked for (GetDashboardForJobRun, GetResourceDashboard); a dry run has none to give. */
    @Override
    public Optional<dev.benchbox.platform.SparkUi> sparkUi() {
        if (parts.target().dryRun().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new dev.benchbox.platform.SparkUi() {
            @Override
            public String jobRun(String jobRunId) {
                if (!JOB_RUN_ID.matcher(jobRunId).matches()) {
                    throw new dev.benchbox.BenchboxException("invalid job run id '" + jobRunId
                            + "': EMR Serverless job run ids are 1-64 lower-case letters and digits, e.g. 00fabcdef1234567");
                }
                return AwsCallFailed.call(ApplicationManager.SERVICE, "GetDashboardForJobRun", jobRunId, options.region(),
                        () -> clients.emr().getDashboardForJobRun(b -> b.applicationId(applicationId).jobRunId(jobRunId))).url();
            }

            @Override
            public Optional<String> session() {
                return sessionControl.dashboard();
            }
        });
    }

    /** A dry run bills nothing: no cap to hold. */
    @Override
    public Optional<dev.benchbox.platform.SpendingCap> spendingCap() {
        if (parts.target().dryRun().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(maxUsd -> limitSpending(maxUsd, java.time.Clock.systemUTC()));
    }

    /**
     * Holds {@code maxUsd} over this connection's job runs and open session until closed, projecting at the prices and sizes job runs are
     * billed at now, with the pre-initialised workers of an application this connection created (billed while it is
     * started); {@code clock} is "now" (a test's moves with the stand-in's).
     */
    dev.benchbox.platform.SpendingCap.Scope limitSpending(java.math.BigDecimal maxUsd, java.time.Clock clock) {
        dev.benchbox.cost.BillingProfile profile = sizing.billingProfile(applicationId);
        dev.benchbox.cost.Rates rates = dev.benchbox.cost.PricingTable.load().price(profile.region(), profile.architecture());
        dev.benchbox.cost.WarmCapacity counted = warm;
        var preInitialized = counted == null ? dev.benchbox.cost.SpendingLimit.PreInitialized.NONE : counted.workers();
        dev.benchbox.cost.SpendingLimit limit = new dev.benchbox.cost.SpendingLimit(maxUsd, rates, profile.capacity(), preInitialized,
                clock.instant());
        AutoCloseable scope = parts.service().limit(limit, clock);
        AutoCloseable sessionScope = sessionControl.limit(limit, clock);
        return new dev.benchbox.platform.SpendingCap.Scope() {
            @Override
            public boolean passed() {
                return limit.exceeded();
            }

            @Override
            public void close() {
                try {
                    sessionScope.close();
                    scope.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e); // restoring two fields throws nothing
                }
            }
        };
    }

    // the model's JobRunId
    private static final java.util.regex.Pattern JOB_RUN_ID = java.util.regex.Pattern.compile("[0-9a-z]{1,64}");

    @Override
    public Optional<dev.benchbox.platform.CostAllocation> costAllocation() {
        return Optional.of(sizing.tagging());
    }

    /** Narrowed to what this connection used so far: its databases and data sources, sessions, applications it created. */
    @Override
    public Optional<RolePolicy> rolePolicy() {
        IamPolicy.Scope scope = policyScope();
        return Optional.of(new RolePolicy(IamPolicy.executionRolePolicy(scope), trustPolicy(), IamPolicy.callerPolicy(scope)));
    }

    private IamPolicy.Scope policyScope() {
        TreeSet<String> databases = new TreeSet<>(usage.databases());
        databases.add(options.database());
        boolean sessions = sessionControl.used();
        return new IamPolicy.Scope(options.stagingDir(), List.copyOf(databases), usage.sources(), options.region(), options.accountId(),
                options.partition(), options.executionRoleArn(), applicationId,
                usage.applicationsCreated() || options.createApplication(), sessions, usage.icebergTablesWritten()); // a dry run's application id is made up
    }

    @Override
    public Optional<String> closingNote() {
        return Optional.of(parts.target().closingNote(closing::note));
    }

    public String trustPolicy() {
        return IamPolicy.trustPolicy(options.accountId(), options.partition(), options.region());
    }

    @Override
    public void close() {
        closeReporting();
    }

    @Override
    public List<String> closeReporting() {
        dev.benchbox.cost.WarmCapacity counted = warm;
        if (counted != null) {
            // closing stops (or deletes) the application this connection created; of a user's own it knows nothing after
            if (createdBySession) {
                counted.stopped(java.time.Instant.now());
            } else {
                counted.disconnected(java.time.Instant.now());
            }
        }
        return closing.close();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static String database(String schema) {
        return schema.toLowerCase(Locale.ROOT);
    }

    private String requireDatabase(String schema) {
        String database = database(schema);
        if (!catalog.databaseExists(database)) {
            throw new BenchboxException("Glue database '" + database + "' does not exist: create it with create-schema " + database);
        }
        return database;
    }

    private GlueTables.TableState requireTable(String schema, String table) {
        return catalog.table(database(schema), table).orElseThrow(() -> new BenchboxException(
                "unknown table '" + table + "' in Glue database '" + database(schema) + "'"));
    }
}
