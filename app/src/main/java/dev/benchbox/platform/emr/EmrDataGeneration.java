package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.benchbox.BenchboxException;
import dev.benchbox.platform.Column;
import dev.benchbox.platform.GenerationPlan;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.emr.job.GenerationManifest;
import dev.benchbox.platform.emr.job.JobJar;
import dev.benchbox.platform.emr.job.JobRequest;
import dev.benchbox.platform.emr.job.JobRunService;
import dev.benchbox.platform.emr.job.JobRunner;
import dev.benchbox.platform.emr.job.JobSettings;
import dev.benchbox.platform.emr.job.RunManifest;
import dev.benchbox.platform.emr.job.S3Uri;
import dev.benchbox.platform.emr.job.SparkSubmit;
import dev.benchbox.tpch.TpchRowCounts;
import dev.benchbox.tpch.TpchSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * TPC-H or TPC-DS ({@link GeneratedDataSet}) generated inside EMR Serverless: the shell uploads the job jar and a
 * {@link GenerationManifest}, one job run writes every part straight to {@code <staging>/data/<benchmark>/sf<SF>/<table>/},
 * and the Glue tables are registered with the job's own row counts. No table data passes through this machine. A dry run writes the
 * manifest and the StartJobRun instead, and previews the Glue tables as {@code load tpch} does.
 */
final class EmrDataGeneration {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JobRunService service;          // null in a dry run
    private final S3Client s3;                    // null in a dry run
    private final DryRunRecorder recorder;        // null when live
    private final GlueTables catalog;
    private final StagingLayout layout;
    private final TableLoads loads;
    private final Supplier<JobSettings> settings;
    private final Supplier<JobRunService.Progress> progress;

