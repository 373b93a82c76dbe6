package dev.benchbox.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The BenchBox Spark driver: runs one whole query stream (warm-ups, then the measured iterations of every
 * query, in order) in one EMR Serverless job run, timing each query inside the driver.
 * <p>
 * Usage: {@code BenchboxJob s3://.../runs/<run-id>/manifest.json}. A manifest of {@code "kind": "generate"} makes
 * it generate a benchmark's data instead ({@link DataGeneration}). The manifest says which queries, how often,
 * how tables are found ({@code glue}: the metastore; {@code paths}: temporary views over Parquet locations)
 * and where the output goes. Output, through the Hadoop file system of the output URI: one
 * {@code results/<id>-<iteration>.json} per execution (its time, Spark's planning phases and what its tasks read and
 * shuffled, {@link TaskMetricsByQuery}), then {@code summary.json}, written last so that its
 * presence means the run is complete.
 * <p>
 * A refresh function among the queries ({@link RefreshFunctions}) changes Iceberg tables: its rows are staged untimed, its
 * statements timed like a query, its result file says how many rows it inserted or deleted.
 * <p>
 * A failing query is a result, not a failure of the job: its error is recorded and the run goes on, and the
 * job exits normally. The job fails (an exception out of {@code main}, so EMR reports it) only when it
 * cannot run at all: no or a bad manifest, or output it cannot write.
 * <p>
 * Only Spark 3.5's own API, Hadoop's FileSystem and Jackson (both on Spark's classpath) are used: the shell
 * ships these classes as a small jar of their own.
 */
public final class BenchboxJob {

    /** Error messages can hold whole plans; a result file has no use for megabytes of them. */
    private static final int MAX_ERROR_LENGTH = 4000;

    private BenchboxJob() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: BenchboxJob <manifest-uri>, got " + Arrays.toString(args));
        }
        DriverTimes times = DriverTimes.starting();
        // No enableHiveSupport(): EMR's spark-defaults already select the Hive catalog (with Glue as its
        // metastore when the job sets the client factory), and builder options cannot change an existing session.
        SparkSession spark = SparkSession.builder().appName("benchbox").getOrCreate();
        times = times.ready();
        try {
            Configuration hadoop = spark.sparkContext().hadoopConfiguration();
            byte[] bytes = read(args[0], hadoop);
            JobManifest manifest;
            try {
                com.fasterxml.jackson.databind.JsonNode root = GenerationManifest.tree(bytes);
                if (GenerationManifest.isGeneration(root)) { // the same job generates data (issue 10)
                    DataGeneration.run(spark, GenerationManifest.parse(root), hadoop);
                    return;
                }
                if (DataCheck.isCheck(root)) { // an existing data set, checked before it is registered (issue 10)
                    DataCheck.run(spark, root, hadoop);
                    return;
                }
                manifest = JobManifest.parse(bytes);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad manifest " + args[0] + ": " + e.getMessage(), e);
            }
            new BenchboxJob().run(spark, manifest, hadoop, times);
        } finally {
            spark.stop();
        }
    }

    private void run(SparkSession spark, JobManifest manifest, Configuration hadoop, DriverTimes times) throws IOException {
        long started = System.currentTimeMillis();
        log("run " + manifest.runId() + ": " + manifest.queries().size() + " queries, " + manifest.warmups()
                + " warm-up(s), " + manifest.iterations() + " iteration(s), catalog " + manifest.catalog());
        // Dates and timestamps as java.time values: no time zone games when they are written out.
        spark.conf().set("spark.sql.datetime.java8API.enabled", "true");
        try {
            prepareCatalog(spark, manifest);
        } catch (Exception e) { // no query could run: the job itself fails, saying why
            throw new IllegalStateException("cannot prepare the " + manifest.catalog() + " catalog: " + message(e), e);
        }

        Path output = new Path(URI.create(manifest.output()));
        FileSystem fs = output.getFileSystem(hadoop);
        List<Execution> executions = new ArrayList<>();
        TaskMetricsByQuery metrics = new TaskMetricsByQuery();
        spark.sparkContext().addSparkListener(metrics);
        for (int round = 0; round < manifest.warmups() + manifest.iterations(); round++) {
            boolean warmup = round < manifest.warmups();
            int iteration = warmup ? 0 : round - manifest.warmups() + 1;
            for (JobManifest.Query query : manifest.queries()) {
                String key = "results/" + JobManifest.fileName(query.id()) + "-" + (warmup ? "warmup-" + (round + 1) : iteration) + ".json";
                Execution execution;
                if (query.refresh() != null) { // stages its rows untimed, tags only its statements' tasks
                    execution = RefreshFunctions.execute(spark, manifest, query, key);
                } else {
                    spark.sparkContext().setLocalProperty(TaskMetricsByQuery.PROPERTY, key);
                    try {
                        execution = execute(spark, query, iteration, warmup, manifest.maxRows(), key);
                    } finally {
                        spark.sparkContext().setLocalProperty(TaskMetricsByQuery.PROPERTY, null);
                    }
                }
                execution = execution.withMetrics(metrics.take(spark.sparkContext(), key));
                write(fs, new Path(output, key), ResultJson.execution(manifest.runId(), execution));
                log(query.id() + (warmup ? " warm-up " + (round + 1) : " iteration " + iteration) + ": "
                        + (execution.error() == null ? execution.nanos() / 1_000_000 + " ms, " + execution.rows() + " rows"
                        + (execution.rowChanges().isEmpty() ? "" : " changed " + execution.rowChanges())
                        : "failed: " + firstLine(execution.error())));
                executions.add(execution.withoutRows()); // the summary needs no rows
            }
        }
        write(fs, new Path(output, "summary.json"),
                ResultJson.summary(manifest.runId(), spark.version(), times, started, System.currentTimeMillis(), executions));
        log("run " + manifest.runId() + " done: " + executions.stream().filter(e -> e.error() != null).count()
                + " failed execution(s) of " + executions.size());
    }

    /** Glue: tables come from the metastore, so only the database is selected. Paths: one view per table. */
    private static void prepareCatalog(SparkSession spark, JobManifest manifest) {
        if (manifest.catalog().equals(JobManifest.GLUE)) {
            spark.sql("USE " + identifier(manifest.database()));
            return;
        }
        if (manifest.catalog().equals(JobManifest.ICEBERG)) { // unqualified names now resolve to the Iceberg tables
            spark.sql("USE " + identifier(manifest.icebergCatalog()) + "." + identifier(manifest.database()));
            return;
        }
        for (Map.Entry<String, String> table : manifest.tables().entrySet()) {
            spark.sql("CREATE OR REPLACE TEMPORARY VIEW " + identifier(table.getKey()) + " USING parquet OPTIONS (path '"
                    + table.getValue().replace("\\", "\\\\").replace("'", "\\'") + "')");
        }
    }

    /**
     * Runs one query once. The clock covers parsing, planning and receiving every row: the result is pulled
     * once through {@code toLocalIterator} (partition by partition, so a large result never has to fit in the
     * driver), counting all rows and keeping the first {@code maxRows} — the query is never run twice.
     */
    private static Execution execute(SparkSession spark, JobManifest.Query query, int iteration, boolean warmup,
                                     int maxRows, String key) {
        List<StructField> fields = List.of();
        List<Row> kept = new ArrayList<>();
        long rows = 0;
        long startedAt = System.currentTimeMillis();
        long started = System.nanoTime();
        Dataset<Row> result = null;
        try {
            result = spark.sql(query.sql());
            fields = Arrays.asList(result.schema().fields());
            Iterator<Row> it = result.toLocalIterator();
            while (it.hasNext()) {
                Row row = it.next();
                if (kept.size() < maxRows) {
                    kept.add(row);
                }
                rows++;
            }
            long elapsed = System.nanoTime() - started;
            return new Execution(query.id(), iteration, warmup, elapsed, rows, fields, kept, null, key, Phases.of(result), Map.of(),
                    startedAt);
        } catch (Exception e) { // Spark throws checked SparkExceptions without declaring them
            long elapsed = System.nanoTime() - started;
            return new Execution(query.id(), iteration, warmup, elapsed, 0, fields, List.of(), message(e), key,
                    result == null ? Map.of() : Phases.of(result), Map.of(), startedAt);
        }
    }

    private static String message(Throwable e) {
        // AnalysisException's getMessage appends the whole logical plan; the simple message is what users need.
        String text = e instanceof AnalysisException a ? a.getSimpleMessage() : e.getMessage();
        if (text == null || text.isBlank()) {
            text = e.getClass().getName();
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "…" : text;
    }

    private static byte[] read(String uri, Configuration hadoop) throws IOException {
        Path path = new Path(URI.create(uri));
        FileSystem fs = path.getFileSystem(hadoop);
        try (FSDataInputStream in = fs.open(path)) {
            return in.readAllBytes();
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("no manifest at " + uri, e);
        }
    }

    private static void write(FileSystem fs, Path path, byte[] bytes) {
        try (FSDataOutputStream out = fs.create(path, true)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    private static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static void log(String message) {
        System.out.println("benchbox-job: " + message);
    }
}
