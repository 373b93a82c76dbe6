package dev.benchbox.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The job's check mode ({@code "kind": "check"}), for registering a data set that is already in S3: for every
 * table folder {@code <source><table>/} it reports whether it holds Parquet files, their columns with Spark's
 * type names ({@code bigint}, {@code int}, {@code date}, {@code decimal(15,2)}, {@code string}) and the row count,
 * to {@code <output>check.json}. It judges nothing: the shell compares with its schema and the scale's row counts.
 *
 * <pre>{@code {"kind": "check", "run_id": "c-1", "source": "s3://b/tpch/sf1000/", "output": "s3://b/staging/runs/c-1/",
 *  "tables": ["nation", "lineitem"]}}</pre>
 */
final class DataCheck {
    static final String KIND = "check";
    static final String REPORT = "check.json";

    private DataCheck() {
    }

    static boolean isCheck(JsonNode root) {
        return KIND.equals(root.path("kind").asText(null));
    }

    static void run(SparkSession spark, JsonNode manifest, Configuration hadoop) throws IOException {
        String source = prefix(manifest, "source");
        String output = prefix(manifest, "output");
        JsonNode tables = manifest.path("tables");
        if (!tables.isArray() || tables.isEmpty()) {
            throw new IllegalArgumentException("tables must be a non-empty array of names");
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode report = json.createObjectNode().put("run_id", manifest.path("run_id").asText()).put("source", source);
        ObjectNode results = report.putObject("tables");
        for (JsonNode name : tables) {
            String table = name.asText();
            Path dir = new Path(URI.create(source + table + "/"));
            ObjectNode result = results.putObject(table).put("location", dir + "/");
            if (!hasParquet(dir.getFileSystem(hadoop), dir)) {
                result.put("exists", false);
                continue;
            }
            result.put("exists", true);
            try {
                Dataset<Row> data = spark.read().parquet(dir.toString());
                ArrayNode columns = result.putArray("columns");
                for (StructField field : data.schema().fields()) {
                    columns.addObject().put("name", field.name()).put("type", field.dataType().simpleString());
                }
                result.put("rows", data.count());
            } catch (Exception e) { // unreadable files are the table's problem, reported as such
                result.put("error", e.getMessage() == null ? e.getClass().getName() : e.getMessage().split("\\R", 2)[0]);
            }
            log("checked " + table + ": " + result);
        }
        Path out = new Path(URI.create(output + REPORT));
        try (FSDataOutputStream stream = out.getFileSystem(hadoop).create(out, true)) {
            stream.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        }
    }

    private static boolean hasParquet(FileSystem fs, Path dir) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        try {
            for (FileStatus status : fs.listStatus(dir)) {
                String name = status.getPath().getName();
                if (status.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                    files.add(status);
                }
            }
        } catch (FileNotFoundException e) {
            return false;
        }
        return !files.isEmpty();
    }

    private static String prefix(JsonNode manifest, String field) {
        String value = manifest.path(field).asText("");
        if (!value.matches("[a-z0-9]+://.+")) {
            throw new IllegalArgumentException(field + " must be a URI such as s3://bucket/prefix/");
        }
        return value.endsWith("/") ? value : value + "/";
    }

    private static void log(String message) {
        System.out.println("benchbox-job: " + message);
    }
}
