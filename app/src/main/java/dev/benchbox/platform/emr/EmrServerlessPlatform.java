package dev.benchbox.platform.emr;

import dev.benchbox.cost.WorkerSize;
import dev.benchbox.platform.emr.job.Backoff;
import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.cost.Architecture;
import dev.benchbox.cost.BillingProfile;
import dev.benchbox.cost.JobCapacity;
import dev.benchbox.cost.JobRunUsage;
import dev.benchbox.platform.emr.job.JobJar;
import dev.benchbox.platform.emr.job.JobRequest;
import dev.benchbox.platform.emr.job.JobRunService;
import dev.benchbox.platform.emr.job.JobRunner;
import dev.benchbox.platform.emr.job.JobSettings;
import dev.benchbox.platform.emr.job.RunManifest;
import dev.benchbox.platform.emr.job.SparkSubmit;
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
import dev.benchbox.platform.Column;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.QuerySummary;
import dev.benchbox.platform.RowSink;
import dev.benchbox.results.EngineConfiguration;
import dev.benchbox.tpch.TpchSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Amazon EMR Serverless as a platform: the application runs Spark job runs, Glue is the catalog (a schema is a
 * Glue database), S3 holds the data as Parquet under the staging prefix ({@link StagingLayout}). A dry run is the
 * same platform built on recording clients ({@link RecordingEmrServerlessClient}, {@link RecordingGlueClient}) that
 * write each request instead of sending it, with a load pipeline that uploads nothing and no job runs.
 * Closing stops (or, when asked, deletes) the application only if this session created it.
 */
public final class EmrServerlessPlatform implements Platform {
    private static final Logger log = LoggerFactory.getLogger(EmrServerlessPlatform.class);
    public static final String NAME = "emr-serverless";
    /** EMR Serverless's own Spark defaults: 4 vCPU / 16 GB workers, 14g executor heap. */
    static final int DEFAULT_EXECUTOR_CORES = 4;
    static final int DEFAULT_EXECUTOR_MEMORY_GB = 14;
    /** Rows of an ad-hoc query's result brought back from S3 (the count covers every row). */
    public static final int QUERY_ROWS_BROUGHT_BACK = 10_000;

    private final EmrOptions options;
    private final AwsClients clients;
    private final ApplicationManager applications;
    private final GlueTables catalog;
    private final TableLoads loads;
    private final JobRuns jobs;
    private final EmrDataGeneration generation;
    private final DryRunRecorder recorder;
    private final StagingLayout layout;
    private final String applicationId;
    private final boolean createdBySession;
    private final String releaseLabel;
    private final String connectedState;
    private volatile JobRunService.Progress jobProgress = JobRunService.Progress.NONE;
    private volatile boolean deleteOnClose;
    private final Backoff backoff;
    /** False for a sweep's views, which share their clients with the connected platform. */
    private final boolean ownsClients;
    private final JobShape shape;
    /** Spark settings: derived from the work, the user's --spark-conf over them; a view gets a copy. */
    private EmrSparkSettings spark = new EmrSparkSettings();
    /** Interactive sessions: live ones on the real platform, previews in a dry run. */
    private final dev.benchbox.platform.SessionControl sessionControl;
    /** What this connection asked AWS about (databases, data sources, applications created): {@code iam-policy} covers it. */
    private final AwsUsage usage;

    /** Live: requests go to AWS through {@code clients}. */
    private EmrServerlessPlatform(EmrOptions options, AwsClients clients, Backoff backoff, String applicationId, boolean createdBySession,
            String releaseLabel, String connectedState) {
        this(options, clients, backoff, applicationId, createdBySession, releaseLabel, connectedState, true, JobShape.NONE, new AwsUsage());
    }

