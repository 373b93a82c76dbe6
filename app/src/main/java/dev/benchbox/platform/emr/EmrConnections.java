package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.cost.Architecture;
import dev.benchbox.platform.ApplicationInfo;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.ConfigurationSweeps;
import dev.benchbox.platform.DryRun;
import dev.benchbox.platform.JobProgress;
import dev.benchbox.platform.emr.job.Backoff;
import dev.benchbox.platform.emr.job.JobRunService;
import dev.benchbox.platform.emr.session.EmrSessionControl;
import dev.benchbox.platform.emr.session.EmrSessions;
import dev.benchbox.platform.emr.session.PreviewSessions;
import dev.benchbox.platform.emr.session.SignedSessionApi;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * How an EMR Serverless connection is made: live (clients that talk to AWS), a sweep's view of it (the same clients, another
 * application or job shape) or previewed (recording clients that write each request to a dry-run directory and send
 * none). Each wires the same parts ({@link Parts}); only the clients and the few things AWS alone
 * can answer ({@link Target}) differ, so a preview runs the same code as real work.
 */
final class EmrConnections {
    /** The run id every job run of a dry run gets: its files then compare from one preview to the next. */
    static final String DRY_RUN_RUN_ID = "dry-run";
    /** A dry run's job runs end at once: nothing to wait for between polls. */
    private static final Backoff NO_WAIT = new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), 1.0);

    private EmrConnections() {
    }

    /**
     * The parts of one connection, as the façade ({@link EmrServerlessPlatform}) runs them.
     *
     * @param ownsClients false for a sweep's views, which share their clients with the connected platform
     * @param usage what this connection asked AWS about (databases, data sources, applications created): {@code iam-policy} covers it
     * @param sessions interactive sessions: live ones, or a dry run's previews
     * @param connectedState the state the application was in when this session connected (null for a created one or a dry run)
     * @param target what only AWS can answer, or a dry run says otherwise
     */
    record Parts(EmrOptions options, AwsClients clients, boolean ownsClients, Backoff backoff, AwsUsage usage,
            ApplicationManager applications, GlueTables catalog, StagingLayout layout, TableLoads loads, JobRunService service,
            JobRuns jobs, EmrSessions sessions, EmrJobSizing sizing, String applicationId, boolean createdBySession,
            String releaseLabel, String connectedState, EmrConnections.Target target) {
        Parts {
            requireNonNull(options, "options is null");
            requireNonNull(clients, "clients is null");
            requireNonNull(backoff, "backoff is null");
            requireNonNull(usage, "usage is null");
            requireNonNull(applications, "applications is null");
            requireNonNull(catalog, "catalog is null");
            requireNonNull(layout, "layout is null");
            requireNonNull(loads, "loads is null");
            requireNonNull(service, "service is null");
            requireNonNull(jobs, "jobs is null");
            requireNonNull(sessions, "sessions is null");
            requireNonNull(sizing, "sizing is null");
            requireNonNull(target, "target is null");
        }
    }

    /**
     * What only AWS can answer, or a dry run must refuse or say otherwise: decided once, when the connection is made.
     */
    interface Target {
        /** The application as AWS describes it now. */
        ApplicationInfo application(ApplicationManager applications, String applicationId);

        /** Sweeps create applications and run jobs: only on AWS. */
        Optional<ConfigurationSweeps> sweeps(EmrServerlessPlatform platform);

        /** Where a preview's files go. */
        Optional<DryRun> dryRun();

        /** What closing does, in words; {@code live} says it for a connection to AWS. */
        String closingNote(Supplier<String> live);
    }

    /** A connection to AWS. */
    private static final Target AWS = new Target() {
        @Override
        public ApplicationInfo application(ApplicationManager applications, String applicationId) {
            return applications.describe(applicationId);
        }

        @Override
        public Optional<ConfigurationSweeps> sweeps(EmrServerlessPlatform platform) {
            return Optional.of(new EmrSweeps(platform));
        }

        @Override
        public Optional<DryRun> dryRun() {
            return Optional.empty();
        }

        @Override
        public String closingNote(Supplier<String> live) {
            return live.get();
        }
    };

    /** Checks the staging bucket exists, then finds (or creates) the application and starts it; owns {@code clients}. */
    static EmrServerlessPlatform connect(EmrOptions options, AwsClients clients, Backoff backoff, JobProgress progress) {
        try {
            clients.retryNotices(progress::retrying);
            checkBucket(options, clients);
            ApplicationManager manager = new ApplicationManager(options, clients.emr(), backoff, progress);
            ApplicationManager.Connected connected = manager.connect();
            ApplicationInfo application = manager.describe(connected.applicationId());
            String release = application.releaseLabel();
            AwsUsage usage = new AwsUsage();
            if (connected.created()) {
                usage.applicationCreated();
            }
            EmrTagging tagging = new EmrTagging(options.tags(), connected.applicationId(), connected.created(), manager::tag);
            EmrServerlessPlatform platform = live(options, clients, true, backoff, usage, connected.applicationId(), connected.created(),
                    release, connected.stateBefore(), JobShape.NONE, new EmrSparkSettings(), tagging);
            platform.sawApplication(application, connected.stateBefore(), java.time.Instant.now());
            return platform;
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    /**
     * A view of a live connection on another application (one a sweep created; {@code options} describe it) and with
     * the job shape of one sweep configuration. It shares the connection's clients and usage: closing it closes nothing.
     */
    static EmrServerlessPlatform view(Parts of, EmrOptions options, String applicationId, String releaseLabel,
            JobShape shape) {
        // an application a sweep created is the sweep's to retag; the connection's only when the connection created it
        boolean owns = !applicationId.equals(of.applicationId()) || of.createdBySession();
        return live(options, of.clients(), false, of.backoff(), of.usage(), applicationId, false, releaseLabel, null, shape,
                of.sizing().spark().copy(), of.sizing().tagging().view(applicationId, owns));
    }

    private static EmrServerlessPlatform live(EmrOptions options, AwsClients clients, boolean ownsClients, Backoff backoff,
            AwsUsage usage, String applicationId, boolean createdBySession, String releaseLabel, String connectedState, JobShape shape,
            EmrSparkSettings spark, EmrTagging tagging) {
        EmrJobSizing sizing = new EmrJobSizing(options, shape, spark, tagging, releaseLabel);
        ApplicationManager applications = new ApplicationManager(options, clients.emr(), backoff);
        GlueTables catalog = new GlueTables(options.region(), clients.glue(), usage);
        StagingLayout layout = new StagingLayout(options.stagingDir());
        TableLoads loads = TableLoads.live(catalog, layout, new S3Staging(options.region(), clients.s3(), clients.s3Uploads(), 4));
        // settings are read at each job run: they follow the command's work (scale, --spark-conf)
        JobRunService service = new JobRunService(clients.emr(), clients.s3(), () -> sizing.jobSettings(applicationId),
                () -> applications.start(applicationId), backoff);
        EmrSessions sessions = new EmrSessionControl(
                new SignedSessionApi(options.endpointUrl(), options.region(), clients.credentials(), Duration.ofMinutes(1)),
                new EmrSessionControl.Settings(applicationId, options.executionRoleArn(), releaseLabel, createdBySession,
                        () -> applications.stop(applicationId, true), sizing.billingProfile(applicationId).capacity(),
                        options.region(), Architecture.parse(options.architecture()), Duration.ofMinutes(options.timeoutMinutes()),
                        tagging::current, catalog::holdsIceberg, options.stagingDir().uri()),
                backoff, Clock.systemUTC());
        return new EmrServerlessPlatform(new Parts(options, clients, ownsClients, backoff, usage, applications,
                catalog, layout, loads, service, JobRuns.of(service), sessions, sizing, applicationId, createdBySession, releaseLabel,
                connectedState, AWS));
    }

    /** A dry run: connecting through the recording clients writes what connecting would send (CreateApplication). */
    static EmrServerlessPlatform dryRun(EmrOptions options, DryRunRecorder recorder) {
        return preview(options, recorder, null, new EmrSparkSettings());
    }

    /** A live (or previewed) connection previewed: the same application and Spark settings, requests to {@code recorder}. */
    static EmrServerlessPlatform preview(Parts of, DryRunRecorder recorder) {
        EmrOptions options = of.options().createApplication() ? of.options() : of.options().withApplicationId(of.applicationId());
        return preview(options, recorder, of, of.sizing().spark().copy());
    }

    private static EmrServerlessPlatform preview(EmrOptions options, DryRunRecorder recorder, Parts of,
            EmrSparkSettings spark) {
        RecordingS3Client s3 = new RecordingS3Client(recorder);
        RecordingGlueClient glue = new RecordingGlueClient(recorder);
        AwsClients clients = AwsClients.recording(new RecordingEmrServerlessClient(recorder, options,
                new PreviewJob(s3, glue::icebergTableCreatedByJob)), glue, s3);
        ApplicationManager applications = new ApplicationManager(options, clients.emr(), Backoff.DEFAULT);
        // a new dry run connects (CreateApplication when asked); a preview of a connection has its application
        String applicationId = of == null ? applications.connect().applicationId() : of.applicationId();
        String releaseLabel = of == null ? options.releaseLabel() : of.releaseLabel();
        AwsUsage usage = new AwsUsage(); // a preview asks AWS nothing
        // a preview retags nothing: its requests are written, and the application's tags are in its CreateApplication file
        EmrTagging tagging = of == null ? new EmrTagging(options.tags(), applicationId, false, (id, tags) -> { })
                : of.sizing().tagging().view(applicationId, false);
        EmrJobSizing sizing = new EmrJobSizing(options, JobShape.NONE, spark, tagging, releaseLabel);
        GlueTables catalog = new GlueTables(options.region(), clients.glue(), usage, recorder::write);
        StagingLayout layout = new StagingLayout(options.stagingDir());
        JobRunService service = new JobRunService(clients.emr(), clients.s3(), () -> sizing.jobSettings(applicationId),
                () -> applications.start(applicationId), NO_WAIT, prefix -> DRY_RUN_RUN_ID);
        Target target = new Previewed(recorder, service, catalog);
        // a preview never stops or deletes anything when it closes: it created nothing
        return new EmrServerlessPlatform(new Parts(options, clients, true, Backoff.DEFAULT, usage, applications,
                catalog, layout, TableLoads.preview(catalog, layout, recorder), service, JobRuns.NONE_IN_A_DRY_RUN,
                new PreviewSessions(recorder, applicationId, options.executionRoleArn(), releaseLabel, tagging::current,
                        catalog::holdsIceberg, options.stagingDir().uri()), sizing, applicationId, false,
                releaseLabel, null, target));
    }

    /** A dry run's: its files, a power run written by the same job-run code as a real one, and what it cannot preview. */
    private record Previewed(DryRunRecorder recorder, JobRunService service, GlueTables catalog) implements Target, DryRun {
        @Override
        public ApplicationInfo application(ApplicationManager applications, String applicationId) {
            // the recording client only knows what the preview asked for: showing it as AWS's answer would mislead
            throw new BenchboxException("capacity needs AWS: it is not available in a dry run");
        }

        @Override
        public Optional<ConfigurationSweeps> sweeps(EmrServerlessPlatform platform) {
            return Optional.empty();
        }

        @Override
        public Optional<DryRun> dryRun() {
            return Optional.of(this);
        }

        @Override
        public String closingNote(Supplier<String> live) {
            int files = recorder.written().size();
            return "the dry run wrote " + files + (files == 1 ? " file" : " files") + " to " + recorder.directory();
        }

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
            String database = schema.toLowerCase(Locale.ROOT);
            GlueTables.JobTables tables = catalog.forJob(database);
            service.runBatch(database, tables.catalog(), tables.locations(), queries, warmups, iterations, maxRowsKept, BatchListener.NONE,
                    JobRunService.Progress.NONE);
        }
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
}
