package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.Column;
import dev.benchbox.platform.GenerationPlan;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.TableFormat;
import dev.benchbox.platform.emr.job.IcebergCatalog;
import dev.benchbox.platform.emr.job.GenerationManifest;
import dev.benchbox.platform.emr.job.JobRunService;
import dev.benchbox.platform.emr.job.JobSettings;
import dev.benchbox.platform.emr.job.RunManifest;
import dev.benchbox.platform.emr.job.S3Uri;
import dev.benchbox.platform.emr.job.SparkSubmit;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.tpch.TpchRowCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A benchmark's data set ({@link DataSet}) generated inside EMR Serverless: the shell uploads the job jar and a
 * {@link GenerationManifest}, one job run writes every part straight to {@code <staging>/data/<benchmark>/sf<SF>/<table>/},
 * and the Glue tables are registered with the job's own row counts. No table data passes through this machine. A dry run writes the
 * same requests to recording clients, whose job run ends at once ({@link PreviewJob}).
 */
final class EmrDataGeneration {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a check job writes under its output prefix. */
    static final String CHECK_REPORT = "check.json";
    private final JobRunService service;
    private final S3Client s3;
    private final GlueTables catalog;
    private final StagingLayout layout;
    private final Supplier<JobRunService.Progress> progress;

    EmrDataGeneration(JobRunService service, S3Client s3, GlueTables catalog, StagingLayout layout,
            Supplier<JobRunService.Progress> progress) {
        this.service = requireNonNull(service, "service is null");
        this.s3 = requireNonNull(s3, "s3 is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.layout = requireNonNull(layout, "layout is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /** The manifest of a generation run: each table's parts and its columns as the Glue table declares them. */
    GenerationManifest manifest(String runId, GenerationPlan plan) {
        return manifest(runId, plan, TableFormat.PARQUET, null);
    }

    /** As {@link #manifest(String, GenerationPlan)}; Iceberg tables are written by the job into {@code database}. */
    GenerationManifest manifest(String runId, GenerationPlan plan, TableFormat format, String database) {
        Map<String, GenerationManifest.Table> tables = new LinkedHashMap<>();
        for (String table : plan.tables()) {
            tables.put(table, new GenerationManifest.Table(plan.parts().get(table), hiveColumns(plan.dataSet(), table)));
        }
        String data = layout.generated(plan.benchmark(), plan.scale()).uri();
        return new GenerationManifest(runId, plan.benchmark(), plan.scale(), data, RunManifest.outputFor(service.settings().staging(), runId),
                tables, format == TableFormat.ICEBERG ? database : null);
    }

    SparkSubmit sparkSubmit(GenerationPlan plan) {
        return sparkSubmit(plan, TableFormat.PARQUET);
    }

    SparkSubmit sparkSubmit(GenerationPlan plan, TableFormat format) {
        JobSettings s = service.settings();
        SparkSubmit submit = SparkSubmit.forJob(RunManifest.Catalog.PATHS, s.executorCores(), s.executorMemory());
        Map<String, String> conf = new LinkedHashMap<>();
        if (format == TableFormat.ICEBERG) {
            conf.putAll(IcebergCatalog.sparkConf(s.staging()));
        }
        conf.putAll(s.releaseSettings(plan.sparkConf()));
        for (Map.Entry<String, String> c : conf.entrySet()) {
            submit = submit.withConf(c.getKey(), c.getValue());
        }
        return submit;
    }

    /**
     * Refuses, before any work, a load whose tables exist in the database in the other format: Glue holds one table per
     * name, and turning a Parquet table into an Iceberg one (or back) in place would lose what the other held.
     */
    void requireFormat(String database, List<String> tables, TableFormat format) {
        Map<String, TableFormat> held = catalog.tableFormats(database);
        List<String> other = tables.stream().filter(t -> held.containsKey(t) && held.get(t) != format).toList();
        if (!other.isEmpty()) {
            TableFormat them = format == TableFormat.ICEBERG ? TableFormat.PARQUET : TableFormat.ICEBERG;
            throw new BenchboxException("schema '" + database + "' holds " + them.title() + " tables of the same names ("
                    + String.join(", ", other) + "): load " + format.title() + " tables into another schema (create-schema "
                    + database + "_" + format.word() + ", then load with --schema " + database + "_" + format.word() + ")");
        }
    }

    /**
     * Generates the plan's benchmark (TPC-H or TPC-DS) in one job run and registers its tables with the job's row counts
     * (without, when the job counted none: a dry run's).
     */
    LoadReport generate(String database, GenerationPlan plan, LoadProgress loadProgress) {
        return generate(database, plan, TableFormat.PARQUET, loadProgress);
    }

    /**
     * As {@link #generate(String, GenerationPlan, LoadProgress)}; Iceberg tables are created by the job itself through
     * Iceberg's Glue catalog (data and metadata under the staging location's {@code iceberg/}), and the shell then adds
     * the scale and row count to each Glue table's parameters, keeping what Iceberg wrote.
     */
    LoadReport generate(String database, GenerationPlan plan, TableFormat format, LoadProgress loadProgress) {
        long started = System.nanoTime();
        DataSet dataSet = plan.dataSet();
        GenerationManifest manifest = manifest(service.nextRunId("g"), plan, format, database);
        String manifestUri = manifest.upload(s3);
        var usage = service.runManifest("load", manifest.runId(), manifestUri, sparkSubmit(plan, format), progress.get());
        GenerationManifest.Report report = manifest.readReport(s3);
        Map<String, String> scaleParameter = Map.of(dataSet.scaleParameter(), Scale.of(plan.scale()).text());
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : manifest.tables().keySet()) {
            Map<String, String> parameters = new LinkedHashMap<>(scaleParameter);
            Long count = report.rows().get(table);
            if (count != null) {
                parameters.put("numRows", Long.toString(count));
            }
            if (format == TableFormat.ICEBERG) {
                if (count != null) { // a dry run's job created no table to annotate
                    catalog.addParameters(database, table, parameters);
                }
            } else {
                catalog.createOrUpdateTable(database, new GlueTableDefinition(table, hiveColumns(dataSet, table),
                        layout.generatedTable(plan.benchmark(), plan.scale(), table), parameters));
            }
            rows.put(table, count == null ? 0L : count);
        }
        String note = "generated in the cluster by job run " + (usage == null ? "?" : usage.jobRunId()) + ": "
                + report.partsGenerated() + " part" + (report.partsGenerated() == 1 ? "" : "s") + " written"
                + (report.partsReused() == 0 ? "" : ", " + report.partsReused() + " already committed by an earlier run (kept)")
                + "; data in " + manifest.data()
                + (format == TableFormat.ICEBERG ? "; written as Iceberg tables (Glue catalog " + IcebergCatalog.NAME + ", warehouse "
                        + IcebergCatalog.warehouse(service.settings().staging()) + ")" : "");
        return new LoadReport(rows, System.nanoTime() - started, List.of(note));
    }

    /** Checks an existing data set with a job run, then registers its tables in place; nothing is registered unless all pass. */
    LoadReport register(String database, DataSet dataSet, Scale scale, List<String> tables, S3Location from,
            LoadProgress loadProgress) {
        long started = System.nanoTime();
        String runId = service.nextRunId("c");
        String output = RunManifest.outputFor(service.settings().staging(), runId);
        // benchmark, scale and expect are the shell's to judge: the job ignores them, a reader of the manifest (and a
        // dry run's job, which answers with exactly what is expected) sees what the report will be checked against
        ObjectNode manifest = JSON.createObjectNode().put("kind", "check").put("run_id", runId).put("source", from.uri())
                .put("benchmark", dataSet.name())
                .put("scale", new java.math.BigDecimal(scale.text()))
                .put("output", output);
        ArrayNode names = manifest.putArray("tables");
        tables.forEach(names::add);
        ObjectNode expect = manifest.putObject("expect");
        for (String table : tables) {
            ObjectNode t = expect.putObject(table).put("rows", dataSet.rowCounts().example(table, scale));
            ArrayNode columns = t.putArray("columns");
            hiveColumns(dataSet, table).forEach(c -> columns.addObject().put("name", c.name()).put("type", c.type()));
        }
        String manifestJson = manifest.toPrettyString();
        String manifestUri = output + RunManifest.FILE_NAME;
        // the connection's settings: tuned to the scale being checked, the user's --spark-conf over them
        SparkSubmit submit = service.settings().sparkSubmit(RunManifest.Catalog.PATHS);
        Map<String, String> scaleParameter = Map.of(dataSet.scaleParameter(), scale.text());
        S3Uri target = S3Uri.parse(manifestUri);
        s3.putObject(b -> b.bucket(target.bucket()).key(target.key()).contentType("application/json"),
                software.amazon.awssdk.core.sync.RequestBody.fromString(manifestJson));
        var usage = service.runManifest("load", runId, manifestUri, submit, progress.get());
        S3Uri reportUri = S3Uri.parse(output + CHECK_REPORT);
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
            String problem = problem(dataSet, table, scale, from.resolve(table + "/"), result);
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
            catalog.createOrUpdateTable(database, new GlueTableDefinition(table, hiveColumns(dataSet, table), from.resolve(table + "/"), parameters));
        }
        return new LoadReport(rows, System.nanoTime() - started, List.of("registered in place from " + from.uri()
                + " after job run " + (usage == null ? "?" : usage.jobRunId()) + " checked row counts and column types (nothing copied)"));
    }