    /** Live, as {@code connect} makes it or as a sweep's view ({@code ownsClients} false, the connection's usage) with its job shape. */
    private EmrServerlessPlatform(EmrOptions options, AwsClients clients, Backoff backoff, String applicationId, boolean createdBySession,
            String releaseLabel, String connectedState, boolean ownsClients, JobShape shape, AwsUsage usage) {
        this.usage = requireNonNull(usage, "usage is null");
        if (createdBySession) {
            usage.applicationCreated();
        }
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.ownsClients = ownsClients;
        this.shape = requireNonNull(shape, "shape is null");
        this.options = requireNonNull(options, "options is null");
        this.clients = requireNonNull(clients, "clients is null");
        this.recorder = null;
        this.applications = new ApplicationManager(options, clients.emr(), backoff);
        this.catalog = new GlueTables(options.region(), clients.glue(), usage);
        this.layout = new StagingLayout(options.stagingDir());
        this.loads = TableLoads.live(catalog, layout, new S3Staging(options.region(), clients.s3(), clients.s3Uploads(), 4));
        this.applicationId = applicationId;
        this.createdBySession = createdBySession;
        this.releaseLabel = releaseLabel;
        this.connectedState = connectedState;
        // settings are read at each job run: they follow the command's work (scale, --spark-conf)
        JobRunService service = new JobRunService(clients.emr(), clients.s3(), this::jobSettings, () -> applications.start(applicationId),
                backoff);
        this.jobs = JobRuns.of(service);
        this.generation = EmrDataGeneration.live(service, clients.s3(), catalog, layout, loads, () -> jobProgress);
        this.sessionControl = new dev.benchbox.platform.emr.session.EmrSessionControl(
                new dev.benchbox.platform.emr.session.SignedSessionApi(options.endpointUrl(), options.region(), clients.credentials(),
                        java.time.Duration.ofMinutes(1)),
                new dev.benchbox.platform.emr.session.EmrSessionControl.Settings(applicationId, options.executionRoleArn(), releaseLabel,
                        createdBySession, () -> applications.stop(applicationId, true), billingProfile().orElseThrow().capacity(),
                        options.region(), Architecture.parse(options.architecture()), java.time.Duration.ofMinutes(options.timeoutMinutes())),
                backoff, java.time.Clock.systemUTC());
    }

    /** Previewed: the same parts on recording clients, so every request is written by {@code recorder} and none is sent. */
    private EmrServerlessPlatform(EmrOptions options, DryRunRecorder recorder, String applicationId, String releaseLabel) {
        this.options = requireNonNull(options, "options is null");
        this.recorder = requireNonNull(recorder, "recorder is null");
        this.usage = new AwsUsage(); // a preview asks AWS nothing
        this.backoff = Backoff.DEFAULT;
        this.ownsClients = true;
        this.shape = JobShape.NONE;
        this.clients = AwsClients.recording(new RecordingEmrServerlessClient(recorder, options), new RecordingGlueClient(recorder));
        this.applications = new ApplicationManager(options, clients.emr(), Backoff.DEFAULT);
        this.catalog = new GlueTables(options.region(), clients.glue(), usage);
        this.layout = new StagingLayout(options.stagingDir());
        this.loads = TableLoads.preview(catalog, layout, recorder);
        this.applicationId = applicationId;
        // a preview never stops or deletes anything when it closes
        this.createdBySession = false;
        this.releaseLabel = releaseLabel;
        this.connectedState = null;
        this.jobs = JobRuns.NONE_IN_A_DRY_RUN;
        this.generation = EmrDataGeneration.preview(recorder, catalog, layout, loads, this::jobSettings);
        this.sessionControl = new dev.benchbox.platform.emr.session.PreviewSessions(recorder, applicationId, options.executionRoleArn(),
                releaseLabel);
    }

