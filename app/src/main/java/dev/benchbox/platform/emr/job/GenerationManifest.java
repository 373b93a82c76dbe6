package dev.benchbox.platform.emr.job;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.Column;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the job's generation mode reads ({@code "kind": "generate"}): the benchmark, the scale, each table with
 * its part count and its columns (names and Hive types from the shell's own schema: the job holds no copy), the
 * data set's prefix and where the job's report goes. Written to {@code <output>manifest.json}.
 *
 * @param runId     the generation run's id (letters, digits, '.', '_', '-')
 * @param benchmark {@code tpch}
 * @param scale     the scale factor
 * @param data      the data set's prefix, {@code <staging>/data/tpch/sf<SF>/}
 * @param output    {@code <staging>/runs/<run-id>/}
 * @param tables    table → its part count and columns, in load order
 * @param icebergDatabase the Glue database the job writes the tables to as Iceberg tables ({@link IcebergCatalog}), or
 *                  null for Parquet files alone (the shell registers those)
 */
public record GenerationManifest(String runId, String benchmark, double scale, String data, String output,
        Map<String, Table> tables, String icebergDatabase) {
    /** The report the job writes last under the output prefix. */
    public static final String REPORT = "generation.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One table: how many parts, which columns (Hive types). */
    public record Table(int parts, List<Column> columns) {
        public Table {
            if (parts < 1) {
                throw new IllegalArgumentException("parts must be at least 1: " + parts);
            }
            columns = List.copyOf(columns);
        }
    }

    public GenerationManifest {
        requireNonNull(runId, "runId is null");
        requireNonNull(benchmark, "benchmark is null");
        data = S3Uri.parse(requireNonNull(data, "data is null")).asPrefix().toString();
        output = S3Uri.parse(requireNonNull(output, "output is null")).asPrefix().toString();
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /** A manifest whose tables stay Parquet files. */
    public GenerationManifest(String runId, String benchmark, double scale, String data, String output, Map<String, Table> tables) {
        this(runId, benchmark, scale, data, output, tables, null);
    }

    public String manifestUri() {
        return output + RunManifest.FILE_NAME;
    }

    public String reportUri() {
        return output + REPORT;
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", "generate");
        root.put("run_id", runId);
        root.put("benchmark", benchmark);
        // the scale as written: 0.01 (not 0.01000000000000000020816681711721685), 10 (not 1E+1)
        root.put("scale", new BigDecimal(new BigDecimal(Double.toString(scale)).stripTrailingZeros().toPlainString()));
        root.put("data", data);
        root.put("output", output);
        ArrayNode tableNode = root.putArray("tables");
        tables.forEach((name, table) -> {
            ObjectNode t = tableNode.addObject().put("name", name).put("parts", table.parts());
            ArrayNode columns = t.putArray("columns");
            table.columns().forEach(c -> columns.addObject().put("name", c.name()).put("type", c.type()));
        });
        if (icebergDatabase != null) {
            root.putObject("iceberg").put("catalog", IcebergCatalog.NAME).put("database", icebergDatabase);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    public String upload(S3Client s3) {
        S3Uri target = S3Uri.parse(manifestUri());
        s3.putObject(b -> b.bucket(target.bucket()).key(target.key()).contentType("application/json"),
                RequestBody.fromBytes(toJson().getBytes(StandardCharsets.UTF_8)));
        return target.toString();
    }

    /** What the job reported: rows per table (none when it counted nothing) and how many parts it generated or found committed. */
    public record Report(Map<String, Long> rows, int partsGenerated, int partsReused) {
        public Report {
            rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        }
    }

    /** Reads the job's report; a missing or unreadable one is a one-line error (the job did not finish). */
    public Report readReport(S3Client s3) {
        S3Uri report = S3Uri.parse(reportUri());
        JsonNode root;
        try {
            root = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(report.bucket()).key(report.key())).asByteArray());
        } catch (java.io.IOException | software.amazon.awssdk.services.s3.model.S3Exception e) {
            throw new BenchboxException("the generation job left no readable report at " + report + ": " + e.getMessage());
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        // a job that counted nothing (a dry run's) reports no table; one that counted reports them all
        boolean counted = !root.path("tables").isEmpty();
        for (String table : counted ? tables.keySet() : java.util.Set.<String>of()) {
            JsonNode count = root.path("tables").path(table).path("rows");
            if (!count.canConvertToLong()) {
                throw new BenchboxException("the generation job's report " + report + " has no row count for table '" + table + "'");
            }
            if (icebergDatabase != null) {
                // what the Iceberg table holds, read back by the job: it must be every generated row
                JsonNode iceberg = root.path("tables").path(table).path("iceberg_rows");
                if (!iceberg.canConvertToLong() || iceberg.asLong() != count.asLong()) {
                    throw new BenchboxException("the generation job's report " + report + ": Iceberg table '" + table + "' holds "
                            + (iceberg.canConvertToLong() ? iceberg.asLong() + " rows" : "no counted rows") + ", generated " + count.asLong());
                }
            }
            rows.put(table, count.asLong());
        }
        return new Report(rows, root.path("parts_generated").asInt(), root.path("parts_reused").asInt());
    }
}