    /** What is wrong with one table of the data set, in words naming it, or null when it passed the check. */
    private static String problem(DataSet dataSet, String table, Scale scale, S3Location location, JsonNode result) {
        String where = "table '" + table + "' at " + location.uri();
        if (!result.path("exists").asBoolean(false)) {
            return where + ": no Parquet files there";
        }
        if (result.hasNonNull("error")) {
            return where + ": unreadable Parquet (" + result.path("error").asText() + ")";
        }
        Map<String, String> found = new LinkedHashMap<>();
        result.path("columns").forEach(c -> found.put(c.path("name").asText().toLowerCase(java.util.Locale.ROOT), c.path("type").asText()));
        for (Column column : hiveColumns(dataSet, table)) {
            String type = found.get(column.name());
            if (type == null) {
                return where + ": no column " + column.name();
            }
            if (!type.equals(column.type())) {
                return where + ": column " + column.name() + " is " + type + ", expected " + column.type();
            }
        }
        long rows = result.path("rows").asLong(-1);
        if (!dataSet.rowCounts().matches(table, scale, rows)) {
            return String.format(java.util.Locale.ROOT, "%s: %,d rows, expected %s for SF %s", where, rows,
                    dataSet.rowCounts().expected(table, scale), scale.text());
        }
        return null;
    }

    /** A table's columns with Hive types, as the Glue table declares them (CHAR(n) and VARCHAR(n) are {@code string}). */
    static List<Column> hiveColumns(DataSet dataSet, String table) {
        return dataSet.columns(table).stream().map(c -> new Column(c.name(), HiveTypes.of(table, c.name(), c.type()))).toList();
    }
}