    /** Every job run shares these: the application, role, staging prefix, timeout and Spark's sizing. */
    JobSettings jobSettings() {
        WorkerCapacity executors = shape.executors() != null ? shape.executors() : options.capacity().executors();
        WorkerSize executor = executors != null ? executors.size() : null;
        int cores = executor == null ? DEFAULT_EXECUTOR_CORES : executor.vCpu();
        // Spark's executor heap plus its ~10% overhead must fit the worker: 14g on EMR's default 16 GB worker
        int memoryGb = executor == null ? DEFAULT_EXECUTOR_MEMORY_GB : JobShape.heapGb(executor);
        return new JobSettings(applicationId, options.executionRoleArn(), options.stagingDir().uri(), options.timeoutMinutes(),
                options.region(), Architecture.parse(options.architecture()), cores, memoryGb + "g",
                Map.of("created-by", "benchbox"), spark.forRuns(tuningWorkers(), shape.sparkConf(),
                        shape.executors() == null ? null : shape.executors().count()));
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

    /**
     * A view of this connection on another application (one a sweep created; {@code options} describe it) and with
     * the job shape of one sweep configuration. It shares this platform's clients: closing it closes nothing.
     */
    EmrServerlessPlatform view(EmrOptions viewOptions, String viewApplicationId, String viewReleaseLabel, JobShape viewShape) {
        if (recorder != null) {
            throw new BenchboxException("a sweep needs AWS: it is not available in a dry run");
        }
        EmrServerlessPlatform view = new EmrServerlessPlatform(viewOptions, clients, backoff, viewApplicationId, false, viewReleaseLabel,
                null, false, viewShape, usage);
        view.jobProgress = jobProgress;
        view.spark = spark.copy();
        return view;
    }

    AwsClients clients() {
        return clients;
    }

    /** Applications a sweep created and has not deleted yet: closing the connection deletes them (e.g. on exit mid-sweep). */
    private final Map<String, ApplicationManager> sweepApplications = new java.util.concurrent.ConcurrentHashMap<>();

    /** A sweep is about to create an application: the caller's policy then covers creating and deleting them. */
    void creatingSweepApplication() {
        usage.applicationCreated();
    }

    void sweepApplicationCreated(String id, ApplicationManager manager) {
        sweepApplications.put(id, manager);
    }

    void sweepApplicationDeleted(String id) {
        sweepApplications.remove(id);
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
        try {
            clients.retryNotices(progress::retrying);
            checkBucket(options, clients);
            ApplicationManager manager = new ApplicationManager(options, clients.emr(), backoff, progress);
            ApplicationManager.Connected connected = manager.connect();
            String release = manager.describe(connected.applicationId()).releaseLabel();
            return new EmrServerlessPlatform(options, clients, backoff, connected.applicationId(), connected.created(),
                    release, connected.stateBefore());
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    /** A dry run: every request is written to {@code recorder}'s directory, none is sent. */
    public static EmrServerlessPlatform dryRun(EmrOptions options, DryRunRecorder recorder) {
        // connecting through the recording client writes what connecting would send (CreateApplication)
        RecordingEmrServerlessClient emr = new RecordingEmrServerlessClient(recorder, options);
        ApplicationManager.Connected connected = new ApplicationManager(options, emr, Backoff.DEFAULT).connect();
        return new EmrServerlessPlatform(options, recorder, connected.applicationId(), options.releaseLabel());
    }

    /** The same connection previewed: requests go to {@code dryRunRecorder} instead of AWS. */
    public EmrServerlessPlatform dryRunView(DryRunRecorder dryRunRecorder) {
        EmrServerlessPlatform view = new EmrServerlessPlatform(options.createApplication() ? options : options.withApplicationId(applicationId),
                dryRunRecorder, applicationId, releaseLabel);
        view.spark = spark.copy();
        return view;
    }

    /**
     * Lists one key below the staging prefix rather than HeadBucket: that needs s3:ListBucket on the whole bucket, which
     * a policy that lists only below the prefix (iam-policy's) refuses.
     */
    private static void checkBucket(EmrOptions options, AwsClients clients) {
        String bucket = options.stagingDir().bucket();
        try {
            AwsCallFailed.call(S3Staging.SERVICE, "ListObjectsV2", bucket, options.region(),
                    () -> clients.s3().listObjectsV2(b -> b.bucket(bucket).prefix(options.stagingDir().prefix()).maxKeys(1)));
        } catch (AwsCallFailed e) {
            if (e.getCause() instanceof NoSuchBucketException
                    || e.getCause() instanceof S3Exception s3 && s3.statusCode() == 404) {
                throw new BenchboxException("S3 bucket '" + bucket + "' of s3_staging_dir does not exist (region " + options.region()
                        + "): create it or give another s3_staging_dir");
            }
            throw e;
        }
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

    /** Whether connecting found the user's application not STARTED and so started it. */
    public boolean startedOnConnect() {
        return connectedState != null
                && software.amazon.awssdk.services.emrserverless.model.ApplicationState.fromValue(connectedState)
                        != software.amazon.awssdk.services.emrserverless.model.ApplicationState.STARTED;
    }

    // ---- Platform -----------------------------------------------------------------------------------------

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
        if (openSession() instanceof dev.benchbox.platform.emr.session.EmrSessionControl live) {
            return live.listTables(database(schema));
        }
        return catalog.listTables(database(schema));
    }

    /** Glue's columns; while a session is open, the columns and types its Spark reports. */
    @Override
    public List<Column> describeTable(String schema, String table) {
        if (openSession() instanceof dev.benchbox.platform.emr.session.EmrSessionControl live) {
            return live.describeTable(database(schema), table);
        }
        return requireTable(schema, table).columns();
    }

    /** The live session while one is open, else null (queries and catalog look-ups then go to job runs and Glue). */
    private dev.benchbox.platform.SessionControl openSession() {
        return sessionControl.isOpen() ? sessionControl : null;
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

    @Override
    public Optional<Double> loadedTpchScale(String schema) {
        return loadedScale(schema, GeneratedDataSet.TPCH);
    }

    @Override
    public Optional<Double> loadedTpcdsScale(String schema) {
        return loadedScale(schema, GeneratedDataSet.TPCDS);
    }

    /** The scale every table of the data set was generated at, as Glue records it (LoadedScale's one rule). */
    private Optional<Double> loadedScale(String schema, GeneratedDataSet dataSet) {
        return dev.benchbox.platform.LoadedScale.agreedBy(dataSet.tables(), table -> catalog.table(database(schema), table)
                .map(state -> state.parameters().get(dataSet.scaleParameter())));
    }

    /** TPC-DS is generated in the cluster (issue 12): one job run, planned with the defaults. */
    @Override
    public LoadReport loadTpcds(String schema, double scaleFactor, List<String> tables, LoadProgress progress) {
        dev.benchbox.platform.ClusterGeneration cluster = clusterGeneration().orElseThrow();
        return cluster.generate(schema, cluster.planTpcds(scaleFactor, tables, null, null), progress);
    }

    @Override
    public boolean loadsTpcds() {
        return true;
    }

    @Override
    public LoadReport loadTpch(String schema, double scaleFactor, List<String> tables, LoadProgress progress) {
        String database = requireDatabase(schema);
        return loads.loadTpch(database, scaleFactor, tables.isEmpty() ? TpchSchema.TABLES : tables, progress);
    }

    /**
     * Local generation for EMR holds more than a load into an in-memory DuckDB: it also exports Parquet before the
     * upload. Measured with {@code scripts/bench-load-emr 0.1 1} (the shell's peak resident memory, local mode):
     * 972 MB at SF 0.1 and 2935 MB at SF 1, against 780 MB and 2.17 GB for the DuckDB load alone.
     */
    private static final double LOCAL_EXPORT_FACTOR = 1.36;

    /**
     * {@link #loadTpch} generates TPC-H here, in an in-memory DuckDB (no memory_limit credit: above what fits, the
     * cluster is the way), and writes its Parquet files to the temporary folder before uploading them; TPC-DS and a
     * preview generate nothing here.
     */
    @Override
    public Optional<LocalNeed> localNeed(DataFootprint footprint, double scale) {
        if (recorder != null || !footprint.benchmark().equals(GeneratedDataSet.TPCH.benchmark())) {
            return Optional.empty();
        }
        long data = (long) Math.min(Long.MAX_VALUE, Math.ceil(footprint.memory().at(scale) * LOCAL_EXPORT_FACTOR));
        return Optional.of(new LocalNeed("to generate it here for EMR Serverless", data, data,
                List.of(new LocalNeed.Disk(Path.of(System.getProperty("java.io.tmpdir")),
                        GenerationPlanner.parquetBytes(scale), "for the Parquet files to upload")),
                List.of("generation in the cluster (load tpch --scale SF --generate cluster)")));
    }

    /** TPC-H generated by a job run inside the application ({@link EmrDataGeneration}), planned first. */
    @Override
    public Optional<dev.benchbox.platform.ClusterGeneration> clusterGeneration() {
        return Optional.of(new dev.benchbox.platform.ClusterGeneration() {
            @Override
            public dev.benchbox.platform.GenerationPlan planTpch(double scale, List<String> tables,
                    dev.benchbox.platform.GenerationPlan.Where requested, Integer parts) {
                BillingProfile profile = billingProfileFor(parts);
                return new GenerationPlanner(dev.benchbox.cost.PricingTable.load()).planTpch(scale,
                        tables.isEmpty() ? TpchSchema.TABLES : tables, requested, parts, profile.capacity(), profile.region(),
                        profile.architecture(), tuningWorkers(), spark.user());
            }

            @Override
            public dev.benchbox.platform.GenerationPlan planTpcds(double scale, List<String> tables,
                    dev.benchbox.platform.GenerationPlan.Where requested, Integer parts) {
                BillingProfile profile = billingProfileFor(parts);
                return new GenerationPlanner(dev.benchbox.cost.PricingTable.load()).planTpcds(scale,
                        tables.isEmpty() ? dev.benchbox.tpcds.TpcdsSchema.TABLES : tables, requested, parts, profile.capacity(),
                        profile.region(), profile.architecture(), tuningWorkers(), spark.user());
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
                if (plan.where() == dev.benchbox.platform.GenerationPlan.Where.LOCAL) {
                    return loadTpch(schema, plan.scale(), plan.tables(), progress);
                }
                return generation.generate(requireDatabase(schema), plan, progress);
            }

            @Override
            public LoadReport registerTpch(String schema, double scale, List<String> tables, String from, LoadProgress progress) {
                S3Location source = S3Location.parse(from, "--from");
                usage.source(source); // the check job and every later query read it with the execution role
                return generation.registerTpch(requireDatabase(schema), scale, tables.isEmpty() ? TpchSchema.TABLES : tables,
                        source, progress);
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

    /** Writes each query's SQL as {@code queries/ID.sql} into the dry-run directory. */
    private List<Path> previewQueries(List<BatchQuery> queries) {
        List<Path> files = new ArrayList<>();
        for (BatchQuery query : queries) {
            files.add(recorder.write("queries/" + query.id() + ".sql", query.sql().strip() + System.lineSeparator()));
        }
        return files;
    }

    /** Where job-run progress (submitted, state changes) goes; the shell shows it live. */
    public void jobProgress(JobProgress progress) {
        JobProgress target = progress == null ? JobProgress.NONE : progress;
        if (ownsClients) {
            clients.retryNotices(target::retrying);
        }
        jobProgress = new JobRunService.Progress() {
            @Override
            public void submitted(String jobRunId) {
                target.submitted(jobRunId);
            }

            @Override
            public void stateChanged(String jobRunId, software.amazon.awssdk.services.emrserverless.model.JobRunState state,
                    java.time.Duration sinceSubmit) {
                target.stateChanged(jobRunId, state.toString(), sinceSubmit);
            }

            @Override
            public void stillIn(String jobRunId, software.amazon.awssdk.services.emrserverless.model.JobRunState state,
                    java.time.Duration sinceSubmit) {
                target.waiting("job run " + jobRunId + " " + state, sinceSubmit);
            }
        };
    }

    /** One statement as one job run; at most {@link #QUERY_ROWS_BROUGHT_BACK} rows come back. */
    @Override
    public QuerySummary execute(String schema, String sql, RowSink sink) {
        String database = requireDatabase(schema);
        if (sessionControl instanceof dev.benchbox.platform.emr.session.EmrSessionControl live && live.isOpen()) {
            return live.execute(database, sql, sink); // about a second through Spark Connect instead of a job run
        }
        return jobs.execute(database, tableLocations(database), sql, QUERY_ROWS_BROUGHT_BACK, sink, jobProgress);
    }

    /** The whole stream (warm-ups and iterations of every query) as ONE job run, timed inside the driver. */
    @Override
    public List<QueryExecution> runBatch(String schema, List<BatchQuery> queries, int warmups, int iterations, int maxRowsKept,
            BatchListener listener) {
        String database = requireDatabase(schema);
        return jobs.runBatch(database, tableLocations(database), queries, warmups, iterations, maxRowsKept, listener, jobProgress);
    }

    /** The StartJobRun a power run would send, written to the dry-run directory with the queries. */
    private void previewJobRun(String schema, List<BatchQuery> queries, int warmups, int iterations, int maxRowsKept) {
        String database = database(schema);
        String runId = "dry-run";
        JobJar jar = JobJar.fromClasspath();
        RunManifest manifest = new RunManifest(runId, database, RunManifest.Catalog.GLUE, Map.of(), queries, warmups, iterations,
                maxRowsKept, RunManifest.outputFor(options.stagingDir().uri(), runId));
        recorder.write("runs/" + RunManifest.FILE_NAME, manifest.toJson());
        JobSettings settings = jobSettings();
        // what a real run uploads before StartJobRun: the job jar (once per content hash) and the run's manifest
        recorder.upload(jar.location(settings.staging()), jar.bytes());
        recorder.upload(manifest.manifestUri(), manifest.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JobRequest request = new JobRequest(applicationId, settings.executionRoleArn(), "benchbox power run " + runId,
                jar.location(settings.staging()), List.of(manifest.manifestUri()),
                settings.sparkSubmit(RunManifest.Catalog.GLUE).parameters(),
                settings.logUri(), settings.timeoutMinutes(), settings.tags());
        recorder.record("StartJobRun", "power-run", JobRunner.startRequest(request, "dry-run-client-token"));
    }

    /** Each stream is its own job run: they run side by side on the application. */
    @Override
    public boolean concurrentStreams() {
        return true;
    }

    /** Job runs, then the sessions (ended ones as AWS billed them, an open one estimated). */
    @Override
    public List<JobRunUsage> jobRuns() {
        if (sessionControl instanceof dev.benchbox.platform.emr.session.EmrSessionControl live) {
            List<JobRunUsage> all = new ArrayList<>(jobs.jobRuns());
            all.addAll(live.usage());
            return List.copyOf(all);
        }
        return jobs.jobRuns();
    }

    @Override
    public Optional<BillingProfile> billingProfile() {
        WorkerSize driver = shape.driver() != null ? shape.driver()
                : options.capacity().driver() != null ? options.capacity().driver().size() : null;
        WorkerCapacity executorWorkers = shape.executors() != null ? shape.executors() : options.capacity().executors();
        WorkerSize executor = executorWorkers != null ? executorWorkers.size() : null;
        // what the job runs ask for (tuned to the work, or the user's spark.executor.instances) is what is priced
        int executors = SparkTuning.executors(jobSettings().sparkConf(),
                executorWorkers != null ? executorWorkers.count() : JobCapacity.DEFAULT.executors());
        JobCapacity capacity = new JobCapacity(driver == null ? JobCapacity.DEFAULT.driver() : driver, executors,
                executor == null ? JobCapacity.DEFAULT.executor() : executor);
        return Optional.of(new BillingProfile(capacity, options.region(), Architecture.parse(options.architecture())));
    }

    /**
     * The release, architecture, region, the workers a job run asks for (as {@link #billingProfile()} prices
     * them), the application's pre-initialised workers and the Spark properties a power run is submitted with.
     */
    @Override
    public EngineConfiguration configuration() {
        JobCapacity capacity = billingProfile().orElseThrow().capacity();
        JobSettings settings = jobSettings();
        return new EngineConfiguration(NAME, releaseLabel, releaseLabel, Architecture.parse(options.architecture()).id(),
                options.region(), workers(1, capacity.driver()), workers(capacity.executors(), capacity.executor()),
                preInitialized(options.capacity().driver()), preInitialized(options.capacity().executors()),
                settings.sparkSubmit(RunManifest.Catalog.GLUE).properties());
    }

    private static EngineConfiguration.Workers workers(int count, WorkerSize size) {
        return new EngineConfiguration.Workers(count, size.vCpu(), size.memoryGb(), size.diskGb());
    }

    private static EngineConfiguration.Workers preInitialized(WorkerCapacity capacity) {
        return capacity == null ? null
                : new EngineConfiguration.Workers(capacity.count(), capacity.size().vCpu(), capacity.size().memoryGb(),
                        capacity.size().diskGb());
    }

    /** Table locations from Glue, for the manifest (the path-based catalog mode reads them). */
    private Map<String, String> tableLocations(String database) {
        Map<String, String> locations = new LinkedHashMap<>();
        for (String table : catalog.listTables(database)) {
            catalog.table(database, table).map(GlueTables.TableState::location).ifPresent(location -> locations.put(table, location));
        }
        return locations;
    }

    // ---- application and capacity -------------------------------------------------------------------------

    /** The application as AWS describes it now. */
    public ApplicationInfo application() {
        if (recorder != null) {
            // the recording client only knows what the preview asked for: showing it as AWS's answer would mislead
            throw new BenchboxException("capacity needs AWS: it is not available in a dry run");
        }
        return applications.describe(applicationId);
    }

    /** Stops (if started), updates and restarts the application's capacity. */
    public ApplicationInfo updateCapacity(CapacitySettings capacity) {
        if (capacity.isEmpty()) {
            throw new BenchboxException("say what to change: --driver, --executors and/or --max-cpu with --max-memory");
        }
        return applications.updateCapacity(applicationId, capacity);
    }

    public ApplicationInfo startApplication() {
        return applications.start(applicationId);
    }

    public void stopApplication() {
        applications.stop(applicationId, true);
    }

    /**
     * Asks for the application to be deleted when the platform closes; only an application this session
     * created can be deleted.
     */
    public void deleteOnClose() {
        if (!createdBySession) {
            throw new BenchboxException("application " + applicationId + " was not created by this session: "
                    + "BenchBox never stops or deletes an application you brought");
        }
        deleteOnClose = true;
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
        return recorder == null ? Optional.of(new EmrSweeps(this)) : Optional.empty();
    }

    @Override
    public Optional<Previews> previews() {
        return Optional.of((directory, replace) -> dryRunView(DryRunRecorder.open(directory, replace)));
    }

    @Override
    public Optional<DryRun> dryRun() {
        if (recorder == null) {
            return Optional.empty();
        }
        return Optional.of(new DryRun() {
            @Override
            public Path directory() {
                return recorder.directory();
            }

            @Override
            public int filesWritten() {
                return recorder.written().size();
            }

            @Override
            public void previewRun(String schema, List<BatchQuery> queries, int warmups, int iterations, int maxRowsKept) {
                previewQueries(queries);
                previewJobRun(schema, queries, warmups, iterations, maxRowsKept);
            }
        });
    }

    @Override
    public Optional<dev.benchbox.platform.SessionControl> sessions() {
        return Optional.of(sessionControl);
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
        boolean sessions = sessionControl instanceof dev.benchbox.platform.emr.session.EmrSessionControl live && live.used();
        return new IamPolicy.Scope(options.stagingDir(), List.copyOf(databases), usage.sources(), options.region(), options.accountId(),
                options.partition(), options.executionRoleArn(), applicationId,
                usage.applicationsCreated() || options.createApplication(), sessions); // a dry run's application id is made up
    }

    @Override
    public Optional<String> closingNote() {
        return Optional.of(closingNoteText());
    }

    /** What closing will do to the application, in words. */
    private String closingNoteText() {
        if (recorder != null) {
            return "dry run: " + recorder.written().size() + " files in " + recorder.directory();
        }
        String session = sessionControl.isOpen() ? "terminating the open session, " : "";
        if (!createdBySession) {
            return session + "application " + applicationId + " left as it was (not created by this session)";
        }
        if (deleteOnClose) {
            return session + "deleting application " + applicationId + " (created by this session)";
        }
        // stopped costs nothing, but it stays in the account: say so, and how to delete it once the shell cannot
        return session + "stopping application " + applicationId + " (created by this session); it stays: delete it with "
                + applications.byHand("delete-application", applicationId);
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
        List<String> leftRunning = new ArrayList<>();
        sweepApplications.forEach((id, manager) -> {
            try {
                manager.delete(id);
            } catch (RuntimeException e) {
                log.warn("could not delete application {} created for a sweep: {}", id, e.getMessage());
                leftRunning.add("could not delete application " + id + " created for a sweep (" + reason(e) + "): "
                        + cli("stop-application", id) + " && " + cli("delete-application", id));
            }
        });
        sweepApplications.clear();
        if (sessionControl instanceof AutoCloseable closeable) {
            try {
                closeable.close(); // a session this shell started never outlives it
            } catch (Exception e) {
                log.warn("could not terminate the session: {}", e.getMessage());
            }
        }
        try {
            if (createdBySession) {
                if (deleteOnClose) {
                    applications.delete(applicationId);
                } else {
                    applications.stop(applicationId, false);
                }
            }
        } catch (RuntimeException e) {
            // closing never fails; the application's own auto-stop is the safety net, but it bills until then
            log.warn("could not {} application {}: {}", deleteOnClose ? "delete" : "stop", applicationId, e.getMessage());
            leftRunning.add(deleteOnClose
                    ? "could not delete application " + applicationId + " (" + reason(e) + "): " + cli("stop-application", applicationId)
                            + " && " + cli("delete-application", applicationId)
                    : "could not stop application " + applicationId + " (" + reason(e) + "; it stops itself after "
                            + options.idleTimeoutMinutes() + " idle minutes): " + cli("stop-application", applicationId));
        } finally {
            if (ownsClients) {
                clients.close();
            }
        }
        if (sessionControl instanceof dev.benchbox.platform.emr.session.EmrSessionControl live) {
            live.notTerminated().ifPresent(id -> leftRunning.add("could not terminate session " + id + " on application "
                    + applicationId + ": end it in EMR Studio, or stop the application: " + cli("stop-application", applicationId)));
        }
        return List.copyOf(leftRunning);
    }

    /** The AWS CLI command that does {@code action} to application {@code id} by hand. */
    private String cli(String action, String id) {
        return "aws emr-serverless " + action + " --application-id " + id + " --region " + options.region()
                + (options.endpointUrl() == null ? "" : " --endpoint-url " + options.endpointUrl());
    }

    private static String reason(RuntimeException e) {
        String text = e instanceof AwsCallFailed call
                ? AwsFailureMessages.aws(call.service(), call.operation(), call.resource(), call.region(), call.getCause())
                : e.getMessage();
        return text == null ? e.getClass().getSimpleName() : text.lines().findFirst().orElse(text);
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