    private EmrDataGeneration(JobRunService service, S3Client s3, DryRunRecorder recorder, GlueTables catalog, StagingLayout layout,
            TableLoads loads, Supplier<JobSettings> settings, Supplier<JobRunService.Progress> progress) {
        this.service = service;
        this.s3 = s3;
        this.recorder = recorder;
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.layout = requireNonNull(layout, "layout is null");
        this.loads = requireNonNull(loads, "loads is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    static EmrDataGeneration live(JobRunService service, S3Client s3, GlueTables catalog, StagingLayout layout, TableLoads loads,
            Supplier<JobRunService.Progress> progress) {
        return new EmrDataGeneration(requireNonNull(service, "service is null"), requireNonNull(s3, "s3 is null"), null, catalog,
                layout, loads, service::settings, progress);
    }

    static EmrDataGeneration preview(DryRunRecorder recorder, GlueTables catalog, StagingLayout layout, TableLoads loads,
            Supplier<JobSettings> settings) {
        return new EmrDataGeneration(null, null, requireNonNull(recorder, "recorder is null"), catalog, layout, loads, settings,
                () -> JobRunService.Progress.NONE);
    }

    /** The manifest of a generation run: each table's parts and its columns as the Glue table declares them. */
    GenerationManifest manifest(String runId, GenerationPlan plan) {
        GeneratedDataSet dataSet = GeneratedDataSet.of(plan.benchmark());
        Map<String, GenerationManifest.Table> tables = new LinkedHashMap<>();
        for (String table : plan.tables()) {
            tables.put(table, new GenerationManifest.Table(plan.parts().get(table), dataSet.hiveColumns(table)));
        }
        String data = layout.generated(plan.benchmark(), plan.scale()).uri();
        return new GenerationManifest(runId, plan.benchmark(), plan.scale(), data, RunManifest.outputFor(settings.get().staging(), runId),
                tables);
    }

    SparkSubmit sparkSubmit(GenerationPlan plan) {
        JobSettings s = settings.get();
        SparkSubmit submit = SparkSubmit.forJob(RunManifest.Catalog.PATHS, s.executorCores(), s.executorMemory());
        for (Map.Entry<String, String> conf : plan.sparkConf().entrySet()) {
            submit = submit.withConf(conf.getKey(), conf.getValue());
        }
        return submit;
    }

    /** Generates the plan's benchmark (TPC-H or TPC-DS) in one job run and registers its tables with the job's row counts. */
    LoadReport generate(String database, GenerationPlan plan, LoadProgress loadProgress) {
        long started = System.nanoTime();
        if (recorder != null) {
            return preview(database, plan, loadProgress, started);
        }
        GeneratedDataSet dataSet = GeneratedDataSet.of(plan.benchmark());
        GenerationManifest manifest = manifest(JobRunService.newRunId("g"), plan);
        String manifestUri = manifest.upload(s3);
        var usage = service.runManifest("load", manifest.runId(), manifestUri, sparkSubmit(plan), progress.get());
        GenerationManifest.Report report = manifest.readReport(s3);
        Map<String, String> scaleParameter = Map.of(dataSet.scaleParameter(), TpchSchema.formatScale(plan.scale()));
        for (Map.Entry<String, Long> table : report.rows().entrySet()) {
            Map<String, String> parameters = new LinkedHashMap<>(scaleParameter);
            parameters.put("numRows", Long.toString(table.getValue()));
            catalog.createOrUpdateTable(database, new GlueTableDefinition(table.getKey(), dataSet.hiveColumns(table.getKey()),
                    layout.generatedTable(plan.benchmark(), plan.scale(), table.getKey()), parameters));
        }
        String note = "generated in the cluster by job run " + (usage == null ? "?" : usage.jobRunId()) + ": "
                + report.partsGenerated() + " part" + (report.partsGenerated() == 1 ? "" : "s") + " written"
                + (report.partsReused() == 0 ? "" : ", " + report.partsReused() + " already committed by an earlier run (kept)")
                + "; data in " + manifest.data();
        return new LoadReport(report.rows(), System.nanoTime() - started, List.of(note));
    }

    /** The manifest, the uploads and the StartJobRun a generation would send, then the Glue tables as load tpch previews them. */
    private LoadReport preview(String database, GenerationPlan plan, LoadProgress loadProgress, long started) {
        GenerationManifest manifest = manifest("dry-run", plan);
        JobSettings s = settings.get();
        JobJar jar = JobJar.fromClasspath();
        recorder.write("generation/" + RunManifest.FILE_NAME, manifest.toJson());
        recorder.upload(jar.location(s.staging()), jar.bytes());
        recorder.upload(manifest.manifestUri(), manifest.toJson().getBytes(StandardCharsets.UTF_8));
        JobRequest request = new JobRequest(s.applicationId(), s.executionRoleArn(), "benchbox load " + manifest.runId(),
                jar.location(s.staging()), List.of(manifest.manifestUri()), sparkSubmit(plan).parameters(), s.logUri(),
                s.timeoutMinutes(), s.tags());
        recorder.record("StartJobRun", "generate-" + plan.benchmark(), JobRunner.startRequest(request, "dry-run-client-token"));
        LoadReport tables = plan.benchmark().equals("tpch") ? loads.loadTpch(database, plan.scale(), plan.tables(), loadProgress)
                : previewTables(database, plan);
        List<String> notes = new ArrayList<>(List.of("dry run: the cluster would generate " + plan.totalParts() + " parts into "
                + manifest.data() + " (generation/" + RunManifest.FILE_NAME + " is the job's manifest)"));
        return new LoadReport(tables.rowCounts(), System.nanoTime() - started, notes);
    }

    /** The Glue tables a generation would register (no row counts yet), each with its DDL beside the requests. */
    private LoadReport previewTables(String database, GenerationPlan plan) {
        GeneratedDataSet dataSet = GeneratedDataSet.of(plan.benchmark());
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : plan.tables()) {
            GlueTableDefinition definition = new GlueTableDefinition(table, dataSet.hiveColumns(table),
                    layout.generatedTable(plan.benchmark(), plan.scale(), table),
                    Map.of(dataSet.scaleParameter(), TpchSchema.formatScale(plan.scale())));
            catalog.createOrUpdateTable(database, definition);
            recorder.write("tables/" + table + ".sql", definition.ddl(database));
            rows.put(table, 0L);
        }
        return new LoadReport(rows, 0, List.of());
    }

