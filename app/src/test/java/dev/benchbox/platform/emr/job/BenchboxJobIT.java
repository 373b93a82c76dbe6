package dev.benchbox.platform.emr.job;

import dev.benchbox.IntegrationTest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.platform.BatchQuery;
import dev.benchbox.dataset.Column;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.RowSink;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import dev.benchbox.platform.emr.job.RunManifest.Catalog;
import dev.benchbox.standin.Await;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.StandInConfig;
import dev.benchbox.tpch.AnswerValidator;
import dev.benchbox.tpch.TpchQueries;
import dev.benchbox.tpch.TpchQuery;
import dev.benchbox.tpch.TpchSchema;
import dev.benchbox.tpch.Validation;
import dev.benchbox.tpch.ValidationMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Spark job for real: TPC-H SF 0.01 as Parquet in the stand-in's S3 with Glue tables over it, the job jar
 * as {@link JobJar} makes it, submitted through EMR Serverless and run by Spark 3.5 in the stand-in's child
 * JVM. Proves that the 22 query texts run on Spark and answer correctly, in one job run. Every test is one
 * Spark JVM start (tens of seconds on a small machine), so this class keeps to a few.
 */
@IntegrationTest
class BenchboxJobIT {

    private static final double SCALE = 0.01;
    private static final String DATABASE = "tpch_sf0_01";
    private static final Set<JobRunState> ENDED = Set.of(JobRunState.SUCCESS, JobRunState.FAILED, JobRunState.CANCELLED);

    @TempDir
    static Path dir;

