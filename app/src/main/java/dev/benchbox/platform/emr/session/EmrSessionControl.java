package dev.benchbox.platform.emr.session;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.cost.Architecture;
import dev.benchbox.cost.BillingRules;
import dev.benchbox.cost.JobCapacity;
import dev.benchbox.cost.JobRunUsage;
import dev.benchbox.cost.ResourceUtilization;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.QuerySummary;
import dev.benchbox.platform.RowSink;
import dev.benchbox.platform.SessionControl;
import dev.benchbox.platform.SessionInfo;
import dev.benchbox.platform.emr.job.Backoff;
import dev.benchbox.platform.emr.job.IcebergCatalog;
import dev.benchbox.platform.emr.job.ReleaseLabel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EMR Serverless sessions of one connection: start (checked locally first: a release with sessions, sessions enabled —
 * enabled here on an application this connection created), wait until ready, run SQL through Spark Connect, terminate
 * and wait until TERMINATED. At most one open session; it always has an idle timeout, and closing terminates it, so
 * it never outlives the shell. Ended sessions stay in {@link #usage()} for {@code cost}; an open one is estimated.
 * <p>
 * About 540 lines: one session's whole life (start, wait, query, catalog, stop, close, usage, --max-cost) under one lock.
 */
public final class EmrSessionControl implements EmrSessions {
    private static final Logger log = LoggerFactory.getLogger(EmrSessionControl.class);
    /** A session this shell starts ends after this many idle minutes unless told otherwise. */
    public static final int DEFAULT_IDLE_TIMEOUT_MINUTES = 30;
    /** The longest a catalog look-up (completion's background refresh) waits for the session. */
    private static final Duration CATALOG_DEADLINE = Duration.ofSeconds(60);
    private static final String GLUE_FACTORY = "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory";

    /**
     * What sessions of this connection share.
     *
     * @param applicationId the application
     * @param executionRoleArn the role sessions run as
     * @param releaseLabel the application's release
     * @param createdBySession whether this connection created the application (then sessions may be enabled on it)
     * @param stopApplication stops the application (to update it); only called when {@code createdBySession}
     * @param capacity the workers a session is priced with while it is open
     * @param region the region, for prices
     * @param architecture the architecture, for prices
     * @param timeout the longest wait for a session to start or end
     * @param tags the tags a session started now carries
     * @param icebergTables whether a Glue database holds Iceberg tables (asks Glue): a session for one gets Iceberg's catalog
     * @param staging the staging location, whose {@code iceberg/} prefix is Iceberg's warehouse ({@link IcebergCatalog})
     */
    public record Settings(String applicationId, String executionRoleArn, String releaseLabel, boolean createdBySession,
            Runnable stopApplication, JobCapacity capacity, String region, Architecture architecture, Duration timeout,
            java.util.function.Supplier<Map<String, String>> tags, java.util.function.Predicate<String> icebergTables, String staging) {
        /** Settings for sessions over Parquet tables only. */
        public Settings(String applicationId, String executionRoleArn, String releaseLabel, boolean createdBySession,
                Runnable stopApplication, JobCapacity capacity, String region, Architecture architecture, Duration timeout,
                java.util.function.Supplier<Map<String, String>> tags) {
            this(applicationId, executionRoleArn, releaseLabel, createdBySession, stopApplication, capacity, region, architecture, timeout,
                    tags, database -> false, null);
        }

        /** Settings whose sessions carry only BenchBox's own tag. */
        public Settings(String applicationId, String executionRoleArn, String releaseLabel, boolean createdBySession,
                Runnable stopApplication, JobCapacity capacity, String region, Architecture architecture, Duration timeout) {
            this(applicationId, executionRoleArn, releaseLabel, createdBySession, stopApplication, capacity, region, architecture, timeout,
                    () -> Map.of("created-by", "benchbox"));
        }

        public Settings {
            requireNonNull(applicationId, "applicationId is null");
            requireNonNull(executionRoleArn, "executionRoleArn is null");
            requireNonNull(releaseLabel, "releaseLabel is null");
            requireNonNull(stopApplication, "stopApplication is null");
            requireNonNull(capacity, "capacity is null");
            requireNonNull(region, "region is null");
            requireNonNull(architecture, "architecture is null");
            requireNonNull(timeout, "timeout is null");
            requireNonNull(tags, "tags is null");
            requireNonNull(icebergTables, "icebergTables is null");
        }
    }

    private final SessionApi api;
    private final Settings settings;
    private final Backoff backoff;
    private final Clock clock;
    private final List<JobRunUsage> ended = new ArrayList<>();
    private SessionInfo open;
    /** A session was asked for (whether AWS allowed it or not): the caller's IAM policy then covers sessions. */
    private boolean used;
    private SparkConnectClient client;
    private String database;
    /** Whether the open session was started with Iceberg's catalog ({@link IcebergCatalog#NAME}). */
    private boolean icebergCatalog;
    /** The database the statements last selected and how the session's Spark names it ({@link #qualified}). */
    private record Selected(String database, String qualified) {
    }

    private volatile Selected selected;

    public EmrSessionControl(SessionApi api, Settings settings, Backoff backoff, Clock clock) {
        this.api = requireNonNull(api, "api is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * StartSession's {@code spark-defaults}: Glue as Spark's metastore and, for a schema of Iceberg tables, Iceberg's Glue
     * catalog with the very settings job runs get ({@link IcebergCatalog#sparkConf}), so the session reads what they read.
     */
    public static Map<String, String> sparkDefaults(boolean iceberg, String staging) {
        Map<String, String> conf = new java.util.LinkedHashMap<>();
        conf.put("spark.hadoop.hive.metastore.client.factory.class", GLUE_FACTORY);
        if (iceberg) {
            conf.putAll(IcebergCatalog.sparkConf(requireNonNull(staging, "staging is null")));
        }
        return conf;
    }

    /** The Glue database a schema names (as the platform and {@link #runBatch} spell it). */
    static String database(String schema) {
        return schema.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public synchronized SessionInfo start(String name, Integer idleTimeoutMinutes, String schema, Progress progress) {
        if (open != null) {
            throw new BenchboxException("session " + open.id() + " is already open: 'session stop' ends it first");
        }
        long idle = idleTimeoutMinutes == null ? DEFAULT_IDLE_TIMEOUT_MINUTES : idleTimeoutMinutes;
        if (idle < 1 || idle > 10080) {
            throw new BenchboxException("invalid --idle-timeout-minutes " + idle + ": expected 1 to 10080 (7 days)");
        }
        if (name != null && (name.isBlank() || name.length() > 256)) {
            throw new BenchboxException("invalid --name: expected 1 to 256 characters");
        }
        if (!ReleaseLabel.supportsSessions(settings.releaseLabel())) {
            throw new BenchboxException("application " + settings.applicationId() + " runs " + settings.releaseLabel() + ": "
                    + ReleaseLabel.SESSIONS_NEED + (settings.createdBySession() ? " (connect with --release-label "
                    + ReleaseLabel.FIRST_7X_WITH_SESSIONS + ")" : " (use an application on such a release)"));
        }
        // asked before anything bills: a session over Iceberg tables needs their catalog from its start
        boolean iceberg = schema != null && settings.icebergTables().test(database(schema));
        used = true;
        if (!api.sessionsEnabled(settings.applicationId())) {
            if (!settings.createdBySession()) {
                throw new BenchboxException("sessions are not enabled on application " + settings.applicationId()
                        + ": update it with interactiveConfiguration.sessionEnabled=true (it must be stopped), then try again");
            }
            // our own application: AWS updates only a stopped one; StartSession auto-starts it again
            settings.stopApplication().run();
            api.enableSessions(settings.applicationId(), UUID.randomUUID().toString());
        }
        Instant requested = clock.instant();
        SessionApi.StartRequest request = new SessionApi.StartRequest(settings.applicationId(), UUID.randomUUID().toString(),
                settings.executionRoleArn(), name == null ? dev.benchbox.platform.emr.job.ResourceNames.createdAt(requested) : name, idle,
                sparkDefaults(iceberg, settings.staging()), settings.tags().get());
        String id = api.start(request);
        SessionInfo info = waitFor(id, progress, requested, true);
        if (!info.ready()) {
            ended(api.get(settings.applicationId(), id));
            throw new BenchboxException("session " + id + " " + info.state() + (info.stateDetails().isEmpty() ? "" : ": " + info.stateDetails()));
        }
        open = info;
        database = null;
        icebergCatalog = iceberg;
        selected = null;
        client = new SparkConnectClient(() -> api.endpoint(settings.applicationId(), id), clock);
        return info;
    }

    @Override
    public synchronized Optional<String> dashboard() {
        return open == null ? Optional.empty() : Optional.of(api.dashboard(settings.applicationId(), open.id()));
    }

    @Override
    public synchronized Optional<SessionInfo> status() {
        if (open == null) {
            return Optional.empty();
        }
        SessionApi.Described now = api.get(settings.applicationId(), open.id());
        if (now.info().ended()) {
            // ended on its own (idle timeout, failure): the connection forgets it, the ledger keeps it
            closeClient();
            ended(now);
            open = null;
        }
        return Optional.of(now.info());
    }

    @Override
    public synchronized SessionInfo stop(Progress progress) {
        if (open == null) {
            throw new BenchboxException("no session is open: 'session start' opens one");
        }
        String id = open.id();
        closeClient();
        Instant asked = clock.instant();
        api.terminate(settings.applicationId(), id);
        open = null;
        SessionInfo info = waitFor(id, progress, asked, false);
        ended(api.get(settings.applicationId(), id));
        return info;
    }

    @Override
    public synchronized boolean isOpen() {
        return open != null;
    }

    /**
     * Runs one statement through the open session, in {@code database}. Under a {@code --max-cost}: refused once the
     * projection passed it, cancelled (by its tag, as Ctrl-C does) when it passes while the statement runs, and a
     * statement that finished as it passed ends the work too; each time the session is terminated, as it bills idle.
     */
    @Override
    public QuerySummary execute(String database, String sql, RowSink sink) {
        QuerySummary summary = guarded(database, sql, sink);
        Budget b = budget;
        if (b != null && b.limit().exceeded()) {
            // the rows reached the sink; the session must not keep billing
            throw overBudget(b, "the statement finished");
        }
        return summary;
    }

    /** A {@code --max-cost} held over the open session's statements. */
    private record Budget(dev.benchbox.cost.SpendingLimit limit, Clock clock) {
    }

    /** How often a running statement's projection is checked: well under a minute of a few workers' billing. */
    static final Duration BUDGET_CHECK = Duration.ofSeconds(2);
    private static final java.util.concurrent.ScheduledExecutorService WATCHER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "session-max-cost");
                t.setDaemon(true);
                return t;
            });
    private volatile Budget budget;

    @Override
    public AutoCloseable limit(dev.benchbox.cost.SpendingLimit limit, Clock now) {
        Budget before = budget;
        budget = new Budget(requireNonNull(limit, "limit is null"), requireNonNull(now, "now is null"));
        return () -> budget = before;
    }

    /** Whether the open session's projection (with the limit's other work) passed the limit now. */
    boolean budgetPassed(dev.benchbox.cost.SpendingLimit limit, Instant now) {
        Optional<JobRunUsage> session = openUsage(now);
        if (session.isEmpty()) {
            return limit.exceeded();
        }
        JobRunUsage u = session.get();
        return limit.checkSession(u.jobRunId(), u.billed(), Duration.ofSeconds(u.totalExecutionDurationSeconds()), now).isPresent();
    }

    /** Stops for the limit: terminates the open session (it would bill idle) and says what was spent and cancelled. */
    private dev.benchbox.platform.WorkCancelled overBudget(Budget b, String what) {
        String id;
        synchronized (this) {
            id = open == null ? null : open.id();
        }
        String session = "";
        if (id != null) {
            try {
                stop(Progress.NONE);
                synchronized (this) {
                    b.limit().ended(id, ended.get(ended.size() - 1).billed(), b.clock().instant());
                }
                session = ", session " + id + " was terminated";
            } catch (RuntimeException e) {
                log.warn("could not terminate session {}: {}", id, e.getMessage());
                session = ", session " + id + " could NOT be terminated (" + e.getMessage() + "): 'session stop' ends it";
            }
        }
        return new dev.benchbox.platform.WorkCancelled(b.limit().explanation(what + session));
    }

    /** The statement, watched by the limit while it runs. */
    private QuerySummary guarded(String database, String sql, RowSink sink) {
        Budget b = budget;
        if (b == null) {
            return statement(database, sql, sink);
        }
        if (budgetPassed(b.limit(), b.clock().instant())) {
            throw overBudget(b, "the next statement was not started");
        }
        Thread caller = Thread.currentThread();
        boolean[] state = {true, false}; // watching, interrupted: under the lock so no stale interrupt outlives the statement
        java.util.concurrent.ScheduledFuture<?> watch = WATCHER.scheduleWithFixedDelay(() -> {
            synchronized (state) {
                if (state[0] && !state[1] && budgetPassed(b.limit(), b.clock().instant())) {
                    state[1] = true;
                    caller.interrupt(); // the client interrupts the operation by its tag, as for Ctrl-C
                }
            }
        }, BUDGET_CHECK.toMillis(), BUDGET_CHECK.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            return statement(database, sql, sink);
        } catch (BenchboxException e) {
            if (!(b.limit().exceeded() && SparkConnectClient.CANCELLED.equals(e.getMessage()))) {
                throw e;
            }
        } finally {
            watch.cancel(false);
            synchronized (state) {
                state[0] = false;
                if (state[1]) {
                    Thread.interrupted(); // the limit's interrupt, not the user's Ctrl-C
                }
            }
        }
        // only once nothing can interrupt this thread any more: terminating waits for the session to end
        throw overBudget(b, "the running statement was cancelled");
    }

    private QuerySummary statement(String database, String sql, RowSink sink) {
        SparkConnectClient current = current();
        if (!database.equals(this.database)) {
            // once per switch, not per statement: Glue's answer would add to every timed round trip
            String qualified = qualified(database);
            current.execute("USE " + qualified, RowSink.DISCARD);
            this.database = database;
            selected = new Selected(database, qualified);
        }
        return current.execute(sql, sink);
    }

    /**
     * How the session's Spark names {@code database}: through Iceberg's catalog when it holds Iceberg tables (as job
     * runs select it), else as Glue's database. One line when the session was started without that catalog.
     */
    private String qualified(String database) {
        if (!settings.icebergTables().test(database)) {
            return quote(database);
        }
        boolean withCatalog;
        String id;
        synchronized (this) {
            withCatalog = icebergCatalog;
            id = open == null ? "" : open.id();
        }
        if (!withCatalog) {
            throw new BenchboxException("schema '" + database + "' holds Iceberg tables and session " + id
                    + " was started without Iceberg's catalog: 'session stop', then 'session start' (with that schema in use) starts one that reads them");
        }
        return quote(IcebergCatalog.NAME) + "." + quote(database);
    }

    /**
     * The tables of {@code database} as the session's Spark lists them ({@code SHOW TABLES IN}): what its queries can
     * read, including the session's own temporary views, sorted. No {@code USE}: completion refreshes from a background
     * thread while a query may run.
     */
    @Override
    public List<String> listTables(String database) {
        List<List<Object>> rows = new ArrayList<>();
        // the database the statements selected is named as they named it: no Glue call per listing
        Selected known = selected;
        current().execute("SHOW TABLES IN " + (known != null && known.database().equals(database) ? known.qualified() : qualified(database)), collect(rows), CATALOG_DEADLINE);
        // SHOW TABLES answers (namespace, tableName, isTemporary)
        return rows.stream().map(row -> String.valueOf(row.get(1))).distinct().sorted().toList();
    }

    /**
     * The columns of a table as the session's Spark resolves the name in {@code database} (a temporary view first, as
     * a query would): {@code DESCRIBE TABLE}'s column rows, before its partition and detail sections.
     */
    @Override
    public List<dev.benchbox.dataset.Column> describeTable(String database, String table) {
        List<List<Object>> rows = new ArrayList<>();
        try {
            execute(database, "DESCRIBE TABLE " + quote(table), collect(rows));
        } catch (BenchboxException e) {
            if (e.getMessage() != null && e.getMessage().contains("[TABLE_OR_VIEW_NOT_FOUND]")) {
                throw new BenchboxException("unknown table '" + table + "' in database '" + database + "' (as the open session's Spark sees it)");
            }
            throw e;
        }
        List<dev.benchbox.dataset.Column> columns = new ArrayList<>();
        for (List<Object> row : rows) {
            String name = row.get(0) == null ? "" : row.get(0).toString();
            if (name.isEmpty() || name.startsWith("#")) {
                break; // "# Partition Information" and later sections repeat columns or describe the table
            }
            columns.add(new dev.benchbox.dataset.Column(name, String.valueOf(row.get(1))));
        }
        return columns;
    }

    private synchronized SparkConnectClient current() {
        if (open == null) {
            throw new BenchboxException("no session is open");
        }
        return client;
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static RowSink collect(List<List<Object>> rows) {
        return new RowSink() {
            @Override
            public void begin(List<dev.benchbox.dataset.Column> columns) {
            }

            @Override
            public void row(List<?> values) {
                rows.add(new ArrayList<>(values));
            }

            @Override
            public void end() {
            }
        };
    }

    @Override
    public List<QueryExecution> runBatch(String schema, List<BatchQuery> queries, int warmups, int iterations, int maxRowsKept,
            BatchListener listener) {
        String database = schema.toLowerCase(java.util.Locale.ROOT);
        List<QueryExecution> executions = dev.benchbox.platform.BatchRounds.run(queries, warmups, iterations, listener, "run cancelled (the session stays open)",
                (query, iteration, warmup) -> {
                    KeptRows kept = new KeptRows(maxRowsKept);
                    long started = System.nanoTime();
                    try {
                        QuerySummary summary = guarded(database, query.sql(), kept);
                        // Spark Connect reports no planning phases: they stay empty, and the printers say so
                        return new QueryExecution(query.id(), iteration, warmup, System.nanoTime() - started, summary.rowCount(),
                                kept.columns, kept.rows, null, java.util.Map.of(), summary.metrics());
                    } catch (dev.benchbox.platform.WorkCancelled e) {
                        throw e; // --max-cost passed: the caller keeps what ran before
                    } catch (BenchboxException e) {
                        if (SparkConnectClient.CANCELLED.equals(e.getMessage())) { // Ctrl-C: the caller keeps what ran before
                            throw new dev.benchbox.platform.WorkCancelled("run cancelled (the session stays open)");
                        }
                        return new QueryExecution(query.id(), iteration, warmup, System.nanoTime() - started, 0, List.of(), List.of(),
                                e.getMessage());
                    }
                });
        Budget b = budget;
        if (b != null && b.limit().exceeded()) {
            throw overBudget(b, "every statement had finished"); // the last one passed it: the session must not bill on idle
        }
        return executions;
    }

    /** The first rows of a result, for validation; the rest are counted by the client. */
    private static final class KeptRows implements RowSink {
        private final int max;
        private List<String> columns = List.of();
        private final List<List<Object>> rows = new ArrayList<>();

        KeptRows(int max) {
            this.max = max;
        }

        @Override
        public void begin(List<dev.benchbox.dataset.Column> names) {
            columns = names.stream().map(dev.benchbox.dataset.Column::name).toList();
        }

        @Override
        public void row(List<?> values) {
            if (rows.size() < max) {
                rows.add(new ArrayList<>(values));
            }
        }

        @Override
        public void end() {
        }
    }

    /** Ended sessions with AWS's figures, then the open one estimated (workers × time up, one minute minimum each). */
    /** Whether this connection has asked AWS for a session (iam-policy then covers sessions). */
    @Override
    public synchronized boolean used() {
        return used;
    }

    @Override
    public synchronized List<JobRunUsage> usage() {
        List<JobRunUsage> all = new ArrayList<>(ended);
        openUsage(clock.instant()).ifPresent(all::add);
        return List.copyOf(all);
    }

    /** The open session as billed from its start until {@code now}: its workers all that time, one minute minimum each. */
    private synchronized Optional<JobRunUsage> openUsage(Instant now) {
        if (open == null) {
            return Optional.empty();
        }
        Instant since = open.startedAt() != null ? open.startedAt() : open.createdAt();
        Duration up = since == null ? Duration.ZERO : Duration.between(since, now);
        if (up.isNegative()) {
            up = Duration.ZERO;
        }
        return Optional.of(new JobRunUsage(open.id(), name(open), JobRunUsage.SESSION, open.state() + " (estimate)",
                BillingRules.total(settings.capacity(), up), BillingRules.billed(settings.capacity(), up), up.toSeconds(), open.createdAt(),
                open.startedAt(), null, null, settings.architecture(), settings.region(), null));
    }

    private void ended(SessionApi.Described d) {
        SessionInfo i = d.info();
        ended.add(new JobRunUsage(i.id(), name(i), JobRunUsage.SESSION, i.state(),
                new ResourceUtilization(d.total().vCpuHour(), d.total().memoryGbHour(), d.total().storageGbHour()),
                new ResourceUtilization(d.billed().vCpuHour(), d.billed().memoryGbHour(), d.billed().storageGbHour()),
                d.totalExecutionDurationSeconds(), i.createdAt(), i.startedAt(), i.endedAt(), null, settings.architecture(),
                settings.region(), clock.instant()));
    }

    private static String name(SessionInfo i) {
        return i.name() == null ? "session" : i.name();
    }

    /** Polls GetSession with backoff until ready (or ended) when starting, until ended when stopping. */
    private SessionInfo waitFor(String id, Progress progress, Instant since, boolean starting) {
        Instant deadline = clock.instant().plus(settings.timeout());
        String last = null;
        for (int attempt = 0; ; attempt++) {
            SessionInfo info = api.get(settings.applicationId(), id).info();
            if (!info.state().equals(last)) {
                progress.stateChanged(id, info.state(), Duration.between(since, clock.instant()));
                last = info.state();
            }
            if (info.ended() || starting && info.ready()) {
                return info;
            }
            if (clock.instant().isAfter(deadline)) {
                if (starting) {
                    terminateQuietly(id);
                }
                throw new BenchboxException("session " + id + " still " + info.state() + " after " + settings.timeout().toMinutes()
                        + " minutes" + (starting ? ": terminated it" : ""));
            }
            try {
                backoff.cappedAt(java.time.Duration.ofSeconds(1)).pause(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (starting) {
                    terminateQuietly(id); // Ctrl-C while starting: nothing is left running
                    throw new BenchboxException("session start cancelled: session " + id + " terminated");
                }
                throw new BenchboxException("interrupted while session " + id + " terminates");
            }
        }
    }

    private void terminateQuietly(String id) {
        try {
            api.terminate(settings.applicationId(), id);
            ended(api.get(settings.applicationId(), id));
        } catch (RuntimeException e) {
            log.warn("could not terminate session {}: {}", id, e.getMessage());
        }
    }

    private void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** Terminates the open session (never fails): on disconnect, exit and fatal errors. */
    @Override
    public synchronized void close() {
        if (open != null) {
            String id = open.id();
            try {
                stop(Progress.NONE);
            } catch (RuntimeException e) {
                log.warn("could not terminate session {}: {}", id, e.getMessage());
                notTerminated = id;
                open = null;
            }
        }
        closeClient();
        api.close();
    }

    private String notTerminated;

    /** The session that closing could not terminate (it may still run and bill), if any. */
    @Override
    public synchronized java.util.Optional<String> notTerminated() {
        return java.util.Optional.ofNullable(notTerminated);
    }
}