    /** Checks an existing data set with a job run, then registers its tables in place; nothing is registered unless all pass. */
    LoadReport registerTpch(String database, double scale, List<String> tables, S3Location from, LoadProgress loadProgress) {
        long started = System.nanoTime();
        String runId = recorder != null ? "dry-run" : JobRunService.newRunId("c");
        String output = RunManifest.outputFor(settings.get().staging(), runId);
        ObjectNode manifest = JSON.createObjectNode().put("kind", "check").put("run_id", runId).put("source", from.uri())
                .put("output", output);
        ArrayNode names = manifest.putArray("tables");
        tables.forEach(names::add);
        String manifestJson = manifest.toPrettyString();
        String manifestUri = output + RunManifest.FILE_NAME;
        // the connection's settings: tuned to the scale being checked, the user's --spark-conf over them
        SparkSubmit submit = settings.get().sparkSubmit(RunManifest.Catalog.PATHS);
        Map<String, String> scaleParameter = Map.of(GlueTableDefinition.TPCH_SCALE_PARAMETER, TpchSchema.formatScale(scale));
        if (recorder != null) {
            JobSettings s = settings.get();
            JobJar jar = JobJar.fromClasspath();
            recorder.write("check/" + RunManifest.FILE_NAME, manifestJson);
            recorder.upload(jar.location(s.staging()), jar.bytes());
            recorder.upload(manifestUri, manifestJson.getBytes(StandardCharsets.UTF_8));
            recorder.record("StartJobRun", "check-tpch", JobRunner.startRequest(new JobRequest(s.applicationId(), s.executionRoleArn(),
                    "benchbox load " + runId, jar.location(s.staging()), List.of(manifestUri), submit.parameters(), s.logUri(),
                    s.timeoutMinutes(), s.tags()), "dry-run-client-token"));
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String table : tables) {
                catalog.createOrUpdateTable(database, new GlueTableDefinition(table, hiveColumns(table), from.resolve(table + "/"),
                        scaleParameter));
                rows.put(table, 0L);
            }
            return new LoadReport(rows, System.nanoTime() - started, List.of("dry run: a job run would check " + from.uri()
                    + " (check/" + RunManifest.FILE_NAME + " is its manifest) before these tables are registered"));
        }
        S3Uri target = S3Uri.parse(manifestUri);
        s3.putObject(b -> b.bucket(target.bucket()).key(target.key()).contentType("application/json"),
                software.amazon.awssdk.core.sync.RequestBody.fromString(manifestJson));
        var usage = service.runManifest("load", runId, manifestUri, submit, progress.get());
        S3Uri reportUri = S3Uri.parse(output + "check.json");
        JsonNode report;
        try {
            report = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(reportUri.bucket()).key(reportUri.key())).asByteArray());
        } catch (java.io.IOException | software.amazon.awssdk.services.s3.model.S3Exception e) {
            throw new BenchboxException("the check job left no readable report at " + reportUri + ": " + e.getMessage());
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String table : tables) {
            JsonNode result = report.path("tables").path(table);
            String problem = problem(table, scale, from.resolve(table + "/"), result);
            if (problem != null) {
                problems.add(problem);
            }
            rows.put(table, result.path("rows").asLong(-1));
        }
        if (!problems.isEmpty()) {
            throw new BenchboxException(String.join("; ", problems) + "; nothing registered");
        }
        for (String table : tables) {
            Map<String, String> parameters = new LinkedHashMap<>(scaleParameter);
            parameters.put("numRows", Long.toString(rows.get(table)));
            catalog.createOrUpdateTable(database, new GlueTableDefinition(table, hiveColumns(table), from.resolve(table + "/"), parameters));
        }
        return new LoadReport(rows, System.nanoTime() - started, List.of("registered in place from " + from.uri()
                + " after job run " + (usage == null ? "?" : usage.jobRunId()) + " checked row counts and column types (nothing copied)"));
    }

    /** What is wrong with one table of the data set, in words naming it, or null when it passed the check. */
    private static String problem(String table, double scale, S3Location location, JsonNode result) {
        String where = "table '" + table + "' at " + location.uri();
        if (!result.path("exists").asBoolean(false)) {
            return where + ": no Parquet files there";
        }
        if (result.hasNonNull("error")) {
            return where + ": unreadable Parquet (" + result.path("error").asText() + ")";
        }
        Map<String, String> found = new LinkedHashMap<>();
        result.path("columns").forEach(c -> found.put(c.path("name").asText().toLowerCase(java.util.Locale.ROOT), c.path("type").asText()));
        for (Column column : hiveColumns(table)) {
            String type = found.get(column.name());
            if (type == null) {
                return where + ": no column " + column.name();
            }
            if (!type.equals(column.type())) {
                return where + ": column " + column.name() + " is " + type + ", expected " + column.type();
            }
        }
        long rows = result.path("rows").asLong(-1);
        if (!TpchRowCounts.matches(table, scale, rows)) {
            return String.format(java.util.Locale.ROOT, "%s: %,d rows, expected %s for SF %s", where, rows,
                    TpchRowCounts.describe(table, scale), TpchSchema.formatScale(scale));
        }
        return null;
    }

    static List<Column> hiveColumns(String table) {
        return GeneratedDataSet.TPCH.hiveColumns(table);
    }
}