    private static AwsStandIn aws;
    private static EmrServerlessClient emr;
    private static S3Client s3;
    private static String app;
    private static String staging;
    private static String jobJar;
    private static final Map<String, String> TABLES = new LinkedHashMap<>();
    /** Each table's rows, as DuckDB counts them. */
    private static final Map<String, Long> ROW_COUNTS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        aws = AwsStandIn.start(StandInConfig.forTests(dir));
        emr = aws.emrServerlessClient();
        s3 = aws.s3Client();
        staging = "s3://" + aws.bucket() + "/staging/";
        uploadTpchAsParquet();
        registerGlueTables();
        JobJar jar = JobJar.fromClasspath();
        jobJar = jar.location(staging);
        assertThat(jar.uploadIfAbsent(s3, jobJar)).isTrue();
        app = emr.createApplication(b -> b.name("benchbox-job-it").releaseLabel("emr-7.5.0").type("SPARK")).applicationId();
        await("application created", () -> emr.getApplication(b -> b.applicationId(app)).application().state() == ApplicationState.CREATED);
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            emr.close();
            s3.close();
            aws.close();
        }
    }

    /** DuckDB generates the data and writes one Parquet file per table, as the shell's load does. */
    private static void uploadTpchAsParquet() {
                try (DuckDbPlatform duckdb = DuckDbPlatform.open(null)) {
            duckdb.load("main", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet(), dev.benchbox.dataset.Scale.of(SCALE), List.of(), LoadProgress.NONE);
            for (String table : TpchSchema.TABLES) {
                Path file = dir.resolve(table + ".parquet");
                duckdb.execute("main", "COPY " + table + " TO '" + file + "' (FORMAT parquet)", RowSink.DISCARD);
                String prefix = "staging/data/tpch/sf0.01/" + table + "/";
                s3.putObject(b -> b.bucket(aws.bucket()).key(prefix + "part-0.parquet"), RequestBody.fromFile(file));
                TABLES.put(table, "s3://" + aws.bucket() + "/" + prefix);
                duckdb.execute("main", "SELECT count(*) FROM " + table, new RowSink() {
                    @Override
                    public void begin(List<Column> columns) {
                    }

                    @Override
                    public void row(List<?> values) {
                        ROW_COUNTS.put(table, ((Number) values.get(0)).longValue());
                    }

                    @Override
                    public void end() {
                    }
                });
            }
        }
    }

    private static void registerGlueTables() {
        try (GlueClient glue = aws.glueClient()) {
            glue.createDatabase(b -> b.databaseInput(d -> d.name(DATABASE)));
            for (String table : TpchSchema.TABLES) {
                List<software.amazon.awssdk.services.glue.model.Column> columns = new ArrayList<>();
                for (Column c : TpchSchema.columns(table)) {
                    columns.add(software.amazon.awssdk.services.glue.model.Column.builder().name(c.name()).type(hiveType(c.type())).build());
                }
                glue.createTable(b -> b.databaseName(DATABASE).tableInput(t -> t.name(table).tableType("EXTERNAL_TABLE")
                        .parameters(Map.of("classification", "parquet", "EXTERNAL", "TRUE"))
                        .storageDescriptor(sd -> sd.location(TABLES.get(table)).columns(columns)
                                .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                                .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                                .serdeInfo(s -> s.serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")))));
            }
        }
    }

    /** Glue (Hive) type names for the TPC-H column types: bigint, int, decimal(15,2), date, string. */
    private static String hiveType(String sqlType) {
        String type = sqlType.toLowerCase(Locale.ROOT);
        if (type.startsWith("varchar")) {
            return "string";
        }
        return type.equals("integer") ? "int" : type;
    }

    private static List<BatchQuery> tpch(int... numbers) {
        List<BatchQuery> queries = new ArrayList<>();
        for (int n : numbers) {
            TpchQuery q = TpchQueries.get(n);
            queries.add(new BatchQuery(q.name(), q.sql()));
        }
        return queries;
    }

    private static long startJobRuns() {
        return aws.requests().stream().filter(r -> r.operation().equals("StartJobRun")).count();
    }

    /** Uploads the manifest, submits ONE job run of the job jar and waits for it to end. */
    private static JobRun run(RunManifest manifest) {
        String manifestUri = manifest.upload(s3);
        String parameters = SparkSubmit.forJob(manifest.catalog(), 4, "16g").parameters();
        String id = emr.startJobRun(b -> b.applicationId(app).executionRoleArn(AwsStandIn.EXECUTION_ROLE)
                .name("benchbox-" + manifest.runId())
                .jobDriver(d -> d.sparkSubmit(s -> s.entryPoint(jobJar).entryPointArguments(manifestUri)
                        .sparkSubmitParameters(parameters)))
                .configurationOverrides(o -> o.monitoringConfiguration(m -> m.s3MonitoringConfiguration(
                        l -> l.logUri("s3://" + aws.bucket() + "/logs/"))))).jobRunId();
        JobRun[] last = new JobRun[1];
        await("job run ended", () -> ENDED.contains((last[0] = emr.getJobRun(b -> b.applicationId(app).jobRunId(id)).jobRun()).state()));
        return last[0];
    }

    private static RunManifest manifest(String runId, Catalog catalog, List<BatchQuery> queries, int warmups, int iterations) {
        return new RunManifest(runId, catalog == Catalog.GLUE ? DATABASE : null, catalog, TABLES, queries, warmups,
                iterations, 10_000, RunManifest.outputFor(staging, runId));
    }

    private static String driverLog(JobRun run) {
        String key = "logs/applications/" + app + "/jobs/" + run.jobRunId() + "/SPARK_DRIVER/stderr.gz";
        try (var in = new GZIPInputStream(new ByteArrayInputStream(s3.getObjectAsBytes(b -> b.bucket(aws.bucket()).key(key)).asByteArray()))) {
            String log = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
        } catch (IOException | RuntimeException e) {
            return "(no driver log: " + e + ")";
        }
    }

    /** Validates every measured execution against the SF 0.01 reference answers; returns the failures. */
    private static List<String> validate(JobResults results) {
        AnswerValidator validator = new AnswerValidator();
        List<String> failures = new ArrayList<>();
        for (QueryExecution e : results.executions()) {
            if (e.failed()) {
                failures.add(e.queryId() + ": " + e.error());
                continue;
            }
            Validation v = validator.validate(Integer.parseInt(e.queryId().substring(1)), SCALE, ValidationMode.EXACT, e.columns(), e.rows());
            if (v.status() != Validation.Status.PASSED) {
                failures.add(e.queryId() + ": " + v.status() + " " + v.detail());
            }
        }
        return failures;
    }

    @Test
    void allTwentyTwoTpchQueriesAnswerCorrectlyOnSparkInExactlyOneJobRun() {
        RunManifest manifest = manifest("tpch-glue", Catalog.GLUE,
                TpchQueries.all().stream().map(q -> new BatchQuery(q.name(), q.sql())).toList(), 0, 1);
        long before = startJobRuns();

        JobRun run = run(manifest);

        assertThat(startJobRuns() - before).as("job runs for the whole stream").isEqualTo(1);
        assertThat(run.state()).as(() -> run.stateDetails() + "\n" + driverLog(run)).isEqualTo(JobRunState.SUCCESS);
        JobResults results = JobResults.read(s3, manifest.output());
        // In-driver times, for whoever reads the report (failsafe keeps test output in a file).
        results.executions().forEach(e -> System.out.printf("%s %.1f ms, %d rows%n", e.queryId(), e.elapsedMillis(), e.rowCount()));
        assertThat(results.runId()).isEqualTo("tpch-glue");
        assertThat(results.sparkVersion()).startsWith("3.5.");
        assertThat(results.executions()).extracting(QueryExecution::queryId)
                .containsExactlyElementsOf(TpchQueries.all().stream().map(TpchQuery::name).toList());
        assertThat(validate(results)).as("queries that did not answer correctly on Spark").isEmpty();
        assertThat(results.status()).isEqualTo(JobResults.Status.SUCCEEDED);
        assertThat(results.executions()).allMatch(e -> e.elapsedNanos() > 0 && !e.warmup() && e.iteration() == 1);
        assertThat(results.results().get(0).columns()).as("Q1's types as Spark reports them")
                .contains(new Column("l_returnflag", "string"), new Column("sum_qty", "decimal(25,2)"), new Column("count_order", "bigint"));
        // Spark's own planning phases for every query, inside its time: the rest is execution
        java.net.URI summary = java.net.URI.create(manifest.output() + "summary.json");
        com.fasterxml.jackson.databind.JsonNode executions;
        try {
            executions = new com.fasterxml.jackson.databind.ObjectMapper().readTree(s3.getObjectAsBytes(b -> b.bucket(summary.getHost())
                    .key(summary.getPath().substring(1))).asByteArray()).path("executions");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(executions).hasSize(22).allSatisfy(e -> {
            com.fasterxml.jackson.databind.JsonNode phases = e.path("phases_ms");
            assertThat(phases.fieldNames()).toIterable().as(e.path("id").asText())
                    .containsExactly("parsing", "analysis", "optimization", "planning");
            long planning = 0;
            for (com.fasterxml.jackson.databind.JsonNode ms : phases) {
                assertThat(ms.asLong()).isNotNegative();
                planning += ms.asLong();
            }
            assertThat((double) planning).as(e.path("id").asText()).isLessThanOrEqualTo(e.path("ms").asDouble());
        });
        // what each query's tasks read and shuffled, from Spark's task metrics: every query has them, every query reads
        Map<String, String> sql = new LinkedHashMap<>();
        TpchQueries.all().forEach(q -> sql.put(q.name(), q.sql().toLowerCase(Locale.ROOT)));
        assertThat(results.executions()).allSatisfy(e -> {
            assertThat(e.metrics().keySet()).as(e.queryId()).containsExactlyElementsOf(dev.benchbox.results.SparkMetrics.NAMES);
            assertThat(e.metrics().values()).as(e.queryId()).allMatch(v -> v >= 0);
            assertThat(e.metrics().get("input_rows")).as(e.queryId() + " rows read").isPositive();
            assertThat(e.metrics().get("input_bytes")).as(e.queryId() + " bytes read").isPositive();
            if (sql.get(e.queryId()).contains("lineitem") && !e.queryId().equals("Q17")) {
                // a scan of lineitem reads all of it: its one row group spans every date, so statistics prune nothing.
                // Not Q17: at SF 0.01 no part matches its brand and container, and Spark's adaptive execution, finding the
                // join's part side empty, may skip lineitem's scan (its answer is null)
                assertThat(e.metrics().get("input_rows")).as(e.queryId() + " reads lineitem").isGreaterThanOrEqualTo(ROW_COUNTS.get("lineitem"));
            }
        });
        Map<String, Map<String, Long>> metrics = new LinkedHashMap<>();
        results.executions().forEach(e -> metrics.put(e.queryId(), e.metrics()));
        // whether lineitem's scan ran before adaptive execution saw part's side empty depends on which stage ended first
        assertThat(metrics.get("Q17").get("input_rows")).as("Q17 reads part, and lineitem unless skipped")
                .isIn(ROW_COUNTS.get("part"), ROW_COUNTS.get("part") + ROW_COUNTS.get("lineitem"));
        // Q6 scans lineitem alone, with no join, and its one row group has no statistics to prune by: every row, once
        assertThat(metrics.get("Q6").get("input_rows")).isEqualTo(ROW_COUNTS.get("lineitem"));
        // Q1 groups lineitem: it shuffles partial aggregates; Q14 joins lineitem and part: it reads both tables
        assertThat(metrics.get("Q1").get("shuffle_write_bytes")).isPositive();
        assertThat(metrics.get("Q14").get("input_rows")).isGreaterThanOrEqualTo(ROW_COUNTS.get("lineitem") + ROW_COUNTS.get("part"));
        // what a stage shuffles out the next one reads back, all of it (Q1 has no limit); sampling for its sort may read more
        assertThat(metrics.get("Q1").get("shuffle_read_bytes")).isGreaterThanOrEqualTo(metrics.get("Q1").get("shuffle_write_bytes"));

        // the driver's milestones, in order, within the job run as the stand-in reports it (one machine, one clock here)
        dev.benchbox.cost.DriverClock driver = results.driver();
        assertThat(driver).isNotNull();
        assertThat(List.of(run.startedAt(), driver.jvmStarted(), driver.mainStarted(), driver.sparkReady(), driver.firstQuery(),
                driver.lastQueryEnd(), results.ended(), run.endedAt())).isSorted();
        assertThat(run.createdAt()).isBeforeOrEqualTo(run.startedAt());
        // the queries took no less than their timed sum, and the split adds up to submit-to-end exactly
        double timedMs = results.executions().stream().mapToDouble(QueryExecution::elapsedMillis).sum();
        dev.benchbox.results.JobTimeSplit split = dev.benchbox.results.JobTimeSplit.of(run.createdAt(), run.startedAt(), run.endedAt(),
                run.queuedDurationMilliseconds(), driver).orElseThrow();
        assertThat((double) split.queriesMs()).isGreaterThanOrEqualTo(Math.floor(timedMs) - 22);
        assertThat(split.totalMs()).isEqualTo(java.time.Duration.between(run.createdAt(), run.endedAt()).toMillis());
        assertThat(split.driverStartMs()).isPositive();
        assertThat(split.teardownMs()).isPositive();
        assertThat(run.queuedDurationMilliseconds()).as("never QUEUED: the application had room").isNull();
    }

    @Test
    void pathsModeReadsTheParquetLocationsWithoutAMetastore() {
        RunManifest manifest = manifest("tpch-paths", Catalog.PATHS, tpch(1, 6), 0, 1);

        JobRun run = run(manifest);

        assertThat(run.state()).as(() -> run.stateDetails() + "\n" + driverLog(run)).isEqualTo(JobRunState.SUCCESS);
        JobResults results = JobResults.read(s3, manifest.output());
        assertThat(results.executions()).extracting(QueryExecution::queryId).containsExactly("Q1", "Q6");
        assertThat(validate(results)).isEmpty();
    }

    @Test
    void aBrokenQueryIsRecordedAndTheOthersStillRunInEveryRound() {
        List<BatchQuery> queries = new ArrayList<>(tpch(6));
        queries.add(new BatchQuery("broken", "select * from no_such_table"));
        queries.addAll(tpch(14));
        RunManifest manifest = manifest("with-broken", Catalog.GLUE, queries, 1, 2);

        JobRun run = run(manifest);

        assertThat(run.state()).as(() -> run.stateDetails() + "\n" + driverLog(run)).isEqualTo(JobRunState.SUCCESS);
        JobResults results = JobResults.read(s3, manifest.output());
        assertThat(results.status()).isEqualTo(JobResults.Status.FAILED_QUERIES);
        assertThat(results.executions()).extracting(QueryExecution::queryId, QueryExecution::iteration, QueryExecution::warmup)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Q6", 0, true), org.assertj.core.groups.Tuple.tuple("broken", 0, true),
                        org.assertj.core.groups.Tuple.tuple("Q14", 0, true),
                        org.assertj.core.groups.Tuple.tuple("Q6", 1, false), org.assertj.core.groups.Tuple.tuple("broken", 1, false),
                        org.assertj.core.groups.Tuple.tuple("Q14", 1, false),
                        org.assertj.core.groups.Tuple.tuple("Q6", 2, false), org.assertj.core.groups.Tuple.tuple("broken", 2, false),
                        org.assertj.core.groups.Tuple.tuple("Q14", 2, false));
        List<QueryExecution> broken = results.executions().stream().filter(e -> e.queryId().equals("broken")).toList();
        assertThat(broken).allSatisfy(e -> {
            assertThat(e.error()).contains("no_such_table").doesNotContain("\n'Project"); // the message, not the plan
            assertThat(e.rowCount()).isZero();
        });
        List<String> failures = validate(results);
        assertThat(failures).hasSize(3).allMatch(f -> f.startsWith("broken: "));
        assertThat(s3.listObjectsV2(b -> b.bucket(aws.bucket()).prefix("staging/runs/with-broken/results/")).contents())
                .extracting(o -> o.key().substring("staging/runs/with-broken/results/".length()))
                .containsExactlyInAnyOrder("Q6-warmup-1.json", "broken-warmup-1.json", "Q14-warmup-1.json",
                        "Q6-1.json", "broken-1.json", "Q14-1.json", "Q6-2.json", "broken-2.json", "Q14-2.json");
    }

    @Test
    void aManifestTheJobCannotReadFailsTheJobRunWithAMessage() {
        s3.putObject(b -> b.bucket(aws.bucket()).key("staging/runs/bad/manifest.json"), RequestBody.fromString("{\"run_id\":\"bad\"}"));
        String parameters = SparkSubmit.forJob(Catalog.GLUE, 4, "16g").parameters();
        String id = emr.startJobRun(b -> b.applicationId(app).executionRoleArn(AwsStandIn.EXECUTION_ROLE)
                .jobDriver(d -> d.sparkSubmit(s -> s.entryPoint(jobJar).entryPointArguments("s3://" + aws.bucket() + "/staging/runs/bad/manifest.json")
                        .sparkSubmitParameters(parameters)))).jobRunId();
        JobRun[] run = new JobRun[1];
        await("job run ended", () -> ENDED.contains((run[0] = emr.getJobRun(b -> b.applicationId(app).jobRunId(id)).jobRun()).state()));

        assertThat(run[0].state()).isEqualTo(JobRunState.FAILED);
        assertThat(run[0].stateDetails()).contains("bad manifest").contains("catalog");
    }

    @Test
    void aGlueDatabaseThatDoesNotExistFailsTheJobRunBeforeAnyQuery() {
        RunManifest manifest = new RunManifest("no-db", "no_such_db", Catalog.GLUE, Map.of(), tpch(6), 0, 1, 10,
                RunManifest.outputFor(staging, "no-db"));

        JobRun run = run(manifest);

        assertThat(run.state()).isEqualTo(JobRunState.FAILED);
        assertThat(run.stateDetails()).contains("cannot prepare the glue catalog").contains("no_such_db");
        assertThat(s3.listObjectsV2(b -> b.bucket(aws.bucket()).prefix("staging/runs/no-db/results/")).contents()).isEmpty();
    }

    private static JobRunService service() {
        return new JobRunService(emr, s3, new JobSettings(app, AwsStandIn.EXECUTION_ROLE, staging, 10, "us-east-1",
                dev.benchbox.cost.Architecture.X86_64, 4, "14g", Map.of("benchbox", "it")));
    }

    @Test
    void jobRunServiceRunsAWholeBatchAsOneJobRunAndLedgersItsResources() {
        long before = startJobRuns();
        JobRunService service = service();
        List<dev.benchbox.platform.QueryExecution> seen = new java.util.ArrayList<>();
        List<dev.benchbox.platform.QueryExecution> executions = service.runBatch(DATABASE, TABLES, tpch(1, 6), 1, 2, 1000,
                seen::add, JobRunService.Progress.NONE);

        assertThat(startJobRuns() - before).isEqualTo(1);
        assertThat(executions).hasSize(6).isEqualTo(seen);
        assertThat(executions).extracting(e -> e.queryId() + "/" + e.iteration() + (e.warmup() ? "w" : ""))
                .containsExactly("Q1/0w", "Q6/0w", "Q1/1", "Q6/1", "Q1/2", "Q6/2");
        assertThat(executions).allSatisfy(e -> assertThat(e.error()).isNull());
        assertThat(service.jobRuns()).singleElement().satisfies(usage -> {
            assertThat(usage.state()).isEqualTo("SUCCESS");
            assertThat(usage.kind()).isEqualTo("power run");
            // AWS bills at least one minute per worker: the 4 workers (1 driver + 3 executors, 4 vCPU each) of a
            // job shorter than a minute bill 16 vCPU-minutes
            assertThat(usage.billed().vCpuHours()).isGreaterThanOrEqualTo(16 / 60.0 - 1e-9);
            assertThat(usage.billed().vCpuHours()).isGreaterThanOrEqualTo(usage.total().vCpuHours());
        });
    }

    @Test
    void jobRunServiceRunsAnAdHocQueryAndStreamsItsRows() {
        List<List<?>> rows = new java.util.ArrayList<>();
        List<Column> columns = new java.util.ArrayList<>();
        dev.benchbox.platform.QuerySummary summary = service().execute(DATABASE, TABLES,
                "SELECT n_regionkey, count(*) AS nations FROM nation GROUP BY n_regionkey ORDER BY n_regionkey", 3,
                new dev.benchbox.platform.RowSink() {
                    @Override
                    public void begin(List<Column> c) {
                        columns.addAll(c);
                    }

                    @Override
                    public void row(List<?> values) {
                        rows.add(values);
                    }

                    @Override
                    public void end() {
                    }
                }, JobRunService.Progress.NONE);

        assertThat(columns).extracting(Column::name).containsExactly("n_regionkey", "nations");
        assertThat(summary.rowCount()).isEqualTo(5);
        assertThat(rows).hasSize(3).first().isEqualTo(List.of(0L, 5L));
    }

    @Test
    void jobRunServiceTurnsASparkErrorIntoOneLine() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service().execute(DATABASE, TABLES, "SELECT no_such_column FROM nation", 10,
                        dev.benchbox.platform.RowSink.DISCARD, JobRunService.Progress.NONE))
                .isInstanceOf(dev.benchbox.BenchboxException.class)
                .hasMessageContaining("no_such_column")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** Job runs on real Spark in a child JVM: minutes on a loaded machine, so a longer bound than Await's default. */
    private static void await(String what, java.util.function.BooleanSupplier condition) {
        Await.until(what, Duration.ofMinutes(8), condition);
    }
}
